#!/usr/bin/env bash
# Regenerates the approved public API files (tests/CrmCore.Packaging.Tests/PublicApi/<Assembly>.approved.txt) from the
# current build of every library under src/. Review the diff (git diff tests/CrmCore.Packaging.Tests/PublicApi) and
# commit it with the change that caused it. See docs/packaging.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
CRMCORE_UPDATE_PUBLIC_API=1 dotnet test "$root/tests/CrmCore.Packaging.Tests" -c Release \
  --filter "FullyQualifiedName~CrmCore.Packaging.Tests.PublicApi.PublicApiTests.PublicApi_MatchesApprovedFile" "$@"
git -C "$root" status --short -- tests/CrmCore.Packaging.Tests/PublicApi
