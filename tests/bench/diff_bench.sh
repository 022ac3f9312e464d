#!/usr/bin/env bash
# Times `gloss summarize --diff HEAD~1...HEAD --format json` (offline provider, no index) on a
# ~5,000-line change to the Linux sources, next to `git diff --stat` of the same range, and
# prints both and their ratio. The Linux checkout is used as it is when it is a git repository;
# otherwise kernel/ and drivers/net/ are copied to a scratch repository, committed, changed by
# a script (a new function and edited returns in many C files) and committed again.
#
#   tests/bench/diff_bench.sh [path/to/gloss]
set -euo pipefail

GLOSS=$(realpath "${1:-$(dirname "$0")/../../build/server/gloss}")
SRC=${LINUX_SRC:-/var/tmp/gloss-corpora/linux-6.1-checkout}
WORK=${BENCH_DIR:-/var/tmp/gloss-diff-bench-$(id -u)}
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

now() { date +%s.%N; }

if git -C "$SRC" rev-parse --verify -q HEAD~1 >/dev/null 2>&1; then
  REPO=$SRC
else
  REPO=$WORK/linux
  if ! git -C "$REPO" rev-parse --verify -q HEAD~1 >/dev/null 2>&1; then
    rm -rf "$REPO"
    mkdir -p "$REPO/drivers"
    cp -r "$SRC/kernel" "$REPO/kernel"
    cp -r "$SRC/drivers/net" "$REPO/drivers/net"
    git -C "$REPO" init -q -b main
    git -C "$REPO" add -A
    git -C "$REPO" commit -q -m "linux 6.1: kernel/ and drivers/net/"
    python3 - "$REPO" <<'PY'
import pathlib, sys
root = pathlib.Path(sys.argv[1])
files = sorted(p for p in root.glob("**/*.c") if p.stat().st_size > 20000)[::6][:200]
changed = 0
for n, path in enumerate(files):
    text = path.read_text(errors="surrogateescape")
    edits = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if edits < 8 and line.strip() == "return 0;":
            lines[i] = line.replace("return 0;", "return 0; /* checked */")
            edits += 1
    added = [
        "",
        f"static int bench_helper_{n}(int value)",
        "{",
        "\tint total = 0;",
        "",
        "\twhile (value > 0) {",
        "\t\ttotal += value % 10;",
        "\t\tvalue /= 10;",
        "\t}",
        "\treturn total;",
        "}",
    ]
    path.write_text("\n".join(lines + added), errors="surrogateescape")
    changed += 2 * edits + len(added)
print(f"changed {len(files)} files, about {changed} diff lines")
PY
    git -C "$REPO" commit -q -am "bench: scripted change"
  fi
fi

echo "repository: $REPO"
git -C "$REPO" diff --shortstat HEAD~1...HEAD
start=$(now)
git -C "$REPO" diff --stat HEAD~1...HEAD >/dev/null
git_s=$(echo "$(now) - $start" | bc -l)
start=$(now)
(cd "$REPO" && "$GLOSS" summarize --diff HEAD~1...HEAD --format json --db :memory: >"$WORK/summary.json")
gloss_s=$(echo "$(now) - $start" | bc -l)
symbols=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["symbols"]), "definitions in", d["stats"]["files"], "files")' "$WORK/summary.json")
printf 'git diff --stat:          %.3f s\n' "$git_s"
printf 'gloss summarize --diff:   %.3f s (%s)\n' "$gloss_s" "$symbols"
printf 'ratio gloss/git:          %.1f\n' "$(echo "$gloss_s / $git_s" | bc -l)"
