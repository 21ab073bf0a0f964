#!/usr/bin/env bash
# Mutation testing (Stryker.NET, pinned in .config/dotnet-tools.json) on ONE source file at a time.
#   eng/mutation.sh src/CrmCore/Sla/SlaEngine.cs [extra stryker options]
# The test project is chosen from the file's project; the configuration (Release, concurrency 1, Standard
# mutation level, multi-thread stress/scale tests excluded) is tests/<project>/stryker-config.json.
# The report goes to tests/<project>/StrykerOutput/<date>/reports (html and json).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: eng/mutation.sh <source file under src/> [stryker options]}"
shift
case "$target" in
  src/CrmCore.Rules/*) tests="CrmCore.Rules.Tests" ;;
  src/CrmCore/*)       tests="CrmCore.Tests" ;;
  *) echo "eng/mutation.sh: no test project is configured for $target" >&2; exit 2 ;;
esac
[ -f "$root/$target" ] || { echo "eng/mutation.sh: $target does not exist" >&2; exit 2; }
cd "$root"
dotnet tool restore >/dev/null
cd "tests/$tests"
# Stryker matches --mutate against paths relative to the mutated project's folder.
project_dir="$(dirname "$target" | cut -d/ -f1-2)"
relative="${target#"$project_dir"/}"
exec dotnet stryker --mutate "**/$relative" "$@"
