"""securebase: scoring, reliability and honest, non-diagnostic feedback for adult-attachment
questionnaires, on the same C++ engine as the ``securebase`` command.

Researchers: :func:`score_frame` (a pandas DataFrame of answers, scored as ``securebase batch``
scores a table), :func:`score_file`, :func:`stats` (alpha with Feldt and Duhachek intervals,
omega, the item table, the checks) and :func:`merge` of partials; :mod:`securebase.dask` for
data sets past one machine. App developers: :func:`score` one respondent, then
``Result.to_text()``, ``to_html()``, ``to_json()``; :func:`compare` two results.
Every failure of the engine is a :class:`securebase.Error` with ``.code`` and ``.location``.
"""

from . import _native
from ._errors import (AnswersError, Error, FileError, InstrumentError, InternalError,
                      NormsError, Problem, ResultError, SessionError, StatsError, TableError,
                      TextError)
from ._frame import score_array, score_file, score_frame
from ._instrument import (Instrument, InstrumentText, Item, ItemKey, ResponseScale, Scale,
                          instrument, instruments, parse_instrument)
from ._result import (Comparison, FeedbackBlock, Result, ScaleScore, compare, load_result,
                      score)
from ._stats import Partial, Stats, merge, stats

__version__: str = _native.version

__all__ = [
    "AnswersError", "Comparison", "Error", "FeedbackBlock", "FileError", "Instrument",
    "InstrumentError", "InstrumentText", "InternalError", "Item", "ItemKey", "NormsError",
    "Partial", "Problem", "ResponseScale", "Result", "ResultError", "Scale", "ScaleScore",
    "SessionError", "Stats", "StatsError", "TableError", "TextError", "compare", "instrument",
    "instruments", "load_result", "merge", "parse_instrument", "score", "score_array",
    "score_file", "score_frame", "stats",
]
