"""Command line entry point: parses the files given and prints a summary."""

import sys

from config import load
from document import Document
from parser import parse_source


def main(argv):
    settings = load(argv[1] if len(argv) > 1 else "gloss.ini")
    document = Document(settings.get("title", "untitled"))
    for path in argv[2:]:
        with open(path) as handle:
            for statement in parse_source(handle.read()):
                document.add_statement(statement)
    print(document.render())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
