#!/usr/bin/env bash
# Mutation testing (Stryker.NET, pinned in .config/dotnet-tools.json) on one source file or one folder at a time.
#   eng/mutation.sh src/CrmCore/Sla/SlaEngine.cs [extra stryker options]
#   MUTATION_TESTS=CrmCore.Tests.Sla eng/mutation.sh src/CrmCore/Sla/SlaEngine.cs
#   MUTATION_TESTS='RuleFiles|Hostile' eng/mutation.sh src/CrmCore.Rules/Loading      # every .cs file of the folder
#   eng/mutation.sh src/CrmCore/Tickets --mutate '!**/Tickets/TicketId.cs'           # a folder less one file
# MUTATION_TESTS narrows the tests to those whose full name contains it, or any of several names separated by `|` (faster
# on a busy machine; the score is then a lower bound: tests left out could only kill more mutants). A folder is one run
# with per-test coverage; the report lists every file's mutants.
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
target="${target%/}"
[ -e "$root/$target" ] || { echo "eng/mutation.sh: $target does not exist" >&2; exit 2; }
cd "$root"
dotnet tool restore >/dev/null
cd "tests/$tests"
# Stryker matches --mutate against paths relative to the mutated project's folder.
project_dir="$(dirname "$target" | cut -d/ -f1-2)"
relative="${target#"$project_dir"/}"
[ -d "$root/$target" ] && relative="$relative/*.cs"
config="stryker-config.json"
if [ -n "${MUTATION_TESTS:-}" ]; then
  config="$(mktemp --suffix=.json -p . stryker-narrowed-XXXX)"
  trap 'rm -f "$config"' EXIT
  names="(FullyQualifiedName~${MUTATION_TESTS//|/|FullyQualifiedName~})"
  sed "s/\"test-case-filter\": \"/\"test-case-filter\": \"${names}\&/" stryker-config.json > "$config"
fi
dotnet stryker --config-file "$config" --mutate "**/$relative" "$@"
