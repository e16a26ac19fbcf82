"""The preview after a save (``make serve``: ``mkdocs serve --dirty``; build_scripts/site/preview.py).

For each kind of edit an editor makes, on a copy of the site tests' fixture (tests/fixtures/site),
the preview's rebuilds are played in a child process (tests/previewrun.py):

- the quick rebuild already shows the change on the page the editor is looking at;
- once the background pass is in (settled), every file of the preview's site is the same, byte
  for byte, as the site a plain ``mkdocs serve`` builds from scratch from the same files;
- a quick rebuild writes again only some pages (that is its point), never none after a change.

The time each takes at 1,000 articles is measured by ``python -m build_scripts bench scale``.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
RUN = ROOT / "tests" / "previewrun.py"

NEW_EVENT = """
- id: rencontre-ajoutee
  date: 2031-03-06
  kind: meeting
  status: held
  title: "Rencontre ajoutée pendant la relecture"
  actors: [anton-vassiliev]
  place: novograd
  sources:
  - article: 2031-03-essai-sommet
    excerpt: "se sont entretenus pendant près de trois heures à Novograd, le 4 mars 2031"
"""
DRAFT_EVENT_START = "- id: evenement-brouillon"

STEPS: dict[str, list[dict]] = {
    "an event's title": [
        {
            "edits": [
                ["data/events.yaml", "Mira Solberg annonce un nouveau chapitre", "Mira Solberg annonce une suite"]
            ],
            "expect": {"chronologie/": "Mira Solberg annonce une suite"},
        }
    ],
    "an event's date, into another year": [
        {
            "edits": [
                [
                    "data/events.yaml",
                    "- id: declaration-essai\n  date: 2031-03-04",
                    "- id: declaration-essai\n  date: 2030-11-20",
                ]
            ],
            "expect": {"chronologie/": "novembre 2030"},
        }
    ],
    "an actor's name": [
        {
            "edits": [["data/actors.yaml", 'name: "Mira Solberg"', 'name: "Mira Solberg-Adler"']],
            "expect": {"acteurs/mira-solberg/": "Mira Solberg-Adler"},
        }
    ],
    "a quotation's note": [
        {
            "edits": [["data/quotes.yaml", "L'article ne nomme pas le responsable.", "Le responsable reste anonyme."]],
            "expect": {"citations/": "Le responsable reste anonyme."},
        }
    ],
    "an article's title": [
        {
            "edits": [["corpus/2031-03-essai-sommet.md", "title: 'Essai : sommet", "title: 'Essai relu : sommet"]],
            "expect": {"sources/2031-03-essai-sommet/": "Essai relu"},
        }
    ],
    "an event added, then removed": [
        {
            "edits": [["data/events.yaml", DRAFT_EVENT_START, NEW_EVENT.lstrip("\n") + "\n" + DRAFT_EVENT_START]],
            "expect": {"chronologie/": "Rencontre ajoutée pendant la relecture"},
        },
        {"edits": [["data/events.yaml", NEW_EVENT.lstrip("\n") + "\n", ""]]},
    ],
    "a hand-written page": [
        {
            "edits": [["docs/methodologie.md", "\n\n", "\n\nUne phrase ajoutée à la relecture.\n\n"]],
            "expect": {"methodologie/": "Une phrase ajoutée à la relecture."},
        }
    ],
    "an error, then its fix": [
        {
            "edits": [["data/events.yaml", "actors: [mira-solberg]", "actors: [mira-solberg, acteur-inconnu]"]],
            "expect": {"chronologie/": "acteur-inconnu", "methodologie/": "acteur-inconnu"},  # on every page
        },
        {"edits": [["data/events.yaml", "actors: [mira-solberg, acteur-inconnu]", "actors: [mira-solberg]"]]},
    ],
    "a file that does not parse, then its fix": [
        {
            "edits": [["data/events.yaml", "  kind: summit\n", "   kind: summit\n"]],
            "expect": {"": "[yaml-indent]", "chronologie/": "[yaml-indent]"},  # the hand-written home page too
        },
        {"edits": [["data/events.yaml", "   kind: summit\n", "  kind: summit\n"]]},
    ],
    "an error saved while the background pass runs": [
        # the pass reads the data with the error: it must come back as nothing to settle, and the
        # pass after the fix must run (a data error that could not cross the process boundary used to
        # break the pool: the next quick rebuild failed and the server hung)
        {
            "edits": [["data/events.yaml", "Mira Solberg annonce un nouveau chapitre", "Titre relu avant l'erreur"]],
            "expect": {"chronologie/": "Titre relu avant l'erreur"},
            "settle": False,
        },
        {
            "edits": [["data/events.yaml", "actors: [mira-solberg]", "actors: [mira-solberg, acteur-inconnu]"]],
            "expect": {"chronologie/": "acteur-inconnu"},
            "await_pass": True,
        },
        {"edits": [["data/events.yaml", "actors: [mira-solberg, acteur-inconnu]", "actors: [mira-solberg]"]]},
        {
            "edits": [["data/events.yaml", "Titre relu avant l'erreur", "Titre relu après l'erreur"]],
            "expect": {"chronologie/": "Titre relu après l'erreur"},
        },
    ],
    "two saves before the background pass is in": [
        {
            "edits": [["data/events.yaml", "Mira Solberg annonce un nouveau chapitre", "Premier titre relu"]],
            "expect": {"chronologie/": "Premier titre relu"},
            "settle": False,
        },
        {
            "edits": [["data/events.yaml", "Premier titre relu", "Second titre relu"]],
            "expect": {"chronologie/": "Second titre relu"},
        },
    ],
}


def _play(root: Path, site: Path, steps: list[dict], tmp: Path) -> list[dict]:
    (tmp / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(RUN), str(root), str(site), str(tmp / "steps.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


def _full(root: Path, site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(RUN), "--full", str(root), str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]


def _differences(a: Path, b: Path) -> list[str]:
    out: list[str] = []

    def walk(cmp: filecmp.dircmp, here: str) -> None:
        out.extend(f"{here}{n}: only in the preview" for n in cmp.left_only)
        out.extend(f"{here}{n}: only in the full build" for n in cmp.right_only)
        _match, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(f"{here}{n}: differs" for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{here}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(STEPS))
def test_the_preview_shows_the_edit_at_once_and_settles_as_a_full_build(kind, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    steps = STEPS[kind]
    reports = _play(root, tmp_path / "preview", steps, tmp_path)
    quick = [r for r in reports if r["kind"] == "quick"]
    assert len(quick) == len(steps)  # one rebuild per save, at least
    for r in quick:
        assert r["changed"], f"step {r['step']}: a save that changed nothing on the site"
        assert all(r["shown"].values()), f"step {r['step']}: the quick rebuild does not show the edit: {r['shown']}"
    _full(root, tmp_path / "full")
    differences = _differences(tmp_path / "preview", tmp_path / "full")
    assert differences == []
    pages = list((tmp_path / "full").rglob("index.html"))
    assert len(pages) > 10  # the comparison saw the site


def test_a_quick_rebuild_writes_only_the_pages_of_the_change(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    steps = STEPS["a quotation's note"]
    reports = _play(root, tmp_path / "preview", steps, tmp_path)
    quick = reports[0]
    every_page = list((tmp_path / "preview").rglob("index.html"))
    assert 0 < len(quick["changed"]) < len(every_page) / 2, quick["changed"]
    assert "citations.md" in quick["changed"]


ORPHAN = """
import sys, time
from pathlib import Path
from build_scripts.dataset import check
from build_scripts.site import preview
root = Path(sys.argv[1])
p = preview.Preview(root, root / "docs")
p.plan(check.load_valid(root))
p.pending = True
p.after_build()
while not p.idle.is_set() and p.full is None:
    time.sleep(0.05)
print(*p._pool._processes, flush=True)
time.sleep(120)
"""


def test_the_background_pass_ends_when_the_server_is_killed(tmp_path):
    import os
    import signal
    import time

    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    proc = subprocess.Popen([sys.executable, "-c", ORPHAN, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    children = [int(pid) for pid in proc.stdout.readline().split()]
    assert children, "the background pass's process did not start"
    # once it waits for the next pass (killed while it still sends its result, it fails and ends)
    deadline = time.monotonic() + 30
    while any(_state(pid) != "S" for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    alive = children
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = [pid for pid in children if os.path.exists(f"/proc/{pid}") and "Z" not in _state(pid)]
    for pid in alive:  # leave nothing running, then fail
        os.kill(pid, signal.SIGKILL)
    assert alive == [], "the background pass's process outlived the server"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def test_a_data_error_crosses_the_process_boundary_whole():
    """The background pass runs in another process: its DataError comes back pickled."""
    import pickle

    from build_scripts.dataset.problems import DataError, Problem

    problems = [
        Problem("data/events.yaml", 7, "a.date", "invalid-date", "'2031-02-30' is not a real date", "check the day"),
        Problem("data/quotes.yaml", None, "", "yaml-indent", "bad indent", severity="warning"),
    ]
    error = pickle.loads(pickle.dumps(DataError(problems)))
    assert isinstance(error, DataError)
    assert error.problems == sorted(problems, key=Problem.sort_key) and len(error.problems) == 2
    assert str(error) == str(DataError(problems))


def test_a_failed_background_pass_is_no_warning_and_its_pool_is_replaced(tmp_path, caplog):
    """Its report comes in the pool's thread, perhaps during a rebuild: a warning there would count
    against that rebuild in strict mode and abort it (the server then hangs)."""
    import concurrent.futures
    import logging
    from concurrent.futures.process import BrokenProcessPool

    from build_scripts.site import preview as pv

    p = pv.Preview(tmp_path, tmp_path / "docs")
    broken = concurrent.futures.ThreadPoolExecutor(1)
    p._pool = broken  # type: ignore[assignment]
    future: concurrent.futures.Future = concurrent.futures.Future()
    future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
    with caplog.at_level(logging.DEBUG, logger="mkdocs.hooks.data_pages"):
        p._arrived(p.generation, future, broken)
    assert [r.levelno for r in caplog.records] == [logging.INFO], caplog.records
    assert "background pass failed" in caplog.records[0].getMessage()
    assert p._pool is None  # the next quick rebuild starts another
    broken.shutdown()
    p.close()
