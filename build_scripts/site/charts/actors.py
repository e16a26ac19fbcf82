"""The actor charts: mentions per article, who appears with whom, presence over time.

- mentions: occurrences of each actor's aliases in the article bodies (boilerplate
  lines left out), longest spelling first, never two actors for the same words;
- co-occurrence: pairs of actors taking part in the same published event, drawn
  as a symmetric matrix of bubbles;
- presence: published events per actor and per month, for events dated to the
  month or the day (a year alone does not say which month: those stay in the table).

Events are counted as the home page counts encounters (``occasions``): a visit with its
summit, talks, banquet and tours is one event, however many records (``part_of``) it holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from build_scripts.dataset import story, wording
from build_scripts.dataset.temporal import Temporal
from build_scripts.dataset.wording import agree, quoted
from build_scripts.dataset.wording import count as plural
from build_scripts.site.charts import style
from build_scripts.site.charts.spec import ChartSpec, Table, text, unbreakable, wrap, wrap_runs
from build_scripts.site.charts.timeline import parse

BAR_PX = 24
CELL_PX = 24
MATRIX_MAX = 10  # actors drawn in the co-occurrence matrix (the most connected); the table has them all
BULLET = "·\u00a0"  # a list item in a hover; its continuation lines are indented
INDENT = "\u00a0\u00a0\u00a0"
# A corpus of more articles than this is drawn by year of publication in the mentions charts (one
# bar per article would not fit, issue #15); the actors' presence shows this many actors at most.
ARTICLES_MAX = 12
PRESENCE_MAX = 30
LISTED = 10  # event titles a table cell lists at most, then "… et N autres"
# Rows of the presence table by month, at most; beyond, its table counts by year (at 10,000
# articles, 30 actors over decades of months made the Acteurs page 3 MB, 105 KB of gzip for a
# table no reader goes through; the chart keeps its months).
PRESENCE_ROWS = 400


def titles_cell(titles: list[str]) -> str:
    """Event titles in one table cell: all of them, or the first LISTED and how many more."""
    shown = titles if len(titles) <= LISTED else titles[:LISTED]
    more = len(titles) - len(shown)
    return "\u202f; ".join(shown) + (f"\u202f; … et {more} {agree(more, 'autre', 'autres')}" if more else "")


def by_year(articles: dict) -> dict[str, list[str]]:
    """Article ids by year of publication ("" for an article without a readable date), oldest first."""
    out: dict[str, list[str]] = {}
    for a in sorted(articles, key=lambda a: (articles[a].published, a)):
        out.setdefault(str(articles[a].published or "")[:4], []).append(a)
    return out


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
    return re.compile(r"(?<!\w)(?:" + trie(list(owner)) + r")(?!\w)"), owner


def trie(words: list[str]) -> str:
    """A regular expression that matches what ``"|".join(words, longest first)`` matches, written
    as a tree of the words' letters: at each letter one branch, a longer word tried before a
    shorter one that it extends. Python's re tries the alternatives of a flat list one after the
    other at every position of the text: with the 2,000 actors of 10,000 articles, counting their
    mentions took minutes, a third of the build."""
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict[str, dict]) -> str:
        ends = "" in node
        parts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        if ends:  # the longer words first (greedy), then the word that ends here
            return "(?:" + "|".join(parts) + ")?"
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return branch(root)


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
    when = published_words(art)
    return style.short(f"{when} · {art.title}" if when else art.title, 34)


def mentions(actors: dict, articles: dict, counts: dict[str, Counter] | None = None) -> ChartSpec | None:
    """``counts``: count_mentions(actors, articles), if the caller has it already."""
    counts = count_mentions(actors, articles) if counts is None else counts
    totals: Counter = Counter()
    for c in counts.values():
        totals.update(c)
    shown = sorted((a for a in totals if totals[a] > 0), key=lambda a: (-totals[a], name(actors, a)))
    if not shown:
        return None
    arts = sorted(articles, key=lambda a: (articles[a].published, a))
    if len(arts) > ARTICLES_MAX:
        return mentions_by_year(actors, articles, counts, totals, shown)
    data = []
    marks = 0
    for i, art_id in enumerate(arts):
        ids = [a for a in shown if counts[art_id][a] > 0]
        if not ids:
            continue
        marks += len(ids)
        label = article_label(articles[art_id])
        colour = style.colour(style.SERIES[i % len(style.SERIES)])
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": text(label),
                "y": list(ids),
                "x": [counts[art_id][a] for a in ids],
                "hovertext": [
                    f"{wrap(name(actors, a), bold=True)}<br>{plural(counts[art_id][a], 'mention', 'mentions')}"
                    f"<br>{wrap(articles[art_id].title)}"
                    for a in ids
                ],
                "hoverinfo": "text",
                "marker": {"color": colour, "line": {"width": 0}},
            }
        )
    height = 130 + BAR_PX * len(shown) + 24 * len(data)
    layout = _stacked_bars_layout(actors, shown, height, "Article")
    top = shown[0]
    n_arts = sum(1 for c in counts.values() if c[top])
    summary = (
        f"{name(actors, top)} est l'acteur le plus nommé du corpus "
        f"({plural(totals[top], 'mention', 'mentions')} dans {plural(n_arts, 'article', 'articles')})"
    )
    if len(shown) > 1:
        nxt = shown[1]
        summary += f", devant {name(actors, nxt)} ({totals[nxt]})"
    summary += f"\u202f; {plural(len(shown), 'acteur est nommé', 'acteurs sont nommés')} au moins une fois."
    headers = ["Acteur"] + [articles[a].title for a in arts] + ["Total"]
    rows = [[name(actors, a)] + [str(counts[art][a]) for art in arts] + [str(totals[a])] for a in shown]
    table = Table("Nombre de mentions de chaque acteur par article, toutes graphies confondues", headers, rows)
    return ChartSpec(
        {"data": data, "layout": layout},
        summary,
        table,
        marks,
        height,
        mark_selector=".js-plotly-plot .barlayer .point",
        title="Qui est nommé, et où",
    )


@dataclass(frozen=True)
class Occasion:
    """One event as the actor charts count it: a record that is part of no meeting, summit or
    visit, with the records that are (``story.encounter_of``: a visit with its summit, talks and
    tours is one occasion, as the home page counts it)."""

    top: dict[str, Any]
    members: tuple[dict[str, Any], ...]  # the top record first, then its parts, outermost first

    def title(self, *who: str) -> str:
        """The title of its outermost record that names everyone of ``who`` (the summit where two
        leaders met, rather than the visit it is part of, when the visit names only one)."""
        for r in self.members:
            if set(who) <= set(r.get("actors") or []):
                return str(r.get("title") or r["id"])
        return str(self.top.get("title") or self.top["id"])

    def actors(self) -> set[str]:
        """Everyone who takes part in it, in any of its records."""
        return {a for r in self.members for a in r.get("actors") or []}

    def pairs(self) -> set[tuple[str, str]]:
        """The pairs of actors one of its records names together (never two actors who only share
        the occasion: the hosts of two separate talks of a visit)."""
        return {p for r in self.members for p in combinations(sorted(set(r.get("actors") or [])), 2)}

    def month(self) -> dt.date | None:
        """The month of its top record; when that has none, of its earliest record that has one."""
        for r in (self.top, *sorted(self.members, key=story.sort_key)):
            m = month_of(parse(r.get("date")))
            if m is not None:
                return m
        return None


def occasions(events: list[dict]) -> list[Occasion]:
    """The events, each record under the encounter it is part of, in the order of the records."""
    by_id = {e["id"]: e for e in events if isinstance(e.get("id"), str)}
    groups: dict[str, list[dict]] = {}
    tops: dict[str, dict] = {}
    for e in events:
        top = story.encounter_of(e, by_id)
        tops.setdefault(top["id"], top)
        groups.setdefault(top["id"], []).append(e)

    def depth(record: dict, top_id: str) -> int:
        n, seen, r = 0, {record["id"]}, record
        while r["id"] != top_id and r.get("part_of") in by_id and r["part_of"] not in seen:
            r = by_id[r["part_of"]]
            seen.add(r["id"])
            n += 1
        return n

    out = []
    for k, members in groups.items():
        ordered = sorted(members, key=lambda r: (depth(r, k), story.sort_key(r)))
        out.append(Occasion(tops[k], tuple(ordered)))
    return out


def mentions_by_year(
    actors: dict, articles: dict, counts: dict[str, Counter], totals: Counter, ranked: list[str]
) -> ChartSpec:
    """``mentions`` of a large corpus: one series per year of publication, the PRESENCE_MAX most
    named actors drawn (the table has them all, year by year)."""
    years = by_year(articles)
    per: dict[str, Counter] = {}
    for year, ids in years.items():
        c: Counter = Counter()
        for art in ids:
            c.update(counts.get(art, Counter()))
        per[year] = c
    shown = ranked[:PRESENCE_MAX]
    data = []
    marks = 0
    for i, year in enumerate(years):
        ids = [a for a in shown if per[year][a] > 0]
        if not ids:
            continue
        marks += len(ids)
        label = year or "date inconnue"
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": text(label),
                "y": ids,
                "x": [per[year][a] for a in ids],
                "hovertext": [
                    f"{wrap(name(actors, a), bold=True)}<br>{plural(per[year][a], 'mention', 'mentions')}"
                    f"<br>{wrap('articles publiés en ' + label if year else label)}"
                    for a in ids
                ],
                "hoverinfo": "text",
                "marker": {"color": style.colour(style.SERIES[i % len(style.SERIES)]), "line": {"width": 0}},
            }
        )
    height = 130 + BAR_PX * len(shown) + 24 * ((len(data) + 3) // 4)
    layout = _stacked_bars_layout(actors, shown, height, "Année de publication")
    top = ranked[0]
    n_arts = sum(1 for c in counts.values() if c[top])
    summary = (
        f"{name(actors, top)} est l'acteur le plus nommé du corpus "
        f"({plural(totals[top], 'mention', 'mentions')} dans {plural(n_arts, 'article', 'articles')})"
    )
    if len(ranked) > 1:
        summary += f", devant {name(actors, ranked[1])} ({totals[ranked[1]]})"
    summary += f"\u202f; {plural(len(ranked), 'acteur est nommé', 'acteurs sont nommés')} au moins une fois" + (
        f"\u202f; le graphique montre les {len(shown)} plus nommés, année par année."
        if len(shown) < len(ranked)
        else ", année par année."
    )
    headers = ["Acteur"] + [y or "date inconnue" for y in years] + ["Total"]
    rows = [[name(actors, a)] + [str(per[y][a]) for y in years] + [str(totals[a])] for a in ranked]
    table = Table(
        "Nombre de mentions de chaque acteur par année de publication, toutes graphies confondues", headers, rows
    )
    return ChartSpec(
        {"data": data, "layout": layout},
        summary,
        table,
        marks,
        height,
        mark_selector=".js-plotly-plot .barlayer .point",
        title="Qui est nommé, et quand",
    )


def pairs(actors: dict, events: list[dict]) -> tuple[Counter, dict[tuple[str, str], list[str]]]:
    """(pair -> occasions in which a record names both, pair -> their titles); pairs sorted by id."""
    count: Counter = Counter()
    titles: dict[tuple[str, str], list[str]] = {}
    for occ in occasions(events):
        for a, b in sorted(occ.pairs()):
            if a in actors and b in actors:
                count[(a, b)] += 1
                titles.setdefault((a, b), []).append(occ.title(a, b))
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
    for a, b in sorted(drawn, key=lambda p: (order.index(p[0]), order.index(p[1]))):
        n = count[(a, b)]
        for p, q in ((a, b), (b, a)):
            xs.append(p)
            ys.append(q)
            sizes.append(round(7 + 13 * (n / biggest) ** 0.5, 1))
            shown = titles[(a, b)][:4]
            more = len(titles[(a, b)]) - len(shown)
            hov.append(
                wrap_runs([(labels[p], True), (" et ", False), (labels[q], True)]) + "<br>"
                f"{plural(n, 'événement commun', 'événements communs')}<br>"
                + "<br>".join(wrap(BULLET + t, indent=INDENT) for t in shown)
                + (f"<br>… et {more} {agree(more, 'autre', 'autres')}" if more else "")
            )
    data = [
        {
            "type": "scatter",
            "mode": "markers",
            "x": xs,
            "y": ys,
            "hovertext": hov,
            "hoverinfo": "text",
            "showlegend": False,
            "marker": {
                "size": sizes,
                "color": style.colour("blue"),
                "opacity": 0.85,
                "line": {"color": style.colour("blue"), "width": 1},
            },
        }
    ]
    side = CELL_PX * len(order)
    height = 250 + side  # the x labels stand vertical above the matrix
    layout = style.base_layout(height)
    ticks = {
        "tickmode": "array",
        "tickvals": order,
        "ticktext": [text(style.short(name(actors, a), 18)) for a in order],
    }
    layout.update(
        {
            "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 2},
            "showlegend": False,
            "xaxis": style.axis(
                type="category",
                categoryorder="array",
                categoryarray=order,
                tickangle=-90,
                side="top",
                range=[-0.6, len(order) - 0.4],
                **ticks,
            ),
            "yaxis": style.axis(
                type="category", categoryorder="array", categoryarray=order, range=[len(order) - 0.4, -0.6], **ticks
            ),
        }
    )
    (a, b), n = max(count.items(), key=lambda kv: (kv[1], [-ranked.index(x) for x in kv[0]]))
    summary = (
        f"{name(actors, a)} et {name(actors, b)} sont les acteurs le plus souvent réunis "
        f"({plural(n, 'événement commun', 'événements communs')})\u202f; "
        f"{plural(len(count), 'paire', 'paires')} d'acteurs apparaissent ensemble dans au moins un événement"
        + (
            f" (le graphique montre les {len(order)} acteurs les plus reliés, le tableau toutes les paires)."
            if len(order) < len(degree)
            else "."
        )
    )
    rows = [
        [name(actors, p), name(actors, q), str(count[(p, q)]), titles_cell(titles[(p, q)])]
        for (p, q) in sorted(count, key=lambda pq: (-count[pq], name(actors, pq[0]), name(actors, pq[1])))
    ]
    table = Table(
        "Paires d'acteurs qui prennent part aux mêmes événements (une visite, ses entretiens et "
        "ses étapes comptent pour un événement)",
        ["Acteur", "Avec", "Événements communs", "Lesquels"],
        rows,
    )
    return ChartSpec(
        {"data": data, "layout": layout}, summary, table, 2 * len(drawn), height, title="Qui apparaît avec qui"
    )


def month_of(t: Temporal | None) -> dt.date | None:
    """The month of an event dated to the month or the day (an interval: its first month)."""
    if t is None or t.start.month is None:
        return None
    return dt.date(t.start.year, t.start.month, 1)


def presence(actors: dict, events: list[dict]) -> ChartSpec | None:
    cells: Counter = Counter()
    titles: dict[tuple[str, dt.date], list[str]] = {}
    coarse: Counter = Counter()
    for occ in occasions(events):
        m = occ.month()
        for a in sorted(occ.actors()):
            if a not in actors:
                continue
            if m is None:
                coarse[a] += 1
                continue
            cells[(a, m)] += 1
            titles.setdefault((a, m), []).append(occ.title(a))
    if not cells:
        return None
    per_actor: Counter = Counter()
    for (a, _m), n in cells.items():
        per_actor[a] += n
    everyone = sorted(per_actor, key=lambda a: (-per_actor[a], name(actors, a)))
    order = everyone[:PRESENCE_MAX]  # the most present; a large corpus names too many for one chart
    cells = Counter({k: n for k, n in cells.items() if k[0] in order})
    coarse = Counter({a: n for a, n in coarse.items() if a in order or len(everyone) <= PRESENCE_MAX})
    labels = {a: unbreakable(name(actors, a)) for a in order}
    keys = sorted(cells, key=lambda k: (order.index(k[0]), k[1]))
    biggest = max(cells.values())
    data = [
        {
            "type": "scatter",
            "mode": "markers",
            "showlegend": False,
            "x": [k[1].isoformat() for k in keys],
            "y": [k[0] for k in keys],
            "hovertext": [
                wrap_runs([(labels[a], True), (f" · {wording.month(m)}", False)])
                + f"<br>{plural(cells[(a, m)], 'événement', 'événements')}<br>"
                + "<br>".join(wrap(BULLET + t, indent=INDENT) for t in titles[(a, m)][:4])
                for a, m in keys
            ],
            "hoverinfo": "text",
            "marker": {
                "size": [round(8 + 14 * (cells[k] / biggest) ** 0.5, 1) for k in keys],
                "color": style.colour("green"),
                "line": {"color": style.colour("green"), "width": 1},
            },
        }
    ]
    months = sorted({m for _a, m in cells})
    first, last = months[0], months[-1]
    everything = [(first - dt.timedelta(days=20)).isoformat(), (last + dt.timedelta(days=45)).isoformat()]
    # Every month on screen from the start: range buttons added once plotly.js has drawn would move
    # the page under the reader (layout shift).
    focus = everything
    height = 120 + CELL_PX * len(order)
    layout = style.base_layout(height)
    layout.update(
        {
            "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 2},
            "showlegend": False,
            # Few ticks, never turned (a turned label at the top is cut off on a phone): Plotly writes
            # "sept. 2023" (French locale, charts.js) for ticks months apart, "2023" for ticks years apart.
            "xaxis": style.axis(
                type="date", range=focus, side="top", showline=True, nticks=4, tickangle=0, tickfont={"size": 12}
            ),
            "yaxis": style.axis(
                type="category",
                categoryorder="array",
                categoryarray=order,
                autorange="reversed",
                tickmode="array",
                tickvals=order,
                ticktext=[text(style.short(name(actors, a))) for a in order],
            ),
        }
    )
    top = order[0]
    # The busiest month of the actor the sentence is about (ties: the earliest).
    top_months = sorted(m for a, m in cells if a == top)
    busiest = max(top_months, key=lambda m: (cells[(top, m)], -m.toordinal()))
    summary = (
        f"{name(actors, top)} apparaît dans {plural(per_actor[top], 'événement daté', 'événements datés')} "
        f"au mois près, sur {plural(len(top_months), 'mois', 'mois')}"
    )
    if len(top_months) > 1:
        summary += (
            f"\u202f; son mois le plus chargé est {wording.month(busiest)} "
            f"({plural(cells[(top, busiest)], 'événement', 'événements')})"
        )
    if len(order) < len(everyone):
        summary += f" Le graphique montre les {len(order)} acteurs les plus présents sur {len(everyone)}"
    summary += "."
    rows = []
    by_year = len(keys) > PRESENCE_ROWS
    if by_year:
        years: dict[tuple[str, int], list[tuple[str, dt.date]]] = {}
        for a, m in keys:
            years.setdefault((a, m.year), []).append((a, m))
        for (a, year), months in years.items():
            said = [t for k in months for t in titles[k]]
            rows.append([name(actors, a), str(year), str(sum(cells[k] for k in months)), titles_cell(said)])
    else:
        for a, m in keys:
            rows.append([name(actors, a), wording.month(m), str(cells[(a, m)]), titles_cell(titles[(a, m)])])
    for a in sorted(coarse, key=lambda a: name(actors, a)):
        rows.append([name(actors, a), "année seule ou date non précisée", str(coarse[a]), "—"])
    table = Table(
        f"Événements de chaque acteur par {'année' if by_year else 'mois'} (une visite, ses entretiens et ses "
        "étapes comptent pour un événement\u202f; les événements datés à l'année près ou non datés sont "
        "comptés à part)",
        ["Acteur", "Année" if by_year else "Mois", "Événements", "Lesquels"],
        rows,
    )
    return ChartSpec(
        {"data": data, "layout": layout},
        summary,
        table,
        len(keys),
        height,
        title="Présence de chaque acteur au fil des mois",
    )


# --- one actor's page -------------------------------------------------------------------------

ARTICLE_BAR_PX = 46  # a bar of the actor's mentions: its label holds two lines (date, title)
PARTNER_BAR_PX = 30
PARTNERS_MAX = 10  # actors drawn in an actor's "same events" chart (the table has them all)


def published_words(art) -> str:
    """An article's publication date as written in French ('' when it has none)."""
    return wording.date(art.published) if art.published else ""


def title_start(title: str, limit: int = 22) -> str:
    """The start of a title, cut after a whole word (a word longer than the line is cut) and
    without the punctuation that ended it, for an axis label; the hover and the table keep it whole."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    head = title[: limit - 1]
    if title[limit - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return (head.rstrip(" :;,.–—-") or title[: limit - 1]) + "…"


def article_tick(art) -> str:
    """A bar's label, on two short lines: the publication date, then the title's start."""
    when, title = published_words(art), text(title_start(art.title))
    return f"{text(style.short(when, 22))}<br>{title}" if when else title


def bar_axis_x(biggest: int) -> dict:
    """The value axis of a one-actor bar chart: no ticks (each bar shows its value), room for the values."""
    return style.axis(range=[0, biggest * 1.2 + 0.3], showticklabels=False, showgrid=False, showline=False, ticks="")


def bar_trace(ys: list[str], xs: list[int], hover: list[str], slot: str) -> dict:
    return {
        "type": "bar",
        "orientation": "h",
        "y": ys,
        "x": xs,
        "showlegend": False,
        "text": [str(x) for x in xs],
        "textposition": "outside",
        "cliponaxis": False,
        "textfont": {"color": style.INK["light"]["font"], "size": 13},
        "hovertext": hover,
        "hoverinfo": "text",
        "marker": {"color": style.colour(slot), "line": {"width": 0}},
    }


def bar_layout(height: int, ys: list[str], ticktext: list[str], biggest: int) -> dict:
    layout = style.base_layout(height)
    layout.update(
        {
            "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 4},
            "showlegend": False,
            "bargap": 0.3,
            "xaxis": bar_axis_x(biggest),
            "yaxis": style.axis(
                type="category",
                categoryorder="array",
                categoryarray=ys,
                autorange="reversed",
                showgrid=False,
                tickmode="array",
                tickvals=ys,
                ticktext=ticktext,
                tickfont={"size": 12},
            ),
        }
    )
    return layout


@dataclass
class Naming:
    """The articles in publication order (``order``), and the articles that name each actor
    (``of``: actor id -> article ids), in that order."""

    order: list[str]
    of: dict[str, list[str]]


def naming(articles: dict, counts: dict[str, Counter]) -> Naming:
    """Who names whom, from ``count_mentions``: made once for every actor's chart (one pass over
    every article per actor was quadratic at 10,000 articles)."""
    order = sorted(articles, key=lambda a: (articles[a].published, a))
    of: dict[str, list[str]] = {}
    for a in order:
        for aid, n in counts.get(a, Counter()).items():
            if n > 0:
                of.setdefault(aid, []).append(a)
    return Naming(order, of)


def actor_mentions(
    actors: dict,
    articles: dict,
    actor_id: str,
    counts: dict[str, Counter] | None = None,
    named: Naming | None = None,
) -> ChartSpec | None:
    """How many times one actor is named in each article of the corpus (counted as ``mentions``
    counts them: ``count_mentions``), the articles that name it only, oldest first. ``counts``
    and ``named``: ``count_mentions`` and ``naming``, if the caller has them already."""
    if counts is None:
        counts = count_mentions(actors, articles)
    if named is None:
        named = naming(articles, counts)
    arts = named.order
    shown = named.of.get(actor_id, [])
    if not shown:
        return None
    who = name(actors, actor_id)
    if len(arts) > ARTICLES_MAX:
        return actor_mentions_by_year(actors, articles, actor_id, counts, shown)
    per = {a: counts[a][actor_id] for a in shown}
    total = sum(per.values())
    hover = [
        wrap(articles[a].title, bold=True)
        + "<br>"
        + (wrap(published_words(articles[a])) + "<br>" if articles[a].published else "")
        + plural(per[a], "mention", "mentions")
        for a in shown
    ]
    data = [bar_trace(shown, [per[a] for a in shown], hover, "blue")]
    height = 40 + ARTICLE_BAR_PX * len(shown)
    layout = bar_layout(height, shown, [article_tick(articles[a]) for a in shown], max(per.values()))
    out_of = (
        "dans l'unique article du corpus"
        if len(arts) == 1
        else f"dans les {len(arts)} articles"
        if len(shown) == len(arts)
        else f"dans {len(shown)} des {len(arts)} articles"
    )
    summary = f"Le corpus nomme {who} {plural(total, 'fois', 'fois')}, {out_of}"
    most = max(per.values())
    top = [a for a in shown if per[a] == most]
    if len(shown) == 1:
        summary += f"\u00a0: {quoted(articles[shown[0]].title)}."
    elif len(top) == 1:
        summary += f"\u202f; le plus souvent dans {quoted(articles[top[0]].title)} ({plural(most, 'fois', 'fois')})."
    elif len(top) == len(shown):
        summary += f", {plural(most, 'fois', 'fois')} dans chacun."
    else:
        summary += f"\u202f; jusqu'à {plural(most, 'fois', 'fois')} dans un même article."
    rows = [
        [articles[a].title, published_words(articles[a]) or "—", str(counts.get(a, Counter())[actor_id])] for a in arts
    ]
    table = Table(
        f"{who}\u00a0: mentions dans chaque article du corpus, toutes graphies confondues",
        ["Article", "Publication", "Mentions"],
        rows,
    )
    return ChartSpec(
        {"data": data, "layout": layout},
        summary,
        table,
        len(shown),
        height,
        mark_selector=".js-plotly-plot .barlayer .point",
        title="Ses mentions, article par article",
    )


def actor_mentions_by_year(
    actors: dict, articles: dict, actor_id: str, counts: dict[str, Counter], shown: list[str]
) -> ChartSpec:
    """``actor_mentions`` of a large corpus: the actor's mentions per year of publication."""
    who = name(actors, actor_id)
    years: dict[str, list[str]] = {}
    for a in shown:
        years.setdefault(str(articles[a].published or "")[:4], []).append(a)
    labels = list(years)
    per = {y: sum(counts[a][actor_id] for a in years[y]) for y in labels}
    hover = [
        wrap(y or "date inconnue", bold=True)
        + "<br>"
        + plural(per[y], "mention", "mentions")
        + " dans "
        + plural(len(years[y]), "article", "articles")
        for y in labels
    ]
    data = [bar_trace(labels, [per[y] for y in labels], hover, "blue")]
    height = 40 + PARTNER_BAR_PX * len(labels)
    layout = bar_layout(height, labels, [y or "date inconnue" for y in labels], max(per.values()))
    total = sum(per.values())
    busiest = max(labels, key=lambda y: (per[y], y))
    summary = (
        f"Le corpus nomme {who} {plural(total, 'fois', 'fois')}, dans {len(shown)} des {len(articles)} "
        f"articles\u202f; le plus souvent en {busiest or 'date inconnue'} ({plural(per[busiest], 'fois', 'fois')})."
    )
    rows = [[y or "date inconnue", str(len(years[y])), str(per[y])] for y in labels]
    table = Table(
        f"{who}\u00a0: mentions par année de publication, toutes graphies confondues",
        ["Année", "Articles qui le nomment", "Mentions"],
        rows,
    )
    return ChartSpec(
        {"data": data, "layout": layout},
        summary,
        table,
        len(labels),
        height,
        mark_selector=".js-plotly-plot .barlayer .point",
        title="Ses mentions, année par année",
    )


def names_list(values: list[str]) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " et " + values[-1]


def actor_partners(
    actors: dict, events: list[dict], actor_id: str, shared: tuple[Counter, dict] | None = None
) -> ChartSpec | None:
    """The actors who take part in the same published events as one actor (the pairs of ``network``),
    the PARTNERS_MAX who share the most, most first."""
    count, titles = shared if shared is not None else pairs(actors, events)
    partner: dict[str, tuple[int, list[str]]] = {}
    for (a, b), n in count.items():
        if actor_id in (a, b):
            partner[b if a == actor_id else a] = (n, titles[(a, b)])
    if not partner:
        return None
    who = name(actors, actor_id)
    ranked = sorted(partner, key=lambda p: (-partner[p][0], name(actors, p), p))
    shown = ranked[:PARTNERS_MAX]
    hover = []
    for p in shown:
        n, evs = partner[p]
        listed = evs[:4]
        hover.append(
            wrap(unbreakable(name(actors, p)), bold=True)
            + "<br>"
            + f"{plural(n, 'événement commun', 'événements communs')}<br>"
            + "<br>".join(wrap(BULLET + t, indent=INDENT) for t in listed)
            + (f"<br>… et {plural(len(evs) - len(listed), 'autre', 'autres')}" if len(evs) > len(listed) else "")
        )
    data = [bar_trace(shown, [partner[p][0] for p in shown], hover, "green")]
    height = 40 + PARTNER_BAR_PX * len(shown)
    layout = bar_layout(height, shown, [text(style.short(name(actors, p))) for p in shown], partner[shown[0]][0])
    most = partner[ranked[0]][0]
    top = [p for p in ranked if partner[p][0] == most]
    events_most = plural(most, "événement", "événements")
    everyone = (
        f"en tout, {plural(len(ranked), 'acteur apparaît', 'acteurs apparaissent')} dans au moins un de ses événements"
    )
    # "avec" and a name as subject: no article nor elision to guess ("de l'", "des", "d'").
    if len(ranked) == 1:
        summary = (
            f"{name(actors, ranked[0])} est le seul acteur à partager "
            f"{'un événement' if most == 1 else events_most} avec {who}."
        )
    elif len(top) == len(ranked):
        summary = f"{plural(len(ranked), 'acteur', 'acteurs')} partagent chacun {events_most} avec {who}."
    elif len(top) == 1:
        summary = (
            f"{name(actors, top[0])} est l'acteur qui partage le plus d'événements avec {who} "
            f"({plural(most, 'événement commun', 'événements communs')})\u202f; {everyone}."
        )
    elif len(top) <= 3:
        summary = (
            f"{names_list([name(actors, p) for p in top])} sont les acteurs qui partagent le plus "
            f"d'événements avec {who} ({events_most} chacun)\u202f; {everyone}."
        )
    else:
        summary = (
            f"{len(top)} acteurs partagent chacun {events_most} avec {who}, le plus grand nombre\u202f; {everyone}."
        )
    if len(ranked) > len(shown):
        summary = summary[:-1] + f" (le graphique montre les {len(shown)} premiers, le tableau tous)."
    summary = summary[:1].upper() + summary[1:]  # a name written lower case ("les pays voisins") opens it
    rows = [[name(actors, p), str(partner[p][0]), titles_cell(partner[p][1])] for p in ranked]
    table = Table(
        f"{who}\u00a0: les acteurs des mêmes événements, leur nombre et lesquels",
        ["Acteur", "Événements communs", "Lesquels"],
        rows,
    )
    return ChartSpec(
        {"data": data, "layout": layout},
        summary,
        table,
        len(shown),
        height,
        mark_selector=".js-plotly-plot .barlayer .point",
        title="Acteurs des mêmes événements",
    )


def _stacked_bars_layout(actors, shown: list[str], height: int, legend_title: str) -> dict:
    """The layout of the mentions charts: one horizontal stacked bar per actor of ``shown``, in
    that order, the legend (articles or years) under the bars."""
    layout = style.base_layout(height)
    layout.update(
        {
            "barmode": "stack",
            "margin": {"l": 8, "r": 12, "t": 8, "b": 8, "pad": 4},
            "xaxis": style.axis(side="top", rangemode="tozero"),
            "yaxis": style.axis(
                type="category",
                categoryorder="array",
                categoryarray=shown,
                autorange="reversed",
                showgrid=False,
                tickmode="array",
                tickvals=shown,
                ticktext=[text(style.short(name(actors, a))) for a in shown],
            ),
            "legend": {
                "orientation": "h",
                "x": 0,
                "xanchor": "left",
                "y": 0,
                "yanchor": "top",
                "traceorder": "normal",
                "title": {"text": legend_title, "side": "top"},
                "font": {"size": 12},
                "itemclick": False,
                "itemdoubleclick": False,
            },
            "bargap": 0.25,
        }
    )
    return layout
