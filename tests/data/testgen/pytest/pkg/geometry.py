"""Small geometry helpers."""

import math


def area(radius):
    """Area of a circle."""
    return math.pi * radius * radius


def _check(value):
    if value < 0:
        raise ValueError(value)


def perimeter(radius):
    _check(radius)
    return 2 * math.pi * radius


class Shape:
    """A named shape."""

    def __init__(self, name):
        self.name = name

    def scale(self, factor):
        return Shape(self.name * factor)

    def _secret(self):
        return self.name

    def describe(self):
        return "shape " + self.name
