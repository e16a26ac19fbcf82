"""Where each record is published: the generated page (a doc path) and its anchor there.

One place for the site's addresses. The pages (build_scripts.site.pages) write their
anchors from these functions; ``check`` reads them to report a hand-written link to
an address the data no longer gives, without rendering any page.

In: a Dataset. Out: doc paths ("chronologie.md", "acteurs/<id>.md"...) and anchors.
"""

from __future__ import annotations

from typing import Any

from build_scripts.dataset.records import Dataset
from build_scripts.dataset.temporal import Temporal, TemporalError

CHRONOLOGY = "chronologie.md"
MEETINGS = "rencontres.md"
ACTORS = "acteurs/index.md"
QUOTES = "citations.md"
SOURCES = "sources/index.md"
DATA = "donnees.md"
CONTEXT = "contexte.md"
PLACES = "lieux.md"
# Generated pages every build has, with their titles.
STANDARD = {
    CHRONOLOGY: "Chronologie",
    MEETINGS: "Rencontres",
    ACTORS: "Acteurs",
    QUOTES: "Citations",
    SOURCES: "Sources",
    DATA: "Données",
    CONTEXT: "Hors corpus",
    PLACES: "Lieux",
}
PLACES_SECTIONS = ("carte", "liste")
NO_SPEAKER_ID = "locuteur-non-precise"
UNDATED = "non-datees"
ACTOR_KINDS = ("person", "state", "organisation", "media", "group")
# Section anchors of each page kind (headings written by the templates).
ACTOR_SECTIONS = ("evenements", "citations", "articles")
ARTICLE_SECTIONS = ("texte", "faits")
DATA_SECTIONS = ("fichiers", "lecture", "licence", "schema")
# The guide to the data's fields (on the data page): one section per schema, in this order.
SCHEMA_GUIDE = ("events", "context", "quotes", "actors", "places", "article")
# Sections of the meetings page: the encounters of the period, those announced, older ones
# the articles recall, and those from outside the corpus.
MEETING_SECTIONS = ("tenues", "annoncees", "rappels", "hors-corpus")
CHARTS_SECTION = "graphiques"


def actor_doc(actor_id: str) -> str:
    return f"acteurs/{actor_id}.md"


def article_doc(article_id: str) -> str:
    return f"sources/{article_id}.md"


def event_doc(event: dict[str, Any]) -> str:
    return CHRONOLOGY


def place_anchor(place_id: str) -> str:
    return f"lieu-{place_id}"


def places_with_facts(ds: Dataset) -> set[str]:
    """The places of data/places.yaml where a published event or record hors corpus happens."""
    places = ds.by_id("places")
    records = list(ds.published("events")) + (list(ds.published("context")) if "context" in ds.files else [])
    return {r.get("place") for r in records if isinstance(r, dict) and r.get("place") in places}


def quote_anchor(quote_id: str) -> str:
    return f"citation-{quote_id}"


def year_anchor(event: dict[str, Any]) -> str:
    """The anchor of the chronology's group an event sits in: its first year, or the undated group."""
    year = event_year(event)
    return UNDATED if year is None else f"annee-{year}"


def event_year(event: dict[str, Any]) -> int | None:
    try:
        t = Temporal.parse(event.get("date")) if event.get("date") else None
    except (TemporalError, TypeError):
        return None
    return t.start.year if t else None


# Anchors on an article page of the words each record rests on (one per source).
def event_source_anchor(event_id: str, i: int) -> str:
    return f"ev-{event_id}-{i + 1}"


def dispute_anchor(event_id: str, i: int) -> str:
    return f"di-{event_id}-{i + 1}"


def slip_anchor(event_id: str, i: int) -> str:
    return f"er-{event_id}-{i + 1}"


def quote_source_anchor(quote_id: str) -> str:
    return f"q-{quote_id}"


def actor_source_anchor(actor_id: str, i: int) -> str:
    return f"ac-{actor_id}-{i + 1}"


def place_source_anchor(place_id: str, i: int) -> str:
    return f"pl-{place_id}-{i + 1}"


def chart_anchors(chart_id: str) -> set[str]:
    return {
        f"graphique-{chart_id}",
        f"graphique-{chart_id}-titre",
        f"graphique-{chart_id}-resume",
        f"graphique-{chart_id}-donnees",
    }


def excerpts(ds: Dataset, events: list[dict[str, Any]] | None = None) -> dict[str, list[tuple[str, str, str, str]]]:
    """article id -> [(anchor, excerpt, record kind, record id)]: every published record's words
    (events in the order given, by default the file's)."""
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for kind, anchor_of in (("actors", actor_source_anchor), ("places", place_source_anchor)):
        for rec in ds.by_id(kind).values():
            for i, s in enumerate(rec.get("sources") or []):
                if not s.get("article"):  # a public page, for a place only facts hors corpus name
                    continue
                out.setdefault(s.get("article"), []).append(
                    (anchor_of(rec["id"], i), s.get("excerpt") or "", kind, rec["id"])
                )
    for e in ds.by_id("events").values() if events is None else events:
        for i, s in enumerate(e.get("sources") or []):
            out.setdefault(s.get("article"), []).append(
                (event_source_anchor(e["id"], i), s.get("excerpt") or "", "events", e["id"])
            )
        for i, d in enumerate(e.get("disputes") or []):
            out.setdefault(d.get("article"), []).append(
                (dispute_anchor(e["id"], i), d.get("excerpt") or "", "disputes", e["id"])
            )
        for i, d in enumerate(e.get("slips") or []):
            out.setdefault(d.get("article"), []).append(
                (slip_anchor(e["id"], i), d.get("excerpt") or "", "slips", e["id"])
            )
    for q in ds.by_id("quotes").values():
        out.setdefault(q.get("article"), []).append(
            (quote_source_anchor(q["id"]), q.get("excerpt") or "", "quotes", q["id"])
        )
    return out


def anchors(ds: Dataset) -> dict[str, set[str]]:
    """Every generated page (doc path) with the anchors it defines, from the data alone."""
    events = list(ds.by_id("events").values())
    actors = ds.by_id("actors")
    quotes = list(ds.by_id("quotes").values())
    out: dict[str, set[str]] = {doc: set() for doc in STANDARD}
    out[CHRONOLOGY] |= {e["id"] for e in events} | {year_anchor(e) for e in events} | chart_anchors("timeline")
    out[ACTORS] |= {a.get("kind") for a in actors.values() if a.get("kind") in ACTOR_KINDS}
    out[ACTORS] |= {CHARTS_SECTION} | {
        x for c in ("actors-mentions", "actors-network", "actors-presence") for x in chart_anchors(c)
    }
    context = list(ds.by_id("context").values())
    out[CONTEXT] |= {c["id"] for c in context} | {year_anchor(c) for c in context}
    out[MEETINGS] |= set(MEETING_SECTIONS)
    out[PLACES] |= set(PLACES_SECTIONS) | {place_anchor(p) for p in places_with_facts(ds)}
    out[QUOTES] |= {quote_anchor(q["id"]) for q in quotes}
    out[QUOTES] |= {q["speaker"] if q.get("speaker") in actors else NO_SPEAKER_ID for q in quotes}
    out[DATA] |= set(DATA_SECTIONS) | {f"schema-{n}" for n in SCHEMA_GUIDE} | {"schema-defs"}
    for a in actors:
        charts = {x for suffix in ("", "--mentions", "--with") for x in chart_anchors(f"actor-{a}{suffix}")}
        out[actor_doc(a)] = (
            set(ACTOR_SECTIONS) | charts | {quote_anchor(q["id"]) for q in quotes if q.get("speaker") == a}
        )
    words = excerpts(ds)
    for art in ds.articles:
        out[article_doc(art)] = set(ARTICLE_SECTIONS) | {anchor for anchor, *_ in words.get(art, [])}
    return out
