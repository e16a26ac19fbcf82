"""Sentence-level specifications of actor resolution: registry aliases, descriptions, variants, proposals."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.dataset.ids import slug
from build_scripts.extraction.extract import draft_text
from build_scripts.extraction.nlp.actors import Registry

FIX = Path(__file__).resolve().parent / "fixtures" / "articles"


# `nlp` (the spaCy model, loaded once) and `registry` (fixtures/articles/registry_*.yaml) come from conftest.py


def ids(registry, text):
    return [m.actor for m in registry.find(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kim Jong Un est arrivé.", ["kim-jong-un"]),
        ("Kim Jong-un est arrivé.", ["kim-jong-un"]),
        ("Kim Jong\u2011un est arrivé.", ["kim-jong-un"]),  # non-breaking hyphen
        ("Kim\u00a0Jong\u00a0Un est arrivé.", ["kim-jong-un"]),  # non-breaking spaces
        ("M. Poutine a parlé au dirigeant nord-coréen.", ["vladimir-poutine", "kim-jong-un"]),
        ("Une lettre du président russe est arrivée.", ["vladimir-poutine"]),
        # a designation in apposition to a name: the name decides (one mention, not two)
        ("Le président russe Vladimir Poutine a répondu.", ["vladimir-poutine"]),
        ("Selon l’agence de presse nord-coréenne, tout va bien.", ["kcna"]),  # typographic apostrophe
        ("M. Lavrov a quitté Moscou.", ["sergei-lavrov", "russie"]),  # surname with a title, unique in the registry
        ("Le régime nord-coréen a tiré un missile.", ["coree-du-nord"]),
    ],
)
def test_registry_resolution(registry, text, expected):
    assert ids(registry, text) == expected


# A registry with family-name-first short aliases ("Kim", "Choe") and a one-word designation ("le diplomate").
SHORT = Registry(
    [
        {"id": "kim-jong-un", "name": "Kim Jong Un", "kind": "person", "aliases": ["Kim Jong Un", "Kim", "M. Kim"]},
        {"id": "choe-son-hui", "name": "Choe Son Hui", "kind": "person", "aliases": ["Choe Son Hui", "Choe"]},
        {"id": "sergei-lavrov", "name": "Sergueï Lavrov", "kind": "person", "aliases": ["Sergueï Lavrov", "Lavrov"]},
        {
            "id": "alexander-matsegora",
            "name": "Alexander Matsegora",
            "kind": "person",
            "aliases": ["Alexander Matsegora"],
            "descriptions": ["le diplomate"],
        },
        {
            "id": "tass",
            "name": "TASS",
            "kind": "media",
            "aliases": ["TASS"],
            "descriptions": ["l'agence de presse russe"],
        },
    ],
    [],
)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Kim a salué la visite.", ["kim-jong-un"]),
        ("Selon Kim, la visite est un succès.", ["kim-jong-un"]),  # a capitalised word that opens the clause
        ("M. Kim a salué la visite.", ["kim-jong-un"]),
        ("Choe et Lavrov ont parlé.", ["choe-son-hui", "sergei-lavrov"]),
        # someone else whose name holds the short alias
        ("Kim Yo Jong a salué la visite.", []),
        ("Le ministre Kim Tok Hun a salué la visite.", []),
        ("Choe Ryong Hae a salué la visite.", []),
        ("L'émissaire américain Sung Kim a salué la visite.", []),
        # a western surname keeps its owner whatever the first name's spelling
        ("Sergei Lavrov a salué la visite.", ["sergei-lavrov"]),
        # a designation with another nationality, or in apposition to another name, is someone else
        ("Le diplomate a salué la visite.", ["alexander-matsegora"]),
        ("Le diplomate américain a salué la visite.", []),
        ("Le diplomate chinois Wang Yi a salué la visite.", []),
        ("L'agence de presse russe RIA Novosti a publié la lettre.", []),
        ("L'agence de presse russe TASS a publié la lettre.", ["tass"]),
    ],
)
def test_short_aliases_and_designations_only_stand_for_their_actor(text, expected):
    assert ids(SHORT, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,speaker",
    [
        ("« Nous sommes unis », a déclaré Kim Yo Jong.", "kim-yo-jong"),
        ("Choe Ryong Hae a déclaré : « Notre amitié est éternelle. »", "choe-ryong-hae"),
        ("« Nous sommes unis », a déclaré Kim.", "kim-jong-un"),
    ],
)
def test_a_longer_name_is_proposed_not_confused(nlp, text, speaker):
    out = draft_text(text, "2024-06-21", SHORT, nlp=nlp)
    assert [q["speaker"] for q in out["quotes"]] == [speaker]


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
    text = (
        "Le ministre sud-coréen de l'Unification, Kim Yeon-chul, a reçu jeudi l'ambassadeur russe, "
        "selon le journal Asahi Shimbun. Vladimir Poutine n'a pas commenté."
    )
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
    text = "L'agence Yonhap a cité le général Park Jin-ho. Selon Park, les tirs ont eu lieu à l'aube."
    out = draft_text(text, "2022-11-03", registry, nlp=nlp)
    by_id = {a["id"]: a for a in out["actors"]}
    assert by_id["yonhap"]["kind"] == "media"
    assert "park" not in by_id  # "Park" alone refers back to the person named before
