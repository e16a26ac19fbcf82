"""``extract --jobs N`` and ``extract --scheduler ADDRESS``: the same drafts, byte for byte, as one process.

Speed is printed by ``python -m build_scripts bench scale``, never asserted here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts.extraction import extract


def drafts(project: Path, capsys, **how) -> tuple[dict[str, bytes], str]:
    """The four draft files of the corpus extracted with an empty cache, and what extract printed."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    out = project.parent / "drafts"
    shutil.rmtree(out, ignore_errors=True)
    articles = sorted((project / "corpus").glob("*.md"))
    assert len(articles) >= 5
    assert extract.main(project, articles, out, **how) == 0
    files = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    return files, capsys.readouterr().out


@pytest.mark.slow
def test_jobs_and_a_dask_cluster_give_the_drafts_of_one_process(project, capsys):
    from distributed import LocalCluster

    one, said = drafts(project, capsys)
    assert set(one) == {"actors.yaml", "dates.yaml", "events.yaml", "quotes.yaml"}
    assert b"- id: " in one["events.yaml"] and b"- id: " in one["quotes.yaml"]  # there is something to compare
    assert "5 extracted, 0 from the cache" in said
    two, said = drafts(project, capsys, jobs=2)
    assert "5 extracted" in said
    assert two == one
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert len(cluster.workers) == 2
        on_dask, said = drafts(project, capsys, scheduler=cluster.scheduler_address)
    assert "5 extracted" in said
    assert on_dask == one


@pytest.mark.slow
def test_the_cache_stays_per_article_whichever_way_it_was_filled(project, capsys):
    """Articles extracted by a pool are not extracted again: the next run reads every one from the cache."""
    first, _ = drafts(project, capsys, jobs=2)
    articles = sorted((project / "corpus").glob("*.md"))
    out = project.parent / "again"
    assert extract.main(project, articles[:3], out, jobs=2) == 0  # cache still there from the first run
    assert "0 extracted, 3 from the cache" in capsys.readouterr().out
    assert extract.main(project, articles, out) == 0
    assert "0 extracted, 5 from the cache" in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in out.iterdir()}["dates.yaml"].count(b"article:") == first[
        "dates.yaml"
    ].count(b"article:")
