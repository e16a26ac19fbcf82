"""The dataset stage: corpus/ (articles) and data/ (YAML records) in, a Dataset and its problems out.

- ``records``   load corpus/ and data/ into a Dataset (files parsed, lines kept; a kind may be
                split over data/<kind>/*.yaml);
- ``check``     every problem of a Dataset, in one run (``python -m build_scripts check``);
                ``load_checked`` gives it again after an edit from what changed only;
- ``reload``    reading a project again: only the files, and the records, that changed;
- ``corpus``, ``yamlio``, ``textfiles``: reading articles and YAML safely, writing atomically;
- ``schemas``   the JSON Schemas of data/schema/, where each field's meaning is written;
- ``temporal``  dates at the precision of the words (year, month, day, interval);
- ``addresses`` the page and anchor where each record is published (shared with the site);
- ``problems``  the ``path:line [code] message. Fix: ...`` record of every error.

Imports nothing from the other stages.
"""

from __future__ import annotations

from build_scripts.dataset.records import (
    KINDS,
    SCHEMA_HEADER,
    DataFile,
    Dataset,
    corpus_dir,
    data_dir,
    kind_paths,
    load,
    rel,
    schema_header,
)

__all__ = [
    "KINDS",
    "SCHEMA_HEADER",
    "DataFile",
    "Dataset",
    "corpus_dir",
    "data_dir",
    "kind_paths",
    "load",
    "rel",
    "schema_header",
]
