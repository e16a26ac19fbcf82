"""What the gates measured during the run, printed at its end by conftest.pytest_terminal_summary."""

from __future__ import annotations

FIGURES: dict[str, dict] = {"lighthouse": {}, "axe": {}, "weight": {}, "js_before": {}, "reader": {}}
