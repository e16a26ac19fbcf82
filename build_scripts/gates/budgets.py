"""The bars the gates hold every page template to (justified in README, "Quality gates and budgets").

Weights are bytes on the wire (gzip, as GitHub Pages serves them) for one page load with an
empty cache: the HTML, CSS, JavaScript, fonts and images the page requests, and the data
its scripts fetch while loading (search index, chart data).
"""
from __future__ import annotations

LIGHTHOUSE_MIN = {"accessibility": 100, "best-practices": 100, "seo": 100}
AXE_MAX_VIOLATIONS = 0  # any impact

KB = 1024
# Per page, all resource kinds together.
TOTAL_BYTES = 600 * KB
# Per resource kind, on any page.
KIND_BYTES = {
    "document": 60 * KB,
    "stylesheet": 40 * KB,
    "script": 500 * KB,
    "font": 0,
    "image": 40 * KB,
    "data": 120 * KB,
}
