"""Gate: axe-core (npm, tools/) finds no accessibility violation, of any impact, on any page template."""

from __future__ import annotations

import pytest
from chartdom import wait_drawn
from gatefigures import FIGURES

from build_scripts.quality.gates import probe, templates


@pytest.mark.parametrize("name", list(templates.FIXED))
def test_axe_finds_no_violation(name, browser, base_url, pages):
    report, page, context = probe.load(browser, base_url + pages[name])
    try:
        wait_drawn(page)  # charts and their data tables are part of the page axe judges
        page.evaluate("window.scrollTo(0, 0)")
        violations = probe.axe(page)
        rules_run = page.evaluate("axe.getRules().length")
    finally:
        context.close()
    FIGURES["axe"][name] = violations
    assert rules_run > 50, "axe-core did not load"
    assert not violations, f"/{pages[name]}: {len(violations)} axe rule(s) violated:\n" + probe.describe_violations(
        violations
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
