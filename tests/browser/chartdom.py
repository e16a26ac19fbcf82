"""How the browser tests see the site's Plotly charts.

A chart placeholder is an element with a Plotly figure to draw; Plotly marks the element
it drew into with the class ``js-plotly-plot`` and puts its SVG (``.main-svg``) inside.
"""
from __future__ import annotations

# What the chart blocks of build_scripts.charts write into the page, and what Plotly adds.
PLACEHOLDER = "[data-chart], .rpdc-chart, .plotly-graph-div"
DRAWN = ".js-plotly-plot .main-svg"

COUNT_JS = """([placeholder, drawn]) => ({
    placeholders: document.querySelectorAll(placeholder).length,
    drawn: new Set(Array.from(document.querySelectorAll(drawn)).map(e => e.closest('.js-plotly-plot'))).size,
})"""


def count(page) -> dict:
    """{'placeholders': n, 'drawn': n} on the current page."""
    return page.evaluate(COUNT_JS, [PLACEHOLDER, DRAWN])


def wait_drawn(page, timeout_ms: int = 15000) -> dict:
    """Wait until every placeholder of the page is drawn (or timeout), then count."""
    try:
        page.wait_for_function(
            """([placeholder, drawn]) => {
                const n = document.querySelectorAll(placeholder).length;
                const d = new Set(Array.from(document.querySelectorAll(drawn)).map(e => e.closest('.js-plotly-plot'))).size;
                return d >= n;
            }""", arg=[PLACEHOLDER, DRAWN], timeout=timeout_ms)
    except Exception:  # noqa: BLE001 - the caller asserts on the counts
        pass
    return count(page)
