"""Open documents for the soak's edit storms: a local copy of each buffer, kept in step with the
daemon's by applying the same random edits, so every incremental range sent is valid and the
daemon's view can be checked afterwards (a marker line must be found where we put it).
"""

import pathlib

SNIPPETS = ["x", "foo_bar", "\n", "  int soak = 1;\n", "// é ü 漢字 😀\n", "return;", "\t", "()"]


def units(text, encoding):
    """Length of `text` in the negotiated position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-32":
        return len(text)
    return len(text.encode("utf-16-le")) // 2


class Document:
    def __init__(self, root, relative, text, encoding):
        self.relative = relative
        self.uri = (pathlib.Path(root) / relative).as_uri()
        self.original = text
        self.text = text
        self.version = 1
        self.encoding = encoding

    def open_params(self):
        return {"textDocument": {"uri": self.uri, "languageId": language_of(self.relative),
                                 "version": self.version, "text": self.text}}

    def position(self, offset):
        line = self.text.count("\n", 0, offset)
        start = self.text.rfind("\n", 0, offset) + 1
        return {"line": line, "character": units(self.text[start:offset], self.encoding)}

    def _offset(self, rng):
        offset = rng.randint(0, len(self.text))
        # Never between CR and LF: that position is not on either line.
        if 0 < offset < len(self.text) and self.text[offset - 1] == "\r" and \
                self.text[offset] == "\n":
            offset -= 1
        return offset

    def replace(self, start, end, new_text):
        """Applies one ranged change locally and returns it as LSP sends it."""
        change = {"range": {"start": self.position(start), "end": self.position(end)},
                  "text": new_text}
        self.text = self.text[:start] + new_text + self.text[end:]
        return change

    def random_change(self, rng):
        choice = rng.random()
        if choice < 0.05 or len(self.text) > 3 * len(self.original) + 1000:
            self.text = self.original if rng.random() < 0.5 else self.original + "\n// edited\n"
            return {"text": self.text}
        if choice < 0.55 or len(self.text) < 200:
            at = self._offset(rng)
            return self.replace(at, at, rng.choice(SNIPPETS))
        start = self._offset(rng)
        end = min(len(self.text), start + rng.randint(1, 40))
        if end < len(self.text) and self.text[end - 1] == "\r" and self.text[end] == "\n":
            end += 1
        return self.replace(start, end, "")

    def change_params(self, changes):
        self.version += 1
        return {"textDocument": {"uri": self.uri, "version": self.version},
                "contentChanges": changes}

    def insert_marker_line(self, rng, marker):
        """Puts `marker` on a line of its own at a random line start; returns (change, line)."""
        starts = [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]
        at = rng.choice(starts)
        change = self.replace(at, at, marker + "\n")
        return change, self.text.count("\n", 0, at)


LANGUAGES = {".py": "python", ".js": "javascript", ".ts": "typescript", ".c": "c", ".h": "cpp",
             ".cpp": "cpp", ".cc": "cpp", ".go": "go", ".rs": "rust", ".java": "java",
             ".md": "markdown", ".lua": "lua", ".json": "json"}


def language_of(path):
    return LANGUAGES.get(pathlib.Path(path).suffix, "plaintext")
