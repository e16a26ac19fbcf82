"""Raw HTML blocks of a page, set aside before Markdown and put back after it, unchanged.

In: a page's Markdown. Out: the same Markdown with each raw HTML block replaced by a one-word
paragraph (``set_aside``), and the page's HTML with those paragraphs replaced by the blocks
again (``put_back``), plus the ``id``s the blocks hold (``anchor_ids``), which MkDocs's link
validation needs.

Why: the generated pages are mostly raw HTML blocks (the templates' ``html_block`` filter).
Python-Markdown passes such a block through unchanged, but only after parsing it with
``html.parser``, and MkDocs parses the whole page once more to find its anchors: at 1,000
articles that was 40 % of the build's CPU (issue #15). A block set aside skips both parses.

A block is set aside only where Markdown would pass it through unchanged: it follows a blank
line (or starts the page), its first line opens with a block-level tag (Python-Markdown's list),
it runs to the next blank line, and its tags balance, so that Markdown's raw block would end
where it ends. Anything else is left to Markdown. The hook (hooks/data_pages.py) calls this for
``mkdocs build`` and ``mkdocs serve``. The HTML is byte for byte what Markdown alone makes (Markdown
writes each top-level element of a raw block on a line of its own, and so does ``put_back``):
``tests/test_rawhtml.py`` checks it on every generated page, and tests/test_engines.py on a whole
site built with the hook and without it.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
from dataclasses import dataclass, field

import markdown
from mkdocs.utils import meta as mkdocs_meta

from build_scripts.site import workers

_BLOCK_LEVEL = frozenset(markdown.Markdown().block_level_elements)
# A candidate: after a blank line or the start, a line opening with a tag, up to a blank line or the end.
_CANDIDATE = re.compile(r"(?:(?<=\n\n)|\A)<([a-zA-Z][a-zA-Z0-9-]*)[^\n]*(?:\n(?![ \t]*(?:\n|\Z))[^\n]*)*")
# A tag: "/" if closing, its name, its attributes (a self-closing tag's "/" at their end, or the
# last group when it has none), up to the first ">"; or a comment. (Attributes read greedily:
# half the time of a lazy read, the same tags.)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?(/?)>|<!--.*?-->", re.S)
_TAG_START = re.compile(r"<[a-zA-Z/!?]")
# "&#" that ends no character reference: Python-Markdown's raw block then runs to the page's end.
_BROKEN_REFERENCE = re.compile(r"&#(?![0-9]+;|[xX][0-9a-fA-F]+;)")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)>")
_ID_ATTR = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
# A placeholder paragraph of set_aside's tokens (one pattern for every page: a pattern of its own
# per page was compiled anew for each, 0.2 s at 1,000 articles).
_PLACEHOLDER = re.compile(r"<p>(rpdcraw[0-9a-f]{12})-(\d+)</p>")
# Elements whose content an HTML parser may read as text, where a "<" is not a tag: never set aside.
# (<title> is not among them: the charts' SVG titles hold escaped text, read the same either way.)
_RAW_TEXT = re.compile(r"<(?:script|style|textarea|xmp|plaintext|iframe|noembed|noframes|noscript)\b", re.I)


@dataclass
class SetAside:
    """The blocks of one page, each behind the placeholder paragraph ``<p>{token}-{i}</p>``."""

    token: str
    blocks: list[str] = field(default_factory=list)


def _elements(block: str) -> list[str] | None:
    """The block's top-level elements if Markdown reads the whole block as raw HTML: block-level
    elements that balance, one right after the other, the last one closing at the end of the block
    (a line break at the top level would end Markdown's raw block there); else None."""
    stack: list[str] = []
    out: list[str] = []
    start = end = 0  # where the current top-level element starts, where the last one ended
    tags = list(_TAG.finditer(block))
    if len(tags) != len(_TAG_START.findall(block)):
        return None
    for m in tags:
        closing, name, attributes, slash = m.groups()
        name = name.lower() if name else ""
        if not stack:
            start = m.start()
            if start != end or not name or closing or name not in _BLOCK_LEVEL:
                return None
        if not name or name in _VOID or slash or (attributes and attributes[-1] == "/"):
            if not stack:
                end = m.end()
                out.append(block[start:end])
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return None
        if not stack:
            end = m.end()
            out.append(block[start:end])
    return out if out and not stack and end == len(block.rstrip(" \t")) else None


def _closes_all(text: str) -> bool:
    """Whether every block-level element opened in text (Markdown, between blocks) is closed in it:
    one left open would make Markdown read what follows, blocks included, as part of it."""
    stack: list[str] = []
    tags = list(_TAG.finditer(text))
    if len(tags) != len(_TAG_START.findall(text)):  # a "<" that opens no whole tag: the parser may read on
        return False
    for m in tags:
        name = (m.group(2) or "").lower()
        if name not in _BLOCK_LEVEL or name in _VOID or m.group(4) or (m.group(3) or "").endswith("/"):
            continue
        if not m.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack and not _RAW_TEXT.search(text) and not _BROKEN_REFERENCE.search(text)


def set_aside(text: str) -> tuple[str, SetAside]:
    """The Markdown with its raw HTML blocks replaced by placeholder paragraphs, and the blocks.

    From the first stretch of the page that leaves an element open (or holds a script), nothing
    more is set aside: Markdown's raw block could run on over what follows."""
    aside = SetAside(token="rpdcraw" + secrets.token_hex(6))
    out: list[str] = []
    done = 0
    for m in _CANDIDATE.finditer(text):
        block = m.group(0)
        if not _closes_all(text[done : m.start()]):
            break
        out.append(text[done : m.start()])
        done = m.end()
        if _RAW_TEXT.search(block) or _BROKEN_REFERENCE.search(block):
            done = m.start()
            break
        elements = _elements(block)
        if elements:
            aside.blocks.append("\n".join(elements))
            out.append(f"{aside.token}-{len(aside.blocks) - 1}")
        elif _closes_all(block):
            out.append(block)
        else:
            done = m.start()
            break
    out.append(text[done:])
    return "".join(out), aside


def put_back(content: str, aside: SetAside) -> str:
    """The page's HTML with every placeholder paragraph replaced by its block; an error if one is missing."""
    if not aside.blocks:
        return content
    found: set[int] = set()

    def replace(m: re.Match[str]) -> str:
        if m.group(1) != aside.token:
            return m.group(0)  # another page's placeholder, shown as it is
        i = int(m.group(2))
        found.add(i)
        return aside.blocks[i] + "\n"  # as Markdown ends a raw block

    if _PLACEHOLDER.fullmatch(f"<p>{aside.token}-0</p>"):
        out = _PLACEHOLDER.sub(replace, content)
    else:  # a token of another form (tests make some)
        out = re.sub(rf"<p>({re.escape(aside.token)})-(\d+)</p>", replace, content)
    if len(found) != len(aside.blocks):
        missing = sorted(set(range(len(aside.blocks))) - found)
        raise ValueError(
            f"{len(missing)} raw HTML block(s) lost by Markdown (first: {aside.blocks[missing[0]][:80]!r})"
        )
    return out.rstrip("\n")  # Markdown's output ends with no line break


def anchor_ids(aside: SetAside) -> set[str]:
    """The ids of the blocks set aside (and ``name`` of their ``<a>``), as MkDocs finds them in raw HTML."""
    ids: set[str] = set()
    for block in aside.blocks:
        for tag in _START.finditer(block):
            for attr in _ID_ATTR.finditer(tag.group(2)):
                if attr.group(1).lower() == "id" or tag.group(1).lower() == "a":
                    ids.add(html.unescape(next(v for v in attr.groups()[1:] if v is not None)))
    return ids


@dataclass
class Prepared:
    """A page's Markdown with its blocks set aside, ready before MkDocs asks for it: ``body``,
    the Markdown MkDocs hands the page's plugins (the page's text after its front matter)."""

    body: str
    markdown: str
    aside: SetAside
    ids: set[str]


def prepare_all(texts: dict[str, str]) -> dict[str, Prepared]:
    """``set_aside`` and ``anchor_ids`` of many pages (docs path -> text), on the machine's cores
    (workers.py): a tenth of a large build's CPU, that MkDocs would spend one page after the other.
    A page whose body MkDocs would read differently (its front matter not a plain prefix) is left out;
    so is every page when there is one process only (the preview): MkDocs asks for them one by one."""
    docs = list(texts)
    if workers.jobs_for(len(docs)) < 2:
        return {}
    done = workers.map_parts(functools.partial(_prepare_part, texts), docs)
    out: dict[str, Prepared] = {}
    for doc, result in zip(docs, done, strict=True):
        if result is not None:
            start, markdown, aside, ids = result
            out[doc] = Prepared(texts[doc][start:], markdown, aside, ids)
    return out


def _prepare_part(texts: dict[str, str], docs: list[str]) -> list[tuple[int, str, SetAside, set[str]] | None]:
    out: list[tuple[int, str, SetAside, set[str]] | None] = []
    for doc in docs:
        text = texts[doc]
        body, _meta = mkdocs_meta.get_data(text)
        start = len(text) - len(body)
        if not text.endswith(body):
            out.append(None)
            continue
        markdown, aside = set_aside(body)
        out.append((start, markdown, aside, anchor_ids(aside)))
    return out
