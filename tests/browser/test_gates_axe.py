"""Gate: axe-core (npm, tools/) finds no accessibility violation, of any impact, on any page template,
in both states a reader meets: as the page loads (charts drawn at build time as SVG, no script has
run for them) and once every chart has become the interactive Plotly chart."""

from __future__ import annotations

import pytest
from chartdom import wait_drawn
from gatefigures import FIGURES

from build_scripts.quality.gates import probe, templates


@pytest.mark.parametrize("name", templates.NAMES)
def test_axe_finds_no_violation(name, browser, base_url, pages):
    report, page, context = probe.load(browser, base_url + pages[name])
    try:
        before = probe.axe(page)  # the static drawings, before any interaction
        rules_run = page.evaluate("axe.getRules().length")
        charts = wait_drawn(page)  # scrolling draws the interactive charts (plotly.js)
        page.evaluate("window.scrollTo(0, 0)")
        # Back at the top, Material fades the site name back into the header (a CSS transition):
        # axe must not measure the contrast of text caught half-transparent.
        page.wait_for_function("!document.querySelector('.md-header__title--active')")
        page.wait_for_timeout(500)
        after = probe.axe(page) if charts["placeholders"] else []
    finally:
        context.close()
    FIGURES["axe"][name] = before + after
    assert rules_run > 50, "axe-core did not load"
    assert charts["drawn"] == charts["placeholders"], f"/{pages[name]}: charts not all drawn: {charts['charts']}"
    problems = [(state, v) for state, v in (("before the charts are interactive", before), ("after", after)) if v]
    assert not problems, "\n".join(
        f"/{pages[name]} ({state}): {len(v)} axe rule(s) violated:\n" + probe.describe_violations(v)
        for state, v in problems
    )


def test_axe_reports_a_faulty_page(browser):
    """The gate can fail: a fixture page with three faults gets three rules violated."""
    from pathlib import Path

    from build_scripts.quality.gates import server

    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "gates" / "site"
    with server.serve(fixture) as base:
        report, page, context = probe.load(browser, base + "inaccessible/")
        try:
            ids = {v["id"] for v in probe.axe(page)}
        finally:
            context.close()
    assert {"image-alt", "button-name", "color-contrast"} <= ids, ids
