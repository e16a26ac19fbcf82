"""Browser tests and quality gates: the site is built once per session for a local address,
served on 127.0.0.1 with gzip (like GitHub Pages) and driven with Debian's Chromium.

Chromium is found through CHROMIUM_PATH (or CHROME_PATH) or the usual paths; the tests are
skipped, saying so, only when there is no Chromium at all (`make test` installs it).
The figures the gates measure are printed at the end of the run.
"""

from __future__ import annotations

import pytest
from gatefigures import FIGURES

from build_scripts.quality.gates import chromium, localsite, probe, server, templates


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = chromium.find()
    if not path:
        pytest.skip("no Chromium binary (set CHROMIUM_PATH, or run scripts/install-test-tools.sh)")
    return path


@pytest.fixture(scope="session")
def site(tmp_path_factory, chromium_path):
    """(site_dir, base_url): the site built for http://127.0.0.1:PORT/ and served there."""
    port = server.free_port()
    site_dir = localsite.build(tmp_path_factory.mktemp("site") / "site", port)
    with server.serve(site_dir, port) as base_url:
        yield site_dir, base_url


@pytest.fixture(scope="session")
def site_dir(site):
    return site[0]


@pytest.fixture(scope="session")
def base_url(site):
    return site[1]


@pytest.fixture(scope="session")
def pages(site_dir) -> dict[str, str]:
    """Template name -> path of the nine page templates."""
    return templates.resolve(site_dir)


@pytest.fixture(scope="module")
def browser(chromium_path):
    """One Chromium per test module: Playwright's sync API allows one instance at a time in a
    thread, and other test modules (tests/test_preview.py) start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = probe.launch(pw)
        yield b
        b.close()


def pytest_terminal_summary(terminalreporter):
    lh, axe, weight, js_before, reader = (FIGURES[k] for k in ("lighthouse", "axe", "weight", "js_before", "reader"))
    if not (lh or axe or weight or js_before or reader):
        return
    tr = terminalreporter
    tr.section("quality-gate figures")
    if lh:
        tr.write_line("Lighthouse (mobile): perf a11y bp seo   [perf is a benchmark, not gated]")
        for name, s in lh.items():
            sc = s.scores
            tr.write_line(
                f"  {name:<13} {sc['performance']:>4} {sc['accessibility']:>4} "
                f"{sc['best-practices']:>3} {sc['seo']:>4}   LCP {s.metrics['LCP ms'] or 0:.0f} ms"
                f"  TBT {s.metrics['TBT ms'] or 0:.0f} ms"
                + (f"   failing: {s.failing}" if any(k != "performance" for k in s.failing) else "")
            )
    if axe:
        tr.write_line("axe-core violations (rules / elements):")
        for name, v in axe.items():
            tr.write_line(
                f"  {name:<13} {len(v):>3} / {sum(len(x['nodes']) for x in v):<4} "
                + ", ".join(f"{x['id']}({x['impact']})" for x in v)
            )
    if weight:
        tr.write_line("bytes shipped (gzip, empty cache), KiB: total  html  css  js  font  img  data")
        for name, r in weight.items():
            k = r.bytes_by_kind
            kib = lambda n: f"{n / 1024:6.1f}"  # noqa: E731
            tr.write_line(
                f"  {name:<13} {kib(r.total_bytes)} {kib(k.get('document', 0))} {kib(k.get('stylesheet', 0))}"
                f" {kib(k.get('script', 0))} {kib(k.get('font', 0))} {kib(k.get('image', 0))}"
                f" {kib(k.get('data', 0))}"
            )
    if js_before:
        tr.write_line("JavaScript before any interaction (gzip, KiB; budget 60):")
        for name, n in js_before.items():
            tr.write_line(f"  {name:<13} {n / 1024:6.1f}")
    if reader:
        tr.write_line("reader's figures (390 px): page height px, Tab presses to the first chart:")
        for name, v in reader.items():
            tr.write_line(f"  {name:<13} {v}")
