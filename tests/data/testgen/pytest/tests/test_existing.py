import pytest

from pkg.geometry import area


def test_area_of_unit_circle():
    assert area(1) == pytest.approx(3.14159, rel=1e-4)
