"""build_scripts.quality.weight: gzip bytes of JavaScript per page (fixture: tests/fixtures/charts/built/)."""

from __future__ import annotations

import gzip
from pathlib import Path

from build_scripts.quality import weight

SITE = Path(__file__).resolve().parent / "fixtures" / "charts" / "built"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_weight_counts_plotly_only_on_chart_pages(capsys):
    rows = {r["page"]: r for r in weight.measure(SITE)}
    assert set(rows) == {"index.html", "page/index.html"}
    app = gz(SITE / "assets/javascripts/app.js")
    plotly = gz(SITE / "assets/vendor/plotly-basic.min.js")
    plain, chart = rows["index.html"], rows["page/index.html"]
    assert plain["charts"] == 0 and chart["charts"] == 1
    assert plain["js_gzip"] == app + len(gzip.compress(b"var essai = 1;", 9, mtime=0)) > app
    assert chart["js_gzip_static"] == app  # the other host's script is not the site's weight
    assert chart["js_gzip"] == app + plotly
    assert chart["total_gzip"] > chart["js_gzip"] + gz(SITE / "assets/charts/timeline.json")
    assert weight.main(SITE) == 0
    out = capsys.readouterr().out
    assert "page/index.html" in out and "js_gzip" in out
