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


def typeset(ds: Dataset) -> Dataset:
    """A copy of the dataset, prose typeset. The records and the articles' front matter are copied
    (not the parse trees and the bodies, which nothing changes): a deep copy of the whole dataset
    took seconds at a thousand articles."""
    out = Dataset(root=ds.root, problems=list(ds.problems), unread_articles=set(ds.unread_articles))
    out.files = {
        kind: [DataFile(f.kind, f.rel, f.tree, [_copy(r) for r in f.records]) for f in files]
        for kind, files in ds.files.items()
    }
    out.articles = {k: dataclasses.replace(a, meta=_copy(a.meta)) for k, a in ds.articles.items()}
    for kind, fields in PROSE.items():
        if kind not in out.files:
            continue
        for record in out.by_id(kind).values():
            if not isinstance(record, dict):
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
    for art in out.articles.values():
        for key in ARTICLE_PROSE:
            _set(art.meta, key)
    return out
