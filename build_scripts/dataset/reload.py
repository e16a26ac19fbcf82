"""Reading a project again after an edit: only the files that changed, only the records that changed.

In: a project root, read before by the same ``Reader``. Out: the Dataset that ``records.load``
gives (equal to it in every record, article, file and problem), where what did not change is
the very object of the last reading:

- a file of data/ or corpus/ whose state (size, modification time, inode, device, mode) is that
  of the last reading is not read again: the same ``DataFile`` (its tree, its record dicts) or
  the same ``Article``, and the problems met reading it;
- a data file that changed is read again, but its list is parsed one item at a time
  (``yamlio.items_of``): an item whose text is that of an item of the file's last reading keeps
  its record dict (and its parse tree, moved to its new lines when lines above it were added or
  removed); only the edited items are parsed. A file read for the first time, or most of whose
  items are new, or that does not cut into items (a flow list, an anchor, a syntax error...), is
  parsed whole, as ``records.load`` does.

``mkdocs serve`` reads the data again on every save: at a thousand articles one year's file of
events is 1.5 MB, parsed whole in about 0.2 s, while one record is parsed in well under a
millisecond. Only the last reading is kept: the caches hold the objects of the current files.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.dataset import corpus, records, yamlio
from build_scripts.dataset.problems import Problem
from build_scripts.dataset.records import DataFile, Dataset
from build_scripts.dataset.textfiles import ARTICLE_MAX_BYTES, MAX_BYTES, decode, read_bytes

# What tells that a file changed: os.stat's (mtime_ns, size, inode, device, mode); None when it
# cannot be stat-ed (it is then read every time, and fails as records.load would).
State = tuple[int, int, int, int, int] | None

# A file's modification time has a grain (a few milliseconds on Linux, up to 2 s on some file
# systems): a file changed again within the grain of the reading, with the same size, would keep
# its state. A file whose modification time is that close to the moment its state was taken is
# "racy" (git's word): its content's digest is kept, and compared before the file is trusted.
RACY_NS = 2_000_000_000


def state(path: Path | str) -> State:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev, st.st_mode)


def racy(now: State, clock: int) -> bool:
    """Whether a file in this state, taken at ``clock`` (time.time_ns()), may change unseen."""
    return now is not None and now[0] >= clock - RACY_NS


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def content_digest(path: Path | str, now: State, limit: int = MAX_BYTES) -> bytes | None:
    """The digest of a plain file's content (None for anything else, or beyond ``limit`` bytes,
    whose state says all that reading it would)."""
    if now is None or not stat.S_ISREG(now[4]) or now[1] > limit:
        return None
    try:
        with open(path, "rb") as fh:
            return digest(fh.read(limit + 1))
    except OSError:
        return None


@dataclass
class _Seen:
    """A file as last read: its state, and its digest when it was racy then (see RACY_NS)."""

    state: State
    digest: bytes | None

    def still(self, path: Path, now: State, clock: int, limit: int) -> bool:
        """Whether the file is still as it was read (reading it again only when it was racy)."""
        if now is None or now != self.state:
            return False
        if self.digest is None:
            return True
        if content_digest(path, now, limit) != self.digest:
            return False
        if not racy(now, clock):
            self.digest = None  # old enough now: a change will show in its state
        return True


def _seen(now: State, clock: int, raw: bytes | None) -> _Seen:
    return _Seen(now, digest(raw) if raw is not None and racy(now, clock) else None)


@dataclass
class _Item:
    """One item of a data file as last read: its first line, parse tree and start, record."""

    line: int
    tree: Any
    start: tuple[int, int]
    record: Any


@dataclass
class _File:
    seen: _Seen
    kind: str
    file: DataFile
    problems: list[Problem]
    # item text -> its reading; (text, n) for its n-th repetition in the file (n >= 1). None when the
    # file was parsed whole: its items are cut from ``text`` when it changes (a cold reading that
    # cut every file would pay for all of them)
    items: dict[Any, _Item] | None
    text: str | None = None

    def known_items(self) -> dict[Any, _Item]:
        """The items of this reading (parsed whole: cut now), or none when they cannot stand alone."""
        if self.items is None:
            self.items = {}
            tree = self.file.tree
            cut = yamlio.items_of(self.text) if self.text is not None else None
            if cut is not None and not self.problems and isinstance(tree, yamlio.LineSeq) and _aligned(cut, tree):
                for key, (line, _chunk), value, start, record in zip(
                    _keys(cut), cut, tree, tree.lc.items, self.file.records
                ):
                    self.items[key] = _Item(line, value, start, record)
            self.text = None
        return self.items


@dataclass
class _Article:
    seen: _Seen
    article: corpus.Article | None
    problems: list[Problem]


class Reader:
    """``records.load`` that reads again only what changed since this reader's last ``load``."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self._files: dict[str, _File] = {}
        self._articles: dict[str, _Article] = {}
        self._seen_files: dict[str, _File] = {}
        self._seen_articles: dict[str, _Article] = {}
        self._clock = 0

    def load(self, root: Path | str) -> Dataset:
        root = Path(root)
        if root != self.root:  # another project: nothing to share
            self.root, self._files, self._articles = root, {}, {}
        self._seen_files, self._seen_articles = {}, {}
        self._clock = time.time_ns()  # before any state is taken
        ds = records.load(root, read_article=self._article, read_file=self._file)
        # keep only what this reading met: the caches hold the current files' objects, no more
        self._files, self._articles = self._seen_files, self._seen_articles
        return ds

    def _article(self, path: Path, rel: str) -> tuple[corpus.Article | None, list[Problem]]:
        now = state(path)  # before reading: a change while reading is seen next time
        hit = self._articles.get(rel)
        if hit is None or not hit.seen.still(path, now, self._clock, ARTICLE_MAX_BYTES):
            raw, problems = read_bytes(path, rel, max_bytes=ARTICLE_MAX_BYTES)  # as corpus.load_article
            art = None
            if raw is not None:
                text, problems = decode(raw, rel, max_bytes=ARTICLE_MAX_BYTES)
                if text is not None:
                    art, problems = corpus.parse_article(text, rel)
            hit = _Article(_seen(now, self._clock, raw), art, problems)
        self._seen_articles[rel] = hit
        return hit.article, list(hit.problems)

    def _file(self, root: Path, kind: str, path: Path, problems: list[Problem]) -> DataFile:
        rel = records.rel(root, path)
        now = state(path)
        hit = self._files.get(rel)
        if hit is not None and hit.kind == kind and hit.seen.still(path, now, self._clock, MAX_BYTES):
            problems.extend(hit.problems)
            self._seen_files[rel] = hit
            return hit.file
        found: list[Problem] = []
        raw, read_problems = read_bytes(path, rel)  # as yamlio.file_text
        text = None
        if raw is not None:
            text, read_problems = decode(raw, rel)
            if text is not None:
                read_problems = yamlio.empty_problems(text, rel)
        items: dict[Any, _Item] | None = {}
        if text is None or read_problems:
            f = records.data_file(kind, rel, None, read_problems, found)
        else:
            before = hit.known_items() if hit is not None and hit.kind == kind else None
            f, items = self._parse(kind, rel, text, before, found)
        self._seen_files[rel] = _File(_seen(now, self._clock, raw), kind, f, found, items, None if items else text)
        problems.extend(found)
        return f

    def _parse(
        self, kind: str, rel: str, text: str, before: dict[Any, _Item] | None, found: list[Problem]
    ) -> tuple[DataFile, dict[Any, _Item] | None]:
        """The DataFile of a file's text, and its items: taken from ``before`` (the items of the file's
        last reading) when their text is the same and most are, parsed one by one when they are new.
        A file read for the first time, or mostly new, is parsed whole (faster): its items None."""
        cut = yamlio.items_of(text) if before else None
        if cut is not None and before is not None and 2 * sum(k not in before for k in _keys(cut)) <= len(cut):
            made = self._items(cut, before)
            if made is not None:
                tree = yamlio.list_of(cut[0][0], [(i.tree, i.start) for i in made])
                f = records.data_file(kind, rel, tree, [], found, [i.record for i in made])
                return f, dict(zip(_keys(cut), made))
        tree, problems = yamlio.read(text, rel)
        return records.data_file(kind, rel, tree, problems, found), None

    @staticmethod
    def _items(cut: list[tuple[int, str]], before: dict[Any, _Item]) -> list[_Item] | None:
        """Each item of the text: the same reading as before (moved to its line), or parsed now;
        None when one of them cannot be parsed alone (the file is then parsed whole)."""
        out = []
        for key, (line, chunk) in zip(_keys(cut), cut):
            old = before.get(key)
            if old is not None:
                if old.line == line:
                    out.append(old)
                else:
                    delta = line - old.line
                    start = (old.start[0] + delta, old.start[1])
                    out.append(_Item(line, yamlio.shifted(old.tree, delta), start, old.record))
                continue
            parsed = yamlio.parse_item(line, chunk)
            if parsed is None:
                return None
            value, start = parsed
            out.append(_Item(line, value, start, records.record_of(value)))
        return out


def _keys(cut: list[tuple[int, str]]) -> list[Any]:
    """The key of each item in a file's items: its text, (text, n) for its n-th repetition (an item's
    text met twice is two records: one dict never stands for both)."""
    seen: dict[str, int] = {}
    out: list[Any] = []
    for _line, chunk in cut:
        n = seen.get(chunk, 0)
        seen[chunk] = n + 1
        out.append((chunk, n) if n else chunk)
    return out


def _aligned(cut: list[tuple[int, str]], tree: yamlio.LineSeq) -> bool:
    """Whether each item of the whole file's parse starts within its own piece of the text (then the
    pieces, parsed alone, give these items: they may stand for them next time)."""
    if len(cut) != len(tree):
        return False
    ends = [line for line, _chunk in cut[1:]] + [None]
    return all(
        line <= start[0] and (end is None or start[0] < end)
        for (line, _chunk), start, end in zip(cut, tree.lc.items, ends)
    )
