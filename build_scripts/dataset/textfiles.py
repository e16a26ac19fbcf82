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
import stat
import tempfile
from pathlib import Path

from filelock import FileLock, Timeout

from build_scripts.dataset.problems import DataError, Problem

MAX_BYTES = 2_000_000  # the largest data file; a file beyond it is a wrong file
# An article: the seeds and the 28 articles of the development set are 2-8 KB; 100 KB is a long
# read of some 15,000 words. The extraction's time grows faster than the text (about 5 s for
# 100 KB on an idle 2-core machine, 15 s under load), so the bound also bounds add and redraft.
ARTICLE_MAX_BYTES = 100_000


def read_text(path: Path, rel: str, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    """Return the file's text, or None and the problems that prevent reading it."""
    raw, problems = read_bytes(path, rel, max_bytes=max_bytes)
    if raw is None:
        return None, problems
    return decode(raw, rel, max_bytes=max_bytes)


def read_bytes(path: Path, rel: str, *, max_bytes: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, checked before they are read: a plain file, no larger than max_bytes.

    The file is opened without blocking and its kind and size are taken from the open
    descriptor, so a symlink to /dev/zero, a named pipe or a file swapped meanwhile is
    refused before a byte is read; at most max_bytes + 1 bytes are ever read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, [_unreadable(rel, exc.strerror or str(exc))]
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            return None, [_unreadable(rel, "Is a directory")]
        if not stat.S_ISREG(st.st_mode):
            return None, [
                Problem(
                    rel,
                    None,
                    "",
                    "unreadable",
                    "it is not a plain file but a device, a pipe or a socket (reading it might never end).",
                    f"replace {rel} with the real file (ls -l {rel} shows where it points), or restore it from git.",
                )
            ]
        if st.st_size > max_bytes:
            return None, [too_large(rel, f"{st.st_size:,} bytes", max_bytes)]
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        return None, [_unreadable(rel, exc.strerror or str(exc))]
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # it grew after the size was taken
        return None, [too_large(rel, f"over {max_bytes:,} bytes", max_bytes)]
    return raw, []


def _unreadable(rel: str, why: str) -> Problem:
    return Problem(
        rel,
        None,
        "",
        "unreadable",
        f"cannot read the file: {why}.",
        f"make {rel} a plain file that you can read (ls -l {rel}), or restore it from git.",
    )


def too_large(rel: str, size: str, max_bytes: int) -> Problem:
    return Problem(
        rel,
        None,
        "",
        "file-too-large",
        f"the file is {size}; the limit is {max_bytes:,}.",
        "check that this is the right file (a news article is a few tens of KB)"
        + ("; a longer text must be split into its articles." if max_bytes == ARTICLE_MAX_BYTES else "."),
    )


def decode(raw: bytes, rel: str, *, max_bytes: int = MAX_BYTES) -> tuple[str | None, list[Problem]]:
    if len(raw) > max_bytes:
        return None, [too_large(rel, f"{len(raw):,} bytes", max_bytes)]
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
        return None, [_encoding_problem(raw, exc.start, rel)]
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


def _encoding_problem(raw: bytes, start: int, rel: str) -> Problem:
    """Say where the first byte that is not UTF-8 is, and the fix that fits the file.

    A file that is UTF-8 but for a few bytes (a character pasted from another program)
    must not be converted as a whole: iconv from Windows-1252 would garble every other
    accented letter. Only a file with no UTF-8 accented letter at all gets the iconv fix.
    """
    line = raw[:start].count(b"\n") + 1
    col = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    good = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    where = f"byte 0x{raw[start]:02x} at column {col} is not UTF-8"
    if good > 0:
        others = f" ({bad} such bytes in all)" if bad > 1 else ""
        return Problem(
            rel,
            line,
            "",
            "encoding",
            f"{where}{others}; the rest of the file is UTF-8 ({good:,} accented or other non-ASCII letters read well).",
            "retype the character at that column in your editor and save the file as UTF-8 "
            "(do not convert the whole file with iconv: its other accented letters would be garbled).",
        )
    return Problem(
        rel,
        line,
        "",
        "encoding",
        f"{where} (the file is probably Latin-1 or Windows-1252).",
        f"convert it: iconv -f WINDOWS-1252 -t UTF-8 {rel} > tmp && mv tmp {rel}",
    )


def atomic_write(path: Path, text: str) -> bool:
    """Write text (UTF-8, LF) to path atomically. Return False (and write nothing) when unchanged."""
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> bool:
    """Write bytes atomically: temporary file in the same directory, fsync, rename.

    A crash or Ctrl-C at any point leaves either the old file or the new one, whole.
    The file keeps its permissions. Return False (and write nothing) when unchanged.
    """
    path = Path(path)
    if same_content(path, data):
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


def same_content(path: Path, data: bytes) -> bool:
    """Whether path is a plain file holding exactly data (a device or a pipe is never read)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
        return False
    try:
        return path.read_bytes() == data
    except OSError:
        return False


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
