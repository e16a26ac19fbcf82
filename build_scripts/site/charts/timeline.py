"""The timeline: every dated event on a date axis, one lane per family of kinds.

A day is a point; a month, a year or an interval is a segment over its span with
a point in its middle (the point carries the hover text and the link). Kinds are
told apart by colour (family) and marker shape (kind); statuses by filled / open
markers and solid / dashed segments.

Undated events (a planned visit, a proposed project, a statement the articles do not
date) get a last lane of their own, UNDATED_LANE: each is a point at the publication
date of the earliest article among its sources, never a date of the event. A
publication date given to the month or the year is read as the middle of its span (as
the point of an event dated to the month or the year sits in its middle), and "the
earliest article" is the one whose date so read comes first. The hover says the
articles give no date. An undated event none of whose articles has a publication date
stays in the table only; so do all of them when no event is dated (there is then no
axis to place them on).
"""
from __future__ import annotations

import datetime as dt

from build_scripts.dataset import wording
from build_scripts.dataset.temporal import Temporal
from build_scripts.dataset.wording import NBSP, NNBSP, agree, count
from build_scripts.site.charts import style
from build_scripts.site.charts.spec import HOVER_WIDTH, ChartSpec, Table, text, unbreakable, wrap

# The timeline opens on its densest stretch of FOCUS_MONTHS months (the window holding the most
# events dated to the month or the day); "Tout" shows every dated event.
FOCUS_MONTHS = 9
GAP_DAYS = 8  # marks closer than this share no row of a lane
ROW_PX = {"full": 26, "compact": 20}
CLICK_PAGE = "chronologie/"
UNDATED_LANE = "Sans date (placés à la date de l'article)"


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


def hover(e: dict, actors: dict, reported: str | None = None) -> str:
    """The hover text of an event; ``reported``: the publication date of the article an undated
    event is placed at (the hover then says the articles give no date)."""
    n = len(e.get("sources") or [])
    label = style.kind_style(e.get("kind"))[2]
    status = e.get("status")
    what = unbreakable(label)
    if status in wording.STATUSES:
        what += " " + unbreakable(f"({wording.status_label(status, e.get('kind'))})")
    parts = [wrap(e.get("title") or e["id"], bold=True)]
    if reported is None:
        parts.append(wrap(f"{date_words(e)} · {what}"))
    else:
        parts += ["Date non précisée par les articles", wrap(f"Rapporté {wording.date_reported(reported)}"), wrap(what)]
    who = names(e, actors)
    if who:
        parts.append(wrap(f"Acteurs{NBSP}: " + ", ".join(unbreakable(w) for w in who)))
    sources = count(n, "source", "sources")
    line = f"{sources} · cliquer pour lire la fiche"
    parts.append(line if len(line) <= HOVER_WIDTH else f"{sources}<br>Cliquer pour lire la fiche")
    return "<br>".join(parts)


def middle_of(published: str) -> dt.date:
    return middle(Temporal.parse(published))


def placement(e: dict, published: dict[str, str]) -> tuple[Temporal, str] | None:
    """Where an undated event sits on the axis: (the day, as a Temporal, of the earliest publication
    date among its sources' articles, each read as the middle of its span; that publication date
    as written). None when none of its articles has a publication date."""
    found = []
    for src in e.get("sources") or []:
        art = src.get("article") if isinstance(src, dict) else None
        value = published.get(art) if isinstance(art, str) else None
        if parse(value) is not None:
            found.append((middle_of(value), str(value), art))
    if not found:
        return None
    day, value, _art = min(found)
    return Temporal.parse(iso(day)), value


def layout_rows(events: list[tuple[dict, Temporal]],
                undated: list[tuple[dict, Temporal]] = ()) -> tuple[dict[str, float], list[tuple], int]:
    """y of each event, lanes (family, label, middle y, first row) and the number of rows, top to bottom.
    ``undated``: undated events with their placement, in a last lane (UNDATED_LANE)."""
    y: dict[str, float] = {}
    ticks = []
    row = 0
    lanes = [(fid, label, [(e, t) for e, t in events if style.kind_style(e.get("kind"))[0] == fid])
             for fid, label, _slot in style.FAMILIES]
    lanes.append(("sans-date", UNDATED_LANE, list(undated)))
    kinds = list(style.KINDS)
    for fid, label, members in lanes:
        members = sorted(members, key=lambda et: (et[1].first, et[1].last,
                                                  kinds.index(et[0].get("kind")) if et[0].get("kind") in kinds
                                                  else len(kinds), et[0]["id"]))
        if not members:
            continue
        ends: list[dt.date] = []  # last day used by each row of this lane
        for e, t in members:
            for k, end in enumerate(ends):
                if (t.first - end).days > GAP_DAYS:
                    ends[k] = t.last
                    break
            else:
                k = len(ends)
                ends.append(t.last)
            y[e["id"]] = row + k
        ticks.append((fid, label, row + (len(ends) - 1) / 2, row))
        row += len(ends) + 1  # a row between lanes, for the lane's name
    return y, ticks, max(row - 1, 1)


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
    # Centre the window on its events.
    inside = [d for d in fine if best[0] <= d <= best[1]]
    slack = (best[1] - inside[-1]).days - (inside[0] - best[0]).days
    shift = dt.timedelta(days=-(slack // 2))
    return best[0] + shift, best[1] + shift


def window_label(window: tuple[dt.date, dt.date]) -> str:
    a, b = window[0].year, window[1].year
    return str(a) if a == b else f"{a}–{b}"


def in_window(t: Temporal, window) -> bool:
    return window is not None and t.last >= window[0] and t.first <= window[1]


def ranges(dated: list[tuple[dict, Temporal]], window,
           undated: list[tuple[dict, Temporal]] = ()) -> tuple[list[str], list[str]]:
    """The range the axis opens on and the range of "Tout". Only dated events choose between the
    dense stretch and everything; "Tout" also holds the undated events' placements."""
    first = min(t.first for _e, t in dated)
    last = max(t.last for _e, t in dated)
    ends = [t.first for _e, t in undated] + [t.last for _e, t in undated]
    lo, hi = min([first, *ends]), max([last, *ends])
    span = max((hi - lo).days, 30)
    pad = dt.timedelta(days=max(int(span * 0.015), 15))
    everything = [iso(lo - pad), iso(hi + pad)]
    inside = sum(1 for _e, t in dated if in_window(t, window))
    if window is None or 2 * inside < len(dated) or (window[0] <= first and last <= window[1]):
        return everything, everything  # most events lie outside the dense stretch: open on everything
    return [iso(window[0] - dt.timedelta(days=10)), iso(window[1] + dt.timedelta(days=10))], everything


def build(ds_events: list[dict], actors: dict, *, variant: str = "full", subject: str | None = None,
          published: dict[str, str] | None = None) -> ChartSpec | None:
    """The timeline of ``ds_events`` (published records). ``variant``: "full" or "compact";
    ``published``: article id -> publication date (ISO, to the year, month or day), where the
    undated events are placed (without it they stay in the table only)."""
    events = sorted(ds_events, key=lambda e: (parse(e.get("date")) is None,
                                              parse(e.get("date")).sort_key() if parse(e.get("date")) else (),
                                              e["id"]))
    dated = [(e, parse(e.get("date"))) for e in events if parse(e.get("date"))]
    undated = [e for e in events if not parse(e.get("date"))]
    if not events:
        return None
    # Undated events: (event, placement, publication date as written), in the last lane.
    placed = [(e, *where) for e in undated for where in [placement(e, published or {})] if where is not None]
    if not dated:
        placed = []  # no axis of dates to place them beside: the table only
    table = Table(
        caption=((f"{subject}{NBSP}: événements" if subject else "Événements de la chronologie")
                 + f"{NNBSP}; date telle que l'écrivent les articles, nature, statut, acteurs et nombre de sources"),
        headers=["Date", "Événement", "Nature", "Statut", "Acteurs", "Sources"],
        rows=[[date_words(e), str(e.get("title") or e["id"]), style.kind_style(e.get("kind"))[2],
               wording.status_label(e.get("status"), e.get("kind")) or "—", ", ".join(names(e, actors)) or "—",
               str(len(e.get("sources") or []))] for e in events],
    )
    summary = timeline_summary(dated, undated, subject, focus_window([t for _e, t in dated]) if dated else None,
                               placed=len(placed))
    if not dated:
        return ChartSpec(figure={"data": [], "layout": style.base_layout(120)}, summary=summary, table=table,
                         marks=0, height=0, title="")
    undated_rows = [(e, t) for e, t, _p in placed]
    y, ticks, nrows = layout_rows(dated, undated_rows)
    data: list[dict] = []
    # Segments: one trace per (family, dash), gaps between segments; no hover on lines.
    seg: dict[tuple[str, str], dict] = {}
    for e, t in dated:
        if t.precision == "day" and not t.is_interval:
            continue
        fid = style.kind_style(e.get("kind"))[0]
        dash = style.STATUSES[status_of(e)][3]
        tr = seg.setdefault((fid, dash), {
            "type": "scatter", "mode": "lines", "x": [], "y": [], "hoverinfo": "skip", "showlegend": False,
            "legendgroup": fid, "line": {"color": style.family_colour(fid), "width": 3, "dash": dash},
            "connectgaps": False, "cliponaxis": False,
        })
        last = t.last + dt.timedelta(days=1)  # a segment covers its last day
        tr["x"] += [iso(t.first), iso(last), None]
        tr["y"] += [y[e["id"]], y[e["id"]], None]
    data += [seg[k] for k in sorted(seg)]
    # Points: one trace per kind (its legend entry), per-point symbol variant and opacity by status.
    # Undated events join their kind's trace (same shape, colour and status styling), in their own lane.
    by_kind: dict[str, list[tuple[dict, Temporal, str | None]]] = {}
    for e, t, reported in [(e, t, None) for e, t in dated] + placed:
        by_kind.setdefault(e.get("kind") or "", []).append((e, t, reported))
    order = list(style.KINDS)
    for kind in sorted(by_kind, key=lambda k: (order.index(k) if k in order else len(order), k)):
        fid, symbol, label = style.kind_style(kind)
        pts = by_kind[kind]
        if variant == "full":
            # The legend's sample of the kind, drawn by a trace without data: a trace's own legend
            # sample copies its first point, which may be faded ("rapporté sans confirmation").
            data.append({"type": "scatter", "mode": "markers", "name": label, "legendgroup": "nature",
                         "legendgrouptitle": {"text": "Nature"}, "x": [None], "y": [None], "hoverinfo": "skip",
                         "marker": {"symbol": symbol, "size": 13, "color": style.family_colour(fid),
                                    "line": {"color": style.family_colour(fid), "width": 2}}})
        data.append({
            "type": "scatter", "mode": "markers", "name": label, "legendgroup": "nature", "showlegend": False,
            "x": [iso(middle(t)) for _e, t, _r in pts], "y": [y[e["id"]] for e, _t, _r in pts],
            "customdata": [e["id"] for e, _t, _r in pts],
            "hovertext": [hover(e, actors, r) for e, _t, r in pts], "hoverinfo": "text",
            "marker": {"symbol": [symbol + style.STATUSES[status_of(e)][1] for e, _t, _r in pts],
                       "opacity": [style.STATUSES[status_of(e)][2] for e, _t, _r in pts],
                       "size": 13 if variant == "full" else 11, "color": style.family_colour(fid),
                       "line": {"color": style.family_colour(fid), "width": 2}},
            "cliponaxis": False,
        })
    statuses = sorted({status_of(e) for e, _t in dated} | {status_of(e) for e, _t, _p in placed},
                      key=list(style.STATUSES).index)
    has_spans = any(not (t.precision == "day" and not t.is_interval) for _e, t in dated)
    if variant == "full":
        # Legend of the statuses and of the precision, drawn by traces without data.
        grey = style.colour("grey")
        for s in statuses:
            label, suffix, opacity, dash = style.STATUSES[s]
            data.append({"type": "scatter", "mode": "lines+markers" if has_spans else "markers", "name": label,
                         "x": [None], "y": [None], "hoverinfo": "skip", "legendgroup": "statut",
                         "legendgrouptitle": {"text": "Statut"},
                         "marker": {"symbol": "circle" + suffix, "opacity": opacity, "size": 11, "color": grey,
                                    "line": {"color": grey, "width": 2}},
                         "line": {"color": grey, "width": 3, "dash": dash}})
    window = focus_window([t for _e, t in dated])
    focus, everything = ranges(dated, window, undated_rows)
    row_px = ROW_PX[variant]
    height = 110 + row_px * (nrows + 1) + (150 if variant == "full" else 0)
    layout = style.base_layout(height)
    layout.update({
        "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 4},
        "showlegend": variant == "full",
        "xaxis": style.axis(type="date", range=focus, side="top",
                            showline=True),
        "yaxis": style.axis(range=[nrows + 0.7, -1.4], showticklabels=False, showgrid=False, ticks=""),
        "meta": dict(layout["meta"], click=CLICK_PAGE,
                     ranges=([{"label": window_label(window), "range": focus}, {"label": "Tout", "range": everything}]
                             if focus != everything else [])),
    })
    # Lanes: a name above each family's rows (inside the plot: the whole width stays for the dates),
    # a thin line under it.
    layout["annotations"] = [
        {"xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": top - 0.55, "yanchor": "bottom",
         "text": text(label), "showarrow": False, "font": {"size": 11, "color": style.INK["light"]["font"]}}
        for _f, label, _v, top in ticks]
    layout["shapes"] = [
        {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": top - 0.55, "y1": top - 0.55,
         "layer": "below", "line": {"color": style.INK["light"]["grid"], "width": 1}} for _f, _l, _v, top in ticks]
    if variant == "full":
        layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
                            "traceorder": "grouped", "font": {"size": 12}, "itemclick": False,
                            "itemsizing": "constant",
                            "itemdoubleclick": False, "tracegroupgap": 6}
    return ChartSpec(figure={"data": data, "layout": layout}, summary=summary, table=table, marks=len(dated) + len(placed),
                     height=height, title="")


def timeline_summary(dated, undated, subject: str | None, window, placed: int = 0) -> str:
    """One sentence; ``placed``: how many of the undated events the chart shows in its last lane."""
    n = len(dated) + len(undated)
    who = f"{subject}{NBSP}: " if subject else ""
    if not dated:
        return who + (
            f"aucun des {n} événements n'est daté par les articles{NBSP}: ils figurent dans le tableau."
            if n > 1
            else f"l'unique événement n'est pas daté par les articles{NBSP}: il figure dans le tableau."
        )
    first = min(t.first for _e, t in dated)
    last = max(t.last for _e, t in dated)
    s = (
        f"{who}{count(n, 'événement', 'événements')}, {wording.years(first, last)}"
        f"{NNBSP + ';' if subject else NBSP + ':'} "
        f"{count(len(dated), 'placé à sa', 'placés à leur')} date sur l'axe du temps"
    )
    in_focus = sum(1 for _e, t in dated if in_window(t, window))
    if window is not None and 1 < in_focus < len(dated):
        s += f", dont {in_focus} entre {wording.month(window[0])} et {wording.month(window[1])}"
    if undated:
        u, table_only = len(undated), len(undated) - placed
        s += f"{NNBSP}; {count(u, 'non daté', 'non datés')} par les articles"
        if placed:
            s += (
                f", {'dont ' + str(placed) + ' ' if table_only else ''}"
                f"{agree(placed, 'montré', 'montrés')} à part, à la date du premier article qui "
                f"{agree(placed, 'le', 'les')} rapporte"
            )
        if table_only:
            s += (
                f"{NNBSP}; {count(table_only, 'autre', 'autres')}" if placed else ","
            ) + f" {agree(table_only, 'présent', 'présents')} seulement dans le tableau"
    return s + "."
