"""Small text helpers shared by the parser and the command line."""

import re

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\S")


def tokenize(line):
    """Splits a line into words and single punctuation characters."""
    return _WORD.findall(line.strip())


def normalize(word):
    """Lower-cases a word and drops a trailing plural 's'."""
    lowered = word.lower()
    if lowered.endswith("s") and len(lowered) > 3:
        return lowered[:-1]
    return lowered


def expand_includes(lines, depth=0):
    """Replaces `include other.txt` lines with the parsed statements of that file."""
    from parser import parse_source  # the parser expands includes: import late to break the cycle

    expanded = []
    for line in lines:
        if line.startswith("include ") and depth < 4:
            with open(line[len("include "):].strip()) as handle:
                expanded.extend(parse_source(handle.read(), depth + 1))
        else:
            expanded.append(line)
    return expanded
