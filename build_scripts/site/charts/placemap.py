"""The map of the places of the facts, drawn at build time as SVG (no tile server, no script).

In: data/places.yaml (a city or a site has ``coordinates``: latitude, longitude and their public
source), the published events and the records hors corpus (``place``), and the country outlines
of outline.json (made by scripts/make_map_outline.py from Natural Earth, public domain).
Out: ``build(ds)`` -> a ``PlaceMap`` (plain data: projected paths, marks, words), drawn by the
template build_scripts/site/templates/partials/map_svg.html; the Lieux page lists the same places
and their facts as text (what a screen reader reads; the drawing is hidden from it).

The main frame is the Russian Far East and Korea, where nearly every place is; an inset shows
the whole of Russia with Moscow. Projection: equirectangular, the longitudes shrunk by the
cosine of the frame's middle latitude (good enough at this scale, and simple to check).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from build_scripts.dataset import addresses
from build_scripts.site.charts import style

OUTLINE = Path(__file__).with_name("outline.json")
WIDTH = 360.0
FRAME = (112.0, 34.0, 146.0, 56.5)  # west, south, east, north
INSET = (24.0, 38.0, 150.0, 72.0)
INSET_BOX = (6.0, 6.0, 128.0)  # x, y, width of the inset in the map
LAND = "#eef0f3"
LAND_FOCUS = "#dfe3ea"  # the two countries of the story
BORDER = "#9aa1ab"
# Where the map writes the names of the countries (longitude, latitude), inside the frame.
COUNTRY_WORDS = {
    "Russie": (134.0, 55.2),
    "Chine": (119.5, 44.0),
    "Corée du Nord": (128.9, 40.9),
    "Corée du Sud": (128.1, 36.2),
    "Japon": (140.0, 39.0),
}
FOCUS = {"Russie", "Corée du Nord"}


@dataclass
class Place:
    id: str
    name: str
    x: float
    y: float
    r: float
    facts: int
    label_x: float
    anchor: str  # "start" or "end"
    label_y: float
    inset: bool = False
    left: float = 0  # where the place is, in % of the map's width and height (its link over the drawing)
    top: float = 0


@dataclass
class PlaceMap:
    width: float
    height: float
    land: list[tuple[str, str]] = field(default_factory=list)  # (path, fill)
    inset_land: list[tuple[str, str]] = field(default_factory=list)
    inset: tuple[float, float, float, float] = (0, 0, 0, 0)  # x, y, width, height
    inset_frame: str = ""  # the main frame, drawn in the inset
    countries: list[tuple[float, float, str]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    coordinate_sources: list[str] = field(default_factory=list)  # sites the drawn coordinates come from
    colour: str = style.colour("blue")


@cache
def outline() -> list[dict[str, Any]]:
    return list(json.loads(OUTLINE.read_text(encoding="utf-8"))["countries"])


class Projection:
    def __init__(self, box: tuple[float, float, float, float], width: float, x0: float = 0, y0: float = 0):
        self.west, self.south, self.east, self.north = box
        self.cos = math.cos(math.radians((self.south + self.north) / 2))
        self.k = width / ((self.east - self.west) * self.cos)
        self.width, self.height = width, (self.north - self.south) * self.k
        self.x0, self.y0 = x0, y0

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return self.x0 + (lon - self.west) * self.cos * self.k, self.y0 + (self.north - lat) * self.k

    def inside(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north


def path(rings: list[list[list[float]]], proj: Projection, step: float) -> str:
    """The rings as SVG path data, points closer than ``step`` units dropped; rings off the frame left out."""
    out = []
    for ring in rings:
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        if (
            max(lons) < proj.west - 5
            or min(lons) > proj.east + 5
            or max(lats) < proj.south - 5
            or min(lats) > proj.north + 5
        ):
            continue
        pts: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = proj(lon, lat)
            if pts and abs(x - pts[-1][0]) + abs(y - pts[-1][1]) < step:
                continue
            pts.append((x, y))
        if len(pts) >= 3:
            out.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(out)


def facts_at(ds, place_ids: set[str]) -> list[dict]:
    """The published events and records hors corpus that happen at one of ``place_ids``."""
    out = [e for e in ds.published("events") if isinstance(e, dict) and e.get("place") in place_ids]
    if "context" in ds.files:
        out += [c for c in ds.published("context") if isinstance(c, dict) and c.get("place") in place_ids]
    return out


def within(places: dict[str, dict], pid: str) -> set[str]:
    """``pid`` and the places inside it, at any depth."""
    found = {pid}
    grew = True
    while grew:
        grew = False
        for other, p in places.items():
            if other not in found and p.get("within") in found:
                found.add(other)
                grew = True
    return found


def build(ds) -> PlaceMap | None:
    """The map, or None when no place with coordinates has a fact."""
    places = ds.by_id("places")
    main = Projection(FRAME, WIDTH)
    ix, iy, iw = INSET_BOX
    small = Projection(INSET, iw)  # drawn in its own box (a nested <svg> at INSET_BOX)
    m = PlaceMap(WIDTH, round(main.height, 1))
    m.inset = (ix, iy, iw, round(small.height, 1))
    for c in outline():
        fill = LAND_FOCUS if c["name"] in FOCUS else LAND
        d = path(c["rings"], main, 1.2)
        if d:
            m.land.append((d, fill))
        d = path(c["rings"], small, 1.0)
        if d:
            m.inset_land.append((d, fill))
    (ax, ay), (bx, by) = small(FRAME[0], FRAME[3]), small(FRAME[2], FRAME[1])
    m.inset_frame = f"M{ax:.1f},{ay:.1f}H{bx:.1f}V{by:.1f}H{ax:.1f}Z"
    for name, (lon, lat) in COUNTRY_WORDS.items():
        x, y = main(lon, lat)
        m.countries.append((round(x, 1), round(y, 1), name))
    for pid in sorted(places):
        p = places[pid]
        co = p.get("coordinates") if isinstance(p.get("coordinates"), dict) else None
        if not co:
            continue
        n = len(facts_at(ds, {pid}))
        if n == 0:
            continue
        lon, lat = float(co["lon"]), float(co["lat"])
        if main.inside(lon, lat):
            x, y = main(lon, lat)
            inset = False
        elif small.inside(lon, lat):
            x, y = small(lon, lat)
            inset = True
        else:
            continue
        host = (urlsplit(str(co.get("source") or "")).hostname or "").removeprefix("www.")
        if host and host not in m.coordinate_sources:
            m.coordinate_sources.append(host)
        r = 3.0 if inset else round(4 + 2.2 * math.sqrt(n), 1)
        name = str(p.get("name") or pid)
        w = len(name) * (9 if inset else 12) * 0.56
        right = x + r + 4 + w <= (iw if inset else WIDTH) - 2
        m.places.append(
            Place(
                pid,
                name,
                round(x, 1),
                round(y, 1),
                r,
                n,
                round(x + r + 3 if right else x - r - 3, 1),
                "start" if right else "end",
                round(y + 4, 1),
                inset,
            )
        )
    if not m.places:
        return None
    for p in m.places:
        x, y = (p.x + ix, p.y + iy) if p.inset else (p.x, p.y)
        p.left, p.top = round(100 * x / m.width, 2), round(100 * y / m.height, 2)
    spread_labels(m.places)
    return m


def spread_labels(places: list[Place]) -> None:
    """Move a label down when it would sit on another one (same side, less than a line apart)."""
    main = sorted((p for p in places if not p.inset), key=lambda p: p.label_y)
    for i, p in enumerate(main):
        for q in main[:i]:
            if abs(p.label_y - q.label_y) < 14 and overlap(p, q):
                p.label_y = round(q.label_y + 14, 1)


def overlap(p: Place, q: Place) -> bool:
    def span(a: Place) -> tuple[float, float]:
        w = len(a.name) * 12 * 0.56
        return (a.label_x, a.label_x + w) if a.anchor == "start" else (a.label_x - w, a.label_x)

    (a, b), (c, d) = span(p), span(q)
    return not (b < c or d < a)


def place_list(ds, here_links) -> list[dict]:
    """Every place with facts, the most first, each with its facts (for the text list of the page).
    ``here_links(record, is_context)``: the link data of a fact's card."""
    places = ds.by_id("places")
    out = []
    for pid, p in places.items():
        direct = facts_at(ds, {pid})
        if not direct:
            continue
        context_ids = {c.get("id") for c in (ds.published("context") if "context" in ds.files else [])}
        items = sorted(direct, key=addresses.place_order)
        out.append(
            {
                "id": pid,
                "name": str(p.get("name") or pid),
                "within": str((places.get(p.get("within")) or {}).get("name") or ""),
                "mapped": isinstance(p.get("coordinates"), dict),
                "facts": [here_links(r, r.get("id") in context_ids) for r in items],
            }
        )
    return sorted(out, key=lambda x: (-len(x["facts"]), x["name"]))
