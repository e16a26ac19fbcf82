"""The French search (lunr with the French stemmer) finds what a reader types, accents or not,
in the press's other spellings too, and shows clean snippets (build_scripts/site/search.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts import dataset
from build_scripts.quality.gates import probe

ROOT = Path(__file__).resolve().parents[2]


def _search(browser, base_url, query) -> list[dict]:
    context = probe.new_context(browser)
    page = context.new_page()
    try:
        page.goto(base_url, wait_until="load")
        probe.settle(page)
        box = page.locator("input.md-search__input")
        box.click()  # at desktop width the box sits in the header; clicking it opens the results
        box.press_sequentially(query, delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15000)
        return page.evaluate("""() => Array.from(document.querySelectorAll('.md-search-result__item')).map(li => ({
            href: (li.querySelector('a') || {}).href || '',
            text: li.innerText,
        }))""")
    finally:
        context.close()


def test_search_stems_french_plurals(browser, base_url):
    results = _search(browser, base_url, "rencontres")
    assert results, "no result for « rencontres »"
    assert any("rencontre" in r["text"].lower() for r in results), results


def _summit() -> tuple[str, str]:
    """The summit with the most sources in the data, and the longest word of its title."""
    ds = dataset.load(ROOT)
    summits = [e for e in ds.published("events") if e.get("kind") == "summit"]
    assert summits, "no summit in the data"
    title = str(max(summits, key=lambda e: len(e.get("sources") or []))["title"])
    return title, max(re.findall(r"\w+", title), key=len)


TITLE, WORD = _summit()


@pytest.mark.parametrize("query", [WORD.capitalize(), WORD.lower()])
def test_search_finds_a_summit_by_a_word_of_its_title(browser, base_url, query):
    results = _search(browser, base_url, query)
    assert results, f"no result for « {query} »"
    summit = [r for r in results if "sommet" in r["text"].lower() and WORD.lower() in r["text"].lower()]
    assert summit, f"no result about « {TITLE} »: {[r['text'][:80] for r in results]}"


@pytest.mark.parametrize(
    "query,expected",
    [
        ("coree", "corée"),
        ("COREE", "corée"),
        ("vostochny", "vostochny"),
        ("vostotchny", "vostochny"),
        ("serguei", "sergueï"),
    ],
)
def test_search_forgives_accents_case_and_spellings(browser, base_url, query, expected):
    results = _search(browser, base_url, query)
    assert results, f"no result for « {query} »"
    assert any(expected in r["text"].lower() for r in results), [r["text"][:80] for r in results]
    if "vost" in query:
        assert any("sommet" in r["text"].lower() for r in results)
    if query == "vostotchny":  # found through the hidden words; the reader sees the page's own
        assert not any("vostotchny" in r["text"].lower() for r in results)


GLUED = re.compile(r"(Acteurs|Lieu|Média|Signature|Publication|Langue|Durée|Datation)[A-Z0-9À-ÝĐ]")
DIGIT_RUN = re.compile(r"(?:\b\d+\s+){6,}")


@pytest.mark.parametrize("query", ["Lavrov", "Pyongyang", "Minh Duc"])
def test_search_snippets_are_clean(browser, base_url, query):
    results = _search(browser, base_url, query)
    assert results, f"no result for « {query} »"
    for r in results:
        assert not GLUED.search(r["text"]), r["text"][:200]
        assert not DIGIT_RUN.search(r["text"]), r["text"][:200]
        assert "toucher pour le détail" not in r["text"]  # no chart hover text in the index


# The index as the site keeps it (site/search.py, compress); search-gate.js reads it back for Material.
INDEX = "search/search_index.json.gz"
PLAIN = "search/search_index.json"


@pytest.mark.parametrize("width,how", [(390, "icon"), (1280, "shortcut")])
def test_search_index_loads_only_when_the_reader_searches(browser, base_url, width, how):
    """No page load fetches the search index (0.7 MB gzip at 1,000 articles), nor does an instant
    navigation, nor starts the search worker; the index comes when the reader opens search (the
    icon on a phone, the "/" shortcut on a desktop), then the worker, and the query typed before
    the index arrived gets its results."""
    context = probe.new_context(browser, width=width, height=800)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    held = []
    workers: list[str] = []
    page.on("worker", lambda w: workers.append(w.url))
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route(f"**/{INDEX}", lambda route: held.append(route))  # answered once the query is typed
    try:
        page.goto(base_url, wait_until="load")
        probe.settle(page)
        assert any("/assets/javascripts/bundle." in u for u in requests), requests  # Material's search is there
        assert not [u for u in requests if INDEX in u or "lunr" in u], requests
        page.locator('article a[href$="/chronologie/"]').first.click()  # instant navigation
        page.wait_for_url("**/chronologie/")
        probe.settle(page)
        assert not [u for u in requests if INDEX in u], requests
        assert not workers, workers

        if how == "icon":
            page.locator('label.md-header__button[for="__search"]').click()
        else:
            page.keyboard.press("/")
        page.keyboard.type("coree", delay=20)
        page.wait_for_timeout(300)
        assert page.locator("input.md-search__input").input_value() == "coree"
        assert len(held) == 1, f"the index was asked for {len(held)} times"
        assert page.locator(".md-search-result__item").count() == 0  # no index yet, no results
        held[0].continue_()
        page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15000)
        texts = page.locator(".md-search-result__item").all_inner_texts()
        assert any("corée" in t.lower() for t in texts), texts
        assert [u for u in requests if INDEX in u] == [base_url + INDEX]
        assert not [u for u in requests if u.split("?")[0].endswith(PLAIN)], requests  # no 404, no second copy
        assert len(workers) == 1 and "/assets/javascripts/workers/search." in workers[0], workers
        assert not errors, errors
    finally:
        context.close()


def test_search_reads_the_gzipped_index_without_decompressionstream(browser, base_url):
    """A browser without DecompressionStream (Safari before 16.4, Firefox before 113) reads the
    index with the vendored fflate, fetched only then, and finds the same results."""
    context = probe.new_context(browser)
    context.add_init_script("delete window.DecompressionStream")
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(base_url, wait_until="load")
        probe.settle(page)
        assert page.evaluate("typeof DecompressionStream") == "undefined"
        assert not [u for u in requests if "fflate" in u], requests
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("vostotchny", delay=20)
        page.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15000)
        texts = page.locator(".md-search-result__item").all_inner_texts()
        assert any("vostochny" in t.lower() for t in texts), texts
        assert [u for u in requests if "fflate" in u] == [base_url + "assets/vendor/fflate.min.js"]
        assert not errors, errors
    finally:
        context.close()
