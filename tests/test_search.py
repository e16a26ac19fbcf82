"""The search index made forgiving (build_scripts/site/search.py): folded words, aliases, spaces."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from build_scripts.site import search


def test_fold_removes_accents_and_case():
    assert search.fold("Corée du Nord") == "coree du nord"
    assert search.fold("Sergueï LAVROV") == "serguei lavrov"


def test_blocks_get_their_space():
    assert search.spaced("<p>Acteurs</p><p>Lavrov</p>") == "<p>Acteurs</p> <p>Lavrov</p>"
    assert search.spaced("<li>a</li><li>b</li>") == "<li>a</li> <li>b</li>"
    assert search.spaced("mot<p>suite") == "mot <p>suite"


def test_extra_words_are_folded_words_and_aliases():
    words = search.extra_words("Sommet de Vostochny", "<p>Kim Jong Un en Corée</p>")
    assert "coree" in words and "vostotchny" in words
    assert "kim" not in words  # already without accents: nothing to add


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
    assert search.improve(path) == 1
    out = json.loads(path.read_text(encoding="utf-8"))["docs"]
    assert (
        out[0]["text"]
        == "<p>Le sommet</p> <p>Vostochny</p> <span hidden>coree vostochnyi vostotchny vostotchnyi</span>"
    )
    assert out[1]["text"] == "<p>sans accent</p>"
    before = path.read_bytes()
    assert search.improve(path) == 0  # a second run (build, then the hook in serve) changes nothing
    assert path.read_bytes() == before


@given(st.text(max_size=60))
def test_hidden_words_are_never_markup(text):
    words = search.extra_words("", text)
    assert all("<" not in w and ">" not in w and "&" not in w for w in words)
