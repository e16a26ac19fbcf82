"""The quality-gate machinery itself (build_scripts/quality/gates), on fixture files: each gate can fail."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from build_scripts.quality.gates import budgets, chromium, lighthouse, links, server, templates

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gates"
SITE = FIXTURES / "site"


def test_links_reports_broken_pages_and_anchors_only():
    internal, external, broken = links.check(SITE, "http://127.0.0.1:8000/")
    found = sorted((b.page, b.link) for b in broken)
    assert found == [
        ("index.html", "#nulle-part"),
        ("index.html", "chronologie/#sommet-2031"),
        ("index.html", "rencontres/"),
    ]
    assert internal >= 9  # stylesheets, pages, anchors (named anchors count as targets)
    assert external == 1
    assert "no id 'sommet-2031' in chronologie/index.html" in str(next(b for b in broken if "2031" in b.link))


def test_links_treats_absolute_links_under_the_site_address_as_internal(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="http://127.0.0.1:9/absente/">x</a><a href="http://127.0.0.1:9/">y</a>', encoding="utf-8"
    )
    internal, _, broken = links.check(tmp_path, "http://127.0.0.1:9/")
    assert internal == 2
    assert [b.link for b in broken] == ["http://127.0.0.1:9/absente/"]


def _get(url: str, gz: bool = True):
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gz else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_server_gzips_text_serves_404_page_and_redirects_directories():
    with server.serve(SITE) as base:
        assert base.startswith("http://127.0.0.1:")
        status, headers, body = _get(base + "assets/site.css")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (SITE / "assets" / "site.css").read_bytes()
        status, headers, body = _get(base + "assets/site.css", gz=False)
        assert "Content-Encoding" not in headers and body == (SITE / "assets" / "site.css").read_bytes()
        status, _, body = _get(base + "absente/")
        assert status == 404 and b"Page introuvable" in gzip.decompress(body)
        opener = urllib.request.build_opener(
            type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a, **k: None})
        )
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(base + "chronologie", timeout=10)
        assert redirect.value.code == 301 and redirect.value.headers["Location"] == "/chronologie/"


def test_lighthouse_summary_lists_the_audits_that_cost_points():
    report = json.loads((FIXTURES / "lighthouse-report.json").read_text(encoding="utf-8"))
    s = lighthouse.summarize(report)
    assert s.scores == {"performance": 91, "accessibility": 96, "best-practices": 100, "seo": 100}
    assert s.failing == {"performance": ["largest-contentful-paint"], "accessibility": ["color-contrast"]}
    assert s.metrics["LCP ms"] == 2400.5
    assert s.metrics["benchmark"] == report["environment"]["benchmarkIndex"] > 0


def test_budgets_flag_heavy_pages():
    kb = budgets.KB
    light = {"document": 10 * kb, "stylesheet": 27 * kb, "script": 55 * kb, "data": 38 * kb}
    assert budgets.over_budget(light, has_charts=False) == []
    with_plotly = dict(light, script=440 * kb)
    assert budgets.over_budget(with_plotly, has_charts=True) == []
    assert any("without charts" in o for o in budgets.over_budget(with_plotly, has_charts=False))
    assert any(o.startswith("font") for o in budgets.over_budget(dict(light, font=20 * kb), has_charts=False))
    assert any(
        o.startswith("total")
        for o in budgets.over_budget(dict(light, data=99 * kb, image=39 * kb, script=479 * kb), has_charts=True)
    )


def test_templates_take_the_heaviest_actor_and_source(tmp_path):
    pages = {
        "index.html": "<p>x</p>",
        "acteurs/anna/index.html": "<p>x</p>",
        "acteurs/boris/index.html": "<p>" + "x" * 100 + "</p>",
        "acteurs/carla/index.html": "<p>x</p>",
        "sources/2031-essai/index.html": "<p>x</p>",
    }
    for page, text in pages.items():
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(text, encoding="utf-8")
    t = templates.resolve(tmp_path)
    assert list(t) == templates.NAMES and len(t) == 10
    assert t["acteur"] == "acteurs/boris/" and t["source"] == "sources/2031-essai/"
    assert templates.all_pages(tmp_path) == [
        "",
        "acteurs/anna/",
        "acteurs/boris/",
        "acteurs/carla/",
        "sources/2031-essai/",
    ]


def test_chromium_path_comes_from_the_environment(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("CHROMIUM_PATH", str(fake))
    assert chromium.find() == str(fake)
    monkeypatch.setenv("CHROMIUM_PATH", str(tmp_path / "absent"))
    assert chromium.find() is None
    assert "--headless" not in chromium.playwright_args() and "--no-sandbox" in chromium.playwright_args()
