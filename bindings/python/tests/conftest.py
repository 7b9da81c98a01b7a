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


ITERATIVE = ("omega", "omega_ml", "hierarchical")
COUNTS = ("iterations", "fit_iterations", "rotation_iterations")


def stats_differences(a, b, rel=1e-12, iterative_rel=1e-9, path="", iterative=False):
    """Where two statistics documents differ, by tests/e2e/stats_compare.py's rule: numbers to
    `rel` (relative above 1 in size, absolute below), the iterative fits' numbers (omega,
    omega_ml, hierarchical: fixed points reached to 1e-12 or a gradient below 1e-10) to
    `iterative_rel`, their iteration counts not compared; everything else equal."""
    out = []
    if isinstance(a, dict):
        if not isinstance(b, dict) or list(a) != list(b):
            return [f"{path}: members differ"]
        for k in a:
            out += stats_differences(a[k], b[k], rel, iterative_rel, f"{path}/{k}",
                                     iterative or k in ITERATIVE)
        return out
    if isinstance(a, list):
        if not isinstance(b, list) or len(a) != len(b):
            return [f"{path}: lengths differ"]
        for i, (x, y) in enumerate(zip(a, b)):
            out += stats_differences(x, y, rel, iterative_rel, f"{path}/{i}", iterative)
        return out
    if isinstance(a, (bool, str)) or a is None or b is None or isinstance(b, (bool, str)):
        return [] if a == b else [f"{path}: {a!r} != {b!r}"]
    if iterative and path.rsplit("/", 1)[-1] in COUNTS:
        return []
    tol = iterative_rel if iterative else rel
    return [] if abs(a - b) <= tol * max(1.0, abs(a), abs(b)) else [f"{path}: {a} != {b}"]
