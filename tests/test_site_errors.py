"""Broken data: `mkdocs build` fails with the problems; `mkdocs serve` keeps running and shows them."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from build_scripts.dataset.problems import DataError
from build_scripts.site import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
BAD_DATE = "<script>alert(1)</script>"


@pytest.fixture
def broken(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    events = root / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "  date: 2031-03-04\n" in text
    events.write_text(text.replace("  date: 2031-03-04\n", f"  date: '{BAD_DATE}'\n", 1), encoding="utf-8")
    return root


def _hook(command: str):
    """The hook module, freshly loaded and started as `mkdocs <command>` starts it, and its config."""
    spec = importlib.util.spec_from_file_location("data_pages_under_test", ROOT / "hooks" / "data_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.on_startup(command=command, dirty=False)
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    module.on_config(config)
    return module, config


def test_build_command_refuses_broken_data(broken):
    with pytest.raises(DataError) as exc:
        build.main(broken, site_dir=broken / "site")
    assert "data/events.yaml:" in str(exc.value) and "[invalid-date]" in str(exc.value)
    assert not (broken / "site").exists()


@pytest.mark.slow
def test_mkdocs_build_fails_with_the_problems(broken, tmp_path):
    env = dict(os.environ, RPDC_ROOT=str(broken), NO_MKDOCS_2_WARNING="1")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode != 0
    assert "data/events.yaml:" in r.stderr and "[invalid-date]" in r.stderr


def test_serve_keeps_running_and_shows_the_problems_escaped(broken, monkeypatch, capsys):
    monkeypatch.setenv("RPDC_ROOT", str(broken))
    hook, config = _hook("serve")
    config.plugins._current_plugin = "data_pages"  # what MkDocs sets while it runs a hook
    files = hook.on_files(Files([]), config=config)
    docs = {f.src_uri for f in files}
    assert {"chronologie.md", "citations.md", "index.md"} <= docs
    err = capsys.readouterr().err
    assert "data/events.yaml:" in err and "[invalid-date]" in err
    banner = hook.on_page_markdown("# Page\n", page=None, config=config, files=files)
    assert "[invalid-date]" in banner and "data/events.yaml:" in banner
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in banner and BAD_DATE not in banner
    assert banner.rstrip().endswith("# Page")


def test_build_hook_aborts_on_broken_data(broken, monkeypatch, capsys):
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("RPDC_ROOT", str(broken))
    hook, config = _hook("build")
    with pytest.raises(Abort):
        hook.on_files(Files([]), config=config)
    assert "[invalid-date]" in capsys.readouterr().err


@pytest.mark.slow
def test_a_build_that_fails_late_leaves_the_last_good_site(tmp_path, capsys):
    """The data passes check but MkDocs refuses the build (strict: a hand-written link to no page):
    site/ keeps the previous build, whole, and no temporary build is left behind."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    site = root / "site"
    assert build.main(root, site_dir=site) == 0
    before = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert len(before) > 20 and "index.html" in before
    index = root / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nVoir la [page disparue](absente.md).\n", encoding="utf-8")
    assert build.main(root, site_dir=site) != 0
    after = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in root.iterdir()) == ["corpus", "data", "docs", "site"]
    assert "site is left as it was" in capsys.readouterr().err.replace(str(site), "site")


def test_serve_answers_with_the_problem_when_an_article_is_dated_year_zero(tmp_path, monkeypatch, capsys):
    """Issue #16, F3: an article published in year 0 made every check crash and a request under
    `mkdocs serve` hang. Now check refuses the date, and serve shows the problem at once."""
    import signal

    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    article = root / "corpus" / "2031-04-essai-visite.md"
    text = article.read_text(encoding="utf-8")
    assert "published: 2031-04\n" in text
    article.write_text(text.replace("published: 2031-04\n", "published: 0000-04\n", 1), encoding="utf-8")
    monkeypatch.setenv("RPDC_ROOT", str(root))

    def hang(_signum, _frame):
        raise TimeoutError("the serve hook did not answer within 60 s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(60)
    try:
        hook, config = _hook("serve")
        config.plugins._current_plugin = "data_pages"
        files = hook.on_files(Files([]), config=config)
        banner = hook.on_page_markdown("# Page\n", page=None, config=config, files=files)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    expected = (
        "corpus/2031-04-essai-visite.md:4: 2031-04-essai-visite.published: [invalid-date] '0000-04': the year "
        "0000 is out of range (dates run from 1800 to 2199). Fix: check the year in the article (a typo such as "
        "0224 for 2024?)."
    )
    assert expected in capsys.readouterr().err
    assert "[invalid-date]" in banner and "0000-04" in banner
