"""Pipeline of the Russia–North Korea explainer: corpus/ and data/ in, site/ out.

One package per stage; imports flow one way (each package may import only those
above it):

    dataset     corpus/ and data/ in -> a Dataset and its problems (check)
    extraction  articles in -> draft records (extract, add, redraft)  [uses dataset]
    site        a valid Dataset in -> pages, charts, downloads, site/ [uses dataset]
    quality     measures of the others: eval, bench, gates            [uses all]

``python -m build_scripts <stage>`` runs each stage alone (see ``cli.py``).
"""

from __future__ import annotations

from pathlib import Path

# The checkout: mkdocs.yml, docs/ and data/schema/ are found from here.
PROJECT = Path(__file__).resolve().parent.parent
