"""Turns source text into a list of statements, each a list of normalized tokens."""

from textutil import expand_includes, normalize, tokenize


def parse_source(text, depth=0):
    """Parses `text`: blank lines and comments are skipped, includes are expanded."""
    lines = [raw for raw in text.splitlines() if raw.strip() and not raw.startswith("#")]
    statements = []
    for line in expand_includes(lines, depth):
        if isinstance(line, list):
            statements.append(line)
            continue
        words = tokenize(line)
        statements.append([normalize(word) for word in words])
    return statements


def count_statements(text):
    return len(parse_source(text))
