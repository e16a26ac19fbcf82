"""Material's instant navigation (pages swapped in place, no reload) keeps the charts working."""

from __future__ import annotations

import pytest
from chartdom import complete, wait_drawn

from build_scripts.quality.gates import probe


def _click(page, base_url, path) -> bool:
    """Click the visible link to base_url+path, as a reader would; False when there is none.

    The page's content element is marked first, so that _swapped can tell when Material
    has put the new page's content in its place (the address changes before that).
    """
    href = base_url + path
    return page.evaluate(
        """(href) => {
        const links = Array.from(document.querySelectorAll('a[href]')).filter(a => a.href === href);
        const a = links.find(x => x.offsetParent !== null) || links[0];
        if (!a) return false;
        document.querySelector('.md-content').__rpdcLeft = true;
        a.click();
        return true;
    }""",
        href,
    )


SWAPPED_JS = "() => { const c = document.querySelector('.md-content'); return !!c && !c.__rpdcLeft; }"


def _swapped(page) -> None:
    """Wait until the content on screen is the new page's, not the one the click left."""
    page.wait_for_function(SWAPPED_JS, polling=50, timeout=15000)


def test_instant_navigation_keeps_charts_drawn(browser, base_url, pages):
    # Through the main navigation, then to an actor page and back home.
    route = [
        "chronologie/",
        "rencontres/",
        "acteurs/",
        pages["acteur"],
        "citations/",
        "sources/",
        "methodologie/",
        "donnees/",
        "chronologie/",
        "",
    ]
    report = probe.PageReport(base_url)
    context = probe.new_context(browser)
    probe.watch(context, report)
    page = context.new_page()
    problems, charts_drawn, swaps = [], 0, 0
    try:
        page.goto(base_url, wait_until="load")
        probe.settle(page)
        page.evaluate("window.__rpdcNoReload = true")
        for path in route:
            n_err = len(report.console_errors)
            if not _click(page, base_url, path):
                problems.append(f"no link to /{path} on {page.url}")
                page.goto(base_url + path, wait_until="load")
                page.evaluate("window.__rpdcNoReload = true")
                continue
            page.wait_for_url(base_url + path, timeout=15000)
            _swapped(page)
            c = wait_drawn(page)
            if page.evaluate("window.__rpdcNoReload === true"):
                swaps += 1
            else:
                problems.append(f"/{path}: full page reload, not an instant swap")
                page.evaluate("window.__rpdcNoReload = true")
            if c["drawn"] < c["placeholders"]:
                problems.append(
                    f"/{path}: {c['drawn']} of {c['placeholders']} charts drawn after navigation: "
                    f"{[x for x in c['charts'] if not complete(x)]}"
                )
            charts_drawn += c["drawn"]
            for err in report.console_errors[n_err:]:
                problems.append(f"/{path}: console error after navigation: {err}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert swaps == len(route)
    assert charts_drawn > 0, "no chart drawn on any page reached by navigation"


@pytest.fixture(scope="module")
def expected_marks(root) -> dict[str, int]:
    """Chart id -> marks its figure has, from the dataset (build_scripts.site.charts.figures)."""
    from build_scripts import dataset
    from build_scripts.site import charts

    return {cid: spec.marks for cid, spec in charts.figures(dataset.load(root)).items()}


def test_charts_draw_every_mark_on_first_load(browser, base_url, pages, expected_marks):
    """Pages loaded directly: each chart drawn, with as many marks as its figure has."""
    context = probe.new_context(browser)
    page = context.new_page()
    seen, problems = [], []
    try:
        for path in ("", pages["chronologie"], "acteurs/", pages["acteur"]):
            page.goto(base_url + path, wait_until="load")
            for chart in wait_drawn(page)["charts"]:
                seen.append(chart["id"])
                want = expected_marks.get(chart["id"])
                if chart["state"] != "drawn" or not chart["svg"]:
                    problems.append(f"/{path}: chart {chart['id']} not drawn (state {chart['state']})")
                elif want is None or chart["drawnMarks"] != want:
                    problems.append(
                        f"/{path}: chart {chart['id']}: {chart['drawnMarks']} marks drawn, figure has {want}"
                    )
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert len(seen) >= 4, f"charts seen: {seen}"
