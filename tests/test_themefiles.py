"""The theme's files that no page loads, removed from the built site (build_scripts/site/themefiles.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_scripts.site import themefiles


def fake_site(root: Path, langs: list[str]) -> Path:
    files = {
        "assets/javascripts/bundle.1.min.js": "var a=1;\n//# sourceMappingURL=bundle.1.min.js.map\n",
        "assets/javascripts/bundle.1.min.js.map": "{}",
        "assets/javascripts/other.js": "var b=2;\n//# sourceMappingURL=missing.js.map\n",
        "assets/stylesheets/main.1.min.css": "a{b:c}\n/*# sourceMappingURL=main.1.min.css.map */",
        "assets/stylesheets/main.1.min.css.map": "{}",
        "assets/javascripts/lunr/tinyseg.js": "ja",
        "assets/javascripts/lunr/wordcut.js": "th",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "s",
        "assets/javascripts/lunr/min/lunr.multi.min.js": "m",
        "assets/javascripts/lunr/min/lunr.fr.min.js": "fr",
        "assets/javascripts/lunr/min/lunr.de.min.js": "de",
        "assets/javascripts/lunr/min/lunr.ja.min.js": "ja",
        "search/search_index.json": json.dumps({"config": {"lang": langs}, "docs": []}),
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def remaining(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_maps_and_other_languages_go_the_rest_stays(tmp_path):
    site = fake_site(tmp_path, ["fr"])
    assert themefiles.remove_unused(site) == 2 + 5
    assert remaining(site) == {
        "assets/javascripts/bundle.1.min.js",
        "assets/javascripts/other.js",
        "assets/stylesheets/main.1.min.css",
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.fr.min.js",
        "search/search_index.json",
    }
    # the comment that named a removed map goes with it; one naming a file that never was stays
    assert (site / "assets/javascripts/bundle.1.min.js").read_text(encoding="utf-8") == "var a=1;\n"
    assert (site / "assets/stylesheets/main.1.min.css").read_text(encoding="utf-8") == "a{b:c}\n"
    assert "missing.js.map" in (site / "assets/javascripts/other.js").read_text(encoding="utf-8")
    assert themefiles.remove_unused(site) == 0  # a second run changes nothing


def test_the_worker_s_languages_are_kept():
    assert themefiles.lunr_needed(["fr"]) == {"min/lunr.stemmer.support.min.js", "min/lunr.fr.min.js"}
    assert themefiles.lunr_needed(["ja", "th", "en"]) == {
        "min/lunr.stemmer.support.min.js",
        "min/lunr.multi.min.js",
        "tinyseg.js",
        "wordcut.js",
        "min/lunr.ja.min.js",
        "min/lunr.th.min.js",
    }


def test_without_a_search_index_lunr_is_left_alone(tmp_path):
    site = fake_site(tmp_path, ["fr"])
    (site / "search/search_index.json").unlink()
    assert themefiles.remove_unused(site) == 2  # the maps only
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in remaining(site)


def test_the_built_site_loads_every_file_it_keeps(repo_site):
    # the worker's own list of languages, read from the built worker: the rule above is Material's
    worker = next((repo_site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    for piece in ('case"ja":r.push(`${e}/tinyseg.js`)', 'case"th":r.push(`${e}/wordcut.js`)', "/min/lunr.${n}.min.js"):
        assert piece in worker, f"Material's search worker no longer loads lunr as themefiles.lunr_needed says: {piece}"
    assert "lunr.multi.min.js" in worker and "lunr.stemmer.support.min.js" in worker
    assert not list(repo_site.rglob("*.map"))
    assert not [p for p in repo_site.rglob("*.js") if re.search(r"sourceMappingURL", p.read_text(encoding="utf-8"))]
    lunr = {p.name for p in (repo_site / "assets/javascripts/lunr").rglob("*") if p.is_file()}
    assert lunr == {"lunr.stemmer.support.min.js", "lunr.fr.min.js"}
