def add(a, b):
    return a + b


def _double(a):
    return a * 2


class Accumulator:
    def push(self, value):
        self.total = getattr(self, "total", 0) + value
