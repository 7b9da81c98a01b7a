#!/usr/bin/env python3
"""Compares two statistics summaries (securebase stats --format json) number by number.

usage: stats_compare.py [--skip MEMBER]... A.json B.json [REL [ITERATIVE_REL]]

Both documents must have the same members, strings and nulls in the same places. Numbers must
agree to REL (default 1e-12): relative, |a - b| <= REL * max(|a|, |b|), for numbers above 1 in
size, and absolute, |a - b| <= REL, for numbers of size 1 or less (alphas, correlations, skew
near 0), whose relative error is not meaningful near 0. The numbers of
the iterative fits (omega, omega_ml, hierarchical: a fixed point reached to 1e-12 or a gradient
below 1e-10, not a closed form) must agree to ITERATIVE_REL (default 1e-9), and their iteration
counts are not compared. --skip MEMBER leaves out every member of that name (e.g.
omega_ml while its fit is known to be fragile; the caller says why). Prints the largest differences found; exits 1 on a mismatch.
"""
import json
import math
import sys

ITERATIVE = ("omega", "omega_ml", "hierarchical")
COUNTS = ("iterations", "fit_iterations", "rotation_iterations")


def main():
    args = sys.argv[1:]
    skip = set()
    while args and args[0] == "--skip":
        skip.add(args[1])
        args = args[2:]
    a = json.load(open(args[0]))
    b = json.load(open(args[1]))
    rel = float(args[2]) if len(args) > 2 else 1e-12
    iterative_rel = float(args[3]) if len(args) > 3 else 1e-9
    problems = []
    worst = {"closed": (0.0, ""), "iterative": (0.0, "")}

    def walk(x, y, path, iterative):
        if isinstance(x, dict):
            if not isinstance(y, dict) or list(x) != list(y):
                problems.append(f"{path}: members differ")
                return
            for k in x:
                if k in skip:
                    continue
                walk(x[k], y[k], f"{path}/{k}", iterative or k in ITERATIVE)
            return
        if isinstance(x, list):
            if not isinstance(y, list) or len(x) != len(y):
                problems.append(f"{path}: array lengths differ")
                return
            for i, (u, v) in enumerate(zip(x, y)):
                walk(u, v, f"{path}/{i}", iterative)
            return
        if isinstance(x, bool) or isinstance(x, str) or x is None:
            if x != y:
                problems.append(f"{path}: {x!r} != {y!r}")
            return
        if not isinstance(y, (int, float)) or isinstance(y, bool):
            problems.append(f"{path}: {x!r} != {y!r}")
            return
        if path.rsplit("/", 1)[-1] in COUNTS and iterative:
            return
        if isinstance(x, int) and isinstance(y, int):
            if x != y:
                problems.append(f"{path}: {x} != {y}")
            return
        tol = iterative_rel if iterative else rel
        diff = abs(x - y)
        scale = max(abs(x), abs(y))
        err = diff / scale if scale > 1 else diff  # relative, or absolute below 1 in size
        kind = "iterative" if iterative else "closed"
        if err > worst[kind][0]:
            worst[kind] = (err, path)
        if not (diff <= tol * scale or (scale <= 1 and diff <= tol)) or math.isnan(diff):
            problems.append(f"{path}: {x!r} != {y!r} (difference {diff:.3g})")

    walk(a, b, "", False)
    if skip:
        print("not compared: " + ", ".join(sorted(skip)))
    for kind, (err, path) in worst.items():
        print(f"largest {kind}-form difference: {err:.3g} at {path or '-'}")
    for p in problems[:20]:
        print("MISMATCH", p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} numbers differ beyond the tolerance", file=sys.stderr)
        return 1
    print("the two summaries agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
