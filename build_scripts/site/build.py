"""``python -m build_scripts build``: check the data, ``mkdocs build --strict``, finish, into site/.

``main(root)`` builds the data of ``root`` (corpus/ and data/) with this checkout's
mkdocs.yml; the hook reads the data root from $RPDC_ROOT. MkDocs runs in this process, as
``mkdocs build`` runs it (mkdocs/__main__.py), so that its hook reuses the dataset this function
has just read and checked (check.load_checked) instead of reading it again.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from build_scripts import PROJECT
from build_scripts.dataset import check
from build_scripts.site import finish


def main(root: Path, strict: bool = True, site_dir: Path | None = None) -> int:
    root = Path(root).resolve()
    started = time.perf_counter()
    try:
        with _collector_spared():
            check.load_valid(root)  # raises DataError with every problem
        return _build(root, started, strict, site_dir)
    finally:
        gc.unfreeze()  # a caller that goes on (a test) gets its objects collected as before


def _build(root: Path, started: float, strict: bool, site_dir: Path | None) -> int:
    site_dir = Path(site_dir) if site_dir else root / "site"
    # Built beside site/ and swapped in only when whole: a failed build leaves the last good site.
    fresh = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        with _environment(RPDC_ROOT=str(root), NO_MKDOCS_2_WARNING="1"), _mkdocs_log():
            try:
                run_mkdocs(fresh, strict=strict)
            except (MkDocsException, KeyboardInterrupt) as exc:  # what `mkdocs build` reports and exits 1 on
                if str(exc):
                    print(f"mkdocs: {exc}", file=sys.stderr)
                print(f"mkdocs build failed; {site_dir} is left as it was.", file=sys.stderr)
                return 1
        finish.finish(fresh)  # the site stage's last step, after the engine (site/finish.py)
        _swap(fresh, site_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    n = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"site built into {site_dir}: {n} pages in {time.perf_counter() - started:.1f} s")
    return 0


@contextlib.contextmanager
def _collector_spared() -> Iterator[None]:
    """The data read with Python's cycle collector off, then kept out of its way until the build
    ends (``gc.freeze``). At 1,000 articles the collector went through the whole dataset again and
    again, 2 s of the build's one-core time (12 full collections, 7 of them while reading the
    YAML, which makes no cycles to collect); 0.6 s so. The objects made later (pages, MkDocs's
    own) are collected as usual; and a forked process (workers.py) leaves the frozen ones alone,
    which it would otherwise copy page by page."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
    gc.freeze()


def run_mkdocs(site_dir: Path, *, strict: bool = True, site_url: str | None = None) -> None:
    """``mkdocs build`` of this checkout's mkdocs.yml into site_dir, in this process, as
    mkdocs/__main__.py runs it (``site_url``: another address, e.g. the browser tests' local one).
    The hook reads the data root from $RPDC_ROOT. Raises MkDocsException as the CLI would exit 1."""
    extra = {"site_url": site_url} if site_url else {}
    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(site_dir), strict=strict, **extra)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put the new build in site_dir's place (two renames; the old one is then removed)."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """os.environ with these values while MkDocs runs (the hook reads $RPDC_ROOT), then as it was."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextlib.contextmanager
def _mkdocs_log() -> Iterator[None]:
    """MkDocs's messages on stderr as ``mkdocs build`` prints them ("WARNING -  ...")."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
