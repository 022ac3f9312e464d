#!/usr/bin/env bash
# Runs the libFuzzer targets of a GLOSS_FUZZ build for a bounded time each, on a working copy of
# each target's committed seed corpus (tests/fuzz/corpus/<name>), so the repository stays
# untouched. A target's output goes to <build>/tests/fuzz/work/<name>/log, its findings (crash-,
# leak-, timeout-, oom- files) to <build>/tests/fuzz/work/<name>/artifacts. Prints a table of
# target, executions, seconds and findings at the end; exits non-zero if any target found one.
#
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DGLOSS_FUZZ=ON -DGLOSS_BUILD_TESTS=OFF
#   ninja -C build-fuzz -j2
#   tests/fuzz/run.sh build-fuzz 60                  # every target, 60 s each
#   tests/fuzz/run.sh build-fuzz 120 chunker params  # only these
set -euo pipefail

usage="usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [TARGET...]"
build=${1:?$usage}
seconds=${2:-60}
shift $(($# < 2 ? $# : 2))
here=$(cd "$(dirname "$0")" && pwd)

shopt -s nullglob
if [ $# -gt 0 ]; then
  targets=()
  for name in "$@"; do targets+=("$build/tests/fuzz/gloss_fuzz_$name"); done
else
  targets=("$build"/tests/fuzz/gloss_fuzz_*)
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $build/tests/fuzz (configure with -DGLOSS_FUZZ=ON and build them)" >&2
  exit 2
fi

status=0
summary=()
for target in "${targets[@]}"; do
  name=$(basename "$target")
  name=${name#gloss_fuzz_}
  if [ ! -x "$target" ]; then
    echo "== $name: $target is not built" >&2
    status=2
    continue
  fi
  work="$build/tests/fuzz/work/$name"
  mkdir -p "$work/corpus" "$work/artifacts"
  if [ -d "$here/corpus/$name" ]; then cp -n "$here/corpus/$name"/* "$work/corpus/" || true; fi
  before=$(find "$work/artifacts" -type f | wc -l)
  echo "== $name: ${seconds} s (log: $work/log)"
  start=$(date +%s)
  if "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1; then
    result=ok
  else
    result=failed
  fi
  elapsed=$(($(date +%s) - start))
  findings=$(($(find "$work/artifacts" -type f | wc -l) - before))
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -n 1)
  grep -E '^(stat::|SUMMARY:|==[0-9]+==ERROR)|Test unit written' "$work/log" || true
  if [ "$result" = failed ] || [ "$findings" -gt 0 ]; then
    echo "== $name: finding in $work/artifacts" >&2
    status=1
  fi
  summary+=("$(printf '%-14s %12s %8s %9s' "$name" "${executions:-?}" "$elapsed" "$findings")")
done

printf '\n%-14s %12s %8s %9s\n' target executions seconds findings
printf '%s\n' "${summary[@]}"
exit $status
