"""score_frame, score_array and score_file against the CLI's batch output, and stats against
the CLI's statistics JSON. The expected files in tests/data are the CLI's own output, written by
tests/make_expected.sh (the commands are there)."""

import json
import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import securebase
from conftest import DATA, REPO, stats_differences

ORACLE_CSV = REPO / "tests" / "data" / "oracle" / "batch-ecr-r-1000.csv"
BATCH = REPO / "tests" / "data" / "batch"

# (expected file, input, instrument, keyword arguments): make_expected.sh's batch runs
CASES = [
    ("ecr-r-1000", ORACLE_CSV, "ecr-r", dict(columns="ECR_{n}", id="id")),
    ("ecr-r-1000-sum", ORACLE_CSV, "ecr-r",
     dict(columns="ECR_{n}", id="id", method="sum", prefix="sb_")),
    ("ecr5-1000-norms", DATA / "ecr5-1000.csv", "ecr-5",
     dict(columns="ECR_{n}", id="id", norms="osp-2018")),
    ("ecr5-as-ecr-r", ORACLE_CSV, "ecr-5", dict(columns="ECR_{n}", id="id", invalid="missing")),
    ("ecr5-as-ecr-r-invalid", ORACLE_CSV, "ecr-5", dict(columns="ECR_{n}", id="id")),
    ("basic", BATCH / "basic.csv", BATCH / "batch.json", dict(columns="Q{n}", id="pid",
                                                              keep=["age"])),
    ("missing-codes", BATCH / "missing-codes.csv", BATCH / "batch.json",
     dict(columns="Q{n}", id="pid", missing_codes=(-99, 9))),
    ("labels", BATCH / "labels.csv", BATCH / "batch.json", dict(columns="Q{n}", id="pid")),
    ("labels-invalid-missing", BATCH / "labels.csv", BATCH / "batch.json",
     dict(columns="Q{n}", id="pid", invalid="missing")),
]
IDS = [c[0] for c in CASES]


def read_expected(name):
    """The CLI's output as pandas reads a CSV, keeping text as text ("" stays "")."""
    raw = pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)
    return raw


def as_text(values):
    """Cells as the CLI writes them: shortest round-trip numbers, "" for missing."""
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append("")
        elif isinstance(v, (float, np.floating)):
            out.append(repr(float(v)) if not float(v).is_integer() else str(int(v)))
        else:
            out.append(str(v))
    return out


def assert_same_as_cli(frame, expected):
    assert list(frame.columns) == list(expected.columns)
    for col in expected.columns:
        assert as_text(frame[col].tolist()) == expected[col].tolist(), col


@pytest.mark.parametrize("name,path,iid,kwargs", CASES, ids=IDS)
def test_score_frame_equals_cli_batch(name, path, iid, kwargs):
    # source: data/NAME.csv, `securebase batch` (make_expected.sh)
    df = pd.read_csv(path, dtype={kwargs["id"]: str})
    frame = securebase.score_frame(df, iid, **kwargs)
    assert_same_as_cli(frame, read_expected(name))


@pytest.mark.parametrize("name,path,iid,kwargs", CASES, ids=IDS)
def test_score_frame_reads_text_columns_as_the_cli(name, path, iid, kwargs):
    # every column as text (object dtype), as a spreadsheet export might arrive
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert_same_as_cli(securebase.score_frame(df, iid, **kwargs), read_expected(name))


@pytest.mark.parametrize("name,path,iid,kwargs", CASES, ids=IDS)
def test_score_file_is_the_cli_output(name, path, iid, kwargs):
    # source: data/NAME.csv, `securebase batch` (make_expected.sh)
    frame = securebase.score_file(path, iid, **kwargs)
    assert_same_as_cli(frame, read_expected(name))


def test_score_frame_other_dtypes():
    # int32, int16 (converted), float32 (converted) and nullable Int64 columns score the same
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    expected = read_expected("ecr-r-1000")
    items = [c for c in df.columns if c.startswith("ECR_")]
    full = [c for c in items if not df[c].isna().any()]
    variants = [df.assign(**{c: df[c].astype("Int64") for c in items}),
                df.assign(**{c: df[c].astype("float32") for c in items}),
                df.assign(**{c: df[c].astype("int32") for c in full}),
                df.assign(**{c: df[c].astype("int16") for c in full})]
    for variant in variants:
        assert_same_as_cli(securebase.score_frame(variant, "ecr-r", "ECR_{n}", id="id"),
                           expected)


def test_score_array_is_zero_copy_and_equal():
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    answers = df[[f"ECR_{n}" for n in range(1, 37)]].to_numpy(dtype=np.float64)
    out = securebase.score_array(answers, "ecr-r")
    expected = read_expected("ecr-r-1000")
    for col, values in out.items():
        assert as_text(values.tolist()) == expected[col].tolist(), col
    # a Fortran-ordered array's columns are contiguous; a C-ordered one's strided: both read
    fortran = securebase.score_array(np.asfortranarray(answers), "ecr-r")
    assert all(np.array_equal(fortran[k], out[k], equal_nan=True)
               for k in out if k != "status")


def test_score_frame_threads_share_an_instrument():
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    ins = securebase.instrument("ecr-r")
    parts = np.array_split(df, 8)
    serial = [securebase.score_frame(p, ins, "ECR_{n}", id="id") for p in parts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(lambda p: securebase.score_frame(p, ins, "ECR_{n}", id="id"),
                                 parts))
    for a, b in zip(serial, threaded):
        pd.testing.assert_frame_equal(a, b)


def test_score_frame_errors():
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    with pytest.raises(securebase.TableError) as e:
        securebase.score_frame(df.drop(columns=["ECR_3", "ECR_9"]), "ecr-r", "ECR_{n}")
    assert e.value.code == 702 and len(e.value.problems) == 2
    with pytest.raises(securebase.TableError) as e:
        securebase.score_frame(df, "ecr-r", "ECR_{x}")
    assert e.value.code == 704
    with pytest.raises(securebase.NormsError):
        securebase.score_frame(df, "ecr-r", "ECR_{n}", norms="nope")
    with pytest.raises(securebase.TableError) as e:
        securebase.score_array(np.ones((3, 35)), "ecr-r")
    assert e.value.code == 704
    with pytest.raises(securebase.FileError):
        securebase.score_file(REPO / "no-such.csv", "ecr-r")


@pytest.mark.parametrize("missing,name", [("pairwise", "ecr-r-1000.stats.json"),
                                          ("listwise", "ecr-r-1000.listwise.stats.json")])
def test_stats_equals_cli_stats_json(missing, name):
    # source: data/NAME, `securebase stats --format json` (make_expected.sh)
    expected = json.loads((DATA / name).read_text())
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    from_frame = securebase.stats(df, "ecr-r", "ECR_{n}", missing=missing)
    from_file = securebase.stats(ORACLE_CSV, "ecr-r", "ECR_{n}", missing=missing)
    assert from_file.document == expected
    assert from_frame.document == expected  # the same rows, accumulated in the same order
    alpha = from_frame.alpha.loc["anxiety"]
    a = expected["scales"][0]["alpha"]
    assert (alpha.raw, alpha.feldt_lower, alpha.duhachek_upper) == pytest.approx(
        (a["raw"], a["feldt"]["lower"], a["duhachek"]["upper"]), rel=1e-12)
    assert from_frame.omega.loc["anxiety", "total"] == pytest.approx(
        expected["scales"][0]["omega"]["total"], rel=1e-12)
    assert len(from_frame.items) == 36 and from_frame.checks == expected["checks"]


def test_partials_merge_as_one_run(tmp_path):
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    whole = securebase.stats(df, "ecr-r", "ECR_{n}")
    parts = [securebase.stats(p, "ecr-r", "ECR_{n}").partial() for p in np.array_split(df, 5)]
    parts[0].save(tmp_path / "p0.json")
    merged = securebase.merge([tmp_path / "p0.json"] + parts[1:], "ecr-r")
    assert stats_differences(merged.document, whole.document) == []
    # source: data/ecr-r-1000.partial.json, `securebase batch --stats-partial`
    cli = securebase.Partial.load(DATA / "ecr-r-1000.partial.json")
    assert securebase.merge([cli], "ecr-r").document == whole.document
    with pytest.raises(securebase.StatsError) as e:
        ecr5 = pd.read_csv(DATA / "ecr5-1000.csv")
        securebase.merge([parts[0], securebase.stats(ecr5, "ecr-5", "ECR_{n}").partial()])
    assert e.value.code == 1004


def test_blank_rows_are_empty_only_when_every_column_is_blank():
    # run_batch's rule (lib/batch/row.cpp, all_blank): a row with no answer is "empty" when
    # every field is blank, else it is scored (here: nothing answered, incomplete)
    df = pd.read_csv(BATCH / "basic.csv", dtype={"pid": str}).iloc[:2].copy()
    items = [f"Q{n}" for n in range(1, 8)]
    df.loc[0, items] = np.nan
    df.loc[1, items + ["pid", "age"]] = np.nan
    status = securebase.score_frame(df, BATCH / "batch.json", "Q{n}", id="pid")["status"]
    assert status.tolist() == ["incomplete:anx;avo", "empty"]
    df["note"] = ["", "   "]
    status = securebase.score_frame(df, BATCH / "batch.json", "Q{n}", id="pid")["status"]
    assert status.tolist() == ["incomplete:anx;avo", "empty"]


def test_stats_of_scores_says_it_needs_the_answers():
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    scored = securebase.score_frame(df, "ecr-r", "ECR_{n}", id="id", stats=True)
    with pytest.raises(securebase.TableError) as e:
        securebase.stats(scored, "ecr-r")
    assert e.value.code == 702 and "answers" in e.value.message
    # stats=True keeps the statistics of the run with the scores
    # source: data/ecr-r-1000.stats.json, `securebase stats --format json`
    expected = json.loads((DATA / "ecr-r-1000.stats.json").read_text())
    assert scored.attrs["securebase"]["stats"].document == expected


def test_map_order_and_stat_files():
    df = pd.read_csv(ORACLE_CSV, dtype={"id": str})
    by_pattern = securebase.score_frame(df, "ecr-r", "ECR_{n}", id="id")
    by_map = securebase.score_frame(df, "ecr-r", map={f"i{n:02d}": f"ECR_{n}" for n in
                                                      range(1, 37)}, id="id")
    pd.testing.assert_frame_equal(by_map, by_pattern)
    # tests/data/oracle/batch-ecr-r-1000.{sav,dta}: the same answers as SPSS and Stata files
    for ext in ("sav", "dta"):
        path = ORACLE_CSV.with_suffix(f".{ext}")
        frame = securebase.score_file(path, "ecr-r", "ECR_{n}", id="id")
        assert frame["anxiety"].equals(by_pattern["anxiety"])
        assert frame["status"].tolist() == by_pattern["status"].tolist()
    # another order reads the same columns as other items: other scores, same rows
    other = securebase.score_frame(df, "ecr-r", "ECR_{n}", order="dependlab-interleaved")
    assert len(other) == len(df) and not other["anxiety"].equals(by_pattern["anxiety"])
    df["status"] = "x"
    with pytest.raises(securebase.TableError) as e:
        securebase.score_frame(df, "ecr-r", "ECR_{n}", keep=["status"])
    assert e.value.code == 703
