"""Pages generated on several cores give the pages one process gives (build_scripts/site/workers.py)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
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


@pytest.mark.slow
def test_a_site_built_on_two_cores_is_the_site_built_on_one(project, tmp_path):
    """The whole build (pages, and Material's search index read at the end by searchindex.py) with
    RPDC_JOBS=2 gives the files of RPDC_JOBS=1 and of a build whose search plugin is left as it is."""
    plain = (
        "import sys; from pathlib import Path; from build_scripts.site import build, searchindex; "
        "searchindex.spread = lambda plugin: False; "
        "sys.exit(build.main(Path(sys.argv[1]), site_dir=Path(sys.argv[2])))"
    )
    commands = {
        "one": ([sys.executable, "-m", "build_scripts", "--root", str(project), "build"], "1"),
        "two": ([sys.executable, "-m", "build_scripts", "--root", str(project), "build"], "2"),
        "plain": ([sys.executable, "-c", plain, str(project), str(tmp_path / "plain")], "1"),
    }
    sites = {}
    for name, (cmd, jobs) in commands.items():
        done = subprocess.run(cmd, cwd=PROJECT, env=dict(os.environ, RPDC_JOBS=jobs), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
        built = tmp_path / "plain" if name == "plain" else project / "site"
        sites[name] = {p.relative_to(built).as_posix(): p.read_bytes() for p in built.rglob("*") if p.is_file()}
    assert len([f for f in sites["one"] if f.endswith(".html")]) > 30
    assert b'"location"' in sites["one"]["search/search_index.json"]
    for name in ("two", "plain"):
        assert sites[name].keys() == sites["one"].keys()
        assert [f for f in sites["one"] if sites[name][f] != sites["one"][f]] == [], name


def _squares(part: list[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in part]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_map_parts_gives_one_result_per_item_in_order(monkeypatch, jobs):
    monkeypatch.setattr(workers, "jobs_for", lambda n: jobs)
    results = workers.map_parts(_squares, list(range(7)))
    assert [r for r, _pid in results] == [n * n for n in range(7)]
    assert len({pid for _r, pid in results}) == jobs
    assert workers.map_parts(_squares, []) == []
