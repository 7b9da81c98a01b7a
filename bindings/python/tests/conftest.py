"""Shared paths and helpers of the securebase Python tests."""

import math
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
ORACLE = REPO / "tests" / "data" / "oracle"
GOLDEN = REPO / "bindings" / "js" / "test" / "golden"
DATA = Path(__file__).resolve().parent / "data"


def close(a, b, tol=1e-9):
    """Equal within a relative tolerance with an absolute floor (tests/golden_test.cpp's rule);
    None and NaN stand for a value that does not exist and equal each other."""
    missing_a = a is None or (isinstance(a, float) and math.isnan(a))
    missing_b = b is None or (isinstance(b, float) and math.isnan(b))
    if missing_a or missing_b:
        return missing_a and missing_b
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


@pytest.fixture(scope="session")
def repo():
    return REPO
