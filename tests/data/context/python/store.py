"""A tiny on-disk cache of parsed documents."""

import json
import os


class Store:
    def __init__(self, folder):
        self.folder = folder

    def load(self, key):
        path = os.path.join(self.folder, key + ".json")
        if not os.path.exists(path):
            return None
        with open(path) as handle:
            return json.load(handle)

    def save(self, key, value):
        with open(os.path.join(self.folder, key + ".json"), "w") as handle:
            json.dump(value, handle)

    def get(self, key, default=None):
        value = self.load(key)
        return default if value is None else value
