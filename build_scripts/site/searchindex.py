"""Material's search index, its pages read on every core.

In: the Material search plugin of a MkDocs build (after its ``on_config``). Out: the same plugin,
whose index reads the pages at the end of the build, in forked processes (workers.py), instead of
one after the other as each page is written: at 1,000 articles, reading 1,566 pages with
html.parser was a quarter of the build.

Each page is read as the plugin's own ``SearchIndex.add_entry_from_context`` reads it, on the
page's content as it was when the plugin was handed the page: the entries, their order and the
index file are the same as without this (tests/test_workers.py builds a site both ways). Nothing
is changed if the plugin is not Material's or lacks those methods. The hook calls ``spread``.

The pages are cut into sections by ``Sections``: Material's own parser, its three handlers
written to do less (a count of the open tags instead of walks through them), and the page cut
into tags and text by one regular expression where it is made of plain tags only (every page of
the site), by html.parser otherwise. The same sections, in 40 % of the time (at 1,000 articles,
1,435 pages: 8.1 s of CPU, now 3.3 s); tests/test_searchindex.py compares the two on random HTML.

The preview (``mkdocs serve --dirty``, site/preview.py) renders only the pages that changed: the
plugin then sees those only. ``Kept`` holds every page's entries from the rebuilds before, by URL;
the index is made of the pages in the site's order (``Kept.order``, which the hook sets), each
page's entries read again only when it was rendered again.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from html import escape, unescape
from types import SimpleNamespace
from typing import Any

from material.plugins.search import plugin as material

from build_scripts.site import workers

HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
ALWAYS_SKIPPED = ("script", "style", "object")  # Material never stops skipping these

# The HTML that html.parser reads one way only, whatever Python's version (``Sections.read``): start
# tags whose attributes are quoted or valueless, end tags, comments without "--" or "<" in them.
_NAME = r"[a-zA-Z][-a-zA-Z0-9]*"
_ATTRIBUTE = r"""\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'))?"""
_TOKEN = re.compile(rf"<(?:({_NAME})((?:{_ATTRIBUTE})*)\s*(/?)>|/({_NAME})>|!--(?![->])(?:[^-<]|-(?!-))*-->)")
# The same attribute, its name and its value (quoted) apart.
_ATTRIBUTES = re.compile(r"""\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*("[^"]*"|'[^']*'))?""")
# Elements whose text html.parser reads as raw text (script, style; some others in later Pythons).
_RAW_TEXT = re.compile(r"<(?:script|style|xmp|plaintext|iframe|noembed|noframes|noscript)\b", re.I)
# Elements whose text later Pythons read as escapable raw text: read the same only with no tag inside.
_ESCAPABLE = re.compile(r"<(title|textarea)\b", re.I)
_ESCAPABLE_WHOLE = re.compile(r"<(title|textarea)\b[^<]*</\1>", re.I)


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
    """The entries the plugin's index makes of one page (a fresh index of the same settings): as
    ``SearchIndex.add_entry_from_context`` makes them, its pages cut by ``Sections``."""
    fresh = type(index)(**index.config)
    if type(index) is not material.SearchIndex:  # another version's index: its own way
        fresh.add_entry_from_context(page)
        return list(fresh.entries)
    search = page.meta.get("search") or {}
    if search.get("exclude"):
        return []
    parser = Sections()
    parser.read(page.content)
    for section in parser.data:
        if not section.is_excluded():
            fresh.create_entry_for_section(section, page.toc, page.url, page)
    return list(fresh.entries)


class Sections(material.Parser):
    """Material's search parser (mkdocs-material 9.8.1, pinned), the same sections out of the same
    HTML with less work per tag. Material compares its elements by tag name only, so that "an
    element of the context is in the skip set", "the section's heading is open" and "inside a
    <pre>" are questions about the tag names of the open elements: ``open`` counts them, and
    ``skipped`` holds the tag names Material's skip set holds."""

    def __init__(self) -> None:
        super().__init__()
        self.open: dict[str, int] = {}
        self.skipped = set(ALWAYS_SKIPPED)

    def read(self, html: str) -> None:
        """``feed(html)`` then ``close()``, with the same calls of the three handlers; faster for HTML
        made of plain tags only (``_TOKEN``: every "<" opens one), which a regular expression cuts
        into tags and text as html.parser does, the text and attribute values unescaped the same.
        Any other HTML goes to html.parser."""
        tokens = list(_TOKEN.finditer(html))
        plain = len(tokens) == html.count("<") and not _RAW_TEXT.search(html)
        if not plain or len(_ESCAPABLE.findall(html)) != len(_ESCAPABLE_WHOLE.findall(html)):
            self.feed(html)
            self.close()
            return
        at = 0
        for m in tokens:
            if m.start() > at:
                self.handle_data(unescape(html[at : m.start()]))
            at = m.end()
            name, attributes, slash, closing = m.groups()
            if name:
                tag = name.lower()
                self.handle_starttag(tag, _attributes(attributes) if attributes else [])
                if slash:  # html.parser's handle_startendtag
                    self.handle_endtag(tag)
            elif closing:
                self.handle_endtag(closing.lower())
        if at < len(html):
            self.handle_data(unescape(html[at:]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in material.void:
            return
        values = dict(attrs)
        el = material.Element(tag, values)
        self.context.append(el)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in HEADINGS and "id" in values:
            depth = len(self.context)
            if tag != "h1" and not self.data:  # a top-level section first
                self.section = material.Section(material.Element("hx"), depth)
                self.data.append(self.section)
            self.section = material.Section(el, depth)
            if self.data:
                self.section.id = values["id"]
            self.data.append(self.section)
        if self.section is None:  # the preface
            self.section = material.Section(material.Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in values or values.get("class") == "linenodiv":
            self.skipped.add(tag)
            return
        if tag in self.keep and self.skipped.isdisjoint(self.open):
            section = self.section
            (section.title if section.el.tag in self.open else section.text).append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        context = self.context
        if not context or context[-1].tag != tag:
            return
        section = self.section
        if section.depth > len(context):  # leaving the element a heading was nested in
            for before in reversed(self.data):
                if before.depth <= len(context):
                    section.depth = float("inf")
                    section = self.section = before
                    break
        context.pop()
        left = self.open[tag] - 1
        if left:
            self.open[tag] = left
        else:
            del self.open[tag]
        if tag in self.skipped:
            if tag not in ALWAYS_SKIPPED:
                self.skipped.remove(tag)
            return
        if tag in self.keep and self.skipped.isdisjoint(self.open):
            data = section.title if section.el.tag in self.open else section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:  # an element with nothing but white space in it: dropped
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipped.isdisjoint(self.open):
            return
        pre = "pre" in self.open
        if not pre:
            data = " " if data.isspace() else data.replace("\n", " ")
        if self.section is None:
            self.section = material.Section(material.Element("hx"))
            self.data.append(self.section)
        section = self.section
        if section.el.tag in self.open:
            if "a" in self.open and any(e.tag == "a" and e.attrs.get("class") == "headerlink" for e in self.context):
                return  # a heading's permalink
            section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = section.text
            if not text or not text[-1].isspace() or pre:
                text.append(data)
        else:
            section.text.append(escape(data, quote=False))


def _attributes(text: str) -> list[tuple[str, str | None]]:
    """A start tag's attributes as html.parser gives them: names in lower case, values without their
    quotes and unescaped, None for an attribute without a value."""
    out: list[tuple[str, str | None]] = []
    for m in _ATTRIBUTES.finditer(text):
        value = m.group(2)
        out.append((m.group(1).lower(), None if value is None else unescape(value[1:-1])))
    return out
