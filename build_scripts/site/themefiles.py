"""The theme's files that no page of the built site loads, removed from it.

In: a built site directory. Out: the same directory without
- the source maps of Material's minified scripts and stylesheets (``assets/**/*.map``, 1.3 MB),
  which a browser fetches only for its developer tools, and the ``sourceMappingURL`` comments
  that named them (no request for a missing file);
- the word-splitting and stemming scripts of the languages the search does not use
  (``assets/javascripts/lunr/``, 0.9 MB): Material's search worker loads, for the languages of
  the search index's ``config.lang``, ``min/lunr.stemmer.support.min.js`` and one
  ``min/lunr.<lang>.min.js`` each (none for English), ``min/lunr.multi.min.js`` when there are
  several, ``tinyseg.js`` for Japanese and ``wordcut.js`` for Hindi and Thai. Those stay.

Issue #15: 2.2 MB of the 1,000-article site's 106 MiB, the same at any size. Nothing a reader or
the search uses goes: the pages and the search worker never ask for these files. Without a
search index (an engine with its own search), the lunr scripts are left alone. Running it twice
changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.site import search

LUNR = Path("assets") / "javascripts" / "lunr"
MAP_COMMENT = re.compile(r"\n?(?://# sourceMappingURL=([^\s*]+)|/\*# sourceMappingURL=([^\s*]+) ?\*/)\s*$")


def lunr_needed(langs: list[str]) -> set[str]:
    """The files of assets/javascripts/lunr/ that Material's search worker loads for these languages
    (its setupSearchLanguages, bundled in assets/javascripts/workers/search.*.min.js)."""
    needed = {"min/lunr.stemmer.support.min.js"}
    for lang in langs:
        if lang == "ja":
            needed.add("tinyseg.js")
        if lang in ("hi", "th"):
            needed.add("wordcut.js")
        if lang != "en":
            needed.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        needed.add("min/lunr.multi.min.js")
    return needed


def remove_unused(site_dir: Path | str) -> int:
    """Remove the theme's unused files from a built site (see the module's docstring); how many."""
    site = Path(site_dir)
    removed = 0
    for path in sorted((site / "assets").rglob("*")):
        if path.suffix not in (".js", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        m = MAP_COMMENT.search(text)
        if m and (path.parent / (m[1] or m[2])).is_file():
            path.write_text(text[: m.start()] + "\n", encoding="utf-8", errors="surrogateescape", newline="")
    for path in sorted((site / "assets").rglob("*.map")):
        path.unlink()
        removed += 1
    index = search.read_index(site)
    lunr = site / LUNR
    if index is not None and lunr.is_dir():
        langs = index.get("config", {}).get("lang") or ["en"]
        needed = lunr_needed(list(langs))
        for path in sorted(lunr.rglob("*")):
            if path.is_file() and path.relative_to(lunr).as_posix() not in needed:
                path.unlink()
                removed += 1
    return removed
