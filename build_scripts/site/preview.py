"""The preview's memory between two rebuilds (``make serve``: ``mkdocs serve --dirty``).

In: at each rebuild, the dataset the hook checked (check.load_checked: a data file or an article
that did not change keeps its objects). Out: a ``Plan``: every generated file of this rebuild
(``tree.generated``'s), and which of them changed since the last rebuild: MkDocs renders those
only (its dirty mode), the others are on disk already.

After a save, a rebuild is *quick*: it writes again only

- the pages whose last text names a record or an article that changed (its id: the pages that
  show it, link to it or are its own);
- the pages where a changed record now lives (addresses.anchors), and the pages that are new;
- the hand-written pages (their markers hold key figures).

The other pages keep their text; the charts' figures and the downloads stay as they were. Then
the whole site is generated again in another process, spawned (never forked: the server runs
threads), as ``tree.generated`` does for a build. When it ends, if a file differs from the
preview's (a count on a home page, a chart, a download), a file in ``trigger_dir`` is touched:
the server, which watches it, rebuilds once more and this rebuild hands MkDocs the whole result
(*settled*). The page being edited shows the change in seconds; every page is as a full build
makes it once the background pass is in (tests/test_incremental.py checks both against a build
from scratch). A rebuild from scratch (*everything*): the first, and any after a change to the
project's code, templates, theme or mkdocs.yml.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import ctypes
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from build_scripts import PROJECT, dataset
from build_scripts.dataset import addresses, check
from build_scripts.dataset.problems import DataError
from build_scripts.site import charts, pages, search, tree, typeset

log = logging.getLogger("mkdocs.hooks.data_pages")

# What the site is made with besides the data: a change there makes a rebuild from scratch.
MAKERS = ("mkdocs.yml", "overrides", "hooks", "build_scripts")
TRIGGER = "settled"
PR_SET_PDEATHSIG = 1  # prctl(2)
# More records changed at once than this (a file replaced, a year added): from scratch, which is
# then faster than looking for each id in every page.
QUICK_IDS = 40
# What the terminal says when every page is as a build makes it (the benchmark waits for it).
SETTLED = "preview: settled, every page as a full build makes it"

Files = dict[str, str | bytes]
_Result = tuple[Files, dict[str, charts.ChartSpec]]  # a full pass's: its files and its charts


class Templates(jinja2.BytecodeCache):
    """The theme's templates compiled once for the whole preview: MkDocs makes a new Jinja
    environment at every rebuild, which compiled the theme's 44 templates again (Jinja checks
    each template's source against the checksum kept with its code)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Plan:
    files: Files  # every generated file of this rebuild, by docs path
    changed: set[str]  # those that differ from the last rebuild's (MkDocs writes these only)
    gone: set[str]  # pages of the last rebuild that no longer exist
    everything: bool = False  # a rebuild from scratch: every page written again
    quick: bool = False  # only the pages of the changed records were written: the full pass follows
    settled: bool = False  # this rebuild hands over the full pass's result


@dataclass
class _Full:
    generation: int
    files: Files
    specs: dict[str, charts.ChartSpec]


@dataclass
class Preview:
    root: Path
    handwritten: Path
    # the last rebuild's: its files, chart specs, dataset (as read) and what the site was made with
    served: Files = field(default_factory=dict)
    specs: dict[str, charts.ChartSpec] = field(default_factory=dict)
    raw: dataset.Dataset | None = None
    makers: tuple[Any, ...] = ()
    docs: list[Any] = field(default_factory=list)  # the state of the hand-written pages
    memo: typeset.Memo = field(default_factory=typeset.Memo)
    generation: int = 0  # one per rebuild; the full pass of an older one is dropped
    pending: bool = False  # the last rebuild was quick: its full pass is to start after it
    full: _Full | None = None  # a full pass that differs from the preview, waiting for its rebuild
    trigger_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="rpdc-preview-")))
    _pool: concurrent.futures.ProcessPoolExecutor | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    # for tests and the benchmark: set when a full pass has come in and nothing is left to settle
    idle: threading.Event = field(default_factory=threading.Event)

    def plan(self, ds: dataset.Dataset) -> Plan:
        """This rebuild's files, from the dataset as checked (without errors: see ``forget``)."""
        with self._lock:
            self.generation += 1
            self.idle.clear()
            makers = makers_state()
            docs = _state(self.handwritten)
            full, self.full = self.full, None
            ids = changed_ids(self.raw, ds) if self.raw is not None else set()
            if self.raw is None or makers != self.makers or len(ids) > QUICK_IDS:
                if self.makers and makers != self.makers:
                    self._stop_pool()  # its processes run the code as it was
                # the typeset copies kept: the first quick rebuild reuses them as the next ones do
                files, specs = tree.generated(ds, self.handwritten, memo=self.memo)
                plan = Plan(files, set(files), set(self.served) - set(files), everything=True)
                self.makers = makers
            elif full is not None and full.generation == self.generation - 1 and not ids and docs == self.docs:
                files, specs = full.files, full.specs
                plan = self._diff(files, settled=True)
                log.info("%s (%d files written again)", SETTLED, len(plan.changed))
            else:
                files, specs = self._quick(ds, ids), self.specs
                plan = self._diff(files, quick=True)
            self.served, self.specs, self.raw, self.docs = files, specs, ds, docs
            self.pending = plan.quick
            if not plan.quick:
                self.idle.set()
            return plan

    def forget(self, files: Files) -> set[str]:
        """The data has errors: the hook builds every page (``files``: what it could generate) with
        the problems; the pages of the last rebuild that it lacks (gone, to remove). The next
        rebuild without errors starts from scratch."""
        with self._lock:
            self.generation += 1
            gone = {doc for doc in self.served if doc.endswith(".md")} - set(files)
            self.raw, self.served, self.full, self.pending = None, {}, None, False
            self.idle.set()
            return gone

    def after_build(self) -> None:
        """Start the full pass of a quick rebuild, in the background."""
        with self._lock:
            if not self.pending:
                return
            self.pending = False
            generation = self.generation
            pool = self._workers()
            try:
                future = pool.submit(full_pass, str(self.root), str(self.handwritten))
            except BrokenProcessPool:  # its process died since the last pass: another one
                self._pool = None
                pool = self._workers()
                future = pool.submit(full_pass, str(self.root), str(self.handwritten))
        future.add_done_callback(lambda f: self._arrived(generation, f, pool))

    def close(self) -> None:
        self._stop_pool()
        shutil.rmtree(self.trigger_dir, ignore_errors=True)

    # --- inside ----------------------------------------------------------------------------

    def _quick(self, ds: dataset.Dataset, ids: set[str]) -> Files:
        previous = self.memo.last
        ts = typeset.typeset(ds, self.memo)
        if previous is not None:
            carry_layout(previous, ts)
        site = pages.Site(ts, self.specs, ds)
        tasks = pages.page_tasks(site)
        docs = {doc for doc in tasks if doc not in self.served}
        if ids:
            docs |= mentioning(self.served, ids)
            # where they live now (from the pages' layout, which the Site has made already)
            docs |= {doc for doc, anchors in addresses.anchors(ts).items() if not anchors.isdisjoint(ids)}
        fresh = {doc: pages.finished(make()) for doc, make in tasks.items() if doc in docs}
        fresh.update(
            {doc: pages.finished(text) for doc, text in pages.handwritten_pages(site, self.handwritten).items()}
        )
        fresh[search.SPELLINGS_FILE] = search.spellings_file([*ds.published("actors"), *ds.published("places")])
        kept = {
            doc: content
            for doc, content in self.served.items()
            if doc not in fresh and (doc in tasks or not doc.endswith(".md"))
        }
        log.info("preview: %d pages written again (the records that changed); the whole site follows", len(fresh))
        return {**kept, **fresh}

    def _diff(self, files: Files, *, quick: bool = False, settled: bool = False) -> Plan:
        changed = {doc for doc, content in files.items() if self.served.get(doc) != content}
        return Plan(files, changed, set(self.served) - set(files), quick=quick, settled=settled)

    def _workers(self) -> concurrent.futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = concurrent.futures.ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_end_with, initargs=(os.getpid(),)
            )
        return self._pool

    def _arrived(
        self, generation: int, future: concurrent.futures.Future[_Result | None], pool: concurrent.futures.Executor
    ) -> None:
        # This runs in the pool's thread, maybe while MkDocs builds: never a warning here, which
        # strict mode would count against that build and abort it (the server then hangs).
        if future.cancelled():
            return
        error = future.exception()
        if error is not None:
            if isinstance(error, BrokenProcessPool):  # its process died: the next pass starts another
                with self._lock:
                    if self._pool is pool:
                        self._pool = None
            log.info("preview: the background pass failed (%s); the next save starts another", error)
            return
        result = future.result()
        if result is None:
            return  # saved with errors meanwhile: that rebuild shows them
        files, specs = result
        with self._lock:
            if generation != self.generation:
                return  # the editor saved again meanwhile: that rebuild's pass follows
            differs = sum(1 for doc, content in files.items() if self.served.get(doc) != content)
            differs += len(set(self.served) - set(files))
            if not differs:
                self.specs = specs
                log.info(SETTLED)
                self.idle.set()
                return
            self.full = _Full(generation, files, specs)
        log.info("preview: the full pass changes %d more files; rebuilding", differs)
        (self.trigger_dir / TRIGGER).write_text(str(generation), encoding="utf-8")

    def _stop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


def files_for(keeper: Preview | None, ds: dataset.Dataset, handwritten: Path, *, errors: bool) -> Plan:
    """A build's generated files (the hook's on_files): all of them written for a build, a plain
    ``mkdocs serve`` or data with errors; for ``mkdocs serve --dirty`` (``keeper``), those of the
    pages that changed. With errors (serve only: a build stops before), what can be generated, or
    a stand-in for each section when nothing can, and the banner says what to fix."""
    if keeper is not None and not errors:
        return keeper.plan(ds)
    try:
        generated, _specs = tree.generated(ds, handwritten, downloads=not errors)
    except Exception as exc:
        if not errors:
            raise
        log.info("data pages not generated (%s): the data has errors", exc)
        generated = {
            doc: f"# {title}\n\nPage indisponible tant que les données ont des erreurs.\n"
            for doc, title in pages.STANDARD.items()
        }
    gone = keeper.forget(generated) if keeper is not None else set()
    return Plan(dict(generated), set(generated), gone, everything=True)


def _end_with(parent: int) -> None:
    """In the pass's process: end when the server ends, even killed (the pool's own pipes do not
    tell it). Linux's parent-death signal; elsewhere the process ends with the terminal's ^C."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # gone before the signal was asked for
        os._exit(0)


def full_pass(root: str, handwritten: str) -> _Result | None:
    """In the spawned process: the whole site's files, as a build makes them; None if the data has
    errors now (saved again meanwhile: the rebuild of that save shows them)."""
    try:
        ds = check.load_valid(root)
    except DataError:
        return None
    return tree.generated(ds, Path(handwritten))


def carry_layout(previous: dataset.Dataset, ts: dataset.Dataset) -> bool:
    """When a save changed no field that an address reads (a title, a summary, a note:
    check.NOT_ADDRESSES), every record stays on its page: ``ts`` takes the last rebuild's layout
    (addresses.adopt_layout) instead of laying out every record again (0.8 s at a thousand
    articles). Whether it did."""
    return check.AddressView(previous) == check.AddressView(ts) and addresses.adopt_layout(previous, ts)


def changed_ids(old: dataset.Dataset, new: dataset.Dataset) -> set[str]:
    """The ids of the records and articles that differ (changed, added or gone) between two
    datasets. A file or an article whose object is the same is the same (check.load_checked)."""
    out: set[str] = set()
    for kind in set(old.files) | set(new.files):
        before = {f.rel: f for f in old.files.get(kind, [])}
        after = {f.rel: f for f in new.files.get(kind, [])}
        for rel in set(before) | set(after):
            a, b = before.get(rel), after.get(rel)
            if a is b:
                continue
            was, now = _by_id(a.records if a else []), _by_id(b.records if b else [])
            out |= {rid for rid in set(was) | set(now) if was.get(rid) != now.get(rid)}
    for aid in set(old.articles) | set(new.articles):
        a_art, b_art = old.articles.get(aid), new.articles.get(aid)
        if a_art is not b_art and a_art != b_art:
            out.add(aid)
    return out


def _by_id(records: Iterable[Any]) -> dict[str, Any]:
    return {r["id"]: r for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}


def mentioning(files: Files, ids: set[str]) -> set[str]:
    """The pages whose path or text holds one of the ids (anywhere: anchors are built from ids,
    ``citation-<id>``, ``<id>-source-2``; a page found for a longer id that holds it is only
    written again for nothing)."""
    return {
        doc
        for doc, text in files.items()
        if doc.endswith(".md") and isinstance(text, str) and any(rid in doc or rid in text for rid in ids)
    }


def makers_state(project: Path = PROJECT) -> tuple[Any, ...]:
    """The state (name, time, size) of what the site is made with besides the data (MAKERS)."""
    return tuple(x for name in MAKERS for x in _state(project / name))


def _state(top: Path) -> list[tuple[str, int, int]]:
    """(path, modification time, size) of a file, or of every file under a folder."""
    paths = [top] if top.is_file() else sorted(p for p in top.rglob("*") if "__pycache__" not in p.parts)
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            continue
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return out
