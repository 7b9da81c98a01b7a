"""Instruments, one respondent's result and its rendering, comparison, errors and threads."""

import json
import math
from concurrent.futures import ThreadPoolExecutor

import pytest

import securebase
from conftest import REPO

TINY = REPO / "tests" / "data" / "instruments" / "tiny.json"
TINY_TEXT = REPO / "tests" / "data" / "instruments" / "tiny-text.en.json"


def test_instruments_lists_every_embedded_file():
    # source: instruments/*.json, one file per embedded instrument
    ids = sorted(p.stem for p in (REPO / "instruments").glob("*.json"))
    assert securebase.instruments() == ids


def test_instrument_metadata_items_scales_labels():
    ins = securebase.instrument("ecr-r")
    # source: instruments/ecr-r.json: 36 items, scales anxiety and avoidance, answers 1-7
    assert ins.id == "ecr-r" and len(ins.items) == 36
    assert [s.id for s in ins.scales] == ["anxiety", "avoidance"]
    assert (ins.response_scale.min, ins.response_scale.max) == (1, 7)
    assert ins.response_labels("en")[0] == "Strongly disagree"
    assert ins.items[0].id == "i01" and ins.items[0].number == 1
    assert all(len(s.items) == 18 for s in ins.scales)
    assert ins.plane["anxiety"]["scale"] == "anxiety"
    assert len(ins.key_fingerprint) == 64
    # published instruments ship no item text
    assert ins.languages == [] and ins.text("en") is None


def test_embedded_and_user_text():
    core = securebase.instrument("securebase-core")
    # source: instruments/text/securebase-core.{en,es}.json
    assert core.languages == ["en", "es"]
    es = core.text("es")
    assert es.language == "es" and len(es.items) == len(core.items)
    tiny = securebase.instrument(TINY)
    text = tiny.load_text(TINY_TEXT)
    # source: tests/data/instruments/tiny-text.en.json
    assert text.items["a1"] == "Example statement one."
    assert text.labels[0] == "Label one"
    assert '"a1"' in tiny.text_template("en")


def test_score_gives_sem_interval_profile_and_feedback():
    result = securebase.score({n: 1 + (3 * n) % 5 for n in range(1, 37)}, instrument="ecr-5",
                              norms="osp-2018")
    s = result.scores["anxiety"]
    # source: bindings/js/test/golden/ecr-5.norms.json (the CLI's result for these answers)
    golden = json.loads((REPO / "bindings/js/test/golden/ecr-5.norms.json").read_text())
    g = golden["scales"][0]
    assert s.value == g["value"] and s.sem == g["measurement_error"]["sem"]
    assert (s.lower, s.upper) == (g["measurement_error"]["lower"], g["measurement_error"]["upper"])
    assert s.percentile == g["norm"]["percentile"]
    assert result.profile == golden["profile"]
    assert [b.id for b in result.feedback][:2] == ["disclaimer", "help"]
    assert result.to_frame().loc["anxiety", "value"] == g["value"]


def test_renderings():
    result = securebase.score("1=5 2=3 3=4", instrument="securebase-core")
    html = result.to_html()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    text = result.to_text(width=50)
    assert max(len(line) for line in text.splitlines()) <= 50
    assert "diagnosis" in text
    assert result.to_text(lang="es") != result.to_text()
    assert result.explain("es").feedback[0].title != result.feedback[0].title


def test_load_result_and_compare(tmp_path):
    before = securebase.score([4] * 36, instrument="ecr-r")
    after = securebase.score([1] * 36, instrument="ecr-r")
    path = tmp_path / "before.json"
    path.write_text(before.to_json())
    loaded = securebase.load_result(path)
    assert loaded.to_json() == before.to_json()
    c = securebase.compare(path, after)
    assert [s["scale"] for s in c.scales] == ["anxiety", "avoidance"]
    # all 4s: 4 (reversal keeps 4); all 1s: tests/data/oracle/scale_scores_expected.csv, ecrr_min
    assert c.scales[0]["before"] == 4.0 and c.scales[0]["after"] == 1.6666666666666667
    assert "reliable" in c.to_text().lower() or "RCI" in c.to_text()
    other = securebase.score([1] * 12, instrument="ecr-12")
    with pytest.raises(securebase.ResultError) as e:
        securebase.compare(before, other)
    assert e.value.code == 404


@pytest.mark.parametrize("answers,code", [
    ({1: 9}, 203), ({1: 2.5}, 204), ({"x99": 1}, 202), ({99: 1}, 202), ("1=5 1=4", 205),
    ("{not json", 201)])
def test_answer_errors_carry_code_and_location(answers, code):
    with pytest.raises(securebase.AnswersError) as e:
        securebase.score(answers, instrument="ecr-r")
    assert e.value.code == code and e.value.location
    assert e.value.id == f"securebase.answers.{code}"
    assert isinstance(e.value, securebase.Error) and isinstance(e.value, ValueError)


def test_other_errors():
    with pytest.raises(securebase.InstrumentError) as e:
        securebase.instrument("no-such-instrument")
    assert e.value.code == 107 and e.value.location == "no-such-instrument"
    with pytest.raises(securebase.InstrumentError) as e:
        securebase.instrument(REPO / "tests/data/instruments/syntax-error.json")
    assert e.value.code == 101
    with pytest.raises(securebase.NormsError) as e:
        securebase.score([1] * 36, instrument="ecr-r", norms="nope")
    assert e.value.code == 301
    with pytest.raises(securebase.ResultError):
        securebase.load_result('{"schema": "x"}')
    with pytest.raises(securebase.TextError):
        securebase.score([1] * 36, instrument="ecr-r").to_text(lang="xx")
    with pytest.raises(TypeError):
        securebase.score({1: "five"}, instrument="ecr-r")
    with pytest.raises(securebase.StatsError):
        securebase.Partial.from_json("[]")


def test_threads_share_one_instrument():
    ins = securebase.instrument("securebase-core")
    n = len(ins.items)
    patterns = [[1 + (k * j) % 7 for j in range(n)] for k in range(64)]
    serial = [securebase.score(p, instrument=ins).to_json() for p in patterns]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda p: securebase.score(p, instrument=ins).to_json(),
                                 patterns))
    assert threaded == serial


def test_score_of_nothing_answered_is_insufficient_not_an_error():
    result = securebase.score({}, instrument="ecr-r")
    assert all(math.isnan(s.value) and s.status == "insufficient"
               for s in result.scores.values())


def test_hostile_arrays_and_frames_raise_or_score_never_crash():
    import numpy as np
    import pandas as pd

    ins = securebase.instrument("ecr-r")
    a = np.random.default_rng(1).integers(1, 8, (10, 36)).astype(float)
    assert (securebase.score_array(a[::-1], ins)["anxiety"]
            == securebase.score_array(a, ins)["anxiety"][::-1]).all()
    with pytest.raises(TypeError):
        securebase.score_array(a.astype(complex), ins)
    with pytest.raises(ValueError):
        securebase.score_array(np.ones(36), ins)
    assert len(securebase.score_array(np.empty((0, 36)), ins)["status"]) == 0
    # off-scale numbers are row statuses, never errors: inf, huge, int64's minimum
    for bad in (np.inf, 1e308, -(2 ** 63)):
        out = securebase.score_array(np.full((2, 36), bad), ins)
        assert all(s.startswith("invalid:i01=") for s in out["status"])
    # int32's minimum is R's NA: missing
    out = securebase.score_array(np.full((2, 36), np.iinfo(np.int32).min, dtype=np.int32), ins)
    assert list(out["status"]) == ["incomplete:anxiety;avoidance"] * 2
    cols = {f"i{n:02d}": ["Agree", None, "x"] for n in range(1, 37)}
    frame = securebase.score_frame(pd.DataFrame(cols), ins)
    assert frame["status"].tolist()[:2] == ["ok", "empty"]
    assert frame["status"][2].startswith("invalid:i01=x;")
    with pytest.raises(UnicodeEncodeError):
        securebase.score_frame(pd.DataFrame({f"i{n:02d}": ["\ud800"] for n in range(1, 37)}),
                               ins)
    with pytest.raises(securebase.FileError):
        securebase.score_file("/", ins)
