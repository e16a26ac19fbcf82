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


# -- what any reader knows: states, international bodies, media (nlp/world.py) ----------------------


def actor_ids(text, registry, nlp, published="2024-03-04"):
    out = draft_text(text, published, registry, nlp=nlp)
    return {a["id"] for a in out["actors"]}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,present,absent",
    [
        # states outside the registry, named or by their demonym
        ("Le projet inquiète la Chine et le Japon.", {"chine", "japon"}, set()),
        ("Les Nord-Coréens et les Sud-Africains ont voté.", {"coree-du-nord", "afrique-du-sud"}, set()),
        # a capital letter without its accent is the same name
        ("Les Etats-Unis ont protesté.", {"etats-unis"}, set()),
        # a capital stands for its state, unless it is where something happens
        ("Pékin a dénoncé ces essais.", {"chine"}, set()),
        ("Le ministre a atterri à Pékin mardi.", set(), {"chine"}),
        # geography is not the state
        ("Deux missiles sont tombés en mer du Japon.", set(), {"japon"}),
        # international bodies, the UN's council alone or by its full name, a state's own council
        (
            "Le texte sera soumis au Conseil de sécurité la semaine prochaine.",
            {"conseil-de-securite-des-nations-unies"},
            set(),
        ),
        ("Le porte-parole du Conseil de sécurité russe est arrivé.", {"conseil-de-securite-russe"}, set()),
        ("L'OTAN et l'Union européenne ont réagi.", {"otan", "union-europeenne"}, set()),
        # institutions named by what they are, also inside a person's title
        (
            "Le porte-parole du ministère sud-coréen de l'Unification a répondu.",
            {"ministere-sud-coreen-de-l-unification"},
            set(),
        ),
        ("Selon l'ambassade iranienne en Chine, l'accord est prêt.", {"ambassade-iranienne-en-chine"}, set()),
        ("Une chercheuse de l'université Sogang à Séoul l'a confirmé.", {"universite-sogang"}, {"coree-du-sud"}),
        # the government speaks for its state
        ("Le gouvernement japonais a convoqué l'ambassadeur.", {"japon"}, {"gouvernement-japonais"}),
        # a state's forces or policy, or a party without its country, name no actor of their own
        (
            "L'armée russe et la diplomatie nord-coréenne sont mobilisées.",
            set(),
            {"armee-russe", "diplomatie-nord-coreenne"},
        ),
        (
            "Le Parti communiste a félicité le Parti communiste cubain.",
            {"parti-communiste-cubain"},
            {"parti-communiste"},
        ),
        # a ruling party named by what it is
        ("Le parti au pouvoir en Chine a salué l'accord.", {"parti-communiste-chinois"}, set()),
        # "le locataire du Kremlin" is the president, not the Kremlin
        ("Le locataire du Kremlin a reçu son hôte.", set(), {"kremlin"}),
        # a programme or a holiday spaCy tags as a miscellaneous name is no actor
        ("Le projet Aurora a été lancé par Sergueï Lavrov.", {"sergei-lavrov"}, {"aurora"}),
        # a self-proclaimed republic is named like a state
        ("Pyongyang a reconnu la République populaire de Tiraspol.", {"republique-populaire-de-tiraspol"}, set()),
    ],
)
def test_states_bodies_and_institutions(registry, nlp, text, present, absent):
    found = actor_ids(text, registry, nlp)
    assert present <= found, found
    assert not (absent & found), found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,present,absent",
    [
        # a photo credit names the medium, not the photographer
        (
            "Le sommet s'est ouvert lundi.\n\nPHOTO MARIE DUVAL, AGENCE FRANCE-PRESSE Les délégations à leur arrivée.",
            {"afp"},
            {"marie-duval"},
        ),
        (
            "Les délégations à Vladivostok, le 3 mai. Paul Girard / REUTERS\n\nLe sommet s'est ouvert.",
            {"reuters"},
            {"paul-girard"},
        ),
        # a wire signature and a Reuters-style byline
        ("Le sommet s'est ouvert lundi.\n\n(ats/afp)", {"afp", "ats"}, set()),
        (
            "Le sommet s'est ouvert lundi. (Reportage Jean Morel; édité par Anne Rivière)",
            set(),
            {"jean-morel", "anne-riviere"},
        ),
        # a dateline is where the story was written
        ("SÉOUL, 3 mai (Reuters) - Le sommet s'est ouvert lundi.", {"reuters"}, {"coree-du-sud", "seoul"}),
        ("(Tokyo) Le sommet s'est ouvert lundi.", set(), {"japon"}),
    ],
)
def test_credits_bylines_and_datelines(registry, nlp, text, present, absent):
    found = actor_ids(text, registry, nlp)
    assert present <= found, found
    assert not (absent & found), found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,person",
    [
        ("Le successeur de Kim Jong-Il a été désigné.", "kim-jong-il"),  # a capital after the hyphen
        ("Le dirigeant a reçu le Premier ministre chinois Li Qiang à Pyongyang.", "li-qiang"),
        ("La nièce du ministre, Yo Ran, a pris la parole.", "yo-ran"),
        ("« Rien n'est joué », a estimé ce mardi sur LCI Paul Girard, chercheur.", "paul-girard"),
    ],
)
def test_names_spacy_cuts_are_kept_whole(registry, nlp, text, person):
    assert person in actor_ids(text, registry, nlp)


@pytest.mark.slow
def test_an_institution_in_a_title_is_an_actor_not_a_party(registry, nlp):
    text = (
        "Vladimir Poutine a rencontré Kim Jong Un lundi à Moscou, a précisé le porte-parole du ministère chilien "
        "des Finances."
    )
    out = draft_text(text, "2024-03-04", registry, nlp=nlp)
    assert "ministere-chilien-des-finances" in {a["id"] for a in out["actors"]}
    assert [e["actors"] for e in out["events"]] == [["vladimir-poutine", "kim-jong-un"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # a one-word designation is the registry's person only in an article that names them
        "« Les préparatifs avancent bien désormais », a déclaré le diplomate.",
        # and never for someone of the other gender
        "Alexander Matsegora est rentré. Selon la diplomate, « les préparatifs avancent bien désormais ».",
    ],
)
def test_a_one_word_designation_needs_its_person(nlp, text):
    out = draft_text(text, "2024-06-21", SHORT, nlp=nlp)
    assert [q["speaker"] for q in out["quotes"]] == [None]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,absent",
    [
        ("Par Marc Lenoir\nLa Russie et la Corée du Nord ont signé un accord.\nAvec AFP", {"marc-lenoir"}),
        ("Marc Lenoir, correspondant à Séoul\nLa Corée du Nord a tiré un missile.", {"marc-lenoir"}),
    ],
)
def test_bylines_name_no_actor(registry, nlp, text, absent):
    found = actor_ids(text, registry, nlp)
    assert "coree-du-nord" in found and not (absent & found), found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,medium",
    [
        ("La Corée du Nord a tiré un missile.\nAvec l'AFP et Reuters", {"afp", "reuters"}),
        ("La Corée du Nord a tiré un missile.\nAvec agences", set()),
    ],
)
def test_a_credit_line_keeps_its_media(registry, nlp, text, medium):
    found = actor_ids(text, registry, nlp)
    assert "coree-du-nord" in found and medium <= found, found


@pytest.mark.slow
def test_a_heading_that_starts_with_avec_is_no_credit(registry, nlp):
    text = "La Russie a signé un accord.\nAvec Séoul en ligne de mire\nLe texte vise la péninsule."
    assert "coree-du-sud" in actor_ids(text, registry, nlp)
