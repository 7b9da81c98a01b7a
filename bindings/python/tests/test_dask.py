"""securebase.dask on a distributed.LocalCluster with 2 worker processes: 200,000 generated
respondents in 8 partitions give the scores of score_frame on the whole frame, and the
statistics of stats on the whole frame to 1e-12."""

import time

import numpy as np
import pandas as pd
import pytest

import securebase
from conftest import stats_differences

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
import securebase.dask  # noqa: E402  (after the skips: needs dask)

ROWS, PARTITIONS = 200_000, 8


def generated_answers(rows, seed=19):
    """ECR-R answers 1-7 from two correlated traits, with 2% missing (NaN) and a pid."""
    rng = np.random.default_rng(seed)
    traits = rng.normal(size=(rows, 2))
    keyed = np.repeat(traits, 18, axis=1) + rng.normal(scale=0.9, size=(rows, 36))
    answers = np.clip(np.rint(4 + 1.3 * keyed), 1, 7)
    answers[rng.random((rows, 36)) < 0.02] = np.nan
    df = pd.DataFrame(answers, columns=[f"ECR_{n}" for n in range(1, 37)])
    df.insert(0, "pid", [f"r{i:06d}" for i in range(rows)])
    return df


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_dask_scores_and_stats_equal_one_process(client):
    df = generated_answers(ROWS)
    ddf = dd.from_pandas(df, npartitions=PARTITIONS)
    assert ddf.npartitions == PARTITIONS
    start = time.perf_counter()
    scored = securebase.dask.score_frame(ddf, "ecr-r", "ECR_{n}", id="pid").compute()
    scored_seconds = time.perf_counter() - start
    start = time.perf_counter()
    st = securebase.dask.stats(ddf, "ecr-r", "ECR_{n}")
    stats_seconds = time.perf_counter() - start
    whole = securebase.score_frame(df, "ecr-r", "ECR_{n}", id="pid")
    pd.testing.assert_frame_equal(scored, whole)
    one = securebase.stats(df, "ecr-r", "ECR_{n}")
    assert st.rows == one.rows == ROWS - int(whole["status"].eq("empty").sum())
    # closed forms to 1e-12, iterative fits to 1e-9 (tests/e2e/stats_compare.py's rule)
    assert stats_differences(st.document, one.document) == []
    print(f"\ndask: {ROWS} rows in {PARTITIONS} partitions on 2 worker processes: scores "
          f"{scored_seconds:.2f} s, statistics {stats_seconds:.2f} s")
