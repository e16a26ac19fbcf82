"""The search index of the built site, made forgiving: accents, case and the press's spellings.

In: site/search/search_index.json as Material's search plugin writes it (one entry per page
section: location, title, text with some markup). Out: the same file, rewritten in place:

- words glued by the markup ("ActeursSergueï Lavrov", "MédiaNgười Đưa Tin") get the space a
  reader sees between a label and its value, a list item and the next;
- bidirectional controls (U+202E...) are left out: an article may hold one (check flags it,
  the page keeps it inside a <bdi>), but the index keeps no <bdi>, so a right-to-left override
  in a snippet would reverse the site's words after it in the search results;
- each entry ends with a hidden element (templates/partials/search_words.html) listing its words without accents
  ("coree" for "Corée") and the other spellings of its names (``spellings:`` of the actors and
  places in data/: "Vostotchny", the French press's spelling of Vostochny). Material's worker indexes the text of every element, so that
  "coree" or "vostotchny" finds the page, and shows the result's text as markup, so the reader
  sees the page's own words. lunr's French stemmer still runs on every word (lang: fr).

Charts' drawings, legends and data tables and the map are left out of the index at the source
(``data-search-exclude`` in their templates): numbers and tick labels make no snippet.
Called by site/finish.py on the built site, whatever engine built it. ``improve`` marks the
index it rewrote (``config.rpdc_improved``) and leaves a marked index as it is.

Then ``compress`` keeps the index on the host as gzip, search/search_index.json.gz, in place
of search/search_index.json: at 1,000 articles 0.3 MB instead of 15.4 MB on disk, the same
bytes over the network (a host sends the JSON gzipped, and sends a .gz as it is). Material's
search still asks for search_index.json; docs/assets/javascripts/search-gate.js, which holds
that request back until the reader searches, answers it with the JSON read back from the .gz
(the browser's DecompressionStream, or the vendored fflate where there is none), so the search
gets the same index, byte for byte. ``read_index`` reads either form.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from build_scripts.dataset import characters
from build_scripts.dataset.textfiles import atomic_write, atomic_write_bytes
from build_scripts.site import workers
from build_scripts.site.render import macro

# The index as Material's search plugin writes it, and as the host keeps it (``compress``).
INDEX = Path("search") / "search_index.json"
COMPRESSED = Path("search") / "search_index.json.gz"
# The file of the built site where the pages stage leaves the readers' spellings (tree.py writes it,
# finish reads it back: the step after the engine needs no access to data/).
SPELLINGS_FILE = "assets/search-spellings.json"
# The key of the index's config that says it was rewritten (Material's worker ignores it).
IMPROVED = "rpdc_improved"
# A closing tag after which a reader sees a break, and an opening one before which they see one.
_BREAK_AFTER = re.compile(
    r"(</(?:p|li|dt|dd|td|th|tr|h[1-6]|figcaption|caption|summary|div|section|blockquote)>)(?=\S)"
)
_BREAK_BEFORE = re.compile(r"(?<=[^\s>])(<(?:p|li|dt|dd|td|th|ul|ol|dl|table|div|section|blockquote)\b)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, accents removed: "Corée" -> "coree", "Sergueï" -> "serguei"."""
    decomposed = unicodedata.normalize("NFKD", text)
    # the combining marks among the text's distinct characters, removed in one pass (an index of
    # a thousand articles is tens of millions of characters: no Python step per character)
    marks = "".join(sorted(c for c in set(decomposed) if unicodedata.combining(c)))
    return (re.sub(f"[{re.escape(marks)}]+", "", decomposed) if marks else decomposed).casefold()


_fold_word = functools.lru_cache(maxsize=1 << 16)(fold)  # the same words come back in every entry


def without_bidi(text: str) -> str:
    """The text without bidirectional controls: the index cannot isolate them as the page does."""
    return characters.BIDI.sub("", text)


def spaced(text: str) -> str:
    """The text with a space wherever the markup separates two blocks."""
    text = _BREAK_AFTER.sub(r"\1 ", text)
    return _BREAK_BEFORE.sub(r" \1", text)


def spellings(records: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Folded name -> folded spellings readers type, from records (actors, places) that have
    ``spellings``: each of a record's names (``name`` and ``aliases``) leads to its spellings."""
    out: dict[str, set[str]] = {}
    for rec in records:
        extra = {fold(str(x)) for x in rec.get("spellings") or [] if str(x).strip()}
        if not extra:
            continue
        for name in [rec.get("name"), *(rec.get("aliases") or [])]:
            if isinstance(name, str) and name.strip():
                out.setdefault(fold(name), set()).update(extra)
    return {name: sorted(words) for name, words in sorted(out.items())}


def spellings_file(records: Iterable[Mapping[str, Any]]) -> str:
    """The content of SPELLINGS_FILE: a generated file, saying so."""
    doc = {
        "_generated": "by build_scripts/site/tree.py from the spellings: of data/ (python -m build_scripts "
        "pages); do not edit",
        "spellings": spellings(records),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def read_spellings(site_dir: Path) -> dict[str, list[str]]:
    """The spellings a build left in the site (none if the file is absent)."""
    path = Path(site_dir) / SPELLINGS_FILE
    if not path.is_file():
        return {}
    found = json.loads(path.read_text(encoding="utf-8")).get("spellings") or {}
    return {str(k): [str(w) for w in v] for k, v in found.items() if isinstance(v, list)}


def extra_words(title: str, text: str, spelled: Mapping[str, list[str]] | None = None) -> list[str]:
    """The words to add to an entry: its accented words folded, and the spellings readers type
    for the names it contains (``spelled``: folded name -> spellings, see ``spellings``)."""
    plain = _TAG.sub(" ", f"{title} {text}")
    out = {folded for w in set(_WORD.findall(plain)) if (folded := _fold_word(w)) != w.casefold()}
    folded_text = fold(plain)
    for name, extra in (spelled or {}).items():
        if name in folded_text and _whole_word(name).search(folded_text):
            out.update(w for piece in extra for w in _WORD.findall(piece))
    return sorted(out)


@functools.cache
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


def _improved(
    entries: list[dict[str, Any]], spelled: Mapping[str, list[str]] | None
) -> list[tuple[str | None, str, bool]]:
    """Each entry's title (None: it has none) and text made forgiving, and whether words were added."""
    out = []
    for entry in entries:
        title = without_bidi(str(entry["title"])) if "title" in entry else None
        text = spaced(without_bidi(str(entry.get("text") or "")))
        words = extra_words(str(title or ""), text, spelled)
        if words:
            text += " " + str(macro("partials/search_words.html", "hidden_words")(words))
        out.append((title, text, bool(words)))
    return out


class Improved:
    """What ``improve`` made of each entry (title and text as read -> as written), for the
    preview, which improves the index again at every save: only new entries cost."""

    def __init__(self) -> None:
        self.spelled: Mapping[str, list[str]] | None = None
        self.done: dict[tuple[Any, Any], tuple[str | None, str, bool]] = {}


def improve(
    index_path: Path | str, spelled: Mapping[str, list[str]] | None = None, memo: Improved | None = None
) -> int:
    """Rewrite the index in place; the number of entries given extra words."""
    path = Path(index_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    config = doc.setdefault("config", {})
    if config.get(IMPROVED):
        return 0  # done already: the hidden words would be added twice
    config[IMPROVED] = True
    entries = doc.get("docs", [])
    make = functools.partial(_improved, spelled=spelled)
    if memo is None:
        # a thousand articles make thousands of entries: read on every core (workers.py), in order
        results = workers.map_parts(make, entries)
    else:
        if memo.spelled != spelled:
            memo.spelled, memo.done = spelled, {}
        keys = [(entry.get("title", _NO_TITLE), entry.get("text")) for entry in entries]
        new = [i for i, key in enumerate(keys) if key not in memo.done]
        memo.done = {key: memo.done[key] for key in keys if key in memo.done}
        memo.done.update({keys[i]: r for i, r in zip(new, make([entries[i] for i in new]), strict=True)})
        results = [memo.done[key] for key in keys]
    changed = 0
    for entry, (title, text, extra) in zip(entries, results, strict=True):
        if title is not None:
            entry["title"] = title
        entry["text"] = text
        changed += extra
    atomic_write(path, json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    return changed


_NO_TITLE = object()  # an entry without a title (not one whose title is empty)


def compress(site_dir: Path | str) -> int:
    """Replace the site's search/search_index.json by search/search_index.json.gz (gzip, level 9,
    no timestamp: the same index gives the same bytes); the bytes saved (0: no index to compress)."""
    site = Path(site_dir)
    plain = site / INDEX
    if not plain.is_file():
        return 0
    data = plain.read_bytes()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    atomic_write_bytes(site / COMPRESSED, packed)
    plain.unlink()
    return len(data) - len(packed)


def read_index(site_dir: Path | str) -> dict[str, Any] | None:
    """The built site's search index, from search_index.json or, once compressed, its .gz; None: none."""
    site = Path(site_dir)
    if (site / INDEX).is_file():
        return json.loads((site / INDEX).read_text(encoding="utf-8"))
    if (site / COMPRESSED).is_file():
        return json.loads(gzip.decompress((site / COMPRESSED).read_bytes()).decode("utf-8"))
    return None
