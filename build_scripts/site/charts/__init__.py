"""The site's Plotly charts, built from the published records of data/ and the corpus.

Interface (used by build_scripts/site/pages.py and hooks/data_pages.py):

- ``figures(ds) -> {chart id: ChartSpec}``: "timeline", "timeline-home" (with the records of
  data/context.yaml, marked "hors corpus"),
  "actors-mentions", "actors-network", "actors-presence" and "actor-<id>" (the
  events of one actor on a date axis) for each actor with at least one dated event (its undated
  events join it in a last lane, at their articles' publication dates), "actor-<id>--mentions"
  (its mentions in each article that names it) and "actor-<id>--with" (the actors of its events)
  for each actor named in the corpus / sharing an event with another;
- ``block_data(chart_id, spec, site_root_rel)``: what a page shows of a chart (for its template),
  ``html_block(...)``: that block rendered;
- ``write_json(specs, out_dir)``: the figure files fetched by charts.js;
- ``main(root, out)``: ``python -m build_scripts charts --out DIR``.

Drafts never reach a chart: only ``ds.published(kind)`` is read.
"""

from __future__ import annotations

import functools
from pathlib import Path

from build_scripts.dataset import Dataset, addresses
from build_scripts.site import workers
from build_scripts.site.charts import actors as actor_charts
from build_scripts.site.charts import timeline
from build_scripts.site.charts.spec import ChartSpec, Table, block_data, html_block, json_files, write_json

__all__ = [
    "ChartSpec",
    "Table",
    "block_data",
    "figures",
    "html_block",
    "json_files",
    "write_json",
    "main",
    "MARK_SELECTORS",
]

# What a browser test counts to check that a chart drew all its marks (spec.marks of them).
MARK_SELECTORS = {"scatter": ".js-plotly-plot .scatterlayer .point", "bar": ".js-plotly-plot .barlayer .point"}


def figures(ds) -> dict[str, ChartSpec]:
    actors = ds.by_id("actors")
    events = [e for e in ds.published("events") if isinstance(e, dict) and isinstance(e.get("id"), str)]
    # Facts from outside the corpus (data/context.yaml): on the timelines, marked apart.
    context = (
        [c for c in ds.published("context") if isinstance(c, dict) and isinstance(c.get("id"), str)]
        if "context" in ds.files
        else []
    )
    out: dict[str, ChartSpec] = {}
    pages = chronology_pages(ds)
    full = timeline.build(events, actors, variant="full", context=context, pages=pages)
    if full is not None and full.marks:
        out["timeline"] = full
        home = timeline.build(
            events, actors, variant="compact", context=context, undated_where="dans la chronologie", pages=pages
        )
        if home is not None:
            home.title = "Les moments clés sur l'axe du temps"
            home.aside = []
            out["timeline-home"] = home
    mentioned = actor_charts.count_mentions(actors, ds.articles)
    for chart_id, spec in (
        ("actors-mentions", actor_charts.mentions(actors, ds.articles, mentioned)),
        ("actors-network", actor_charts.network(actors, events)),
        ("actors-presence", actor_charts.presence(actors, events)),
    ):
        if spec is not None:
            out[chart_id] = spec
    shared = actor_charts.pairs(actors, events)
    named = actor_charts.naming(ds.articles, mentioned)
    events_of: dict[str, list[dict]] = {}
    for e in events:
        for a in dict.fromkeys(e.get("actors") or []):
            events_of.setdefault(a, []).append(e)
    context_of: dict[str, list[dict]] = {}
    for c in context:
        for a in dict.fromkeys(c.get("actors") or []):
            context_of.setdefault(a, []).append(c)

    def of_actor(aid: str) -> list[tuple[str, ChartSpec]]:
        charts: list[tuple[str, ChartSpec]] = []
        name = str(actors[aid].get("name") or aid)
        spec = timeline.build(
            events_of.get(aid, []),
            actors,
            variant="compact",
            subject=name,
            context=context_of.get(aid, []),
            pages=pages,
        )
        if spec is not None and spec.marks:
            spec.title = "Ses faits sur l'axe du temps"
            charts.append((f"actor-{aid}", spec))
        for suffix, made in (
            ("mentions", actor_charts.actor_mentions(actors, ds.articles, aid, mentioned, named)),
            ("with", actor_charts.actor_partners(actors, events, aid, shared)),
        ):
            if made is not None:
                charts.append((f"actor-{aid}--{suffix}", made))  # "--": never inside an id
        return charts

    # Three charts per actor, two thirds of the time of this function: on the machine's cores.
    tasks = [functools.partial(of_actor, aid) for aid in sorted(actors)]
    for charts in workers.run(tasks, workers.jobs_for(len(events))):
        out.update(charts)
    return out


def chronology_pages(ds: Dataset) -> dict[str, str]:
    """When the chronology is cut by year (addresses.layout): the page, from the site root, of each
    event, of each month's heading (an aggregated mark's tap leads there) and of the undated
    facts. Empty when the chronology is one page."""
    paged = addresses.layout(ds).chronology
    if not paged.cut:
        return {}
    events = ds.by_id("events")
    out: dict[str, str] = {}
    for shelf in paged.shelves:
        page = shelf.doc.removesuffix(".md") + "/"
        if shelf.year is None:
            out.setdefault(timeline.UNDATED_KEY, page)
        for i in shelf.ids:
            out[i] = page
            out.setdefault(addresses.month_anchor(addresses.when(events[i].get("date"))), page)
    return out


def main(ds: Dataset, out: Path) -> int:
    """``python -m build_scripts charts --out DIR``: the figure files of a valid dataset."""
    specs = figures(ds)
    written = write_json(specs, out)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} chart figures into {out} ({total} bytes)")
    return 0
