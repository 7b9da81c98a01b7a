"""Golden vectors for every embedded instrument: the CLI's result documents (the JavaScript
binding's golden files) byte for byte, and the independent R oracle's scores to 1e-9."""

import csv

import pytest

import securebase
from conftest import GOLDEN, ORACLE, close


def pattern_answers(count, lo, hi, missing=()):
    """bindings/js/test/cases.mjs: item k answers lo + (3k mod width); listed items NA."""
    width = hi - lo + 1
    return " ".join(f"{k}={'NA' if k in missing else lo + (3 * k) % width}"
                    for k in range(1, count + 1)) + "\n"


def golden_cases():
    """The cases of cases.mjs: every instrument in English, the first norm set in Spanish, and
    securebase-core with items 2, 5, 8, 11 and 14 missing."""
    out = []
    for iid in securebase.instruments():
        ins = securebase.instrument(iid)
        rs = ins.response_scale
        answers = pattern_answers(len(ins.items), rs.min, rs.max)
        out.append((iid, iid, answers, "en", None))
        if ins.norm_sets:
            out.append((f"{iid}.norms", iid, answers, "es", ins.norm_sets[0]["id"]))
    core = securebase.instrument("securebase-core")
    out.append(("securebase-core.missing", "securebase-core",
                pattern_answers(len(core.items), 1, 7, (2, 5, 8, 11, 14)), "en", None))
    return out


CASES = golden_cases()


def test_every_instrument_has_a_golden_case():
    # source: bindings/js/test/golden/ holds one file per case of cases.mjs
    names = {c[0] for c in CASES}
    assert names == {p.stem for p in GOLDEN.glob("*.json")}
    assert {c[1] for c in CASES} == set(securebase.instruments())


@pytest.mark.parametrize("name,iid,answers,lang,norms", CASES, ids=[c[0] for c in CASES])
def test_result_document_is_the_clis(name, iid, answers, lang, norms):
    # source: `securebase score -i ID -a - --format json --lang LANG [--norms N]`, written by
    # bindings/js/test/make_golden.mjs into bindings/js/test/golden/NAME.json
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    result = securebase.score(answers, instrument=iid, norms=norms, lang=lang)
    assert result.to_json() == expected


@pytest.mark.parametrize("name,iid,answers,lang,norms", CASES, ids=[c[0] for c in CASES])
def test_dict_and_list_answers_score_as_text(name, iid, answers, lang, norms):
    pairs = [p.split("=") for p in answers.split()]
    as_dict = {int(k): (None if v == "NA" else int(v)) for k, v in pairs}
    as_list = [as_dict[k] for k in sorted(as_dict)]
    text = securebase.score(answers, instrument=iid, norms=norms).to_json()
    assert securebase.score(as_dict, instrument=iid, norms=norms).to_json() == text
    assert securebase.score(as_list, instrument=iid, norms=norms).to_json() == text


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(cell):
    return None if cell in ("", "NA") else float(cell)


GOLDEN_R = ["ecr-5", "ecr-rs", "rq", "securebase-brief", "securebase-core"]


@pytest.mark.parametrize("iid", GOLDEN_R)
def test_r_oracle_golden_vectors(iid):
    rows = read_csv(ORACLE / f"golden-{iid}.csv")
    ins = securebase.instrument(iid)
    checked = 0
    for row in rows:
        answers = {i.id: number(row[i.id]) for i in ins.items}
        result = securebase.score(answers, instrument=iid, norms=row["norm_set"] or None)
        for s in ins.scales:
            got = result.scores[s.id]
            # source: tests/data/oracle/golden-<id>.csv (tests/oracle/golden_scores.R)
            assert got.n_answered == int(row[f"n_answered.{s.id}"])
            assert got.n_missing == int(row[f"n_missing.{s.id}"])
            assert got.min_required == int(row[f"required.{s.id}"])
            assert close(got.value, number(row[f"value.{s.id}"]))
            if number(row[f"value.{s.id}"]) is not None and f"reversed.{s.id}" in row:
                assert " ".join(got.reversed_items) == row[f"reversed.{s.id}"]
            if f"missing.{s.id}" in row:
                assert " ".join(got.missing_items) == row[f"missing.{s.id}"]
            for field in ("sem", "lower", "upper", "z", "t", "percentile"):
                if f"{field}.{s.id}" in row:  # the oracle writes them where a norm or SEM exists
                    assert close(getattr(got, field), number(row[f"{field}.{s.id}"])), field
            checked += 1
    # source: golden_scores.out: rows x scales per instrument
    assert checked == len(rows) * len(ins.scales)


def test_r_oracle_catalogue_vectors():
    # source: tests/data/oracle/catalogue_vectors.csv and catalogue_expected.csv
    # (tests/oracle/catalogue_scores.R): ecr-12, ecr-s, raas, rsq
    vectors = {r["vector_id"]: r for r in read_csv(ORACLE / "catalogue_vectors.csv")}
    expected = read_csv(ORACLE / "catalogue_expected.csv")
    for e in expected:
        v = vectors[e["vector_id"]]
        ins = securebase.instrument(e["instrument"])
        answers = {i.id: number(v[i.id]) for i in ins.items}
        got = securebase.score(answers, instrument=ins).scores[e["scale"]]
        assert got.n_answered == int(e["n_answered"])
        assert got.n_missing == int(e["n_missing"])
        # the oracle's mean ignores the minimum-answered rule: below it there is no score
        if got.n_answered >= got.min_required:
            assert got.status == "ok" and close(got.value, number(e["mean"]))
        else:
            assert got.status == "insufficient"
    # source: catalogue_expected.csv has 63 rows (one per vector and scale)
    assert len(expected) == 63


def test_r_oracle_answer_vectors():
    # source: tests/data/oracle/answer_vectors.csv and scale_scores_expected.csv
    # (tests/oracle/scale_scores.R): ecr, ecr-r and ecr-5 ("ecr5" in the oracle's ids)
    vectors = {r["vector_id"]: r for r in read_csv(ORACLE / "answer_vectors.csv")}
    expected = read_csv(ORACLE / "scale_scores_expected.csv")
    for e in expected:
        v = vectors[e["vector_id"]]
        iid = {"ecr5": "ecr-5"}.get(e["instrument"], e["instrument"])
        ins = securebase.instrument(iid)
        answers = {i.id: number(v.get(i.id, "")) for i in ins.items}
        got = securebase.score(answers, instrument=ins).scores[e["scale"]]
        assert got.n_answered == int(e["n_answered"])
        if got.n_answered < got.min_required:  # the oracle's mean ignores the rule
            assert got.status == "insufficient"
            continue
        assert close(got.value, number(e["mean"]))
        total = securebase.score(answers, instrument=ins, method="sum").scores[e["scale"]]
        assert close(total.value, number(e["prorated_sum"]))
