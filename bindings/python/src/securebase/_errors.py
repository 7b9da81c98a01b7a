"""securebase's errors: one class per family of the library's stable codes (docs/errors.md)."""

from __future__ import annotations

from typing import List, NamedTuple, Tuple


class Problem(NamedTuple):
    """One problem the library found: its code, where it is, and what is wrong."""

    code: int
    location: str
    message: str


class Error(Exception):
    """An error of the securebase engine.

    ``code`` is the stable number of the first problem (e.g. 203), ``id`` its printable
    identifier ("securebase.answers.203"), ``location`` where it is (a file:line:column, a
    JSON Pointer or a name) and ``problems`` every problem found, the first one leading.
    """

    family = ""

    def __init__(self, text: str, problems: List[Problem]):
        super().__init__(text)
        self.problems = problems
        self.code = problems[0].code
        self.location = problems[0].location
        self.message = problems[0].message

    @property
    def id(self) -> str:
        return f"securebase.{_family_of(self.code)}.{self.code}"


class InstrumentError(Error):
    """1xx: an instrument file or id that cannot be loaded."""

    family = "instrument"


class AnswersError(Error, ValueError):
    """2xx: answers that do not fit the instrument."""

    family = "answers"


class NormsError(Error):
    """3xx: an unknown norm set, or one without values for a scale."""

    family = "norms"


class ResultError(Error):
    """4xx: a result document that cannot be read, or two results not on the same metric."""

    family = "result"


class TextError(Error):
    """5xx: item-text and feedback files; no text in a language."""

    family = "text"


class FileError(Error):
    """6xx: a file that cannot be read or written, or is too large."""

    family = "io"


class TableError(Error):
    """7xx: research tables: malformed CSV, missing or duplicate columns, mappings."""

    family = "table"


class SessionError(Error):
    """8xx: questionnaire sessions."""

    family = "session"


class InternalError(Error):
    """901: a bug in securebase."""

    family = "internal"


class StatsError(Error):
    """10xx: statistics partials, layouts that cannot be merged, parameters out of range."""

    family = "stats"


_FAMILIES = {
    1: InstrumentError,
    2: AnswersError,
    3: NormsError,
    4: ResultError,
    5: TextError,
    6: FileError,
    7: TableError,
    8: SessionError,
    9: InternalError,
    10: StatsError,
}


def _family_of(code: int) -> str:
    return _FAMILIES.get(code // 100, Error).family or "unknown"


def _from_native(text: str, problems: List[Tuple[int, str, str]]) -> Error:
    """Called by the extension module for every securebase::Error (its one translation)."""
    found = [Problem(*p) for p in problems]
    cls = _FAMILIES.get(found[0].code // 100, Error)
    return cls(text, found)
