"""One respondent: scored, explained (profile and feedback) and rendered; results compared."""

from __future__ import annotations

import json
import math
import numbers
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _native
from ._errors import Error
from ._instrument import Instrument, instrument as _instrument

if TYPE_CHECKING:
    import pandas as pd

Answers = Union[str, Mapping, Sequence[Optional[float]]]
InstrumentLike = Union[str, os.PathLike, Instrument]


@dataclass(frozen=True)
class ScaleScore:
    """One scale's score: value (NaN below the minimum answered), SEM and 95% interval
    (None without a reliability and SD), norm scores (None without a norm set)."""

    id: str
    status: str
    value: float
    n_items: int
    n_answered: int
    n_missing: int
    min_required: int
    rule: str
    sem: Optional[float]
    lower: Optional[float]
    upper: Optional[float]
    z: Optional[float]
    t: Optional[float]
    percentile: Optional[float]
    reversed_items: Tuple[str, ...]
    missing_items: Tuple[str, ...]


@dataclass(frozen=True)
class FeedbackBlock:
    """One block of feedback: stable id, title, paragraphs and the numbers behind them."""

    id: str
    title: str
    paragraphs: Tuple[str, ...]
    numbers: Dict[str, float]


def _scale_score(s: Dict[str, Any]) -> ScaleScore:
    me = s.get("measurement_error") or {}
    norm = s.get("norm") or {}
    value = s["value"]
    return ScaleScore(s["id"], s["status"], math.nan if value is None else value, s["n_items"],
                      s["n_answered"], s["n_missing"], s["min_required"], s["rule"],
                      me.get("sem"), me.get("lower"), me.get("upper"), norm.get("z"),
                      norm.get("t"), norm.get("percentile"), tuple(s["reversed_items"]),
                      tuple(s["missing_items"]))


class Result:
    """A scored respondent. ``scores`` by scale id; ``profile`` and ``feedback`` in the
    language of ``lang`` (re-explain with :meth:`explain`); render with :meth:`to_text`,
    :meth:`to_html`, :meth:`to_json`."""

    def __init__(self, instrument: Instrument, scores: "_native.Scores", lang: str = "en",
                 boundary: Optional[str] = None):
        self.instrument = instrument
        self._scores = scores
        self.lang = lang
        self._boundary = boundary or ""
        self.document: Dict[str, Any] = json.loads(self.to_json(indent=-1))
        self.scores: Dict[str, ScaleScore] = {
            s["id"]: _scale_score(s) for s in self.document["scales"]}
        self.profile: Dict[str, Any] = self.document["profile"]
        self.feedback: List[FeedbackBlock] = [
            FeedbackBlock(b["id"], b["title"], tuple(b["paragraphs"]), dict(b["numbers"]))
            for b in self.document["feedback"]["blocks"]]

    norm_set = property(lambda self: self.document["norm_set"], doc="norm set used, or None")

    def explain(self, lang: str = "en", boundary: Optional[str] = None) -> "Result":
        """The same scores explained in another language (or with the plane's lines at a
        norm set's medians: ``boundary="osp-2018"``)."""
        return Result(self.instrument, self._scores, lang, boundary)

    def to_json(self, lang: Optional[str] = None, indent: int = 2) -> str:
        """The result document with its profile and feedback (``securebase score -f json``)."""
        return _native.result_json(self.instrument._handle, self._scores, lang or self.lang,
                                   self._boundary, indent)

    def to_html(self, lang: Optional[str] = None) -> str:
        """A self-contained HTML report (no scripts, no external requests)."""
        return _native.result_html(self.instrument._handle, self._scores, lang or self.lang,
                                   self._boundary)

    def to_text(self, width: int = 80, lang: Optional[str] = None, ascii: bool = False) -> str:
        """The feedback as terminal text wrapped to ``width`` columns, with the plane drawn."""
        return _native.result_text(self.instrument._handle, self._scores, lang or self.lang,
                                   self._boundary, width, ascii)

    def to_frame(self) -> "pd.DataFrame":
        """The scores as a pandas DataFrame, one row per scale."""
        import pandas as pd

        rows = [s.__dict__ for s in self.scores.values()]
        return pd.DataFrame(rows).set_index("id")

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v.value:.3g}" for k, v in self.scores.items())
        return f"<securebase.Result {self.instrument.id}: {shown}>"


def _pairs(answers: Union[Mapping, Sequence]) -> List[Tuple[str, float]]:
    items = answers.items() if isinstance(answers, Mapping) or hasattr(answers, "items") \
        else ((n, v) for n, v in enumerate(answers, start=1))
    out = []
    for key, value in items:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"answer to {key!r} is {value!r}: answers must be numbers or None "
                            "(give answer text as one string instead)")
        out.append((str(key), float(value)))
    return out


def score(answers: Answers, instrument: InstrumentLike, norms: Optional[str] = None,
          method: Optional[str] = None, lang: str = "en") -> Result:
    """Scores one respondent.

    ``answers``: a dict (or pandas Series) by item id or canonical number, a list in canonical
    order, or text (``'1=5 2=3'`` or a JSON object). None, NaN and "NA" are missing.
    ``norms``: a norm set id for z, T and percentile. ``method``: "mean" or "sum" for every
    scale. Raises :class:`securebase.AnswersError` (201-205) for answers that do not fit.
    """
    ins = _instrument(instrument)
    if method not in (None, "mean", "sum"):
        raise ValueError(f"method is {method!r}, but must be 'mean', 'sum' or None")
    if isinstance(answers, str):
        scores = _native.score_text(ins._handle, answers, norms or "", method or "")
    else:
        scores = _native.score_pairs(ins._handle, _pairs(answers), norms or "", method or "")
    return Result(ins, scores, lang)


def load_result(document: Union[str, os.PathLike], instrument: Optional[InstrumentLike] = None,
                lang: str = "en") -> Result:
    """A saved result document (a path, or its JSON text), with the instrument that scored it.

    Raises :class:`securebase.ResultError` (401-403; 404 when the instrument's key differs)."""
    text, source = str(document), "<string>"
    if not text.lstrip().startswith("{"):
        source = os.fspath(document)
        with open(source, encoding="utf-8") as f:
            text = f.read()
    scores = _native.parse_result(text, source)
    ins = _instrument(instrument if instrument is not None else scores.instrument_id)
    _native.require_scored_with(ins._handle, scores, source,
                                "pass the instrument it was scored with")
    return Result(ins, scores, lang)


class Comparison:
    """Reliable change (Jacobson-Truax) from an earlier to a later result, scale by scale."""

    def __init__(self, before: Result, after: Result):
        self.before, self.after = before, after
        self.document: Dict[str, Any] = json.loads(self.to_json())
        self.scales: List[Dict[str, Any]] = self.document["scales"]
        self.not_compared: List[str] = self.document["not_compared"]

    def to_json(self) -> str:
        """The change document (``"format": "securebase-change"``)."""
        return _native.change_json(self.before._scores, self.after._scores, "earlier result",
                                   "later result")

    def to_text(self, width: int = 80, lang: str = "en", full: bool = False,
                ascii: bool = False) -> str:
        """The "change" block as text; ``full=True`` gives the later result's whole feedback."""
        return _native.comparison_text(self.after.instrument._handle, self.before._scores,
                                       self.after._scores, lang, width, ascii, not full,
                                       "earlier result", "later result")

    def to_frame(self) -> "pd.DataFrame":
        """One row per scale: before, after, difference, se_difference, rci, verdict."""
        import pandas as pd

        return pd.DataFrame(self.scales).set_index("scale") if self.scales else pd.DataFrame()


def compare(old: Union[Result, str, os.PathLike], new: Union[Result, str, os.PathLike]
            ) -> Comparison:
    """Reliable change between two results (Result objects, result files or JSON text).

    Raises :class:`securebase.ResultError` 404 when they are not on the same metric."""
    before = old if isinstance(old, Result) else load_result(old)
    after = new if isinstance(new, Result) else load_result(new)
    return Comparison(before, after)


__all__ = ["Error", "Result", "ScaleScore", "FeedbackBlock", "Comparison", "score",
           "load_result", "compare"]
