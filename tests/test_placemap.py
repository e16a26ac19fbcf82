"""The map of the places (build_scripts/site/charts/placemap.py and the Lieux page): drawn at build
time from data/places.yaml's coordinates, every place with facts in the list, data shown as text."""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser

from examples import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts import PROJECT, dataset
from build_scripts.dataset import addresses
from build_scripts.site import markup, pages
from build_scripts.site.charts import placemap

DS = dataset.load(PROJECT)


def test_every_place_with_coordinates_and_facts_is_on_the_map():
    m = placemap.build(DS)
    assert m is not None
    places = DS.by_id("places")
    with_facts = addresses.places_with_facts(DS)
    mapped = {pid for pid in with_facts if isinstance(places[pid].get("coordinates"), dict)}
    assert {p.id for p in m.places} == mapped and len(mapped) >= 5
    moscow = next(p for p in m.places if p.id == "moscou")
    assert moscow.inset  # Moscow is in the inset of the whole of Russia
    for p in m.places:
        assert 0 <= p.x <= m.width and 0 <= p.y <= m.height
        assert p.facts == len(placemap.facts_at(DS, {p.id}))
    # Pyongyang lies south-west of Vladivostok, and Vladivostok south of Komsomolsk: the projection holds.
    at = {p.id: p for p in m.places}
    assert at["pyongyang"].x < at["vladivostok"].x and at["pyongyang"].y > at["vladivostok"].y
    assert at["vladivostok"].y > at["komsomolsk-sur-l-amour"].y
    # Labels of the main frame never run off its edges.
    for p in m.places:
        if not p.inset:
            w = len(p.name) * 12 * 0.56
            left, right = (p.label_x, p.label_x + w) if p.anchor == "start" else (p.label_x - w, p.label_x)
            assert 0 <= left and right <= m.width, p


def test_coordinates_have_a_public_source_named_under_the_map():
    m = placemap.build(DS)
    assert m is not None
    drawn = {p.id for p in m.places}
    seen = 0
    for p in DS.by_id("places").values():
        co = p.get("coordinates")
        if co is not None and p["id"] in drawn:
            assert co["source"].startswith("https://"), p["id"]
            host = co["source"].split("/")[2].removeprefix("www.")
            assert host in m.coordinate_sources, p["id"]
            seen += 1
    assert seen >= 5
    page = pages.lieux(pages.Site(DS))
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S)
    assert caption and all(host in caption.group(1) for host in m.coordinate_sources)


def test_outline_is_generated_with_its_licence():
    doc = json.loads(placemap.OUTLINE.read_text(encoding="utf-8"))
    assert "Natural Earth" in doc["_generated"] and "scripts/make_map_outline.py" in doc["_generated"]
    names = {c["name"] for c in doc["countries"]}
    assert {"Russie", "Corée du Nord", "Chine"} <= names


class Parts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def test_lieux_page_lists_every_place_with_its_facts():
    page = pages.lieux(pages.Site(DS))
    p = Parts()
    p.feed(page)
    svg = [a for t, a in p.tags if t == "svg" and "rpdc-map" in (a.get("class") or "")]
    assert len(svg) == 1 and svg[0]["aria-hidden"] == "true"  # the list below is what is read
    links = [a for t, a in p.tags if t == "a" and (a.get("href") or "").startswith("#lieu-")]
    assert links and all(a["tabindex"] == "-1" and a["aria-hidden"] == "true" for a in links)
    sections = {a["id"] for t, a in p.tags if t == "section"}
    assert sections == {addresses.place_anchor(pid) for pid in addresses.places_with_facts(DS)}
    assert {a["href"][1:] for a in links} <= sections
    for pid in addresses.places_with_facts(DS):
        n = len(placemap.facts_at(DS, {pid}))
        block = page[page.index(f'id="lieu-{pid}"') :]
        block = block[: block.index("</section>")]
        assert block.count("<li>") == n, pid
    assert "Pyongyang" in "".join(p.text)


nasty = st.one_of(
    st.text(min_size=1, max_size=30),
    st.sampled_from(["<script>alert(1)</script>", "</text><a href='javascript:x'>", "&amp;", "\"'<>"]),
)


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=nasty)
def test_place_names_are_text_on_the_map_and_in_the_list(name):
    ds = copy.deepcopy(DS)
    ds.by_id("places")["pyongyang"]["name"] = name
    assert ds.by_id("places")["pyongyang"]["name"] == name
    page = pages.lieux(pages.Site(ds))
    p = Parts()
    p.feed(page)
    assert {t for t, _a in p.tags} <= {
        "p",
        "strong",
        "span",
        "figure",
        "figcaption",
        "svg",
        "rect",
        "path",
        "text",
        "a",
        "circle",
        "clippath",
        "g",
        "section",
        "ul",
        "li",
        "time",
        "div",
    }
    assert not any(k.startswith("on") for _t, a in p.tags for k in a)
    assert not any((a.get("href") or "").startswith("javascript") for _t, a in p.tags)
    shown = re.sub(r"\s+", " ", markup._clean(name)).strip()  # controls shown as U+FFFD
    assert any(shown and shown in re.sub(r"\s+", " ", t) for t in p.text) or not shown
