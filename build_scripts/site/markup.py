"""Escaping of data strings for the site: one function per output context.

Data never becomes markup. Every string that comes from data/ or corpus/ goes
through exactly one of these before it reaches a page:

- ``h(text)``: HTML text or attribute value (inside raw HTML blocks).
- ``md(text)``: Markdown inline text (headings, link texts): every ASCII
  punctuation character is backslash-escaped; ``pymdownx.escapeall`` (enabled in
  mkdocs.yml) turns any backslash-escaped character into the literal character.

Links between generated pages are computed here too (``url``), because links in
raw HTML blocks are not rewritten by MkDocs. They are plain strings: the templates escape them.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
import string

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_SPACE = re.compile(r"[^\S\u00a0\u202f]+")  # white space, but not the non-breaking spaces of French typography
# Characters that could not reach the page legitimately: C0/C1 controls (YAML
# already refuses most of them).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _clean(text: object) -> str:
    s = "" if text is None else str(text)
    return _CONTROLS.sub("\ufffd", s)


def h(text: object) -> str:
    """HTML text or attribute value (always quoted with double quotes)."""
    return html.escape(_clean(text), quote=True)


def md(text: object) -> str:
    """Markdown inline text: one line, every ASCII punctuation character escaped."""
    s = _SPACE.sub(" ", _clean(text)).strip()
    # '<' as an entity, not '\<': Python-Markdown's raw-HTML pass runs before backslash escapes, and
    # would read '\<A' + the next lines up to a '>' as one tag, swallowing the raw HTML block that follows
    # (whose data would then be parsed as Markdown: a '[x](javascript:...)' value became a link).
    return _PUNCT.sub(r"\\\1", s).replace("\\<", "&lt;").replace("\\>", "&gt;")


def doc_url(doc: str) -> str:
    """The site URL (relative to the root) of a doc path, with directory URLs."""
    if doc == "index.md":
        return ""
    if doc.endswith("/index.md"):
        return doc[: -len("index.md")]
    return doc[: -len(".md")] + "/"


def url(from_doc: str, to_doc: str, anchor: str | None = None) -> str:
    """Relative URL from the page of ``from_doc`` to the page (and anchor) of ``to_doc``."""
    frag = f"#{anchor}" if anchor else ""
    if from_doc == to_doc and frag:
        return frag
    return _relative(from_doc, to_doc) + frag


@functools.lru_cache(maxsize=1 << 16)
def _relative(from_doc: str, to_doc: str) -> str:
    """The relative URL between two pages (cached: pages link the same pages many times, and
    posixpath.relpath was a tenth of the pages' time at a thousand articles)."""
    here = doc_url(from_doc) or "."
    there = doc_url(to_doc) or "."
    rel = posixpath.relpath(there, here)
    return "./" if rel == "." else rel + "/"


def root_rel(from_doc: str) -> str:
    """Relative path from a page to the site root ('' or '../'...)."""
    depth = doc_url(from_doc).count("/")
    return "../" * depth


def asset(from_doc: str, path: str) -> str:
    """Relative URL of a file under the site root (e.g. 'donnees/events.csv')."""
    return root_rel(from_doc) + path
