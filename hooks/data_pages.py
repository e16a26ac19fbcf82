"""MkDocs hook: hands the files generated from data/ and corpus/ to MkDocs.

Thin on purpose: build_scripts.site.tree makes them (pages, chart figures, downloads,
the navigation of the sub-pages), the same function as ``python -m build_scripts pages
--out DIR``, which writes them as a docs tree any engine can build without this hook.

- The data root is the directory of mkdocs.yml, or $RPDC_ROOT (tests build a
  fixture dataset with it).
- Raw HTML blocks (most of a generated page) skip Markdown, which would parse them only to pass
  them through: set aside in on_page_markdown, put back in on_page_content (site/rawhtml.py), the
  same bytes. A build sets those of the generated pages aside on every core first (on_files).
- A build (not `mkdocs serve`) converts the later pages' Markdown (on_nav) and renders the theme
  around them (on_env) in forked processes while MkDocs does the first ones (site/ahead.py).
- `make serve` runs `mkdocs serve --dirty`: after a save, only the pages that changed are
  generated and rendered again, then the whole site in the background (site/preview.py). A plain
  `mkdocs serve` rebuilds everything at each save.
- `mkdocs build` (and `python -m build_scripts build`) fails when the data has
  errors. `mkdocs serve` does not stop: it prints the problems in the terminal,
  as `check` does, and shows them on every page; the link checks that the
  stand-in pages would fail are quieted until the data is fixed.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

from build_scripts.dataset import check
from build_scripts.dataset.problems import format_problems
from build_scripts.site import ahead, finish, mkdocsfiles, navcache, pages, preview, rawhtml, search, searchindex, tree

log = logging.getLogger("mkdocs.hooks.data_pages")

_state: dict = {
    "command": "build",
    "problems": [],
    "aside": {},
    "ready": {},
    "ids": {},
    "nav": None,
    "ahead": {},
    "preview": None,
    "makers": (),
}
# Modules re-read on every rebuild of `mkdocs serve`, so that edits to them show at once.
_RELOAD = (
    "build_scripts.site.markup",
    "build_scripts.site.render",
    "build_scripts.site.export",
    "build_scripts.site.pages",
    "build_scripts.site.tree",
)  # leaves: nothing else keeps their names


def _project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _data_root(config) -> Path:
    env = os.environ.get("RPDC_ROOT")
    return Path(env).resolve() if env else _project_dir(config)


def on_startup(command, dirty=False, **kwargs):
    _state["command"] = command
    if command == "serve" and dirty:
        _state["preview"] = True  # made in on_files, where the data root is known
        _state["kept"], _state["improved"] = searchindex.Kept(), search.Improved()
        # MkDocs warns that a dirty build may leave pages out of date; the preview sees to it.
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return "'dirty' build" not in record.getMessage()


def on_config(config):
    project = str(_project_dir(config))
    if project not in sys.path:
        sys.path.insert(0, project)
    if _state["command"] == "serve":
        root = _data_root(config)
        for sub in ("data", "corpus"):  # when $RPDC_ROOT points elsewhere, watch its data too
            path = str(root / sub)
            if (root / sub).is_dir() and path not in config.watch:
                config.watch.append(path)
        makers = preview.makers_state()
        if makers != _state["makers"]:  # the code changed (or the first build)
            _state["makers"] = makers
            for name in _RELOAD:
                if name in sys.modules:
                    importlib.reload(sys.modules[name])
    # Material's search reads the pages at the end of the build, on every core (site/searchindex.py).
    searchindex.spread(config.plugins.get("material/search"), _state.get("kept") if _state["preview"] else None)
    return config


def on_files(files, config):

    root = _data_root(config)
    ds, problems = check.load_checked(root)  # read again only if a file changed (build checked it just before)
    errors = [p for p in problems if p.severity == "error"]
    _state.update(problems=problems)
    if errors:
        report = format_problems(problems)
        if _state["command"] != "serve":
            print(report, file=sys.stderr)
            raise Abort(
                f"the data has {len(errors)} error(s): fix them (python -m build_scripts check) and build again."
            )
        print("\n" + report + "\n", file=sys.stderr)
        _quiet_link_checks(config)
    # Hand-written pages come from the data root's docs/ (a test fixture brings its own).
    handwritten = root / "docs" if (root / "docs").is_dir() else Path(config.docs_dir)
    if _state["preview"] is True:  # made now that the data root is known
        _state["preview"] = preview.Preview(root, handwritten)
    plan = preview.files_for(_state["preview"] or None, ds, handwritten, errors=bool(errors))
    # The raw HTML of the pages to render set aside on every core now, not page by page later.
    _state["ready"] = rawhtml.prepare_all(
        {d: c for d, c in plan.files.items() if d in plan.changed and d.endswith(".md") and isinstance(c, str)}
    )
    if not errors:
        config.nav = tree.nav(config.nav, ds)
    ordered = mkdocsfiles.hand_over(files, config, plan)
    if _state["preview"]:
        _state["kept"].follow([f.url for f in ordered.documentation_pages()])
    return ordered


def _quiet_link_checks(config) -> None:
    """Serve with data errors: the stand-in pages lack the records' anchors and sub-pages, so the
    hand-written links to them cannot resolve. The banner and the terminal already say what to fix;
    MkDocs's strict mode must not abort the rebuild on those links (the preview would hang)."""
    links, nav = config.validation.links, config.validation.nav
    links.not_found = links.anchors = links.unrecognized_links = logging.DEBUG
    nav.omitted_files = nav.not_found = logging.DEBUG


def on_nav(nav, config, files):
    """A build: the later pages converted in other processes meanwhile (site/ahead.py)."""
    _stop_ahead()
    if _state["command"] != "serve":
        _state["nav"] = nav
        _state["ahead"]["convert"] = ahead.convert(config, files)
    return nav


def on_pre_page(page, config, files):
    converting = _state["ahead"].get("convert")
    if converting is not None:
        ahead.hand(converting, page)
    return page


def on_env(env, config, files):
    """A build: the theme around the later pages rendered in other processes meanwhile (site/ahead.py).
    The preview: the theme's templates compiled once (preview.Templates)."""
    if isinstance(_state["preview"], preview.Preview):
        env.bytecode_cache = _state.setdefault("templates", preview.Templates())
    if _state["command"] != "serve" and _state["nav"] is not None:
        navcache.install(env, _state["nav"], config)  # the navigation drawn once per way of drawing it
        _state["ahead"]["frame"] = ahead.frame(env, config, files, _state["nav"])
    _state["nav"] = None
    return env


def _stop_ahead():
    """The processes of site/ahead.py stopped if still running (a failed build), their files closed."""
    for started in _state["ahead"].values():
        if started is not None:
            started.close()
    _state["ahead"], _state["nav"] = {}, None


def on_build_error(error):
    _stop_ahead()


def on_page_markdown(markdown, page, config, files):
    if any(p.severity == "error" for p in _state["problems"]):
        markdown = pages.problems_block(_state["problems"]) + markdown
    # Raw HTML blocks skip Markdown's two parses and come back unchanged (site/rawhtml.py).
    if page is None:  # a test asking for the banner alone
        return markdown
    uri = page.file.src_uri
    ready = _state["ready"].pop(uri, None)
    if ready is not None and ready.body == markdown:
        _state["aside"][uri], _state["ids"][uri] = ready.aside, ready.ids
        return ready.markdown
    markdown, _state["aside"][uri] = rawhtml.set_aside(markdown)
    return markdown


def on_page_content(html, page, config, files):
    uri = page.file.src_uri
    aside = _state["aside"].pop(uri)
    ids = _state["ids"].pop(uri, None)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= rawhtml.anchor_ids(aside) if ids is None else ids
    return rawhtml.put_back(html, aside)


def on_post_build(config):
    """Drops the pages prepared for this build; then, for ``mkdocs serve`` only, the site stage's
    last step (search index), which ``python -m build_scripts build`` runs after the engine
    (build_scripts/site/finish.py). A plain ``mkdocs build`` with this hook gives the same files
    as a build of the generated tree."""
    _state["ready"] = {}  # pages prepared but never asked for (none, unless a plugin left some out)
    _stop_ahead()
    if _state["command"] == "serve":
        # the preview: its pages as MkDocs wrote them
        finish.finish(config.site_dir, compacted=False, memo=_state.get("improved"))
    if isinstance(_state["preview"], preview.Preview):
        _state["preview"].after_build()  # the whole site again, in the background, after a quick rebuild


def on_serve(server, config, builder):
    if isinstance(_state["preview"], preview.Preview):
        server.watch(str(_state["preview"].trigger_dir))  # the full pass touches a file there when it ends
    return server


def on_shutdown():
    if isinstance(_state["preview"], preview.Preview):
        _state["preview"].close()
