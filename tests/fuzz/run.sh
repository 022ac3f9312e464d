#!/usr/bin/env bash
# Runs every libFuzzer target of a GLOSS_FUZZ build for a bounded time, each on a working copy
# of its committed seed corpus (tests/fuzz/corpus/<name>), so the repository stays untouched.
# Findings are written to <build>/tests/fuzz/work/<name>/artifacts; the exit status is non-zero
# if any target found one.
#
#   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DGLOSS_FUZZ=ON
#   ninja -C build-fuzz gloss_fuzz_sse_parser gloss_fuzz_key_scrub
#   tests/fuzz/run.sh build-fuzz 60
set -euo pipefail

build=${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET]}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)

shopt -s nullglob
targets=("$build"/tests/fuzz/gloss_fuzz_*)
if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets in $build/tests/fuzz (configure with -DGLOSS_FUZZ=ON and build them)" >&2
  exit 2
fi

status=0
for target in "${targets[@]}"; do
  name=$(basename "$target")
  name=${name#gloss_fuzz_}
  work="$build/tests/fuzz/work/$name"
  mkdir -p "$work/corpus" "$work/artifacts"
  if [ -d "$here/corpus/$name" ]; then cp -n "$here/corpus/$name"/* "$work/corpus/" || true; fi
  echo "== $name: ${seconds} s"
  if ! "$target" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/" "$work/corpus"; then
    echo "== $name: finding in $work/artifacts" >&2
    status=1
  fi
done
exit $status
