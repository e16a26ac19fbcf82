"""Reading and writing the project's text files safely.

Reading: every file is UTF-8, LF line ends, no BOM, no NUL byte, below a size
limit; anything else is reported as a Problem (file, line, what, how to fix)
instead of crashing or being silently "repaired" in place.

Writing: atomic (temporary file in the same directory, fsync, rename), so a
crash or Ctrl-C mid-write leaves the old file whole. A project-wide lock stops
two commands from writing at once.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

from build_scripts.dataset.problems import DataError, Problem

MAX_BYTES = 2_000_000  # a news article is a few tens of KB; 2 MB means a wrong file


def read_text(path: Path, rel: str, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Return the file's text, or None and the problems that prevent reading it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [
            Problem(
                rel,
                None,
                "",
                "unreadable",
                f"cannot read the file: {exc.strerror}.",
                f"make {rel} a plain file that you can read (ls -l {rel}), or restore it from git.",
            )
        ]
    return decode(raw, rel, max_bytes=max_bytes)


def decode(raw: bytes, rel: str, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    if len(raw) > max_bytes:
        return None, [
            Problem(
                rel,
                None,
                "",
                "file-too-large",
                f"the file is {len(raw):,} bytes; the limit is {max_bytes:,}.",
                "check that this is the right file (a news article is a few tens of KB).",
            )
        ]
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        return None, [
            Problem(
                rel,
                None,
                "",
                "binary-file",
                "the file contains NUL bytes: it is binary, not text.",
                "remove it, or replace it with the article as UTF-8 text.",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                rel,
                1,
                "",
                "bom",
                "the file starts with a byte order mark (BOM).",
                "save it as UTF-8 without BOM (in VS Code: 'Save with Encoding' > 'UTF-8').",
            )
        ]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                rel,
                1,
                "",
                "encoding",
                "the file is UTF-16, not UTF-8.",
                f"convert it: iconv -f UTF-16 -t UTF-8 {rel} > tmp && mv tmp {rel}",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                rel,
                line,
                "",
                "encoding",
                f"byte 0x{raw[exc.start]:02x} at column {col} is not UTF-8 (the file is probably Latin-1 or Windows-1252).",
                f"convert it: iconv -f WINDOWS-1252 -t UTF-8 {rel} > tmp && mv tmp {rel}",
            )
        ]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        return None, [
            Problem(
                rel,
                line,
                "",
                "crlf",
                "the file has Windows (CRLF) or old Mac (CR) line ends.",
                "save it with LF line ends (in VS Code: click 'CRLF' in the status bar, choose 'LF').",
            )
        ]
    return text, []


def atomic_write(path: Path, text: str) -> bool:
    """Write text (UTF-8, LF) to path atomically. Return False (and write nothing) when unchanged."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write bytes atomically: temporary file in the same directory, fsync, rename.

    A crash or Ctrl-C at any point leaves either the old file or the new one, whole.
    The file keeps its permissions. Return False (and write nothing) when unchanged.
    """
    path = Path(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return True


@contextlib.contextmanager
def project_lock(root: Path, command: str, timeout: float = 0):
    """Hold the project's write lock; refuse clearly if another command holds it."""
    lock_path = Path(root) / ".lock"
    lock = FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(
            [
                Problem(
                    ".lock",
                    None,
                    "",
                    "locked",
                    f"another command is writing to the project; '{command}' did not start.",
                    "wait for it to finish and run the command again (if none is running, delete .lock).",
                )
            ]
        ) from None
    try:
        yield
    finally:
        lock.release()
