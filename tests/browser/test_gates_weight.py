"""Gate: the bytes each page template ships (gzip, empty cache) stay under the budgets of
build_scripts/quality/gates/budgets.py (justified in README, "Quality gates and budgets")."""

from __future__ import annotations

import pytest
from chartdom import wait_drawn
from gatefigures import FIGURES

from build_scripts.quality.gates import budgets, probe, templates


@pytest.mark.parametrize("name", templates.NAMES)
def test_javascript_before_interaction(name, browser, base_url, pages):
    """Loaded and left alone (no scroll, no touch): Material's bundle and the site's scripts only."""
    report, page, context = probe.load(browser, base_url + pages[name], width=390, height=844)
    try:
        state = page.evaluate(
            "Array.from(document.querySelectorAll('.rpdc-chart')).map(b => b.getAttribute('data-chart-state'))"
        )
    finally:
        context.close()
    scripts = [(u, n) for kind, u, n in report.resources if kind == "script"]
    total = sum(n for _u, n in scripts)
    FIGURES["js_before"][name] = total
    assert scripts, "no script counted"
    assert not any("plotly" in u for u, _n in scripts), f"/{pages[name]}: plotly.js loaded before any interaction"
    assert all(s is None for s in state), f"/{pages[name]}: a chart was replaced before any interaction: {state}"
    assert total <= budgets.SCRIPT_BYTES_BEFORE_INTERACTION, (
        f"/{pages[name]}: {total / 1024:.1f} KiB of JavaScript before any interaction > "
        f"{budgets.SCRIPT_BYTES_BEFORE_INTERACTION / 1024:.0f} KiB: "
        + ", ".join(f"{u.rsplit('/', 1)[-1]} {n / 1024:.1f}" for u, n in scripts)
    )


@pytest.mark.parametrize("name", templates.NAMES)
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
