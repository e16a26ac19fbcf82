"""The bars the gates hold every page template to (justified in README, "Quality gates and budgets").

Weights are bytes on the wire (gzip, as GitHub Pages serves them) for one page load with an
empty cache, charts scrolled into view: the HTML, CSS, JavaScript, fonts and images the page
requests, and the data its scripts fetch (chart figures; the search index comes only when the
reader starts to search, docs/assets/javascripts/search-gate.js).
"""

from __future__ import annotations

LIGHTHOUSE_MIN = {"accessibility": 100, "best-practices": 100, "seo": 100}
AXE_MAX_VIOLATIONS = 0  # any impact

KB = 1024
# Per resource kind, on any page.
KIND_BYTES = {
    "document": 60 * KB,  # the biggest page (chronologie) ships ~18 KiB of HTML
    "stylesheet": 40 * KB,  # Material's CSS (~25 KiB) + the site's and the charts' styles
    "script": 480 * KB,  # Material (~35 KiB) + site/charts scripts + plotly.js-basic (~385 KiB)
    "font": 0,  # system fonts only (theme font: false): no web font at all
    "image": 40 * KB,  # favicon and small images; no photograph on the site
    "data": 100 * KB,  # chart figures (the search index and lunr load when the reader searches)
}
# Per page, all kinds together: pages with a chart load plotly.js, the others must not.
TOTAL_BYTES = {"charts": 600 * KB, "text": 200 * KB}
SCRIPT_BYTES_WITHOUT_CHARTS = 80 * KB
# JavaScript a page runs before the reader does anything (Material's bundle and the site's own
# scripts): the charts are drawn at build time, plotly.js comes only after an interaction.
SCRIPT_BYTES_BEFORE_INTERACTION = 60 * KB


def over_budget(bytes_by_kind: dict[str, int], has_charts: bool) -> list[str]:
    """What exceeds its budget, in words ([] when all is within)."""
    over = [
        f"{kind} {n / KB:.1f} KiB > {KIND_BYTES[kind] / KB:.0f} KiB"
        for kind, n in sorted(bytes_by_kind.items())
        if kind in KIND_BYTES and n > KIND_BYTES[kind]
    ]
    over += [f"unknown kind {kind}" for kind in bytes_by_kind if kind not in KIND_BYTES]
    if not has_charts and bytes_by_kind.get("script", 0) > SCRIPT_BYTES_WITHOUT_CHARTS:
        over.append(
            f"script {bytes_by_kind['script'] / KB:.1f} KiB > {SCRIPT_BYTES_WITHOUT_CHARTS / KB:.0f} KiB"
            " on a page without charts"
        )
    total, limit = sum(bytes_by_kind.values()), TOTAL_BYTES["charts" if has_charts else "text"]
    if total > limit:
        over.append(f"total {total / KB:.1f} KiB > {limit / KB:.0f} KiB")
    return over
