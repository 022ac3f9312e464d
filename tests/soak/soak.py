#!/usr/bin/env python3
"""Soak test of the gloss daemon: drives the real binary for a while with edit storms, greps,
chats, explain and summarize against the loopback provider with faults switched on, and
cancellations; samples the daemon's RSS; fails when the daemon dies, a request goes
unanswered, an unexpected error appears, or RSS keeps growing after warm-up. See docs/soak.md.

Python 3 standard library only.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree when ctest runs this

from fixtures import Corpus, LoopbackProvider, copy_corpus, find_binary
from lsp_client import LspClient
from report import Sampler, Stats, print_report, read_proc, rss_summary
from workload import ChatLoad, EditorLoad, GrepLoad, SessionRegistry, StatusLoad


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--minutes", type=float, default=10.0, help="length of the load (default 10)")
    p.add_argument("--seconds", type=float, help="length of the load in seconds (wins)")
    p.add_argument("--binary", help="the gloss binary (default: $GLOSS_BINARY, else the newest "
                   "build*/server/gloss)")
    p.add_argument("--corpus", help="folder to copy as the workspace (default: this repository)")
    p.add_argument("--node", default="node", help="Node, for the loopback provider")
    p.add_argument("--seed", type=int, default=1, help="seed of the load and the fault mix")
    p.add_argument("--workers", type=int, default=2, help="the daemon's --workers")
    p.add_argument("--warmup-seconds", type=float,
                   help="warm-up excluded from the RSS check (default: 20%% of the run, at least "
                   "60 s, at most half)")
    p.add_argument("--max-growth-mb", type=float, default=20.0,
                   help="largest RSS growth after warm-up, MiB (default 20)")
    p.add_argument("--max-growth-percent", type=float, default=25.0,
                   help="largest RSS growth after warm-up, %% (default 25)")
    p.add_argument("--no-rss-check", action="store_true",
                   help="report RSS but do not judge it (short runs are mostly warm-up)")
    p.add_argument("--request-timeout", type=float, default=60.0,
                   help="a request unanswered after this many seconds fails the run")
    p.add_argument("--index-timeout", type=float, default=600.0)
    p.add_argument("--sample-seconds", type=float, default=2.0)
    p.add_argument("--table-every", type=float, default=30.0,
                   help="seconds between rows of the RSS table")
    p.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = p.parse_args(argv)
    args.duration = args.seconds if args.seconds is not None else 60.0 * args.minutes
    if args.warmup_seconds is None:
        args.warmup_seconds = min(max(60.0, 0.2 * args.duration), 0.5 * args.duration)
    return args


def start_daemon(args, binary, origin, work):
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"),
               XDG_DATA_HOME=os.path.join(work, "data"), GLOSS_API_KEY="sk-soak-0123456789abcdef",
               NO_PROXY="127.0.0.1,localhost")
    command = [binary, "serve", "--provider", "openai", "--base-url", origin + "/v1",
               "--model", "test-model", "--max-retries", "2", "--connect-timeout-ms", "3000",
               "--first-token-timeout-ms", "8000", "--idle-timeout-ms", "4000",
               "--workers", str(args.workers), "--log-level", "warning"]
    log = open(os.path.join(work, "gloss.log"), "wb")
    return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                            env=env, cwd=work), log


def initialize(client, root, timeout):
    response = client.call("initialize", {
        "processId": os.getpid(), "rootUri": root.as_uri(),
        "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
        "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
        "clientInfo": {"name": "gloss-soak"},
        # Frequent background summaries, so that path runs during the soak too.
        "initializationOptions": {"sessions": {"summaryEveryMessages": 8}}}, timeout)
    if not response or "result" not in response:
        raise SystemExit("soak: initialize failed: %r" % (response,))
    client.notify("initialized", {})
    return response["result"]["capabilities"].get("positionEncoding", "utf-16")


def wait_for_index(client, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and client.alive:
        response = client.call("gloss/status", timeout=30)
        index = (response or {}).get("result", {}).get("index", {})
        if index.get("state") in ("ready", "failed") and index.get("pendingJobs") == 0:
            return index
        time.sleep(0.5)
    raise SystemExit("soak: the index was not ready within %.0f s" % timeout)


class Monitor:
    """Watches requests in flight: flags those older than the timeout, notes the peak."""

    def __init__(self, client, stats, timeout):
        self.client, self.stats, self.timeout = client, stats, timeout
        self.peak = 0

    def check(self):
        in_flight = self.client.in_flight()
        self.peak = max(self.peak, len(in_flight))
        now = time.monotonic()
        for pending in in_flight:
            if now - pending.sent_at > self.timeout:
                self.stats.mark_unanswered(pending)
        return len(in_flight)


def run_load(args, client, stats, corpus, encoding):
    stop = threading.Event()
    sessions = SessionRegistry()
    common = dict(client=client, stats=stats, corpus=corpus, stop=stop,
                  timeout=args.request_timeout)
    loads = [EditorLoad("editor", seed=args.seed, encoding=encoding, **common),
             GrepLoad("grep", seed=args.seed + 1, **common),
             ChatLoad("chat-1", seed=args.seed + 2, sessions=sessions, **common),
             ChatLoad("chat-2", seed=args.seed + 3, sessions=sessions, **common),
             StatusLoad("status", seed=args.seed + 4, sessions=sessions, **common)]
    monitor = Monitor(client, stats, args.request_timeout)
    start = time.monotonic()
    for load in loads:
        load.start()
    while time.monotonic() - start < args.duration and client.alive and not stop.is_set():
        monitor.check()
        time.sleep(0.5)
    load_end = time.monotonic()
    stop.set()
    drain_deadline = time.monotonic() + args.request_timeout + 5
    while monitor.check() and time.monotonic() < drain_deadline and client.alive:
        time.sleep(0.2)
    for load in loads:
        load.join(5)
    failures = [load.failure for load in loads if load.failure]
    if not client.alive:
        failures.append("the daemon stopped answering during the load")
    return start, load_end, monitor.peak, failures


def stop_daemon(client, process, timeout):
    response = client.call("shutdown", timeout=timeout) if client.alive else None
    client.notify("exit")
    client.close_input()
    try:
        status = process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        status = "killed after hanging at exit (%s)" % process.wait()
    return status, response is not None and "result" in response


def judge(args, report, stats, client_errors, shutdown_ok):
    failures = list(client_errors)
    if report["exitStatus"] != 0:
        failures.append("the daemon's exit status was %s" % report["exitStatus"])
    if not shutdown_ok:
        failures.append("shutdown was not answered with a result")
    for request_id, method in stats["unanswered"].items():
        failures.append("request %s (%s) was not answered within %.0f s" % (
            request_id, method, args.request_timeout))
    for kind, info in stats["unexpected"].items():
        failures.append("unexpected response %s (%d times), e.g. %r" % (
            kind, info["count"], info["example"]))
    for anomaly, count in stats["anomalies"].items():
        failures.append("%s (%d times)" % (anomaly, count))
    rss = report["rss"]
    if not args.no_rss_check and rss["growthAfterWarmupMiB"] is not None:
        if rss["growthAfterWarmupMiB"] > args.max_growth_mb:
            failures.append("RSS grew %.1f MiB after warm-up (limit %.1f)" % (
                rss["growthAfterWarmupMiB"], args.max_growth_mb))
        if rss["growthAfterWarmupPercent"] > args.max_growth_percent:
            failures.append("RSS grew %.1f %% after warm-up (limit %.1f %%)" % (
                rss["growthAfterWarmupPercent"], args.max_growth_percent))
    return failures


def main(argv):
    args = parse_args(argv)
    binary = find_binary(args.binary)
    work = tempfile.mkdtemp(prefix="gloss-soak-")
    root = pathlib.Path(work) / "workspace"
    copy_corpus(args.corpus, root)
    corpus = Corpus(root)
    provider = LoopbackProvider(args.node, args.seed)
    stats = Stats()
    process, log = start_daemon(args, binary, provider.origin, work)
    origin = time.monotonic()
    client = LspClient(process, stats.on_response, stats.on_notification)
    sampler = Sampler(process.pid, args.sample_seconds, stats, origin)
    sampler.start()
    encoding = initialize(client, root, args.request_timeout)
    wait_for_index(client, args.index_timeout)
    index_seconds = time.monotonic() - origin
    load_start, load_end, peak, load_failures = run_load(args, client, stats, corpus, encoding)
    sampler.stop()
    time.sleep(2)  # let the daemon settle, then one idle sample
    quiesced = read_proc(process.pid)
    exit_status, shutdown_ok = stop_daemon(client, process, args.request_timeout)
    client.wait_for_reader(5)
    log.close()
    mix = provider.control("/__mix")
    provider.close()
    snapshot = stats.snapshot()
    report = {
        "binary": binary, "workspace": str(root), "workspaceFiles": len(corpus.files),
        "indexSeconds": round(index_seconds, 1), "loadSeconds": round(load_end - load_start, 1),
        "peakInFlight": peak, "tableEvery": args.table_every,
        "sampleSeconds": args.sample_seconds, "samples": sampler.samples,
        "rss": rss_summary(sampler.samples, load_start - origin,
                           load_start - origin + args.warmup_seconds, load_end - origin),
        "quiesced": quiesced, "stats": snapshot, "providerMix": mix, "exitStatus": exit_status,
        "serverRequests": client.server_requests, "seed": args.seed,
    }
    failures = judge(args, report, snapshot, load_failures + client.protocol_errors, shutdown_ok)
    report["failures"] = failures
    report["passed"] = not failures
    print_report(report, sys.stdout)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(report, out, indent=1)
    if failures or args.keep:
        print("kept %s (daemon log: gloss.log)" % work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
