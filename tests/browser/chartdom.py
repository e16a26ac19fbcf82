"""How the browser tests see the site's Plotly charts (build_scripts/site/charts, docs/assets/javascripts/charts.js).

A chart is a ``figure.rpdc-chart`` with ``data-chart-src`` (its figure JSON) and ``data-marks``
(how many marks the figure draws, from ``build_scripts.site.charts.figures(ds)[id].marks``).
charts.js draws it when it nears the viewport and sets ``data-chart-state`` to ``drawn``
(or ``failed``); Plotly marks its element ``js-plotly-plot`` and puts an SVG (``.main-svg``) in it.
"""

from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

PLACEHOLDER = ".rpdc-chart[data-chart-src]"


def mark_selectors() -> list[str]:
    """CSS selectors of the marks Plotly draws (build_scripts.site.charts.MARK_SELECTORS)."""
    from build_scripts.site import charts as chart_specs

    return list(getattr(chart_specs, "MARK_SELECTORS", {}).values())


STATE_JS = """([sel, markSelectors]) => Array.from(document.querySelectorAll(sel)).map(box => {
    const gd = box.querySelector('.js-plotly-plot');
    let points = null;
    if (gd && gd.calcdata) {
        points = gd.calcdata.reduce((n, trace) => n + trace.filter(p => p && !p.empty).length, 0);
    }
    return {
        id: box.getAttribute('data-chart-id'),
        state: box.getAttribute('data-chart-state'),
        svg: !!(gd && gd.querySelector('.main-svg')),
        marks: box.hasAttribute('data-marks') ? Number(box.getAttribute('data-marks')) : null,
        points: points,
        drawnMarks: markSelectors.reduce((n, s) => n + box.querySelectorAll(s).length, 0),
    };
})"""


def charts(page) -> list[dict]:
    """[{id, state, svg, marks, points}] of the charts on the current page."""
    return page.evaluate(STATE_JS, [PLACEHOLDER, mark_selectors()])


def count(page) -> dict:
    c = charts(page)
    return {"placeholders": len(c), "drawn": sum(1 for x in c if complete(x)), "charts": c}


def complete(chart: dict) -> bool:
    """Drawn, with an SVG, and every mark the figure has (data-marks) on screen."""
    return (
        chart["state"] == "drawn" and chart["svg"] and (chart["marks"] is None or chart["drawnMarks"] == chart["marks"])
    )


WAIT_JS = """(sel) => {
    const pending = Array.from(document.querySelectorAll(sel)).filter(
        b => !['drawn', 'failed'].includes(b.getAttribute('data-chart-state')));
    if (!pending.length) return true;
    pending[0].scrollIntoView({block: 'center'});  // as a reader scrolls down to it
    return false;
}"""


def wait_drawn(page, timeout_ms: int = 15000) -> dict:
    """Scroll each chart into view (they load lazily) until all are drawn or failed, then count."""
    if page.locator(PLACEHOLDER).count():
        try:
            page.wait_for_function(WAIT_JS, arg=PLACEHOLDER, polling=250, timeout=timeout_ms)
        except PlaywrightTimeout:  # the caller asserts on the counts
            pass
    return count(page)
