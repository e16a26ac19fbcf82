"""Writing several project files together: all of them or none, and what a killed command left.

In: the new text of each file (corpus/<id>.md and data files for ``add``; data files for
``redraft``). Out: the files written, or a DataError saying that nothing changed.

1. prepare: each new text goes to a temporary file beside its target (``.<name>.<random>.tmp``),
   flushed to disk, and each existing target gets a hard link ``.<name>.<random>.old``. A full
   disk, a read-only data/ or any other error here removes what was prepared: nothing changed.
2. journal: ``data/.pending-write.json`` lists the files, with the hash of their
   old and new text, and the one command that finishes the work if the process is killed.
3. commit: the temporary files are renamed over their targets. An error here puts the old files
   back (from the hard links) and removes the new ones: nothing changed. Ctrl-C and SIGTERM are
   held until the end of step 4: the files are all written, and the command says so.
4. the links and the journal are removed.

Only SIGKILL (or a power cut) during step 3 can leave some files new and some old. The next
``add`` or ``redraft`` (under the project lock) removes the stray temporary files and reports
them; ``leftovers(root)`` tells ``check`` and those commands what the journal says was written
and what finishes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import signal
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.dataset.problems import DataError, Problem
from build_scripts.dataset.textfiles import same_content

JOURNAL = "data/.pending-write.json"
# the folders whose files commands write under the lock, where their temporary files are left
WRITTEN_DIRS = ("corpus", "data")

# What the current process has done, for the message of an interrupted command (cli.py).
STATE: dict[str, list[str]] = {"committed": []}


def _sha(data: bytes | None) -> str | None:
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _current(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _failed(root: Path, path: Path, exc: OSError, stage: str) -> DataError:
    rel = _rel(root, path)
    why = exc.strerror or str(exc)
    fix = {
        28: "free some disk space (df -h .), then run the command again.",
        13: f"make {Path(rel).parent.as_posix()}/ writable (chmod u+w {Path(rel).parent.as_posix()}), "
        "then run the command again.",
        30: "the disk is mounted read-only: work on a writable copy of the project.",
    }.get(exc.errno or 0, "fix the cause above, then run the command again.")
    return DataError(
        [
            Problem(
                rel,
                None,
                "",
                "write-failed",
                f"could not {stage} {rel}: {why}. Nothing was changed: corpus/ and data/ are as they were.",
                fix,
            )
        ]
    )


@dataclass
class _Prepared:
    target: Path
    tmp: str
    backup: str | None  # hard link to the old file (None when the target is new)
    old: bytes | None
    new: bytes
    done: bool = False


@dataclass
class Leftovers:
    """What an earlier command left: its journal (if it was killed while writing) and stray files."""

    journal: dict | None = None
    stray: list[Path] = field(default_factory=list)

    def written(self, root: Path) -> tuple[list[str], list[str]]:
        """(files the journal shows as written, files it shows as not written yet)."""
        done: list[str] = []
        todo: list[str] = []
        for rel, h in (self.journal or {}).get("files", {}).items():
            (done if _sha(_current(root / rel)) == h["new"] else todo).append(rel)
        return done, todo


def write_together(root: Path, texts: dict[Path, str], *, command: str, articles: list[str]) -> list[str]:
    """Write every changed file of texts, all or none. Return the project paths written.

    ``command`` names the command in the journal ("add corpus/x.md"); ``articles`` are the
    corpus files whose redraft completes the work if this process is killed half-way.
    """
    with _signals_deferred():
        return _write_together(Path(root), texts, command, articles)


@contextlib.contextmanager
def _signals_deferred():
    """Ctrl-C and SIGTERM wait until the files are all written or all put back.

    Without this, a signal between a rename and the line that records it would leave one file
    new while the command says nothing changed (found by the fuzzing campaign). The signal is
    delivered when the block ends: the command then stops, saying what it wrote."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _write_together(root: Path, texts: dict[Path, str], command: str, articles: list[str]) -> list[str]:
    STATE["committed"] = []
    prepared: list[_Prepared] = []
    try:
        for path, text in texts.items():
            data = text.encode("utf-8")
            if same_content(path, data):
                continue
            prepared.append(_prepare(root, Path(path), data))
        if not prepared:
            return []
        _write_journal(root, command, articles, prepared)
        for p in prepared:
            os.replace(p.tmp, p.target)
            p.done = True
    except BaseException as exc:
        _undo(prepared)
        with contextlib.suppress(OSError):
            (root / JOURNAL).unlink()
        if isinstance(exc, OSError):
            failed = next((p.target for p in prepared if not p.done), None) or Path(
                getattr(exc, "filename", "") or root
            )
            raise _failed(root, Path(failed), exc, "write") from None
        raise
    STATE["committed"] = [_rel(root, p.target) for p in prepared]
    for p in prepared:
        if p.backup:
            with contextlib.suppress(OSError):
                os.unlink(p.backup)
    with contextlib.suppress(OSError):
        (root / JOURNAL).unlink()
    return STATE["committed"]


def _prepare(root: Path, path: Path, data: bytes) -> _Prepared:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _failed(root, path, exc, "write") from None
    p = _Prepared(path, tmp, None, None, data)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.is_file():
            p.old = path.read_bytes()
            os.chmod(tmp, path.stat().st_mode & 0o777)
            backup = tmp[: -len(".tmp")] + ".old"
            os.link(path, backup)
            p.backup = backup
        else:
            os.chmod(tmp, 0o644)
    except BaseException as exc:
        _undo([p])
        if isinstance(exc, OSError):
            raise _failed(root, path, exc, "write") from None
        raise
    return p


def _undo(prepared: list[_Prepared]) -> None:
    """Put back every old file and remove every new one (runs on an exception or Ctrl-C)."""
    for p in prepared:
        with contextlib.suppress(OSError):
            if p.done:
                if p.backup:
                    os.replace(p.backup, p.target)
                    p.backup = None
                else:
                    os.unlink(p.target)
            else:
                os.unlink(p.tmp)
        if p.backup:
            with contextlib.suppress(OSError):
                os.unlink(p.backup)


def _write_journal(root: Path, command: str, articles: list[str], prepared: list[_Prepared]) -> None:
    journal = {
        "command": command,
        "articles": articles,
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "files": {_rel(root, p.target): {"old": _sha(p.old), "new": _sha(p.new)} for p in prepared},
    }
    journal_path = root / JOURNAL
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f"{journal_path.name}.", suffix=".tmp", dir=journal_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(journal, fh, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, journal_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# --- what an earlier, killed command left ---------------------------------------------------


def leftovers(root: Path) -> Leftovers:
    """The journal of a killed command (if any) and the stray .tmp/.old files in corpus/ and data/."""
    root = Path(root)
    found = Leftovers()
    try:
        found.journal = json.loads((root / JOURNAL).read_text(encoding="utf-8"))
        if not isinstance(found.journal, dict) or not isinstance(found.journal.get("files"), dict):
            found.journal = None
    except (OSError, ValueError):
        found.journal = None
    for sub in WRITTEN_DIRS:
        base = root / sub
        if base.is_dir():
            found.stray += sorted(
                p
                for p in base.rglob(".*")
                if p.is_file() and p.name.endswith((".tmp", ".old")) and p.name.count(".") >= 3
            )
    return found


def problems(root: Path) -> list[Problem]:
    """What ``check`` says about leftovers (it removes nothing: check only reads)."""
    root = Path(root)
    left = leftovers(root)
    out = []
    if left.journal is not None:
        done, todo = left.written(root)
        if done and todo:
            out.append(interrupted_problem(left.journal, done, todo))
    for path in left.stray:
        rel = _rel(root, path)
        out.append(
            Problem(
                rel,
                None,
                "",
                "leftover-temp-file",
                "a temporary file left by a command that was killed while writing (its target file is whole).",
                f"nothing to do: the next add or redraft removes it (or delete it: rm '{rel}').",
                severity="warning",
            )
        )
    return out


def interrupted_problem(journal: dict, done: list[str], todo: list[str]) -> Problem:
    return Problem(
        JOURNAL,
        None,
        "",
        "interrupted-command",
        f"'{journal.get('command')}' was killed on {journal.get('started', '?')} after writing "
        f"{', '.join(done)} and before writing {', '.join(todo)}.",
        "finish it with: python -m build_scripts redraft " + " ".join(journal.get("articles") or []),
    )


def clean(root: Path, *, finishing: set[str] | None = None) -> tuple[list[str], Problem | None]:
    """Remove stray files and a settled journal; return (what was removed, a blocking problem).

    Run by add and redraft under the project lock. A journal whose files are all new (the
    command had finished) or all old (it had written nothing) is removed. A half-written one
    stays, and is returned as a problem, unless this command redrafts (``finishing``) every
    article it names: that redraft finishes the work, and ``settle`` removes the journal.
    """
    root = Path(root)
    left = leftovers(root)
    removed = []
    for path in left.stray:
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(_rel(root, path))
    blocking = None
    if left.journal is not None:
        done, todo = left.written(root)
        if done and todo and not set(left.journal.get("articles") or ["?"]) <= (finishing or set()):
            blocking = interrupted_problem(left.journal, done, todo)
        elif not (done and todo):
            with contextlib.suppress(OSError):
                (root / JOURNAL).unlink()
    return removed, blocking


def settle(root: Path) -> None:
    """The finishing command succeeded: the journal of the killed one is done with."""
    with contextlib.suppress(OSError):
        (Path(root) / JOURNAL).unlink()
