#!/usr/bin/env bash
# Installs Debian's Chromium and a CJK font for the report's browser test (tests/CrmCore.Reporting.Tests/Browser), when missing.
# Idempotent: does nothing when /usr/bin/chromium and a Chinese font are already there. Needs root (or sudo) and apt.
# Usage from .ci/run, before `dotnet test`:  bash eng/ci/chromium.sh
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  need+=(fonts-noto-cjk)
fi

if [ ${#need[@]} -eq 0 ]; then
  echo "chromium.sh: $(chromium --version 2>/dev/null | head -1) and a CJK font are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "chromium.sh: installing ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
chromium --version
