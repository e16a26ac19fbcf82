"""Gate: Lighthouse (mobile) scores 100 in accessibility, best practices and SEO on every page template.

Performance is printed (end of the run, "quality-gate figures") as a benchmark, not gated:
it is noisy on a shared 2-core machine. One run per template, one after the other.
"""

from __future__ import annotations

import pytest
from gatefigures import FIGURES

from build_scripts.quality.gates import budgets, lighthouse, templates


@pytest.mark.parametrize("name", templates.NAMES)
def test_lighthouse_mobile(name, chromium_path, base_url, pages):
    scores = lighthouse.run(base_url + pages[name])
    FIGURES["lighthouse"][name] = scores
    assert scores.error is None, f"Lighthouse runtime error on /{pages[name]}: {scores.error}"
    assert scores.scores["performance"] >= 0, "no performance score"
    low = {
        k: (scores.scores[k], scores.failing.get(k, []))
        for k, bar in budgets.LIGHTHOUSE_MIN.items()
        if scores.scores[k] < bar
    }
    assert not low, f"/{pages[name]}: below the bar: " + "; ".join(
        f"{k} {s} (audits: {', '.join(audits)})" for k, (s, audits) in low.items()
    )
