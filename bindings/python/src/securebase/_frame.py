"""Many respondents: pandas DataFrames, numpy arrays and research files, scored by the batch
engine (the rules, statuses and columns of ``securebase batch``)."""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Union

import numpy as np

from . import _native
from ._errors import Problem, TableError
from ._instrument import Instrument, instrument as _instrument

if TYPE_CHECKING:
    import pandas as pd

InstrumentLike = Union[str, os.PathLike, Instrument]


def batch_options(columns: Optional[str] = None, map: Optional[Union[str, Dict[Any, str]]] = None,
                  order: Optional[str] = None, id: Optional[str] = None,
                  keep: Optional[Sequence[str]] = None, missing_codes: Iterable[Any] = (),
                  recode: Optional[Union[str, Dict[str, Any]]] = None, invalid: str = "error",
                  method: Optional[str] = None, norms: Optional[str] = None, prefix: str = "",
                  threads: int = 1, **file_options: Any) -> Dict[str, Any]:
    """The options of a batch run, by the names of ``securebase batch``'s flags."""
    if invalid not in ("error", "missing"):
        raise ValueError(f"invalid is {invalid!r}, but must be 'error' or 'missing'")
    if method not in (None, "mean", "sum"):
        raise ValueError(f"method is {method!r}, but must be 'mean', 'sum' or None")
    if isinstance(map, dict):
        map = ",".join(f"{k}={v}" for k, v in map.items())
    if isinstance(recode, dict):
        recode = ";".join(f"{k}={'NA' if v is None else v}" for k, v in recode.items())
    if not 1 <= int(threads) <= 256:
        raise ValueError(f"threads is {threads}, but must be from 1 to 256")
    options: Dict[str, Any] = {
        "columns": columns or "", "map": map or "", "map_source": "map", "order": order or "",
        "id": id or "", "keep": list(keep or ()), "prefix": prefix,
        "missing_codes": [_code_text(c) for c in missing_codes], "recode": recode or "",
        "invalid": invalid, "method": method or "", "norms": norms or "",
        "threads": int(threads)}
    options.update(file_options)
    return options


def _code_text(code: Any) -> str:
    """A missing code as the text a CSV would hold: -99, "-99" and -99.0 all give "-99"."""
    if isinstance(code, float) and code.is_integer():
        return str(int(code))
    return str(code)


def _column_array(series) -> np.ndarray:
    """An item column as float64, int32, int64 (no copy when it already is one) or object."""
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, np.dtype):
        if dtype in (np.float64, np.int64, np.int32):
            return series.to_numpy()
        if dtype.kind in "fu" or (dtype.kind == "i" and dtype.itemsize > 4):
            return series.to_numpy(dtype=np.float64)
        if dtype.kind == "i":
            return series.to_numpy(dtype=np.int32)
    elif pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)  # Int64, Float64, ...
    if series.hasnans:
        return series.to_numpy(dtype=object, na_value=None)
    return series.to_numpy(dtype=object)


def _rest_blank(df, item_names: Sequence[str], arrays: Sequence[np.ndarray]) -> np.ndarray:
    """Per row: are all the frame's other columns blank (missing or only spaces)? The engine
    asks only about rows without an answer, so only rows whose numeric item cells are all
    missing are looked at (object columns may hold blanks: they never rule a row out)."""
    names = set(item_names)
    others = [c for c in df.columns if c not in names]
    if not others:
        return np.ones(len(df), dtype=np.uint8)
    maybe = np.ones(len(df), dtype=bool)
    for a in arrays:
        if a.dtype.kind == "f":
            maybe &= np.isnan(a)
        elif a.dtype == np.int32:
            maybe &= a == np.iinfo(np.int32).min
        elif a.dtype.kind in "iu":
            maybe[:] = False
    blank = np.zeros(len(df), dtype=np.uint8)
    rows = np.flatnonzero(maybe)
    if rows.size == 0:
        return blank
    sub = df.iloc[rows]
    all_blank = np.ones(rows.size, dtype=bool)
    for c in others:
        s = sub[c]
        empty = s.isna().to_numpy()
        if s.dtype == object or str(s.dtype) in ("string", "category"):
            empty |= s.astype(str).str.strip().eq("").to_numpy() & s.notna().to_numpy()
        all_blank &= empty
    blank[rows] = all_blank
    return blank


def _require(df, names: Sequence[str], what: str) -> None:
    missing = [n for n in names if n not in df.columns]
    if missing:
        problems = [Problem(702, "DataFrame", f"has no column '{n}' ({what})") for n in missing]
        text = "\n".join(f"[securebase.table.702] {p.location}: {p.message}" for p in problems)
        raise TableError(text, problems)


def _assemble(ins: Instrument, result: Dict[str, Any], passed: Dict[str, Any],
              ) -> Dict[str, Any]:
    """The output columns of score_columns in batch's order (``line`` and passed-through columns
    from ``passed``), named as ``result["columns"]`` names them."""
    names: List[str] = result["columns"]
    out: Dict[str, Any] = {}
    pos = 0
    while pos < len(names) and names[pos] in passed:
        out[names[pos]] = passed[names[pos]]
        pos += 1
    for scale in result["scales"]:
        parts = ["score", "answered", "missing"]
        if scale["z"] is not None or (pos + 3 < len(names) and names[pos + 3].endswith("_z")):
            parts += ["z", "t", "percentile"]
        for part in parts:
            value = scale[part]
            out[names[pos]] = value if value is not None else np.full(len(result["status"]),
                                                                       np.nan)
            pos += 1
    out[names[pos]] = result["status"]
    pos += 1
    if result["invalid_values"] is not None:
        out[names[pos]] = result["invalid_values"]
        pos += 1
    if pos != len(names):
        raise AssertionError(f"securebase: unexpected output columns {names[pos:]}")
    return out


def _run_columns(ins: Instrument, options: Dict[str, Any], arrays: List[np.ndarray], rows: int,
                 rest_blank: Optional[np.ndarray]) -> Dict[str, Any]:
    return _native.score_columns(ins._handle, options, arrays, rows, rest_blank)


def score_frame(df, instrument: InstrumentLike, columns: Optional[str] = None, *,
                map: Optional[Union[str, Dict[Any, str]]] = None, order: Optional[str] = None,
                id: Optional[str] = None, keep: Optional[Sequence[str]] = None,
                missing_codes: Iterable[Any] = (), recode=None, invalid: str = "error",
                method: Optional[str] = None, norms: Optional[str] = None, prefix: str = "",
                first_line: int = 2, threads: int = 1, stats: bool = False) -> "pd.DataFrame":
    """Scores every row of a DataFrame of answers, as ``securebase batch`` scores a table.

    ``columns`` names the item columns by a pattern ("ECR_{n}", "Q{n:02}"; {n} is the item's
    number in ``order``), ``map`` item by item ({"i01": "Q3_1"} or "i01=Q3_1,..."); with
    neither, the columns are the item ids. Returns a DataFrame with batch's columns, numbers and
    statuses (``line``, ``id``, ``keep``, per scale score / _answered / _missing [/ _z / _t /
    _percentile], ``status`` [, ``invalid_values``]) and the input's index. ``line`` is the row's
    line in a CSV with one header row: row position + ``first_line`` (2). The run summary is in
    ``.attrs["securebase"]``; with ``stats=True`` its ``"stats"`` is a :class:`securebase.Stats`.
    """
    import pandas as pd

    ins = _instrument(instrument)
    options = batch_options(columns, map, order, id, keep, missing_codes, recode, invalid,
                            method, norms, prefix, threads, stats=stats)
    item_names = _native.item_columns(ins._handle, options)
    _require(df, item_names, "an item column")
    passed_names = ([id] if id else []) + list(keep or ())
    _require(df, passed_names, "passed through")
    arrays = [_column_array(df[name]) for name in item_names]
    rows = len(df)
    result = _run_columns(ins, options, arrays, rows, _rest_blank(df, item_names, arrays))
    passed: Dict[str, Any] = {prefix + "line": np.arange(first_line, first_line + rows)}
    for name in passed_names:
        passed[name] = df[name].to_numpy()
    frame = pd.DataFrame(_assemble(ins, result, passed), index=df.index, copy=False)
    frame.attrs["securebase"] = _run_info(ins, options, result)
    return frame


def _run_info(ins: Instrument, options: Dict[str, Any], result: Dict[str, Any]) -> Dict[str, Any]:
    info = dict(result["summary"])
    if result.get("stats") is not None:
        from ._stats import Stats

        info["stats"] = Stats(result["stats"], ins)
    return info


def score_array(answers: np.ndarray, instrument: InstrumentLike, *,
                missing_codes: Iterable[Any] = (), invalid: str = "error",
                method: Optional[str] = None, norms: Optional[str] = None, threads: int = 1
                ) -> Dict[str, np.ndarray]:
    """Scores a rows x items array of answers (items in canonical order; NaN = missing).

    float64, int32 and int64 arrays are read in place, without a copy, and the engine runs
    with the GIL released. Returns batch's output columns (without ``line``) as numpy arrays,
    by name: per scale the score, ``_answered`` and ``_missing`` (NaN when the row is not
    scored), then ``status``.
    """
    ins = _instrument(instrument)
    a = np.asarray(answers)
    if a.ndim != 2:
        raise ValueError(f"answers must be a rows x items array, not {a.ndim}-dimensional")
    if a.dtype.kind not in "fiubO":
        raise TypeError(f"answers must be numbers (or text in an object array), not {a.dtype}")
    if a.dtype not in (np.float64, np.int32, np.int64, object):
        a = a.astype(np.float64 if a.dtype.kind in "fub" or a.dtype.itemsize > 4 else np.int32)
    if a.strides[0] <= 0 or a.strides[0] % a.itemsize:  # e.g. a[::-1]: read from a copy
        a = np.ascontiguousarray(a)
    options = batch_options(missing_codes=missing_codes, invalid=invalid, method=method,
                            norms=norms, threads=threads)
    arrays = [a[:, j] for j in range(a.shape[1])]
    result = _run_columns(ins, options, arrays, a.shape[0], None)
    out = _assemble(ins, result, {"line": None})
    out.pop("line")
    return out


def score_file(path: Union[str, os.PathLike], instrument: InstrumentLike,
               columns: Optional[str] = None, *, map=None, order: Optional[str] = None,
               id: Optional[str] = None, keep: Optional[Sequence[str]] = None,
               missing_codes: Iterable[Any] = (), recode=None, invalid: str = "error",
               method: Optional[str] = None, norms: Optional[str] = None, prefix: str = "",
               threads: int = 1, delimiter: Optional[str] = None, encoding: str = "",
               decimal: str = "detect", skip_rows: int = 0, qualtrics: bool = True,
               stats: bool = False) -> "pd.DataFrame":
    """Scores a research file (CSV, TSV, SPSS .sav, Stata .dta) exactly as ``securebase batch``
    does, and returns its output as a DataFrame (passed-through columns as text).

    The run summary is in ``.attrs["securebase"]``; with ``stats=True`` its ``"stats"`` is a
    :class:`securebase.Stats`.
    """
    import pandas as pd

    ins = _instrument(instrument)
    path = os.fspath(path)
    options = batch_options(columns, map, order, id, keep, missing_codes, recode, invalid,
                            method, norms, prefix, threads, stats=stats, encoding=encoding,
                            decimal=decimal, skip_rows=int(skip_rows), qualtrics=qualtrics)
    delim = {None: "", "comma": ",", "semicolon": ";", "tab": "\t"}.get(delimiter, delimiter)
    data, summary, acc = _native.run_file(ins._handle, options, path, delim)
    text_columns = {name: str for name in ([id] if id else []) + list(keep or ())}
    text_columns[prefix + "status"] = str
    frame = pd.read_csv(io.BytesIO(data), dtype=text_columns, keep_default_na=False,
                        float_precision="round_trip",
                        na_values={c: [""] for c in _score_columns(ins, options)})
    frame.attrs["securebase"] = _run_info(ins, options, {"summary": summary, "stats": acc})
    return frame


def _score_columns(ins: Instrument, options: Dict[str, Any]) -> List[str]:
    passed = set(([options["id"]] if options["id"] else []) + options["keep"])
    names = _native.output_columns(ins._handle, options)
    return [n for n in names if n not in passed and n != options["prefix"] + "status"]
