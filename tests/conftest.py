"""Shared fixtures (the project root, a scratch copy of it, the project's site built once), and how
`make test` shares the tests out between its pytest-xdist workers (``pytest -n 2 --dist loadgroup``).

A test runs on whichever worker is free, except the tests that share something costly or stateful:
- the browser tests and gates (tests/browser/) run on one worker: one site build, one server;
- the tests of a module with a module- or session-scoped fixture of its own (a site build, a
  running `mkdocs serve` that the tests edit in turn) run on one worker, in their order;
- the modules that use a session fixture of this file named in SHARED run together (one build).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import gatesummary
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


SHARED = {"repo_site": "repo-site"}  # session fixture -> the xdist group of every module using it


def _xdist_groups(items) -> dict[str, str]:
    """Test module -> xdist group, for the modules whose tests must stay on one worker."""
    groups: dict[str, str] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        if module.startswith("tests/browser/"):
            groups[module] = "browser"
            continue
        info = getattr(item, "_fixtureinfo", None)
        for name, defs in (info.name2fixturedefs if info else {}).items():
            if name in SHARED:
                groups[module] = SHARED[name]
            elif defs and defs[-1].scope in ("module", "session") and defs[-1].baseid == module:
                groups.setdefault(module, module)
    return groups


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config, items):
    if config.pluginmanager.hasplugin("xdist"):
        groups = _xdist_groups(items)
        for item in items:
            group = groups.get(item.nodeid.split("::", 1)[0])
            if group:
                item.add_marker(pytest.mark.xdist_group(group))
    _skip_seed(config, items)


def pytest_runtest_logreport(report):
    gatesummary.collect(report)


def pytest_terminal_summary(terminalreporter):
    lines = gatesummary.lines()
    if lines:
        terminalreporter.section("quality-gate figures")
        for line in lines:
            terminalreporter.write_line(line)


def _skip_seed(config, items):
    """Tests marked "seed" check the exact text of the five seed articles: they belong to
    `make eval` (pytest -m seed), not to the test suite, which must hold for any corpus."""
    if "seed" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="depends on the exact text of the seed articles: run by make eval")
    for item in items:
        if "seed" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway copy of the project's corpus/ and data/ (and schemas) to break at will."""
    dest = tmp_path / "project"
    for sub in ("corpus", "data"):
        shutil.copytree(ROOT / sub, dest / sub)
    return dest


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> Path:
    """The project's own site, built once for the session as `make site` builds it (check,
    `mkdocs build --strict` with the hook, finish): tests/test_site.py reads it, tests/test_engines.py
    compares the other engines' builds with it."""
    from build_scripts.site import build

    site = tmp_path_factory.mktemp("repo") / "site"
    assert build.main(ROOT, strict=True, site_dir=site) == 0
    return site


@pytest.fixture(scope="session")
def nlp():
    """The French spaCy pipeline, loaded once for the whole session."""
    from build_scripts.extraction.nlp import model

    return model.load()


@pytest.fixture(scope="session")
def registry():
    """The actors and places registry of the extraction tests (tests/fixtures/articles/)."""
    from build_scripts.extraction.extract import registry_from_files

    fix = FIXTURES / "articles"
    return registry_from_files(fix / "registry_actors.yaml", fix / "registry_places.yaml")
