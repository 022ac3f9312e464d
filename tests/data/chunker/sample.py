"""Command-line parsing helpers."""

import argparse
import sys

DEFAULT_NAME = "world"


# Returns the greeting for a name.
# Used by the CLI entry point.
def greet(name: str = DEFAULT_NAME) -> str:
    message = f"Hello, {name}!"
    if not name:
        raise ValueError("empty name")
    return message


@functools.lru_cache(maxsize=None)
@staticmethod
def cached_square(value):
    """Squares a value, remembering the answer."""
    result = value * value
    return result


class Greeter(Base):
    """Greets people by name."""

    greeting = "Hello"

    def __init__(self, name):
        self.name = name
        self.count = 0

    @property
    def upper_name(self):
        return self.name.upper()


def one(): return 1
def two(): return 2


async def fetch(url,
                timeout=10):
    await asyncio.sleep(timeout)
    return url


if __name__ == "__main__":
    print(greet(sys.argv[1]))
