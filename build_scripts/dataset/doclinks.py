"""Links from the hand-written pages (docs/*.md) to the pages made from data/.

The prose of docs/index.md points at records: ``chronologie.md#sommet-vostochny``,
``citations.md#citation-...``, ``acteurs/kim-jong-un.md``. When an editor renames
or removes a record, the link would break the build (MkDocs strict mode) with a
message that names neither the record nor the fix; ``check`` reports it instead,
with the docs file and line, like any other data problem.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_scripts.dataset.problems import Problem

# [text](target.md#anchor): the Markdown links of the hand-written pages (not images, not URLs)
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\((?P<target>[^()\s#:]+\.md)(?:#(?P<anchor>[^()\s]+))?\)")


@dataclass(frozen=True)
class Link:
    """A link of a hand-written page to a page of the site: where it is, what it says, where it leads."""

    rel: str  # docs/<page>.md
    line: int
    text: str  # the whole Markdown link
    target: str  # the doc path it leads to, from docs/
    anchor: str | None
    handwritten: bool  # the target is a hand-written page of docs/ (MkDocs checks those)


def links(root: Path) -> tuple[Link, ...]:
    """Every link of root/docs/*.md to a Markdown page, in the order of the files and lines."""
    docs = Path(root) / "docs"
    if not docs.is_dir():
        return ()
    out = []
    for path in sorted(docs.rglob("*.md")):
        doc = path.relative_to(docs).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in LINK.finditer(line):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(doc), m["target"]))
                out.append(Link(f"docs/{doc}", n, m.group(0), target, m["anchor"], (docs / target).is_file()))
    return tuple(out)


def check_links(
    root: Path,
    anchors: dict[str, set[str]],
    resolve: Callable[[str, str | None], tuple[str, str | None] | None] | None = None,
) -> list[Problem]:
    """Problems of the links from root/docs/*.md to the generated pages (doc path -> its anchors,
    from build_scripts.dataset.addresses). ``resolve`` (addresses.resolve) says where a link to a
    list cut by year leads: such a link is good when it leads somewhere (the build rewrites it)."""
    return judge(links(root), anchors, resolve)


def judge(
    found: tuple[Link, ...],
    anchors: dict[str, set[str]],
    resolve: Callable[[str, str | None], tuple[str, str | None] | None] | None = None,
) -> list[Problem]:
    """The problems of links (``links``) against the pages and anchors the data gives (see check_links)."""
    problems = []
    for link in found:
        target, anchor = link.target, link.anchor
        if target not in anchors:
            if link.handwritten:
                continue  # another hand-written page: MkDocs checks it
            if target.startswith(("acteurs/", "sources/")):
                problems.append(_missing_page(link.rel, link.line, link.text, target, anchors))
            continue
        if anchor and anchor not in anchors[target] and not (resolve and resolve(target, anchor)):
            problems.append(_missing_anchor(link.rel, link.line, link.text, target, anchor, anchors[target]))
    return problems


def _missing_anchor(rel: str, line: int, link: str, target: str, anchor: str, known: set[str]) -> Problem:
    close = difflib.get_close_matches(anchor, sorted(known), n=1, cutoff=0.6)
    hint = (
        f"did you mean '{target}#{close[0]}'?"
        if close
        else "the record it pointed to was renamed or removed: link to its new id, or remove the link."
    )
    return Problem(
        rel,
        line,
        "",
        "docs-link-unknown",
        f"the link {link} points at '#{anchor}', which no record of data/ gives on {target}.",
        f"{hint} (ids are in data/*.yaml; a quote's anchor is citation-<its id>.)",
    )


def _missing_page(rel: str, line: int, link: str, target: str, pages: dict[str, set[str]]) -> Problem:
    close = difflib.get_close_matches(target, sorted(pages), n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else "the actor or article was renamed or removed: link to its new id, or remove the link."
    )
    return Problem(
        rel,
        line,
        "",
        "docs-link-unknown",
        f"the link {link} points at {target}, a page that data/ and corpus/ do not make.",
        hint,
    )
