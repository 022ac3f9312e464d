#!/usr/bin/env bash
# Code-aware commands on a real corpus (Go 1.19's standard library), offline provider: how long
# `gloss explain` (context building included: the target, the definitions it uses, its callers)
# and `gloss summarize` take on a warm index, next to what a user would run by hand to find the
# same callers — `rg -w NAME` over the tree — in the same run, as a ratio. Not a test: it prints
# figures.
#
#   tests/bench/commands_bench.sh [SYMBOL...]   (default: a few well-known Go functions)
set -euo pipefail
cd "$(dirname "$0")/../.."
GLOSS="${GLOSS:-$PWD/build/server/gloss}"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

# shellcheck source=tests/bench/corpora.sh
source tests/bench/corpora.sh
need golang-1.19-src ripgrep time bc
[ -x "$GLOSS" ] || { echo "build gloss first (.ci/build)" >&2; exit 2; }
dir="$(corpus_dir go)"
db="$SCRATCH/go.db"
common=(--root "$dir" --db "$db" --quiet)

seconds() {  # runs "$@", prints its wall time in seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || { cat "$SCRATCH/err" >&2; return 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

printf "cold index: %.2f s\n" "$(seconds "$GLOSS" index "$dir" --db "$db" --quiet)"
printf "%-28s %9s %9s %7s %7s %7s\n" symbol "explain s" "rg -w s" ratio pieces tokens
for symbol in "${@:-ListenAndServe json.Marshal bufio.NewReader ParseInt CanonicalMIMEHeaderKey}"; do
  for name in $symbol; do
    context=$(seconds "$GLOSS" explain "$name" --show-context "${common[@]}" || true)
    pieces=$(grep -c '^\[' "$SCRATCH/out" || true)
    tokens=$(sed -n 's/^total: \([0-9]*\) of.*/\1/p' "$SCRATCH/out")
    explain=$(seconds "$GLOSS" explain "$name" "${common[@]}" || echo nan)
    rg=$(seconds rg -w --no-heading -n "$name" "$dir" || echo nan)
    printf "%-28s %9.3f %9.3f %7.2f %7s %7s\n" "$name" "$explain" "$rg" \
      "$(echo "$explain / $rg" | bc -l)" "$pieces" "${tokens:-?}"
    : "$context"
  done
done
for folder in net/http encoding/json .; do
  t=$(seconds "$GLOSS" summarize "$dir/$folder" "${common[@]}")
  printf "summarize %-18s %.3f s, %s lines of outline\n" "$folder" "$t" "$(wc -l <"$SCRATCH/out")"
done
