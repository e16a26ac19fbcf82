"""MkDocs's passes over the later pages done in forked processes (build_scripts/site/ahead.py), and
the stream of results they rely on (workers.Stream)."""

from __future__ import annotations

import functools
import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from build_scripts import PROJECT
from build_scripts.site import ahead, build, navcache, workers


def _square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _fails_at_3(n: int) -> int:
    if n == 3:
        raise ValueError("l'élément 3 échoue")
    return n


def _slow(n: int) -> int:
    time.sleep(60)
    return n


def test_a_stream_gives_each_result_made_in_another_process():
    stream = workers.Stream(list(range(20)), str, _square)
    try:
        got = [stream.get(str(n)) for n in range(20)]
    finally:
        stream.cancel()
    assert [value for value, _pid in got] == [n * n for n in range(20)]
    assert {pid for _value, pid in got} - {os.getpid()}, "made in another process"
    assert len({pid for _value, pid in got}) == 1


def test_a_stream_gives_a_later_result_first_and_keeps_the_earlier_ones():
    stream = workers.Stream(list(range(5)), str, _square)
    try:
        assert stream.get("4")[0] == 16
        assert stream.get("1")[0] == 1
        with pytest.raises(KeyError):
            stream.get("7")
    finally:
        stream.cancel()


def test_an_error_in_a_stream_is_raised_with_its_traceback():
    stream = workers.Stream(list(range(6)), str, _fails_at_3)
    assert stream.get("2") == 2
    with pytest.raises(RuntimeError, match="(?s)background process failed.*ValueError: l'élément 3 échoue"):
        stream.get("5")


def test_cancel_stops_the_streaming_process():
    stream = workers.Stream([1, 2], str, _slow)
    proc = stream._proc
    assert proc.is_alive()
    stream.cancel()
    assert not proc.is_alive()
    stream.cancel()  # twice: nothing more to stop


@pytest.mark.parametrize(("jobs", "cost", "own"), [(2, 0.15, 0.46), (2, 0.45, 0.35), (3, 0.3, 0.16), (8, 0.3, 0.0)])
def test_the_parts_leave_this_process_as_busy_as_each_other(jobs, cost, own):
    items = list(range(1000))
    parts = ahead._parts(items, jobs, cost)
    assert len(parts) == jobs - 1
    handed = [i for part in parts for i in part]
    assert len(handed) == len(set(handed))
    kept = 1000 - len(handed)
    assert kept == pytest.approx(1000 * own, abs=10)
    for part in parts:
        # this process's time (its pages, and what the pages it hands still cost it), when it keeps
        # any; with many processes, handing its pages keeps it busy enough
        assert len(part) == pytest.approx(kept + cost * len(handed) if own else 1000 / (jobs - 1), rel=0.05)
        # taken in turn through the list, not in one block (neighbouring pages cost alike)
        assert max(b - a for a, b in zip(part, part[1:], strict=False)) <= 2 * jobs
        assert part == sorted(part)


def _logs_a_warning(n: int) -> int:
    logging.getLogger("mkdocs.structure.pages").warning("la page %d a un lien inconnu", n)
    return n


def test_what_another_process_logs_is_logged_here_when_the_page_is_taken(caplog):
    started = ahead.Ahead()
    try:
        started.start([1, 2], str, _logs_a_warning)
        assert started.has("2")
        value, logged = started.take("2") or (None, [])
        assert value == 2
        assert logged == [("mkdocs.structure.pages", logging.WARNING, "la page 2 a un lien inconnu")]
        with caplog.at_level(logging.INFO):
            ahead._log_again(logged)
        assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == logged
        assert not started.has("2") and started.take("2") is None and started.used == 0
    finally:
        started.close()


def _site(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_pages_done_ahead_give_the_site_made_in_one_process(monkeypatch, tmp_path):
    """And the navigation drawn once per way of drawing it (navcache.py) gives what drawing it
    around every page gives: the site of one process is built without it."""
    monkeypatch.setenv("RPDC_JOBS", "1")
    with monkeypatch.context() as m:
        m.setattr(navcache, "install", lambda env, nav, config: None)
        assert build.main(PROJECT, site_dir=tmp_path / "one") == 0
    drawn: list[navcache.Drawn] = []
    install = navcache.install

    def keeping(*args):
        drawn.append(install(*args))
        return drawn[-1]

    monkeypatch.setattr(navcache, "install", keeping)
    taken: list[int] = []
    close = ahead.Ahead.close

    def counting_close(self):
        taken.append(self.used)
        close(self)

    monkeypatch.setattr(ahead.Ahead, "close", counting_close)
    monkeypatch.setenv("RPDC_JOBS", "2")
    assert build.main(PROJECT, site_dir=tmp_path / "two") == 0
    one, two = _site(tmp_path / "one"), _site(tmp_path / "two")
    assert len([f for f in one if f.endswith(".html")]) > 30
    assert two.keys() == one.keys()
    assert [f for f in one if one[f] != two[f]] == []
    pages = len([f for f in one if f.endswith("index.html")])
    # Markdown converted ahead, theme rendered ahead: most pages of each pass, and the first pass closed
    assert len(taken) >= 2 and all(pages // 3 < n < pages for n in taken[:2]), taken
    # the navigation drawn a few ways, given again to the other pages this process rendered
    assert len(drawn) == 1 and 0 < len(drawn[0].html) < 20 and drawn[0].reused > 0


@pytest.mark.slow
def test_a_warning_logged_in_another_process_fails_the_strict_build(project, monkeypatch, capsys):
    """MkDocs's --strict counts the warnings of a page converted in another process."""
    shutil.copytree(PROJECT / "docs", project / "docs", ignore=shutil.ignore_patterns("assets"))
    page = project / "docs" / "methodologie.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVoir [le dossier](dossier-inconnu/).\n", encoding="utf-8")
    monkeypatch.setenv("RPDC_JOBS", "2")
    monkeypatch.setattr(ahead, "_parts", lambda items, jobs, cost: [list(items)])  # every page elsewhere
    took = functools.partial(ahead.Ahead.take)
    taken: list[str] = []

    def take(self, uri):
        found = took(self, uri)
        if found is not None and isinstance(found[0], ahead.Converted):
            taken.append(uri)
        return found

    monkeypatch.setattr(ahead.Ahead, "take", take)
    assert build.main(project, site_dir=project / "site") == 1
    assert "methodologie.md" in taken
    err = capsys.readouterr().err
    assert "WARNING -  Doc file 'methodologie.md' contains an unrecognized relative link 'dossier-inconnu/'" in err
    assert "Aborted with 1 warnings in strict mode" in err
