"""The timeline: the dated facts on one time axis, the key moments named on the chart itself.

In: published events of data/events.yaml and, marked apart ("hors corpus"), the records of
data/context.yaml. Out: a ``ChartSpec`` whose Plotly figure and build-time drawing (svg.py) are
the same geometry:

- x: a position from 0 to SCALE, not a date. The stretch where most facts are (from the densest
  FOCUS_MONTHS months on) takes RECENT_SHARE of the width; the years before it are compressed,
  grouped in clusters of years with a break (``//``) between clusters far apart (1948 and 2000
  are not drawn 52 years apart). Ticks are the clusters' years and the recent stretch's months.
- y: pixels from the top of the plot. First the band of key-moment labels (a record's ``label``:
  a short French name, placed in rows so that no two overlap at the narrow drawing's width, a
  thin line down to its mark), then one lane per family of kinds, named on the chart: the lane
  is the legend of the colour.
- a fact dated to the day is a mark; to the month, the year or an interval, a segment over its
  span with the mark in its middle. A mark of the corpus is a circle, a fact from outside the
  corpus a square; filled when it took place (or is reported as a fact), open when planned or
  proposed, pale when reported without confirmation: one line of legend (``legend``) says so,
  naming only what the chart shows.
- facts the articles do not date are no marks: they are listed beside the chart (``aside``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from build_scripts.dataset import wording
from build_scripts.dataset.temporal import Temporal
from build_scripts.dataset.wording import NBSP, NNBSP, agree, count
from build_scripts.site.charts import style
from build_scripts.site.charts.spec import HOVER_WIDTH, ChartSpec, Table, text, unbreakable, wrap

# The densest stretch: the FOCUS_MONTHS-month window holding the most facts dated to the month or
# the day (also used by the actors' presence chart).
FOCUS_MONTHS = 9
SCALE = 1000.0
RECENT_SHARE = 0.72
BREAK_SHARE = 0.04
CLUSTER_GAP_YEARS = 20  # years further apart than this are drawn with a break between them
NARROW_PLOT_PX = 336  # plot width of the narrow drawing (svg.WIDTHS["narrow"] less the margins)
MARK_PX = {"full": 12, "compact": 10}
ROW_PX = {"full": 20, "compact": 15}
LANE_HEAD_PX = {"full": 16, "compact": 13}  # the lane's name above its rows
LABEL_ROW_PX = 15
LABEL_FONT = 11
AXIS_PX = 26  # tick labels above the plot
MAX_ROWS = {"full": 99, "compact": 2}  # a compact chart lets marks of a crowded lane overlap
TICK_GAP_PX = 56
CLICK_PAGE = "chronologie/"
# Above this many dated facts of the corpus, marks that would overlap are drawn as one per month and
# lane (a count), whose tap leads to that month on the chronology's page of its year (issue #15):
# the drawing and the table in the page stay bounded, the facts themselves are on the year pages.
AGGREGATE_ABOVE = {"full": 300, "compact": 120}
# Undated facts listed beside the chart; the others are counted, with a link to their page.
ASIDE_MAX = 12
CONTEXT_PAGE = "contexte/"
CONTEXT_WORDS = "hors corpus"


parse = wording.parse


def iso(d: dt.date) -> str:
    return d.isoformat()


def middle(t: Temporal) -> dt.date:
    return t.first + (t.last - t.first) / 2


def status_of(e: dict) -> str:
    s = e.get("status")
    return s if s in style.STATUSES else "held"


def names(e: dict, actors: dict) -> list[str]:
    return [str((actors.get(a) or {}).get("name") or a) for a in e.get("actors") or []]


def date_words(e: dict) -> str:
    return wording.date(e.get("date"), e.get("date_approximate"))


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def focus_window(times: list[Temporal]) -> tuple[dt.date, dt.date] | None:
    """First and last day of the FOCUS_MONTHS-month window holding the most events dated to the month
    or the day (ties: the earliest window). None when no event is that precise."""
    fine = sorted(t.first for t in times if t.precision != "year")
    best, best_n = None, 0
    for start in sorted({dt.date(d.year, d.month, 1) for d in fine}):
        end = add_months(start, FOCUS_MONTHS) - dt.timedelta(days=1)
        n = sum(1 for d in fine if start <= d <= end)
        if n > best_n:
            best, best_n = (start, end), n
    if best is None:
        return None
    inside = [d for d in fine if best[0] <= d <= best[1]]
    slack = (best[1] - inside[-1]).days - (inside[0] - best[0]).days
    shift = dt.timedelta(days=-(slack // 2))
    return best[0] + shift, best[1] + shift


def window_label(window: tuple[dt.date, dt.date]) -> str:
    a, b = window[0].year, window[1].year
    return str(a) if a == b else f"{a}–{b}"


def month_words(d: dt.date) -> str:
    return wording.month(d)


# --- the axis ----------------------------------------------------------------------------------


@dataclass
class Scale:
    """Dates to positions: contiguous pieces (first day, last day, first position, last position);
    ``breaks``: the positions of the gaps between pieces far apart in time."""

    pieces: list[tuple[dt.date, dt.date, float, float]]
    breaks: list[float] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)

    def pos(self, d: dt.date) -> float:
        for a, b, p, q in self.pieces:
            if d <= b:
                if d <= a:
                    return p
                return p + (q - p) * (d - a).days / max((b - a).days, 1)
        return self.pieces[-1][3]


def build_scale(times: list[Temporal]) -> Scale:
    """The axis of ``times``: the recent stretch wide, the years before it compressed."""
    first = min(t.first for t in times)
    last = max(t.last for t in times)
    window = focus_window(times)
    recent_start = add_months(dt.date(window[0].year, window[0].month, 1), -1) if window else first
    end = add_months(dt.date(last.year, last.month, 1), 2) - dt.timedelta(days=1)
    if recent_start <= first:
        recent_start = dt.date(first.year, first.month, 1)
    early_years = sorted(
        {y for t in times if t.first < recent_start for y in range(t.first.year, min(t.last, recent_start).year + 1)}
    )
    clusters: list[list[int]] = []
    for y in early_years:
        if clusters and y - clusters[-1][1] <= CLUSTER_GAP_YEARS:
            clusters[-1][1] = y
        else:
            clusters.append([y, y])
    spans: list[tuple[dt.date, dt.date]] = []  # (first day, last day) of each early cluster
    for y0, y1 in clusters:
        spans.append((dt.date(y0, 1, 1), min(dt.date(y1 + 1, 1, 1), recent_start)))
    joined = bool(spans) and (recent_start - spans[-1][1]).days <= 366 * 2
    if joined:  # the last cluster runs into the recent stretch (at its own scale): no break between them
        spans[-1] = (spans[-1][0], recent_start)
    n_breaks = max(len(spans) - (1 if joined else 0), 0)
    early_share = (1 - RECENT_SHARE) if spans else 0.0
    room = early_share - BREAK_SHARE * n_breaks
    weights = [math.sqrt(max((b - a).days / 365.25, 1)) for a, b in spans]
    pieces: list[tuple[dt.date, dt.date, float, float]] = []
    breaks: list[float] = []
    p = 0.0
    for i, ((a, b), w) in enumerate(zip(spans, weights)):
        q = p + room * w / sum(weights) * SCALE
        pieces.append((a, b, p, q))
        p = q
        if i < len(spans) - 1 or not joined:
            breaks.append(p + BREAK_SHARE * SCALE / 2)
            p += BREAK_SHARE * SCALE
    pieces.append((recent_start, end, p, SCALE))
    scale = Scale(pieces, breaks)
    scale.ticks = axis_ticks(scale, spans, recent_start, end)
    return scale


def px_of(position: float) -> float:
    """A position as pixels of the narrow drawing's plot: where collisions are judged."""
    return position / SCALE * NARROW_PLOT_PX


def axis_ticks(scale: Scale, spans, recent_start: dt.date, end: dt.date) -> list[tuple[float, str]]:
    """Each early cluster's first year (and last, when there is room), then the recent stretch's
    months or years, never two labels closer than TICK_GAP_PX at the narrow width."""
    wanted: list[tuple[float, str]] = []
    for a, b in spans:
        wanted.append((scale.pos(a), str(a.year)))
        last_year = (b - dt.timedelta(days=1)).year
        if last_year - a.year >= 8:
            wanted.append((scale.pos(dt.date(last_year, 1, 1)), str(last_year)))
    months = (end.year - recent_start.year) * 12 + end.month - recent_start.month + 1
    width = px_of(SCALE - scale.pieces[-1][2])
    for step in (1, 2, 3, 4, 6, 12, 24, 60, 120):
        if months / step * TICK_GAP_PX * (1.0 if step < 12 else 0.6) <= width:
            break
    d = add_months(recent_start, 1) if recent_start.day > 1 else recent_start
    d = dt.date(d.year, d.month, 1)
    if step >= 12:
        d = dt.date(d.year + (d.month > 1), 1, 1)
    else:
        while (d.month - 1) % step:
            d = add_months(d, 1)
    while d <= end:
        wanted.append((scale.pos(d), str(d.year) if step >= 12 else wording.month(d, short=True)))
        d = add_months(d, step)
    out: list[tuple[float, str]] = []
    for p, label in sorted(wanted):  # no two labels closer than their half widths and a gap
        if out and px_of(p - out[-1][0]) < (len(label) + len(out[-1][1])) * 11 * 0.27 + 6:
            continue
        out.append((p, label))
    return out


# --- the facts ---------------------------------------------------------------------------------


@dataclass
class Fact:
    record: dict
    when: Temporal
    context: bool  # from data/context.yaml ("hors corpus")
    family: str = ""
    x0: float = 0  # positions of its first and last day, and of its mark
    x1: float = 0
    x: float = 0
    y: float = 0
    members: list[Fact] = field(default_factory=list)  # an aggregated mark: the facts it counts

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def is_point(self) -> bool:
        return self.when.precision == "day" and not self.when.is_interval


def hover(f: Fact, actors: dict) -> str:
    if f.members:
        return aggregate_hover(f)
    e = f.record
    status = e.get("status")
    what = unbreakable(style.kind_style(e.get("kind"))[2])
    if status in wording.STATUSES:
        what += " " + unbreakable(f"({wording.status_label(status, e.get('kind'))})")
    parts = [wrap(e.get("title") or e["id"], bold=True), wrap(f"{date_words(e)} · {what}")]
    who = names(e, actors)
    if who:
        parts.append(wrap(f"Acteurs{NBSP}: " + ", ".join(unbreakable(w) for w in who)))
    n = len(e.get("sources") or [])
    sources = count(n, "source", "sources")
    if f.context:
        outlets = ", ".join(dict.fromkeys(str(s.get("outlet")) for s in e.get("sources") or [] if s.get("outlet")))
        parts.append(wrap(f"Hors corpus{NBSP}: {outlets or sources}"))
    else:
        line = f"{sources} · toucher pour le détail"
        parts.append(line if len(line) <= HOVER_WIDTH else f"{sources}<br>Toucher pour le détail")
    return "<br>".join(parts)


def month_key(t: Temporal) -> tuple[int, int | None]:
    """The month a fact is counted in when marks are aggregated (the last of its span, as the
    chronology's pages group it: addresses.month_anchor), or its year alone when dated to the year."""
    if t.precision == "year":
        return (t.start.year, None)
    return (t.last.year, t.last.month)


def month_anchor(key: tuple[int, int | None]) -> str:
    """The anchor of that month on the chronology's page of its year (addresses.month_anchor)."""
    year, month = key
    return f"mois-{year}-{month:02d}" if month else f"annee-{year}"


def aggregate(facts: list[Fact]) -> list[Fact]:
    """One mark per month and lane for the facts of the corpus (the facts hors corpus, few, stay
    one mark each): placed in the middle of the month, it counts its facts (``members``)."""
    groups: dict[tuple[str, tuple[int, int | None]], list[Fact]] = {}
    out = [f for f in facts if f.context]
    for f in facts:
        if not f.context:
            groups.setdefault((f.family, month_key(f.when)), []).append(f)
    for (family, key), members in sorted(groups.items(), key=lambda kv: (kv[0][1][0], kv[0][1][1] or 13, kv[0][0])):
        year, month = key
        when = Temporal.parse(f"{year}-{month:02d}" if month else str(year))
        statuses = {status_of(m.record) for m in members}
        record = {
            "id": month_anchor(key),
            "title": count(len(members), "fait", "faits"),
            "status": statuses.pop() if len(statuses) == 1 else "held",
            "kind": members[0].record.get("kind"),
        }
        out.append(Fact(record, when, False, family, members=members))
    return out


def aggregate_hover(f: Fact) -> str:
    label = {fid: lab for fid, lab, _s in style.FAMILIES}.get(f.family, "")
    period = wording.date(f.when.start.iso())
    titles = [str(m.record.get("title") or m.id) for m in f.members[:3]]
    more = len(f.members) - len(titles)
    lines = [wrap(f"{count(len(f.members), 'fait', 'faits')} · {period}", bold=True), wrap(label)]
    lines += [wrap("· " + t) for t in titles]
    if more:
        lines.append(f"… et {more} {agree(more, 'autre', 'autres')}")
    lines.append("Toucher pour la liste")
    return "<br>".join(lines)


def place_rows(facts: list[Fact], variant: str) -> dict[str, list[Fact]]:
    """Facts by family lane, each given a row (its y is set later): marks closer than a mark's width
    at the narrow drawing never share a row (a compact chart stops at MAX_ROWS and overlaps)."""
    lanes: dict[str, list[Fact]] = {}
    for fid, _label, _slot in style.FAMILIES:
        members = sorted((f for f in facts if f.family == fid), key=lambda f: (f.x0, f.x1, f.id))
        if not members:
            continue
        ends: list[float] = []
        for f in members:
            a, b = px_of(f.x0) - MARK_PX[variant] / 2, px_of(f.x1) + MARK_PX[variant] / 2
            for k, end in enumerate(ends):
                if a > end + 2:
                    ends[k] = b
                    break
            else:
                if len(ends) < MAX_ROWS[variant]:
                    k = len(ends)
                    ends.append(b)
                else:
                    k = min(range(len(ends)), key=lambda i: ends[i])
                    ends[k] = max(ends[k], b)
            f.y = k  # row within the lane, for now
        lanes[fid] = members
    return lanes


def label_rows(labelled: list[Fact]) -> list[tuple[Fact, float, str, int]]:
    """Key-moment labels: (fact, x where the text is anchored, anchor, row), rows from 0 at the top,
    so that no two labels overlap at the narrow drawing's width."""
    rows: list[list[tuple[float, float]]] = []
    out = []
    for f in sorted(labelled, key=lambda f: (f.x, f.id)):
        label = str(f.record.get("label"))
        w = len(label) * LABEL_FONT * 0.58 + 6
        at = px_of(f.x)
        if at + w - 3 <= NARROW_PLOT_PX:
            a, b, anchor, x = at - 3, at - 3 + w, "left", f.x - 3 * SCALE / NARROW_PLOT_PX
        else:
            a, b, anchor, x = at + 3 - w, at + 3, "right", f.x + 3 * SCALE / NARROW_PLOT_PX
        free = (k for k, used in enumerate(rows) if all(b + 4 < u or a > v + 4 for u, v in used))
        row = next(free, len(rows))
        if row == len(rows):
            rows.append([])
        rows[row].append((a, b))
        out.append((f, x, anchor, row))
    # The lowest row nearest the marks: row 0 is drawn at the bottom of the band.
    n = len(rows)
    return [(f, x, anchor, n - 1 - k) for f, x, anchor, k in out]


def date_order(e: dict) -> tuple:
    """Sort key of an event in the table: dated ones first, by date, then by id."""
    when = parse(e.get("date"))
    return (when is None, when.sort_key() if when else (), e["id"])


def build(
    ds_events: list[dict],
    actors: dict,
    *,
    variant: str = "full",
    subject: str | None = None,
    context: list[dict] | None = None,
    undated_where: str = "sous le graphique",
    pages: dict[str, str] | None = None,
) -> ChartSpec | None:
    """The timeline of ``ds_events`` (published records) and of the ``context`` records ("hors
    corpus"). ``variant``: "full" (Chronologie) or "compact" (home, actor pages). Undated events are
    no marks: they are listed beside the chart (``aside``), or ``undated_where`` says where.
    ``pages``: the page (from the site root) of each event id and month anchor when the chronology
    is cut by year (addresses.layout); a mark's tap leads there. Above AGGREGATE_ABOVE facts, the
    marks are counts per month and lane (``aggregate``), and so is the table."""
    pages = pages or {}
    events = [e for e in ds_events if isinstance(e, dict) and isinstance(e.get("id"), str)]
    context = [c for c in context or [] if isinstance(c, dict) and isinstance(c.get("id"), str)]
    if not events and not context:
        return None
    facts = [Fact(e, t, False) for e in events for t in [parse(e.get("date"))] if t is not None]
    facts += [Fact(c, t, True) for c in context for t in [parse(c.get("date"))] if t is not None]
    undated = sorted(
        (e for e in events if parse(e.get("date")) is None),
        key=lambda e: (
            list(style.KINDS).index(e["kind"]) if e.get("kind") in style.KINDS else 99,
            str(e.get("title") or e["id"]),
        ),
    )
    ordered = sorted(events, key=date_order)
    table = Table(
        caption=(
            (f"{subject}{NBSP}: faits" if subject else "Faits de la chronologie")
            + f"{NNBSP}; date telle que l'écrivent les sources, nature, statut, acteurs et sources"
        ),
        headers=["Date", "Fait", "Nature", "Statut", "Acteurs", "Sources"],
        rows=[
            [
                date_words(e),
                str(e.get("title") or e["id"]),
                style.kind_style(e.get("kind"))[2],
                wording.status_label(e.get("status"), e.get("kind")) or "—",
                ", ".join(names(e, actors)) or "—",
                str(len(e.get("sources") or [])),
            ]
            for e in ordered
        ]
        + [
            [
                date_words(f.record),
                str(f.record.get("title") or f.id),
                style.kind_style(f.record.get("kind"))[2],
                wording.status_label(f.record.get("status"), f.record.get("kind")) or "—",
                ", ".join(names(f.record, actors)) or "—",
                CONTEXT_WORDS,
            ]
            for f in sorted((f for f in facts if f.context), key=lambda f: (f.when.sort_key(), f.id))
        ],
    )
    aside = [
        {
            "ref": str(e["id"]),
            "title": str(e.get("title") or e["id"]),
            "what": wording.kind_with_status(e.get("kind"), e.get("status")),
            "page": pages.get(str(e["id"]), ""),
        }
        for e in undated
    ]
    summary = timeline_summary(facts, len(undated), subject, undated_where)
    if not facts:
        return ChartSpec(
            figure={"data": [], "layout": style.base_layout(120)},
            summary=summary,
            table=table,
            marks=0,
            height=0,
            title="",
            aside=aside,
        )
    scale = build_scale([f.when for f in facts])
    for f in facts:
        f.family = style.kind_style(f.record.get("kind"))[0]
    if sum(1 for f in facts if not f.context) > AGGREGATE_ABOVE[variant]:
        facts = aggregate(facts)
        table = aggregate_table(facts, subject)
    for f in facts:
        f.x0, f.x1 = scale.pos(f.when.first), scale.pos(f.when.last + dt.timedelta(days=1))
        f.x = scale.pos(middle(f.when))
        if f.members:  # a count: a mark in the month's middle, no span
            f.x0 = f.x1 = f.x
    labelled = [f for f in facts if isinstance(f.record.get("label"), str) and f.record["label"].strip()]
    labels = label_rows(labelled)
    band = (max((k for *_x, k in labels), default=-1) + 1) * LABEL_ROW_PX + (6 if labels else 0)
    lanes = place_rows(facts, variant)
    row_px, head_px = ROW_PX[variant], LANE_HEAD_PX[variant]
    y = float(band)
    lane_heads = []  # (family label, y of the lane's rule)
    for fid, members in lanes.items():
        lane_heads.append(({f: lab for f, lab, _s in style.FAMILIES}[fid], y))
        y += head_px
        n_rows = int(max(f.y for f in members)) + 1
        for f in members:
            f.y = y + f.y * row_px + row_px / 2
        y += n_rows * row_px + 4
    plot_h = y
    height = int(math.ceil(plot_h + AXIS_PX + 6))
    data: list[dict] = []
    # Spans: one trace per (family, dash), gaps between segments; no hover on lines.
    seg: dict[tuple[str, str], dict] = {}
    for f in facts:
        if f.is_point or f.members:
            continue
        dash = style.STATUSES[status_of(f.record)][3]
        tr = seg.setdefault(
            (f.family, dash),
            {
                "type": "scatter",
                "mode": "lines",
                "x": [],
                "y": [],
                "hoverinfo": "skip",
                "showlegend": False,
                "line": {"color": style.family_colour(f.family), "width": 3, "dash": dash},
                "connectgaps": False,
                "cliponaxis": False,
            },
        )
        tr["x"] += [round(f.x0, 2), round(max(f.x1, f.x0 + 0.5), 2), None]
        tr["y"] += [f.y, f.y, None]
    # Leader lines from each key label down to its mark.
    if labels:
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "hoverinfo": "skip",
                "showlegend": False,
                "x": [v for f, *_r in labels for v in (round(f.x, 2), round(f.x, 2), None)],
                "y": [
                    v
                    for f, _x, _a, k in labels
                    for v in ((k + 1) * LABEL_ROW_PX + 1, f.y - MARK_PX[variant] / 2 - 1, None)
                ],
                "line": {"color": style.INK["light"]["line"], "width": 1},
                "cliponaxis": False,
            }
        )
    data += [seg[k] for k in sorted(seg)]
    # Marks: one trace per family and source (corpus, hors corpus).
    for fid, _label, _slot in style.FAMILIES:
        for is_context in (False, True):
            pts = sorted((f for f in facts if f.family == fid and f.context == is_context), key=lambda f: (f.x, f.id))
            if not pts:
                continue
            base = "square" if is_context else "circle"
            biggest = max((len(f.members) for f in pts), default=0)
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "showlegend": False,
                    "name": {f: lab for f, lab, _s in style.FAMILIES}[fid]
                    + (f" ({CONTEXT_WORDS})" if is_context else ""),
                    "x": [round(f.x, 2) for f in pts],
                    "y": [f.y for f in pts],
                    "customdata": [f.id for f in pts],
                    # A fact hors corpus has its card on the page of the facts hors corpus.
                    "meta": {"page": CONTEXT_PAGE if is_context else CLICK_PAGE}
                    | (
                        {"pages": [pages.get(f.id, CLICK_PAGE) for f in pts]}
                        if not is_context and any(f.id in pages and pages[f.id] != CLICK_PAGE for f in pts)
                        else {}
                    ),
                    "hovertext": [hover(f, actors) for f in pts],
                    "hoverinfo": "text",
                    "marker": {
                        "symbol": [base + style.STATUSES[status_of(f.record)][1] for f in pts],
                        "opacity": [style.STATUSES[status_of(f.record)][2] for f in pts],
                        "size": [round(MARK_PX[variant] * (1 + (len(f.members) / biggest) ** 0.5), 1) for f in pts]
                        if biggest
                        else MARK_PX[variant],
                        "color": style.family_colour(fid),
                        "line": {"color": style.family_colour(fid), "width": 2},
                    },
                    "cliponaxis": False,
                }
            )
    layout = style.base_layout(height)
    pad = 6 * SCALE / NARROW_PLOT_PX  # room for the first and last marks: nothing cut at the edges
    layout.update(
        {
            "margin": {"l": 8, "r": 8, "t": AXIS_PX, "b": 6, "pad": 0},
            "showlegend": False,
            "xaxis": style.axis(
                type="linear",
                range=[-pad, SCALE + pad],
                side="top",
                showline=True,
                tickmode="array",
                tickvals=[round(p, 2) for p, _t in scale.ticks],
                ticktext=[text(t) for _p, t in scale.ticks],
                ticks="",
                tickfont={"size": 11},
                automargin=False,
            ),
            "yaxis": style.axis(range=[plot_h, 0], showticklabels=False, showgrid=False, ticks="", automargin=False),
            "meta": dict(layout["meta"], click=CLICK_PAGE),
        }
    )
    ink = style.INK["light"]
    annotations = [
        {
            "xref": "paper",
            "x": 0,
            "xanchor": "left",
            "yref": "y",
            "y": top + 1,
            "yanchor": "top",
            "text": text(label),
            "showarrow": False,
            "font": {"size": 11, "color": ink["font"]},
        }
        for label, top in lane_heads
    ]
    annotations += [
        {
            "xref": "x",
            "x": round(x, 2),
            "xanchor": anchor,
            "yref": "y",
            "y": (k + 1) * LABEL_ROW_PX - 2,
            "yanchor": "bottom",
            "text": f"<b>{text(f.record['label'])}</b>",
            "showarrow": False,
            "font": {"size": LABEL_FONT, "color": ink["font"]},
        }
        for f, x, anchor, k in labels
    ]
    annotations += [
        {
            "xref": "x",
            "x": round(b, 2),
            "xanchor": "center",
            "yref": "paper",
            "y": 1,
            "yanchor": "middle",
            "text": "//",
            "showarrow": False,
            "font": {"size": 11, "color": ink["line"]},
            "bgcolor": style.BACKGROUND["light"],
        }
        for b in scale.breaks
    ]
    layout["annotations"] = annotations
    layout["shapes"] = [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": top,
            "y1": top,
            "layer": "below",
            "line": {"color": ink["grid"], "width": 1},
        }
        for _label, top in lane_heads
    ]
    legend = legend_items(facts)
    shown, more = aside[:ASIDE_MAX], len(aside) - ASIDE_MAX
    spec = ChartSpec(
        figure={"data": data, "layout": layout},
        summary=summary,
        table=table,
        marks=len(facts),
        height=height,
        title="",
        legend=legend,
        aside=shown,
    )
    if more > 0:
        spec.aside_more = {"total": str(len(aside)), "page": pages.get(UNDATED_KEY, CLICK_PAGE)}
    return spec


UNDATED_KEY = "sans-date"  # in ``pages``: the page of the undated facts


def aggregate_table(facts: list[Fact], subject: str | None) -> Table:
    """The table of an aggregated timeline: facts per month and lane (the facts themselves are on
    the chronology's pages, and in the downloads)."""
    families = {fid: lab for fid, lab, _s in style.FAMILIES}
    rows = [
        [wording.date(f.when.start.iso()), families.get(f.family, f.family), str(len(f.members))]
        for f in facts
        if f.members
    ]
    rows += [[date_words(f.record), str(f.record.get("title") or f.id), CONTEXT_WORDS] for f in facts if f.context]
    return Table(
        caption=(f"{subject}{NBSP}: faits" if subject else "Faits de la chronologie")
        + f" par mois et par famille{NNBSP}; les faits eux-mêmes sont sur les pages de la chronologie",
        headers=["Mois", "Famille", "Faits"],
        rows=rows,
    )


def legend_items(facts: list[Fact]) -> list[dict]:
    """The one line of legend: the marks' shape (corpus / hors corpus) and fill (status), only
    those on the chart. Each item: a sample (symbol) and its words."""
    out: list[dict] = []
    if any(not f.context for f in facts):
        out.append({"symbol": "circle", "words": "fait tiré des articles du corpus"})
    if any(f.context for f in facts):
        out.append({"symbol": "square", "words": "fait hors corpus (autre source publique)"})
    present = {status_of(f.record) for f in facts}
    words = {
        "held": ("circle", f"plein{NBSP}: a eu lieu"),
        "planned": ("circle-open", f"creux{NBSP}: prévu"),
        "proposed": ("circle-open-dot", f"creux pointé{NBSP}: proposé"),
        "alleged": ("circle", f"pâle{NBSP}: rapporté sans confirmation"),
        "cancelled": ("circle-open", f"creux pâle{NBSP}: annulé"),
    }
    for s in style.STATUSES:
        if s in present and (s != "held" or len(present) > 1):
            symbol, w = words[s]
            out.append({"symbol": symbol, "words": w, "faded": style.STATUSES[s][2] < 1})
    return out


def timeline_summary(facts: list[Fact], undated: int, subject: str | None, where: str = "sous le graphique") -> str:
    """One sentence: what the chart shows and what it leaves beside it."""
    who = f"{subject}{NBSP}: " if subject else ""
    corpus = sum(1 for f in facts if not f.context)
    outside = len(facts) - corpus
    if not facts:
        return who + (
            f"aucun fait n'est daté par les sources{NBSP}: ils sont listés {where}."
            if undated > 1
            else f"le seul fait n'est pas daté par les articles{NBSP}: il est listé {where}."
        )
    first = min(f.when.first for f in facts)
    last = max(f.when.last for f in facts)
    s = f"{who}{count(len(facts), 'fait daté', 'faits datés')} {wording.years(first, last)}"
    if outside:
        s += f", dont {count(corpus, 'tiré', 'tirés')} des articles du corpus et {outside}{NBSP}hors corpus"
    s += f"{NNBSP}; les années d'avant la période dense sont resserrées"
    if undated:
        s += (
            f"{NNBSP}; {count(undated, 'fait', 'faits')} que les articles ne datent pas, "
            f"{agree(undated, 'listé', 'listés')} {where}"
        )
    return s + "."
