"""Speed of the Python package on a 1,000,000 x 36 DataFrame, one thread (not a test).

    build/python-venv/bin/python bench/python_frame.py [ROWS] [--out bench/results/FILE.md]

Generates ECR-R answers (1-7, 1% missing, so every column is float64 as pandas reads a survey
with blank cells), then times, best of 3 runs each:
  - pandas -> numpy: the item columns as numpy arrays (what score_frame hands the engine);
  - securebase.score_frame: the whole call, DataFrame in, DataFrame out (one thread);
  - securebase.score_array: a rows x items float64 array, read in place;
  - numpy alone: reverse-key (8 - x) and nanmean per scale, no minimum-answered rule, no
    statuses, no counts: a floor for what any scorer must do.
Prints a Markdown table and writes it with --out.
"""

import argparse
import os
import platform
import time

import numpy as np
import pandas as pd

import securebase


def generated(rows, seed=7):
    rng = np.random.default_rng(seed)
    answers = rng.integers(1, 8, size=(rows, 36)).astype(np.float64)
    answers[rng.random((rows, 36)) < 0.01] = np.nan
    return pd.DataFrame(answers, columns=[f"ECR_{n}" for n in range(1, 37)])


def best(fn, runs=3):
    """The best wall time and the best CPU time of this process over `runs` calls (CPU time
    is the fairer number on a shared machine: every step here runs on the calling thread)."""
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return (min(walls), min(cpus)), out


def numpy_scores(answers, ins):
    """Reverse-key, then nanmean of each scale's items (what the engine's mean does, without
    its rules)."""
    out = {}
    for scale in ins.scales:
        idx = [ins.item_ids.index(i) for i in scale.items]
        block = answers[:, idx]  # fancy indexing copies: the reversal leaves `answers` alone
        rev = [k for k, i in enumerate(scale.items) if i in scale.reversed]
        block[:, rev] = 8 - block[:, rev]
        out[scale.id] = np.nanmean(block, axis=1)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--out")
    args = parser.parse_args()
    ins = securebase.instrument("ecr-r")
    df = generated(args.rows)
    cols = [f"ECR_{n}" for n in range(1, 37)]
    t_convert, _ = best(lambda: [df[c].to_numpy() for c in cols])
    t_frame, frame = best(lambda: securebase.score_frame(df, ins, "ECR_{n}"))
    answers = df.to_numpy()
    t_array, arr = best(lambda: securebase.score_array(answers, ins))
    t_copy, _ = best(lambda: df.to_numpy())
    t_numpy, ref = best(lambda: numpy_scores(answers, ins))
    load = os.getloadavg()[0]
    ok = frame["status"].eq("ok")
    agree = np.allclose(frame.loc[ok, "anxiety"], ref["anxiety"][ok.to_numpy()], rtol=1e-12)
    lines = [
        f"# Python package speed, {args.rows:,} x 36 DataFrame (float64, 1% missing), one thread",
        "",
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"securebase {securebase.__version__}; best of 3; load average {load:.1f} on "
        f"{os.cpu_count()} cores when it ended.",
        "",
        "| Step | Wall s | CPU s |",
        "|---|---|---|",
        f"| pandas -> numpy: 36 item columns as arrays (views) | {t_convert[0]:.4f} | "
        f"{t_convert[1]:.4f} |",
        f"| `score_frame` (DataFrame in, DataFrame out) | {t_frame[0]:.3f} | {t_frame[1]:.3f} |",
        f"| `df.to_numpy()` (one rows x items copy) | {t_copy[0]:.3f} | {t_copy[1]:.3f} |",
        f"| `score_array` on that array (read in place) | {t_array[0]:.3f} | {t_array[1]:.3f} |",
        f"| numpy alone: reverse-key + `nanmean` per scale | {t_numpy[0]:.3f} | "
        f"{t_numpy[1]:.3f} |",
        "",
        f"numpy's means equal the engine's scores on the rows scored ok: {agree}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
