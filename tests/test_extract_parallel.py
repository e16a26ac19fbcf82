"""``extract --jobs N`` and ``extract --scheduler ADDRESS``: the same drafts, byte for byte, as one process.

Speed is printed by ``python -m build_scripts bench scale``, never asserted here.
The corpus is extracted once in one process and once by a pool of two for the whole module
(the extraction loads spaCy in every process: the costly part); the Dask run and the cache
runs start from those.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from build_scripts.extraction import extract

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def drafts(project: Path, **how) -> tuple[dict[str, bytes], str]:
    """The four draft files of the corpus extracted with an empty cache, and what extract printed."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    out = project.parent / "drafts"
    shutil.rmtree(out, ignore_errors=True)
    articles = sorted((project / "corpus").glob("*.md"))
    assert len(articles) >= 5
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert extract.main(project, articles, out, **how) == 0
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return files, said.getvalue()


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A copy of the project; the drafts of one process and of a pool of two; the cache the pool filled."""
    project = tmp_path_factory.mktemp("parallel") / "project"
    for sub in ("corpus", "data"):
        shutil.copytree(ROOT / sub, project / sub)
    one, said_one = drafts(project)
    two, said_two = drafts(project, jobs=2)
    pool_cache = project.parent / "pool-cache"
    shutil.copytree(project / ".cache", pool_cache)
    return {"project": project, "one": one, "said_one": said_one, "two": two, "said_two": said_two, "cache": pool_cache}


@pytest.fixture(scope="module", autouse=True)
def _no_dask_thread_left():
    """Dask keeps a thread for the rest of the process once a client has run
    (distributed.utils._offload_executor). A process with another thread never forks its build
    (workers.jobs_for): the tests that come after these in the same pytest worker would build on
    one core and no longer test the forked build (tests/test_ahead.py failed so). Ended after
    these tests, replaced by an executor that has no thread until it is used. (Other fixtures'
    threads, such as the gates' server, are theirs to end.)"""
    yield
    import distributed.utils

    old = distributed.utils._offload_executor
    distributed.utils._offload_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="Dask-Offload")
    old.shutdown(wait=True)
    left = [t.name for t in threading.enumerate() if t.name.startswith("Dask")]  # others' threads are theirs
    assert left == [], left


def test_jobs_and_a_dask_cluster_give_the_drafts_of_one_process(runs):
    from distributed import LocalCluster

    one = runs["one"]
    assert set(one) == {"actors.yaml", "dates.yaml", "events.yaml", "quotes.yaml"}
    assert b"- id: " in one["events.yaml"] and b"- id: " in one["quotes.yaml"]  # there is something to compare
    assert "5 extracted, 0 from the cache" in runs["said_one"]
    assert "5 extracted" in runs["said_two"]
    assert runs["two"] == one
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        on_dask, said = drafts(runs["project"], scheduler=cluster.scheduler_address)
    assert "5 extracted" in said
    assert on_dask == one


def test_the_cache_stays_per_article_whichever_way_it_was_filled(runs, capsys):
    """Articles extracted by a pool are not extracted again: the next run reads every one from the cache."""
    project = runs["project"]
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.copytree(runs["cache"], project / ".cache")  # as the pool of two left it
    articles = sorted((project / "corpus").glob("*.md"))
    out = project.parent / "again"
    assert extract.main(project, articles[:3], out, jobs=2) == 0
    assert "0 extracted, 3 from the cache" in capsys.readouterr().out
    assert extract.main(project, articles, out) == 0
    assert "0 extracted, 5 from the cache" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.iterdir()}["dates.yaml"].count(b"article:") == runs["two"][
        "dates.yaml"
    ].count(b"article:")
