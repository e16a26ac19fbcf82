"""The generated files handed to MkDocs: what hooks/data_pages.py's ``on_files`` returns.

In: MkDocs's ``Files`` (the hand-written pages and the theme's), the config, and this build's
``preview.Plan`` (every generated file, and which of them changed). Out: the ``Files`` with the
generated ones in, in the order MkDocs walks a docs directory, so that the sitemap and the search
index come out as from the generated tree (``python -m build_scripts pages --out DIR``), byte
for byte. In ``mkdocs serve --dirty`` (``make serve``), a file that did not change says so to
MkDocs, which then neither renders nor copies it (site/preview.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, file_sort_key

from build_scripts.site.preview import Plan


class Unchanged(File):
    """A generated file whose content is the previous rebuild's: MkDocs's dirty mode leaves it."""

    def is_modified(self) -> bool:
        return False


class Changed(File):
    """A page MkDocs would leave in dirty mode (its source is older than its output) that must be
    written again: the whole site is (a rebuild from scratch, the data's problems on every page)."""

    def is_modified(self) -> bool:
        return True


def hand_over(files: Files, config: MkDocsConfig, plan: Plan) -> Files:
    """``files`` with the plan's generated files in (a generated page replaces a hand-written one
    of the same path), the pages it no longer makes removed from the site folder, and every
    hand-written page written again when the plan is a rebuild from scratch."""
    for doc, content in plan.files.items():
        old = files.get_file_from_path(doc)
        if old is not None:
            files.remove(old)
        kind = File if doc in plan.changed else Unchanged
        files.append(kind.generated(config, doc, content=content))
    for doc in plan.gone:  # a page the data no longer makes (the preview's site folder is kept)
        Path(File.generated(config, doc, content="").abs_dest_path).unlink(missing_ok=True)
    if plan.everything:
        for f in list(files.documentation_pages()):
            if f.abs_src_path and f.src_uri not in plan.files:
                files.remove(f)
                files.append(Changed.generated(config, f.src_uri, abs_src_path=f.abs_src_path))
    return Files(sorted(files, key=file_sort_key))
