"""The chart specs built from the fixture dataset tests/fixtures/charts/ (corpus/ and data/).

Golden files: tests/golden/charts/<chart id>.json hold each ChartSpec (figure, summary,
table, marks, height). After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 /work/main/.venv/bin/python -m pytest tests/test_charts.py
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import plotly.graph_objects as go
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts import dataset
from build_scripts.dataset import check
from build_scripts.site import charts
from build_scripts.site.charts import actors as actor_charts
from build_scripts.site.charts import spec as chart_spec
from build_scripts.site.charts import style, timeline

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "charts"
GOLDEN = HERE / "golden" / "charts"


@pytest.fixture(scope="module")
def ds():
    d = dataset.load(FIXTURE)
    assert d.ok, d.problems
    return d


@pytest.fixture(scope="module")
def specs(ds):
    return charts.figures(ds)


def spec_doc(spec) -> str:
    doc = dataclasses.asdict(spec)
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def test_chart_ids(specs, ds):
    expected = {"timeline", "timeline-home", "actors-mentions", "actors-network", "actors-presence"}
    assert expected <= set(specs)
    actor_charts = {k for k in specs if k.startswith("actor-")}
    timelines = {k for k in actor_charts if not k.endswith(("--mentions", "--with"))}
    assert "actor-irina-kolesnik" in actor_charts and "actor-park-tae-ho" in actor_charts
    assert not any(k.startswith("actor-acteur-brouillon") for k in actor_charts)  # a draft actor has no chart
    assert timelines == {
        f"actor-{a}"
        for a in ds.by_id("actors")
        if any(a in (e.get("actors") or []) and e.get("date") for e in ds.published("events"))
    }
    # Every published actor is named in the fixture corpus; all but one share an event with another.
    assert {k for k in actor_charts if k.endswith("--mentions")} == {f"actor-{a}--mentions" for a in ds.by_id("actors")}
    assert {k for k in actor_charts if k.endswith("--with")} == {
        f"actor-{a}--with" for a in ds.by_id("actors") if a != "mae-norvalie"
    }


def test_golden(specs):
    update = os.environ.get("UPDATE_GOLDEN") == "1"
    if update:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.json"):
            old.unlink()
    compared = 0
    for chart_id, spec in sorted(specs.items()):
        path = GOLDEN / f"{chart_id}.json"
        if update:
            path.write_text(spec_doc(spec), encoding="utf-8")
            continue
        assert path.exists(), f"no golden file for {chart_id}: run UPDATE_GOLDEN=1 pytest {Path(__file__).name}"
        assert spec_doc(spec) == path.read_text(encoding="utf-8"), f"{chart_id} differs from {path}"
        compared += 1
    if not update:
        assert compared == len(specs) == len(list(GOLDEN.glob("*.json")))


def test_plotly_accepts_every_figure(specs):
    for chart_id, spec in specs.items():
        go.Figure(spec.figure)  # raises on any property plotly.js does not know
        assert spec.figure["data"], chart_id


def test_drafts_never_reach_a_chart(specs):
    for chart_id, spec in specs.items():
        blob = json.dumps(dataclasses.asdict(spec), ensure_ascii=False)
        assert "BROUILLON" not in blob, chart_id
        assert "evenement-brouillon" not in blob, chart_id


def points(spec):
    return [t for t in spec.figure["data"] if t.get("mode") == "markers" and t.get("customdata")]


def test_timeline_marks_every_dated_fact_once_and_lists_the_undated(specs, ds):
    spec = specs["timeline"]
    published = ds.published("events")
    context = ds.published("context")
    dated = [e for e in published if e.get("date")]
    ids = [i for t in points(spec) for i in t["customdata"]]
    assert sorted(ids) == sorted([e["id"] for e in dated] + [c["id"] for c in context])
    assert len(dated) == 19 and len(context) == 2 and spec.marks == 21
    # The undated event is no mark: it is listed beside the chart, and in the table.
    assert spec.aside == [
        {"ref": "nouvelle-visite", "title": "Nouvelle visite à Port-Alder", "what": "Visite (prévue)", "page": ""}
    ]
    assert any(row[1] == "Nouvelle visite à Port-Alder" and row[0] == "date non précisée" for row in spec.table.rows)
    assert [row[5] for row in spec.table.rows].count("hors corpus") == 2
    assert len(spec.table.rows) == len(published) + len(context)
    assert spec.summary == (
        "21\u00a0faits datés de 1951 à 2032, dont 19\u00a0tirés des articles du corpus et 2\u00a0hors corpus\u202f; "
        "les années d'avant la période dense sont resserrées\u202f; 1\u00a0fait que les articles ne datent pas, "
        "listé sous le graphique."
    )


def test_timeline_compresses_the_years_before_the_dense_stretch(specs):
    lay = specs["timeline"].figure["layout"]
    ticks = list(zip(lay["xaxis"]["tickvals"], lay["xaxis"]["ticktext"]))
    assert ticks == sorted(ticks) and ticks[0][1] == "1951"
    years = {t for _p, t in ticks}
    assert {"1951", "2031", "2032"} <= years or {"1951", "2030", "2031"} <= years
    # 1951 and 1987 are far apart: a break between them, drawn on the axis.
    breaks = [a for a in lay["annotations"] if a["text"] == "//"]
    assert breaks and all(0 < a["x"] < timeline.SCALE for a in breaks)
    # Most of the width is for the recent, dense stretch; nothing sits at the very edge.
    xs = [x for t in points(specs["timeline"]) for x in t["x"]]
    lo, hi = lay["xaxis"]["range"]
    assert lo < min(xs) and max(xs) < hi
    recent = [x for t in points(specs["timeline"]) for x, i in zip(t["x"], t["customdata"]) if i == "sommet-port-alder"]
    assert recent[0] > timeline.SCALE * (1 - timeline.RECENT_SHARE) - 1
    # No two tick labels overlap at the narrow width.
    px = [timeline.px_of(p) for p, _t in ticks]
    assert all(b - a >= 20 for a, b in zip(px, px[1:]))


def test_timeline_names_key_moments_without_overlap(specs, ds):
    for cid in ("timeline", "timeline-home"):
        lay = specs[cid].figure["layout"]
        labels = [a for a in lay["annotations"] if a["text"].startswith("<b>")]
        want = {
            e["label"] for e in ds.published("events") + ds.published("context") if e.get("label") and e.get("date")
        }
        assert {a["text"][3:-4] for a in labels} == want and len(labels) == len(want) == 4
        boxes = []
        for a in labels:
            w = len(a["text"][3:-4]) * timeline.LABEL_FONT * 0.58
            x = timeline.px_of(a["x"])
            box = (x, x + w) if a["xanchor"] == "left" else (x - w, x)
            assert -8 <= box[0] and box[1] <= timeline.NARROW_PLOT_PX + 8, a  # nothing cut at the edges
            boxes.append((a["y"], box))
        for i, (y, (p, q)) in enumerate(boxes):
            for y2, (p2, q2) in boxes[i + 1 :]:
                assert y != y2 or q < p2 or q2 < p, (boxes[i], (y2, p2, q2))


def test_timeline_shape_by_source_fill_by_status_legend_of_what_is_shown(specs):
    spec = specs["timeline"]
    by_id = {
        i: (sym, op)
        for t in points(spec)
        for i, sym, op in zip(t["customdata"], t["marker"]["symbol"], t["marker"]["opacity"])
    }
    assert by_id["sommet-port-alder"] == ("circle", 1.0)
    assert by_id["sommet-retour-2032"] == ("square", 1.0)  # hors corpus
    assert by_id["troupes-signalees-2032"] == ("square", 0.45)  # hors corpus, not confirmed
    assert by_id["sommet-a-trois"][0] == "circle-open-dot"  # proposed
    assert by_id["anniversaire-traite"][0] == "circle-open"  # planned
    assert by_id["tete-a-tete"] == ("circle", 0.45)  # alleged
    words = [i["words"] for i in spec.legend]
    assert words[:2] == ["fait tiré des articles du corpus", "fait hors corpus (autre source publique)"]
    assert "creux\u00a0: prévu" in words and "pâle\u00a0: rapporté sans confirmation" in words
    # The home chart shows no fact hors corpus' legend when it has none: legend of what is drawn only.
    only = timeline.build([e for e in spec_events() if e.get("status") in (None, "held")], {}, variant="full")
    assert only is not None and [i["words"] for i in only.legend] == ["fait tiré des articles du corpus"]


def spec_events():
    return dataset.load(FIXTURE).published("events")


def test_timeline_precision_day_is_a_point_others_a_segment(specs, ds):
    spec = specs["timeline"]
    segments = [t for t in spec.figure["data"] if t.get("mode") == "lines" and t["line"]["width"] == 3]
    n = sum(len(t["x"]) // 3 for t in segments)
    n_not_day = sum(
        1 for e in ds.published("events") + ds.published("context") if e.get("date") and (len(str(e["date"])) != 10)
    )
    assert n == n_not_day == 15
    for t in segments:
        for a, b in zip(t["x"][0::3], t["x"][1::3]):
            assert a < b


def test_timeline_hover_and_click(specs):
    spec = specs["timeline"]
    summit = next(t for t in points(spec) if "sommet-port-alder" in t["customdata"])
    i = summit["customdata"].index("sommet-port-alder")
    hover = summit["hovertext"][i]
    assert "14 septembre 2030" in hover  # the date as written in French
    assert "Irina\u00a0Kolesnik,<br>Park\u00a0&lt;b&gt;Tae-ho&lt;/b&gt;" in hover  # actors' names, escaped, whole
    assert "2\u00a0sources" in hover
    assert "<a " not in hover
    outside = next(t for t in points(spec) if "sommet-retour-2032" in t["customdata"])
    assert "Hors corpus\u00a0: Agence d&#x27;essai" in outside["hovertext"][0]
    assert spec.figure["layout"]["meta"]["click"] == "chronologie/"
    assert all("hovertemplate" not in t for t in spec.figure["data"])  # '%{x}' in data stays text


def test_home_timeline_is_the_reduced_one(specs):
    full, home = specs["timeline"], specs["timeline-home"]
    assert home.marks == full.marks
    assert home.height < full.height
    assert home.aside == [] and "listé dans la chronologie" in home.summary


def test_mentions_count_aliases_per_article(specs):
    spec = specs["actors-mentions"]
    assert spec.mark_selector.endswith(".barlayer .point")
    per = [dict(zip(t["y"], t["x"])) for t in spec.figure["data"]]  # one trace per article, oldest first
    assert len(per) == 2
    first, second = per
    assert first["irina-kolesnik"] == 5
    assert second["irina-kolesnik"] == 2
    # "République de Sundo" and "Sundo" are two spellings of one actor, never counted twice.
    assert first["sundo"] == 1 and second["sundo"] == 2
    # The boilerplate line "Source" and the draft actor's alias "Lev" count for nobody.
    assert second["lev-orlov"] == 2 and "acteur-brouillon" not in second
    assert spec.marks == sum(len(v) for v in per)
    assert spec.table.rows[0][0] in ("Irina Kolesnik", "Park <b>Tae-ho</b>")


def test_network_counts_shared_events(specs):
    spec = specs["actors-network"]
    trace = spec.figure["data"][0]
    pairs = set(zip(trace["x"], trace["y"]))
    assert ("irina-kolesnik", "park-tae-ho") in pairs and ("park-tae-ho", "irina-kolesnik") in pairs
    assert spec.marks == len(trace["x"]) == 2 * 9
    assert spec.table.rows[0][:3] == ["Norvalie", "République de Sundo", "7"]


def test_presence_counts_events_per_actor_and_month(specs):
    spec = specs["actors-presence"]
    trace = spec.figure["data"][0]
    cells = list(zip(trace["y"], trace["x"]))
    assert ("irina-kolesnik", "2030-09-01") in cells
    assert spec.marks == len(cells)
    # Year-only events (2031, 2029) are not put in a month: they are counted apart in the table.
    assert not any(x.endswith("-01-01") and y == "norvalie" for y, x in cells if x.startswith("2029"))
    assert any(row[1] == "année seule ou date non précisée" for row in spec.table.rows)


def test_a_changed_record_changes_the_figure(tmp_path, specs):
    root = tmp_path / "data-root"
    shutil.copytree(FIXTURE, root)
    events = root / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "  date: 2031-01-20\n" in text
    events.write_text(text.replace("  date: 2031-01-20\n", "  date: 2031-01-27\n"), encoding="utf-8")
    changed = charts.figures(dataset.load(root))
    assert changed["timeline"].figure != specs["timeline"].figure

    def x_of(spec):
        t = next(t for t in points(spec) if "entretien-janvier" in t["customdata"])
        return t["x"][t["customdata"].index("entretien-janvier")]

    assert x_of(changed["timeline"]) > x_of(specs["timeline"])
    assert changed["actors-mentions"].figure == specs["actors-mentions"].figure  # bodies unchanged


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_block(specs):
    spec = specs["timeline"]
    block = charts.html_block("timeline", spec, "../")
    assert block.startswith("<figure ") and "\n\n" not in block
    assert all(line and not line[0].isspace() for line in block.splitlines())
    p = Tags()
    p.feed(block)
    fig = p.tags[0][1]
    assert fig["data-chart-src"] == "../assets/charts/timeline.json"
    assert fig["data-plotly-src"] == "../assets/vendor/plotly-basic.min.js"
    assert fig["data-marks"] == "21"
    plot = next(a for t, a in p.tags if a.get("class") == "rpdc-chart__plot")
    # No role nor tabindex on the box Plotly fills (axe nested-interactive); the figure takes the
    # skip link's focus; the drawings (narrow, wide) are images named by the summary.
    assert "tabindex" not in plot and "role" not in plot and fig["tabindex"] == "-1"
    svgs = [a for t, a in p.tags if t == "svg" and a.get("role") == "img"]
    assert [a["class"] for a in svgs] == ["rpdc-svg rpdc-svg--narrow", "rpdc-svg rpdc-svg--wide"]
    assert all(a["role"] == "img" and a["aria-labelledby"] == "graphique-timeline-resume" for a in svgs)
    assert f'<span id="graphique-timeline-resume">{html.escape(spec.summary, quote=True)}</span>' in block
    assert sum(1 for t, _a in p.tags if t == "tr") == len(spec.table.rows) + 1
    assert '"data":' not in block and "hovertext" not in block  # the figure JSON stays out of the page
    assert "&lt;b&gt;" in block and "<b>" not in block


def test_write_json_is_deterministic(tmp_path, specs):
    a, b = tmp_path / "a", tmp_path / "b"
    charts.write_json(specs, a)
    charts.write_json(charts.figures(dataset.load(FIXTURE)), b)
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(f"{k}.json" for k in specs) and names == sorted(p.name for p in b.iterdir())
    for name in names:
        raw = (a / name).read_bytes()
        assert raw == (b / name).read_bytes()
        doc = json.loads(raw)
        assert doc["_generated"].startswith("Generated by build_scripts/site/charts")
        assert set(doc) == {"_generated", "data", "layout"}
        assert "uid" not in raw.decode("utf-8")


def test_main_writes_the_figures(tmp_path, capsys):
    assert charts.main(check.load_valid(FIXTURE), tmp_path / "out") == 0
    assert (tmp_path / "out" / "timeline.json").exists()
    assert "chart figures" in capsys.readouterr().out


def test_mark_selectors_documented(specs):
    selectors = set(charts.MARK_SELECTORS.values())
    assert {s.mark_selector for s in specs.values()} <= selectors


@pytest.mark.parametrize("slot", sorted(style.COLOURS))
def test_palette_contrast_in_both_themes(slot):
    def lum(hex_colour):
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a, b):
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    light, dark = style.COLOURS[slot]
    assert contrast(light, style.BACKGROUND["light"]) >= 3.0, (slot, light)
    assert contrast(dark, style.BACKGROUND["dark"]) >= 3.0, (slot, dark)


def hover_lines(markup: str) -> list[str]:
    """The lines a hover label shows (markup removed, entities decoded)."""
    import html
    import re

    return [html.unescape(re.sub(r"</?b>", "", line)) for line in markup.split("<br>")]


def test_wrap_breaks_lines_at_spaces_and_escapes():
    assert chart_spec.wrap("Ensemble d'accords à signer lors de la visite de Poutine", bold=True) == (
        "<b>Ensemble d&#x27;accords à signer lors de la</b><br><b>visite de Poutine</b>"
    )
    assert chart_spec.wrap_runs(
        [("Parti des travailleurs de Corée", True), (" et ", False), ("Russie unie", True)]
    ) == ("<b>Parti des travailleurs de Corée</b> et<br><b>Russie unie</b>")
    # A word longer than a line is cut; continuation lines are indented; non-breaking spaces hold.
    assert chart_spec.wrap("· " + "x" * 40, width=20, indent="  ") == (
        "· " + "x" * 18 + "<br>  " + "x" * 18 + "<br>  " + "x" * 4
    )
    assert chart_spec.wrap(
        "Acteurs\u00a0: "
        + ", ".join(chart_spec.unbreakable(n) for n in ["Vladimir Poutine", "Kim Jong Un", "Choe Son Hui"])
    ) == ("Acteurs\u00a0: Vladimir\u00a0Poutine,<br>Kim\u00a0Jong\u00a0Un, Choe\u00a0Son\u00a0Hui")
    assert chart_spec.wrap("<b>a</b> & <br>") == "&lt;b&gt;a&lt;/b&gt; &amp; &lt;br&gt;"
    assert chart_spec.wrap("") == ""


def hovers(specs):
    for chart_id, spec in specs.items():
        for t in spec.figure["data"]:
            for h in t.get("hovertext") or []:
                yield chart_id, h


@pytest.mark.parametrize("root", [FIXTURE, HERE.parent], ids=["fixture", "site-data"])
def test_hover_lines_fit_a_phone(root):
    specs = charts.figures(dataset.load(root))
    seen = 0
    for chart_id, h in hovers(specs):
        for line in hover_lines(h):
            assert len(line) <= 38, (chart_id, line)
            seen += 1
    assert seen > 100


def test_network_matrix_is_square_on_the_site_data():
    specs = charts.figures(dataset.load(HERE.parent))
    spec = specs["actors-network"]
    lay, trace = spec.figure["layout"], spec.figure["data"][0]
    order = lay["xaxis"]["categoryarray"]
    assert lay["yaxis"]["categoryarray"] == order and len(order) == actor_charts.MATRIX_MAX == 10
    assert lay["xaxis"]["tickvals"] == lay["yaxis"]["tickvals"] == order
    # Every row and every column holds at least one bubble.
    assert set(trace["x"]) == set(trace["y"]) == set(order)
    assert lay["xaxis"]["range"] == [-0.6, 9.6] and lay["yaxis"]["range"] == [9.6, -0.6]
    assert spec.marks == len(trace["x"])


def test_network_keeps_only_actors_linked_within_the_matrix():
    from collections import Counter

    count = Counter({("a", "b"): 5, ("a", "c"): 4, ("b", "c"): 3, ("d", "x"): 3, ("e", "x"): 3, ("c", "f"): 1})
    ranked = ["a", "b", "c", "x", "d", "e", "f"]
    assert actor_charts.matrix_actors(ranked, count, 3) == ["a", "b", "c"]
    # "x" is linked only to "d" and "e", left out at 4: it gives its place to "f" (linked to "c").
    assert actor_charts.matrix_actors(ranked, count, 4) == ["a", "b", "c", "f"]
    assert actor_charts.matrix_actors(ranked, count, 5) == ["a", "b", "c", "x", "d"]


def test_presence_axis_labels_fit_a_phone(specs):
    xaxis = specs["actors-presence"].figure["layout"]["xaxis"]
    assert (xaxis["nticks"], xaxis["tickangle"], xaxis["automargin"], xaxis["side"]) == (4, 0, True, "top")
    assert xaxis["tickfont"] == {"size": 12}


def test_presence_summary_gives_the_busiest_month_of_its_actor():
    actors = {"a": {"id": "a", "name": "Alpha"}, "b": {"id": "b", "name": "Bêta"}}
    events = [
        {"id": "e1", "date": "2024-01-10", "actors": ["a", "b"]},
        {"id": "e2", "date": "2024-01-12", "actors": ["b"]},
        {"id": "e3", "date": "2024-01", "actors": ["b"]},
        {"id": "e4", "date": "2024-03-02", "actors": ["a"]},
        {"id": "e5", "date": "2024-03-20", "actors": ["a"]},
        {"id": "e6", "date": "2024-05-01", "actors": ["a"]},
    ]
    spec = actor_charts.presence(actors, events)
    # January 2024 is the busiest month overall (4 presences), March Alpha's (2 events).
    assert spec is not None and spec.summary == (
        "Alpha apparaît dans 4\u00a0événements datés au mois près, sur 3\u00a0mois\u202f; "
        "son mois le plus chargé est mars 2024 (2\u00a0événements)."
    )
    one = actor_charts.presence(actors, events[:1])
    assert one is not None and one.summary == "Alpha apparaît dans 1\u00a0événement daté au mois près, sur 1\u00a0mois."


# --- one actor's page: its mentions, article by article, and the actors of its events ---------------


def bars(spec) -> list[tuple[str, int]]:
    (trace,) = spec.figure["data"]
    assert trace["type"] == "bar" and trace["orientation"] == "h"
    assert trace["text"] == [str(x) for x in trace["x"]]  # each bar shows its value
    return list(zip(trace["y"], trace["x"]))


def test_actor_mentions_chart(specs, ds):
    spec = specs["actor-irina-kolesnik--mentions"]
    # The counting of the Acteurs page's chart, one bar per article that names her, oldest first.
    assert bars(spec) == [("2030-essai-sommet", 5), ("2031-essai-suites", 2)]
    page_chart = specs["actors-mentions"].figure["data"]  # one trace per article, oldest first
    assert [n for _art, n in bars(spec)] == [dict(zip(t["y"], t["x"]))["irina-kolesnik"] for t in page_chart]
    assert spec.summary == (
        "Le corpus nomme Irina Kolesnik 7\u00a0fois, dans les 2 articles\u202f; le plus souvent dans "
        "«\u202fEssai : sommet <i>fictif</i> à Port-Alder\u202f» (5\u00a0fois)."
    )
    assert spec.title == "Ses mentions, article par article"
    assert spec.marks == 2 and spec.mark_selector == charts.MARK_SELECTORS["bar"]
    lay = spec.figure["layout"]
    # Short labels (date, then the title's start cut after a word), escaped; the whole title in the hover.
    assert lay["yaxis"]["ticktext"] == ["décembre 2030<br>Essai : sommet…", "10 février 2031<br>Essai : les suites du…"]
    assert lay["yaxis"]["automargin"] is True and lay["yaxis"]["autorange"] == "reversed"
    assert spec.figure["data"][0]["hovertext"][0] == (
        "<b>Essai : sommet &lt;i&gt;fictif&lt;/i&gt; à</b><br><b>Port-Alder</b><br>décembre 2030<br>5\u00a0mentions"
    )
    assert spec.table.headers == ["Article", "Publication", "Mentions"]
    assert spec.table.rows == [
        ["Essai : sommet <i>fictif</i> à Port-Alder", "décembre 2030", "5"],
        ["Essai : les suites du sommet [lien](javascript:alert(1))", "10 février 2031", "2"],
    ]
    assert spec.height == 40 + actor_charts.ARTICLE_BAR_PX * 2
    # An actor named in one article only: one bar, the other article stays in the table with 0.
    lev = specs["actor-lev-orlov--mentions"]
    assert bars(lev) == [("2031-essai-suites", 2)]
    assert lev.summary == (
        "Le corpus nomme Lev Orlov 2\u00a0fois, dans 1 des 2 articles\u00a0: "
        "«\u202fEssai : les suites du sommet [lien](javascript:alert(1))\u202f»."
    )
    assert [r[2] for r in lev.table.rows] == ["0", "2"]
    assert lev.height < spec.height


def test_actor_with_chart(specs):
    spec = specs["actor-park-tae-ho--with"]
    # the summit and the tête-à-tête that is part of it are one event
    assert bars(spec) == [("irina-kolesnik", 4), ("agence-boreale", 1), ("lev-orlov", 1), ("norvalie", 1)]
    assert spec.summary == (
        "Irina Kolesnik est l'acteur qui partage le plus d'événements avec Park <b>Tae-ho</b> "
        "(4\u00a0événements communs)\u202f; en tout, 4\u00a0acteurs apparaissent dans au moins un "
        "de ses événements."
    )
    assert spec.title == "Acteurs des mêmes événements"
    assert spec.marks == 4 and spec.mark_selector == charts.MARK_SELECTORS["bar"]
    assert spec.height == 40 + actor_charts.PARTNER_BAR_PX * 4
    lay = spec.figure["layout"]
    assert lay["yaxis"]["ticktext"] == ["Irina Kolesnik", "Agence Boréale &lt;scrip…", "Lev Orlov", "Norvalie"]
    assert spec.table.rows[0][:2] == ["Irina Kolesnik", "4"] and len(spec.table.rows) == 4
    hover = spec.figure["data"][0]["hovertext"][0]
    assert hover.startswith("<b>Irina\u00a0Kolesnik</b><br>4\u00a0événements communs<br>·\u00a0Sommet &lt;b&gt;de")
    assert hover.endswith("<br>·\u00a0Invitation à revenir en Norvalie")
    # The pairs are the network's: the same counts seen from the other side.
    irina = dict(bars(specs["actor-irina-kolesnik--with"]))
    assert irina["park-tae-ho"] == 4
    assert "actor-mae-norvalie--with" not in specs  # in no event with another actor: no chart
    assert bars(specs["actor-lev-orlov--with"]) == [("park-tae-ho", 1), ("sundo", 1)]
    assert specs["actor-lev-orlov--with"].summary == "2\u00a0acteurs partagent chacun 1\u00a0événement avec Lev Orlov."


def test_actor_with_chart_top_ten_and_summaries():
    actors = {f"a{i:02d}": {"id": f"a{i:02d}", "name": f"Acteur {i:02d}"} for i in range(13)}
    actors["low"] = {"id": "low", "name": "les pays voisins"}
    events = [{"id": f"e{i}", "title": f"Événement {i}", "actors": ["a00", f"a{i:02d}"]} for i in range(1, 13)]
    events += [
        {"id": "x1", "title": "Encore", "actors": ["a00", "a03", "a05"]},
        {"id": "x2", "title": "Toujours", "actors": ["a00", "a03", "inconnu"]},
    ]
    spec = actor_charts.actor_partners(actors, events, "a00")
    assert spec is not None
    got = bars(spec)
    assert len(got) == actor_charts.PARTNERS_MAX == spec.marks
    assert got[:3] == [("a03", 3), ("a05", 2), ("a01", 1)]
    assert [x for _y, x in got] == sorted((x for _y, x in got), reverse=True)
    assert len(spec.table.rows) == 12  # the table has them all, the unknown actor none
    assert spec.summary == (
        "Acteur 03 est l'acteur qui partage le plus d'événements avec Acteur 00 "
        "(3\u00a0événements communs)\u202f; en tout, 12\u00a0acteurs apparaissent dans au moins un "
        "de ses événements (le graphique montre les 10 premiers, le tableau tous)."
    )
    alone = actor_charts.actor_partners(actors, [{"id": "y", "title": "T", "actors": ["low", "a01"]}], "a01")
    assert alone is not None
    assert alone.summary == "Les pays voisins est le seul acteur à partager un événement avec Acteur 01."
    pair = [
        {"id": f"p{i}", "title": f"P{i}", "actors": ["a00", a]}
        for i, a in enumerate(["a01", "a02", "a01", "a02", "a03"])
    ]
    shared_most = actor_charts.actor_partners(actors, pair, "a00")
    assert shared_most is not None and shared_most.summary == (
        "Acteur 01 et Acteur 02 sont les acteurs qui partagent le plus d'événements avec Acteur 00 "
        "(2\u00a0événements chacun)\u202f; en tout, 3\u00a0acteurs apparaissent dans au moins un de ses événements."
    )
    one_each = actor_charts.actor_partners(actors, pair[:2], "a00")
    assert one_each is not None and one_each.summary == (
        "2\u00a0acteurs partagent chacun 1\u00a0événement avec Acteur 00."
    )
    assert actor_charts.actor_partners(actors, [{"id": "n", "actors": ["a01"]}], "a01") is None


def test_actor_mentions_none_without_a_mention(ds):
    actors = dict(ds.by_id("actors"))
    actors["muet"] = {"id": "muet", "name": "Acteur muet", "aliases": ["Personne-jamais-nommée"]}
    assert actor_charts.actor_mentions(actors, ds.articles, "muet") is None
    spec = actor_charts.actor_mentions(actors, ds.articles, "sundo")
    assert bars(spec) == [("2030-essai-sommet", 1), ("2031-essai-suites", 2)]


def test_actor_title_start_cuts_after_a_word():
    assert actor_charts.title_start("Sommet de Vostochny : plus de cinq heures") == "Sommet de Vostochny…"
    assert actor_charts.title_start("Selon l'agence KCNA, Vladimir Poutine") == "Selon l'agence KCNA…"
    assert actor_charts.title_start("x" * 40) == "x" * 21 + "…"
    assert actor_charts.title_start("Court") == "Court"


# --- the actor charts count encounters, as the home page does --------------------------------------

MEETING_KINDS = {"summit", "meeting", "visit"}


def _occasions_again(events: list[dict]) -> dict[str, list[dict]]:
    """Each event under the highest meeting, summit or visit it is part of (``part_of``), counted
    again here from the records: a visit with its summit and tours is one."""
    by_id = {e["id"]: e for e in events}

    def top(e: dict) -> str:
        found, seen, parent = e, {e["id"]}, by_id.get(e.get("part_of") or "")
        while parent is not None and parent["id"] not in seen:
            seen.add(parent["id"])
            if parent.get("kind") in MEETING_KINDS:
                found = parent
            parent = by_id.get(parent.get("part_of") or "")
        return found["id"]

    groups: dict[str, list[dict]] = {}
    for e in events:
        groups.setdefault(top(e), []).append(e)
    return groups


def _month(value) -> str | None:
    t = timeline.parse(value)
    return None if t is None or t.start.month is None else f"{t.start.year}-{t.start.month:02d}"


@pytest.mark.parametrize("root", [FIXTURE, HERE.parent], ids=["fixture", "site-data"])
def test_actor_charts_count_a_visit_and_its_parts_once(root):
    ds = dataset.load(root)
    events = [e for e in ds.published("events") if isinstance(e, dict)]
    actors = ds.by_id("actors")
    ids = {str(a.get("name") or aid): aid for aid, a in actors.items()}
    groups = _occasions_again(events)
    assert any(len(g) > 1 for g in groups.values()), "no visit with parts in the data: nothing checked"
    specs = charts.figures(ds)

    # Who appears with whom: one per occasion in which a record names both.
    expected: dict[tuple[str, str], int] = {}
    by_record: dict[tuple[str, str], int] = {}
    for group in groups.values():
        named = set()
        for e in group:
            people = sorted(set(e.get("actors") or []) & set(actors))
            pairs = {(a, b) for i, a in enumerate(people) for b in people[i + 1 :]}
            for p in pairs:
                by_record[p] = by_record.get(p, 0) + 1
            named |= pairs
        for p in named:
            expected[p] = expected.get(p, 0) + 1
    rows = specs["actors-network"].table.rows
    got = {tuple(sorted((ids[r[0]], ids[r[1]]))): int(r[2]) for r in rows}
    assert got == expected and len(rows) == len(expected) > 0
    assert any(by_record[p] > n for p, n in expected.items()), "no pair named in two parts of a visit"

    # One actor's page: the same counts, from its side.
    for aid in {a for p in expected for a in p}:
        spec = specs.get(f"actor-{aid}--with")
        assert spec is not None, aid
        mine = {ids[r[0]]: int(r[1]) for r in spec.table.rows}
        assert mine == {(b if a == aid else a): n for (a, b), n in expected.items() if aid in (a, b)}, aid

    # Presence: one per occasion and month (the month of its top record, else of its first dated part).
    months: dict[tuple[str, str], int] = {}
    for top_id, group in groups.items():
        top = next(e for e in group if e["id"] == top_id) if any(e["id"] == top_id for e in group) else group[0]
        dated = [m for m in (_month(e.get("date")) for e in [top, *group]) if m]
        month = _month(top.get("date")) or (min(dated) if dated else None)
        if month is None:
            continue
        for a in {a for e in group for a in e.get("actors") or [] if a in actors}:
            months[(a, month)] = months.get((a, month), 0) + 1
    trace = specs["actors-presence"].figure["data"][0]
    cells = {(y, x[:7]) for x, y in zip(trace["x"], trace["y"])}
    assert cells == set(months)
    per_row = {
        (ids[r[0]], r[1]): int(r[2])
        for r in specs["actors-presence"].table.rows
        if r[1] != "année seule ou date non précisée"
    }
    assert sum(per_row.values()) == sum(months.values()) and len(per_row) == len(months)


def _flat(words: list[str]) -> re.Pattern:
    """The mentions' pattern as a flat list of alternatives, longest first (what ``trie`` replaces)."""
    alts = sorted(set(words), key=lambda a: (-len(a), a))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")


_LETTERS = st.sampled_from(list("KkiméJ -'’.ÉoU"))


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.text(_LETTERS, min_size=1, max_size=8), min_size=1, max_size=12),
    st.text(_LETTERS, max_size=80),
)
def test_the_tree_of_aliases_finds_what_the_flat_list_finds(words, text):
    tree = re.compile(r"(?<!\w)(?:" + actor_charts.trie(words) + r")(?!\w)")
    flat = _flat(words)
    assert [(m.span(), m.group(0)) for m in tree.finditer(text)] == [
        (m.span(), m.group(0)) for m in flat.finditer(text)
    ]


def test_the_tree_of_aliases_prefers_the_longest_name():
    words = ["Kim", "Kim Jong Un", "Kim Yo Jong", "Jong"]
    tree = re.compile(r"(?<!\w)(?:" + actor_charts.trie(words) + r")(?!\w)")
    found = [m.group(0) for m in tree.finditer("Kim Jong Un reçoit Kim Yo Jong, puis Kim Jong seul.")]
    assert found == ["Kim Jong Un", "Kim Yo Jong", "Kim", "Jong"]


def test_a_long_presence_table_counts_by_year(monkeypatch, specs):
    """Past PRESENCE_ROWS months the table counts each actor's events by year: the same events,
    fewer rows; the chart keeps its months."""
    by_month = specs["actors-presence"]
    monkeypatch.setattr(actor_charts, "PRESENCE_ROWS", 1)
    ds = dataset.load(FIXTURE)
    spec = actor_charts.presence(ds.by_id("actors"), ds.published("events"))
    assert spec is not None
    assert spec.figure == by_month.figure
    assert spec.table.headers[1] == "Année" and "par année" in spec.table.caption
    dated = [r for r in spec.table.rows if r[1] != "année seule ou date non précisée"]
    months = [r for r in by_month.table.rows if r[1] != "année seule ou date non précisée"]
    assert 0 < len(dated) < len(months)
    assert all(re.fullmatch(r"\d{4}", r[1]) for r in dated)
    assert sum(int(r[2]) for r in dated) == sum(int(r[2]) for r in months)
    per_year: dict[tuple[str, str], int] = {}
    for r in months:
        key = (r[0], next(w for w in r[1].split() if w.isdigit()))
        per_year[key] = per_year.get(key, 0) + int(r[2])
    assert {(r[0], r[1]): int(r[2]) for r in dated} == per_year


def test_a_crowded_drawing_keeps_the_first_lines_of_each_mark_s_hover(monkeypatch, specs):
    """Past svg.BRIEF_AFTER marks the static drawing's <title>s keep who, when and how many; the
    interactive figure keeps the whole hover text."""
    from build_scripts.site.charts import svg

    spec = specs["actors-presence"]
    full = svg.scene(spec, svg.WIDTHS["wide"])
    long = [m.title for m in full.marks if m.title.count("\n") >= svg.BRIEF_LINES]
    assert long, "the fixture has marks with event titles under their count"
    monkeypatch.setattr(svg, "BRIEF_AFTER", spec.marks - 1)
    brief = svg.scene(spec, svg.WIDTHS["wide"])
    assert len(brief.marks) == len(full.marks) > 0
    for a, b in zip(full.marks, brief.marks, strict=True):
        assert b.title == "\n".join(a.title.split("\n")[: svg.BRIEF_LINES])
        assert b.shapes == a.shapes and b.ref == a.ref
    assert spec.figure["data"][0]["hovertext"]  # the figure itself is untouched
