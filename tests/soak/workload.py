"""The soak's load: a few threads acting like an editor's features on one connection.

- EditorLoad: didOpen, storms of hundreds of incremental edits, documentSymbol on the edited
  buffer, a marker check through grep (the daemon's buffer must match ours), didClose, reopen.
- GrepLoad: streamed gloss/grep, some cancelled after the first batch.
- ChatLoad: gloss/chat (new and continued sessions, slash commands), explain and summarize
  against the loopback provider, some cancelled mid-stream; it deletes its old sessions.
- StatusLoad: gloss/status, gloss/stats, gloss/commands, workspace/symbol, sessions list, and
  hard-deletes stray sessions (those of cancelled new chats) so sessions.db stays small.
Each thread keeps at most one request of its own in flight.
"""

import random
import threading
import time

from documents import Document

IDENTIFIERS = ["parse", "Server", "json", "cancel", "Index", "grep", "session", "provider",
               "chunk", "Transport", "token", "error", "status", "workspace", "query"]
GREP_PATTERNS = [("TODO", True), ("return", True), (r"\bstd::\w+", False), ("#include", True),
                 (r"[A-Z][a-z]+Error", False), ("cancel", True), (r"sqlite3_\w+\(", False),
                 (r"fn\s+\w+", False), (r"^\s*//", False), ("json::object", True)]


class Load(threading.Thread):
    def __init__(self, name, client, stats, corpus, seed, stop, timeout):
        super().__init__(name=name, daemon=True)
        self.client = client
        self.stats = stats
        self.corpus = corpus
        self.rng = random.Random(seed)
        self.stop_event = stop
        self.timeout = timeout
        self.failure = None

    def request(self, method, params=None, token=None, on_progress=None):
        self.stats.on_sent(method)
        return self.client.request(method, params, token, on_progress)

    def call(self, method, params=None):
        return self.request(method, params).wait(self.timeout)

    def pause(self, low, high):
        self.stop_event.wait(self.rng.uniform(low, high))

    def running(self):
        return not self.stop_event.is_set() and self.client.alive

    def run(self):
        try:
            while self.running():
                self.step()
        except Exception as error:  # a bug in the load itself must not pass silently
            self.failure = "%s: %r" % (self.name, error)
            self.stop_event.set()

    def streamed(self, method, params, cancel_chance, token_prefix):
        """A streamed request, cancelled after its first progress (or a short wait) at
        `cancel_chance`; returns (pending, items streamed)."""
        received = []
        token = "%s-%d" % (token_prefix, self.rng.randrange(1 << 30))
        pending = self.request(method, params, token, received.append)
        if self.rng.random() < cancel_chance:
            pending.first_progress.wait(self.rng.uniform(0.05, 3.0))
            self.client.cancel(pending)
        pending.wait(self.timeout)
        return pending, received


class EditorLoad(Load):
    def __init__(self, *args, encoding, **kwargs):
        super().__init__(*args, **kwargs)
        self.encoding = encoding
        self.markers = 0

    def step(self):
        relative = self.rng.choice(self.corpus.editable)
        doc = Document(self.corpus.root, relative, self.corpus.read(relative), self.encoding)
        for _ in range(self.rng.choice([1, 1, 2])):  # sometimes close and reopen the same file
            self.client.notify("textDocument/didOpen", doc.open_params())
            self.storm(doc)
            self.check_marker(doc)
            self.client.notify("textDocument/didClose", {"textDocument": {"uri": doc.uri}})
            doc = Document(self.corpus.root, relative, doc.original, self.encoding)
            self.pause(0.2, 1.0)

    def storm(self, doc):
        count = self.rng.randint(100, 400)
        for i in range(count):
            if not self.running():
                return
            changes = [doc.random_change(self.rng) for _ in range(self.rng.choice([1, 1, 2, 3]))]
            self.client.notify("textDocument/didChange", doc.change_params(changes))
            self.stats.count_edits(len(changes))
            if i % 60 == 59:
                self.call("textDocument/documentSymbol", {"textDocument": {"uri": doc.uri}})
            if self.rng.random() < 0.1:
                time.sleep(0.005)

    def check_marker(self, doc):
        """The daemon's copy of the buffer must hold the marker on the line where ours does."""
        if not self.running():
            return
        self.markers += 1
        marker = "soakmarker%dx%d" % (self.rng.randrange(1 << 20), self.markers)
        change, line = doc.insert_marker_line(self.rng, marker)
        self.client.notify("textDocument/didChange", doc.change_params([change]))
        response = self.call("gloss/grep", {"pattern": marker, "fixedStrings": True,
                                            "include": [doc.relative]})
        if response is None or "result" not in response:
            return
        lines = [(m["uri"], m["line"]) for m in response["result"]["matches"]]
        if lines != [(doc.uri, line)]:
            self.stats.anomaly("buffer out of step: marker expected at %s:%d, found at %s" % (
                doc.relative, line, lines[:3]))


class GrepLoad(Load):
    def step(self):
        pattern, literal = self.rng.choice(GREP_PATTERNS)
        params = {"pattern": pattern, "fixedStrings": literal and self.rng.random() < 0.5,
                  "maxResults": self.rng.choice([50, 500, 2000])}
        if self.rng.random() < 0.3:
            params["contextBefore"] = params["contextAfter"] = self.rng.randint(1, 3)
        if self.rng.random() < 0.3:
            params["include"] = [self.rng.choice(["*.cpp", "*.h", "*.md", "*.js", "server/**"])]
        if self.rng.random() < 0.2:
            params["useIndex"] = False
        if self.rng.random() < 0.2:
            params["caseSensitivity"] = "insensitive"
        pending, batches = self.streamed("gloss/grep", params, 0.3, "grep")
        response = pending.response
        if response and "result" in response and not response["result"]["truncated"]:
            streamed = sum(len(b.get("matches", [])) for b in batches if isinstance(b, dict))
            final = len(response["result"]["matches"])
            if streamed != final:
                self.stats.anomaly("grep streamed %d entries but answered %d" % (streamed, final))
        self.pause(0.1, 0.6)


class ChatLoad(Load):
    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions  # shared SessionRegistry

    def question(self):
        path = self.rng.choice(self.corpus.code)
        line = self.corpus.random_line(self.rng, path)
        ident = self.rng.choice(IDENTIFIERS)
        return self.rng.choice([
            "What does `%s` do here?" % ident,
            "How is %s:%d used?" % (path, line),
            "Explain the error handling in %s" % path,
            "/grep %s" % ident,
            "/explain %s:%d" % (path, line),
            "Why does it matter that tokens are cancelled?\n```\nint x = 1;\n```",
        ])

    def chat(self, session_id):
        params = {"message": self.question()}
        if session_id is not None:
            params["sessionId"] = session_id
        pending, _ = self.streamed("gloss/chat", params, 0.2, "chat")
        response = pending.response or {}
        if isinstance(response.get("result"), dict):
            self.sessions.touch(self, response["result"]["sessionId"])

    def step(self):
        action = self.rng.choices(["new", "continue", "explain", "summarize", "sessions"],
                                  weights=[3, 5, 2, 2, 1])[0]
        if action == "new" or (action == "continue" and not self.sessions.owned(self)):
            self.chat(None)
        elif action == "continue":
            self.chat(self.rng.choice(self.sessions.owned(self)))
        elif action == "explain":
            path = self.rng.choice(self.corpus.code)
            target = "%s:%d" % (path, self.corpus.random_line(self.rng, path))
            self.streamed("gloss/explain", {"target": target}, 0.2, "explain")
        elif action == "summarize":
            self.streamed("gloss/summarize", {"path": self.rng.choice(self.corpus.code)}, 0.2,
                          "summarize")
        else:
            self.browse()
        for session_id in self.sessions.retire_oldest(self, keep=4):
            self.call("gloss/sessions/delete", {"sessionId": session_id, "hard": True})
        self.pause(0.1, 0.8)

    def browse(self):
        owned = self.sessions.owned(self)
        if not owned:
            return
        session_id = self.rng.choice(owned)
        method, params = self.rng.choice([
            ("gloss/sessions/get", {"sessionId": session_id, "limit": 20}),
            ("gloss/sessions/export", {"sessionId": session_id,
                                       "format": self.rng.choice(["markdown", "json"])}),
            ("gloss/sessions/rename", {"sessionId": session_id, "title": "soak %d" % session_id}),
            ("gloss/sessions/search", {"query": self.rng.choice(IDENTIFIERS)}),
        ])
        self.call(method, params)


class SessionRegistry:
    """Which chat load owns which session, so that cleaning up never races a live chat."""

    def __init__(self):
        self._lock = threading.Lock()
        self._owned = {}

    def touch(self, owner, session_id):
        with self._lock:
            ids = self._owned.setdefault(owner.name, [])
            if session_id in ids:
                ids.remove(session_id)
            ids.append(session_id)

    def owned(self, owner):
        with self._lock:
            return list(self._owned.get(owner.name, []))

    def retire_oldest(self, owner, keep):
        with self._lock:
            ids = self._owned.get(owner.name, [])
            retired, ids[:] = ids[:-keep] if len(ids) > keep else [], ids[-keep:]
            return retired

    def all_owned(self):
        with self._lock:
            return {i for ids in self._owned.values() for i in ids}


class StatusLoad(Load):
    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = sessions
        self.turn = 0

    def step(self):
        self.turn += 1
        self.call("gloss/status")
        if self.turn % 3 == 0:
            self.call("gloss/stats")
            self.call("gloss/commands", {"prefix": self.rng.choice(["/", "/ex", "/g"])})
            self.call("workspace/symbol", {"query": self.rng.choice(IDENTIFIERS)})
        if self.turn % 10 == 0:
            self.sweep_sessions()
        self.pause(1.0, 3.0)

    def sweep_sessions(self):
        """Hard-deletes sessions no chat load owns that have been quiet for a while: those of
        new chats cancelled before their answer said which session they made."""
        response = self.call("gloss/sessions/list", {"limit": 200, "archived": "any"})
        if not response or "result" not in response:
            return
        owned = self.sessions.all_owned()
        quiet_before = time.time() * 1000 - 2 * self.timeout * 1000
        for session in response["result"]["sessions"]:
            if session["id"] not in owned and session["updatedAt"] < quiet_before:
                self.call("gloss/sessions/delete", {"sessionId": session["id"], "hard": True})
