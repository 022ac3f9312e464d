"""What the soak run counts and measures, and the report it prints (tests/soak/soak.py).

Stats classifies every response: a result, a result that carries a provider failure (the
daemon's way of saying the model failed), or an error code with the kind of its message.
Sampler reads the daemon's memory, threads and open files from /proc every few seconds.
"""

import collections
import os
import re
import statistics
import threading
import time

# Error codes a soak may see without anything being wrong, when we cancelled the request.
CANCELLED = -32800


def normalize_message(message):
    """The kind of an error message: numbers, quoted text and paths blanked, so alike errors
    count together."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "'…'", message)
    text = re.sub(r"(file://)?/[^\s:,;)]+", "PATH", text)
    text = re.sub(r"\d+", "N", text)
    return text[:90]


class Stats:
    """Thread-safe tallies of requests, responses and notifications."""

    def __init__(self):
        self._lock = threading.Lock()
        self.sent = collections.Counter()
        self.served = collections.Counter()
        self.kinds = collections.Counter()
        self.kinds_by_method = collections.defaultdict(collections.Counter)
        self.notifications = collections.Counter()
        self.latencies = collections.defaultdict(list)
        self.unexpected = collections.Counter()
        self.examples = {}
        self.anomalies = collections.Counter()
        self.unanswered = {}
        self.late = 0
        self.edits = 0

    def on_sent(self, method):
        with self._lock:
            self.sent[method] += 1

    def on_notification(self, method):
        with self._lock:
            self.notifications[method] += 1

    def on_response(self, pending):
        kind, expected = classify(pending)
        latency = time.monotonic() - pending.sent_at
        with self._lock:
            self.served[pending.method] += 1
            self.kinds[kind] += 1
            self.kinds_by_method[pending.method][kind] += 1
            self.latencies[pending.method].append(latency)
            if pending.id in self.unanswered:
                del self.unanswered[pending.id]
                self.late += 1
            if not expected:
                key = "%s: %s" % (pending.method, kind)
                self.unexpected[key] += 1
                self.examples.setdefault(key, pending.response.get("error", {}).get("message"))

    def anomaly(self, description):
        with self._lock:
            self.anomalies[description] += 1

    def count_edits(self, count):
        with self._lock:
            self.edits += count

    def mark_unanswered(self, pending):
        with self._lock:
            self.unanswered.setdefault(pending.id, pending.method)

    def total_served(self):
        with self._lock:
            return sum(self.served.values())

    def snapshot(self):
        with self._lock:
            return {
                "sent": dict(self.sent),
                "served": dict(self.served),
                "responsesByKind": dict(self.kinds.most_common()),
                "responsesByMethodAndKind": {m: dict(k.most_common())
                                             for m, k in sorted(self.kinds_by_method.items())},
                "latencyMs": {m: latency_summary(v) for m, v in sorted(self.latencies.items())},
                "notifications": dict(self.notifications.most_common()),
                "unexpected": {k: {"count": n, "example": self.examples.get(k)}
                               for k, n in self.unexpected.items()},
                "anomalies": dict(self.anomalies),
                "unanswered": {str(k): v for k, v in self.unanswered.items()},
                "lateAnswers": self.late,
                "edits": self.edits,
            }


def classify(pending):
    """(kind, expected) of one response."""
    response = pending.response
    if "error" in response:
        error = response["error"] or {}
        code = error.get("code")
        kind = "error %s %s" % (code, normalize_message(str(error.get("message", ""))))
        return kind, code == CANCELLED and pending.cancelled
    result = response.get("result")
    if isinstance(result, dict) and isinstance(result.get("error"), dict):
        return "result, provider failure: %s" % result["error"].get("kind"), True
    if isinstance(result, dict) and result.get("complete") is False:
        return "result, incomplete", True
    return "result", True


def latency_summary(values):
    ordered = sorted(values)
    pick = lambda q: round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))])
    return {"count": len(ordered), "p50": pick(0.5), "p95": pick(0.95), "max": pick(1.0)}


def read_proc(pid):
    """VmRSS and VmHWM (KiB), threads and open file descriptors of a live process, or None."""
    try:
        with open("/proc/%d/status" % pid) as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        fds = len(os.listdir("/proc/%d/fd" % pid))
    except (OSError, ValueError):
        return None
    kib = lambda name: int(fields[name].split()[0]) if name in fields else 0
    return {"rssKiB": kib("VmRSS"), "hwmKiB": kib("VmHWM"),
            "threads": int(fields.get("Threads", "0").strip() or 0), "fds": fds}


class Sampler(threading.Thread):
    """Samples the daemon every `interval` seconds until stopped."""

    def __init__(self, pid, interval, stats, start):
        super().__init__(name="rss-sampler", daemon=True)
        self.pid = pid
        self.interval = interval
        self.stats = stats
        self.start_time = start
        self.samples = []
        self._halt = threading.Event()

    def sample(self):
        values = read_proc(self.pid)
        if values is not None:
            values["t"] = round(time.monotonic() - self.start_time, 1)
            values["served"] = self.stats.total_served()
            self.samples.append(values)
        return values

    def run(self):
        while not self._halt.wait(self.interval):
            self.sample()

    def stop(self):
        self._halt.set()
        self.join()


def mib(kib):
    return round(kib / 1024.0, 1)


def median_rss(samples, start, end):
    window = [s["rssKiB"] for s in samples if start <= s["t"] <= end]
    return statistics.median(window) if window else None


def slope_mib_per_minute(samples):
    """Least-squares slope of RSS over time, MiB per minute."""
    if len(samples) < 3:
        return None
    ts = [s["t"] for s in samples]
    rs = [s["rssKiB"] / 1024.0 for s in samples]
    mean_t, mean_r = statistics.fmean(ts), statistics.fmean(rs)
    var = sum((t - mean_t) ** 2 for t in ts)
    if var == 0:
        return None
    return round(60 * sum((t - mean_t) * (r - mean_r) for t, r in zip(ts, rs)) / var, 3)


def rss_summary(samples, load_start, warmup_end, load_end):
    """RSS figures: first sample, at warm-up end and at the end of the load. The warm-up and end
    figures are medians over a window (30 s, or a tenth of the run when shorter), because RSS
    jitters with the requests in flight at the sampling instant."""
    window = max(4.0, min(30.0, (load_end - load_start) / 10.0))
    load = [s for s in samples if s["t"] <= load_end]
    after = [s for s in load if s["t"] >= warmup_end]
    at_warmup = median_rss(samples, warmup_end, warmup_end + window)
    at_end = median_rss(samples, load_end - window, load_end)
    growth = None if at_warmup is None or at_end is None else at_end - at_warmup
    return {
        "windowSeconds": window,
        "loadStartSeconds": round(load_start, 1),
        "loadEndSeconds": round(load_end, 1),
        "startMiB": mib(load[0]["rssKiB"]) if load else None,
        "warmupEndSeconds": round(warmup_end, 1),
        "warmupMiB": mib(at_warmup) if at_warmup is not None else None,
        "endMiB": mib(at_end) if at_end is not None else None,
        "peakMiB": mib(max(s["hwmKiB"] for s in samples)) if samples else None,
        "growthAfterWarmupMiB": mib(growth) if growth is not None else None,
        "growthAfterWarmupPercent": round(100.0 * growth / at_warmup, 1) if growth is not None
        else None,
        "slopeAfterWarmupMiBPerMinute": slope_mib_per_minute(after),
    }


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values):
    if not values:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1
    return "".join(SPARKS[int((v - low) / span * (len(SPARKS) - 1))] for v in values)


def timeline(samples, every, extra_marks=()):
    """One row per `every` seconds, and one at each extra mark: the first sample after each."""
    rows, mark, extra = [], 0.0, sorted(extra_marks)
    for s in samples:
        due = s["t"] >= mark or (extra and s["t"] >= extra[0])
        while extra and s["t"] >= extra[0]:
            extra.pop(0)
        if due:
            rows.append(s)
            mark = (int(s["t"] // every) + 1) * every
    if samples and rows[-1] is not samples[-1]:
        rows.append(samples[-1])
    return rows


def print_report(report, out):
    w = lambda text="": out.write(text + "\n")
    rss = report["rss"]
    w("== gloss soak: %s ==" % ("PASS" if report["passed"] else "FAIL"))
    w("binary %s, workspace %s (%d files), indexed in %.1f s" % (
        report["binary"], report["workspace"], report["workspaceFiles"], report["indexSeconds"]))
    w("load %.1f s, warm-up %.1f s; %d requests served, %d edits, peak %d in flight" % (
        report["loadSeconds"], rss["warmupEndSeconds"], sum(report["stats"]["served"].values()),
        report["stats"]["edits"], report["peakInFlight"]))
    w()
    w("RSS over time (MiB; threads; open fds; requests served so far):")
    marks = {"load starts": rss["loadStartSeconds"], "warm-up ends": rss["warmupEndSeconds"]}
    for s in timeline(report["samples"], report["tableEvery"], marks.values()):
        note = [name for name, t in marks.items() if s["t"] >= t and s["t"] - t < 2 * report[
            "sampleSeconds"]]
        w("  %7.1f s  %7.1f MiB  %3d thr  %3d fds  %7d served  %s" % (
            s["t"], mib(s["rssKiB"]), s["threads"], s["fds"], s["served"], ", ".join(note)))
    w("  " + sparkline([s["rssKiB"] for s in report["samples"]]))
    w("RSS: start %s MiB, after warm-up %s MiB, end %s MiB, peak %s MiB" % (
        rss["startMiB"], rss["warmupMiB"], rss["endMiB"], rss["peakMiB"]))
    w("growth after warm-up: %s MiB (%s %%), slope %s MiB/min (medians over %.0f s windows)" % (
        rss["growthAfterWarmupMiB"], rss["growthAfterWarmupPercent"],
        rss["slopeAfterWarmupMiBPerMinute"], rss["windowSeconds"]))
    quiet = report.get("quiesced")
    if quiet:
        w("after the load, idle: %.1f MiB, %d threads, %d fds" % (
            mib(quiet["rssKiB"]), quiet["threads"], quiet["fds"]))
    w()
    stats = report["stats"]
    w("requests served per method (p50 / p95 / max ms):")
    for method, count in sorted(stats["served"].items(), key=lambda kv: -kv[1]):
        lat = stats["latencyMs"][method]
        w("  %-28s %7d   %6d / %6d / %6d" % (method, count, lat["p50"], lat["p95"], lat["max"]))
    w("responses by kind:")
    for kind, count in stats["responsesByKind"].items():
        w("  %7d  %s" % (count, kind))
    w("notifications received:")
    for method, count in stats["notifications"].items():
        w("  %7d  %s" % (count, method))
    if report.get("providerMix"):
        w("loopback provider, requests per scenario: " + ", ".join(
            "%s %d" % kv for kv in sorted(report["providerMix"].items(), key=lambda kv: -kv[1])))
    w("daemon exit status after shutdown/exit: %s" % report["exitStatus"])
    if report["failures"]:
        w()
        w("FAILURES:")
        for failure in report["failures"]:
            w("  - " + failure)
