"""The last step of the site stage, run on the built site whatever engine built it.

In: a built site directory (site/ of ``mkdocs build``, or of ``properdocs build -f DIR/mkdocs.yml``
on the tree of ``python -m build_scripts pages --out DIR``). Out: the same directory, with the
search index (search/search_index.json, Material's search plugin) made forgiving: accents,
case, the press's spellings, clean snippets (search.py); the pages without the theme's
indentation (compact.py), the site without the theme's files that no page loads (source maps,
other languages' search scripts: themefiles.py) and the index kept as gzip (search.compress),
except for ``mkdocs serve``'s preview.

Who runs it: ``python -m build_scripts build`` after MkDocs; ``python -m build_scripts finish
SITE_DIR`` after another engine; the browser tests' local build (quality/gates/localsite.py);
the MkDocs hook for ``mkdocs serve`` only (a plain ``mkdocs build`` with the hook and a build
of the tree give the same files, before this step and after it). Running it twice changes
nothing. An engine with an index of its own (Zensical) has no Material index: nothing to do.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts.site import compact, search, themefiles

SEARCH_INDEX = Path("search") / "search_index.json"


def finish(site_dir: Path | str, *, compacted: bool = True, memo: search.Improved | None = None) -> dict[str, int]:
    """Finish the built site in place; what was done (entries of the search index given extra
    words, pages compacted, theme files removed, bytes the gzipped search index saves).
    ``compacted=False``: the pages, the theme's files and the index are left as the engine wrote
    them (the preview, rebuilt at each save, where their weight does not matter). ``memo``: the
    preview's search entries improved at the saves before (search.Improved)."""
    index = Path(site_dir) / SEARCH_INDEX
    spelled = search.read_spellings(Path(site_dir))
    # The pages are compacted in another process while this one improves the search index and
    # compresses it (they touch different files): the index's reading and writing, on one core,
    # leave the other free.
    compacting = compact.start(Path(site_dir)) if compacted else None
    try:
        entries = search.improve(index, spelled, memo) if index.is_file() else 0
        saved = search.compress(site_dir) if compacted else 0
        pages = sum(compacting.result()) if compacting is not None else 0
    finally:
        if compacting is not None:
            compacting.cancel()
    removed = themefiles.remove_unused(site_dir) if compacted else 0
    return {
        "search_entries": entries,
        "pages_compacted": pages,
        "theme_files_removed": removed,
        "search_bytes_saved": saved,
    }


def main(site_dir: Path) -> int:
    """``python -m build_scripts finish SITE_DIR``."""
    site_dir = Path(site_dir)
    if not (site_dir / "index.html").is_file():
        print(f"{site_dir}: no index.html; give the directory a build wrote (e.g. DIR/site).")
        return 2
    done = finish(site_dir)
    if not (site_dir / SEARCH_INDEX).is_file() and not (site_dir / search.COMPRESSED).is_file():
        print(f"{site_dir}: no {SEARCH_INDEX.as_posix()} (an engine with its own search): no index to finish")
    else:
        print(f"{site_dir}: search index finished ({done['search_entries']} entries given folded words and aliases)")
    print(f"{site_dir}: search index kept as gzip, {done['search_bytes_saved']:,} bytes fewer on disk")
    print(f"{site_dir}: {done['pages_compacted']} pages without the indentation between their tags")
    print(
        f"{site_dir}: {done['theme_files_removed']} theme files that no page loads removed (source maps, other languages' search)"
    )
    return 0
