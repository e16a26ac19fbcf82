"""The story a reader gets (issue #13): figures that count what they say, statuses as of a date,
the facts from outside the corpus marked apart, named sources, and the corrected records.

The home page's figures are checked against the data by counting again here, from the YAML
records, without build_scripts.dataset.story: two ways of counting must agree.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from build_scripts import dataset
from build_scripts.dataset import check, wording
from build_scripts.site import pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
MEETING_KINDS = {"summit", "meeting", "visit"}
FIGURE = re.compile(
    r'<li><a href="(?P<href>[^"]+)"><span class="rpdc-figure__n">(?P<n>\d+)</span> '
    r'<span class="rpdc-figure__l">(?P<label>[^<]+)</span></a></li>'
)


@pytest.fixture(scope="module")
def ds():
    return check.load_valid(ROOT)


@pytest.fixture(scope="module")
def site(ds):
    return pages.pages(ds, ROOT / "docs")


def _ids_linked(text: str, doc: str) -> list[str]:
    return re.findall(rf'href="[./]*{re.escape(doc)}/#([a-z0-9-]+)"', text)


def _section(page: str, anchor: str) -> str:
    """The Markdown of a page's section, from its heading to the next one of the same level."""
    start = page.index("{#" + anchor + "}")
    nxt = page.find("\n## ", start)
    return page[start : nxt if nxt >= 0 else len(page)]


# --- counting again, from the records -----------------------------------------------------------


def _encounters(events: list[dict]) -> list[dict]:
    """Meetings, summits and visits that no other meeting, summit or visit contains."""
    by_id = {e["id"]: e for e in events}

    def inside_a_meeting(e: dict) -> bool:
        parent, seen = by_id.get(e.get("part_of") or ""), set()
        while parent is not None and parent["id"] not in seen:
            if parent.get("kind") in MEETING_KINDS:
                return True
            seen.add(parent["id"])
            parent = by_id.get(parent.get("part_of") or "")
        return False

    return [e for e in events if e.get("kind") in MEETING_KINDS and not inside_a_meeting(e)]


def _year(e: dict) -> int | None:
    return int(str(e["date"])[:4]) if e.get("date") else None


def test_each_home_figure_is_what_the_data_counts(ds, site):
    events = ds.published("events")
    enc = _encounters(events)
    held = [e for e in enc if e.get("status") == "held" and (_year(e) or 0) >= 2023]
    announced = [e for e in enc if e.get("status") in ("planned", "proposed")]
    expected = {
        "rencontres/#tenues": len(held),
        "rencontres/#annoncees": len(announced),
        "chronologie/": len(events),
        "citations/": len(ds.published("quotes")),
        "acteurs/": len(ds.published("actors")),
        "sources/": len(ds.articles),
    }
    figures = {m["href"]: (int(m["n"]), m["label"]) for m in FIGURE.finditer(site["index.md"])}
    assert set(figures) == set(expected), figures
    for href, n in expected.items():
        assert n > 0, href
        assert figures[href][0] == n, (href, figures[href], n)
    # what the figures say they count
    assert held and {e["id"] for e in held} == {
        "kim-visite-etat-russie-2023",
        "lavrov-visite-pyongyang",
        "choe-visite-russie",
    }
    assert figures["rencontres/#tenues"][1] == (
        "rencontres au sommet ou ministérielles tenues entre septembre 2023 et janvier 2024"
    )
    outlets = sum(1 for a in ds.articles.values() if a.meta.get("outlet"))
    assert figures["sources/"][1] == f"articles sources, dont {outlets} au média identifié" and outlets == 2
    # the facts from outside the corpus are said apart, and counted apart
    assert f"Les {len(ds.published('context'))} faits" in site["index.md"]
    assert len(ds.published("context")) >= 15


def test_each_figure_links_to_the_list_it_counts(ds, site):
    meetings = site["rencontres.md"]
    held = _ids_linked(_section(meetings, "tenues").split("Comprend")[0], "chronologie")
    rows = re.findall(
        r'<td data-label="Rencontre">\s*<a href="\.\./chronologie/#([a-z0-9-]+)"', _section(meetings, "tenues")
    )
    assert rows == ["kim-visite-etat-russie-2023", "lavrov-visite-pyongyang", "choe-visite-russie"], held
    # a visit's parts hang under it: the summit is listed, never as a row of its own
    assert "chronologie/#sommet-vostochny" in _section(meetings, "tenues")
    announced = re.findall(
        r'<td data-label="Rencontre">\s*<a href="\.\./chronologie/#([a-z0-9-]+)"', _section(meetings, "annoncees")
    )
    assert announced == ["poutine-visite-coree-du-nord"]
    outside = _section(meetings, "hors-corpus")
    assert "contexte/#poutine-pyongyang-2024" in outside and "contexte/#poutine-kim-pekin-2025" in outside
    assert "contexte/#kim-komsomolsk-2023" not in outside  # part of Kim's 2023 visit, not an encounter


# --- statuses as of a date, outcomes beside them --------------------------------------------------


def _card(page: str, event_id: str) -> str:
    start = page.index(f'data-event="{event_id}"')
    end = page.find('<div class="rpdc-event"', start + 1)
    return html.unescape(page[start : end if end >= 0 else len(page)])


def _text(markup: str) -> str:
    return re.sub(r"<[^>]+>", "", markup)


def test_a_status_says_its_date_and_what_became_of_it(site):
    card = _card(site["chronologie.md"], "poutine-visite-coree-du-nord")
    assert "prévue selon l'article de février 2024" in _text(card)
    assert "Ce qu'il en est advenu" in card and "contexte/#poutine-pyongyang-2024" in card
    assert "du 18 au 19 juin 2024" in card
    for event_id, context_id, day in (
        ("kim-etape-komsomolsk-sur-l-amour", "kim-komsomolsk-2023", "15 septembre 2023"),
        ("kim-etape-vladivostok", "kim-vladivostok-2023", "du 16 au 17 septembre 2023"),
        ("vols-directs-tourisme", "touristes-russes-pyongyang-2024", "9 février 2024"),
    ):
        card = _card(site["chronologie.md"], event_id)
        assert f"contexte/#{context_id}" in card and day in _text(card), event_id
        assert "Hors corpus" in card


def test_the_byline_says_what_the_data_is(ds, site):
    """Données : N articles (their months of publication), M facts hors corpus (the latest one's
    date) and the day they were checked; each number the data's own."""
    home = html.unescape(site["index.md"])
    m = re.search(r'<p class="rpdc-byline">(.*?)</p>', home, re.S)
    assert m, "no byline on the home page"
    line = _text(m[1]).replace("\u00a0", " ")
    articles = ds.articles.values()
    context = ds.published("context")
    assert f"Données : {len(articles)} articles de presse publiés de septembre 2023 à 2024" in line
    assert f"et {len(context)} faits hors corpus tirés d'autres sources publiques" in line
    latest = max((c for c in context if c.get("date")), key=lambda c: str(c["date"]).split("/")[-1])
    assert f"(le plus récent : {wording.date(latest['date'])})" in line
    assert line.endswith(f"À jour au {wording.date(max(str(c['checked']) for c in context if c.get('checked')))}.")
    assert f"contexte/#{latest['id']}" in m[1] and "sources/" in m[1]


def test_the_home_page_tells_the_story_to_today_without_script(ds, site):
    home = html.unescape(site["index.md"])
    assert re.search(r"À jour au \d+ \w+ 20\d\d\.", home)
    for context_id in (
        "choigou-pyongyang-2023",
        "poutine-pyongyang-2024",
        "traite-partenariat-2024",
        "entree-en-vigueur-traite-2024",
        "troupes-koursk-signalees-2024",
        "troupes-koursk-confirmees-2025",
        "choe-poutine-2024-11",
        "poutine-kim-pekin-2025",
    ):
        # each fact from outside the corpus is linked where it is said, with the mark
        assert re.search(rf"\[hors corpus\]\(contexte\.md#{context_id}\)", home), context_id
    prose = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Si la\nvisite a lieu" not in prose and "Si la visite a lieu" not in prose
    assert "multiplient les" not in prose  # "À partir de septembre 2023…": Shoigu came in July


# --- the facts from outside the corpus ------------------------------------------------------------


def test_every_context_record_is_shown_with_its_sources_and_mark(ds, site):
    page = html.unescape(site["contexte.md"])
    records = ds.published("context")
    assert records
    for c in records:
        assert "{#" + c["id"] + "}" in page, c["id"]
        for src in c["sources"]:
            assert src["url"] in page and src["excerpt"] in page, (c["id"], src["url"])
            assert src["language"] == "fr" or src.get("translation"), (c["id"], "no translation")
    assert page.count('<span class="rpdc-hc">Hors corpus</span>') >= len(records)


def test_context_records_are_text_everywhere():
    """A context record holding markup (the fixture's) shows as text on every page."""
    generated = pages.pages(dataset.load(FIXTURE), FIXTURE / "docs")
    page = generated["contexte.md"]
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<b>d" not in page  # the outlet's markup
    card = generated["chronologie.md"]
    assert "contexte/#visite-retour-tenue" in card and "<script>alert(&quot;contexte" not in card


# --- named sources -------------------------------------------------------------------------------


def test_every_article_names_its_outlet_or_says_why_not(ds, site):
    assert len(ds.articles) == 5
    for art in ds.articles.values():
        page = html.unescape(site[f"sources/{art.id}.md"])
        lead = page.index('class="rpdc-source-line"')
        assert lead < page.index("## Texte de l'article"), art.id  # outlet and date first
        outlet, note = art.meta.get("outlet"), art.meta.get("outlet_note")
        if outlet:
            assert f"<strong>{outlet}</strong>" in page, art.id
        else:
            assert "Média non identifié" in page and note and note.startswith("Non identifié."), art.id
            assert wording.typography(note) in page and len(note) > 150, art.id  # what is known, and why
    index = html.unescape(site["sources/index.md"])
    assert index.count("non identifié") == sum(1 for a in ds.articles.values() if not a.meta.get("outlet"))


# --- the rows of the issue's table ------------------------------------------------------------


def test_the_false_claims_of_the_issue_are_corrected(ds):
    events = ds.by_id("events")
    context = ds.by_id("context")
    # the "agreements" of Vostochny: one article's claim, with the Kremlin's word beside it
    assert events["accords-sommet-vostochny"]["status"] == "alleged"
    assert "accords-sommet-vostochny" in context["kremlin-aucun-accord-2023"]["context_for"]
    # the 1949 agreement is the USSR's, signed in Moscow on 17 March 1949
    assert events["accord-cooperation-economique-culturelle-1949"]["actors"] == ["union-sovietique", "coree-du-nord"]
    assert context["accord-1949"]["date"] == "1949-03-17" and context["accord-1949"]["place"] == "moscou"
    # "conférence à Moscou" is a slip of one article, not a dispute between sources
    assert not events["sommet-vostochny"].get("disputes")
    assert events["sommet-vostochny"]["slips"][0]["excerpt"] == "lors de la récente conférence à Moscou"
    # Kim's stops took place; tourism resumed; Shoigu came before September
    assert context["kim-komsomolsk-2023"]["date"] == "2023-09-15"
    assert context["kim-vladivostok-2023"]["date"] == "2023-09-16/2023-09-17"
    assert context["touristes-russes-pyongyang-2024"]["date"] == "2024-02-09"
    assert context["choigou-pyongyang-2023"]["date"] == "2023-07-25/2023-07-27"
    # the arms: US reports and Pyongyang's confirmation, beside the corpus's conditional
    assert {"maison-blanche-conteneurs-2023", "troupes-koursk-confirmees-2025"} <= {
        c["id"] for c in context.values() if "livraison-missiles-balistiques" in (c.get("context_for") or [])
    }
    # undated facts stay undated
    assert events["poutine-invite-kim-en-russie"]["date"] is None
    assert events["reconnaissance-russie-successeur-urss"]["date"] is None
    # Zhelokhovtsev: dated by the interview, and he spoke of the visit's dates
    z = events["zhelokhovtsev-modalites-visite"]
    assert z["date"] == "2024-02-11" and z["date_source"] == "zhelokhovtsev-ria-2024" and "dates" in z["title"]
    # Choe received by Putin: only the article that says so
    assert {s["article"] for s in events["choe-rencontre-poutine"]["sources"]} == {"2024-01-kcna-visite-choe"}
    # near-duplicates merged, their words kept in the records that remain
    for gone in (
        "anniversaire-75-relations",
        "visite-cosmodrome-vostochny",
        "sanctions-occident-2022",
        "accords-visite-poutine",
        "accord-voyages-citoyens",
    ):
        assert gone not in events, gone
    summit_words = " ".join(s["excerpt"] for s in events["sommet-vostochny"]["sources"])
    assert "visiter le spatioport" in summit_words
    assert "sanctions imposées par l'Occident" in " ".join(
        s["excerpt"] for s in events["guerre-russie-ukraine"]["sources"]
    )
    matsegora = " ".join(s["excerpt"] for s in events["matsegora-tass-accords"]["sources"])
    assert "« très bon » ensemble d'accords" in matsegora and "faciliter les voyages" in matsegora
    # the reference record's dates
    assert context["poutine-pyongyang-2024"]["date"] == "2024-06-18/2024-06-19"
    assert context["traite-partenariat-2024"]["date"] == "2024-06-19"
    assert context["entree-en-vigueur-traite-2024"]["date"] == "2024-12-04"
