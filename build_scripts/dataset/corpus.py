"""The corpus: one Markdown file per article, YAML front matter, verbatim body.

    ---
    id: 2023-09-sommet-vostochny
    title: ...
    published: 2023-09
    ...
    body_sha256: <sha256 of the body, trailing whitespace removed>
    ---
    <the article exactly as received>

The body is never edited: ``body_sha256`` lets ``check`` notice any change.
Captions and boilerplate lines are *listed* in the front matter (verbatim), not
marked inside the text, so that the body stays byte-for-byte the source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from build_scripts.dataset import yamlio
from build_scripts.dataset.problems import Problem
from build_scripts.dataset.textfiles import ARTICLE_MAX_BYTES, read_text, too_large

FENCE = "---"


def body_hash(body: str) -> str:
    return hashlib.sha256(body.rstrip().encode("utf-8")).hexdigest()


@dataclass
class Article:
    id: str
    path: str  # relative to the project root
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the file where the body starts
    tree: Any = field(repr=False, default=None)  # ruamel tree of the front matter

    @property
    def title(self) -> str:
        return self.meta.get("title") or self.id

    @property
    def published(self) -> str:
        return str(self.meta.get("published") or "")

    def meta_line(self, key: str) -> int | None:
        line = yamlio.line_of(self.tree, (key,))
        return line + 1 if line else 1  # +1 for the opening fence

    def find(self, excerpt: str, start: int = 0) -> int:
        return self.body.find(excerpt, start)

    def line_at(self, offset: int) -> int:
        """File line of a body offset."""
        return self.body_line + self.body.count("\n", 0, offset)

    def spans(self, key: str) -> list[tuple[int, int]]:
        """Offsets of the caption or boilerplate passages listed in the front matter."""
        out = []
        for passage in self.meta.get(key) or []:
            at = self.body.find(passage)
            if at >= 0:
                out.append((at, at + len(passage)))
        return out


def split_front_matter(text: str, rel: str) -> tuple[str | None, str | None, int, list[Problem]]:
    """Return (front matter text, body, body line, problems)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        return (
            None,
            None,
            0,
            [
                Problem(
                    rel,
                    1,
                    "",
                    "no-front-matter",
                    "the article has no front matter (it must start with a line '---').",
                    "add it with: python -m build_scripts add FILE --published YYYY-MM-DD "
                    "(it writes the front matter for you), or copy the header of another corpus file.",
                )
            ],
        )
    for i in range(1, len(lines)):
        if lines[i].strip() == FENCE:
            return "\n".join(lines[1:i]) + "\n", "\n".join(lines[i + 1 :]), i + 2, []
    return (
        None,
        None,
        0,
        [
            Problem(
                rel,
                1,
                "",
                "unclosed-front-matter",
                "the front matter opened on line 1 is never closed.",
                "add a line '---' between the header fields and the article text.",
            )
        ],
    )


def parse_article(text: str, rel: str) -> tuple[Article | None, list[Problem]]:
    fm, body, body_line, problems = split_front_matter(text, rel)
    if problems or fm is None or body is None:
        return None, problems
    tree, problems = yamlio.read(fm, rel)  # to read, not to write back: the fast road when it can
    if problems:  # shift YAML lines by the opening fence
        return None, [
            Problem(p.path, (p.line or 0) + 1 if p.line else None, p.where, p.code, p.message, p.fix) for p in problems
        ]
    if not isinstance(tree, dict):
        return None, [
            Problem(
                rel,
                2,
                "",
                "front-matter-not-mapping",
                "the front matter must be 'key: value' lines.",
                "see another corpus file for the fields.",
            )
        ]
    meta = yamlio.normalise_temporal(yamlio.plain(tree))
    art = Article(
        id=str(meta.get("id") or Path(rel).stem), path=rel, meta=meta, body=body, body_line=body_line, tree=tree
    )
    return art, []


def load_article(path: Path, rel: str) -> tuple[Article | None, list[Problem]]:
    text, problems = read_text(path, rel, max_bytes=ARTICLE_MAX_BYTES)
    if text is None:
        return None, problems
    return parse_article(text, rel)


def size_problems(text: str, rel: str) -> list[Problem]:
    """An article file larger than check reads (the text near the limit, plus its front matter)."""
    size = len(text.encode("utf-8"))
    return [too_large(rel, f"{size:,} bytes", ARTICLE_MAX_BYTES)] if size > ARTICLE_MAX_BYTES else []


# The article's bibliographic fields, in the schema's order: the front matter begins with them,
# and the downloads (site/export.py) list them for each article.
META_KEYS = (
    "id",
    "title",
    "published",
    "published_note",
    "language",
    "original_language",
    "outlet",
    "via",
    "outlet_note",
    "byline",
    "url",
    "original_url",
)


def render_article(meta: dict[str, Any], body: str) -> str:
    """The file text for an article: front matter (in the schema's key order), then the body."""
    order = [*META_KEYS, "seed", "captions", "boilerplate", "body_sha256"]
    cm = CommentedMap()
    for key in order + [k for k in meta if k not in order]:
        if key in meta:
            cm[key] = meta[key]
    cm["body_sha256"] = body_hash(body)
    return FENCE + "\n" + yamlio.dump(cm) + FENCE + "\n" + body


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every file dropped into corpus/ (not only .md: a stray file must be reported, not ignored)."""
    if not corpus_dir.is_dir():
        return []
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and not p.name.startswith("."))
