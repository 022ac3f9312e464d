#!/usr/bin/env bash
# Index benchmark on real corpora, in the same run as universal-ctags (the reference for symbol
# extraction): cold index, re-opening an unchanged tree, re-indexing one saved file, peak RSS,
# index size, and the gloss/ctags time ratio. Not a test: it prints figures.
#
#   tests/bench/index_bench.sh [go|python|linux]...   (default: all three)
#
# Corpora (Debian packages): golang-1.19-src, Python 3.11's standard library, and
# linux-source-6.1 unpacked into $GLOSS_CORPORA (default /var/tmp/gloss-corpora).
set -euo pipefail
cd "$(dirname "$0")/../.."
GLOSS="${GLOSS:-$PWD/build/server/gloss}"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT

# shellcheck source=tests/bench/corpora.sh
source tests/bench/corpora.sh
need universal-ctags time golang-1.19-src linux-source-6.1 libpython3.11-stdlib
[ -x "$GLOSS" ] || { echo "build gloss first (.ci/build)" >&2; exit 2; }

# Runs a command and prints "seconds peak_rss_kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$SCRATCH/time" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || {
    cat "$SCRATCH/err" >&2
    return 1
  }
  cat "$SCRATCH/time"
}

printf "%-7s %7s %8s %9s %8s %8s %8s %9s %8s %8s %7s\n" corpus files MB "gloss s" "files/s" "MB/s" \
  "RSS MB" "index MB" "ctags s" ratio "warm s"
for corpus in "${@:-go python linux}"; do
  for name in $corpus; do
    dir="$(corpus_dir "$name")"
    db="$SCRATCH/$name.db"
    # Debian's kernel tree has a root .gitignore that excludes everything; ctags reads no ignore
    # files either, so both tools see the same files.
    flags=(--db "$db" --json --quiet --no-ignore-files --include-hidden)
    sync
    read -r cold rss < <(measure "$GLOSS" index "$dir" "${flags[@]}")
    cp "$SCRATCH/out" "$SCRATCH/$name.json"
    read -r warm _ < <(measure "$GLOSS" index "$dir" "${flags[@]}")
    read -r ctags _ < <(measure ctags -R -f "$SCRATCH/tags" "$dir")
    one="$(find "$dir" \( -name '*.c' -o -name '*.go' -o -name '*.py' \) -print -quit)"
    touch "$one"
    single="$("$GLOSS" index "$dir" --db "$db" --no-ignore-files --include-hidden --only "$one" |
      sed -n 's/.* in \([0-9.]*\) ms.*/\1/p')"
    python3 - "$SCRATCH/$name.json" "$name" "$cold" "$rss" "$ctags" "$warm" "$single" <<'PY'
import json, sys
stats = json.load(open(sys.argv[1]))
name, cold, rss, ctags, warm, single = sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
mb = stats["sourceBytes"] / 1e6
print(f"{name:<7} {stats['files']:>7} {mb:>8.1f} {cold:>9.2f} {stats['files']/cold:>8.0f} {mb/cold:>8.1f} "
      f"{rss/1024:>8.0f} {stats['databaseBytes']/1e6:>9.0f} {ctags:>8.2f} {cold/ctags:>8.2f} {warm:>7.2f}"
      f"   (chunks {stats['chunks']}, symbols {stats['symbols']}, one saved file {single} ms)")
PY
  done
done
