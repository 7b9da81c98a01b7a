"""Every ```python example of docs/python.md runs, in order, from the repository root."""

import os
import re

import pytest

from conftest import REPO

DOC = REPO / "docs" / "python.md"


def blocks():
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_docs_have_examples():
    # source: docs/python.md, the researcher's and the app developer's walks
    assert len(blocks()) >= 10


def test_every_example_runs(capsys):
    pytest.importorskip("dask.dataframe")
    namespace = {"__name__": "docs_python"}
    here = os.getcwd()
    os.chdir(REPO)
    try:
        for number, code in enumerate(blocks(), start=1):
            try:
                exec(compile(code, f"docs/python.md block {number}", "exec"), namespace)
            except Exception as e:  # name the block that failed
                raise AssertionError(f"docs/python.md block {number} failed: {e!r}") from e
    finally:
        os.chdir(here)
