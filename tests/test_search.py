"""The search index made forgiving (build_scripts/site/search.py): folded words, aliases, spaces."""

from __future__ import annotations

import gzip
import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from build_scripts.site import search


def _fold_char_by_char(text: str) -> str:
    """fold as first written, one character at a time: the reference of the faster one."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@given(st.text())
def test_fold_is_the_character_by_character_fold(text):
    assert search.fold(text) == _fold_char_by_char(text)


def test_fold_removes_accents_and_case():
    assert search.fold("Corée du Nord") == "coree du nord"
    assert search.fold("Sergueï LAVROV") == "serguei lavrov"


def test_blocks_get_their_space():
    assert search.spaced("<p>Acteurs</p><p>Lavrov</p>") == "<p>Acteurs</p> <p>Lavrov</p>"
    assert search.spaced("<li>a</li><li>b</li>") == "<li>a</li> <li>b</li>"
    assert search.spaced("mot<p>suite") == "mot <p>suite"


# A place as an editor writes it in data/places.yaml, with the spellings readers type.
PLACE = {
    "id": "cosmodrome",
    "name": "cosmodrome de Vostochny",
    "aliases": ["Vostochny"],
    "spellings": ["Vostotchny", "Vostotchnyi", "Vostochnyi"],
}
SPELLED = search.spellings([PLACE, {"id": "moscou", "name": "Moscou", "aliases": ["Moscou"]}])


def test_spellings_come_from_the_records_names():
    assert SPELLED == {
        "cosmodrome de vostochny": ["vostochnyi", "vostotchny", "vostotchnyi"],
        "vostochny": ["vostochnyi", "vostotchny", "vostotchnyi"],
    }


def test_extra_words_are_folded_words_and_spellings():
    words = search.extra_words("Sommet de Vostochny", "<p>Kim Jong Un en Corée</p>", SPELLED)
    assert "coree" in words and "vostotchny" in words
    assert "kim" not in words  # already without accents: nothing to add
    assert "vostotchny" not in search.extra_words("Sommet", "<p>Moscou</p>", SPELLED)


def test_the_projects_spellings_reach_the_built_index(tmp_path):
    from build_scripts import PROJECT
    from build_scripts.dataset import check
    from build_scripts.site import finish, tree

    ds = check.load_valid(PROJECT)
    files, _specs = tree.generated(ds, downloads=False)
    doc = json.loads(files[search.SPELLINGS_FILE])
    assert "do not edit" in doc["_generated"]
    assert doc["spellings"]["vostochny"] and len(doc["spellings"]) >= 5
    (tmp_path / "assets").mkdir()
    (tmp_path / search.SPELLINGS_FILE).write_text(str(files[search.SPELLINGS_FILE]), encoding="utf-8")
    assert search.read_spellings(tmp_path) == doc["spellings"]
    assert finish.finish(tmp_path) == {
        "search_entries": 0,
        "pages_compacted": 0,
        "theme_files_removed": 0,
        "search_bytes_saved": 0,
    }  # no index, no page: no error


def test_improve_rewrites_the_index(tmp_path):
    path = tmp_path / "search_index.json"
    doc = {
        "config": {"lang": ["fr"]},
        "docs": [
            {"location": "a/", "title": "Corée", "text": "<p>Le sommet</p><p>Vostochny</p>"},
            {"location": "b/", "title": "Rien", "text": "<p>sans accent</p>"},
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert search.improve(path, SPELLED) == 1
    out = json.loads(path.read_text(encoding="utf-8"))["docs"]
    assert (
        out[0]["text"]
        == "<p>Le sommet</p> <p>Vostochny</p> <span hidden>coree vostochnyi vostotchny vostotchnyi</span>"
    )
    assert out[1]["text"] == "<p>sans accent</p>"
    before = path.read_bytes()
    assert search.improve(path, SPELLED) == 0  # a second run (build, then the hook in serve) changes nothing
    assert path.read_bytes() == before


@given(st.text(max_size=60))
def test_hidden_words_are_never_markup(text):
    words = search.extra_words("", text)
    assert all("<" not in w and ">" not in w and "&" not in w for w in words)


def test_compress_keeps_the_index_as_gzip_byte_for_byte(tmp_path):
    index = {"config": {"lang": ["fr"]}, "docs": [{"location": "", "title": "Accueil", "text": "Corée " * 500}]}
    plain = tmp_path / search.INDEX
    plain.parent.mkdir()
    plain.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    before = plain.read_bytes()
    saved = search.compress(tmp_path)
    packed = tmp_path / search.COMPRESSED
    assert not plain.exists() and packed.is_file()
    assert gzip.decompress(packed.read_bytes()) == before  # what the search gate hands Material
    assert saved == len(before) - packed.stat().st_size > 2000
    assert search.read_index(tmp_path) == index
    first = packed.read_bytes()
    assert search.compress(tmp_path) == 0 and packed.read_bytes() == first  # twice: nothing more
    plain.write_bytes(before)
    search.compress(tmp_path)
    assert packed.read_bytes() == first  # no timestamp: the same index gives the same file
    packed.unlink()
    assert search.read_index(tmp_path) is None


def test_the_built_site_keeps_its_index_as_gzip(repo_site):
    assert not (repo_site / search.INDEX).exists()
    index = search.read_index(repo_site)
    assert index and index["config"][search.IMPROVED] and len(index["docs"]) > 20
