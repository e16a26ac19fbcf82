"""Sentence-level specifications of actor resolution: registry aliases, descriptions, variants, proposals."""
from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.extract import draft_text, registry_from_files
from build_scripts.nlp import model
from build_scripts.nlp.actors import Registry, slug

FIX = Path(__file__).resolve().parent / "fixtures" / "articles"


# `nlp` (the spaCy model, loaded once) and `registry` (fixtures/articles/registry_*.yaml) come from conftest.py


def ids(registry, text):
    return [m.actor for m in registry.find(text)]


@pytest.mark.parametrize("text,expected", [
    ("Kim Jong Un est arrivé.", ["kim-jong-un"]),
    ("Kim Jong-un est arrivé.", ["kim-jong-un"]),
    ("Kim Jong\u2011un est arrivé.", ["kim-jong-un"]),  # non-breaking hyphen
    ("Kim\u00a0Jong\u00a0Un est arrivé.", ["kim-jong-un"]),  # non-breaking spaces
    ("M. Poutine a parlé au dirigeant nord-coréen.", ["vladimir-poutine", "kim-jong-un"]),
    ("Une lettre du président russe est arrivée.", ["vladimir-poutine"]),
    ("Le président russe Vladimir Poutine a répondu.", ["vladimir-poutine", "vladimir-poutine"]),
    ("Selon l’agence de presse nord-coréenne, tout va bien.", ["kcna"]),  # typographic apostrophe
    ("M. Lavrov a quitté Moscou.", ["sergei-lavrov", "russie"]),  # surname with a title, unique in the registry
    ("Le régime nord-coréen a tiré un missile.", ["coree-du-nord"]),
])
def test_registry_resolution(registry, text, expected):
    assert ids(registry, text) == expected


def test_aliases_do_not_match_inside_words(registry):
    assert ids(registry, "Les Kimchi et la Russie-Unie") == []


def test_slug_is_ascii_kebab():
    assert slug("Choe Son-hui") == "choe-son-hui"
    assert slug("Sergueï Lavrov") == "serguei-lavrov"
    assert slug("JoongAng Ilbo") == "joongang-ilbo"


def test_empty_registry_finds_nothing():
    assert Registry([], []).find("Vladimir Poutine") == []


@pytest.mark.slow
def test_unknown_people_and_media_are_proposed(registry, nlp):
    text = ("Le ministre sud-coréen de l'Unification, Kim Yeon-chul, a reçu jeudi l'ambassadeur russe, "
            "selon le journal Asahi Shimbun. Vladimir Poutine n'a pas commenté.")
    out = draft_text(text, "2019-03-14", registry, nlp=nlp)
    by_id = {a["id"]: a for a in out["actors"]}
    assert "kim-yeon-chul" in by_id and by_id["kim-yeon-chul"]["kind"] == "person"
    assert by_id["asahi-shimbun"]["kind"] == "media"
    assert by_id["asahi-shimbun"]["aliases"] == ["Asahi Shimbun"]
    assert by_id["asahi-shimbun"]["sources"] == [{"article": "test", "excerpt": text.split(" Vladimir")[0]}]
    # a registry actor is listed as used, never proposed again
    assert by_id["vladimir-poutine"].get("review") != "draft"
    assert "kim-jong-un" not in by_id  # "Kim" inside "Kim Yeon-chul" is not Kim Jong Un
    drafts = [a for a in out["actors"] if a.get("review") == "draft"]
    assert drafts and all(a["id"] not in registry.actors for a in drafts)


@pytest.mark.slow
def test_media_cue_and_surname_back_reference(registry, nlp):
    text = ("L'agence Yonhap a cité le général Park Jin-ho. Selon Park, les tirs ont eu lieu à l'aube.")
    out = draft_text(text, "2022-11-03", registry, nlp=nlp)
    by_id = {a["id"]: a for a in out["actors"]}
    assert by_id["yonhap"]["kind"] == "media"
    assert "park" not in by_id  # "Park" alone refers back to the person named before
