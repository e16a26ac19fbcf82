"""The site's data pages, as Markdown text, generated from data/ and corpus/.

In: a Dataset (and the hand-written docs/ for the pages that receive generated blocks).
Out: ``generate(ds, docs_dir) -> ({doc path: Markdown}, {chart id: ChartSpec})``, doc paths
such as "chronologie.md", "acteurs/kim-jong-un.md", "sources/<article>.md".

This module arranges the data for the pages (links, dates, badges, counts, groups: plain
dataclasses and dicts); the words and the markup are in the Jinja2 templates of
build_scripts/site/templates/, one per page kind (render.py sets them up, with escaping of
every value). Plain functions, no MkDocs import: site/tree.py adds the chart figures and the
downloads, for the MkDocs hook (hooks/data_pages.py) and ``python -m build_scripts pages --out DIR``.

Hand-written pages of docs/ may hold markers ``<!-- rpdc:NAME -->`` (only there, never in
data) that are replaced by generated blocks (key figures, charts, the schema guide).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts import dataset
from build_scripts.dataset import addresses, doclinks, schemas, story, wording
from build_scripts.dataset.problems import Problem
from build_scripts.dataset.temporal import MONTHS_FR, Point, Temporal
from build_scripts.site import charts, export, typeset, workers
from build_scripts.site.charts import placemap
from build_scripts.site.markup import h, root_rel, url
from build_scripts.site.render import macro, render

MEETING_KINDS = story.MEETING_KINDS
# Statuses that say what an article expected or heard, true on its publication day only.
DATED_STATUSES = ("planned", "proposed", "alleged", "cancelled")
# Languages of the sources: "traduit du vietnamien", "(en anglais)".
LANGUAGE_FR = {
    "fr": ("du français", "en français"),
    "en": ("de l'anglais", "en anglais"),
    "ru": ("du russe", "en russe"),
    "ko": ("du coréen", "en coréen"),
    "de": ("de l'allemand", "en allemand"),
    "es": ("de l'espagnol", "en espagnol"),
    "vi": ("du vietnamien", "en vietnamien"),
    "zh": ("du chinois", "en chinois"),
    "ja": ("du japonais", "en japonais"),
}
SCHEMA_TITLES = {
    "events": "Événements",
    "context": "Faits hors corpus",
    "quotes": "Citations",
    "actors": "Acteurs",
    "places": "Lieux",
    "article": "En-tête des articles du corpus",
}
MARKER = re.compile(r"<!--\s*rpdc:([a-z0-9-]+)(?:\s+([a-z0-9-]+))?\s*-->")
# Generated pages every build has (the hook shows placeholders when the data is broken).
STANDARD = addresses.STANDARD
# Hand-written pages that receive generated blocks.
HANDWRITTEN = ("index.md", "methodologie.md")
# The charts of the actors' index page, in their order.
ACTORS_CHARTS = ("actors-mentions", "actors-network", "actors-presence")
# The first chart of a page (templates/partials/chart.md), for the theme's "Aller au graphique".
FIRST_CHART = re.compile(r'<figure class="rpdc-chart" id="(graphique-[^"]+)"')


# --- what the templates receive --------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link to a page (``href`` relative to the page written), or plain text when ``href`` is None."""

    text: str
    href: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class When:
    """A date as shown: its French words, and its ISO start for <time> when it is a date."""

    text: str
    iso: str | None = None


@dataclass(frozen=True)
class Badge:
    status: str
    label: str
    title: str


@dataclass(frozen=True)
class Place:
    name: str
    within: str | None = None


@dataclass(frozen=True)
class Piece:
    """A run of an article's text: the anchors that start there, and its highlight depth (0: none)."""

    text: str
    anchors: tuple[str, ...] = ()
    depth: int = 0
    refs: str = ""


@dataclass(frozen=True)
class Paragraph:
    pieces: list[Piece]
    caption: bool = False


# --- the dataset, arranged for the pages ---------------------------------------------


def temporal(value: Any) -> Temporal | None:
    return wording.parse(value)


def when(value: Any, approximate: Any = False) -> When:
    t = wording.parse(value)
    return When(wording.date(value, approximate), t.start.iso() if t else None)


def since(value: Any) -> str:
    """A date after "selon l'article …": "du 21 janvier 2024", "de février 2024", "de 2024"."""
    t = temporal(value)
    words = wording.date(value)
    return f"du {words}" if t is not None and t.start.day and not t.is_interval else f"de {words}"


def month_words(point: Any) -> str:
    """A date at month precision at most: "septembre 2023", "2019"."""
    return f"{MONTHS_FR[point.month - 1]} {point.year}" if point.month else str(point.year)


def badge(status: str | None, kind: str | None) -> Badge | None:
    if not status:
        return None
    return Badge(status, wording.status_label(status, kind, short=True), wording.status_title(status))


def sort_name(name: Any) -> str:
    """Alphabetical order as a French reader expects it: accents, case and a leading article ignored."""
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"^(l'|le |la |les )", "", text)


@dataclass
class Site:
    ds: dataset.Dataset  # typeset for the pages (typeset.py)
    charts: dict[str, charts.ChartSpec] = field(default_factory=dict)
    # The dataset as the editors wrote it, which the downloads hold (export.py); ds if not given.
    source: dataset.Dataset | None = None

    def __post_init__(self) -> None:
        ds = self.ds
        self.actors = ds.by_id("actors")
        self.places = ds.by_id("places")
        self.articles = ds.articles
        # Where every record of a list lives: the lists that grow are cut into pages by year.
        self.layout = addresses.layout(ds)
        self.events = self.layout.events
        self.event_by_id = {e["id"]: e for e in self.events}
        self.quotes = list(ds.by_id("quotes").values())
        # the facts from outside the corpus (data/context.yaml), shown marked "hors corpus"
        self.context = sorted(ds.by_id("context").values(), key=story.sort_key)
        self.context_by_id = {c["id"]: c for c in self.context}
        # Indexes, so that a page asks for "the events of this actor" without a pass over every
        # record (at a thousand articles, one pass per record made the build quadratic).
        self._events_of: dict[str, list[dict[str, Any]]] = {}
        self._children: dict[str, list[dict[str, Any]]] = {}
        for e in self.events:
            for a in dict.fromkeys(e.get("actors") or []):
                self._events_of.setdefault(a, []).append(e)
            if isinstance(e.get("part_of"), str):
                self._children.setdefault(e["part_of"], []).append(e)
        self._quotes_of: dict[str | None, list[dict[str, Any]]] = {}
        for q in self.quotes:
            self._quotes_of.setdefault(q.get("speaker"), []).append(q)
        self.quote_by_id = {q["id"]: q for q in self.quotes}
        self.members: dict[str, list[dict[str, Any]]] = {}
        for m in self.actors.values():
            if isinstance(m.get("country"), str):
                self.members.setdefault(m["country"], []).append(m)
        self._outcomes: dict[str, list[dict[str, Any]]] = {}
        self._context_for: dict[str, list[dict[str, Any]]] = {}
        for c in self.context:  # already in story order
            for key, index in (("outcome_of", self._outcomes), ("context_for", self._context_for)):
                for eid in dict.fromkeys(c.get(key) or []):
                    index.setdefault(eid, []).append(c)

    @staticmethod
    def _event_key(e: dict[str, Any]) -> tuple[int, tuple[Any, ...]]:
        t = temporal(e.get("date"))
        return (0, t.sort_key()) if t else (1, ())

    # where things live -----------------------------------------------------------
    actor_doc = staticmethod(addresses.actor_doc)
    article_doc = staticmethod(addresses.article_doc)

    def actor_link(self, here: str, actor_id: str) -> Link:
        a = self.actors.get(actor_id)
        if not a:
            return Link(actor_id)
        return Link(a.get("name") or actor_id, url(here, self.actor_doc(actor_id)))

    def event_link(self, here: str, event_id: str) -> Link:
        e = self.event_by_id.get(event_id)
        if not e:
            return Link(event_id)
        return Link(e.get("title") or event_id, url(here, self.event_doc(event_id), event_id))

    def event_doc(self, event_id: str) -> str:
        return self.layout.chronology.where.get(event_id, addresses.CHRONOLOGY)

    def event_page(self, event_id: str) -> str:
        """The URL of an event's page from the site root ("chronologie/", "chronologie/2024/")."""
        return url("index.md", self.event_doc(event_id))

    def context_link(self, here: str, context_id: str) -> Link:
        c = self.context_by_id.get(context_id)
        if not c:
            return Link(context_id)
        return Link(c.get("title") or context_id, url(here, addresses.CONTEXT, context_id))

    def record_link(self, here: str, record_id: str) -> Link:
        """A link to an event of the corpus or to a context record, whichever has the id."""
        if record_id in self.event_by_id:
            return self.event_link(here, record_id)
        return self.context_link(here, record_id)

    def outlets(self, c: dict[str, Any]) -> str:
        """The outlets of a context record's sources, each once, in order."""
        names = [str(s.get("outlet")) for s in c.get("sources") or [] if s.get("outlet")]
        return ", ".join(dict.fromkeys(names))

    def context_item(self, here: str, c: dict[str, Any]) -> dict[str, Any]:
        """A context record as a line beside an event: its link, date and outlets."""
        return {"link": self.context_link(here, c["id"]), "when": when(c.get("date")), "outlets": self.outlets(c)}

    def as_of(self, here: str, e: dict[str, Any]) -> dict[str, Any] | None:
        """The article whose publication day a planned, proposed or alleged status holds for."""
        if e.get("status") not in DATED_STATUSES:
            return None
        found = story.as_of(e, self.articles)
        if found is None:
            return None
        art_id, published = found
        return {
            "since": since(published),
            "link": Link("l'article", url(here, self.article_doc(art_id)), self.article_title(art_id)),
        }

    def place(self, place_id: str | None) -> Place | None:
        p = self.places.get(place_id) if place_id else None
        if not p:
            return None
        within = self.places.get(p["within"]) if p.get("within") else None
        return Place(str(p.get("name") or place_id), str(within.get("name") or "") if within else None)

    def article_title(self, article_id: str) -> str:
        art = self.articles.get(article_id)
        return art.title if art else article_id

    def source_link(self, here: str, article_id: str, anchor: str, label: str | None = None) -> Link:
        if article_id not in self.articles:
            return Link(label or article_id)
        return Link(label or self.article_title(article_id), url(here, self.article_doc(article_id), anchor))

    def source_refs(self, here: str, e: dict[str, Any]) -> list[Link]:
        """Short numbered links from an event to its highlighted words in each source article."""
        out = []
        for i, src in enumerate(e.get("sources") or []):
            art = src.get("article")
            if art in self.articles:
                anchor = addresses.event_source_anchor(e["id"], i)
                out.append(Link(str(i + 1), url(here, self.article_doc(art), anchor), self.article_title(art)))
        return out

    # the records drawn from each article, with their anchor on the article page --
    def excerpts(self) -> dict[str, list[tuple[str, str, str, str]]]:
        """article id -> [(anchor, excerpt, record kind, record id)]."""
        return addresses.excerpts(self.ds, self.events)

    @functools.cached_property
    def facts_drawn(self) -> dict[str, int]:
        """article id -> how many records rest on its words (the articles' index), computed once."""
        return {art: len({(k, rid) for _, _, k, rid in words}) for art, words in self.excerpts().items()}

    def quotes_of(self, speaker: str | None) -> list[dict[str, Any]]:
        return list(self._quotes_of.get(speaker, []))

    def events_of(self, actor_id: str) -> list[dict[str, Any]]:
        return list(self._events_of.get(actor_id, []))

    def children(self, event_id: str) -> list[dict[str, Any]]:
        """The events directly part of this one, in the chronology's order."""
        return list(self._children.get(event_id, []))

    def parts(self, record: dict[str, Any]) -> list[dict[str, Any]]:
        """As story.parts: the events directly part of this one, in time order."""
        return sorted(self._children.get(record.get("id") or "", []), key=story.sort_key)

    def outcomes(self, event_id: str) -> list[dict[str, Any]]:
        """As story.outcomes: the context records that say what became of an event."""
        return list(self._outcomes.get(event_id, []))

    def context_for(self, event_id: str) -> list[dict[str, Any]]:
        """As story.context_for: the context records that throw light on an event."""
        return list(self._context_for.get(event_id, []))

    def chart(self, chart_id: str, here: str) -> dict[str, Any] | None:
        spec = self.charts.get(chart_id)
        return None if spec is None else charts.block_data(chart_id, spec, root_rel(here) or "./")

    def charts_here(self, here: str, chart_ids: tuple[str, ...] | list[str]) -> list[dict[str, Any]]:
        return [c for c in (self.chart(i, here) for i in chart_ids) if c is not None]


# --- records as the templates show them -----------------------------------------------------


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«A-ZÀ-ÖØ-Þ0-9])")


def lead(summary: Any) -> tuple[str, str]:
    """A summary cut after its first sentence: (lead, the rest). The card shows the lead, the rest
    goes with the sources under the card's fold."""
    text = str(summary or "").strip()
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return (parts[0], parts[1] if len(parts) > 1 else "")


def sources_by_article(site: Site, here: str, e: dict[str, Any]) -> list[dict[str, Any]]:
    """An event's sources, each article once (its title linking to the first passage), with the
    passages it gives in the order of the record."""
    out: dict[str, dict[str, Any]] = {}
    for i, s in enumerate(e.get("sources") or []):
        art = s.get("article")
        entry = out.setdefault(
            str(art), {"source": site.source_link(here, art, addresses.event_source_anchor(e["id"], i)), "passages": []}
        )
        entry["passages"].append({"excerpt": s.get("excerpt"), "note": s.get("note")})
    return list(out.values())


def event_card(site: Site, here: str, e: dict[str, Any]) -> dict[str, Any]:
    first, rest = lead(e.get("summary"))
    return {
        "id": e["id"],
        "lead": first,
        "rest": rest,
        "articles": sources_by_article(site, here, e),
        "badge": badge(e.get("status"), e.get("kind")),
        "kind": wording.kind_label(e.get("kind")),
        "when": when(e.get("date"), e.get("date_approximate")),
        "summary": e.get("summary"),
        "actors": [site.actor_link(here, a) for a in e.get("actors") or []],
        "place": site.place(e.get("place")),
        "duration": e.get("duration"),
        "part_of": site.event_link(here, e["part_of"]) if e.get("part_of") in site.event_by_id else None,
        "children": [site.event_link(here, c["id"]) for c in site.children(e["id"])],
        "date_note": e.get("date_note"),
        "date_source": site.context_link(here, e["date_source"])
        if e.get("date_source") in site.context_by_id
        else None,
        "as_of": site.as_of(here, e),
        "outcomes": [site.context_item(here, c) for c in site.outcomes(e["id"])],
        "context": [site.context_item(here, c) for c in site.context_for(e["id"])],
        "slips": [
            {
                "source": site.source_link(here, d.get("article"), addresses.slip_anchor(e["id"], i)),
                "excerpt": d.get("excerpt"),
                "note": d.get("note"),
            }
            for i, d in enumerate(e.get("slips") or [])
        ],
        "disputes": [
            {
                "field": wording.DISPUTED_FIELDS.get(d.get("field") or "", d.get("field")),
                "source": site.source_link(here, d.get("article"), addresses.dispute_anchor(e["id"], i)),
                "claim": d.get("claim"),
                "excerpt": d.get("excerpt"),
                "note": d.get("note"),
            }
            for i, d in enumerate(e.get("disputes") or [])
        ],
        "note": e.get("note"),
        "sources": [
            {
                "source": site.source_link(here, s.get("article"), addresses.event_source_anchor(e["id"], i)),
                "excerpt": s.get("excerpt"),
                "note": s.get("note"),
            }
            for i, s in enumerate(e.get("sources") or [])
        ],
    }


def _web(u: Any) -> str | None:
    return u if isinstance(u, str) and re.match(r"^https?://", u) else None


def context_card(site: Site, here: str, c: dict[str, Any]) -> dict[str, Any]:
    """A fact from outside the corpus with its public sources, as the context page shows it."""
    return {
        "id": c["id"],
        "kind": wording.kind_label(c.get("kind")),
        "badge": badge(c.get("status"), c.get("kind")) if c.get("status") == "alleged" else None,
        "when": when(c.get("date")),
        "summary": c.get("summary"),
        "actors": [site.actor_link(here, a) for a in c.get("actors") or []],
        "place": site.place(c.get("place")),
        "part_of": site.record_link(here, c["part_of"]) if c.get("part_of") else None,
        "parts": [site.context_link(here, x["id"]) for x in site.context if x.get("part_of") == c["id"]],
        "outcome_of": [site.event_link(here, e) for e in c.get("outcome_of") or []],
        "context_for": [site.event_link(here, e) for e in c.get("context_for") or []],
        "date_note": c.get("date_note"),
        "note": c.get("note"),
        "sources": [
            {
                "outlet": src.get("outlet"),
                "published": when(src.get("published")),
                "url": _web(src.get("url")),
                "language": LANGUAGE_FR.get(src.get("language") or "", ("", f"« {src.get('language')} »"))[1],
                "lang": src.get("language"),
                "excerpt": src.get("excerpt"),
                "translation": src.get("translation"),
                "note": src.get("note"),
            }
            for src in c.get("sources") or []
        ],
    }


def quote_card(site: Site, here: str, q: dict[str, Any]) -> dict[str, Any]:
    return {
        "anchor": addresses.quote_anchor(q["id"]),
        "text": q.get("text"),
        "speaker": site.actor_link(here, q["speaker"]) if q.get("speaker") else None,
        "when": when(q.get("date")),
        "kind": wording.QUOTE_KINDS.get(q.get("kind") or "", q.get("kind")),
        "reported_by": site.actor_link(here, q["reported_by"]) if q.get("reported_by") else None,
        "event": site.event_link(here, q["event"]) if q.get("event") in site.event_by_id else None,
        "source": site.source_link(
            here, q.get("article", ""), addresses.quote_source_anchor(q["id"]), "Lire dans l'article"
        ),
        "article_title": site.article_title(q.get("article", "")),
        "excerpt": q.get("excerpt"),
        "note": q.get("note"),
    }


# --- pages --------------------------------------------------------------------------


def chronologie(site: Site) -> str:
    here = addresses.CHRONOLOGY
    paged = site.layout.chronology
    charts_here = site.charts_here(here, ["timeline"])
    if paged.cut:
        return render(
            "chronologie.md",
            here=here,
            charts=charts_here,
            groups=[],
            menu=years_menu(here, paged, "fait", "faits"),
            total=len(site.events),
            years_section=addresses.YEARS_SECTION,
        )
    groups: list[dict[str, Any]] = []
    for e in site.events:
        gid = addresses.year_anchor(e)
        if not groups or groups[-1]["anchor"] != gid:
            groups.append({"anchor": gid, "year": addresses.event_year(e), "events": []})
        groups[-1]["events"].append(
            {"id": e["id"], "title": e.get("title") or e["id"], "card": event_card(site, here, e)}
        )
    return render("chronologie.md", here=here, charts=charts_here, groups=groups, menu=None)


# --- lists cut into pages by year (build_scripts/dataset/addresses.py, shelve) ------------------


def shelf_words(shelf: addresses.Shelf) -> str:
    """What a page of a list cut by year holds, in words: "2024", "2024, de janvier à mars",
    "de 2016 à 2019", "date non précisée"."""
    if shelf.year is None:
        return "date non précisée" if shelf.parts == 1 else f"date non précisée ({shelf.part}/{shelf.parts})"
    if shelf.until is not None:
        return f"de {shelf.year} à {shelf.until}"
    if shelf.parts == 1:
        return str(shelf.year)
    return f"{shelf.year}, {months_words(shelf)}"


def months_words(shelf: addresses.Shelf) -> str:
    """The months of a crowded year's page: "de janvier à mars", "mars", "partie 2 sur 5"."""
    if shelf.first is None or shelf.last is None:
        return f"partie {shelf.part} sur {shelf.parts}"
    a = shelf.first if shelf.first.year == shelf.year else dt.date(int(shelf.year or 0), 1, 1)
    b = shelf.last if shelf.last.year == shelf.year else dt.date(int(shelf.year or 0), 12, 31)
    if (a.month, b.month) == (1, 12) or b < a:
        return f"partie {shelf.part} sur {shelf.parts}"
    if a.month == b.month:
        return MONTHS_FR[a.month - 1]
    return f"de {MONTHS_FR[a.month - 1]} à {MONTHS_FR[b.month - 1]}"


def short_months(shelf: addresses.Shelf) -> str:
    """A crowded year's page in the menu: "janv.–mars", or its number."""
    words = months_words(shelf)
    if words.startswith("partie"):
        return str(shelf.part)
    return words.removeprefix("de ").replace(" à ", "–")


def years_menu(here: str, paged: addresses.Paged, one: str, many: str) -> list[dict[str, Any]]:
    """The years of a cut list, each with its count and the link to its page (or its pages)."""
    out = []
    for year, shelves in paged.years():
        n = sum(len(s.ids) for s in shelves)
        until = shelves[0].until
        label = "Date non précisée" if year is None else f"{year}{wording.ENDASH}{until}" if until else str(year)
        out.append(
            {
                "label": label,
                "count": wording.count(n, one, many),
                "link": Link(label, url(here, shelves[0].doc)),
                "parts": [Link(short_months(s), url(here, s.doc)) for s in shelves] if len(shelves) > 1 else [],
            }
        )
    return out


def pager(
    here: str, paged: addresses.Paged, shelf: addresses.Shelf, up_words: str, up_anchor: str = addresses.YEARS_SECTION
) -> dict[str, Any]:
    """Links from a page of a cut list to the one before, the one after and the list's own page."""
    i = paged.shelves.index(shelf)
    before = paged.shelves[i - 1] if i > 0 else None
    after = paged.shelves[i + 1] if i + 1 < len(paged.shelves) else None
    return {
        "previous": Link(shelf_words(before), url(here, before.doc)) if before else None,
        "next": Link(shelf_words(after), url(here, after.doc)) if after else None,
        "up": Link(up_words, url(here, paged.home, up_anchor)),
    }


def month_groups(records: list[dict[str, Any]], date_of: Any) -> list[dict[str, Any]]:
    """Consecutive records by month (the anchor of addresses.month_anchor), for a year's page."""
    groups: list[dict[str, Any]] = []
    for r in records:
        t = temporal(date_of(r))
        anchor = addresses.month_anchor(t)
        if not groups or groups[-1]["anchor"] != anchor:
            if t is None:
                label = "Date non précisée"
            elif t.precision == "year":
                label = f"{t.start.year}, sans mois précis"
            else:
                label = f"{MONTHS_FR[t.last.month - 1]} {t.last.year}".capitalize()
            groups.append({"anchor": anchor, "label": label, "records": []})
        groups[-1]["records"].append(r)
    return groups


def chronologie_page(site: Site, shelf: addresses.Shelf) -> str:
    """One page of the chronology cut by year: the events of a year (or of some months of it)."""
    here = shelf.doc
    events = [site.event_by_id[i] for i in shelf.ids]
    groups = [
        {
            "anchor": g["anchor"],
            "label": g["label"],
            "events": [
                {"id": e["id"], "title": e.get("title") or e["id"], "card": event_card(site, here, e)}
                for e in g["records"]
            ],
        }
        for g in month_groups(events, lambda e: e.get("date"))
    ]
    words = shelf_words(shelf)
    return titled(
        f"Chronologie : {words}",
        render(
            "chronologie_page.md",
            here=here,
            words=words,
            count=len(events),
            groups=groups,
            nav=pager(here, site.layout.chronology, shelf, "Toutes les années"),
        ),
    )


def encounter_row(site: Site, here: str, e: dict[str, Any]) -> dict[str, Any]:
    """An encounter of the corpus with its parts (talks, tours, banquet), as a row of the meetings page."""

    def part(p: dict[str, Any]) -> dict[str, Any]:
        return {
            "when": when(p.get("date"), p.get("date_approximate")),
            "link": site.event_link(here, p["id"]),
            "badge": badge(p.get("status"), p.get("kind")),
            "outcomes": [site.context_item(here, c) for c in site.outcomes(p["id"])],
            "parts": [part(q) for q in site.parts(p) if q.get("kind") in MEETING_KINDS],
        }

    return {
        "when": when(e.get("date"), e.get("date_approximate")),
        "link": site.event_link(here, e["id"]),
        "kind": wording.kind_label(e.get("kind")),
        "refs": site.source_refs(here, e),
        "duration": e.get("duration"),
        "badge": badge(e.get("status"), e.get("kind")),
        "as_of": site.as_of(here, e),
        "actors": [site.actor_link(here, a) for a in e.get("actors") or []],
        "place": site.place(e.get("place")),
        "parts": [part(p) for p in site.parts(e) if p.get("kind") in MEETING_KINDS],
        "outcomes": [site.context_item(here, c) for c in site.outcomes(e["id"])],
    }


def context_encounters(site: Site) -> list[dict[str, Any]]:
    """The encounters known from outside the corpus: context meetings, summits and visits that are
    not part of another encounter (Kim's stop at Komsomolsk is part of his 2023 visit)."""
    by_id = {**site.event_by_id, **site.context_by_id}
    return [c for c in story.encounters(site.context, by_id) if c["id"] in site.context_by_id]


def span_words(span: tuple[Temporal, Temporal] | None) -> dict[str, str] | None:
    if span is None:
        return None
    return {"first": month_words(span[0].start), "last": month_words(span[1].end or span[1].start)}


def rencontres(site: Site) -> str:
    """The encounters, in four sections (addresses.MEETING_SECTIONS). When there are too many for
    one page (addresses.shelve), this page keeps the counts, the latest held encounters, the latest
    announced ones and the menu of the years; each year has its page (rencontres_page)."""
    here = addresses.MEETINGS
    paged = site.layout.meetings
    t = story.tally(site.events)
    announced = t.announced + t.other
    common = {
        "here": here,
        "held_span": span_words(t.held_span),
        "context": [
            dict(site.context_item(here, c), kind=wording.kind_label(c.get("kind")), place=site.place(c.get("place")))
            for c in context_encounters(site)
        ],
        "period_start": story.PERIOD_START_YEAR,
        "held_total": len(t.held),
        "announced_total": len(announced),
        "reminders_total": len(t.reminders),
    }
    if not paged.cut:
        return render(
            "rencontres.md",
            held=[encounter_row(site, here, e) for e in t.held],
            announced=[encounter_row(site, here, e) for e in announced],
            reminders=[encounter_row(site, here, e) for e in t.reminders],
            menu=None,
            **common,
        )
    held = addresses.latest(paged, addresses.dated_ids(addresses.chronological(t.held)))
    return render(
        "rencontres.md",
        held=[encounter_row(site, here, site.event_by_id[i]) for i in held],
        announced=[encounter_row(site, here, e) for e in latest_announced(site.articles, announced)],
        reminders=[],
        menu=years_menu(here, paged, "rencontre", "rencontres"),
        total=sum(len(s.ids) for s in paged.shelves),
        latest=addresses.LATEST,
        years_section=addresses.YEARS_SECTION,
        **common,
    )


def latest_announced(articles: dict[str, Any], announced: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The announced encounters the meetings page shows when it is cut: the LATEST that the most
    recent articles report (an announced visit often has no date yet), in the list's order."""
    if len(announced) <= addresses.LATEST:
        return announced

    def reported(i_e: tuple[int, dict[str, Any]]) -> tuple[tuple[Any, ...], int]:
        found = story.as_of(i_e[1], articles)
        return (addresses.publication_key(found[1]) if found else (), i_e[0])

    ordered = addresses.chronological(announced)
    shown = {i for i, _e in sorted(enumerate(ordered), key=reported)[-addresses.LATEST :]}
    return [e for i, e in enumerate(ordered) if i in shown]


def rencontres_page(site: Site, shelf: addresses.Shelf) -> str:
    """One page of the encounters cut by year: the year's encounters under the sections of the
    meetings page (held, announced, recalled), each section with its anchor."""
    here = shelf.doc
    sections = addresses.meeting_sections(site.ds)
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in addresses.MEETING_SECTIONS}
    for i in shelf.ids:
        rows[sections[i]].append(encounter_row(site, here, site.event_by_id[i]))
    words = shelf_words(shelf)
    return titled(
        f"Rencontres\u00a0: {words}",
        render(
            "rencontres_page.md",
            here=here,
            words=words,
            count=len(shelf.ids),
            held=rows["tenues"],
            announced=rows["annoncees"],
            reminders=rows["rappels"],
            period_start=story.PERIOD_START_YEAR,
            nav=pager(here, site.layout.meetings, shelf, "Toutes les années"),
        ),
    )


def lieux(site: Site) -> str:
    """The places of the facts: the map drawn at build time, and the list of places with their facts."""
    here = addresses.PLACES

    listed = placemap.place_list(site.ds, functools.partial(place_fact, site, here))
    paged = addresses.place_pages(site.ds)
    for p in listed:
        p["count"] = len(p["facts"])
        mine = paged.get(p["id"])
        p["menu"] = None
        if mine is not None and mine.cut:  # the latest of its dated facts here, the rest by year
            p["menu"] = years_menu(here, mine, "fait", "faits")
            shown = set(addresses.latest(mine, [f["id"] for f in p["facts"] if f["dated"]]))
            p["facts"] = [f for f in p["facts"] if f["id"] in shown]
    return render("lieux.md", here=here, map=placemap.build(site.ds), places=listed, latest=addresses.LATEST)


def place_fact(site: Site, here: str, record: dict, is_context: bool) -> dict[str, Any]:
    """A fact at a place, as the Lieux page and a place's pages by year list it."""
    link = site.context_link(here, record["id"]) if is_context else site.event_link(here, record["id"])
    return {
        "id": record["id"],
        "link": link,
        "date": wording.date(record.get("date"), record.get("date_approximate")),
        "dated": addresses.when(record.get("date")) is not None,
        "context": is_context,
    }


def lieu_page(site: Site, place_id: str, shelf: addresses.Shelf) -> str:
    """One page of a place's facts cut by year."""
    here = shelf.doc
    name = str(site.places[place_id].get("name") or place_id)
    facts = [
        place_fact(site, here, site.context_by_id.get(i) or site.event_by_id[i], i in site.context_by_id)
        for i in shelf.ids
    ]
    words = shelf_words(shelf)
    return titled(
        f"{name}\u00a0: {words}",
        render(
            "lieu_page.md",
            here=here,
            name=name,
            words=words,
            facts=facts,
            nav=pager(
                here,
                addresses.place_pages(site.ds)[place_id],
                shelf,
                f"{name} sur la page Lieux",
                addresses.place_anchor(place_id),
            ),
        ),
    )


def contexte(site: Site) -> str:
    here = addresses.CONTEXT
    groups: list[dict[str, Any]] = []
    for c in site.context:
        gid = addresses.year_anchor(c)
        if not groups or groups[-1]["anchor"] != gid:
            groups.append({"anchor": gid, "year": addresses.event_year(c), "records": []})
        groups[-1]["records"].append(
            {"id": c["id"], "title": c.get("title") or c["id"], "card": context_card(site, here, c)}
        )
    checked = story.checked(site.ds)
    return render("contexte.md", here=here, groups=groups, checked=wording.date(checked) if checked else None)


def acteurs_index(site: Site) -> str:
    here = addresses.ACTORS
    groups = []
    for kind in wording.ACTOR_KINDS:
        members = sorted(
            (a for a in site.actors.values() if a.get("kind") == kind), key=lambda a: sort_name(a.get("name"))
        )
        if members:
            groups.append(
                {
                    "kind": kind,
                    "label": wording.actor_kind(kind, 2),
                    "actors": [
                        {
                            "link": site.actor_link(here, a["id"]),
                            "role": a.get("role"),
                            "events": len(site.events_of(a["id"])),
                            "quotes": len(site.quotes_of(a["id"])),
                        }
                        for a in members
                    ],
                }
            )
    return render("acteurs.md", here=here, groups=groups, charts=site.charts_here(here, ACTORS_CHARTS))


def actor_event_line(site: Site, here: str, e: dict[str, Any], refs: bool = True) -> dict[str, Any]:
    """A fact in an actor's list: its date, status and title linked to its card in the chronology;
    with ``refs``, numbered links to its words in each source (the actor's own page). The pages of
    an actor's facts by year leave them to the card: there they would be most of the page's weight."""
    return {
        "when": when(e.get("date"), e.get("date_approximate")),
        "badge": badge(e.get("status"), e.get("kind")),
        "link": site.event_link(here, e["id"]),
        "refs": site.source_refs(here, e) if refs else [],
    }


def actor_quote_line(site: Site, here: str, q: dict[str, Any]) -> dict[str, Any]:
    """A quotation in the pages of an actor's quotations by year: its date and its words, verbatim,
    with a link to its card on the Citations page (context, reporter, event, article)."""
    return {
        "anchor": addresses.quote_anchor(q["id"]),
        "text": q.get("text"),
        "when": when(addresses.quote_date(q, site.articles)),
        "card": Link(
            "contexte et source", url(here, addresses.quote_doc(site.ds, q["id"]), addresses.quote_anchor(q["id"]))
        ),
    }


def actor_article_line(site: Site, here: str, art_id: str, anchor: str) -> dict[str, Any]:
    return {"link": site.source_link(here, art_id, anchor), "published": wording.date(site.articles[art_id].published)}


# What each list of an actor's page holds: (the layout's list, the nouns, the words of its pages).
ACTOR_LISTS = {
    "faits": ("events", ("fait", "faits"), "ses faits"),
    "citations": ("quotes", ("citation", "citations"), "ses citations"),
    "articles": ("articles", ("article", "articles"), "les articles qui le nomment"),
}


# The section of the actor's page that shows each list (addresses.ACTOR_SECTIONS).
ACTOR_SECTION = dict(zip(ACTOR_LISTS, addresses.ACTOR_SECTIONS, strict=True))


def actor_list(site: Site, here: str, aid: str, what: str) -> dict[str, Any]:
    """One list of an actor's page: the records shown there (all, or the latest when the list is
    cut), and the menu of its years when it is cut."""
    lay = site.layout.actors[aid]
    attr, (one, many), _words = ACTOR_LISTS[what]
    paged: addresses.Paged = getattr(lay, attr)
    ids = [i for s in paged.shelves for i in s.ids]
    if what == "faits":
        dated = addresses.dated_ids([site.event_by_id[i] for i in ids])
    elif what == "citations":
        dated = addresses.dated_ids(
            [site.quote_by_id[i] for i in ids], lambda q: addresses.quote_date(q, site.articles)
        )
    else:
        dated = [i for i in ids if temporal(site.articles[i].published) is not None]
    shown = addresses.latest(paged, dated)
    return {
        "ids": shown,
        "total": len(ids),
        "menu": years_menu(here, paged, one, many) if paged.cut else None,
    }


def acteur(site: Site, a: dict[str, Any]) -> str:
    here = site.actor_doc(a["id"])
    lay = site.layout.actors[a["id"]]
    actor = {
        "name": a.get("name") or a["id"],
        "nature": wording.actor_kind(a.get("kind")),
        "role": a.get("role"),
        "country": site.actor_link(here, a["country"]) if a.get("country") in site.actors else None,
        "aliases": a.get("aliases") or [],
        "descriptions": a.get("descriptions") or [],
        "members": [site.actor_link(here, m["id"]) for m in site.members.get(a["id"], [])],
        "note": a.get("note"),
    }
    events, quotes, articles = (actor_list(site, here, a["id"], what) for what in ACTOR_LISTS)
    events["shown"] = [actor_event_line(site, here, site.event_by_id[i]) for i in events["ids"]]
    quotes["shown"] = [quote_card(site, here, site.quote_by_id[i]) for i in quotes["ids"]]
    articles["shown"] = [actor_article_line(site, here, i, lay.mentions[i]) for i in articles["ids"]]
    return render(
        "acteur.md",
        here=here,
        actor=actor,
        charts=site.charts_here(here, [f"actor-{a['id']}", f"actor-{a['id']}--mentions", f"actor-{a['id']}--with"]),
        events=events,
        quotes=quotes,
        articles=articles,
    )


def actor_page(site: Site, aid: str, what: str, shelf: addresses.Shelf) -> str:
    """One page of an actor's list cut by year: its facts, its quotations or the articles that name it."""
    here = shelf.doc
    lay = site.layout.actors[aid]
    attr, (one, many), words_of_list = ACTOR_LISTS[what]
    name = site.actors[aid].get("name") or aid
    if what == "faits":
        items = [actor_event_line(site, here, site.event_by_id[i], refs=False) for i in shelf.ids]
    elif what == "citations":
        items = [actor_quote_line(site, here, site.quote_by_id[i]) for i in shelf.ids]
    else:
        items = [actor_article_line(site, here, i, lay.mentions[i]) for i in shelf.ids]
    words = shelf_words(shelf)
    return titled(
        f"{name} : {words_of_list}, {words}",
        render(
            "acteur_page.md",
            here=here,
            name=name,
            what=what,
            words=f"{words_of_list}, {words}",
            count=wording.count(len(items), one, many),
            items=items,
            actor=site.actor_link(here, aid),
            nav=pager(here, getattr(lay, attr), shelf, f"La fiche de {name}", ACTOR_SECTION[what]),
        ),
        searchable=False,  # the same facts and quotations are found on the chronology's and Citations' pages
    )


def quote_groups(site: Site, here: str, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotations by speaker, the most quoted first, the unattributed ones last."""
    groups: dict[str | None, list[dict[str, Any]]] = {}
    for q in quotes:
        sp = q.get("speaker") if q.get("speaker") in site.actors else None
        groups.setdefault(sp, []).append(q)
    order = sorted(
        groups, key=lambda s: (s is None, -len(groups[s]), str(site.actors.get(s or "", {}).get("name", "")))
    )
    return [
        {
            "id": sp,
            "name": site.actors[sp].get("name") or sp if sp else None,
            "link": site.actor_link(here, sp) if sp else None,
            "quotes": [quote_card(site, here, q) for q in groups[sp]],
        }
        for sp in order
    ]


# The most quoted speakers listed on the Citations page when it is cut by year.
TOP_SPEAKERS = 20


def citations(site: Site) -> str:
    here = addresses.QUOTES
    paged = site.layout.quotes
    common = {"here": here, "total": len(site.quotes), "no_speaker_id": addresses.NO_SPEAKER_ID}
    if not paged.cut:
        return render("citations.md", groups=quote_groups(site, here, site.quotes), menu=None, **common)
    counts = {sp: len(qs) for sp, qs in site._quotes_of.items() if sp in site.actors}
    top = sorted(counts, key=lambda sp: (-counts[sp], sort_name(site.actors[sp].get("name"))))[:TOP_SPEAKERS]
    speakers = [
        {
            "link": Link(
                site.actors[sp].get("name") or sp,
                url(here, site.actor_doc(sp), addresses.ACTOR_SECTIONS[1]),
            ),
            "count": wording.count(counts[sp], "citation", "citations"),
        }
        for sp in top
    ]
    return render(
        "citations.md",
        groups=[],
        menu=years_menu(here, paged, "citation", "citations"),
        speakers=speakers,
        years_section=addresses.YEARS_SECTION,
        speakers_section=addresses.SPEAKERS_SECTION,
        **common,
    )


def citations_page(site: Site, shelf: addresses.Shelf) -> str:
    """One page of the quotations cut by year."""
    here = shelf.doc
    quotes = [site.quote_by_id[i] for i in shelf.ids]
    words = shelf_words(shelf)
    return titled(
        f"Citations : {words}",
        render(
            "citations_page.md",
            here=here,
            words=words,
            count=len(quotes),
            groups=quote_groups(site, here, quotes),
            no_speaker_id=addresses.NO_SPEAKER_ID,
            nav=pager(here, site.layout.quotes, shelf, "Toutes les années"),
        ),
    )


def _by_publication(site: Site) -> list[Any]:
    def key(art: Any) -> tuple[Any, ...]:
        t = temporal(art.published)
        return (t.sort_key() if t else (), art.id)

    return sorted(site.articles.values(), key=key)


def source_row(site: Site, here: str, art: Any) -> dict[str, Any]:
    """An article as a row of the articles' index: its date, title, outlet and how many records it sources."""
    return {
        "when": when(art.published),
        "link": Link(art.title, url(here, site.article_doc(art.id))),
        "outlet": art.meta.get("outlet"),
        "via": art.meta.get("via"),
        "facts": site.facts_drawn.get(art.id, 0),
    }


def sources_index(site: Site) -> str:
    """The articles' index: every article by publication date; when there are too many for one
    page (addresses.shelve), the menu of the years of publication, each year on its page (sources_page)."""
    here = addresses.SOURCES
    paged = site.layout.sources
    site.facts_drawn  # noqa: B018 (counted once, here, before generate() forks the pages of years)
    if paged.cut:
        return render(
            "sources.md",
            here=here,
            rows=[],
            menu=years_menu(here, paged, "article", "articles"),
            total=len(site.articles),
            years_section=addresses.YEARS_SECTION,
        )
    return render(
        "sources.md", here=here, rows=[source_row(site, here, art) for art in _by_publication(site)], menu=None
    )


def sources_page(site: Site, shelf: addresses.Shelf) -> str:
    """One page of the articles' index cut by year of publication."""
    here = shelf.doc
    words = shelf_words(shelf)
    return titled(
        f"Sources\u00a0: {words}",
        render(
            "sources_page.md",
            here=here,
            words=words,
            count=len(shelf.ids),
            rows=[source_row(site, here, site.articles[i]) for i in shelf.ids],
            nav=pager(here, site.layout.sources, shelf, "Toutes les années"),
        ),
    )


@dataclass
class _Span:
    start: int
    end: int
    anchor: str


def _line_passages(body: str, passages: list[str]) -> list[tuple[int, int]]:
    """Offsets of passages: a whole line equal to the passage if there is one, else the first occurrence."""
    out = []
    for p in passages or []:
        if not isinstance(p, str) or not p:
            continue
        m = re.search(r"(?m)^[ \t]*" + re.escape(p.strip()) + r"[ \t]*$", body)
        if m:
            out.append((m.start(), m.end()))
        else:
            at = body.find(p)
            if at >= 0:
                out.append((at, at + len(p)))
    return out


def pieces(body: str, a: int, b: int, spans: list[_Span], emitted: set[str]) -> list[Piece]:
    """The text of body[a:b] as runs, each with the excerpts over it (overlaps cut into runs)."""
    inside = [s for s in spans if s.start < b and s.end > a]
    cuts = sorted({a, b} | {max(a, min(b, x)) for s in inside for x in (s.start, s.end)})
    out = []
    for x, y in zip(cuts, cuts[1:]):
        starting = []
        for s in inside:
            if s.start <= x and s.anchor not in emitted:
                emitted.add(s.anchor)
                starting.append(s.anchor)
        active = [s for s in inside if s.start <= x and s.end >= y]
        out.append(Piece(body[x:y], tuple(starting), min(len(active), 3), " ".join(s.anchor for s in active)))
    return out


def render_range(body: str, a: int, b: int, spans: list[_Span], emitted: set[str]) -> str:
    """HTML of body[a:b], excerpts wrapped in <mark> (the template's ``pieces`` macro)."""
    return str(macro("partials/article.html", "pieces")(pieces(body, a, b, spans, emitted)))


def article_text(art: Any, spans: list[_Span]) -> dict[str, Any]:
    """The article's paragraphs and photo captions (hidden passages removed), as runs of text."""
    body = art.body
    hidden = _line_passages(body, art.meta.get("boilerplate") or [])
    captions = _line_passages(body, art.meta.get("captions") or [])
    emitted: set[str] = set()
    paragraphs = []
    pos = 0
    for line in body.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        # pieces of the line: (start, end, is_caption), hidden passages removed
        cuts = sorted({a, b} | {max(a, min(b, x)) for s, e in captions + hidden for x in (s, e)})
        for x, y in zip(cuts, cuts[1:]):
            if any(s <= x and e >= y for s, e in hidden):
                continue
            if not body[x:y].strip():
                continue
            caption = any(s <= x and e >= y for s, e in captions)
            paragraphs.append(Paragraph(pieces(body, x, y, spans, emitted), caption))
    # Anchors of excerpts that fall in hidden text still need a target.
    return {"paragraphs": paragraphs, "missing": [s.anchor for s in spans if s.anchor not in emitted]}


def article_meta(art: Any) -> dict[str, Any]:
    """Where an article comes from, as its page shows it first."""
    m = art.meta
    lang = m.get("original_language")
    return {
        "published": when(art.published),
        "published_note": m.get("published_note"),
        "outlet": m.get("outlet"),
        "via": m.get("via"),
        "outlet_note": m.get("outlet_note"),
        "translated_from": LANGUAGE_FR.get(lang, (f"de la langue « {lang} »", ""))[0] if lang else None,
        "byline": m.get("byline"),
        "url": _web(m.get("url")),
        "original_url": _web(m.get("original_url")),
    }


def source_page(site: Site, art: Any, records: list[tuple[str, str, str, str]]) -> str:
    here = site.article_doc(art.id)
    spans = []
    for anchor, excerpt, _kind, _rid in records:
        at = art.body.find(excerpt) if excerpt else -1
        if at >= 0:
            spans.append(_Span(at, at + len(excerpt), anchor))
        else:
            spans.append(_Span(0, 0, anchor))  # keeps the link target; check reports the excerpt
    article = dict(article_meta(art), title=art.title, text=article_text(art, spans))
    # the records drawn from the article, each with links to its highlighted words
    grouped: dict[tuple[str, str], list[str]] = {}
    for anchor, _excerpt, kind, rid in records:
        grouped.setdefault((kind, rid), []).append(anchor)
    drawn: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("events", "slips", "disputes", "quotes", "actors", "places")
    }
    for (kind, rid), anchors in grouped.items():
        item: dict[str, Any] = {"anchors": anchors}
        if kind in ("events", "disputes", "slips"):
            e = site.event_by_id[rid]
            item.update(link=site.event_link(here, rid), date=wording.date(e.get("date"), e.get("date_approximate")))
        elif kind == "quotes":
            q = site.quote_by_id[rid]
            speaker = site.actor_link(here, q["speaker"]) if q.get("speaker") in site.actors else None
            item.update(text=q.get("text"), speaker=speaker)
        elif kind == "actors":
            item.update(link=site.actor_link(here, rid))
        else:
            item.update(name=site.places[rid].get("name"))
        drawn[kind].append(item)
    return render("source.md", here=here, article=article, drawn=drawn)


def key_figures(site: Site, here: str = "index.md") -> str:
    """The home page's figures, each saying what it counts and linking to the list behind it.

    Encounters are counted as encounters (build_scripts.dataset.story): a visit with its talks
    and tours is one. Facts from outside the corpus never count here."""
    t = story.tally(site.events)
    counts = {
        "held": len(t.held),
        "held_span": span_words(t.held_span),
        "announced": len(t.announced),
        "events": len(site.events),
        "quotes": len(site.quotes),
        "actors": len(site.actors),
        "articles": len(site.articles),
        "outlets": sum(1 for a in site.articles.values() if a.meta.get("outlet")),
        "context": len(site.context),
    }
    return render("blocks/chiffres.md", here=here, counts=counts, period_start=story.PERIOD_START_YEAR)


def _published_span(site: Site) -> tuple[str, str] | None:
    """The months (or years) the corpus articles were published in, first and last, in words."""
    spans = [t for t in (wording.parse(a.meta.get("published")) for a in site.articles.values()) if t]
    if not spans:
        return None
    first = min(spans, key=lambda t: (t.start.year, t.start.month or 0, t.start.day or 0)).start
    last = max(spans, key=lambda t: t.sort_key()).start

    def words(d: Point) -> str:
        return f"{MONTHS_FR[d.month - 1]} {d.year}" if d.month else str(d.year)

    return words(first), words(last)


def up_to_date(site: Site) -> str:
    """The byline of the home page: what the data is (the corpus articles, the facts from outside
    it and the latest of them) and the day the context records were last checked ("À jour au …")."""
    checked = story.checked(site.ds)
    latest = story.latest_context(site.ds)
    return render(
        "blocks/a_jour.md",
        here="index.md",
        checked=wording.date(checked) if checked else None,
        latest=site.context_item("index.md", latest) if latest else None,
        articles=len(site.articles),
        published=_published_span(site),
        context=len(site.context),
    )


def schema_parts() -> dict[str, Any]:
    """The guide to the data's fields, read from the JSON Schemas (the single place of their meaning)."""
    parts = []
    for name in addresses.SCHEMA_GUIDE:
        sch = schemas.raw(name)
        item = schemas.item_schema(name)
        req = set(item.get("required", []))
        fields = [
            {"key": key, "required": key in req, "description": schemas.resolve(node).get("description", "")}
            for key, node in item.get("properties", {}).items()
        ]
        # the schema's description may name its file first ("data/events.yaml : ..."): said once here
        about = re.sub(r"^\S+\.(?:yaml|md)\s*:\s*", "", sch.get("description", ""))
        parts.append({"name": name, "title": SCHEMA_TITLES[name], "about": about, "fields": fields})
    defs = [{"name": k, "description": v.get("description", "")} for k, v in schemas.raw("defs")["$defs"].items()]
    return {"schemas": parts, "defs": defs}


def schema_guide(site: Site) -> str:
    return render("blocks/schema.md", **schema_parts())


def donnees(site: Site) -> str:
    return render(
        "donnees.md",
        here=addresses.DATA,
        files=export.plan(site.source or site.ds),
        archive=export.ARCHIVE,
        # the sizes of the files the build writes: the editors' text, not the typeset copy (whose
        # YAML export would also be written out again record by record, a minute at 1,000 articles)
        sizes={name: wording.size(n) for name, n in export.sizes(site.source or site.ds).items()},
        list_sep=export.LIST_SEP,
        source_sep=export.SOURCE_SEP,
        licence=export.LICENCE,
        **schema_parts(),
    )


def problems_block(problems: list[Problem]) -> str:
    """The problems of the data, for the editor previewing with mkdocs serve."""
    return render(
        "blocks/problems.md",
        errors=sum(1 for p in problems if p.severity == "error"),
        problems=[str(p) for p in sorted(problems, key=Problem.sort_key)],
    )


def fill(text: str, here: str, site: Site) -> str:
    """Replace the markers of a hand-written page by generated blocks."""

    def repl(m: re.Match[str]) -> str:
        name, arg = m.group(1), m.group(2)
        if name == "chiffres":
            return key_figures(site, here)
        if name == "a-jour":
            return up_to_date(site)
        if name == "chart" and arg:
            chart = site.chart(arg, here)
            return "" if chart is None else render("blocks/chart.md", c=chart)
        if name == "schema":
            return schema_guide(site)
        raise ValueError(f"{here}: unknown marker <!-- rpdc:{name} -->")

    # The newsroom's prose typeset like the generated pages' (U+00A0 before ":", U+202F before
    # "; ! ?" and inside « »): the editor types ordinary spaces.
    return MARKER.sub(repl, wording.typography(text))


def _actor_home(site: Site, a: dict[str, Any]) -> str:
    return titled(a.get("name") or a["id"], acteur(site, a))


def _source_home(site: Site, art: Any, records: list[tuple[str, str, str, str]]) -> str:
    return titled(art.title, source_page(site, art, records))


def generate(
    ds: dataset.Dataset,
    docs_dir: Path | None = None,
    *,
    with_charts: bool = True,
    jobs: int | None = None,
    memo: typeset.Memo | None = None,
) -> tuple[dict[str, str], dict[str, charts.ChartSpec]]:
    """(doc path -> Markdown, chart id -> spec). The newsroom's prose is typeset first (typeset.py).
    ``jobs``: processes for the pages of records (default: workers.jobs_for, the cores on a large site).
    ``memo``: the preview's typeset copies, reused and then kept for its next rebuild (typeset.Memo)."""
    source = ds
    # The downloads are made on another core meanwhile; the Données page, which gives their sizes,
    # is written last (at 1,000 articles they take 3 s, longer than what comes before the pages).
    downloads = export.in_background(source)
    try:
        ds = typeset.typeset(source, memo)
        site = Site(ds, charts.figures(ds) if with_charts else {}, source)
        tasks = page_tasks(site)
        # The sections' first pages, the lists cut by year, the actors' and the articles' pages:
        # many at a thousand articles, spread over the machine's cores (workers.py).
        docs = [doc for doc in tasks if doc != addresses.DATA]
        made = workers.run([tasks[doc] for doc in docs], workers.jobs_for(len(docs)) if jobs is None else jobs)
        texts = dict(zip(docs, made, strict=True))
        export.keep(source, downloads.result())
    finally:
        downloads.cancel()
    texts[addresses.DATA] = tasks[addresses.DATA]()
    out = {doc: texts[doc] for doc in tasks}
    out.update(handwritten_pages(site, docs_dir))
    return {doc: finished(text) for doc, text in out.items()}, site.charts


# The first page of each section, by doc path: the function that writes it.
SECTION_PAGES: dict[str, Callable[[Site], str]] = {
    addresses.CHRONOLOGY: chronologie,
    addresses.MEETINGS: rencontres,
    addresses.ACTORS: acteurs_index,
    addresses.QUOTES: citations,
    addresses.SOURCES: sources_index,
    addresses.DATA: donnees,
    addresses.CONTEXT: contexte,
    addresses.PLACES: lieux,
}


def page_tasks(site: Site) -> dict[str, Callable[[], str]]:
    """Every data page of the site, by doc path, in the order the build writes them: the function
    that writes its Markdown (not run yet; ``finished`` still to apply). The sections' first pages;
    the lists cut by year (addresses.shelve): one page per year, or per part of a crowded year; an
    actor's pages, a place's years, an article's page."""
    tasks: dict[str, Callable[[], str]] = {doc: functools.partial(make, site) for doc, make in SECTION_PAGES.items()}
    lay = site.layout
    for shelf in lay.chronology.shelves:
        if shelf.doc != lay.chronology.home:
            tasks[shelf.doc] = functools.partial(chronologie_page, site, shelf)
    for shelf in lay.quotes.shelves:
        if shelf.doc != lay.quotes.home:
            tasks[shelf.doc] = functools.partial(citations_page, site, shelf)
    for shelf in lay.meetings.shelves:
        if shelf.doc != lay.meetings.home:
            tasks[shelf.doc] = functools.partial(rencontres_page, site, shelf)
    for shelf in lay.sources.shelves:
        if shelf.doc != lay.sources.home:
            tasks[shelf.doc] = functools.partial(sources_page, site, shelf)
    for a in sorted(site.actors.values(), key=lambda a: a["id"]):
        tasks[site.actor_doc(a["id"])] = functools.partial(_actor_home, site, a)
        mine = lay.actors[a["id"]]
        for what, (attr, _nouns, _words) in ACTOR_LISTS.items():
            paged: addresses.Paged = getattr(mine, attr)
            for shelf in paged.shelves:
                if shelf.doc != paged.home:
                    tasks[shelf.doc] = functools.partial(actor_page, site, a["id"], what, shelf)
    for pid, paged in sorted(addresses.place_pages(site.ds).items()):
        for shelf in paged.shelves:
            if shelf.doc != paged.home:
                tasks[shelf.doc] = functools.partial(lieu_page, site, pid, shelf)
    excerpts = site.excerpts()
    for art in site.articles.values():
        tasks[site.article_doc(art.id)] = functools.partial(_source_home, site, art, excerpts.get(art.id, []))
    return tasks


def handwritten_pages(site: Site, docs_dir: Path | None) -> dict[str, str]:
    """The hand-written pages that the data changes: their markers filled (``fill``), their links to
    records sent to the records' pages (``relink``)."""
    out: dict[str, str] = {}
    if docs_dir is None:
        return out
    for p in sorted(Path(docs_dir).rglob("*.md")):
        doc = p.relative_to(docs_dir).as_posix()
        text = p.read_text(encoding="utf-8")
        page = fill(text, doc, site) if doc in HANDWRITTEN else text
        page = relink(page, doc, site.ds)
        if doc in HANDWRITTEN or page != text:
            out[doc] = page
    return out


def finished(text: str) -> str:
    """A page's Markdown as the build hands it over (``heading_spaces``, ``with_chart_meta``)."""
    return with_chart_meta(heading_spaces(text))


def relink(text: str, here: str, ds: dataset.Dataset) -> str:
    """A hand-written page's links to records of a list cut by year, sent to the record's page:
    ``chronologie.md#sommet-vostochny`` becomes ``chronologie/2023.md#sommet-vostochny`` once the
    chronology is cut (addresses.resolve); other links are left as written."""

    def repl(m: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), m["target"]))
        where = addresses.resolve(ds, target, m["anchor"])
        if where is None or where == (target, m["anchor"]):
            return m.group(0)
        doc, anchor = where
        new = posixpath.relpath(doc, posixpath.dirname(here) or ".") + (f"#{anchor}" if anchor else "")
        old = m["target"] + (f"#{m['anchor']}" if m["anchor"] else "")
        return m.group(0).replace(f"({old})", f"({new})")

    return doclinks.LINK.sub(repl, text)


_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s")


def heading_spaces(text: str) -> str:
    """Headings with their French non-breaking spaces as character references (``&#160;``,
    ``&#8239;``). Python-Markdown's table of contents collapses every Unicode space of a heading
    into an ordinary one (toc.strip_tags: ``" ".join(text.split())``), so the contents would read
    "Le Kremlin : aucun…" with a space where the line may break; a reference goes through it
    untouched, and the browser shows the same character in the heading and in the contents.
    Code blocks are left as they are."""
    out, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line):
            line = line.replace(wording.NBSP, "&#160;").replace(wording.NNBSP, "&#8239;")
        out.append(line)
    return "\n".join(out)


def with_chart_meta(text: str) -> str:
    """The page with ``rpdc_chart: graphique-<id>`` in its front matter when it shows a chart: the
    id of its first chart, which the theme's skip link "Aller au graphique" targets
    (overrides/main.html). Written into the page itself, so that any engine building the
    generated tree gives the theme what it needs, with no hook."""
    m = FIRST_CHART.search(text)
    if m is None:
        return text
    line = f"rpdc_chart: {m.group(1)}\n"
    if text.startswith("---\n---\n"):  # an empty front matter
        return f"---\n{line}{text[4:]}"
    if text.startswith("---\n"):
        head, sep, body = text[4:].partition("\n---\n")
        if sep and not re.search(r"^rpdc_chart:", head, re.M):  # an editor's own value stays
            return f"---\n{head}\n{line}---\n{body}"
        return text
    return f"---\n{line}---\n{text}"


def titled(title: str, text: str, *, searchable: bool = True) -> str:
    """A page that no navigation lists (one actor, one article: reached through their index, so that
    no page carries a list of every source), with its title in front matter for MkDocs and the theme.

    The title is HTML-escaped: the theme writes page titles into <title> and the search index
    without escaping them. ``searchable=False``: left out of the search index (Material's
    ``search.exclude``), for pages that repeat records the search finds on their own pages."""
    search = "" if searchable else "search:\n  exclude: true\n"
    value = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(h(title), ensure_ascii=False))
    return f"---\ntitle: {value}\n{search}---\n{text}"


# Characters a YAML reader refuses in a document (PyYAML, which MkDocs reads front matter with,
# stops at a noncharacter such as U+FFFE: the whole front matter then showed on the page as text)
# or reads as a line break inside a quoted value (U+0085, U+2028, U+2029): written as JSON escapes.
_YAML_UNSAFE = re.compile("[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def pages(ds: dataset.Dataset, docs_dir: Path | None = None) -> dict[str, str]:
    return generate(ds, docs_dir)[0]
