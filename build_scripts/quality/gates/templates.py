"""The nine page templates every gate runs on, as paths under the site root."""

from __future__ import annotations

from pathlib import Path

# name -> path; an actor and a source page are picked from the built site (see resolve()).
FIXED = {
    "accueil": "",
    "chronologie": "chronologie/",
    "rencontres": "rencontres/",
    "contexte": "contexte/",
    "acteur": "acteurs/vladimir-poutine/",
    "citations": "citations/",
    "source": "sources/2023-09-sommet-vostochny/",
    "methodologie": "methodologie/",
    "donnees": "donnees/",
}


def _first_child(site: Path, section: str) -> str | None:
    pages = sorted(p.parent for p in (site / section).glob("*/index.html"))
    return f"{section}/{pages[0].name}/" if pages else None


def resolve(site_dir: Path) -> dict[str, str]:
    """name -> path of each template page present in site_dir (actor/source fall back to the first one)."""
    site = Path(site_dir)
    out: dict[str, str] = {}
    for name, path in FIXED.items():
        if (site / path / "index.html").is_file():
            out[name] = path
        elif name == "acteur":
            out[name] = _first_child(site, "acteurs") or path
        elif name == "source":
            out[name] = _first_child(site, "sources") or path
        else:
            out[name] = path
    return out


def all_pages(site_dir: Path) -> list[str]:
    """Every page of the built site as a path ('' for the home page), sorted; 404.html left out."""
    site = Path(site_dir)
    pages = []
    for f in sorted(site.rglob("index.html")):
        rel = f.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return sorted(pages)
