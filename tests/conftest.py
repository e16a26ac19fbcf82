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


def pytest_xdist_node_collection_finished(node, ids):
    """The controller, when a worker has collected: each test the conftest grouped must carry its
    group in its id (``...@group``), the only thing xdist's scheduler goes by. When it does not
    (pytest 9.2 with pytest-xdist 3.8: pytest-dev/pytest-xdist#1386), the tests that share a running
    server are dealt to both workers and fail by turns: stop at once and say why instead."""
    if node.config.getoption("dist") != "loadgroup":
        return
    must = [i for i in ids if i.startswith("tests/browser/") or i.split("::", 1)[0] in _GROUPED]
    lost = [i for i in must if "@" not in i]
    if lost:
        pytest.exit(
            f"--dist loadgroup would not keep {len(lost)} test(s) together (first: {lost[0]}): this pytest "
            "drops the group pytest-xdist adds to a test's id (pytest-dev/pytest-xdist#1386). "
            "Fix: install the versions pinned in pyproject.toml (make install).",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


# Modules whose tests are always grouped, besides tests/browser/ (a running server that their tests
# edit in turn): the check above looks for their group in the ids.
_GROUPED = {"tests/test_preview.py"}


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
