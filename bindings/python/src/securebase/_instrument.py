"""Instruments: the questionnaires securebase scores, their items, scales, labels and text."""

from __future__ import annotations

import functools
import json
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple, Union

from . import _native


@dataclass(frozen=True)
class ItemKey:
    """A scale an item counts towards, reversed or not, and its weight."""

    scale: str
    reversed: bool
    weight: float


@dataclass(frozen=True)
class Item:
    """One item: stable id, number in the canonical order, keys and a construct note."""

    id: str
    number: int
    keys: Tuple[ItemKey, ...]
    note: str


@dataclass(frozen=True)
class Scale:
    """A scale as the compiled key has it (``Instrument.key`` holds every detail)."""

    id: str
    name: str
    method: str
    items: Tuple[str, ...]
    reversed: Tuple[str, ...]
    min_answered: int
    min_answered_rule: str
    reliability: Optional[Dict[str, Any]] = None
    components: Tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseScale:
    """The answer range every item shares, and the default label of each point."""

    min: int
    max: int
    labels: Tuple[str, ...]


@dataclass(frozen=True)
class InstrumentText:
    """An instrument's wording in one language (item text, labels, display name)."""

    instrument_id: str
    language: str
    validated_translation: bool
    note: str
    display_name: str
    labels: Tuple[str, ...]
    items: Dict[str, str] = field(default_factory=dict)


def _text(d: Optional[Dict[str, Any]]) -> Optional[InstrumentText]:
    if d is None:
        return None
    return InstrumentText(d["instrument_id"], d["language"], d["validated_translation"],
                          d["note"], d["display_name"], tuple(d["labels"]), dict(d["items"]))


class Instrument:
    """A loaded, validated instrument. Immutable: share one between threads freely.

    Get one with :func:`securebase.instrument`. ``key`` is the compiled scoring key as a dict
    (what ``securebase instruments show --format json`` prints).
    """

    def __init__(self, handle: "_native.Instrument"):
        self._handle = handle
        self.key: Dict[str, Any] = json.loads(handle.key_json())
        rs = self.key["response_scale"]
        self.response_scale = ResponseScale(rs["min"], rs["max"], tuple(rs["labels"]))
        self.items: List[Item] = [
            Item(i["id"], i["number"],
                 tuple(ItemKey(k["scale"], k["reversed"], k["weight"]) for k in i["keys"]),
                 i["note"]) for i in handle.items()]
        self.scales: List[Scale] = [
            Scale(s["id"], s["name"], s["method"], tuple(s["item_ids"]),
                  tuple(self.items[n - 1].id for n in s["reversed"]), s["min_answered"],
                  s["min_answered_rule"], s.get("reliability"), tuple(s.get("scales", ())))
            for s in self.key["scales"]]

    id = property(lambda self: self._handle.id, doc="e.g. 'ecr-r'")
    version = property(lambda self: self._handle.version, doc="version of the instrument file")
    title = property(lambda self: self._handle.title, doc="full title")
    short_title = property(lambda self: self._handle.short_title, doc="e.g. 'ECR-R'")
    key_fingerprint = property(lambda self: self._handle.key_fingerprint,
                               doc="SHA-256 of the canonical scoring key")
    source = property(lambda self: self._handle.source, doc="'embedded:ID' or the file path")
    citations = property(lambda self: self.key["citations"], doc="where the key comes from")
    licence = property(lambda self: self.key["licence"], doc="licence or permission note")
    orders = property(lambda self: self.key["orders"], doc="item orders, canonical first")
    norm_sets = property(lambda self: self.key["norm_sets"], doc="named reference samples")
    plane = property(lambda self: self.key["plane"], doc="the attachment plane's scales")

    @property
    def item_ids(self) -> List[str]:
        """Item ids in canonical order."""
        return [i.id for i in self.items]

    @property
    def languages(self) -> List[str]:
        """Languages of the item text embedded in the library (none for published ones)."""
        return list(self._handle.languages())

    def text(self, lang: str = "en") -> Optional[InstrumentText]:
        """The embedded item text in a language, or None (published instruments ship none)."""
        return _text(self._handle.text(lang))

    def load_text(self, path: Union[str, os.PathLike]) -> InstrumentText:
        """Item text from a file you are licensed to use, checked against this instrument."""
        return _text(self._handle.load_text(os.fspath(path)))

    def text_template(self, lang: str = "en") -> str:
        """A text file skeleton for this instrument (every item with empty wording)."""
        return self._handle.text_template(lang)

    def response_labels(self, lang: str = "en") -> Tuple[str, ...]:
        """Response labels in a language: the embedded text's, else the instrument's own."""
        t = self.text(lang)
        return t.labels if t is not None and t.labels else self.response_scale.labels

    def __reduce__(self):
        # Pickled for other processes (Dask workers): an embedded one by id, a file's by its text.
        if self.source == f"embedded:{self.id}":
            return (_restore, (self.id, None, self.source))
        with open(self.source, encoding="utf-8") as f:
            return (_restore, (None, f.read(), self.source))

    def __repr__(self) -> str:
        return (f"<securebase.Instrument {self.id} {self.version}: {len(self.items)} items, "
                f"scales {', '.join(s.id for s in self.scales)}>")


def _restore(embedded_id: Optional[str], text: Optional[str], source: str) -> "Instrument":
    if embedded_id is not None:
        return _embedded(embedded_id)
    return Instrument(_native.parse_instrument(text, source))


def instruments() -> List[str]:
    """Ids of every instrument embedded in the library, sorted."""
    return list(_native.instrument_ids())


@functools.lru_cache(maxsize=64)
def _embedded(id_or_path: str) -> Instrument:
    return Instrument(_native.load_instrument(id_or_path))


def instrument(id_or_path: Union[str, os.PathLike, Instrument]) -> Instrument:
    """An embedded instrument by id ("ecr-r"), or an instrument file by path.

    Raises :class:`securebase.InstrumentError` (107 for an unknown id, 101-108 for a bad file).
    """
    if isinstance(id_or_path, Instrument):
        return id_or_path
    text = os.fspath(id_or_path)
    if text in _native.instrument_ids():
        return _embedded(text)
    return Instrument(_native.load_instrument(text))


def parse_instrument(json_text: str, source: str = "<string>") -> Instrument:
    """An instrument from its JSON text (every problem reported at once)."""
    return Instrument(_native.parse_instrument(json_text, source))
