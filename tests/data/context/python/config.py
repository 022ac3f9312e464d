"""Settings read from a small INI-like file."""


class Settings:
    def __init__(self, values):
        self.values = values

    def get(self, key, default=None):
        return self.values.get(key, default)

    def load(self, path):
        self.values.update(load(path).values)
        return self


def load(path):
    """Reads `key = value` lines; anything else is ignored."""
    values = {}
    with open(path) as handle:
        for line in handle:
            key, sep, value = line.partition("=")
            if sep:
                values[key.strip()] = value.strip()
    return Settings(values)
