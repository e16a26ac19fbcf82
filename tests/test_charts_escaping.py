"""Data never becomes markup in a chart: arbitrary strings in event titles, actor names,
aliases, article titles and bodies reach the figure JSON and the page block as text only."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from examples import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts import dataset
from build_scripts.site import charts
from build_scripts.site.charts import svg

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "charts"
BASE = dataset.load(FIXTURE)
# The only markup the chart code writes into Plotly labels.
OWN_TAGS = re.compile(r"</?b>|<br>")
PAGE_TAGS = {
    "figure",
    "p",
    "div",
    "figcaption",
    "a",
    "details",
    "summary",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
    "ul",
    "li",
    "svg",
    "g",
    "path",
    "title",
    "text",
    "tspan",
}

nasty = st.one_of(
    st.text(min_size=1, max_size=40),
    st.sampled_from(
        [
            "<b>gras</b>",
            "<br>",
            '<a href="javascript:alert(1)">x</a>',
            "<script>alert(1)</script>",
            "&lt;b&gt;",
            "%{x}",
            "{{ page.title }}",
            "</td></tr></table>",
            '" onmouseover="x',
            "&amp;",
            "<img src=x onerror=alert(1)>",
            "a\nb",
            "\u202eRTL",
            "",
        ]
    ),
).map(lambda s: s or "x")


def dataset_with(titles, names, body_extra):
    ds = copy.deepcopy(BASE)
    for e, t in zip(ds.records("events"), titles):
        e["title"] = t
    for a, n in zip(ds.records("actors"), names):
        a["name"] = n
        a["aliases"] = list(a["aliases"]) + [n]
    for q, t in zip(ds.records("quotes"), titles):
        q["text"] = t
    for art in ds.articles.values():
        art.body = art.body + "\n" + body_extra + " " + " ".join(names)
        art.meta["title"] = body_extra
    return ds


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titles=st.lists(nasty, min_size=20, max_size=20), names=st.lists(nasty, min_size=9, max_size=9), body_extra=nasty
)
def test_data_strings_never_become_markup(titles, names, body_extra):
    ds = dataset_with(titles, names, body_extra)
    specs = charts.figures(ds)
    assert "timeline" in specs and "actors-network" in specs
    seen = seen_svg = 0
    for chart_id, spec in specs.items():
        blob = json.loads(spec.figure_json())
        for s in strings(blob):
            leftover = OWN_TAGS.sub("", s)
            assert "<" not in leftover, (chart_id, s)
            seen += 1
        block = charts.html_block(chart_id, spec, "../")
        p = Tags()
        p.feed(block)
        assert {t for t, _a in p.tags} <= PAGE_TAGS, chart_id
        # only the block's own links: its data table, the legend page if any, the undated facts listed
        assert sum(1 for t, _a in p.tags if t == "a") == 1 + bool(spec.legend_href) + len(spec.aside), chart_id
        assert all(not k.startswith("on") for _t, a in p.tags for k in a), chart_id
        assert "\n\n" not in block
        # The drawing's words are the scene's strings, as text: what the parser reads back is
        # exactly what svg.scene() computed from the data.
        texts = SvgText()
        texts.feed(block)
        want = []
        for width in svg.WIDTHS.values():
            sc = svg.scene(spec, width)
            want += [line for m in sc.marks if m.title for line in m.title.split("\n")]
            want += [line for t in sc.texts for line in t.lines]
        assert sorted(texts.found) == sorted(want), chart_id
        seen_svg += len(want)
    assert seen > 100 and seen_svg > 100


class SvgText(HTMLParser):
    """The text of each line of the drawings: <title> lines (split at the &#10; breaks), <tspan>s."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.found: list[str] = []
        self.buf = ""

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.buf = ""

    def handle_endtag(self, tag):
        if tag == "title" and "svg" in self.stack:
            self.found += self.buf.split("\n")
        elif tag == "tspan":
            self.found.append(self.buf)
        self.buf = ""
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("title", "tspan") and "svg" in self.stack:
            self.buf += data


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


@settings(max_examples=examples(200), deadline=None)
@given(runs=st.lists(st.tuples(nasty, st.booleans()), min_size=1, max_size=4), width=st.integers(5, 50))
def test_wrapped_hover_text_is_text_only_and_fits(runs, width):
    import html

    from build_scripts.site.charts.spec import text, wrap_runs

    out = wrap_runs(runs, width)
    assert "<" not in OWN_TAGS.sub("", out)
    assert out.count("<b>") == out.count("</b>")
    lines = [html.unescape(re.sub(r"</?b>", "", line)) for line in out.split("<br>")]
    assert all(len(line) <= width for line in lines)
    # Only the breaks differ: the words are all there, in order (escaped as text() would).
    words = "".join(s for s, _b in runs).split()
    assert re.sub(r"\s", "", "".join(lines)) == re.sub(r"\s", "", html.unescape(text("".join(words))))
