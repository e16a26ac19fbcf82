"""Shared fixtures: the project root and a scratch copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
