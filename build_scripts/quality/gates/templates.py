"""The ten page templates every gate runs on, as paths under the site root.

In: a built site. Out: template name -> page path. The fixed pages are the site's sections;
the actor and the source page are the heaviest of their kind in the built site (the most
events, quotes and charts; the longest text and most highlights), so that a budget they meet
holds for every page of that kind. Nothing here names a record: the data decides.
"""

from __future__ import annotations

from pathlib import Path

NAMES = [
    "accueil",
    "chronologie",
    "rencontres",
    "lieux",
    "contexte",
    "acteur",
    "citations",
    "source",
    "methodologie",
    "donnees",
]
FIXED = {
    "accueil": "",
    "chronologie": "chronologie/",
    "rencontres": "rencontres/",
    "lieux": "lieux/",
    "contexte": "contexte/",
    "citations": "citations/",
    "methodologie": "methodologie/",
    "donnees": "donnees/",
}
HEAVIEST = {"acteur": "acteurs", "source": "sources"}  # template -> section whose heaviest page it is


def heaviest(site: Path, section: str) -> str | None:
    """The page of a section with the most bytes of HTML (ties: the first by name)."""
    pages = sorted((site / section).glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    return f"{section}/{pages[0].parent.name}/" if pages else None


def resolve(site_dir: Path) -> dict[str, str]:
    """name -> path of each template page, in the order of NAMES."""
    site = Path(site_dir)
    return {name: FIXED[name] if name in FIXED else heaviest(site, HEAVIEST[name]) or "" for name in NAMES}


def all_pages(site_dir: Path) -> list[str]:
    """Every page of the built site as a path ('' for the home page), sorted; 404.html left out."""
    site = Path(site_dir)
    pages = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages)
