"""securebase on Dask: a dask.dataframe of answers scored partition by partition, and its
statistics as one partial per partition merged in a tree, for data sets past one machine.

    import dask.dataframe as dd
    import securebase.dask

    ddf = dd.read_csv("survey-*.csv", dtype={"pid": str})
    scored = securebase.dask.score_frame(ddf, "ecr-r", "ECR_{n}", id="pid")
    scored.to_parquet("scores/")                     # or .compute() for a pandas DataFrame
    st = securebase.dask.stats(ddf, "ecr-r", "ECR_{n}")  # a securebase.Stats

Every partition is scored by :func:`securebase.score_frame` with the same options, so the
scores, statuses and columns are those of one run over the whole frame. ``line`` continues
across partitions (row position in the whole frame + 2), which needs the partitions' lengths:
score_frame computes them first (one pass over the data).
"""

from __future__ import annotations

from typing import Any, List, Optional

import numpy as np

from ._frame import score_frame as _score_frame
from ._instrument import instrument as _instrument
from ._stats import Partial, Stats, stats as _stats

__all__ = ["score_frame", "stats", "partials"]


def score_frame(ddf, instrument, columns: Optional[str] = None, **kwargs: Any):
    """A lazy dask DataFrame of scores: :func:`securebase.score_frame` on every partition, with
    ``line`` numbered across partitions. Takes score_frame's keyword arguments (not stats)."""
    import dask
    import dask.dataframe as dd

    if kwargs.get("stats"):
        raise ValueError("use securebase.dask.stats for the statistics of a dask DataFrame")
    ins = _instrument(instrument)
    first_line = int(kwargs.pop("first_line", 2))
    lengths = ddf.map_partitions(len).compute()
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int)
    meta = _score_frame(ddf._meta, ins, columns, **kwargs)
    meta.attrs = {}
    parts = [dask.delayed(_score_part)(part, ins, columns, first_line + int(offset), kwargs)
             for part, offset in zip(ddf.to_delayed(), offsets)]
    return dd.from_delayed(parts, meta=meta, divisions=ddf.divisions)


def _score_part(part, ins, columns, first_line, kwargs):
    frame = _score_frame(part, ins, columns, first_line=first_line, **kwargs)
    frame.attrs = {}
    return frame


def _partial(part, ins, columns, kwargs) -> Partial:
    return _stats(part, ins, columns, **kwargs).partial()


def _merge_two(a: Partial, b: Partial) -> Partial:
    from . import _native

    return Partial(_native.merge(a._acc, b._acc))


def partials(ddf, instrument, columns: Optional[str] = None, **kwargs: Any) -> List:
    """One delayed :class:`securebase.Partial` per partition (the rows' statistics)."""
    import dask

    ins = _instrument(instrument)
    return [dask.delayed(_partial)(part, ins, columns, kwargs) for part in ddf.to_delayed()]


def stats(ddf, instrument, columns: Optional[str] = None, *, missing: str = "pairwise",
          published_r: Optional[float] = None, published_r_source: str = "",
          order: Optional[str] = None, split_every: int = 2, **kwargs: Any) -> Stats:
    """The statistics of a dask DataFrame of answers: one partial per partition, merged on the
    workers in a tree (``split_every`` partials per merge), then summarised with the checks:
    the same summary as :func:`securebase.stats` on the whole frame, up to rounding."""
    import dask

    ins = _instrument(instrument)
    level = partials(ddf, ins, columns, order=order, **kwargs)
    while len(level) > 1:
        level = [_tree_merge(level[i:i + split_every]) for i in range(0, len(level), split_every)]
    merged = dask.compute(level[0])[0]
    return Stats(merged._acc, ins, missing, published_r, published_r_source, order)


def _tree_merge(group):
    import dask

    if len(group) == 1:
        return group[0]
    out = group[0]
    for other in group[1:]:
        out = dask.delayed(_merge_two)(out, other)
    return out
