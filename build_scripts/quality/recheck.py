"""``bench recheck``: the data stage of the preview after one edit, at N synthetic articles.

    python -m build_scripts bench recheck --articles 1000

``mkdocs serve`` asks ``check.load_checked`` for the checked dataset after every save. For each N,
in a synthetic project (build_scripts.quality.synthetic, with the project's docs/ so that the
hand-written links are checked too), this prints the wall and CPU time of:

- ``cold``: the first load_checked (everything read and checked);
- ``unchanged``: load_checked again, no file changed;
- ``event title``: after an event's title is edited in the newest year's file of events
  (as the scale bench's rebuild does), the file saved by a rename (``atomic_write``);
- ``line added``: after a comment line is added to an event (every record below it moves down);
- ``article body``: after a word is added to an article's text (a corpus-body-changed error);
- ``before: whole``: ``records.load`` + ``check_dataset`` after an event title edit, which is what
  load_checked did after any edit before it read again only what changed (yamlio's cache spared
  it the parsing of unchanged files, not their reading, copying and checking).

``bench recheck`` measures in a new process (as ``mkdocs serve`` starts one), not in the one that
made the synthetic project; ``python -m build_scripts.quality.recheck ROOT`` measures any project
(its files are edited: use a copy).

Each edit is made ``REPEAT`` times (new words each time): median and worst are printed, and how
many runs included a full pass of Python's garbage collector (its cost grows with everything the
process holds, the dataset first). CPU time is the process's; other programs on the machine
inflate wall time more than it.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_scripts import PROJECT
from build_scripts.dataset import check, records
from build_scripts.dataset.problems import format_problems
from build_scripts.dataset.textfiles import atomic_write
from build_scripts.quality import synthetic

REPEAT = 5


def timed(fn: Callable[[], Any]) -> tuple[float, float, int]:
    """(wall, CPU) seconds of fn(), and how many full passes of the garbage collector it included."""
    passes = gc.get_stats()[2]["collections"]
    w0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w0, time.process_time() - c0, gc.get_stats()[2]["collections"] - passes


def _event_title_line(root: Path) -> tuple[Path, int]:
    """The newest year's file of events and the 0-based line of a reviewed event's title in it."""
    ds = records.load(root)
    target = [f for f in ds.files["events"] if f.records][-1]
    index = max(i for i, e in enumerate(target.records) if e.get("review") != "draft" and e.get("title"))
    return root / target.rel, (target.line(index, "title") or 1) - 1


def _edit_line(path: Path, line: int, make: Callable[[str, str], str]) -> None:
    """Replace a line of path by make(indent, old line), saved as an editor saves (a rename)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    old = lines[line]
    lines[line] = make(old[: len(old) - len(old.lstrip())], old)
    atomic_write(path, "\n".join(lines))


def _retitle(new: str) -> Callable[[str, str], str]:
    return lambda indent, _old: f'{indent}title: "{new}"'


def measure(root: Path, repeat: int = REPEAT) -> dict[str, list[tuple[float, float, int]]]:
    """Timings (wall, CPU) of load_checked on root, cold and after each kind of edit."""
    out: dict[str, list[tuple[float, float, int]]] = {}
    events, title = _event_title_line(root)
    article = sorted(records.corpus_dir(root).glob("*.md"))[-1]
    body = article.read_text(encoding="utf-8")
    check.forget()  # a cold start, as in a new process
    out["cold"] = [timed(lambda: check.load_checked(root))]
    out["unchanged"] = [timed(lambda: check.load_checked(root)) for _ in range(repeat)]
    for key, edit in (
        ("event title", lambda n: _edit_line(events, title, _retitle(f"Titre relu {n}"))),
        ("line added", lambda n: _edit_line(events, title, lambda ind, old: f"{ind}# relu {n}\n{old}")),
        ("article body", lambda n: atomic_write(article, body.rstrip("\n") + f" Ajout {n}.\n")),
    ):
        out[key] = []
        for n in range(repeat):
            edit(n)
            out[key].append(timed(lambda: check.load_checked(root)))
    atomic_write(article, body)
    # What load_checked did after an edit before it read again only what changed: load (files
    # parsed before and unchanged were taken from yamlio's cache) and check everything.
    events, title = _event_title_line(root)  # (the comments above moved it) and fills yamlio's cache

    def whole() -> None:
        check.check_dataset(records.load(root))

    out["before: whole"] = []
    for n in range(2):
        _edit_line(events, title, _retitle(f"Titre relu encore {n}"))
        out["before: whole"].append(timed(whole))
    return out


def report(n: int, figures: dict[str, list[tuple[float, float, int]]]) -> list[str]:
    lines = [f"load_checked at {n} articles (seconds; median and worst of the runs)"]
    lines.append(f"  {'':<14} {'wall':>6} {'CPU':>6} {'worst wall':>10} {'worst CPU':>9} {'runs':>4} {'full GC':>7}")
    for key, runs in figures.items():
        walls, cpus = [w for w, _c, _g in runs], [c for _w, c, _g in runs]
        lines.append(
            f"  {key:<14} {statistics.median(walls):6.3f} {statistics.median(cpus):6.3f} "
            f"{max(walls):10.3f} {max(cpus):9.3f} {len(runs):4d} {sum(1 for *_t, g in runs if g):7d}"
        )
    lines.append(
        "  (full GC: runs that included a full pass of Python's garbage collector, a few tenths of a second "
        "over this many records, which comes every ten to twenty calls)"
    )
    return lines


def main(sizes: list[int], repeat: int = REPEAT) -> int:
    """Make a synthetic project of each size and measure it in a new process."""
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="rpdc-recheck-") as tmp:
            root = Path(tmp) / "p"
            t0 = time.perf_counter()
            made = synthetic.make(PROJECT, root, n)
            if (PROJECT / "docs").is_dir():
                shutil.copytree(PROJECT / "docs", root / "docs")  # the hand-written links, checked too
            print(f"synthetic project of {made.articles} articles made in {time.perf_counter() - t0:.1f} s")
            cmd = [sys.executable, "-m", "build_scripts.quality.recheck", str(root), "--repeat", str(repeat)]
            rc = subprocess.run(cmd, cwd=PROJECT, check=False).returncode
            if rc:
                return rc
    return 0


def run(root: Path, repeat: int = REPEAT) -> int:
    """Measure root's project (its files are edited) and print the figures."""
    figures = measure(root, repeat)
    _ds, problems = check.load_checked(root)
    print("\n".join(report(len(_ds.articles), figures)), flush=True)
    errors = [p for p in problems if p.severity == "error"]
    if errors:  # the edits leave valid data: a problem here is a bug of the bench or of the data
        print(format_problems(errors))
        return 1
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(prog="python -m build_scripts.quality.recheck", description=run.__doc__)
    ap.add_argument("root", type=Path, help="a project folder (a copy: its files are edited)")
    ap.add_argument("--repeat", type=int, default=REPEAT, help=f"edits of each kind (default {REPEAT})")
    args = ap.parse_args()
    raise SystemExit(run(args.root, args.repeat))
