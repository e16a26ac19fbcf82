"""Pages generated on several cores give the pages one process gives (build_scripts/site/workers.py)."""

from __future__ import annotations

import functools
import os
import threading

import pytest

from build_scripts import PROJECT, dataset
from build_scripts.site import pages, workers


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_the_order_of_the_tasks(jobs):
    results = workers.run([functools.partial(_square, n) for n in range(50)], jobs)
    assert [r[0] for r in results] == [n * n for n in range(50)]
    assert len({pid for _r, pid in results}) == jobs  # each process took its share
    assert results[0][1] == os.getpid()


def _fails(n: int) -> int:
    if n == 3:
        raise ValueError("la tâche 3 échoue")
    return n


def test_an_error_in_a_child_is_raised_with_its_traceback():
    with pytest.raises(RuntimeError, match="(?s)page-generating process failed.*ValueError: la tâche 3 échoue"):
        workers.run([functools.partial(_fails, n) for n in range(6)], 2)


def test_one_process_for_a_small_site_or_beside_other_threads():
    assert workers.jobs_for(workers.MIN_TASKS - 1) == 1
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert workers.jobs_for(10 * workers.MIN_TASKS) == 1  # mkdocs serve: a server thread runs
    finally:
        stop.set()
        thread.join()


def test_the_pages_are_the_same_on_two_cores():
    ds = dataset.load(PROJECT)
    one, _ = pages.generate(ds, PROJECT / "docs", jobs=1)
    two, _ = pages.generate(dataset.load(PROJECT), PROJECT / "docs", jobs=2)
    assert len(one) > 30
    assert list(one) == list(two)
    assert [doc for doc in one if one[doc] != two[doc]] == []
