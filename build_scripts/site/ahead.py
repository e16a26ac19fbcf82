"""MkDocs's two passes over the pages, the later pages' share done ahead on the machine's other cores.

In: a MkDocs build (``mkdocs build`` with the hook, or ``python -m build_scripts build``) at two of
its events. Out: the same site, byte for byte, sooner: at 1,000 articles MkDocs converted the
Markdown of 1,600 pages for 3 s and rendered the theme around them for 4 s, one page after the
other, while the other core waited.

- ``convert`` (``on_nav``, before MkDocs reads the pages): forked processes (workers.py) read and
  convert the later parts of the pages as MkDocs's ``_populate_page`` does (the plugins'
  ``on_pre_page``, ``Page.read_source``, the plugins' ``on_page_markdown``, ``Page.render``), while
  MkDocs goes through the first part here. When MkDocs reaches a page converted ahead, the page's
  ``render`` takes the other process's result (HTML, table of contents, title, anchors, links to
  anchors) instead of converting it again, provided the Markdown it is handed is the one the other
  process converted (else it converts it here). Every page's events run here as usual.
- ``frame`` (``on_env``, every page converted, nothing written yet): forked processes render the
  theme's template around the later parts of the pages as MkDocs's ``_build_page`` does (the page
  made active, ``get_context``, the page's template, the plugins' ``on_page_context``, ``render``),
  into a spool file each (10,000 articles make gigabytes of HTML). MkDocs builds every page here
  as usual, events and file writes included; the template of a page rendered ahead gives the HTML
  from the spool. What the theme renders depends on the page and on the navigation, which the
  processes share from the fork.

The messages a page's conversion or rendering logs in another process are logged here when MkDocs
reaches the page, where ``--strict`` counts them. MkDocs is pinned (pyproject.toml); the steps
above are those of mkdocs/commands/build.py. tests/test_workers.py builds a site with and without
this and compares every file. Only for a build: the hook leaves ``mkdocs serve`` (a server thread
runs) alone, and ``workers.jobs_for`` gives one process to a small site, where nothing is done.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any, TypeVar

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from build_scripts.site import workers

T = TypeVar("T")
# What a page done ahead still costs here (its events, its file), against doing it: this process
# takes a share of the pages that leaves it as busy as each forked process.
HANDED_COST = {"convert": 0.15, "frame": 0.45}
# What a page's conversion or rendering logged: (logger name, level, message).
Logged = list[tuple[str, int, str]]


@dataclass
class Converted:
    """What ``Page.render`` leaves on a page, from the Markdown it was handed."""

    markdown: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None  # links_to_anchors, by the docs path of the page linked to


class Ahead:
    """The pages other processes are doing: ``take`` gives a page's result when MkDocs reaches it."""

    def __init__(self) -> None:
        self._pid = os.getpid()  # a forked process sees this object too, and must do its pages itself
        self._streams: list[workers.Stream[str, tuple[Any, Logged]]] = []
        self._stream_of: dict[str, int] = {}
        self.spools: list[IO[bytes]] = []
        self.used = 0  # pages whose result from another process MkDocs used (tests check it)

    def start(self, items: Sequence[T], uri: Callable[[T], str], make: Callable[[T], Any]) -> None:
        """``make`` of each item in a forked process, with what it logged, by docs path."""
        self._streams.append(workers.Stream(items, uri, functools.partial(_logging, make)))
        for item in items:
            self._stream_of[uri(item)] = len(self._streams) - 1

    def has(self, uri: str) -> bool:
        return uri in self._stream_of and os.getpid() == self._pid

    def take(self, uri: str) -> tuple[Any, Logged] | None:
        """The page's result and what making it logged (None: no other process does it)."""
        if not self.has(uri):
            return None
        return self._streams[self._stream_of.pop(uri)].get(uri)

    def close(self) -> None:
        """Stop the processes whose pages were not all asked for (a failed build); drop the spools."""
        for stream in self._streams:
            stream.cancel()
        for spool in self.spools:
            spool.close()
        self._streams, self._stream_of, self.spools = [], {}, []


def _parts(items: Sequence[T], jobs: int, handed_cost: float) -> list[list[T]]:
    """The items of each forked process, taken in turn through the list (neighbouring pages cost
    alike), so many that this process, doing the rest and handing theirs, is as busy as each."""
    per_child = 1 / (jobs - 1)
    own = max(0.0, (per_child - handed_cost) / (1 - handed_cost + per_child))
    weights = [own] + [(1 - own) * per_child] * (jobs - 1)
    credit = [0.0] * jobs
    parts: list[list[T]] = [[] for _ in range(jobs)]
    for item in items:  # smooth weighted round robin
        credit = [c + w for c, w in zip(credit, weights, strict=True)]
        k = max(range(jobs), key=credit.__getitem__)
        credit[k] -= 1
        parts[k].append(item)
    return [part for part in parts[1:] if part]


def _logging(make: Callable[[T], Any], item: T) -> tuple[Any, Logged]:
    """``make(item)`` in a forked process, and the messages it logged (sent to this process's parent)."""
    logger = logging.getLogger("mkdocs")
    kept = next((h for h in logger.handlers if isinstance(h, _Keep)), None)
    if kept is None:  # the first item: the messages of this process go to the parent from now on
        kept = _Keep()
        logger.handlers[:] = [kept]
        logger.propagate = False
    kept.logged = []
    return make(item), kept.logged


def _log_again(logged: Logged) -> None:
    """Messages logged in another process, logged here (where --strict counts the warnings)."""
    for name, level, message in logged:
        logger = logging.getLogger(name)
        logger.handle(logger.makeRecord(name, level, "(another process)", 0, message, (), None))


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.logged: Logged = []

    def emit(self, record: logging.LogRecord) -> None:
        self.logged.append((record.name, record.levelno, record.getMessage()))


# --- Markdown ---------------------------------------------------------------------------------


def convert(config: Any, files: Files) -> Ahead | None:
    """Start converting the later parts of the pages in forked processes (at ``on_nav``); then
    ``hand`` each page to ``on_pre_page``. None: one process, nothing done."""
    docs = files.documentation_pages(inclusion=InclusionLevel.is_included)
    jobs = workers.jobs_for(len(docs))
    if jobs < 2:
        return None
    ahead = Ahead()
    try:
        for part in _parts(docs, jobs, HANDED_COST["convert"]):
            ahead.start(part, _uri, functools.partial(_convert, config=config, files=files))
    except BaseException:
        ahead.close()
        raise
    return ahead


def hand(ahead: Ahead, page: Page) -> None:
    """Make the page's ``render`` take the conversion made ahead, if there is one (``on_pre_page``)."""
    if not ahead.has(page.file.src_uri):
        return

    def render(config: Any, files: Files) -> None:
        del page.render  # the class's again
        taken = ahead.take(page.file.src_uri)
        made: Converted | None = taken[0] if taken is not None else None
        if taken is None or made is None or made.markdown != page.markdown:
            page.render(config, files)  # handed other Markdown than the other process was
            return
        _log_again(taken[1])
        ahead.used += 1
        page.content, page.toc, page.present_anchor_ids = made.content, made.toc, made.anchors
        page._title_from_render = made.title
        if made.links is not None:
            page.links_to_anchors = {_file(files, uri): links for uri, links in made.links.items()}

    page.render = render  # type: ignore[method-assign]  # this page, once


def _uri(file: File) -> str:
    return file.src_uri


def _file(files: Files, uri: str) -> File:
    found = files.get_file_from_path(uri)
    if found is None:
        raise LookupError(f"{uri}: a page links to it in another process, but it is not in this build's files")
    return found


def _convert(file: File, config: Any, files: Files) -> Converted:
    """The page read and converted as MkDocs's ``_populate_page`` does, up to ``on_page_content``."""
    page = file.page if file.page is not None else Page(None, file, config)
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        assert page.markdown is not None
        markdown = page.markdown
        page.render(config, files)
        assert page.content is not None
        links = page.links_to_anchors
        return Converted(
            markdown,
            page.content,
            page.toc,
            page._title_from_render,
            page.present_anchor_ids,
            None if links is None else {f.src_uri: dict(v) for f, v in links.items()},
        )
    finally:
        config._current_page = None


# --- the theme ---------------------------------------------------------------------------------


class _Template:
    """A page template giving the pages rendered ahead instead of rendering them again."""

    def __init__(self, template: jinja2.Template, ahead: Ahead) -> None:
        self._template = template
        self._ahead = ahead

    def render(self, context: Any) -> str:
        page = context.get("page")
        taken = self._ahead.take(page.file.src_uri) if page is not None else None
        if taken is None:
            return self._template.render(context)
        (fd, offset, length), logged = taken
        _log_again(logged)
        self._ahead.used += 1
        return os.pread(fd, length, offset).decode("utf-8", "surrogatepass")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def frame(env: jinja2.Environment, config: Any, files: Files, nav: Navigation) -> Ahead | None:
    """Start rendering the theme around the later parts of the pages in forked processes (at
    ``on_env``), and make ``env`` hand MkDocs their HTML. None: one process, nothing done."""
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    pages = [f.page for f in doc_files if f.page is not None]
    jobs = workers.jobs_for(len(pages))
    if jobs < 2:
        return None
    names = {page.meta.get("template", "main.html") for page in pages}
    for name in names:
        env.get_template(name)  # compiled once, before the fork
    ahead = Ahead()
    try:
        for part in _parts(pages, jobs, HANDED_COST["frame"]):
            spool = tempfile.TemporaryFile(prefix="rpdc-pages-")  # this process reads what the other writes
            ahead.spools.append(spool)
            render = functools.partial(_render, config=config, doc_files=doc_files, nav=nav, env=env)
            ahead.start(part, _page_uri, functools.partial(_spooled, render, spool.fileno(), [0]))
    except BaseException:
        ahead.close()
        raise
    original = env.get_template

    def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
        template = original(name, parent, globals)
        # MkDocs asks for a page's template with no parent; the templates' own includes name theirs.
        return _Template(template, ahead) if parent is None and name in names else template

    env.get_template = get_template  # type: ignore[method-assign]  # this build's environment only
    return ahead


def _page_uri(page: Page) -> str:
    return page.file.src_uri


def _spooled(render: Callable[[Page], str], fd: int, written: list[int], page: Page) -> tuple[int, int, int]:
    """The page rendered into the spool file ``fd`` after the ``written[0]`` bytes already there;
    where it is (file, offset, length)."""
    data = render(page).encode("utf-8", "surrogatepass")
    os.pwrite(fd, data, written[0])
    written[0] += len(data)
    return fd, written[0] - len(data), len(data)


def _render(page: Page, config: Any, doc_files: Sequence[File], nav: Navigation, env: jinja2.Environment) -> str:
    """The page's template rendered as MkDocs's ``_build_page`` renders it."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return template.render(context)
    finally:
        page.active = False
        config._current_page = None
