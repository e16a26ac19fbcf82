"""MkDocs's passes over the later pages done in forked processes (build_scripts/site/ahead.py), and
the stream of results they rely on (workers.Stream)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from build_scripts import PROJECT
from build_scripts.site import ahead, workers


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


# A build in a process of its own: a pytest worker may run other threads (the browser tests'
# server), where workers.jobs_for rightly keeps to one process. What the build did is printed as JSON.
_BUILD = """
import json, sys
from pathlib import Path
from build_scripts.site import ahead, build, navcache

root, site, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
seen = {"used": [], "converted": [], "drawn": []}
if mode == "plain":
    navcache.install = lambda env, nav, config: None
if mode == "elsewhere":
    ahead._parts = lambda items, jobs, cost: [list(items)]  # every page in the other process
close, take, install = ahead.Ahead.close, ahead.Ahead.take, navcache.install

def counting_close(self):
    seen["used"].append(self.used)
    close(self)

def counting_take(self, uri):
    found = take(self, uri)
    if found is not None and isinstance(found[0], ahead.Converted):
        seen["converted"].append(uri)
    return found

drawings = []

def keeping(*args):
    drawings.append(install(*args))
    return drawings[-1]

ahead.Ahead.close, ahead.Ahead.take = counting_close, counting_take
if mode != "plain":
    navcache.install = keeping
code = build.main(root, site_dir=site)
seen["drawn"] = [[len(drawn.html), drawn.reused] for drawn in drawings]
print(json.dumps(seen))
sys.exit(code)
"""


def _build(root: Path, site: Path, mode: str, jobs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(root), str(site), mode],
        cwd=PROJECT,
        env=dict(os.environ, RPDC_JOBS=jobs),
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    return done, json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {}


@pytest.mark.slow
def test_pages_done_ahead_give_the_site_made_in_one_process(tmp_path):
    """And the navigation drawn once per way of drawing it (navcache.py) gives what drawing it
    around every page gives: the site of one process is built without it."""
    done, _seen = _build(PROJECT, tmp_path / "one", "plain", "1")
    assert done.returncode == 0, done.stderr[-2000:]
    done, seen = _build(PROJECT, tmp_path / "two", "counted", "2")
    assert done.returncode == 0, done.stderr[-2000:]
    one, two = _site(tmp_path / "one"), _site(tmp_path / "two")
    assert len([f for f in one if f.endswith(".html")]) > 30
    assert two.keys() == one.keys()
    assert [f for f in one if one[f] != two[f]] == []
    pages = len([f for f in one if f.endswith("index.html")])
    # Markdown converted ahead, theme rendered ahead: most pages of each pass, and the first pass closed
    taken = seen["used"]
    assert len(taken) >= 2 and all(pages // 3 < n < pages for n in taken[:2]), taken
    # the navigation drawn a few ways, given again to the other pages this process rendered
    assert len(seen["drawn"]) == 1 and 0 < seen["drawn"][0][0] < 20 and seen["drawn"][0][1] > 0, seen["drawn"]


@pytest.mark.slow
def test_a_warning_logged_in_another_process_fails_the_strict_build(project, tmp_path):
    """MkDocs's --strict counts the warnings of a page converted in another process."""
    shutil.copytree(PROJECT / "docs", project / "docs", ignore=shutil.ignore_patterns("assets"))
    page = project / "docs" / "methodologie.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nVoir [le dossier](dossier-inconnu/).\n", encoding="utf-8")
    done, seen = _build(project, tmp_path / "site", "elsewhere", "2")
    assert done.returncode == 1
    assert "methodologie.md" in seen["converted"]
    assert (
        "WARNING -  Doc file 'methodologie.md' contains an unrecognized relative link 'dossier-inconnu/'" in done.stderr
    )
    assert "Aborted with 1 warnings in strict mode" in done.stderr
