"""Sentence-level specifications of quote extraction: French sentences in, exact records out.

Every sentence here was written for these tests (no outlet's text is copied).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.extraction.extract import draft_text
from build_scripts.extraction.nlp.model import quote_spans, split_sentences

FIX = Path(__file__).resolve().parent / "fixtures" / "articles"


# `nlp` (the spaCy model, loaded once) and `registry` (fixtures/articles/registry_*.yaml) come from conftest.py


def quotes(text, registry, nlp, published="2024-06-19"):
    out = draft_text(text, published, registry, nlp=nlp)["quotes"]
    assert out, "no quote found"
    return [(q["text"], q["speaker"], q["kind"]) for q in out]


# -- segmentation (no model) ------------------------------------------------------------------


def test_a_quote_running_over_sentences_is_never_cut():
    text = "« Nous avons parlé de tout. Les résultats sont bons. » Puis il est parti. M. Kim a souri."
    spans = [text[a:b] for a, b, _ in split_sentences(text)]
    assert spans == ["« Nous avons parlé de tout. Les résultats sont bons. »", "Puis il est parti.", "M. Kim a souri."]


def test_nested_marks_belong_to_the_outer_quote():
    text = '« Le mot “défensif” ne veut rien dire », a-t-il dit, puis "autre chose".'
    assert [text[a:b] for a, b in quote_spans(text)] == ["« Le mot “défensif” ne veut rien dire »", '"autre chose"']


# -- attribution (spaCy) ----------------------------------------------------------------------

SPECS = [
    # speaker after the quote: "a déclaré X"
    (
        "« Nous ne céderons jamais aux pressions », a déclaré Sergueï Lavrov lors d'une conférence de presse à Moscou.",
        [("Nous ne céderons jamais aux pressions", "sergei-lavrov", "speech")],
    ),
    # "a indiqué KCNA"
    (
        "Les entretiens se sont déroulés « dans un esprit de camaraderie », a indiqué KCNA mardi.",
        [("dans un esprit de camaraderie", "kcna", "speech")],
    ),
    # a description resolved through the registry
    (
        "« La péninsule ne connaîtra pas la guerre », a conclu l'agence de presse nord-coréenne.",
        [("La péninsule ne connaîtra pas la guerre", "kcna", "speech")],
    ),
    # "X a souligné que « … »"
    (
        "Kim Jong-un a souligné que son pays restait « prêt à toute éventualité ».",
        [("prêt à toute éventualité", "kim-jong-un", "speech")],
    ),
    # a colon introduction with a description as subject
    (
        "Le dirigeant nord-coréen a déclaré : « Notre amitié avec la Russie est indestructible. »",
        [("Notre amitié avec la Russie est indestructible.", "kim-jong-un", "speech")],
    ),
    # "selon X"
    (
        "Selon KCNA, Pyongyang souhaite bâtir « une coopération sans limites » avec Moscou.",
        [("une coopération sans limites", "kcna", "speech")],
    ),
    # “ … ” quotes and "M. X"
    (
        "“Nous sommes prêts à discuter de tout”, a déclaré M. Poutine aux journalistes en 2019.",
        [("Nous sommes prêts à discuter de tout", "vladimir-poutine", "speech")],
    ),
    # straight quotes, a description with a contraction
    (
        'Le porte-parole du Kremlin a évoqué un "tournant historique" dans les relations.',
        [("tournant historique", "dmitri-peskov", "term")],
    ),
    # nested quotes stay inside the outer one
    (
        "« Le mot “défensif” ne veut rien dire ici », a estimé Sergueï Lavrov.",
        [("Le mot “défensif” ne veut rien dire ici", "sergei-lavrov", "speech")],
    ),
    # a quote running over several sentences
    (
        "« Nous avons discuté de tout. Les résultats sont très bons. Nous continuerons », a déclaré Kim Jong Un.",
        [("Nous avons discuté de tout. Les résultats sont très bons. Nous continuerons", "kim-jong-un", "speech")],
    ),
    # a quote interrupted and resumed: two passages, one speaker
    (
        "« Nous voulons la paix », a déclaré Vladimir Poutine, « mais nous défendrons nos intérêts ».",
        [
            ("Nous voulons la paix", "vladimir-poutine", "speech"),
            ("mais nous défendrons nos intérêts", "vladimir-poutine", "speech"),
        ],
    ),
    # non-breaking and narrow spaces inside the marks are not part of the text
    ("«\u00a0Nous sommes satisfaits\u202f», a déclaré M. Kim.", [("Nous sommes satisfaits", "kim-jong-un", "term")]),
    # no attribution: null, never a guess
    (
        "Les deux capitales évoquent un partenariat « stratégique et global ».",
        [("stratégique et global", None, "term")],
    ),
    (
        "« Une nouvelle ère commence », pouvait-on lire sur une banderole à Pyongyang.",
        [("Une nouvelle ère commence", None, "speech")],
    ),
    # a speaker the registry does not know becomes a proposed actor
    (
        "« Les sanctions ont échoué », a déclaré Antonio Guterres à New York en 2018.",
        [("Les sanctions ont échoué", "antonio-guterres", "speech")],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", SPECS, ids=[s[0][:40] for s in SPECS])
def test_quote_spec(text, expected, registry, nlp):
    assert quotes(text, registry, nlp) == expected


@pytest.mark.slow
def test_a_t_il_ajoute_is_the_previous_speaker(registry, nlp):
    text = "Vladimir Poutine a salué « des relations excellentes ». « Nous irons plus loin », a-t-il ajouté."
    assert quotes(text, registry, nlp) == [
        ("des relations excellentes", "vladimir-poutine", "term"),
        ("Nous irons plus loin", "vladimir-poutine", "speech"),
    ]


@pytest.mark.slow
def test_il_a_ajoute_colon_takes_previous_speaker_and_both_sentences(registry, nlp):
    text = (
        "Sergueï Lavrov a affirmé que Moscou soutenait Pyongyang. "
        "Il a ajouté : « Ce partenariat ne vise aucun pays tiers. »"
    )
    out = draft_text(text, "2023-07-27", registry, nlp=nlp)["quotes"]
    assert len(out) == 1
    q = out[0]
    assert q == {
        "id": "sergei-lavrov-partenariat-vise-aucun-pays",
        "text": "Ce partenariat ne vise aucun pays tiers.",
        "speaker": "sergei-lavrov",
        "kind": "speech",
        "article": "test",
        "excerpt": text,
        "date": None,
        "review": "draft",
    }


@pytest.mark.slow
def test_speaker_and_relay(registry, nlp):
    text = (
        "Kim Jong Un a déclaré qu'il soutenait un « plan de cent ans » avec la Russie, a rapporté "
        "l'agence de presse russe TASS."
    )
    out = draft_text(text, "2023-09-14", registry, nlp=nlp)["quotes"]
    assert [(q["speaker"], q.get("reported_by"), q["kind"]) for q in out] == [("kim-jong-un", "tass", "speech")]


@pytest.mark.slow
def test_unknown_speaker_is_proposed_not_guessed(registry, nlp):
    out = draft_text(
        "« Les sanctions ont échoué », a déclaré Antonio Guterres à New York en 2018.", "2018-05-02", registry, nlp=nlp
    )
    proposed = {a["id"]: a for a in out["actors"]}
    assert proposed["antonio-guterres"]["kind"] == "person"
    assert proposed["antonio-guterres"]["review"] == "draft"
    assert proposed["antonio-guterres"]["aliases"] == ["Antonio Guterres"]


MORE = [
    # present tense with an inverted pronoun, after a named speaker
    (
        "Sergueï Lavrov a dénoncé « une provocation ». « Nous répondrons », prévient-il.",
        [("une provocation", "sergei-lavrov", "term"), ("Nous répondrons", "sergei-lavrov", "term")],
    ),
    # the one spoken to is not the speaker
    (
        "« Rien n'est encore décidé », a déclaré à l'agence TASS Dmitri Peskov.",
        [("Rien n'est encore décidé", "dmitri-peskov", "speech")],
    ),
    # "Pour X, « … »"
    (
        "Pour Vladimir Poutine, « la coopération militaire n'est pas interdite ».",
        [("la coopération militaire n'est pas interdite", "vladimir-poutine", "speech")],
    ),
    # an attribution inside the marks
    (
        "« Nous ne voulons pas la guerre, a déclaré Sergueï Lavrov. Mais nous sommes prêts. »",
        [
            (
                "Nous ne voulons pas la guerre, a déclaré Sergueï Lavrov. Mais nous sommes prêts.",
                "sergei-lavrov",
                "speech",
            )
        ],
    ),
    # an invitation quotes the inviter; a new clause with another subject does not inherit the speaker
    (
        "Kim Jong Un a invité Sergueï Lavrov à revenir « dès que possible », et le ministre « a promis de le faire ».",
        [("dès que possible", "kim-jong-un", "term"), ("a promis de le faire", None, "speech")],
    ),
    # an unnamed source stays null
    (
        "« Les préparatifs avancent », a confié un diplomate sous couvert d'anonymat.",
        [("Les préparatifs avancent", None, "term")],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", MORE, ids=[s[0][:40] for s in MORE])
def test_more_attribution_styles(text, expected, registry, nlp):
    assert quotes(text, registry, nlp, published="2021-03-02") == expected


@pytest.mark.slow
def test_article_of_another_outlet_and_year(registry, nlp):
    """A whole article written for this test: unknown speakers stay null, pronouns follow the subject."""
    text = (FIX / "2018-06-sommet-singapour.txt").read_text(encoding="utf-8")
    out = draft_text(text, "2018-06-13", registry, nlp=nlp)
    assert [(q["text"], q["speaker"]) for q in out["quotes"]] == [
        ("Nous avons développé un lien très spécial", None),  # "le président américain": not in the registry
        ("Le monde va voir un changement majeur", None),  # "a-t-il poursuivi": that same unknown speaker
        ("un nouveau départ", "kim-jong-un"),  # "a, de son côté, évoqué"
        ("au moment opportun", "kim-jong-un"),  # "Selon KCNA, Kim a invité … « … »": KCNA relays
        ("La dénucléarisation complète reste notre objectif", "mike-pompeo"),  # pronoun -> last subject
        ("un pas dans la bonne direction", "russie"),  # "Pour Moscou, …"
        ("positif", "serguei-riabkov"),
        ("ne pas s'arrêter en chemin", "serguei-riabkov"),
    ]
    proposed = {a["id"] for a in out["actors"] if a.get("review") == "draft"}
    # "appelant Washington à …": the capital stands for its state
    assert proposed == {"donald-trump", "mike-pompeo", "serguei-riabkov", "etats-unis"}


@pytest.mark.slow
def test_institutions_named_by_what_they_are(registry, nlp):
    """Straight quotes, an institution as speaker, a reporter left out of the events."""
    text = (FIX / "2024-11-tirs-missiles.txt").read_text(encoding="utf-8")
    out = draft_text(text, "2024-11-05", registry, nlp=nlp)
    assert [(q["text"], q["speaker"], q["kind"]) for q in out["quotes"]] == [
        (
            "Ces tirs constituent une violation flagrante des résolutions du Conseil de sécurité",
            "ministere-japonais-de-la-defense",
            "speech",
        ),
        ("approfondir encore", "vladimir-poutine", "term"),
        ("infondées", "dmitri-peskov", "term"),
        ("Il n'y a rien de tel", "dmitri-peskov", "speech"),
    ]
    kinds = {a["id"]: a["kind"] for a in out["actors"] if a.get("review") == "draft"}
    assert kinds == {
        "choe-son-hui": "person",
        "conseil-de-securite-des-nations-unies": "organisation",  # "du Conseil de sécurité", alone: the UN's
        "kremlin": "organisation",  # not in the tests' registry: proposed under its usual name
        "etat-major-sud-coreen": "organisation",
        "ministere-japonais-de-la-defense": "organisation",
        "presidence-russe": "organisation",
        "yonhap": "media",
    }
    assert all("etat-major-sud-coreen" not in e["actors"] for e in out["events"])


# -- who speaks: continuations, designations, clauses (each sentence written for these tests) -------

SPEAKERS = [
    # a quote standing alone after an attributed one goes on with the same speaker
    (
        "« Nous soutenons ce projet », a déclaré Sergueï Lavrov. « Il servira la paix dans la région. »",
        ["sergei-lavrov", "sergei-lavrov"],
    ),
    # also after a sentence that reports his words without quoting them
    (
        "Sergueï Lavrov a rappelé que Moscou soutenait ce projet.\n\n« Il servira la paix dans toute la région. »",
        ["sergei-lavrov"],
    ),
    # the speaker given by the next sentence
    (
        "« Nous ne reculerons devant aucune menace. » C'est ce qu'a affirmé mardi Vladimir Poutine devant la presse.",
        ["vladimir-poutine"],
    ),
    # an impersonal report speaks for the medium cited
    (
        "Selon l'agence KCNA, les deux dirigeants se sont vus. Il est par ailleurs indiqué que « les entretiens se "
        "sont tenus dans un climat chaleureux ».",
        ["kcna"],
    ),
    # the agent of a passive speech verb
    (
        "Moscou a dénoncé ces sanctions, qualifiées par Pyongyang de « pure provocation contre notre pays ».",
        ["coree-du-nord"],
    ),
    # a caption: the name before the colon
    ("Kim Jong Un : « Notre amitié avec la Russie est invincible »", ["kim-jong-un"]),
    # a gerund speaks with its clause's subject
    (
        "Sergueï Lavrov a défendu cet accord en estimant qu'il répondait « aux intérêts des deux peuples voisins ».",
        ["sergei-lavrov"],
    ),
    # a designation stands for the person the article introduced with that role
    (
        "Le ministre chinois des Affaires étrangères, Wang Yi, a reçu son homologue. « Nous voulons la stabilité "
        "de la péninsule », a ajouté le chef de la diplomatie chinoise.",
        ["wang-yi"],
    ),
    (
        "Paul Durand, porte-parole du gouvernement canadien, a pris la parole. Vladimir Poutine a répondu le "
        "lendemain. Le responsable canadien a tenu à rappeler que « cette position ne changera pas du tout ».",
        ["paul-durand"],
    ),
    # a gerund after a reporting verb speaks with that verb's subject
    (
        "Sergueï Lavrov a déclaré que la visite était utile, tout en estimant que « la route sera encore longue "
        "pour les deux pays ».",
        ["sergei-lavrov"],
    ),
    # "l'homme fort de <capitale ou pays>": the leader the article named for that state (a head of state by role
    # words, the state by its capital or name: no list of phrases)
    (
        "Le président chinois Xu Ming a reçu Vladimir Poutine mardi. « Nos deux pays resteront proches », a "
        "assuré l'homme fort de Pékin.",
        ["xu-ming"],
    ),
    (
        "Le dirigeant vénézuélien Juan Pardo a accueilli Sergueï Lavrov. « Le pétrole n'est pas une arme », a "
        "lancé l'homme fort du Venezuela.",
        ["juan-pardo"],
    ),
    (
        "Le dirigeant nord-coréen Ri Chol a accueilli Sergueï Lavrov. « Nous avançons ensemble vers la paix », a déclaré "
        "l'homme fort de Pyongyang.",
        ["ri-chol"],
    ),
    # the article's own apposition wins over the registry's designation
    (
        "Le président russe Dmitri Medvedev a reçu Kim Jong Un. « Nos deux pays sont de vieux amis », a déclaré "
        "le président russe.",
        ["dmitri-medvedev"],
    ),
    # an unnamed official speaks for his institution; a spokesperson named later is that spokesperson
    (
        "« Aucune date n'est encore fixée », a indiqué un porte-parole du ministère sud-coréen de l'Unification.",
        ["ministere-sud-coreen-de-l-unification"],
    ),
    (
        "« Les livraisons se poursuivent chaque semaine », a indiqué jeudi un porte-parole du département d'État. "
        "« Elles menacent la région entière », a ajouté Jean Dupuis, porte-parole de l'ambassade américaine à "
        "Séoul.",
        ["jean-dupuis", "jean-dupuis"],
    ),
    # "le chercheur" right after someone spoke without a role: that one; his institute does not speak
    (
        "« Le rapprochement va durer longtemps », a commenté mercredi sur France 24 Marc Lefèvre. D'après ce "
        "chercheur rattaché au Centre d'études asiatiques, « Moscou a besoin de munitions en quantité ».",
        ["marc-lefevre", "marc-lefevre"],
    ),
    # a place named in the subject is no speaker
    (
        "Ce déplacement en Russie confirme « un tournant dans les relations bilatérales », a estimé Marc Lefèvre.",
        ["marc-lefevre"],
    ),
    # a name far from the verb is no subject either
    (
        "Dans un texte publié par l'agence KCNA, le comité central a déclaré qu'il « soutenait pleinement les "
        "efforts de Moscou ».",
        [None],
    ),
    # a second verb of the same subject
    (
        "Sergueï Lavrov s'est rendu à Pyongyang, où il a remercié ses hôtes et a promis « un soutien total et "
        "durable ».",
        ["sergei-lavrov"],
    ),
    # "d'après le compte rendu de son discours": his words
    (
        "Sergueï Lavrov a pris la parole. « Nous irons plus loin ensemble », a-t-il ajouté, d'après le compte rendu "
        "de son discours diffusé par le ministère.",
        ["sergei-lavrov"],
    ),
    # a subtitle quoting the body takes the body's speaker
    (
        "« La Russie a besoin d'obus »\n\nL'analyste Marc Lefèvre estime que « la Russie a besoin d'obus en "
        "grande quantité ».",
        ["marc-lefevre", "marc-lefevre"],
    ),
    # the subject of the sentence, when no speech verb speaks
    (
        "Vladimir Poutine, lui, a levé son verre à « la coopération future entre nos deux pays ».",
        ["vladimir-poutine"],
    ),
    ("Sergueï Lavrov a, lui, insisté sur « la nécessité d'un dialogue direct ».", ["sergei-lavrov"]),
    # "elle": the woman just named, not the man who was the subject
    (
        "Vladimir Poutine a reçu la ministre nord-coréenne Choe Son Hui. « Notre coopération est éternelle », "
        "a-t-elle déclaré.",
        ["choe-son-hui"],
    ),
    # a sentence that names no words said does not change who "il" is
    (
        "« Nous tiendrons toujours parole », a déclaré Sergueï Lavrov. Les Ukrainiens dénoncent une invasion. « Nous "
        "resterons aux côtés de nos alliés », a-t-il ajouté.",
        ["sergei-lavrov", "sergei-lavrov"],
    ),
    # "l'agence" followed by no name of its own is the medium cited last
    (
        "L'agence KCNA a publié le texte. « Les deux pays renforceront leurs liens », selon l'agence officielle.",
        ["kcna"],
    ),
    # the registry's designations, also in other words, and never for someone else
    (
        "« Nous sommes prêts à coopérer dans tous les domaines », a souligné le dirigeant nord-coréen, selon les "
        "médias d'État.",
        ["kim-jong-un"],
    ),
    ("Le chef de l'État russe a salué « l'amitié indéfectible entre nos deux pays ».", ["vladimir-poutine"]),
    (
        "L'ancien chef de l'État russe Dmitri Medvedev est arrivé lundi. « Nos ennemis devront reculer un jour », "
        "a déclaré l'ex-président russe.",
        ["dmitri-medvedev"],
    ),
    # past the medium spoken to, the speaker: a designation with its name apposed
    (
        "« Les relations bilatérales sont au plus haut », a affirmé à l'agence TASS l'ambassadeur nord-coréen en "
        "Russie, Pak Chol Min.",
        ["pak-chol-min"],
    ),
    # a text read in someone's communiqué
    (
        "« Nous suivons la situation avec la plus grande attention », peut-on lire dans le communiqué de la "
        "présidence sud-coréenne.",
        ["presidence-sud-coreenne"],
    ),
    # a quote narrating in the third person is the report's words, not the subject's
    (
        "Le ministre Ivan Petrov a salué l'accord « et a exprimé le souhait de revenir bientôt à Moscou », a "
        "rapporté l'agence KCNA.",
        ["kcna"],
    ),
    ("Kim Jong Un a déclaré qu'il « a toujours soutenu la Russie dans ce combat ».", ["kim-jong-un"]),
    # a pronoun after a feminine institution spoke is that institution
    (
        "« Le sommet aura lieu en juin à Moscou », a indiqué la présidence russe. « Les deux dirigeants "
        "signeront un traité », a-t-elle ajouté.",
        ["presidence-russe", "presidence-russe"],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,speakers", SPEAKERS, ids=[s[0][:40] for s in SPEAKERS])
def test_who_speaks(text, speakers, registry, nlp):
    out = draft_text(text, "2024-05-07", registry, nlp=nlp)["quotes"]
    assert [q["speaker"] for q in out if q["kind"] == "speech"] == speakers


KINDS = [
    # a quoted name of four words or more is no speech
    ("Les deux pays signeront un « Accord de coopération culturelle renforcée » à Hanoï.", "term"),
    ("Il est intervenu au forum économique, « La Semaine asiatique de l'industrie », à Séoul.", "term"),
    # a slogan with a verb, a fragment in lower case, a sentence after a colon: speech
    ("Les manifestants scandaient le slogan « Nous vaincrons toujours ensemble ».", "speech"),
    ("Pyongyang souhaite bâtir « une coopération sans limites » avec Moscou.", "speech"),
    ("Le ministre a déclaré : « Nos relations restent excellentes »", "speech"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,kind", KINDS, ids=[k[0][:40] for k in KINDS])
def test_names_between_marks_are_terms(text, kind, registry, nlp):
    assert [k for _t, _s, k in quotes(text, registry, nlp)] == [kind]
