"""Where each record is published: the generated page (a doc path) and its anchor there.

One place for the site's addresses. The pages (build_scripts.site.pages) write their
anchors from these functions; ``check`` reads them to report a hand-written link to
an address the data no longer gives, without rendering any page.

In: a Dataset. Out: doc paths ("chronologie.md", "acteurs/<id>.md"...) and anchors.

Lists that grow with the corpus stay bounded (issue #15): a list of more than PAGE_LIMIT
records (the chronology, the quotations, the encounters, the articles, an actor's facts,
quotations and articles) is cut into pages by year, a crowded year into several pages
(``shelve``): its own page then shows a menu of the years, and each record lives on the
page of its year (``Layout``). A list that fits stays whole on its page, as on a small site.
Hand-written pages link to a record by its list and id (``chronologie.md#sommet-vostochny``)
whatever the page it lives on: ``resolve`` gives the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from build_scripts.dataset import story
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
# The menu of the years on the own page of a list that is cut (see shelve), and the speakers'
# section of the quotations' page then.
YEARS_SECTION = "annees"
SPEAKERS_SECTION = "locuteurs"


def actor_doc(actor_id: str) -> str:
    return f"acteurs/{actor_id}.md"


def article_doc(article_id: str) -> str:
    return f"sources/{article_id}.md"


def event_doc(ds: Dataset, event_id: str) -> str:
    """The page of an event's card: the chronology, or the page of its year when the chronology is cut."""
    return layout(ds).chronology.where.get(event_id, CHRONOLOGY)


def quote_doc(ds: Dataset, quote_id: str) -> str:
    """The page of a quotation on the Citations list (its year's page when the list is cut)."""
    return layout(ds).quotes.where.get(quote_id, QUOTES)


def place_anchor(place_id: str) -> str:
    return f"lieu-{place_id}"


def places_with_facts(ds: Dataset) -> set[str]:
    """The places of data/places.yaml where a published event or record hors corpus happens."""
    places = ds.by_id("places")
    records = list(ds.published("events")) + (list(ds.published("context")) if "context" in ds.files else [])
    return {
        r["place"] for r in records if isinstance(r, dict) and isinstance(r.get("place"), str) and r["place"] in places
    }


def place_order(record: dict[str, Any]) -> tuple[str, str]:
    """The order of a place's facts on the Lieux page: by date as written, undated last."""
    return (str(record.get("date") or "9999"), str(record.get("id")))


def place_pages(ds: Dataset) -> dict[str, Paged]:
    """Each place with facts -> the list of its facts (events and records hors corpus, in
    ``place_order``): whole on the Lieux page up to ACTOR_FITS, else the LATEST there and the
    rest on pages by year, ``lieux/<place>/<year>.md`` (at 10,000 articles the Lieux page listed
    68,000 facts: 5.6 MB of HTML). Computed once per dataset."""
    return ds.cached(("addresses.place_pages",), ("events", "context", "places"), lambda: _place_pages(ds))


def _place_pages(ds: Dataset) -> dict[str, Paged]:
    places = ds.by_id("places")
    records = list(ds.published("events")) + (list(ds.published("context")) if "context" in ds.files else [])
    at: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        if isinstance(r, dict) and isinstance(r.get("place"), str) and r["place"] in places:
            at.setdefault(r["place"], []).append(r)
    return {
        pid: lines(PLACES, place_base(pid), [(r["id"], when(r.get("date"))) for r in sorted(rs, key=place_order)])
        for pid, rs in at.items()
    }


def place_base(place_id: str) -> str:
    """The folder of a place's facts when they are cut by year."""
    return f"lieux/{place_id}"


def quote_anchor(quote_id: str) -> str:
    return f"citation-{quote_id}"


def year_anchor(event: dict[str, Any]) -> str:
    """The anchor of the chronology's group an event sits in: its first year, or the undated group."""
    year = event_year(event)
    return UNDATED if year is None else f"annee-{year}"


def event_year(event: dict[str, Any]) -> int | None:
    try:
        t = Temporal.parse(str(event["date"])) if event.get("date") else None
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


# --- lists cut into pages -----------------------------------------------------------------------

# Records on one page of a list that grows. A card of the chronology is about 3.5 KB of HTML: a
# hundred keep a page near 400 KB (about 40 KB of gzip on real text) and its DOM small enough for
# a phone; the same bound serves the quotations, the encounters, the articles and an actor's lists.
PAGE_LIMIT = 100
# An actor's page whose lists are cut shows this many of the latest records of each, then its years.
LATEST = 10
# An actor's list longer than this is cut (its page then shows the LATEST): the actor's page holds
# its facts, its quotation cards and the articles that name it, with three charts.
ACTOR_FITS = 25
# Lines on one page of an actor's list cut by year: a line (date, title or words, a link to the
# record's card) is a tenth of a card, and the years that hold few of them share a page (pack),
# so that an actor of a few dozen facts over ten years does not get ten pages of three lines.
# Three hundred lines are about 1,500 elements, fewer than a page of the chronology.
LINES_LIMIT = 300
UNDATED_KEY = "sans-date"


def when(value: Any) -> Temporal | None:
    try:
        return Temporal.parse(value) if value else None
    except (TemporalError, TypeError):
        return None


def publication_key(value: Any) -> tuple[Any, ...]:
    """An article's place in publication order (an unreadable date first)."""
    t = when(value)
    return t.sort_key() if t is not None else ()


def chronological(records: list[dict[str, Any]], date_of: Any = None) -> list[dict[str, Any]]:
    """Records in the site's time order: dated ones by their last then first day (a coarse date
    after the precise ones it holds), undated ones last; ties keep the given order."""
    date_of = date_of or (lambda r: r.get("date"))

    def key(r: dict[str, Any]) -> tuple[int, tuple[Any, ...]]:
        t = when(date_of(r))
        return (0, t.sort_key()) if t else (1, ())

    return sorted(records, key=key)


@dataclass(frozen=True)
class Shelf:
    """One page of a list: its doc path, its key in the list ("" for a list that fits its own page;
    "2024"; "2024-2" for a crowded year's second page; "sans-date"), the year (None: undated), its
    part and the parts of its year, the ids of its records in order, and the first and last day of
    their dates (for its title: "de mars à juin")."""

    doc: str
    key: str
    year: int | None
    part: int
    parts: int
    ids: tuple[str, ...]
    first: dt.date | None = None
    last: dt.date | None = None
    # the last year of a page that holds several whole years (shelve's pack): "2016-2019"
    until: int | None = None


@dataclass
class Paged:
    """A list of records as pages: ``home`` is the list's own page (the whole list when it fits,
    else the menu of its ``shelves``); ``where``: record id -> the doc path of its page."""

    home: str
    shelves: list[Shelf]
    where: dict[str, str] = field(default_factory=dict)

    @property
    def cut(self) -> bool:
        return bool(self.shelves) and self.shelves[0].doc != self.home

    def years(self) -> list[tuple[int | None, list[Shelf]]]:
        """(year, its pages) in order; None is the undated records' pages."""
        out: list[tuple[int | None, list[Shelf]]] = []
        for s in self.shelves:
            if not out or out[-1][0] != s.year or (s.year is None) != (out[-1][0] is None):
                out.append((s.year, []))
            out[-1][1].append(s)
        return out

    def shelf_of(self, record_id: str) -> Shelf | None:
        doc = self.where.get(record_id)
        return next((s for s in self.shelves if s.doc == doc), None)

    def docs(self) -> list[str]:
        """The pages the list adds to its home page."""
        return [s.doc for s in self.shelves if s.doc != self.home]


def _month(t: Temporal | None) -> tuple[int, int] | None:
    if t is None or t.precision == "year":
        return None
    return (t.last.year, t.last.month)


def shelve(
    home: str,
    base: str,
    items: list[tuple[str, Temporal | None]],
    limit: int = PAGE_LIMIT,
    fits: int | None = None,
    pack: bool = False,
) -> Paged:
    """``items`` (id, date) in the list's order, as pages of at most ``limit``: all on ``home`` when
    they fit; else one page per year ``<base>/<year>.md`` (by the year the date starts in; undated
    last, ``<base>/sans-date.md``), a year of more than ``limit`` cut into pages ``<year>``,
    ``<year>-2``... preferably where the month changes. ``fits``: the most items kept whole on
    ``home`` (default ``limit``). ``pack``: consecutive years that fit on one page together share
    it, ``<base>/<first year>-<last year>.md``. Linear in the number of items."""
    ids = [i for i, _t in items]
    if len(items) <= (limit if fits is None else fits):
        dates = [t for _i, t in items if t is not None]
        shelf = Shelf(
            home,
            "",
            None,
            1,
            1,
            tuple(ids),
            min((t.first for t in dates), default=None),
            max((t.last for t in dates), default=None),
        )
        return Paged(home, [shelf], dict.fromkeys(ids, home))
    by_year: dict[int | None, list[tuple[str, Temporal | None]]] = {}
    for i, t in items:
        by_year.setdefault(t.start.year if t is not None else None, []).append((i, t))
    # (first year, last year, part, parts, records) of each page
    cut: list[tuple[int | None, int | None, int, int, list[tuple[str, Temporal | None]]]] = []
    for year in sorted(by_year, key=lambda y: (y is None, y or 0)):
        group = by_year[year]
        runs: list[list[tuple[str, Temporal | None]]] = []
        at = 0
        while at < len(group):
            end = min(at + limit, len(group))
            if end < len(group):  # cut where the month changes, if there is such a place in the second half
                for k in range(end, at + limit // 2, -1):
                    if _month(group[k - 1][1]) != _month(group[k][1]):
                        end = k
                        break
            runs.append(group[at:end])
            at = end
        if pack and year is not None and len(runs) == 1 and cut:
            first, _last, _part, parts, run = cut[-1]
            if first is not None and parts == 1 and len(run) + len(runs[0]) <= limit:
                cut[-1] = (first, year, 1, 1, run + runs[0])
                continue
        cut += [(year, year, n, len(runs), run) for n, run in enumerate(runs, start=1)]
    shelves: list[Shelf] = []
    for year, last_year, n, parts, run in cut:
        name = UNDATED_KEY if year is None else str(year) if last_year == year else f"{year}-{last_year}"
        key = name if n == 1 else f"{name}-{n}"
        dates = [t for _i, t in run if t is not None]
        shelves.append(
            Shelf(
                f"{base}/{key}.md",
                key,
                year,
                n,
                parts,
                tuple(i for i, _t in run),
                min((t.first for t in dates), default=None),
                max((t.last for t in dates), default=None),
                last_year if last_year != year else None,
            )
        )
    return Paged(home, shelves, {i: s.doc for s in shelves for i in s.ids})


def quote_date(q: dict[str, Any], articles: dict[str, Any]) -> Any:
    """A quotation's date for the lists: when the words were said, else the article's publication day."""
    if when(q.get("date")) is not None:
        return q.get("date")
    art = articles.get(str(q.get("article")))
    return art.published if art is not None else None


@dataclass
class ActorLayout:
    """The lists of one actor's page: its events, its quotations and the articles that name it."""

    events: Paged
    quotes: Paged
    articles: Paged
    # article id -> the anchor of the first of the actor's words in it (its page links there)
    mentions: dict[str, str] = field(default_factory=dict)

    @property
    def cut(self) -> bool:
        return self.events.cut or self.quotes.cut or self.articles.cut

    def docs(self) -> list[str]:
        return self.events.docs() + self.quotes.docs() + self.articles.docs()


@dataclass
class Layout:
    """Where every record of a list lives (see ``shelve``)."""

    chronology: Paged
    quotes: Paged
    meetings: Paged
    sources: Paged
    actors: dict[str, ActorLayout]
    events: list[dict[str, Any]]  # published events in the chronology's order
    quotes_ordered: list[dict[str, Any]]  # published quotations in time order

    def docs(self) -> list[str]:
        """Every page the cut lists add to the standard pages and the actors' and articles' pages."""
        out = self.chronology.docs() + self.quotes.docs() + self.meetings.docs() + self.sources.docs()
        for a in self.actors.values():
            out += a.docs()
        return out


def actor_base(actor_id: str, what: str) -> str:
    """The folder of an actor's cut list: what is "faits", "citations" or "articles"."""
    return f"acteurs/{actor_id}/{what}"


LAYOUT_KINDS = ("actors", "events", "quotes")  # the records a layout reads, with the articles


def layout(ds: Dataset) -> Layout:
    """The pages of every list of the site (computed once per dataset)."""
    return ds.cached(("addresses.layout",), LAYOUT_KINDS, lambda: _layout(ds))


def adopt_layout(old: Dataset, new: Dataset) -> bool:
    """``new`` takes ``old``'s layout with its own records in it, instead of computing it (a second
    at a thousand articles), for two datasets whose addresses are equal (check.AddressView: they
    differ only in fields no address reads, so every record stays where it was). The preview does
    it at each save (site/preview.py). Returns whether it did (not when a record is missing)."""
    was = layout(old)
    events, quotes = new.by_id("events"), new.by_id("quotes")
    if any(e["id"] not in events for e in was.events) or any(q["id"] not in quotes for q in was.quotes_ordered):
        return False
    carried = Layout(
        was.chronology,
        was.quotes,
        was.meetings,
        was.sources,
        was.actors,
        [events[e["id"]] for e in was.events],
        [quotes[q["id"]] for q in was.quotes_ordered],
    )
    return new.cached(("addresses.layout",), LAYOUT_KINDS, lambda: carried) is carried


def _layout(ds: Dataset) -> Layout:
    arts = ds.articles
    events = chronological(list(ds.by_id("events").values()))
    quotes = chronological(list(ds.by_id("quotes").values()), lambda q: quote_date(q, arts))
    dated = lambda recs, date_of: [(r["id"], when(date_of(r))) for r in recs]  # noqa: E731
    chronology = shelve(CHRONOLOGY, "chronologie", dated(events, lambda e: e.get("date")))
    quote_pages = shelve(QUOTES, "citations", dated(quotes, lambda q: quote_date(q, arts)))
    tally = story.tally(events)
    rows = chronological(tally.held + tally.announced + tally.other + tally.reminders)
    # The encounters and the articles' index: one row each, lighter than a card (an encounter's
    # row with its parts is about half of one), cut by year as the chronology is.
    meetings = shelve(MEETINGS, "rencontres", dated(rows, lambda e: e.get("date")))
    by_publication = sorted(arts.values(), key=lambda a: (publication_key(a.published), a.id))
    sources = shelve(SOURCES, "sources/annees", [(a.id, when(a.published)) for a in by_publication])
    events_of: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        for a in dict.fromkeys(e.get("actors") or []):
            events_of.setdefault(a, []).append(e)
    quotes_of: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        if isinstance(q.get("speaker"), str):
            quotes_of.setdefault(q["speaker"], []).append(q)
    actors = {}
    for aid, a in ds.by_id("actors").items():
        doc = actor_doc(aid)
        mine = events_of.get(aid, [])
        said = quotes_of.get(aid, [])
        mentions = actor_mentions(a, mine, said)
        named = sorted(
            (arts[x] for x in mentions if x in arts),
            key=lambda art: (publication_key(art.published), art.id),
        )
        actors[aid] = ActorLayout(
            lines(doc, actor_base(aid, "faits"), dated(mine, lambda e: e.get("date"))),
            lines(doc, actor_base(aid, "citations"), dated(said, lambda q: quote_date(q, arts))),
            lines(doc, actor_base(aid, "articles"), [(art.id, when(art.published)) for art in named]),
            mentions,
        )
    return Layout(chronology, quote_pages, meetings, sources, actors, events, quotes)


def lines(home: str, base: str, items: list[tuple[str, Temporal | None]]) -> Paged:
    """An actor's list: whole on its page up to ACTOR_FITS, else pages of up to LINES_LIMIT lines,
    the years with few of them together."""
    return shelve(home, base, items, limit=LINES_LIMIT, fits=ACTOR_FITS, pack=True)


def actor_mentions(actor: dict[str, Any], events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> dict[str, str]:
    """The articles that name an actor: its own sources, then the articles of its events and
    quotations; each with the anchor of the first passage its page links to."""
    out: dict[str, str] = {}
    for i, s in enumerate(actor.get("sources") or []):
        out.setdefault(s.get("article"), actor_source_anchor(actor["id"], i))
    for e in events:
        for i, s in enumerate(e.get("sources") or []):
            out.setdefault(s.get("article"), event_source_anchor(e["id"], i))
    for q in quotes:
        out.setdefault(q.get("article", ""), quote_source_anchor(q["id"]))
    return out


def month_anchor(t: Temporal | None) -> str:
    """The anchor of a month's heading on a page of the chronology cut by year."""
    if t is None:
        return UNDATED
    m = _month(t)
    return f"mois-{m[0]}-{m[1]:02d}" if m else f"annee-{t.start.year}"


def resolve(ds: Dataset, doc: str, anchor: str | None) -> tuple[str, str | None] | None:
    """Where a hand-written link to a list and a record leads: ``chronologie.md#<event id>`` goes to
    the event's page, whatever the page (the chronology may be cut by year); ``#annee-2024`` to that
    year's first page. (doc, anchor); None when the data gives no such address."""
    known = anchors(ds)
    lay = layout(ds)
    if doc == CHRONOLOGY and lay.chronology.cut and anchor:
        if anchor in lay.chronology.where:
            return lay.chronology.where[anchor], anchor
        for year, shelves in lay.chronology.years():
            if anchor == (UNDATED if year is None else f"annee-{year}"):
                return shelves[0].doc, None
    if doc == QUOTES and lay.quotes.cut and anchor and anchor.startswith("citation-"):
        qid = anchor.removeprefix("citation-")
        if qid in lay.quotes.where:
            return lay.quotes.where[qid], anchor
    if doc not in known:
        return None
    if anchor and anchor not in known[doc]:
        return None
    return doc, anchor


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
        out.setdefault(str(q.get("article")), []).append(
            (quote_source_anchor(q["id"]), q.get("excerpt") or "", "quotes", q["id"])
        )
    return out


def latest(paged: Paged, dated: list[str]) -> list[str]:
    """The ids a list's own page shows: all of them when the list fits; when it is cut, the
    LATEST last of ``dated`` (the ids of its dated records, in order)."""
    if not paged.cut:
        return [i for s in paged.shelves for i in s.ids]
    return dated[-LATEST:]


def dated_ids(records: list[dict[str, Any]], date_of: Any = None) -> list[str]:
    date_of = date_of or (lambda r: r.get("date"))
    return [r["id"] for r in records if when(date_of(r)) is not None]


def meeting_sections(ds: Dataset) -> dict[str, str]:
    """Encounter id -> its section of the meetings page (MEETING_SECTIONS: tenues, annoncees, rappels)."""

    def make() -> dict[str, str]:
        t = story.tally(layout(ds).events)
        out = {e["id"]: "tenues" for e in t.held}
        out.update({e["id"]: "annoncees" for e in t.announced + t.other})
        out.update({e["id"]: "rappels" for e in t.reminders})
        return out

    return ds.cached(("addresses.meeting_sections",), ("events",), make)


def anchors(ds: Dataset) -> dict[str, set[str]]:
    """Every generated page (doc path) with the anchors it defines, from the data alone (computed
    once per dataset: ``resolve`` asks for it for every hand-written link; not to be changed)."""
    return ds.cached(("addresses.anchors",), tuple(ds.files), lambda: _anchors(ds))


def _anchors(ds: Dataset) -> dict[str, set[str]]:
    lay = layout(ds)
    events = lay.events
    actors = ds.by_id("actors")
    quotes = lay.quotes_ordered
    quote_by_id = {q["id"]: q for q in quotes}
    out: dict[str, set[str]] = {doc: set() for doc in STANDARD}
    for doc in lay.docs():
        out[doc] = set()
    out[CHRONOLOGY] |= chart_anchors("timeline")
    if lay.chronology.cut:
        out[CHRONOLOGY] |= {YEARS_SECTION}
        event_by_id = {e["id"]: e for e in events}
        for shelf in lay.chronology.shelves:
            out[shelf.doc] |= set(shelf.ids) | {month_anchor(when(event_by_id[i].get("date"))) for i in shelf.ids}
    else:
        out[CHRONOLOGY] |= {e["id"] for e in events} | {year_anchor(e) for e in events}
    out[ACTORS] |= {str(a["kind"]) for a in actors.values() if a.get("kind") in ACTOR_KINDS}
    out[ACTORS] |= {CHARTS_SECTION} | {
        x for c in ("actors-mentions", "actors-network", "actors-presence") for x in chart_anchors(c)
    }
    context = list(ds.by_id("context").values())
    out[CONTEXT] |= {c["id"] for c in context} | {year_anchor(c) for c in context}
    out[MEETINGS] |= set(MEETING_SECTIONS)
    if lay.meetings.cut:
        out[MEETINGS] |= {YEARS_SECTION}
        sections = meeting_sections(ds)
        for shelf in lay.meetings.shelves:
            out[shelf.doc] |= {sections[i] for i in shelf.ids if i in sections}
    out[PLACES] |= set(PLACES_SECTIONS) | {place_anchor(p) for p in places_with_facts(ds)}
    for paged in place_pages(ds).values():
        for doc in paged.docs():
            out[doc] = set()

    def speaker_anchor(q: dict[str, Any]) -> str:
        return q["speaker"] if q.get("speaker") in actors else NO_SPEAKER_ID

    if lay.quotes.cut:
        out[QUOTES] |= {YEARS_SECTION, SPEAKERS_SECTION}
        for shelf in lay.quotes.shelves:
            out[shelf.doc] |= {quote_anchor(i) for i in shelf.ids} | {speaker_anchor(quote_by_id[i]) for i in shelf.ids}
    else:
        out[QUOTES] |= {quote_anchor(q["id"]) for q in quotes} | {speaker_anchor(q) for q in quotes}
    out[DATA] |= set(DATA_SECTIONS) | {f"schema-{n}" for n in SCHEMA_GUIDE} | {"schema-defs"}
    if lay.sources.cut:
        out[SOURCES] |= {YEARS_SECTION}
    for a in actors:
        charts = {x for suffix in ("", "--mentions", "--with") for x in chart_anchors(f"actor-{a}{suffix}")}
        mine = lay.actors[a]
        said = [quote_by_id[i] for s in mine.quotes.shelves for i in s.ids]
        shown = latest(mine.quotes, dated_ids(said, lambda q: quote_date(q, ds.articles)))
        out[actor_doc(a)] = set(ACTOR_SECTIONS) | charts | {quote_anchor(i) for i in shown}
        for shelf in mine.quotes.shelves:
            if shelf.doc != mine.quotes.home:
                out[shelf.doc] |= {quote_anchor(i) for i in shelf.ids}
    words = excerpts(ds)
    for art in ds.articles:
        out[article_doc(art)] = set(ARTICLE_SECTIONS) | {anchor for anchor, *_ in words.get(art, [])}
    return out
