"""The newsroom's own prose in the data, typeset for the site: French non-breaking spaces.

In: a Dataset. Out: a copy of it whose prose fields (titles, summaries, notes, short labels,
roles: words the newsroom writes) went through ``wording.typography`` (U+00A0 before ":",
U+202F before "; ! ?" and inside « »). What the articles or the public sources say (excerpts,
quotes, claims, aliases, article bodies) is never touched: it stays character for character.
The data files are not changed; pages.generate typesets the dataset it renders.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from build_scripts.dataset.corpus import Article
from build_scripts.dataset.records import DataFile, Dataset
from build_scripts.dataset.wording import typography

# Prose fields of each kind of record (verbatim fields are the others: excerpt, text, claim...).
PROSE = {
    "events": ("title", "label", "summary", "note", "date_note", "duration"),
    "context": ("title", "label", "summary", "note", "date_note"),
    "actors": ("role", "note"),
    "places": ("note",),
    "quotes": ("note",),
}
SOURCE_PROSE = ("note", "translation")  # a source's note, a context source's French rendering
ARTICLE_PROSE = ("title", "published_note", "outlet_note")


def _set(record: dict[str, Any], key: str) -> None:
    value = record.get(key)
    if isinstance(value, str) and value:
        record[key] = typography(value)


def _copy(value: Any) -> Any:
    """A copy of a record's dicts and lists (the values themselves are strings, numbers, dates)."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


class Memo:
    """The typeset copies of the last dataset, by the objects they were made from, for a preview
    that typesets again at every save: a data file or an article that did not change keeps its
    objects (check.load_checked), so its copy is reused. Holds the last dataset's objects only."""

    def __init__(self) -> None:
        self.files: dict[int, tuple[DataFile, DataFile]] = {}
        self.articles: dict[int, tuple[Article, Article]] = {}
        self.last: Dataset | None = None  # the last typeset dataset (the preview reuses its layout)


def typeset(ds: Dataset, memo: Memo | None = None) -> Dataset:
    """A copy of the dataset, prose typeset. The records and the articles' front matter are copied
    (not the parse trees and the bodies, which nothing changes): a deep copy of the whole dataset
    took seconds at a thousand articles. ``memo``: the copies of unchanged files and articles are
    taken from it (see Memo), and it then holds this dataset's."""
    out = Dataset(root=ds.root, problems=list(ds.problems), unread_articles=set(ds.unread_articles))
    files: dict[int, tuple[DataFile, DataFile]] = {}
    articles: dict[int, tuple[Article, Article]] = {}
    for kind, kept in ds.files.items():
        out.files[kind] = []
        for f in kept:
            hit = memo.files.get(id(f)) if memo else None
            copy = hit[1] if hit is not None and hit[0] is f else _file(f)
            files[id(f)] = (f, copy)
            out.files[kind].append(copy)
    for key, art in ds.articles.items():
        hit_art = memo.articles.get(id(art)) if memo else None
        done = hit_art[1] if hit_art is not None and hit_art[0] is art else _article(art)
        articles[id(art)] = (art, done)
        out.articles[key] = done
    if memo is not None:
        memo.files, memo.articles, memo.last = files, articles, out
    return out


def _file(f: DataFile) -> DataFile:
    """A data file's records copied, the prose of its published records typeset (drafts are not
    published; a record without an id is not a page's)."""
    copy = DataFile(f.kind, f.rel, f.tree, [_copy(r) for r in f.records])
    fields = PROSE.get(f.kind, ())
    for record in copy.records:
        if not (isinstance(record, dict) and isinstance(record.get("id"), str)):
            continue
        if record.get("review", "reviewed") == "draft":
            continue
        for key in fields:
            _set(record, key)
        for src in record.get("sources") or []:
            if isinstance(src, dict):
                for key in SOURCE_PROSE:
                    _set(src, key)
        for part in (record.get("slips") or []) + (record.get("disputes") or []):
            if isinstance(part, dict):
                _set(part, "note")  # the newsroom's note; the excerpt and the claim stay verbatim
    return copy


def _article(art: Article) -> Article:
    meta = _copy(art.meta)
    for key in ARTICLE_PROSE:
        _set(meta, key)
    return dataclasses.replace(art, meta=meta)
