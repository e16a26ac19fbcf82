"""Gate: the bytes each page template ships (gzip, empty cache) stay under the budgets of
build_scripts/quality/gates/budgets.py (justified in README, "Quality gates and budgets")."""

from __future__ import annotations

import pytest
from chartdom import wait_drawn
from gatefigures import FIGURES

from build_scripts.quality.gates import budgets, probe, templates


@pytest.mark.parametrize("name", list(templates.FIXED))
def test_page_weight_within_budget(name, browser, base_url, pages):
    report, page, context = probe.load(browser, base_url + pages[name])
    try:
        charts = wait_drawn(page)  # a reader who scrolls the page loads its charts (plotly.js and figures)
        probe.settle(page)
    finally:
        context.close()
    FIGURES["weight"][name] = report
    assert report.bytes_by_kind.get("document", 0) > 0, "the page itself was not counted"
    over = budgets.over_budget(report.bytes_by_kind, has_charts=charts["placeholders"] > 0)
    biggest = sorted(report.resources, key=lambda r: -r[2])[:5]
    assert not over, f"/{pages[name]} over budget: {'; '.join(over)}; biggest: " + ", ".join(
        f"{u.rsplit('/', 1)[-1] or u} {n / 1024:.1f} KiB" for _, u, n in biggest
    )
