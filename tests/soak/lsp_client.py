"""A small LSP client over a child process's pipes, for the soak run (tests/soak/soak.py).

Several load threads share one connection, as an editor's features do: writes are serialized,
one reader thread routes responses to their waiting request and `$/progress` notifications to
the request that owns the token. Every request is tracked by id until it is answered, so a
request the daemon never answers is found and reported.
"""

import json
import threading
import time


class Pending:
    """A request in flight: its response arrives on the reader thread."""

    def __init__(self, request_id, method, token, on_progress):
        self.id = request_id
        self.method = method
        self.token = token
        self.on_progress = on_progress
        self.sent_at = time.monotonic()
        self.cancelled = False
        self.response = None
        self.progress_count = 0
        self.first_progress = threading.Event()
        self.done = threading.Event()

    def wait(self, timeout):
        """The response, or None when none came within `timeout` seconds."""
        self.done.wait(timeout)
        return self.response


class LspClient:
    """Speaks LSP framing with a running daemon; `on_response(pending)` sees every answer."""

    def __init__(self, process, on_response, on_notification):
        self._process = process
        self._on_response = on_response
        self._on_notification = on_notification
        self._write_lock = threading.Lock()
        self._lock = threading.Lock()
        self._next_id = 1
        self._pending = {}
        self._by_token = {}
        self.alive = True
        self.server_requests = 0
        self.protocol_errors = []
        self._reader = threading.Thread(target=self._read_loop, name="lsp-reader", daemon=True)
        self._reader.start()

    def request(self, method, params=None, token=None, on_progress=None):
        """Sends a request and returns its Pending; `token` becomes its partialResultToken."""
        with self._lock:
            request_id = self._next_id
            self._next_id += 1
            pending = Pending(request_id, method, token, on_progress)
            self._pending[request_id] = pending
            if token is not None:
                self._by_token[token] = pending
        if token is not None:
            params = dict(params or {}, partialResultToken=token)
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        if not self._send(message):
            self._finish(pending, None)
        return pending

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self._send(message)

    def cancel(self, pending):
        pending.cancelled = True
        self.notify("$/cancelRequest", {"id": pending.id})

    def call(self, method, params=None, timeout=60.0):
        """A request answered synchronously: the response or None."""
        return self.request(method, params).wait(timeout)

    def in_flight(self):
        with self._lock:
            return list(self._pending.values())

    def wait_for_reader(self, timeout):
        self._reader.join(timeout)

    def _send(self, message):
        body = json.dumps(message, separators=(",", ":")).encode("utf-8")
        frame = b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self._write_lock:
            if not self.alive:
                return False
            try:
                self._process.stdin.write(frame)
                self._process.stdin.flush()
                return True
            except (BrokenPipeError, OSError, ValueError):
                self.alive = False
                return False

    def close_input(self):
        with self._write_lock:
            try:
                self._process.stdin.close()
            except OSError:
                pass

    def _read_message(self, stream):
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.rstrip(b"\r\n")
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            self.protocol_errors.append("a header block without Content-Length")
            return {}
        body = stream.read(length)
        if len(body) < length:
            return None
        return json.loads(body.decode("utf-8"))

    def _read_loop(self):
        stream = self._process.stdout
        try:
            while True:
                message = self._read_message(stream)
                if message is None:
                    break
                self._dispatch(message)
        except (ValueError, OSError) as error:
            self.protocol_errors.append("unreadable message: %s" % error)
        self.alive = False
        for pending in self.in_flight():
            self._finish(pending, None)

    def _dispatch(self, message):
        method = message.get("method")
        if method is None and "id" in message:
            with self._lock:
                pending = self._pending.get(message["id"])
            if pending is None:
                self.protocol_errors.append("a response to unknown id %r" % message.get("id"))
                return
            self._finish(pending, message)
        elif method is not None and "id" in message:
            # Requests from the server (progress creation, watcher registration, edits): a
            # client that says nothing would leave them waiting, so answer each.
            self.server_requests += 1
            result = {"applied": False} if method == "workspace/applyEdit" else None
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        elif method is not None:
            self._on_notification(method)
            if method == "$/progress":
                self._route_progress(message.get("params") or {})

    def _route_progress(self, params):
        with self._lock:
            pending = self._by_token.get(params.get("token"))
        if pending is None:
            return
        pending.progress_count += 1
        pending.first_progress.set()
        if pending.on_progress:
            pending.on_progress(params.get("value"))

    def _finish(self, pending, response):
        with self._lock:
            if self._pending.pop(pending.id, None) is None:
                return
            if pending.token is not None:
                self._by_token.pop(pending.token, None)
        pending.response = response
        if response is not None:
            self._on_response(pending)
        pending.done.set()
