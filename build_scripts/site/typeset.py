"""The newsroom's own prose in the data, typeset for the site: French non-breaking spaces.

In: a Dataset. Out: a copy of it whose prose fields (titles, summaries, notes, short labels,
roles: words the newsroom writes) went through ``wording.typography`` (U+00A0 before ":",
U+202F before "; ! ?" and inside « »). What the articles or the public sources say (excerpts,
quotes, claims, aliases, article bodies) is never touched: it stays character for character.
The data files are not changed; pages.generate typesets the dataset it renders.
"""

from __future__ import annotations

import copy
from typing import Any

from build_scripts.dataset.records import Dataset
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


def typeset(ds: Dataset) -> Dataset:
    out = copy.deepcopy(ds)
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
