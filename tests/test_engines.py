"""The site builds from plain generated files, with no hook: MkDocs, ProperDocs and Zensical.

``python -m build_scripts pages --out DIR`` writes the docs tree (hand-written and generated
pages, chart figures, downloads) and a mkdocs.yml without ``hooks:``. Zensical, the successor
of Material, ignores hooks: the data pages must not depend on one. Each build is then finished
by the site stage's last step (build_scripts/site/finish.py: the search index), as
``python -m build_scripts build`` does. The hook build and the MkDocs build of the tree must
be the same site byte for byte (search index included);
ProperDocs (the maintained fork of MkDocs 1.x) the same pages but for its generator tag;
Zensical the same set of pages, each with the anchors of its records.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_scripts.dataset import check
from build_scripts.site import finish, tree

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
ID = re.compile(r'\sid="([^"]+)"')

pytestmark = pytest.mark.slow


def _build(cmd: list[str], cwd: Path, **env: str) -> None:
    run = subprocess.run(
        cmd, cwd=cwd, env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **env), capture_output=True, text=True
    )
    assert run.returncode == 0, f"{' '.join(cmd)} failed:\n{run.stdout}\n{run.stderr}"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _pages(files: dict[str, bytes]) -> set[str]:
    return {f for f in files if f.endswith(".html")}


@pytest.fixture(scope="module")
def built(tmp_path_factory, repo_site) -> dict[str, Path]:
    """The tree, built by MkDocs and ProperDocs and finished; "hook" is the session's build of the
    project with the hook (tests/conftest.py, `repo_site`: `python -m build_scripts build`)."""
    tmp = tmp_path_factory.mktemp("engines")
    ds = check.load_valid(ROOT)
    counts = tree.write(ds, tmp / "tree")
    assert counts["pages"] > 20 and counts["charts"] > 5 and counts["downloads"] > 5  # archive, licence, schemas
    config = yaml.safe_load((tmp / "tree" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "hooks" not in config and "watch" not in config and len(config["nav"]) > 5
    cfg = str(tmp / "tree" / "mkdocs.yml")
    _build([str(BIN / "mkdocs"), "build", "--strict", "-f", cfg, "-d", str(tmp / "mkdocs")], tmp)
    _build([str(BIN / "properdocs"), "build", "--strict", "-f", cfg, "-d", str(tmp / "properdocs")], tmp)
    for name in ("mkdocs", "properdocs"):
        assert finish.finish(tmp / name)["search_entries"] > 20
    return {"hook": repo_site, "mkdocs": tmp / "mkdocs", "properdocs": tmp / "properdocs", "tree": tmp / "tree"}


def test_mkdocs_builds_the_same_site_from_the_tree_as_with_the_hook(built):
    hook, plain = _files(built["hook"]), _files(built["mkdocs"])
    assert len(_pages(hook)) > 20
    assert {"donnees/rpdc-russie.zip", "assets/charts/timeline.json"} <= set(hook)
    assert hook.keys() == plain.keys()
    assert [f for f in hook if hook[f] != plain[f]] == []  # sitemap and search index included


def test_the_tree_gives_the_theme_and_the_search_what_the_hook_did(built):
    """The skip link "Aller au graphique" of every chart page targets its first chart (front matter
    written by the pages stage), and the finished index forgives accents and spellings."""
    plain = _files(built["mkdocs"])
    with_chart = 0
    for page in _pages(plain):
        html = plain[page].decode("utf-8")
        first = re.search(r'<figure class="rpdc-chart" id="(graphique-[^"]+)"', html)
        skip = re.search(r'<a href="#([^"]*)" class="md-skip rpdc-skip-chart"( hidden)?>', html)
        assert skip is not None, page
        if first:
            assert (skip.group(1), skip.group(2)) == (first.group(1), None), page
            with_chart += 1
        else:
            assert skip.group(2) == " hidden", page
    assert with_chart > 10
    # the contents keep the headings' French spaces (pages.heading_spaces), no hook needed
    contents = re.findall(
        r'class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]*?)\s*<',
        "".join(plain[p].decode("utf-8") for p in _pages(plain)),
    )
    assert sum(1 for t in contents if "&#160;:" in t) > 5
    assert [t for t in contents if re.search(r" [:;!?»]|« ", t)] == []
    index = gzip.decompress(plain["search/search_index.json.gz"]).decode("utf-8")
    assert "coree" in index and "vostotchny" in index


def test_properdocs_builds_the_same_pages(built):
    hook, proper = _files(built["hook"]), _files(built["properdocs"])
    assert _pages(proper) == _pages(hook)
    differ = [f for f in _pages(hook) if GENERATOR.sub(b"", hook[f]) != GENERATOR.sub(b"", proper[f])]
    assert differ == []
    assert proper["search/search_index.json.gz"] == hook["search/search_index.json.gz"]
    assert {"donnees/rpdc-russie.zip", "assets/charts/timeline.json"} <= set(proper)


def test_zensical_builds_the_same_pages(built):
    exe = shutil.which("zensical", path=str(BIN)) or shutil.which("zensical")
    if exe is None:
        pytest.skip("zensical is not installed (it is in the test extras: pip install -e '.[test]')")
    _build([exe, "build", "-f", "mkdocs.yml"], built["tree"])
    hook, zen = _files(built["hook"]), _files(built["tree"] / "site")
    assert _pages(zen) == _pages(hook)
    assert {"donnees/rpdc-russie.zip", "assets/charts/timeline.json"} <= set(zen)
    compared = 0
    for page in _pages(hook):
        ours = set(ID.findall(hook[page].decode("utf-8")))
        theirs = set(ID.findall(zen[page].decode("utf-8")))
        records = {i for i in ours if not i.startswith("__")}  # the theme's own ids differ
        assert records <= theirs, (page, sorted(records - theirs)[:5])
        compared += len(records)
    assert compared > 500
