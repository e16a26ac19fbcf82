"""The actor charts: mentions per article, who appears with whom, presence over time.

- mentions: occurrences of each actor's aliases in the article bodies (boilerplate
  lines left out), longest spelling first, never two actors for the same words;
- co-occurrence: pairs of actors taking part in the same published event, drawn
  as a symmetric matrix of bubbles;
- presence: published events per actor and per month, for events dated to the
  month or the day (a year alone does not say which month: those stay in the table).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import combinations

from build_scripts.charts import style
from build_scripts.charts.spec import ChartSpec, Table, text, unbreakable, wrap, wrap_runs
from build_scripts.charts.timeline import focus_window, month_words, parse, window_label
from build_scripts.temporal import TemporalError, french_date

BAR_PX = 24
CELL_PX = 24
MATRIX_MAX = 10  # actors drawn in the co-occurrence matrix (the most connected); the table has them all
BULLET = "·\u00a0"  # a list item in a hover; its continuation lines are indented
INDENT = "\u00a0\u00a0\u00a0"


def plural(n: int, one: str, many: str) -> str:
    return f"{n}\u00a0{one if n == 1 else many}"


def name(actors: dict, actor_id: str) -> str:
    return str((actors.get(actor_id) or {}).get("name") or actor_id)


def alias_pattern(actors: dict) -> tuple[re.Pattern | None, dict[str, str]]:
    owner: dict[str, str] = {}
    for aid in sorted(actors):
        for alias in actors[aid].get("aliases") or []:
            if isinstance(alias, str) and alias.strip():
                owner.setdefault(alias, aid)
    if not owner:
        return None, owner
    alts = sorted(owner, key=lambda a: (-len(a), a))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)"), owner


def count_mentions(actors: dict, articles: dict) -> dict[str, Counter]:
    """article id -> Counter(actor id -> mentions)."""
    pattern, owner = alias_pattern(actors)
    out: dict[str, Counter] = {}
    for art_id in sorted(articles):
        art = articles[art_id]
        skip = art.spans("boilerplate")
        c: Counter = Counter()
        if pattern is not None:
            for m in pattern.finditer(art.body):
                if any(a <= m.start() < b for a, b in skip):
                    continue
                c[owner[m.group(0)]] += 1
        out[art_id] = c
    return out


def article_label(art) -> str:
    """A short legend label: the publication date as written in French, and the title's start."""
    try:
        when = french_date(art.published) if art.published else ""
    except (TemporalError, TypeError):
        when = art.published
    return style.short(f"{when} · {art.title}" if when else art.title, 34)


def mentions(actors: dict, articles: dict) -> ChartSpec | None:
    counts = count_mentions(actors, articles)
    totals: Counter = Counter()
    for c in counts.values():
        totals.update(c)
    shown = sorted((a for a in totals if totals[a] > 0), key=lambda a: (-totals[a], name(actors, a)))
    if not shown:
        return None
    arts = sorted(articles, key=lambda a: (articles[a].published, a))
    data = []
    marks = 0
    for i, art_id in enumerate(arts):
        ids = [a for a in shown if counts[art_id][a] > 0]
        if not ids:
            continue
        marks += len(ids)
        label = article_label(articles[art_id])
        colour = style.colour(style.SERIES[i % len(style.SERIES)])
        data.append({
            "type": "bar", "orientation": "h", "name": text(label),
            "y": [a for a in ids], "x": [counts[art_id][a] for a in ids],
            "hovertext": [f"{wrap(name(actors, a), bold=True)}<br>{plural(counts[art_id][a], 'mention', 'mentions')}"
                          f"<br>{wrap(articles[art_id].title)}" for a in ids],
            "hoverinfo": "text", "marker": {"color": colour, "line": {"width": 0}},
        })
    height = 130 + BAR_PX * len(shown) + 24 * len(data)
    layout = style.base_layout(height)
    layout.update({
        "barmode": "stack", "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 4},
        "xaxis": style.axis(side="top", rangemode="tozero"),
        "yaxis": style.axis(type="category", categoryorder="array", categoryarray=shown, autorange="reversed",
                            showgrid=False, tickmode="array", tickvals=shown,
                            ticktext=[text(style.short(name(actors, a))) for a in shown]),
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top", "traceorder": "normal",
                   "title": {"text": "Article", "side": "top"}, "font": {"size": 12}, "itemclick": False, "itemdoubleclick": False},
        "bargap": 0.25,
    })
    top = shown[0]
    n_arts = sum(1 for c in counts.values() if c[top])
    summary = (f"{name(actors, top)} est l'acteur le plus nommé du corpus "
               f"({plural(totals[top], 'mention', 'mentions')} dans {plural(n_arts, 'article', 'articles')})")
    if len(shown) > 1:
        nxt = shown[1]
        summary += f", devant {name(actors, nxt)} ({totals[nxt]})"
    summary += f" ; {plural(len(shown), 'acteur est nommé', 'acteurs sont nommés')} au moins une fois."
    headers = ["Acteur"] + [articles[a].title for a in arts] + ["Total"]
    rows = [[name(actors, a)] + [str(counts[art][a]) for art in arts] + [str(totals[a])] for a in shown]
    table = Table("Nombre de mentions de chaque acteur par article, toutes graphies confondues", headers, rows)
    return ChartSpec({"data": data, "layout": layout}, summary, table, marks, height,
                     mark_selector=".js-plotly-plot .barlayer .point", title="Qui est nommé, et où")


def pairs(actors: dict, events: list[dict]) -> tuple[Counter, dict[tuple[str, str], list[str]]]:
    count: Counter = Counter()
    titles: dict[tuple[str, str], list[str]] = {}
    for e in events:
        ids = sorted({a for a in e.get("actors") or [] if a in actors})
        for a, b in combinations(ids, 2):
            count[(a, b)] += 1
            titles.setdefault((a, b), []).append(str(e.get("title") or e["id"]))
    return count, titles


def matrix_actors(ranked: list[str], count: Counter, limit: int = MATRIX_MAX) -> list[str]:
    """The actors of the matrix, on both axes: the ``limit`` first of ``ranked`` (most connected first)
    such that each shares an event with another of them, so that no row or column stays empty (an
    actor whose events are all with actors left out gives its place to the next one; the least
    connected of such actors goes first, and once out stays out)."""
    linked: dict[str, set[str]] = {}
    for a, b in count:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    candidates = list(ranked)
    while True:
        chosen = candidates[:limit]
        alone = [a for a in chosen if not linked.get(a, set()) & set(chosen)]
        if not alone:
            return chosen
        candidates.remove(alone[-1])


def network(actors: dict, events: list[dict]) -> ChartSpec | None:
    count, titles = pairs(actors, events)
    if not count:
        return None
    degree: Counter = Counter()
    for (a, b), n in count.items():
        degree[a] += n
        degree[b] += n
    ranked = sorted(degree, key=lambda a: (-degree[a], name(actors, a)))
    order = matrix_actors(ranked, count)
    labels = {a: unbreakable(name(actors, a)) for a in order}  # a name breaks only when longer than a line
    xs, ys, sizes, hov = [], [], [], []
    drawn = [p for p in count if p[0] in labels and p[1] in labels]
    biggest = max(count[p] for p in drawn)
    for (a, b) in sorted(drawn, key=lambda p: (order.index(p[0]), order.index(p[1]))):
        n = count[(a, b)]
        for p, q in ((a, b), (b, a)):
            xs.append(p)
            ys.append(q)
            sizes.append(round(7 + 13 * (n / biggest) ** 0.5, 1))
            shown = titles[(a, b)][:4]
            more = len(titles[(a, b)]) - len(shown)
            hov.append(wrap_runs([(labels[p], True), (" et ", False), (labels[q], True)]) + "<br>"
                       f"{plural(n, 'événement commun', 'événements communs')}<br>"
                       + "<br>".join(wrap(BULLET + t, indent=INDENT) for t in shown)
                       + (f"<br>… et {more} autre(s)" if more else ""))
    data = [{"type": "scatter", "mode": "markers", "x": xs, "y": ys, "hovertext": hov, "hoverinfo": "text",
             "showlegend": False,
             "marker": {"size": sizes, "color": style.colour("blue"), "opacity": 0.85,
                        "line": {"color": style.colour("blue"), "width": 1}}}]
    side = CELL_PX * len(order)
    height = 250 + side  # the x labels stand vertical above the matrix
    layout = style.base_layout(height)
    ticks = dict(tickmode="array", tickvals=order, ticktext=[text(style.short(name(actors, a), 18)) for a in order])
    layout.update({
        "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 2},
        "showlegend": False,
        "xaxis": style.axis(type="category", categoryorder="array", categoryarray=order, tickangle=-90, side="top",
                            range=[-0.6, len(order) - 0.4], **ticks),
        "yaxis": style.axis(type="category", categoryorder="array", categoryarray=order,
                            range=[len(order) - 0.4, -0.6], **ticks),
    })
    (a, b), n = max(count.items(), key=lambda kv: (kv[1], [-ranked.index(x) for x in kv[0]]))
    summary = (f"{name(actors, a)} et {name(actors, b)} sont les acteurs le plus souvent réunis "
               f"({plural(n, 'événement commun', 'événements communs')}) ; "
               f"{plural(len(count), 'paire', 'paires')} d'acteurs apparaissent ensemble dans au moins un événement"
               + (f" (le graphique montre les {len(order)} acteurs les plus reliés, le tableau toutes les paires)."
                  if len(order) < len(degree) else "."))
    rows = [[name(actors, p), name(actors, q), str(count[(p, q)]), " ; ".join(titles[(p, q)])]
            for (p, q) in sorted(count, key=lambda pq: (-count[pq], name(actors, pq[0]), name(actors, pq[1])))]
    table = Table("Paires d'acteurs qui prennent part aux mêmes événements",
                  ["Acteur", "Avec", "Événements communs", "Lesquels"], rows)
    return ChartSpec({"data": data, "layout": layout}, summary, table, 2 * len(drawn), height,
                     title="Qui apparaît avec qui")


def month_of(t) -> dt.date | None:
    """The month of an event dated to the month or the day (an interval: its first month)."""
    if t is None or t.start.month is None:
        return None
    return dt.date(t.start.year, t.start.month, 1)


def presence(actors: dict, events: list[dict]) -> ChartSpec | None:
    cells: Counter = Counter()
    titles: dict[tuple[str, dt.date], list[str]] = {}
    coarse: Counter = Counter()
    for e in events:
        m = month_of(parse(e.get("date")))
        for a in sorted(set(e.get("actors") or [])):
            if a not in actors:
                continue
            if m is None:
                coarse[a] += 1
                continue
            cells[(a, m)] += 1
            titles.setdefault((a, m), []).append(str(e.get("title") or e["id"]))
    if not cells:
        return None
    per_actor: Counter = Counter()
    for (a, _m), n in cells.items():
        per_actor[a] += n
    order = sorted(per_actor, key=lambda a: (-per_actor[a], name(actors, a)))
    labels = {a: unbreakable(name(actors, a)) for a in order}
    keys = sorted(cells, key=lambda k: (order.index(k[0]), k[1]))
    biggest = max(cells.values())
    data = [{
        "type": "scatter", "mode": "markers", "showlegend": False,
        "x": [k[1].isoformat() for k in keys], "y": [k[0] for k in keys],
        "hovertext": [wrap_runs([(labels[a], True), (f" · {month_words(m)}", False)])
                      + f"<br>{plural(cells[(a, m)], 'événement', 'événements')}<br>"
                      + "<br>".join(wrap(BULLET + t, indent=INDENT) for t in titles[(a, m)][:4]) for a, m in keys],
        "hoverinfo": "text",
        "marker": {"size": [round(8 + 14 * (cells[k] / biggest) ** 0.5, 1) for k in keys],
                   "color": style.colour("green"), "line": {"color": style.colour("green"), "width": 1}},
    }]
    months = sorted({m for _a, m in cells})
    first, last = months[0], months[-1]
    everything = [(first - dt.timedelta(days=20)).isoformat(), (last + dt.timedelta(days=45)).isoformat()]
    window = focus_window([t for t in (parse(e.get("date")) for e in events) if t is not None])
    focus = everything
    if window is not None and not (window[0] <= first and last <= window[1]):
        focus = [(window[0] - dt.timedelta(days=20)).isoformat(), (window[1] + dt.timedelta(days=20)).isoformat()]
    height = 120 + CELL_PX * len(order)
    layout = style.base_layout(height)
    layout.update({
        "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 2},
        "showlegend": False,
        # Few ticks, never turned (a turned label at the top is cut off on a phone): Plotly writes
        # "sept. 2023" (French locale, charts.js) for ticks months apart, "2023" for ticks years apart.
        "xaxis": style.axis(type="date", range=focus, side="top", showline=True, nticks=4, tickangle=0,
                            tickfont={"size": 12}),
        "yaxis": style.axis(type="category", categoryorder="array", categoryarray=order, autorange="reversed",
                            tickmode="array", tickvals=order,
                            ticktext=[text(style.short(name(actors, a))) for a in order]),
        "meta": dict(layout["meta"], ranges=[{"label": window_label(window), "range": focus},
                                             {"label": "Tout", "range": everything}] if focus != everything else []),
    })
    top = order[0]
    # The busiest month of the actor the sentence is about (ties: the earliest).
    top_months = sorted(m for a, m in cells if a == top)
    busiest = max(top_months, key=lambda m: (cells[(top, m)], -m.toordinal()))
    summary = (f"{name(actors, top)} apparaît dans {plural(per_actor[top], 'événement daté', 'événements datés')} "
               f"au mois près, sur {plural(len(top_months), 'mois', 'mois')}")
    if len(top_months) > 1:
        summary += (f" ; son mois le plus chargé est {month_words(busiest)} "
                    f"({plural(cells[(top, busiest)], 'événement', 'événements')})")
    summary += "."
    rows = []
    for a, m in keys:
        rows.append([name(actors, a), month_words(m), str(cells[(a, m)]), " ; ".join(titles[(a, m)])])
    for a in sorted(coarse, key=lambda a: name(actors, a)):
        rows.append([name(actors, a), "année seule ou date non précisée", str(coarse[a]), "—"])
    table = Table("Événements de chaque acteur par mois (les événements datés à l'année près ou non datés "
                  "sont comptés à part)", ["Acteur", "Mois", "Événements", "Lesquels"], rows)
    return ChartSpec({"data": data, "layout": layout}, summary, table, len(keys), height,
                     title="Présence de chaque acteur au fil des mois")


