"""Browser tests and quality gates: the site is built once per session for a local address,
served on 127.0.0.1 with gzip (like GitHub Pages) and driven with Debian's Chromium.

Chromium is found through CHROMIUM_PATH (or CHROME_PATH) or the usual paths; the tests are
skipped, saying so, only when there is no Chromium at all (`make test` installs it).
The figures the gates measure are printed at the end of the run (tests/gatesummary.py).
"""

from __future__ import annotations

import pytest
from gatefigures import FIGURES, plain

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


_SENT: set[tuple[str, str]] = set()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Send the figures this test recorded with its report (tests/gatesummary.py prints them)."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call":
        return
    new = {
        kind: {name: plain(kind, v) for name, v in figures.items() if (kind, name) not in _SENT}
        for kind, figures in FIGURES.items()
    }
    new = {kind: figures for kind, figures in new.items() if figures}
    if new:
        _SENT.update((kind, name) for kind, figures in new.items() for name in figures)
        report.user_properties.append(("gate-figures", new))
