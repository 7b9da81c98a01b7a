#!/usr/bin/env python3
"""Runs `securebase batch` on the R oracle's 1,000-row ECR-R file and compares every row.

Usage: batch_oracle.py SECUREBASE INPUT EXPECTED.csv WORK_DIR

INPUT is tests/data/oracle/batch-ecr-r-1000.csv, or the same data as .sav or .dta.

The expected file comes from tests/oracle/batch_scores.R (psych::scoreItems, then the ECR-R
minimum-answered rule: 15 of 18 items). For each row, in order: the id, each scale's score
(to 1e-9; no score expected below the rule), the scale's answered-item count when the output
has such a column, and the status ("ok", or "incomplete..." naming exactly the scales below
the rule). Exit 0 when all match, 1 on a mismatch, 77 (skip) when this build's `batch` is
still a placeholder.
"""
import csv
import math
import os
import subprocess
import sys

SCALES = ("anxiety", "avoidance")
TOLERANCE = 1e-9
NO_SCORE = ("", "NA", "null")


def find_column(header, names):
    """The index of the first of `names` in `header`, or None."""
    for name in names:
        if name in header:
            return header.index(name)
    return None


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 1
    exe, input_csv, expected_csv, work = sys.argv[1:]
    probe = subprocess.run([exe, "batch", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        print("skipped: `securebase batch --help` exits %d (%s)"
              % (probe.returncode, (probe.stderr or probe.stdout).strip()))
        return 77

    os.makedirs(work, exist_ok=True)
    out_csv = os.path.join(work, "scores.csv")
    if os.path.exists(out_csv):
        os.remove(out_csv)
    command = [exe, "batch", "--instrument", "ecr-r", "--columns", "ECR_{n}", "--id", "id",
               input_csv, "-o", out_csv]
    run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0:
        print("FAIL: %s exited %d\n%s" % (" ".join(command), run.returncode, run.stderr))
        return 1

    with open(expected_csv, newline="") as f:
        expected = list(csv.DictReader(f))
    with open(out_csv, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    problems = []
    if len(body) != len(expected):
        problems.append("%d output rows for %d input rows" % (len(body), len(expected)))
    id_col = find_column(header, ["id"])
    status_col = find_column(header, ["status"])
    score_cols = {s: find_column(header, [s, s + "_score", s + "_mean", s + ".score"])
                  for s in SCALES}
    n_cols = {s: find_column(header, [s + "_n", s + "_n_answered", s + "_answered",
                                      "n_answered_" + s, s + ".n_answered"])
              for s in SCALES}
    for what, col in [("id", id_col), ("status", status_col)] + \
            [(s, c) for s, c in score_cols.items()]:
        if col is None:
            problems.append("no %s column in the output header %s" % (what, header))
    if problems:
        print("FAIL:\n  " + "\n  ".join(problems))
        return 1

    max_diff = 0.0
    compared = 0
    for line, (want, got) in enumerate(zip(expected, body), start=2):
        where = "output line %d (id %s)" % (line, want["id"])
        if got[id_col] != want["id"]:
            problems.append("%s: id %r" % (where, got[id_col]))
            continue
        for s in SCALES:
            value = got[score_cols[s]]
            if want[s] == "":
                if value not in NO_SCORE:
                    problems.append("%s: %s is %s, but no score was expected (only %s items "
                                    "answered)" % (where, s, value, want[s + "_n"]))
            else:
                try:
                    diff = abs(float(value) - float(want[s]))
                except ValueError:
                    problems.append("%s: %s is %r, expected %s" % (where, s, value, want[s]))
                    continue
                if not math.isfinite(diff) or diff > TOLERANCE:
                    problems.append("%s: %s is %s, expected %s" % (where, s, value, want[s]))
                max_diff = max(max_diff, diff)
                compared += 1
            if n_cols[s] is not None and got[n_cols[s]] != want[s + "_n"]:
                problems.append("%s: %s answered %s, expected %s"
                                % (where, s, got[n_cols[s]], want[s + "_n"]))
        status = got[status_col]
        incomplete = [s for s in want["incomplete"].split(";") if s]
        if not incomplete:
            if status != "ok":
                problems.append("%s: status %r, expected 'ok'" % (where, status))
        elif not status.startswith("incomplete") or \
                any((s in status) != (s in incomplete) for s in SCALES):
            problems.append("%s: status %r, expected incomplete for %s"
                            % (where, status, " and ".join(incomplete)))
    if problems:
        shown = problems[:20]
        print("FAIL: %d problems%s\n  %s" % (len(problems), " (first 20)" if len(problems) > 20
                                              else "", "\n  ".join(shown)))
        return 1
    print("OK: %d rows, %d scores within %g of psych::scoreItems (max |diff| %.3g), "
          "statuses and counts match" % (len(body), compared, TOLERANCE, max_diff))
    return 0


if __name__ == "__main__":
    sys.exit(main())
