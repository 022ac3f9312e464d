"""What the soak run sets up around the daemon: a throwaway copy of a corpus, the loopback
provider (tests/llm-server/server.js) with a mix of faults, and the daemon's binary.
"""

import json
import os
import pathlib
import shutil
import subprocess
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[2]
CODE_SUFFIXES = {".cpp", ".h", ".c", ".py", ".js", ".ts", ".go", ".rs", ".java", ".lua"}
EDITABLE_SUFFIXES = CODE_SUFFIXES | {".md"}
SKIPPED_FOLDERS = {".git", "node_modules"}

# What the loopback provider does, drawn per request. Stalls stay under the daemon's idle timeout
# (4 s, set in soak.py) except `stall-past-idle`, which must end as an idle-timeout failure.
WORDS = ["The ", "function ", "reads ", "the ", "index ", "and ", "returns ", "a ", "list. "]
FAULT_MIX = [
    ("ok", 40, {"chunks": WORDS * 4, "chunkDelayMs": 10}),
    ("slow-stream", 10, {"chunks": WORDS * 3, "chunkDelayMs": 120}),
    ("http-500", 7, {"status": 500, "errorMessage": "internal failure"}),
    ("http-429-retry-after", 7, {"status": 429, "headers": {"Retry-After": "1"},
                                 "errorMessage": "rate limited"}),
    ("drop-mid-stream", 7, {"chunks": WORDS * 2, "dropAfter": 5}),
    ("drop-before-text", 4, {"dropAfter": 0}),
    ("stall-under-idle", 7, {"chunks": WORDS, "stallAfter": 3, "stallMs": 1500}),
    ("stall-past-idle", 2, {"chunks": WORDS, "stallAfter": 3, "stallMs": 6000}),
    ("slow-first-byte", 4, {"firstByteDelayMs": 1200}),
    ("stream-error", 3, {"chunks": WORDS, "streamError": "overloaded"}),
    ("invalid-json", 2, {"chunks": WORDS, "invalidJsonAt": 2}),
    ("keep-alive-first", 2, {"keepAliveMs": 800}),
    ("whole-json", 2, {"mode": "json"}),
    ("split-crlf", 3, {"chunks": WORDS, "splitBytes": 7, "crlf": True}),
]


class Corpus:
    """The copied workspace and the files the load picks from."""

    def __init__(self, root):
        self.root = pathlib.Path(root)
        self.files = sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*")
                            if p.is_file() and not SKIPPED_FOLDERS & set(p.parts))
        sized = [f for f in self.files if 1024 <= (self.root / f).stat().st_size <= 64 * 1024]
        self.editable = [f for f in sized if pathlib.Path(f).suffix in EDITABLE_SUFFIXES]
        self.code = [f for f in sized if pathlib.Path(f).suffix in CODE_SUFFIXES]
        if not self.editable or not self.code:
            raise SystemExit("soak: the corpus has no source files between 1 KiB and 64 KiB")

    def read(self, relative):
        return (self.root / relative).read_text(encoding="utf-8", errors="replace")

    def random_line(self, rng, relative):
        """A 1-based line number inside the file on disk."""
        return rng.randint(1, max(1, self.read(relative).count("\n")))


def copy_corpus(source, destination):
    """Copies `source` (default: this repository's tracked files) to `destination`, so that
    nothing the run does can touch the original."""
    if source is None:
        listed = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True)
        if listed.returncode == 0:
            for name in listed.stdout.decode("utf-8").split("\0"):
                path = REPO / name
                if name and path.is_file() and not path.is_symlink():
                    target = pathlib.Path(destination) / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
            return
        source = REPO
    shutil.copytree(source, destination, symlinks=True,
                    ignore=shutil.ignore_patterns(*SKIPPED_FOLDERS, "build", "build-*"))


def find_binary(given):
    if given:
        return str(pathlib.Path(given).resolve())
    if os.environ.get("GLOSS_BINARY"):
        return os.environ["GLOSS_BINARY"]
    built = [p for p in REPO.glob("build*/server/gloss") if os.access(p, os.X_OK)]
    if not built:
        raise SystemExit("soak: no gloss binary under build*/server/; pass --binary")
    return str(max(built, key=lambda p: p.stat().st_mtime))


class LoopbackProvider:
    """tests/llm-server/server.js as a child; it exits when its stdin closes."""

    def __init__(self, node, seed):
        script = REPO / "tests" / "llm-server" / "server.js"
        self.process = subprocess.Popen([node, str(script)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        line = self.process.stdout.readline().decode().split()
        if len(line) != 2 or line[0] != "LISTENING":
            raise SystemExit("soak: the loopback provider did not start")
        self.origin = "http://127.0.0.1:%s" % line[1]
        # Loopback only: never through a proxy the environment may name.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        mix = [{"name": n, "weight": w, "scenario": s} for n, w, s in FAULT_MIX]
        self.control("/__mix", {"mix": mix, "seed": seed, "keepRequests": 50})

    def control(self, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.origin + path, data=data,
                                         method="GET" if data is None else "POST")
        with self._opener.open(request, timeout=10) as response:
            return json.loads(response.read())

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
