"""``python -m build_scripts build`` (site/build.py): the dataset out of the cycle collector's way."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from build_scripts.dataset import check
from build_scripts.dataset.problems import DataError
from build_scripts.site import build

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"


@pytest.fixture
def spied(monkeypatch) -> dict[str, object]:
    seen: dict[str, object] = {}
    load, run = check.load_valid, build.run_mkdocs

    def load_valid(root):
        seen["collector on while reading"] = gc.isenabled()
        return load(root)

    def run_mkdocs(*args, **kwargs):
        seen["objects frozen while building"] = gc.get_freeze_count()
        return run(*args, **kwargs)

    monkeypatch.setattr(build.check, "load_valid", load_valid)
    monkeypatch.setattr(build, "run_mkdocs", run_mkdocs)
    return seen


def test_the_data_is_read_without_the_collector_then_frozen_until_the_build_ends(spied, tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "project")
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert build.main(tmp_path / "project", site_dir=tmp_path / "site") == 0
    assert spied["collector on while reading"] is False
    assert isinstance(spied["objects frozen while building"], int) and spied["objects frozen while building"] > 1000
    assert gc.isenabled() and gc.get_freeze_count() == 0  # as it was, for a caller that goes on


def test_a_build_refused_leaves_the_collector_as_it_was(spied, tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "project")
    events = tmp_path / "project" / "data" / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace("  date: 2031-03-04\n", "  date: hier\n"), encoding="utf-8"
    )
    with pytest.raises(DataError):
        build.main(tmp_path / "project", site_dir=tmp_path / "site")
    assert spied["collector on while reading"] is False
    assert "objects frozen while building" not in spied
    assert gc.isenabled() and gc.get_freeze_count() == 0
