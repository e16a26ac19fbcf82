"""What the gates measured during the run, printed at its end (tests/gatesummary.py).

A test records a figure in FIGURES; tests/browser/conftest.py sends what each test recorded, as
plain values (``plain``), with the test's report, so that the figures reach the summary from any
pytest-xdist worker.
"""

from __future__ import annotations

FIGURES: dict[str, dict] = {"lighthouse": {}, "axe": {}, "weight": {}, "js_before": {}, "reader": {}}


def plain(kind: str, value):
    """A figure as plain values (dicts, lists, numbers, strings) that pytest-xdist can send."""
    if kind == "lighthouse":
        return {"scores": value.scores, "failing": value.failing, "metrics": value.metrics}
    if kind == "weight":
        return {"total_bytes": value.total_bytes, "bytes_by_kind": dict(value.bytes_by_kind)}
    return value
