"""A parsed document: statements grouped into sections, rendered as plain text."""

from textutil import normalize


class Document:
    """Collects statements and renders them with a title and numbered sections."""

    def __init__(self, title):
        self.title = title
        self.sections = [[]]
        self.word_counts = {}

    def add_statement(self, statement):
        """Appends a statement; a `section` statement starts a new section."""
        if statement and statement[0] == "section":
            self.sections.append([])
            return
        self.sections[-1].append(statement)
        for word in statement:
            self.word_counts[word] = self.word_counts.get(word, 0) + 1

    def statement_count(self):
        return sum(len(section) for section in self.sections)

    def most_common(self, limit=5):
        """The most frequent words, most frequent first, ties by word."""
        ranked = sorted(self.word_counts.items(), key=lambda item: (-item[1], item[0]))
        return [word for word, _ in ranked[:limit]]

    def find(self, word):
        """Every (section, statement) index pair whose statement holds `word`."""
        wanted = normalize(word)
        hits = []
        for section_index, section in enumerate(self.sections):
            for statement_index, statement in enumerate(section):
                if wanted in statement:
                    hits.append((section_index, statement_index))
        return hits

    def render_section(self, index, section):
        lines = ["%d. section" % (index + 1)]
        for statement in section:
            lines.append("   " + " ".join(statement))
        return lines

    def render(self):
        """The whole document as text: the title underlined, then each non-empty section."""
        lines = [self.title, "=" * len(self.title)]
        for index, section in enumerate(self.sections):
            if not section:
                continue
            lines.extend(self.render_section(index, section))
        common = self.most_common()
        if common:
            lines.append("")
            lines.append("frequent words: " + ", ".join(common))
        return "\n".join(lines)

    def summary(self):
        """One line: how many sections and statements, and the most frequent word."""
        common = self.most_common(1)
        top = common[0] if common else "-"
        return "%s: %d sections, %d statements, top word %s" % (
            self.title,
            len(self.sections),
            self.statement_count(),
            top,
        )

    def clear(self):
        self.sections = [[]]
        self.word_counts = {}
