#!/usr/bin/env bash
# Grep benchmark on the Linux 6.1 tree, in the same run as ripgrep (the reference). Per pattern,
# the median of RUNS runs after one warm-up of:
#   rg           rg --json --no-require-git --no-config --no-ignore-global FLAGS PATTERN .
#   cli scan     gloss grep --json --no-index --max-results 10^7 FLAGS PATTERN .  (walk and match)
#   daemon scan  gloss/grep with useIndex:false in a running `gloss serve`
#   warm         gloss/grep with useIndex:true once that daemon's index is ready
#   page         warm with the default maxResults: the first page an editor asks for
# and the ratios to rg. Not a test: it prints figures.
#
#   tests/bench/grep_bench.sh [RUNS]     (default 5; GLOSS=path/to/gloss picks the binary)
#
# The two command-line tools write JSON (one object per matching line, with its text and
# submatch offsets) to a file on tmpfs: output of comparable cost, counted afterwards so that a
# difference in the work done shows up as a warning. The daemon's times run from request to
# parsed response in a vscode-jsonrpc client with every match in it (maxResults 10^7, never
# reached); a result of over 200,000 lines (three patterns have about a million) is timed once,
# being mostly JSON. The daemon's workspace does not follow symlinks, like rg and `gloss grep`.
# The tree honours the kernel's own .gitignore files (corpus linux-checkout in corpora.sh). The
# index is built once per run in a temporary XDG_CACHE_HOME under /var/tmp, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
GLOSS="${GLOSS:-$PWD/build/server/gloss}"
RUNS="${1:-5}"
BENCH_DIR="$PWD/tests/bench"

# shellcheck source=tests/bench/corpora.sh
source tests/bench/corpora.sh
need ripgrep linux-source-6.1 xz-utils
[ -x "$GLOSS" ] || { echo "build gloss first (.ci/build)" >&2; exit 2; }
"$GLOSS" --help | grep -q "gloss grep" || { echo "$GLOSS has no grep command" >&2; exit 2; }
[ -d tests/node/node_modules/vscode-jsonrpc ] || { echo "run .ci/setup (tests/node packages)" >&2; exit 2; }
TREE="$(corpus_dir linux-checkout)"

SCRATCH="$(mktemp -d /var/tmp/gloss-grep-bench.XXXXXX)"
# Tool output goes to memory when it can: a million JSON lines should not wait on a disk.
OUTPUTS="$(mktemp -d /dev/shm/gloss-grep-bench.XXXXXX 2>/dev/null || mktemp -d "$SCRATCH/out.XXXXXX")"
trap 'rm -rf "$SCRATCH" "$OUTPUTS"' EXIT
export XDG_CACHE_HOME="$SCRATCH/cache"

# "flags|pattern"; the flags never hold a '|'. Every entry names its case mode: rg's default is
# case-sensitive, gloss's is smart case.
PATTERNS=(
  "-s|kvm_vcpu_ioctl_set_cpuid2"                            # rare literal
  "-s -w|pci_alloc_irq_vectors_affinity"                    # rare identifier, whole word
  "-s|zzq_no_such_symbol_xyz"                               # matches nothing
  "-s|EXPORT_SYMBOL_GPL"                                    # medium literal
  "-s|return"                                               # common literal, ~1M lines
  "-i -w|mutex"                                             # case-insensitive word
  "-i|jürgen"                                               # non-ASCII, case-insensitive
  "-s|spin_(lock|unlock)_irqsave"                           # alternation
  '-s|^static (const )?struct [a-z_]+_ops [a-z_]+ = \{'     # anchored regex
  "-s -F|sizeof(*"                                          # fixed string, metacharacters
  "-s|[A-Z]{3,}_[0-9]+"                                     # class-heavy regex, ~1.2M lines
  '-s|\w+\s*=\s*\w+\('                                      # no literal at all, ~1M lines
)
for entry in "${PATTERNS[@]}"; do printf '%s\t%s\n' "${entry%%|*}" "${entry#*|}"; done \
  >"$SCRATCH/patterns.tsv"

# Runs a command with its output in $OUTPUTS/out; prints the wall time in nanoseconds. Exit
# status 1 (nothing matched) is a result, not a failure.
time_ns() {
  local start end status=0
  start="$(date +%s%N)"
  "$@" >"$OUTPUTS/out" 2>"$OUTPUTS/err" || status=$?
  end="$(date +%s%N)"
  if [ "$status" -gt 1 ]; then
    echo "failed ($status): $*" >&2
    cat "$OUTPUTS/err" >&2
    return 1
  fi
  echo $((end - start))
}

match_lines() { grep -c '"type":"match"' "$OUTPUTS/out" || true; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "tree: $TREE ($(nproc) cores), $RUNS runs per measure after one warm-up" >&2
cd "$TREE"
while IFS=$'\t' read -r flags pattern; do
  read -r -a flag_list <<<"$flags"
  rg_cmd=(rg --json --no-require-git --no-config --no-ignore-global "${flag_list[@]}" "$pattern" .)
  gloss_cmd=("$GLOSS" grep --json --no-index --max-results 10000000 "${flag_list[@]}" "$pattern" .)
  time_ns "${rg_cmd[@]}" >/dev/null
  rg_lines="$(match_lines)"
  time_ns "${gloss_cmd[@]}" >/dev/null
  gloss_lines="$(match_lines)"
  rg_times=()
  gloss_times=()
  for _ in $(seq "$RUNS"); do
    rg_times+=("$(time_ns "${rg_cmd[@]}")")
    gloss_times+=("$(time_ns "${gloss_cmd[@]}")")
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$flags" "$pattern" "$rg_lines" "$gloss_lines" \
    "$(median "${rg_times[@]}")" "$(median "${gloss_times[@]}")" >>"$SCRATCH/cli.tsv"
  echo "cli: $flags $pattern: rg $rg_lines lines, gloss $gloss_lines" >&2
done <"$SCRATCH/patterns.tsv"
cd - >/dev/null

node --expose-gc --max-old-space-size=12288 "$BENCH_DIR/grep_daemon.js" "$GLOSS" "$TREE" "$RUNS" \
  "$SCRATCH/patterns.tsv" "$SCRATCH/server.log" >"$SCRATCH/daemon.jsonl" || {
  echo "the daemon run failed; its log:" >&2
  tail -20 "$SCRATCH/server.log" >&2
  exit 1
}

python3 - "$SCRATCH/cli.tsv" "$SCRATCH/daemon.jsonl" "$RUNS" "$(nproc)" "$load_at_start" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, statistics, sys

runs, cores, load_start, load_end = sys.argv[3:7]
print(f"{cores} cores, median of {runs} runs after a warm-up; load average {load_start} at the "
      f"start, {load_end} at the end")

cli = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
records = [json.loads(line) for line in open(sys.argv[2])]
index = next(r for r in records if r["kind"] == "index")
daemon = {(r["flags"], r["pattern"]): r for r in records if r["kind"] == "pattern"}

ix = index["index"]
last = ix.get("lastPass", {})
print(f"index built in {index['ms'] / 1000:.1f} s (initialize to ready): {ix.get('files')} files, "
      f"{ix.get('databaseBytes', 0) / 1e6:.0f} MB index.db, {last.get('oversized')} over the size "
      f"limit, {last.get('binary')} binary")
header = ("pattern", "lines", "rg ms", "scan ms", "scan/rg", "dscan ms", "warm ms", "warm/rg",
          "rg/warm", "page ms")
rows, warnings = [], []
for flags, pattern, rg_lines, cli_lines, rg_ns, cli_ns in cli:
    d = daemon[(flags, pattern)]
    rg_ms, cli_ms = int(rg_ns) / 1e6, int(cli_ns) / 1e6
    warm_ms, dscan_ms = statistics.median(d["warm"]["ms"]), statistics.median(d["scan"]["ms"])
    page_ms = statistics.median(d["page"]["ms"])
    once = "*" if len(d["warm"]["ms"]) == 1 and len(d["page"]["ms"]) > 1 else ""
    label = f"{flags} {pattern}"
    rows.append((label, rg_lines, f"{rg_ms:.0f}", f"{cli_ms:.0f}", f"{cli_ms / rg_ms:.2f}",
                 f"{dscan_ms:.0f}{once}", f"{warm_ms:.0f}{once}", f"{warm_ms / rg_ms:.2f}",
                 f"{rg_ms / warm_ms:.1f}x", f"{page_ms:.0f}"))
    counts = {"rg": int(rg_lines), "cli scan": int(cli_lines), "daemon scan": d["scan"]["lines"],
              "warm": d["warm"]["lines"]}
    if len(set(counts.values())) > 1:
        warnings.append(f"WARNING: '{label}' match lines differ: "
                        + ", ".join(f"{k} {v}" for k, v in counts.items()))
    page = d["page"]
    if page["lines"] > int(rg_lines) or page["truncated"] != (page["lines"] < int(rg_lines)):
        warnings.append(f"WARNING: '{label}' page: {d['page']['lines']} lines, "
                        f"truncated {d['page']['truncated']}")
    for mode in ("warm", "scan"):
        if d[mode]["truncated"]:
            warnings.append(f"WARNING: '{label}' {mode} result truncated")
    for mode in ("warm", "page"):
        if d[mode]["mode"] != "index":
            warnings.append(f"WARNING: '{label}' {mode} request ran in mode {d[mode]['mode']!r}")
width = max(len(r[0]) for r in rows + [header])
fmt = f"{{:<{width}}} " + " ".join("{:>9}" for _ in header[1:])
print(fmt.format(*header))
for row in rows:
    print(fmt.format(*row))
print("lines: match lines reported by rg; scan: gloss grep --no-index (CLI); dscan: the daemon with\n"
      "useIndex:false; warm: the daemon with its index; page: warm with the default maxResults (the\n"
      "first page); *: timed once (a result of over 200,000 lines, mostly JSON).")
for w in warnings:
    print(w)
PY
