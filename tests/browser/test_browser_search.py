"""The French search (lunr with the French stemmer) finds what a reader types."""

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
