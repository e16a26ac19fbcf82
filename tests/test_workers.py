"""Pages generated on several cores give the pages one process gives (build_scripts/site/workers.py)."""

from __future__ import annotations

import functools
import gzip
import os
import subprocess
import sys
import threading
import time

import pytest

from build_scripts import PROJECT, dataset
from build_scripts.site import export, pages, workers


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


def test_the_pages_are_the_same_on_two_cores(monkeypatch):
    """The pages, the charts (per actor) and the downloads made beside them (export.in_background)."""
    monkeypatch.setenv("RPDC_JOBS", "1")
    ds = dataset.load(PROJECT)
    one, specs_one = pages.generate(ds, PROJECT / "docs", jobs=1)
    downloads_one = export.published(ds)
    monkeypatch.setenv("RPDC_JOBS", "2")
    forked: list[int] = []
    start = workers.start

    def counted(task, size):
        forked.append(size)
        return start(task, size)

    monkeypatch.setattr(workers, "start", counted)
    ds_two = dataset.load(PROJECT)
    two, specs_two = pages.generate(ds_two, PROJECT / "docs", jobs=2)
    assert forked and len(one) > 30
    assert list(one) == list(two)
    assert [doc for doc in one if one[doc] != two[doc]] == []
    assert len(specs_one) > 10
    assert {k: s.figure_json() for k, s in specs_one.items()} == {k: s.figure_json() for k, s in specs_two.items()}
    assert export.published(ds_two) == downloads_one


def _slow(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_start_gives_the_result_made_in_another_process(monkeypatch):
    monkeypatch.setattr(workers, "jobs_for", lambda n: 2)
    pending = workers.start(functools.partial(_square, 7), size=1000)
    value, pid = pending.result()
    assert value == 49 and pid != os.getpid()
    assert pending.result() == (49, pid)  # asked again: the same result, no second run


def test_start_in_one_process_makes_the_result_when_asked(monkeypatch):
    monkeypatch.setattr(workers, "jobs_for", lambda n: 1)
    calls: list[int] = []

    def task() -> int:
        calls.append(1)
        return os.getpid()

    pending = workers.start(task, size=10)
    assert calls == []
    assert pending.result() == os.getpid() and calls == [1]


def test_an_error_in_the_background_is_raised_when_the_result_is_asked_for(monkeypatch):
    monkeypatch.setattr(workers, "jobs_for", lambda n: 2)
    pending = workers.start(functools.partial(_fails, 3), size=1000)
    with pytest.raises(RuntimeError, match="(?s)background process failed.*ValueError: la tâche 3 échoue"):
        pending.result()


def test_cancel_stops_the_background_process(monkeypatch):
    monkeypatch.setattr(workers, "jobs_for", lambda n: 2)
    pending = workers.start(functools.partial(_slow, 60), size=1000)
    assert pending._child is not None
    proc = pending._child[1]
    t0 = time.monotonic()
    pending.cancel()
    assert not proc.is_alive() and time.monotonic() - t0 < 10
    pending.cancel()  # twice: nothing more to stop


@pytest.mark.slow
def test_a_site_built_on_two_cores_is_the_site_built_on_one(project, tmp_path):
    """The whole build (pages, and Material's search index read at the end by searchindex.py) with
    RPDC_JOBS=2 gives the files of RPDC_JOBS=1 and of a build whose search plugin is left as it is."""
    plain = (
        "import sys; from pathlib import Path; from build_scripts.site import build, searchindex; "
        "searchindex.spread = lambda plugin, *kept: False; "
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
    assert b'"location"' in gzip.decompress(sites["one"]["search/search_index.json.gz"])
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


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_start_parts_makes_them_elsewhere_while_this_process_goes_on(monkeypatch, jobs):
    monkeypatch.setattr(workers, "jobs_for", lambda n: jobs)
    parts = workers.start_parts(_squares, list(range(7)))
    results = parts.result()
    assert [r for r, _pid in results] == [n * n for n in range(7)]
    pids = {pid for _r, pid in results}
    # forked processes, one per part, none of them this one (which was free meanwhile)
    assert pids == {os.getpid()} if jobs == 1 else (len(pids) == jobs and os.getpid() not in pids)
    parts.cancel()  # after the result: nothing to stop
    assert workers.start_parts(_squares, []).result() == []


def test_map_parts_deals_the_items_in_turn(monkeypatch):
    """Neighbouring items cost alike (a site's actor pages, then its article pages): each process
    gets every other item, not one half of the list."""
    monkeypatch.setattr(workers, "jobs_for", lambda n: 2)
    pids = [pid for _r, pid in workers.map_parts(_squares, list(range(9)))]
    assert pids[0::2] == [os.getpid()] * 5
    assert len(set(pids[1::2])) == 1 and pids[1] != os.getpid()
    started = [pid for _r, pid in workers.start_parts(_squares, list(range(9))).result()]
    assert len(set(started[0::2])) == len(set(started[1::2])) == 1 and started[0] != started[1]
