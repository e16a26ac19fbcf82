"""The built site, from the fixture dataset tests/fixtures/site (invented articles, hostile values).

The site is built once per session into a temporary directory (about 2 s), then again
from a copy of the fixture where one record was edited.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.site import build, search
from tests.test_site_html import BASE, is_local, read_site, resolve, target_file

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
SITE_HOST = "rpdc-russie.github.io"  # the host of site_url in mkdocs.yml

OLD_TITLE = "Mira Solberg annonce un nouveau chapitre"
NEW_TITLE = "Mira Solberg promet une ère nouvelle"
OLD_ROLE = "cheffe de la République d'essai"
NEW_ROLE = "présidente de la République d'essai"


def _build(tmp: Path, edit=None) -> Path:
    root = tmp / "project"
    shutil.copytree(FIXTURE, root)
    if edit:
        edit(root)
    site = tmp / "site"
    assert build.main(root, strict=True, site_dir=site) == 0
    return site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def pages(site):
    return read_site(site)


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory) -> Path:
    def edit(root: Path):
        for name, old, new in (("events.yaml", OLD_TITLE, NEW_TITLE), ("actors.yaml", OLD_ROLE, NEW_ROLE)):
            f = root / "data" / name
            text = f.read_text(encoding="utf-8")
            assert old in text
            f.write_text(text.replace(old, new), encoding="utf-8")

    return _build(tmp_path_factory.mktemp("edited"), edit)


EXPECTED = [
    "",
    "chronologie/",
    "rencontres/",
    "acteurs/",
    "acteurs/mira-solberg/",
    "acteurs/anton-vassiliev/",
    "acteurs/depeche-essai/",
    "citations/",
    "sources/",
    "sources/2031-03-essai-sommet/",
    "sources/2031-04-essai-visite/",
    "methodologie/",
    "donnees/",
]


def test_every_page_exists(pages):
    missing = [p for p in EXPECTED if BASE + p not in pages]
    assert not missing
    assert "Mira Solberg" in pages[BASE + "acteurs/mira-solberg/"].text


def archived(site: Path, name: str) -> str:
    """A file of the downloads' archive (donnees/rpdc-russie.zip), as text."""
    with zipfile.ZipFile(site / "donnees" / "rpdc-russie.zip") as zf:
        return zf.read(name).decode("utf-8")


def test_downloads_exist(site):
    with zipfile.ZipFile(site / "donnees" / "rpdc-russie.zip") as zf:
        held = set(zf.namelist())
    for name in (
        "events.yaml",
        "events.csv",
        "quotes.csv",
        "actors.csv",
        "places.csv",
        "rpdc-russie.json",
        "schema/events.schema.json",
        "articles.csv",
        "LICENCE.txt",
    ):
        assert name in held, name
    for name in ("LICENCE.txt", "schema/events.schema.json"):  # also alone
        assert (site / "donnees" / name).read_text(encoding="utf-8") == archived(site, name), name


def test_drafts_never_reach_pages_or_exports(site, pages):
    hits = [u for u, p in pages.items() if "BROUILLON" in p.text]
    assert not hits
    assert "BROUILLON" not in archived(site, "rpdc-russie.json")
    assert "BROUILLON" not in archived(site, "events.csv") and "BROUILLON" not in archived(site, "events.yaml")
    assert "BROUILLON" not in json.dumps(search.read_index(site), ensure_ascii=False)


def test_no_broken_internal_link(site, pages):
    checked = 0
    broken = []
    for page in pages.values():
        for _tag, href, _ in page.links:
            if not is_local(href) or href.startswith(("mailto:",)):
                continue
            absolute = resolve(page, href)
            target = target_file(site, absolute)
            checked += 1
            if target is None:
                broken.append((page.url, href))
                continue
            frag = urlsplit(absolute).fragment
            if frag and target.suffix == ".html":
                tp = pages.get(BASE + target.relative_to(site).as_posix().removesuffix("index.html"))
                if tp is None or frag not in tp.ids:
                    broken.append((page.url, href))
    assert checked > 500
    assert not broken, broken[:20]


def test_no_request_leaves_the_site(pages):
    seen = 0
    outside = []
    for page in pages.values():
        for url in page.resources:
            seen += 1
            s = urlsplit(url)
            if s.scheme in ("http", "https") or url.startswith("//"):
                if s.hostname != SITE_HOST:
                    outside.append((page.url, url))
    assert seen > 20
    assert not outside, outside[:10]


def test_no_font_or_external_url_in_css(site):
    css = list(site.rglob("*.css"))
    assert css
    for f in css:
        text = f.read_text(encoding="utf-8", errors="replace")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, f


def test_every_event_links_to_an_existing_source_anchor(site, pages):
    chrono = pages[BASE + "chronologie/"]
    html = (site / "chronologie" / "index.html").read_text(encoding="utf-8")
    events = ["sommet-essai", "declaration-essai", "visite-retour-essai"]
    for e in events:
        assert e in chrono.ids
        assert f'data-event="{e}"' in html
    source_links = [href for tag, href, _ in chrono.links if "/sources/" in resolve(chrono, href) and "#ev-" in href]
    anchored = {href.split("#ev-")[1].rsplit("-", 1)[0] for href in source_links}
    assert anchored == set(events)
    for href in source_links:
        absolute = resolve(chrono, href)
        target = pages[absolute.split("#")[0]]
        assert absolute.split("#")[1] in target.ids


def test_events_listed_elsewhere_link_to_their_sources_too(pages):
    for url, events in (
        ("rencontres/", {"sommet-essai", "visite-retour-essai"}),
        ("acteurs/mira-solberg/", {"sommet-essai", "declaration-essai", "visite-retour-essai"}),
    ):
        page = pages[BASE + url]
        anchored = {
            h.split("#ev-")[1].rsplit("-", 1)[0]
            for _, h, _ in page.links
            if "/sources/" in resolve(page, h) and "#ev-" in h
        }
        assert anchored == events, url


def test_every_quote_links_to_its_words_in_the_source(pages):
    cit = pages[BASE + "citations/"]
    quote_ids = ["solberg-nouveau-chapitre", "vassiliev-franches-utiles", "anonyme-calendrier"]
    for q in quote_ids:
        assert f"citation-{q}" in cit.ids
        links = [resolve(cit, h) for _, h, _ in cit.links if h.endswith(f"#q-{q}")]
        assert links, q
        target = pages[links[0].split("#")[0]]
        assert f"q-{q}" in target.ids
    assert "Locuteur non précisé" in cit.text


def test_hostile_values_show_as_text(site, pages):
    chrono = (site / "chronologie" / "index.html").read_text(encoding="utf-8")
    assert (
        "&lt;script&gt;alert(&quot;titre&quot;)&lt;/script&gt;" in chrono
        or '&lt;script&gt;alert("titre")&lt;/script&gt;' in chrono
    )
    assert "{{ page.title }}" in chrono and "{% if x %}" in chrono
    assert ":smile:" in chrono and "==marqué==" in chrono and '--8&lt;-- "secret.txt"' in chrono
    assert "\u0646\u0635 \u0639\u0631\u0628\u064a" in chrono and "\u200b" in chrono  # right-to-left letters
    for page in pages.values():
        html = page.path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page.url
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), page.url
        for _tag, href, _ in page.links:
            assert not href.strip().lower().startswith("javascript:"), (page.url, href)
    src = (site / "sources" / "2031-03-essai-sommet" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;corpus&quot;)&lt;/script&gt;" in src
    actor = (site / "acteurs" / "depeche-essai" / "index.html").read_text(encoding="utf-8")
    assert "Dépêche &lt;em&gt;d&#x27;essai&lt;/em&gt;" in actor or "Dépêche &lt;em&gt;d'essai&lt;/em&gt;" in actor


def test_search_index_holds_text_not_markup(site):
    index = search.read_index(site)
    assert index and index["config"]["lang"] == ["fr"]
    docs = [d for d in index["docs"] if "alert(" in d["title"] + d["text"]]
    assert docs
    for d in docs:
        for field in ("title", "text"):
            assert "<script" not in d[field] and "<img" not in d[field] and "<em>d'" not in d[field], d[field][:200]
    assert any("&lt;script&gt;" in d["title"] + d["text"] for d in docs)


def test_the_search_index_holds_the_sources_words_once_on_the_article_s_page(site):
    """An event's and a quotation's source words are found on the article's page, where they are
    highlighted, not a second time on the chronology's and the Citations' cards (issue #15)."""
    index = search.read_index(site)
    assert index
    article = {
        "pendant près de trois heures": "sources/2031-03-essai-sommet/",  # an event's source
        "a jugé les discussions": "sources/2031-04-essai-visite/",  # the sentence around a quotation
    }
    where = {w: sorted({d["location"].split("#")[0] for d in index["docs"] if w in d["text"]}) for w in article}
    assert where == {w: [page] for w, page in article.items()}, where
    # the list of what the site draws from an article is not searched again: each record is found on its card
    drawn = {d["location"] for d in index["docs"] if "Visite de retour à Ostrava" in d["title"] + d["text"]}
    assert drawn and not [x for x in drawn if x.startswith("sources/")], drawn
    # the quoted words themselves are searched on the quotation's card too
    quoted = {d["location"].split("#")[0] for d in index["docs"] if "franches et utiles" in d["text"]}
    assert "citations/" in quoted and "sources/2031-04-essai-visite/" in quoted, quoted


def test_article_text_marks_every_record_once(site, pages):
    page = pages[BASE + "sources/2031-03-essai-sommet/"]
    for anchor in (
        "ev-sommet-essai-1",
        "ev-sommet-essai-2",
        "q-solberg-nouveau-chapitre",
        "ac-mira-solberg-1",
        "pl-novograd-1",
        "ev-visite-retour-essai-1",
    ):
        assert anchor in page.ids
    html = page.path.read_text(encoding="utf-8")
    assert html.count('id="ev-sommet-essai-1"') == 1
    assert "rpdc-mark--2" in html  # overlapping excerpts
    assert '<figure class="rpdc-caption">' in html and "Photo : Agence d'essai" in html
    assert "Comment (0)" not in page.text  # boilerplate hidden


def test_dispute_is_shown_beside_the_event(pages):
    chrono = pages[BASE + "chronologie/"]
    assert "Les sources divergent" in chrono.text and "Ostrava" in chrono.text
    assert "di-sommet-essai-1" in pages[BASE + "sources/2031-04-essai-visite/"].ids


def test_dates_statuses_and_undated_last(pages):
    chrono = pages[BASE + "chronologie/"].text
    assert "4 mars 2031" in chrono and "date non précisée" in chrono
    assert chrono.index("Visite de retour à Ostrava") > chrono.index("Mira Solberg annonce")
    assert "a eu lieu" in chrono and "prévu" in chrono
    renc = pages[BASE + "rencontres/"].text
    assert "près de trois heures" in renc and "Novograd" in renc


def test_footer_links_to_the_correction_form(pages):
    """Each page's link pre-fills the form's « Adresse de la page » with the page's own address."""
    from urllib.parse import parse_qs, urlsplit

    checked = 0
    for page in pages.values():
        hrefs = [h for _, h, _ in page.links if "/issues/new?template=correction.yml&page=" in h]
        assert hrefs, page.url
        reported = parse_qs(urlsplit(hrefs[0]).query)["page"][0]
        if not page.url.endswith("404.html"):  # the 404 page has no address of its own
            # the site's public address (site_url) and the page's path in it
            assert reported.startswith(("https://", "http://")), reported
            assert urlsplit(reported).path == urlsplit(page.url).path, (page.url, reported)
            checked += 1
    assert checked > 10


def test_an_edited_record_changes_on_every_page(pages, edited_site):
    before = {u for u, p in pages.items() if OLD_TITLE in p.text}
    assert len(before) >= 4  # chronologie, citations, the actor's page, the article page...
    after_pages = read_site(edited_site)
    assert not [u for u, p in after_pages.items() if OLD_TITLE in p.text]
    assert {u for u, p in after_pages.items() if NEW_TITLE in p.text} == before
    role_before = {u for u, p in pages.items() if OLD_ROLE in p.text}
    assert role_before and {u for u, p in after_pages.items() if NEW_ROLE in p.text} == role_before
    index = search.read_index(edited_site)
    assert index
    words = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
    assert NEW_TITLE in words and OLD_TITLE not in words


# --- the project's own data (slow, and it follows data/: a broken record fails here first) ---


def test_repo_site_links_anchors_and_offline(repo_site):
    from build_scripts import dataset
    from build_scripts.cli import ROOT

    pages = read_site(repo_site)
    ds = dataset.load(ROOT)
    chrono = pages[BASE + "chronologie/"]
    events = ds.by_id("events")
    assert events and set(events) <= chrono.ids
    cit = pages[BASE + "citations/"]
    quotes = ds.by_id("quotes")
    assert quotes and {f"citation-{q}" for q in quotes} <= cit.ids
    broken, outside = [], []
    for page in pages.values():
        for _, href, _ in page.links:
            if is_local(href):
                absolute = resolve(page, href)
                target = target_file(repo_site, absolute)
                frag = urlsplit(absolute).fragment
                if target is None:
                    broken.append((page.url, href))
                elif frag and target.suffix == ".html":
                    tp = pages.get(BASE + target.relative_to(repo_site).as_posix().removesuffix("index.html"))
                    if tp is None or frag not in tp.ids:
                        broken.append((page.url, href))
        for url in page.resources:
            s = urlsplit(url)
            if (s.scheme in ("http", "https") or url.startswith("//")) and s.hostname != SITE_HOST:
                outside.append((page.url, url))
    assert not broken, broken[:20]
    assert not outside, outside[:10]
