#!/usr/bin/env python3
"""`securebase stats` end to end against R's psych.

usage: stats_oracle.py SECUREBASE INSTRUMENT DATA DATASET EXPECTED WORK_DIR

Runs `securebase stats --format json` on an oracle data set (tests/oracle/stats_psych.R wrote
DATA and EXPECTED, stats-expected.csv) in pairwise and listwise modes and checks the describe,
alpha, interval, item and correlation numbers to 1e-9 and omega total to 1e-4, as
tests/stats_test.cpp does for the library.
"""
import csv
import json
import os
import subprocess
import sys


def near(a, b, tol):
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-300) or abs(a - b) <= 1e-14


def main():
    exe, instrument, data, dataset, expected_path, work = sys.argv[1:7]
    os.makedirs(work, exist_ok=True)
    expected = {}
    with open(expected_path) as f:
        for row in csv.DictReader(f):
            if row["dataset"] == dataset:
                value = float("nan") if row["value"] == "NA" else float(row["value"])
                expected[(row["scale"], row["item"], row["statistic"])] = value
    bad = []
    checked = 0

    def check(got, key, tol):
        nonlocal checked
        if key not in expected:
            bad.append(f"{key}: not in {expected_path}")
            return
        want = expected[key]
        checked += 1
        if got is None or not near(got, want, tol):
            bad.append(f"{key}: got {got!r}, psych {want!r}")

    for mode in ("pairwise", "listwise"):
        out = os.path.join(work, f"{dataset}-{mode}.json")
        subprocess.run([exe, "stats", "-i", instrument, data, "--missing", mode, "--format",
                        "json", "-o", out, "--force", "-q"], check=True)
        summary = json.load(open(out))
        assert summary["missing"] == mode
        p = mode + "."
        for s in summary["scales"]:
            sid = s["id"]
            if mode == "pairwise":
                for stat in ("mean", "sd", "skew", "kurtosis", "min", "max", "se"):
                    check(s["score"][stat], (sid, "", stat), 1e-9)
                check(s["score"]["n"], (sid, "", "n"), 0)
            check(s["rows"], (sid, "", p + "n_rows"), 0)
            a = s["alpha"]
            for stat, name in (("raw", "raw_alpha"), ("standardised", "std_alpha"),
                               ("average_r", "average_r"), ("ase", "ase")):
                check(a[stat], (sid, "", p + name), 1e-9)
            for side in ("lower", "upper"):
                check(a["feldt"][side], (sid, "", p + "feldt_" + side), 1e-9)
                check(a["duhachek"][side], (sid, "", p + "duhachek_" + side), 1e-9)
            check(s["omega"]["total"], (sid, "", p + "omega_total"), 1e-4)
            for it in s["items"]:
                iid = it["id"]
                check(it["n"], (sid, iid, p + "n"), 0)
                for stat, name in (("item_total_r", "raw_r"), ("standardised_r", "std_r"),
                                   ("corrected_r", "r_drop"), ("mean", "mean"), ("sd", "sd")):
                    check(it[stat], (sid, iid, p + name), 1e-9)
                check(it["alpha_if_dropped"]["raw"], (sid, iid, p + "drop_raw_alpha"), 1e-9)
        ids = summary["scale_correlations"]["scales"]
        check(summary["scale_correlations"]["r"][0][1], (ids[0] + "~" + ids[1], "", "cor"), 1e-9)
    for b in bad[:20]:
        print("MISMATCH", b, file=sys.stderr)
    if bad:
        return 1
    print(f"{checked} numbers of `securebase stats` on {dataset} match psych")
    return 0


if __name__ == "__main__":
    sys.exit(main())
