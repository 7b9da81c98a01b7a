"""Psychometric statistics of scored rows (docs/stats.md): the library's summary, checks and
comparison with published values, as DataFrames and plain attributes; mergeable partials."""

from __future__ import annotations

import json
import math
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, Optional, Union

import numpy as np

from . import _native
from ._instrument import Instrument, instrument as _instrument

if TYPE_CHECKING:
    import pandas as pd

InstrumentLike = Union[str, os.PathLike, Instrument]


def _num(value: Any) -> float:
    """A statistic as a float: JSON null (a value that does not exist) is NaN."""
    return math.nan if value is None else float(value)


def _alpha_row(a: Dict[str, Any]) -> Dict[str, Any]:
    return {"status": a["status"], "items": a["items"], "n": _num(a["n"]),
            "raw": _num(a["raw"]), "standardised": _num(a["standardised"]),
            "average_r": _num(a["average_r"]), "ase": _num(a["ase"]),
            "feldt_lower": _num(a["feldt"]["lower"]), "feldt_upper": _num(a["feldt"]["upper"]),
            "feldt_exact_lower": _num(a["feldt_exact"]["lower"]),
            "feldt_exact_upper": _num(a["feldt_exact"]["upper"]),
            "duhachek_lower": _num(a["duhachek"]["lower"]),
            "duhachek_upper": _num(a["duhachek"]["upper"])}


class Partial:
    """A statistics partial: the accumulated sums of some rows, mergeable with others over the
    same instrument (``securebase batch --stats-partial``). Pickles as its JSON text."""

    def __init__(self, accumulator: "_native.Accumulator"):
        self._acc = accumulator

    @classmethod
    def from_json(cls, text: str, source: str = "<string>") -> "Partial":
        """A partial from its JSON text (StatsError 1001-1003 when it is not one)."""
        return cls(_native.parse_partial(text, source))

    @classmethod
    def load(cls, path: Union[str, os.PathLike]) -> "Partial":
        """A partial from a file written by ``--stats-partial`` or :meth:`save`."""
        with open(path, encoding="utf-8") as f:
            return cls.from_json(f.read(), os.fspath(path))

    def to_json(self) -> str:
        """The partial as JSON (numbers read back as the same doubles)."""
        return self._acc.to_partial_json()

    def save(self, path: Union[str, os.PathLike]) -> None:
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json())

    def __reduce__(self):
        return (Partial.from_json, (self.to_json(), "pickled partial"))


class Stats:
    """The statistics of scored rows: per scale the score distribution (``scales``), alpha with
    Feldt and Duhachek 95% intervals (``alpha``), omega total (``omega``), the item table
    (``items``), the correlations between scale scores (``correlations``), omega hierarchical
    (``hierarchical``) and, with an instrument, the checks (``checks``) and the sample beside
    the published values (``published``). ``document`` is the JSON summary as a dict."""

    def __init__(self, accumulator: "_native.Accumulator", instrument: Optional[Instrument] = None,
                 missing: str = "pairwise", published_r: Optional[float] = None,
                 published_r_source: str = "", order: Optional[str] = None):
        if missing not in ("pairwise", "listwise"):
            raise ValueError(f"missing is {missing!r}, but must be 'pairwise' or 'listwise'")
        self._acc = accumulator
        self.instrument = instrument
        self._options = (missing, published_r, published_r_source, order or "")
        self._document: Optional[Dict[str, Any]] = None

    @property
    def document(self) -> Dict[str, Any]:
        """The summary as ``securebase stats --format json`` gives it, as a dict (computed on
        first use: summarise, then the checks)."""
        if self._document is None:
            self._document = json.loads(self._report("json"))
        return self._document

    missing = property(lambda self: self.document["missing"], doc="pairwise or listwise")
    rows = property(lambda self: self.document["rows"], doc="respondents accumulated")
    hierarchical = property(lambda self: self.document.get("hierarchical"),
                            doc="omega hierarchical of the instrument, as a dict")
    checks = property(lambda self: self.document.get("checks", []),
                      doc="warnings of the checks (docs/checks.md), one dict each")
    published = property(lambda self: self.document.get("published", []),
                         doc="per scale the sample beside the published reliability and norms")

    def _report(self, fmt: str) -> str:
        handle = self.instrument._handle if self.instrument is not None else None
        return _native.stats_report(self._acc, handle, fmt, *self._options)

    @property
    def scales(self) -> "pd.DataFrame":
        """Per scale: n, mean, SD, skew, kurtosis, min, max, SE of the scale scores."""
        import pandas as pd

        rows = [{"scale": s["id"], **{k: (_num(v) if k != "status" else v)
                                      for k, v in s["score"].items()}}
                for s in self.document["scales"]]
        return pd.DataFrame(rows).set_index("scale")

    @property
    def alpha(self) -> "pd.DataFrame":
        """Per scale: Cronbach's alpha raw and standardised, average r, ASE, and the Feldt,
        exact Feldt and Duhachek 95% intervals."""
        import pandas as pd

        rows = [{"scale": s["id"], **_alpha_row(s["alpha"])} for s in self.document["scales"]]
        return pd.DataFrame(rows).set_index("scale")

    @property
    def omega(self) -> "pd.DataFrame":
        """Per scale: omega total from one-factor minres (``total``) and ML (``total_ml``)."""
        import pandas as pd

        rows = [{"scale": s["id"], "status": s["omega"]["status"],
                 "total": _num(s["omega"]["total"]), "status_ml": s["omega_ml"]["status"],
                 "total_ml": _num(s["omega_ml"]["total"])} for s in self.document["scales"]]
        return pd.DataFrame(rows).set_index("scale")

    @property
    def items(self) -> "pd.DataFrame":
        """The item table, one row per (scale, item): keyed mean and SD, item-total
        correlations, alpha if the item is dropped, and the answer counts."""
        import pandas as pd

        rows = []
        for s in self.document["scales"]:
            for it in s["items"]:
                row = {"scale": s["id"], "item": it["id"]}
                for k, v in it.items():
                    if k == "alpha_if_dropped":
                        row["alpha_if_dropped"] = _num(v["raw"])
                    elif k not in ("id", "counts"):
                        row[k] = v if isinstance(v, (bool, str)) else _num(v)
                row["counts"] = it["counts"]
                rows.append(row)
        return pd.DataFrame(rows).set_index(["scale", "item"])

    @property
    def correlations(self) -> "pd.DataFrame":
        """Pairwise-complete correlations between the scale scores."""
        import pandas as pd

        c = self.document["scale_correlations"]
        values = np.array([[_num(v) for v in row] for row in c["r"]], dtype=float)
        return pd.DataFrame(values, index=c["scales"], columns=c["scales"])

    def to_json(self) -> str:
        """The summary as ``securebase stats --format json`` writes it (one line)."""
        return self._report("json")

    def to_text(self) -> str:
        """The summary as ``securebase stats`` prints it."""
        return self._report("text")

    def to_html(self) -> str:
        """A self-contained HTML page with histograms and the item tables."""
        return self._report("html")

    def partial(self) -> Partial:
        """The mergeable partial of these rows (see :func:`securebase.merge`)."""
        return Partial(self._acc)

    def __repr__(self) -> str:
        a = self.alpha
        shown = ", ".join(f"{k} alpha={v:.3f}" for k, v in a["raw"].items())
        return f"<securebase.Stats {self.rows} rows: {shown}>"


def stats(data, instrument: InstrumentLike, columns: Optional[str] = None, *,
          missing: str = "pairwise", published_r: Optional[float] = None,
          published_r_source: str = "", order: Optional[str] = None, **batch: Any) -> Stats:
    """The statistics of the rows scored (status ok or incomplete) from ``data``: a DataFrame of
    answers, a rows x items array, or a research file's path, read as :func:`score_frame`,
    :func:`score_array` or :func:`score_file` read them (``columns``, ``map``,
    ``missing_codes``, ... by the same names). ``missing``: "pairwise" or "listwise"
    covariances; ``published_r`` adds the check of the anxiety-avoidance correlation."""
    from ._frame import _run_columns, batch_options, score_file, score_frame

    ins = _instrument(instrument)
    if isinstance(data, (str, os.PathLike)):
        acc = score_file(data, ins, columns, order=order, stats=True, **batch
                         ).attrs["securebase"]["stats"]._acc
    elif isinstance(data, np.ndarray):
        options = batch_options(columns, order=order, stats=True, **batch)
        a = data if data.dtype in (np.float64, np.int32, np.int64) else data.astype(np.float64)
        result = _run_columns(ins, options, [a[:, j] for j in range(a.shape[1])], a.shape[0],
                              None)
        acc = result["stats"]
    else:
        _refuse_scores(data, ins, batch.get("prefix", ""))
        acc = score_frame(data, ins, columns, order=order, stats=True, **batch
                          ).attrs["securebase"]["stats"]._acc
    return Stats(acc, ins, missing, published_r, published_r_source, order)


def _refuse_scores(df, ins: Instrument, prefix: str) -> None:
    """The output of score_frame holds scores, not the answers the statistics need: say so
    (as `securebase stats` does for the output of `securebase batch`)."""
    columns = set(getattr(df, "columns", ()))
    if prefix + "status" in columns and all(prefix + s.id in columns for s in ins.scales):
        from ._errors import Problem, TableError

        msg = ("looks like the output of score_frame (it has a status column and the scale "
               "scores, not the item answers); the statistics need the answers: pass the "
               "DataFrame that was scored, or use score_frame(..., stats=True)")
        raise TableError(f"[securebase.table.702] DataFrame: {msg}",
                         [Problem(702, "DataFrame", msg)])


def merge(partials: Iterable[Union[Partial, Stats, str, os.PathLike]],
          instrument: Optional[InstrumentLike] = None, *, missing: str = "pairwise",
          published_r: Optional[float] = None, published_r_source: str = "",
          order: Optional[str] = None) -> Stats:
    """Merges partials of disjoint rows (Partial or Stats objects, or partial files) into the
    statistics one run over all their rows gives (``securebase stats merge``), merging in a
    balanced tree. With ``instrument`` the checks run too. StatsError 1004 names a partial
    laid out for another instrument."""
    accs = []
    for p in partials:
        if isinstance(p, Stats):
            p = p.partial()
        elif not isinstance(p, Partial):
            p = Partial.load(p)
        accs.append(p._acc)
    if not accs:
        raise ValueError("merge needs at least one partial")
    while len(accs) > 1:
        pairs = [_native.merge(accs[i], accs[i + 1]) for i in range(0, len(accs) - 1, 2)]
        accs = pairs + ([accs[-1]] if len(accs) % 2 else [])
    ins = _instrument(instrument) if instrument is not None else None
    return Stats(accs[0], ins, missing, published_r, published_r_source, order)


__all__ = ["Partial", "Stats", "merge", "stats"]
