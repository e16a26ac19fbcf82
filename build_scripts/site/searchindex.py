"""Material's search index, its pages read on every core.

In: the Material search plugin of a MkDocs build (after its ``on_config``). Out: the same plugin,
whose index reads the pages at the end of the build, in forked processes (workers.py), instead of
one after the other as each page is written: at 1,000 articles, reading 1,566 pages with
html.parser was a quarter of the build.

The plugin's own code reads each page (``SearchIndex.add_entry_from_context``), on the page's
content as it was when the plugin was handed the page: the entries, their order and the index
file are the same as without this (tests/test_workers.py builds a site both ways). Nothing is
changed if the plugin is not Material's or lacks those methods. The hook calls ``spread``.

The preview (``mkdocs serve --dirty``, site/preview.py) renders only the pages that changed: the
plugin then sees those only. ``Kept`` holds every page's entries from the rebuilds before, by URL;
the index is made of the pages in the site's order (``Kept.order``, which the hook sets), each
page's entries read again only when it was rendered again.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from build_scripts.site import workers


@dataclass
class Kept:
    """The search entries of every page of the preview, by page URL, and the pages' order."""

    entries: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    def follow(self, file_urls: list[str]) -> None:
        """The site's pages in order, by their files' URLs (a page's URL is "" where its file's is "./")."""
        self.order = ["" if u in (".", "./") else u for u in file_urls]


def spread(plugin: Any, kept: Kept | None = None) -> bool:
    """Make the plugin's index read its pages at the end, on the machine's cores; whether it did.
    ``kept``: the pages the plugin was not handed take their entries from it (the preview)."""
    index = getattr(plugin, "search_index", None)
    add = getattr(index, "add_entry_from_context", None)
    generate = getattr(index, "generate_search_index", None)
    if index is None or add is None or generate is None or not isinstance(getattr(index, "entries", None), list):
        return False
    pending: list[SimpleNamespace] = []

    def later(page: Any) -> None:
        # what the plugin reads of a page, as it is now (the plugin then strips attributes from it)
        pending.append(
            SimpleNamespace(content=page.content, toc=page.toc, url=page.url, meta=page.meta, title=page.title)
        )

    def read_all(prev: Any) -> Any:
        tasks = [functools.partial(_entries, index, page) for page in pending]
        read = workers.run(tasks, workers.jobs_for(len(tasks)))
        if kept is None:
            for entries in read:
                index.entries.extend(entries)
        else:
            kept.entries.update({page.url: entries for page, entries in zip(pending, read, strict=True)})
            kept.entries = {url: kept.entries[url] for url in kept.order if url in kept.entries}
            for entries in kept.entries.values():
                index.entries.extend(entries)
            prev = None  # every page is in: not Material's own merge, made for one page at a time
        pending.clear()
        return generate(prev)

    index.add_entry_from_context = later
    index.generate_search_index = read_all
    return True


def _entries(index: Any, page: SimpleNamespace) -> list[dict[str, Any]]:
    """The entries the plugin's index makes of one page (a fresh index of the same settings)."""
    fresh = type(index)(**index.config)
    fresh.add_entry_from_context(page)
    return list(fresh.entries)
