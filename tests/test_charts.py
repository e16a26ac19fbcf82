"""The chart specs built from the fixture dataset tests/fixtures/charts/ (corpus/ and data/).

Golden files: tests/golden/charts/<chart id>.json hold each ChartSpec (figure, summary,
table, marks, height). After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 /work/main/.venv/bin/python -m pytest tests/test_charts.py
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import plotly.graph_objects as go
import pytest

from build_scripts import charts, dataset
from build_scripts.charts import style

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
    assert "actor-irina-kolesnik" in actor_charts and "actor-park-tae-ho" in actor_charts
    assert "actor-acteur-brouillon" not in actor_charts  # a draft actor has no chart
    assert actor_charts == {f"actor-{a}" for a in ds.by_id("actors")
                            if any(a in (e.get("actors") or []) and e.get("date") for e in ds.published("events"))}


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


def test_timeline_marks_every_dated_event_once(specs, ds):
    spec = specs["timeline"]
    published = ds.published("events")
    dated = [e for e in published if e.get("date")]
    ids = [i for t in points(spec) for i in t["customdata"]]
    assert sorted(ids) == sorted(e["id"] for e in dated)
    assert spec.marks == len(dated) == 19
    # The undated event is in the table (not on the axis), and the summary says so.
    assert "nouvelle-visite" not in ids
    assert any(row[1] == "Nouvelle visite à Port-Alder" and row[0] == "date non précisée" for row in spec.table.rows)
    assert "1 non daté" in spec.summary
    assert len(spec.table.rows) == len(published)


def test_timeline_precision_day_is_a_point_others_a_segment(specs, ds):
    spec = specs["timeline"]
    segments = [t for t in spec.figure["data"] if t.get("mode") == "lines"]
    starts = [x for t in segments for x in t["x"][0::3]]
    ends = [x for t in segments for x in t["x"][1::3]]
    spans = dict(zip(starts, ends))
    # month, year, intervals of days / months / years: one segment each over their span
    assert spans["2030-10-01"] == "2030-11-01"            # 2030-10
    assert spans["2029-01-01"] == "2031-01-01"            # 2029/2030
    assert spans["2030-09-12"] == "2030-09-17"            # 2030-09-12/2030-09-16
    assert spans["2031-01-01"] in ("2031-04-01", "2032-01-01")  # 2031-01/2031-03 and the 2031 events
    n_not_day = sum(1 for e in ds.published("events") if e.get("date") and len(str(e["date"])) != 10)
    assert len(starts) == n_not_day == 13
    assert "1951-05-02" not in starts  # a day: a point only


def test_timeline_kinds_by_colour_and_shape_statuses_by_fill(specs):
    spec = specs["timeline"]
    kinds = {t["name"]: t for t in points(spec)}
    assert set(kinds) == {label for _f, _s, label in style.KINDS.values()}  # the fixture has every kind
    symbols = [t["marker"]["symbol"] for t in kinds.values()]
    base = {s[0].split("-open")[0] for s in symbols}
    assert len(base) == len(kinds)  # one shape per kind
    colours = {t["marker"]["color"] for t in kinds.values()}
    assert len(colours) == len(style.FAMILIES)
    all_symbols = [s for group in symbols for s in group]
    assert any(s.endswith("-open") for s in all_symbols)       # planned / cancelled
    assert any(s.endswith("-open-dot") for s in all_symbols)   # proposed
    opacities = [o for t in kinds.values() for o in t["marker"]["opacity"]]
    assert 0.45 in opacities and 1.0 in opacities                # alleged / cancelled vs the rest
    legend = [t["name"] for t in spec.figure["data"] if t.get("legendgroup") == "statut"]
    assert legend == ["A eu lieu", "Prévu", "Proposé", "Rapporté sans confirmation", "Annulé"]
    dashes = {t["line"]["dash"] for t in spec.figure["data"] if t.get("mode") == "lines"}
    assert {"solid", "dot"} <= dashes


def test_timeline_hover_and_click(specs):
    spec = specs["timeline"]
    summit = next(t for t in points(spec) if t["name"] == "Sommet")
    i = summit["customdata"].index("sommet-port-alder")
    hover = summit["hovertext"][i]
    assert "14 septembre 2030" in hover                      # the date as written in French
    assert "Irina Kolesnik, Park &lt;b&gt;Tae-ho&lt;/b&gt;" in hover  # actors' names, escaped
    assert "2 sources" in hover
    assert "<a " not in hover and "&lt;a href=" in hover
    assert spec.figure["layout"]["meta"]["click"] == "chronologie/"
    assert all("hovertemplate" not in t for s in [spec] for t in s.figure["data"])  # '%{x}' in data stays text


def test_timeline_opens_on_the_dense_stretch_with_everything_one_click_away(specs):
    lay = specs["timeline"].figure["layout"]
    (focus, everything) = lay["meta"]["ranges"]
    assert lay["xaxis"]["range"] == focus["range"]
    assert focus["label"] == "2030–2031" and everything["label"] == "Tout"
    assert everything["range"][0] < "1951-05-02" < "2031-12-31" < everything["range"][1]
    assert "2030-09-14" > focus["range"][0] and "2031-03-03" < focus["range"][1]


def test_home_timeline_is_the_reduced_one(specs):
    full, home = specs["timeline"], specs["timeline-home"]
    assert home.marks == full.marks
    assert home.height < full.height
    assert home.figure["layout"]["showlegend"] is False


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
    meeting = next(t for t in points(changed["timeline"]) if t["name"] == "Rencontre")
    assert meeting["x"][meeting["customdata"].index("entretien-janvier")] == "2031-01-27"
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
    assert fig["data-marks"] == "19"
    plot = next(a for t, a in p.tags if a.get("class") == "rpdc-chart__plot")
    assert plot["tabindex"] == "0" and plot["aria-label"] == spec.summary
    assert f"height:{spec.height}px" in plot["style"]
    assert sum(1 for t, _a in p.tags if t == "tr") == len(spec.table.rows) + 1
    assert '"data":' not in block and "hovertext" not in block  # the figure JSON stays out of the page
    assert "&lt;b&gt;de Port-Alder&lt;/b&gt;" in block and "<b>" not in block


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
        assert doc["_generated"].startswith("Generated by build_scripts/charts")
        assert set(doc) == {"_generated", "data", "layout"}
        assert "uid" not in raw.decode("utf-8")


def test_main_writes_the_figures(tmp_path, capsys):
    assert charts.main(FIXTURE, tmp_path / "out") == 0
    assert (tmp_path / "out" / "timeline.json").exists()
    assert "chart figures" in capsys.readouterr().out


def test_mark_selectors_documented(specs):
    selectors = set(charts.MARK_SELECTORS.values())
    assert {s.mark_selector for s in specs.values()} <= selectors


@pytest.mark.parametrize("slot", sorted(style.COLOURS))
def test_palette_contrast_in_both_themes(slot):
    def lum(hex_colour):
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a, b):
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    light, dark = style.COLOURS[slot]
    assert contrast(light, style.BACKGROUND["light"]) >= 3.0, (slot, light)
    assert contrast(dark, style.BACKGROUND["dark"]) >= 3.0, (slot, dark)
