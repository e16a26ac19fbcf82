"""Pages that stay bounded as the corpus grows (issue #15): lists cut by year, charts aggregated.

Lists (addresses.shelve) and charts (timeline.aggregate) are tested on records made here, the
whole site on a synthetic corpus of 120 articles (build_scripts/quality/synthetic.py) generated
in memory, without MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from build_scripts import PROJECT
from build_scripts.dataset import addresses, check, story
from build_scripts.dataset.temporal import Temporal
from build_scripts.quality import synthetic
from build_scripts.site import charts, pages
from build_scripts.site.charts import spec as chart_spec
from build_scripts.site.charts import timeline


def items(dates: list[str]) -> list[tuple[str, Temporal | None]]:
    return [(f"r{i}", Temporal.parse(d) if d else None) for i, d in enumerate(dates)]


def test_a_list_that_fits_stays_whole_on_its_page():
    paged = addresses.shelve("chronologie.md", "chronologie", items(["2023-09-13", "2024", ""]), limit=3)
    assert not paged.cut
    assert paged.docs() == []
    assert set(paged.where.values()) == {"chronologie.md"} and len(paged.where) == 3


def test_a_long_list_is_cut_by_year_undated_last_and_a_crowded_year_where_the_month_changes():
    dates = ["2022-05-01"] * 2 + ["2024-01-10"] * 3 + ["2024-02-01"] * 3 + ["2024-03-05"] * 2 + ["", ""]
    paged = addresses.shelve("chronologie.md", "chronologie", items(dates), limit=6)
    assert paged.cut
    keys = [s.key for s in paged.shelves]
    assert keys == ["2022", "2024", "2024-2", "sans-date"]
    # the crowded year is cut where the month changes (after February), not in the middle of it
    assert [len(s.ids) for s in paged.shelves] == [2, 6, 2, 2]
    assert paged.where["r0"] == "chronologie/2022.md" and paged.where["r11"] == "chronologie/sans-date.md"
    assert [year for year, _s in paged.years()] == [2022, 2024, None]
    assert max(len(s.ids) for s in paged.shelves) <= 6


def test_a_page_of_a_crowded_year_says_its_months():
    shelf = addresses.Shelf("c/2024.md", "2024", 2024, 1, 2, ("a",), dt.date(2024, 1, 3), dt.date(2024, 3, 30))
    assert pages.shelf_words(shelf) == "2024, de janvier à mars"
    assert pages.short_months(shelf) == "janvier–mars"


def fact(i: int, date: str) -> dict:
    return {"id": f"e{i}", "title": f"Fait {i}", "date": date, "kind": "summit", "status": "held", "actors": []}


def test_a_timeline_of_many_facts_draws_counts_per_month_that_lead_to_the_month():
    events = [fact(i, f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}") for i in range(timeline.AGGREGATE_ABOVE["full"] + 1)]
    pages_of = {"mois-2024-03": "chronologie/2024-2/"}
    spec = timeline.build(events, {}, variant="full", pages=pages_of)
    assert spec is not None
    marks = [t for t in spec.figure["data"] if t.get("mode") == "markers"]
    refs = [r for t in marks for r in t["customdata"]]
    assert refs and len(refs) <= 12, refs  # one mark per month of the one lane
    assert "mois-2024-03" in refs
    assert spec.marks == len(refs)
    pages_list = [p for t in marks for p in t["meta"]["pages"]]
    assert pages_list[refs.index("mois-2024-03")] == "chronologie/2024-2/"
    # the table counts per month, and the counts add up to every fact
    assert spec.table.headers == ["Mois", "Famille", "Faits"]
    assert sum(int(row[2]) for row in spec.table.rows) == len(events)
    # what the page shows of it is bounded: the drawing's marks are the counts
    block = chart_spec.html_block("timeline", spec, "../")
    assert block.count('data-ref="mois-2024-') == 2 * len(refs)  # narrow and wide drawings
    assert 'data-page="chronologie/2024-2/"' in block


def test_a_small_timeline_keeps_one_mark_per_fact():
    events = [fact(i, f"2024-{1 + i % 12:02d}-01") for i in range(20)]
    spec = timeline.build(events, {}, variant="full")
    assert spec is not None and spec.marks == 20
    assert all("pages" not in t.get("meta", {}) for t in spec.figure["data"])


def test_a_chart_table_shows_a_bounded_number_of_rows_and_says_where_the_rest_is():
    events = [fact(i, f"{1950 + i}-01-01") for i in range(chart_spec.TABLE_ROWS + 30)]
    spec = timeline.build(events, {}, variant="full")
    assert spec is not None and len(spec.table.rows) > chart_spec.TABLE_ROWS
    block = chart_spec.html_block("timeline", spec, "../")
    assert block.count("<tr>") == chart_spec.TABLE_ROWS + 1  # the header row, then the rows shown
    assert f"Les {chart_spec.TABLE_ROWS} premières lignes sur {len(spec.table.rows)}" in block
    assert 'href="../donnees/"' in block


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("grown") / "project"
    synthetic.make(PROJECT, root, 120)
    ds = check.load_valid(root)
    texts, _specs = pages.generate(ds, PROJECT / "docs")
    return root, texts


def test_a_grown_site_cuts_its_lists_and_links_every_record_to_its_page(grown):
    root, texts = grown
    ds = check.load_valid(root)
    lay = addresses.layout(ds)
    assert lay.chronology.cut and lay.quotes.cut
    assert lay.chronology.docs() and all(doc in texts for doc in lay.docs())
    # every page of a list holds at most PAGE_LIMIT records: the longest page is bounded
    assert max(len(s.ids) for s in lay.chronology.shelves) <= addresses.PAGE_LIMIT
    # the chronology's own page has the chart and the years, no card
    assert "rpdc-years" in texts["chronologie.md"] and "rpdc-event" not in texts["chronologie.md"]
    # a record's page holds its anchor (addresses.anchors says so, and the page writes it)
    known = addresses.anchors(ds)
    some = lay.chronology.shelves[0]
    assert some.ids[0] in known[some.doc] and f"{{#{some.ids[0]}}}" in texts[some.doc]
    # the hand-written home page links to the records on their year pages
    assert "(chronologie.md#sommet-vostochny)" not in texts["index.md"]
    target = lay.chronology.where["sommet-vostochny"]
    assert f"({target}#sommet-vostochny)" in texts["index.md"], target
    assert addresses.resolve(ds, "chronologie.md", "sommet-vostochny") == (target, "sommet-vostochny")


def test_a_grown_actor_page_shows_its_latest_facts_and_links_to_the_rest(grown):
    root, texts = grown
    ds = check.load_valid(root)
    lay = addresses.layout(ds)
    cut = [aid for aid, a in lay.actors.items() if a.events.cut]
    assert cut, "no actor has more facts than a page holds"
    aid = cut[0]
    page = texts[addresses.actor_doc(aid)]
    assert f"Les {addresses.LATEST} plus récents sur" in page
    for doc in lay.actors[aid].events.docs():
        assert doc in texts
    figures = charts.figures(ds)
    assert figures["timeline"].marks < len(ds.published("events"))  # aggregated


def test_a_list_may_be_cut_before_a_page_is_full():
    """An actor's list is cut above ACTOR_FITS records (its page shows the latest), its pages by
    year still hold up to PAGE_LIMIT."""
    paged = addresses.shelve("acteurs/x.md", "acteurs/x/faits", items(["2024-01-01"] * 4), limit=6, fits=3)
    assert paged.cut and [s.doc for s in paged.shelves] == ["acteurs/x/faits/2024.md"]
    assert len(paged.shelves[0].ids) == 4


def test_an_actor_s_pages_by_year_list_each_record_once_and_link_to_its_card(grown):
    """The pages of an actor's facts and quotations by year are indexes: one line per record
    (date, title or words) linked to its card, which lives once, in the chronology or Citations."""
    root, texts = grown
    ds = check.load_valid(root)
    lay = addresses.layout(ds)
    facts = [(aid, s) for aid, a in lay.actors.items() if a.events.cut for s in a.events.shelves]
    quotes = [(aid, s) for aid, a in lay.actors.items() if a.quotes.cut for s in a.quotes.shelves]
    assert facts and quotes, "no actor has its facts and quotations cut by year"
    for _aid, shelf in facts:
        page = texts[shelf.doc]
        assert page.count("<li>") >= len(shelf.ids)
        assert "rpdc-event" not in page.replace("rpdc-events", "") and "rpdc-refs" not in page
        for i in shelf.ids:  # each fact links to its card on its page of the chronology
            card = lay.chronology.where[i].removesuffix(".md")
            assert f"{posixpath.relpath(card, posixpath.dirname(shelf.doc.removesuffix('.md')))}/#{i}" in page
    quote_by_id = {q["id"]: q for q in ds.published("quotes")}
    for _aid, shelf in quotes:
        page = texts[shelf.doc]
        assert 'rpdc-quote"' not in page and "<figure" not in page
        for i in shelf.ids:
            anchor = addresses.quote_anchor(i)
            assert f'id="{anchor}"' in page
            card = lay.quotes.where[i].removesuffix(".md")
            assert f"{posixpath.relpath(card, posixpath.dirname(shelf.doc.removesuffix('.md')))}/#{anchor}" in page
            assert html.escape(quote_by_id[i]["text"], quote=True) in page


def test_years_with_few_records_share_a_page_a_crowded_year_keeps_its_own():
    dates = ["2016-05-01", "2017-01-01", "2018-03-01"] + ["2020-01-01"] * 3 + ["2020-02-01"] * 3 + ["2021-06-01", ""]
    paged = addresses.shelve("acteurs/x.md", "acteurs/x/faits", items(dates), limit=4, fits=3, pack=True)
    assert [s.key for s in paged.shelves] == ["2016-2018", "2020", "2020-2", "2021", "sans-date"]
    assert [len(s.ids) for s in paged.shelves] == [3, 3, 3, 1, 1]
    assert paged.shelves[0].until == 2018 and paged.shelves[1].until is None
    assert pages.shelf_words(paged.shelves[0]) == "de 2016 à 2018"
    assert [m["label"] for m in pages.years_menu("acteurs/x.md", paged, "fait", "faits")] == [
        "2016\u20132018",
        "2020",
        "2021",
        "Date non précisée",
    ]
    # without pack, one page per year, as the chronology's
    alone = addresses.shelve("acteurs/x.md", "acteurs/x/faits", items(dates), limit=4, fits=3)
    assert [s.key for s in alone.shelves][:3] == ["2016", "2017", "2018"]


def test_grown_encounters_are_cut_by_year_and_the_home_page_keeps_what_a_reader_comes_for(grown):
    """Rencontres: the home page keeps its four sections (the key figures link to #tenues), the
    counts, the latest held and announced encounters and the years; each year's page holds its
    encounters under the same section anchors, and together the pages hold every encounter once."""
    root, texts = grown
    ds = check.load_valid(root)
    lay = addresses.layout(ds)
    paged = lay.meetings
    assert paged.cut and paged.docs() and all(doc in texts for doc in paged.docs())
    assert max(len(s.ids) for s in paged.shelves) <= addresses.PAGE_LIMIT
    home = texts[addresses.MEETINGS]
    known = addresses.anchors(ds)
    for anchor in (*addresses.MEETING_SECTIONS, addresses.YEARS_SECTION):
        assert anchor in known[addresses.MEETINGS] and f"{{#{anchor}}}" in home, anchor
    t = story.tally(lay.events)
    total = len(t.held) + len(t.announced) + len(t.other) + len(t.reminders)
    assert total > addresses.PAGE_LIMIT
    # the count on the home page, the menu's counts and the rows of the year pages agree
    assert f"<p>{total}\u00a0rencontres, une page par année" in home
    menu = [int(n) for n in re.findall(r'rpdc-muted">\((\d+)\u00a0rencontres?\)', home)]
    assert len(menu) == len(paged.years()) and sum(menu) == total
    row = '<td data-label="Date">'
    assert sum(texts[doc].count(row) for doc in paged.docs()) == total
    # the home page shows the latest held and announced encounters, no more
    assert 0 < home.count(row) <= 2 * addresses.LATEST
    latest_held = addresses.dated_ids(t.held)[-addresses.LATEST :]
    assert all(f"#{i}" in home for i in latest_held)
    assert f"Ci-dessous, les {addresses.LATEST} plus récentes" in home
    assert "rpdc-years" in home and home.index("{#annees}") < home.index("{#hors-corpus}")
    sections = addresses.meeting_sections(ds)
    for shelf in paged.shelves:
        page = texts[shelf.doc]
        assert page.count(row) == len(shelf.ids)
        assert known[shelf.doc] == {sections[i] for i in shelf.ids}
        for anchor in known[shelf.doc]:  # each section's heading is on the page, and no other
            assert f"{{#{anchor}}}" in page
        assert "{#hors-corpus}" not in page
        assert "rpdc-pager" in page and 'href="../#annees"' in page


def test_grown_articles_index_is_cut_by_year_of_publication(grown):
    root, texts = grown
    ds = check.load_valid(root)
    paged = addresses.layout(ds).sources
    assert paged.cut and all(doc.startswith("sources/annees/") for doc in paged.docs())
    home = texts[addresses.SOURCES]
    assert "{#annees}" in home and "rpdc-table" not in home
    assert f"<p>{len(ds.articles)}\u00a0articles, une page par année de publication" in home
    menu = [int(n) for n in re.findall(r'rpdc-muted">\((\d+)\u00a0articles?\)', home)]
    assert sum(menu) == len(ds.articles) == sum(len(s.ids) for s in paged.shelves)
    seen: list[str] = []
    for shelf in paged.shelves:
        page = texts[shelf.doc]
        links = re.findall(r'<a href="\.\./\.\./([^/"]+)/">', page)
        assert len(links) == len(shelf.ids), shelf.doc
        seen += links
        year = shelf.year
        assert all(year is None or str(ds.articles[a].published).startswith(str(year)) for a in links)
        assert 'href="../../#annees"' in page
    assert sorted(seen) == sorted(ds.articles)


def test_on_the_real_data_the_encounters_and_the_articles_fit_their_page():
    ds = check.load_valid(PROJECT)
    lay = addresses.layout(ds)
    assert not lay.meetings.cut and not lay.sources.cut
    assert lay.meetings.shelves[0].ids and lay.sources.shelves[0].ids
    texts, _specs = pages.generate(ds, PROJECT / "docs", with_charts=False)
    assert "{#annees}" not in texts[addresses.MEETINGS] and "{#annees}" not in texts[addresses.SOURCES]
    assert not any(doc.startswith(("rencontres/", "sources/annees/")) for doc in texts)


def test_a_cut_encounters_page_shows_the_announced_encounters_the_latest_articles_report():
    """An announced visit often has no date: the home page of a cut Rencontres shows the LATEST
    announced encounters that the most recent articles report, in the list's order."""
    n = addresses.LATEST + 3
    months = [(7 * k) % n + 1 for k in range(n)]  # publication months 1..n, scrambled
    articles = {
        f"a{k}": SimpleNamespace(id=f"a{k}", published=f"2024-{m:02d}" if m <= 12 else "2025-01")
        for k, m in enumerate(months)
    }
    announced = [
        {
            "id": f"e{k}",
            "status": "planned",
            "date": None if k % 2 else f"2025-{k % 12 + 1:02d}",
            "sources": [{"article": f"a{k}"}],
        }
        for k in range(n)
    ]
    shown = pages.latest_announced(articles, announced)
    assert len(shown) == addresses.LATEST
    newest = sorted(range(n), key=lambda k: months[k])[-addresses.LATEST :]
    assert {e["id"] for e in shown} == {f"e{k}" for k in newest}
    assert shown == [e for e in addresses.chronological(announced) if e in shown]  # dated first, undated last
    assert pages.latest_announced(articles, announced[:3]) == announced[:3]


def test_grown_encounters_home_says_how_many_are_announced(grown):
    root, texts = grown
    ds = check.load_valid(root)
    t = story.tally(addresses.layout(ds).events)
    announced = t.announced + t.other
    assert len(announced) > addresses.LATEST
    home = texts[addresses.MEETINGS]
    section = home[home.index("{#annoncees}") : home.index("{#rappels}")]
    ids = {e["id"] for e in announced}
    rows = [i for i in re.findall(r'href="\.\./chronologie/[^"#]*#([^"]+)">', section) if i in ids]
    assert len(rows) == addresses.LATEST
    assert f"<p>{len(announced)}\u00a0rencontres annoncées. Ci-dessous, les {addresses.LATEST} dont parlent" in home


def test_a_grown_place_shows_its_latest_facts_and_its_years(grown):
    """A place with more facts than the Lieux page keeps shows its latest and its years; its
    pages by year list each of its facts once, linking to the fact's card."""
    root, texts = grown
    ds = check.load_valid(root)
    paged = addresses.place_pages(ds)
    cut = [pid for pid, p in paged.items() if p.cut]
    assert cut, "no place has more facts than the Lieux page keeps"
    assert f"Les {addresses.LATEST} plus récents" in texts["lieux.md"]
    page = texts["lieux.md"]
    for pid in cut:
        section = page[page.index(f'id="{addresses.place_anchor(pid)}"') :]
        section = section[: section.index("</section>")]
        dated = sum(1 for s in paged[pid].shelves if s.year is not None for _i in s.ids)
        latest = min(addresses.LATEST, dated)
        assert latest == 0 or (f"Les {latest} plus récents" if latest > 1 else "Le plus récent") in section
        assert section.count("<li>") == latest + len(paged[pid].years())
        said = re.search(r"·\W*(\d+)\W*faits", section)
        assert said is not None
        total = int(said[1])
        listed = []
        for doc in paged[pid].docs():
            assert doc in texts and f'href="{posixpath.relpath(doc.removesuffix(".md"), "lieux")}/"' in section
            year_page = texts[doc]
            facts = year_page[year_page.index('<ul class="rpdc-list">') :]
            listed += re.findall(r"#([\w-]+)\">", facts[: facts.index("</ul>")])
        assert len(listed) == len(set(listed)) == total
    known = addresses.anchors(ds)
    assert all(doc in known for p in paged.values() for doc in p.docs())


def test_on_the_real_data_every_place_keeps_its_facts_on_the_lieux_page():
    ds = check.load_valid(PROJECT)
    paged = addresses.place_pages(ds)
    assert paged and not any(p.cut for p in paged.values())


def test_the_preview_keeps_the_layout_when_only_prose_changed(tmp_path):
    """The preview lays out the site again at every save (preview.carry_layout): a new title leaves
    every record where it was, so the layout is carried over with the new records in it; a new
    date lays out again. Either way it equals a layout made afresh."""
    from build_scripts.site import preview, typeset

    root = tmp_path / "project"
    synthetic.make(PROJECT, root, 120)
    memo = typeset.Memo()
    first = typeset.typeset(check.load_checked(root)[0], memo)
    before = addresses.layout(first)
    assert before.chronology.cut  # a layout worth carrying: the chronology is cut by year

    def reread():
        ds, problems = check.load_checked(root)
        assert not [p for p in problems if p.severity == "error"]
        previous = memo.last
        assert previous is not None
        ts = typeset.typeset(ds, memo)
        carried = preview.carry_layout(previous, ts)
        return ts, carried

    files = [root / "data" / "events.yaml", *sorted((root / "data" / "events").glob("*.yaml"))]
    path = [f for f in files if f.exists() and re.search(r"^  title: ", f.read_text(encoding="utf-8"), re.M)][-1]
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^  title: (.+)$", text, re.M)
    assert title is not None
    path.write_text(text.replace(title[0], '  title: "Un titre relu"', 1), encoding="utf-8")
    second, yes = reread()
    assert yes
    carried = addresses.layout(second)
    assert carried.chronology is before.chronology  # carried, not laid out again
    assert carried == addresses._layout(second)
    assert any(e["title"] == "Un titre relu" for e in carried.events)  # the new records in it

    date = re.search(r"^  date: (\d{4})(.*)$", path.read_text(encoding="utf-8"), re.M)
    assert date is not None
    path.write_text(
        path.read_text(encoding="utf-8").replace(date[0], f"  date: {int(date[1]) - 8}{date[2]}", 1),
        encoding="utf-8",
    )
    third, yes = reread()
    assert not yes
    moved = addresses.layout(third)
    assert moved.chronology is not carried.chronology and moved.chronology != carried.chronology
    assert moved == addresses._layout(third)
