"""Sentence-level specifications of event drafting: kind, status, place, actors, date, merging."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from build_scripts.extraction.extract import assemble, extract_source, source_from_text
from build_scripts.extraction.nlp.events import _dates_compatible, merge_events

FIX = Path(__file__).resolve().parent / "fixtures" / "articles"
HAS_DATES = importlib.util.find_spec("build_scripts.extraction.nlp.dates") is not None


# `nlp` (the spaCy model, loaded once) and `registry` (fixtures/articles/registry_*.yaml) come from conftest.py


def events(text, registry, nlp, published="2024-06-19", article="test"):
    src = source_from_text(text, "<text>", published, article, article)
    return assemble([extract_source(src, registry, nlp)], registry)["events"]


def summary(evs):
    return [(e["kind"], e.get("status"), e["actors"], e["place"]) for e in evs]


SPECS = [
    # a visit and the meeting it holds are one fact: one record (the visit, with its host)
    (
        "Le dirigeant nord-coréen devrait se rendre à Vladivostok pour rencontrer Vladimir Poutine.",
        [("visit", "planned", ["kim-jong-un", "vladimir-poutine"], "vladivostok")],
    ),
    (
        "Vladimir Poutine s'est rendu à Pyongyang, où Kim Jong Un l'a accueilli à l'aéroport.",
        [("visit", "held", ["vladimir-poutine", "kim-jong-un"], "pyongyang")],
    ),
    (
        "Kim Jong-un a invité Vladimir Poutine à se rendre à Pyongyang.",
        [
            ("visit", "proposed", ["kim-jong-un", "vladimir-poutine"], "pyongyang"),
            ("invitation", None, ["kim-jong-un", "vladimir-poutine"], "pyongyang"),
        ],
    ),
    (
        "Le sommet entre Vladimir Poutine et Kim Jong Un aura lieu à Vladivostok.",
        [("summit", "planned", ["vladimir-poutine", "kim-jong-un"], "vladivostok")],
    ),
    (
        "Sergueï Lavrov et Kim Jong Un ont eu des entretiens à Pyongyang.",
        [("meeting", "held", ["sergei-lavrov", "kim-jong-un"], "pyongyang")],
    ),
    (
        "Pyongyang aurait fourni des missiles à Moscou, selon des responsables occidentaux.",
        [("military", "alleged", ["coree-du-nord"], "moscou")],
    ),
    (
        "Un accord sur les visas sera signé lors de la visite de Sergueï Lavrov.",
        [("visit", "planned", ["sergei-lavrov"], None), ("agreement", "planned", ["sergei-lavrov"], None)],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,expected", SPECS, ids=[s[0][:40] for s in SPECS])
def test_event_spec(text, expected, registry, nlp):
    got = summary(events(text, registry, nlp))
    assert sorted(got, key=str) == sorted(expected, key=str)


@pytest.mark.slow
def test_no_trigger_no_event(registry, nlp):
    assert events("Vladimir Poutine a parlé de l'économie russe devant le Parlement.", registry, nlp) == []


@pytest.mark.slow
def test_reporter_is_not_an_actor(registry, nlp):
    evs = events("Selon Dmitri Peskov, Kim Jong Un a rencontré Sergueï Lavrov à Moscou.", registry, nlp)
    assert summary(evs) == [("meeting", "held", ["kim-jong-un", "sergei-lavrov"], "moscou")]


@pytest.mark.slow
def test_undated_event_says_so(registry, nlp):
    evs = events("Sergueï Lavrov et Kim Jong Un ont eu des entretiens à Pyongyang.", registry, nlp)
    assert len(evs) == 1
    assert evs[0]["date"] is None and evs[0]["date_note"] == "à préciser"
    assert evs[0]["id"] == "meeting-sans-date-sergei-lavrov"
    assert evs[0]["review"] == "draft"
    assert evs[0]["sources"] == [
        {"article": "test", "excerpt": "Sergueï Lavrov et Kim Jong Un ont eu des entretiens à Pyongyang."}
    ]


@pytest.mark.slow
@pytest.mark.skipif(not HAS_DATES, reason="build_scripts.extraction.nlp.dates not written yet")
def test_date_of_the_sentence_gives_the_event_date(registry, nlp):
    evs = events(
        "Le 13 septembre, Kim Jong Un et Vladimir Poutine ont eu des entretiens à Vladivostok.",
        registry,
        nlp,
        published="2023-09-14",
    )
    assert [(e["id"], e["date"]) for e in evs] == [("meeting-2023-09-13-kim-jong-un", "2023-09-13")]


@pytest.mark.slow
@pytest.mark.skipif(not HAS_DATES, reason="build_scripts.extraction.nlp.dates not written yet")
def test_same_event_from_two_articles_is_merged(registry, nlp):
    a = extract_source(
        source_from_text(
            "Kim Jong Un s'est rendu à Vladivostok en avril 2019 pour un sommet.", "<a>", "2019-05-02", "a", "a"
        ),
        registry,
        nlp,
    )
    b = extract_source(
        source_from_text(
            "Le sommet de Vladivostok, le 25 avril 2019, a réuni Kim Jong Un et Vladimir Poutine.",
            "<b>",
            "2020-01-10",
            "b",
            "b",
        ),
        registry,
        nlp,
    )
    evs = [e for e in assemble([a, b], registry)["events"] if e["kind"] == "summit"]
    assert len(evs) == 1
    assert evs[0]["date"] == "2019-04-25"
    assert [s["article"] for s in evs[0]["sources"]] == ["a", "b"]


def test_merge_rules_without_model():
    base = {"kind": "visit", "date_note": "x", "place": None, "_main": "kim-jong-un", "_start": 0}
    recs = [
        dict(base, date="2019-04", actors=["kim-jong-un"], article="a", excerpt="un"),
        dict(base, date="2019-04-25", actors=["kim-jong-un", "vladimir-poutine"], article="b", excerpt="deux"),
        dict(base, date="2018-06-12", actors=["kim-jong-un"], article="c", excerpt="trois"),
        dict(base, date="2019-04-25", actors=["sergei-lavrov"], article="d", excerpt="quatre"),
    ]
    out = merge_events(recs, {"kim-jong-un": "Kim Jong Un"})
    assert [(e["id"], e["date"], len(e["sources"])) for e in out] == [
        ("visit-2019-04-25-kim-jong-un", "2019-04-25", 2),
        ("visit-2018-06-12-kim-jong-un", "2018-06-12", 1),
        ("visit-2019-04-25-kim-jong-un-2", "2019-04-25", 1),
    ]
    assert out[0]["title"] == "Visite : Kim Jong Un, vladimir-poutine"


def test_an_undated_visit_to_come_is_one_event_across_articles():
    base = {"kind": "visit", "date": None, "date_note": "à préciser", "_start": 0, "status": "planned"}
    recs = [
        dict(
            base,
            actors=["vladimir-poutine"],
            place="coree-du-nord",
            _main="vladimir-poutine",
            article="a",
            excerpt="un",
        ),
        dict(
            base,
            actors=["vladimir-poutine", "kim-jong-un"],
            place="coree-du-nord",
            _main="vladimir-poutine",
            article="b",
            excerpt="deux",
        ),
        dict(
            base, actors=["vladimir-poutine"], place="russie", _main="vladimir-poutine", article="c", excerpt="ailleurs"
        ),
        dict(
            base,
            actors=["vladimir-poutine"],
            place="coree-du-nord",
            _main="vladimir-poutine",
            article="d",
            excerpt="déjà faite",
            status="held",
        ),
    ]
    out = merge_events(recs, {})
    assert [([s["article"] for s in e["sources"]], e["place"], e["status"]) for e in out] == [
        (["a", "b"], "coree-du-nord", "planned"),
        (["c"], "russie", "planned"),
        (["d"], "coree-du-nord", "held"),
    ]


@pytest.mark.parametrize(
    "a,b,ok",
    [
        ("2019", "2019-04-25", True),
        ("2024-01-15/2024-01-17", "2024-01-16", True),
        ("2024-01", "2024-02", False),
        ("2023-09-13", "2023-09-14", False),
        (None, "2020", False),
    ],
)
def test_dates_compatible(a, b, ok):
    assert _dates_compatible(a, b) is ok


@pytest.mark.slow
@pytest.mark.skipif(not HAS_DATES, reason="build_scripts.extraction.nlp.dates not written yet")
def test_a_planned_meeting_takes_the_coming_weekday(registry, nlp):
    # published on Wednesday 13 June 2018: "doit rencontrer … jeudi" is Thursday 14, not the 7th
    evs = events("Sergueï Lavrov doit rencontrer Kim Jong Un à Pyongyang jeudi.", registry, nlp, published="2018-06-13")
    assert [(e["kind"], e["status"], e["date"]) for e in evs] == [("meeting", "planned", "2018-06-14")]
    assert evs[0]["date_note"].startswith("d'après « jeudi »")


@pytest.mark.slow
@pytest.mark.skipif(not HAS_DATES, reason="build_scripts.extraction.nlp.dates not written yet")
def test_a_past_date_is_never_planned(registry, nlp):
    evs = events(
        "Le sommet de l'an dernier entre Kim Jong Un et Vladimir Poutine devrait avoir des suites.",
        registry,
        nlp,
        published="2024-03-02",
    )
    assert [(e["kind"], e["status"], e["date"]) for e in evs] == [("summit", "held", "2023")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,published,expected",
    [
        (
            "Vladimir Poutine est arrivé mercredi 19 juin à Pyongyang pour une visite d'État, la première depuis 2000.",
            "2024-06-19",
            "2024-06-19",
        ),
        (
            "Sergueï Lavrov s'est rendu à Pyongyang le 18 octobre 2023, une première depuis le 12 octobre 1948 pour un ministre.",
            "2023-10-20",
            "2023-10-18",
        ),
        (
            "Kim Jong Un n'avait pas rencontré Vladimir Poutine depuis 2019 ; leur sommet s'est tenu en septembre 2023.",
            "2023-10",
            "2023-09",
        ),
    ],
    ids=["depuis-year", "depuis-day", "depuis-before-trigger"],
)
def test_a_reference_point_is_not_the_event_date(text, published, expected, registry, nlp):
    evs = events(text, registry, nlp, published=published)
    dated = [e["date"] for e in evs if e["kind"] in ("visit", "summit", "meeting")]
    assert dated and all(d == expected for d in dated), evs


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,expected",
    [
        # a negated meeting did not happen; the visit of the same sentence did
        (
            "Sergueï Lavrov n'a pas rencontré Kim Jong Un lors de sa visite à Pyongyang.",
            [("visit", "held", ["sergei-lavrov", "kim-jong-un"], "pyongyang")],
        ),
        ("Kim Jong Un n'a pas assisté aux discussions avec Sergueï Lavrov.", []),
        ("Vladimir Poutine ne s'est jamais entretenu avec Kim Jong Un.", []),
        # a meeting has two sides: one name with "discussions" is no meeting (the letter stays)
        ("Dans sa lettre, Kim Jong Un a salué des discussions franches.", [("letter", None, ["kim-jong-un"], None)]),
        # the visit someone is invited to make is proposed, even when the invitation names a period
        (
            "Vladimir Poutine a invité M. Kim à se rendre à Moscou dans le courant de l'année prochaine.",
            [
                ("invitation", None, ["vladimir-poutine", "kim-jong-un"], "moscou"),
                ("visit", "proposed", ["vladimir-poutine", "kim-jong-un"], "moscou"),
            ],
        ),
    ],
)
def test_negation_and_invitation(text, expected, registry, nlp):
    assert summary(events(text, registry, nlp)) == expected


@pytest.mark.slow
def test_dates_yaml_agrees_with_the_events_tense(registry, nlp):
    """A date resolved again by its event's tense is written so in dates.yaml too."""
    text = "Vladimir Poutine et Kim Jong Un se sont rencontrés le 13 septembre."
    src = source_from_text(text, "<text>", "2024-06-21", "test", "test")
    out = assemble([extract_source(src, registry, nlp)], registry)
    assert [e["date"] for e in out["events"]] == ["2023-09-13"]
    assert [d["value"] for d in out["dates"]] == ["2023-09-13"]


@pytest.mark.slow
def test_the_finer_date_inside_a_fronted_year_dates_the_event(registry, nlp):
    evs = events(
        "En 2023, le sommet entre Vladimir Poutine et Kim Jong Un s'était tenu le 13 septembre.",
        registry,
        nlp,
        published="2024-06-21",
    )
    assert [(e["kind"], e["date"]) for e in evs] == [("summit", "2023-09-13")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,expected",
    [
        # the reporter is no participant: before the verb with an apposition, or "selon X" at the end
        (
            "Dmitri Peskov, porte-parole de la présidence, a annoncé la visite de Vladimir Poutine en Corée du Nord.",
            [("visit", "held", ["vladimir-poutine"], "coree-du-nord", None)],
        ),
        (
            "La visite de Vladimir Poutine à Pyongyang a eu lieu le 19 juin, selon Dmitri Peskov.",
            [("visit", "held", ["vladimir-poutine"], "pyongyang", "2024-06-19")],
        ),
        # the visit and the meeting it holds: one fact, one date
        (
            "Vladimir Poutine s'est rendu à Pyongyang le 19 juin, où il a rencontré Kim Jong Un.",
            [("visit", "held", ["vladimir-poutine", "kim-jong-un"], "pyongyang", "2024-06-19")],
        ),
        # ... unless the tense says the date is the other fact's (and the place is the trip's)
        (
            "Kim Jong Un, qui avait reçu Vladimir Poutine en 2000, se rendra à Moscou.",
            [
                ("meeting", "held", ["kim-jong-un", "vladimir-poutine"], None, "2000"),
                ("visit", "planned", ["kim-jong-un", "vladimir-poutine"], "moscou", None),
            ],
        ),
    ],
)
def test_reporters_and_shared_dates(text, expected, registry, nlp):
    evs = events(text, registry, nlp, published="2024-06-21")
    assert [(e["kind"], e.get("status"), e["actors"], e["place"], e["date"]) for e in evs] == expected


@pytest.mark.slow
def test_a_place_the_registry_does_not_know_is_named_in_a_note(registry, nlp):
    (ev,) = events(
        "Donald Trump et Kim Jong Un se sont rencontrés à Hanoï en février 2019.", registry, nlp, published="2019-03-01"
    )
    assert (ev["kind"], ev["place"], ev["date"]) == ("meeting", None, "2019-02")
    assert ev["note"] == (
        "Lieu nommé par l'article mais absent de data/places.yaml\u00a0: «\u00a0Hanoï\u00a0». "
        "Ajoutez-le, puis renseignez place."
    )
    (known,) = events(
        "Kim Jong Un et Vladimir Poutine se sont rencontrés à Vladivostok en avril 2019.",
        registry,
        nlp,
        published="2019-05-01",
    )
    assert known["place"] == "vladivostok" and "note" not in known


@pytest.mark.slow
def test_il_at_the_head_of_a_sentence_is_the_previous_sentences_person(registry, nlp):
    evs = events(
        "Sergueï Lavrov est arrivé mardi en Corée du Nord. Il s'est rendu à Pyongyang le 18 octobre, "
        "où il a rencontré Kim Tok Hun.",
        registry,
        nlp,
        published="2023-10-20",
    )
    # (his arrival on Tuesday 17 and his meeting on the 18th: days of one stay)
    assert [(e["kind"], e["actors"], e["date"]) for e in evs] == [
        ("visit", ["sergei-lavrov", "kim-tok-hun"], "2023-10-17/2023-10-18"),
    ]
    # "Il y a" is no person
    evs = events(
        "Vladimir Poutine est arrivé. Il y a eu ensuite une rencontre entre Kim Jong Un et Sergueï Lavrov.",
        registry,
        nlp,
        published="2023-10-20",
    )
    assert [e["actors"] for e in evs] == [["kim-jong-un", "sergei-lavrov"]]
    # "Il estime que": the one who speaks is no participant
    evs = events(
        "Vladimir Poutine est arrivé. Il estime que le sommet avec Kim Jong Un sera utile.",
        registry,
        nlp,
        published="2023-10-20",
    )
    assert [e["actors"] for e in evs] == [["kim-jong-un"]]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,expected",
    [
        # published on Wednesday 13 March 2024
        ("La Russie et la Chine signeront vendredi un accord gazier à Pékin.", ["2024-03-15"]),
        ("Le vice-ministre doit arriver samedi à Pyongyang, a indiqué l'agence.", ["2024-03-16"]),
        ("L'agence a annoncé lundi que les pourparlers étaient terminés.", ["2024-03-11"]),
        ("Mardi, le convoi se rendra à la frontière.", ["2024-03-19"]),
    ],
)
def test_a_weekday_in_a_clause_about_the_future_is_the_coming_one(text, expected, registry, nlp):
    src = source_from_text(text, "<text>", "2024-03-13", "test", "test")
    out = assemble([extract_source(src, registry, nlp)], registry)
    assert [d["value"] for d in out["dates"]] == expected


def facts(text, registry, nlp, published="2024-03-13"):
    return [
        (e["kind"], e.get("status"), e["actors"], e["place"], e["date"])
        for e in events(text, registry, nlp, published=published)
    ]


# Each case: a rule of the meeting drafts, on sentences written for these tests (published Wednesday
# 13 March 2024 unless said otherwise).
FACT_SPECS = [
    # a visit and the meeting of the next sentence are one fact, dated by the first
    (
        "previous-sentence-date",
        "Sergueï Lavrov est arrivé lundi à Pyongyang. Il y a été reçu par Kim Jong Un.",
        [("visit", "held", ["sergei-lavrov", "kim-jong-un"], "pyongyang", "2024-03-11")],
    ),
    # the one who reports after his own talks took part in them
    (
        "reporter-after-his-talks",
        "Sergueï Lavrov a déclaré mardi, à l'issue de ses entretiens avec Kim Jong Un, que la coopération progressait.",
        [("meeting", "held", ["sergei-lavrov", "kim-jong-un"], None, "2024-03-12")],
    ),
    # "accueillir", "retrouver": a host meets a guest
    (
        "accueillir",
        "Kim Jong Un a accueilli Sergueï Lavrov jeudi dernier à Pyongyang.",
        [("meeting", "held", ["kim-jong-un", "sergei-lavrov"], "pyongyang", "2024-03-07")],
    ),
    # "déplacement", "escale", "venue": a visit
    (
        "escale",
        "Sergueï Lavrov fera une escale à Moscou le mois prochain.",
        [("visit", "planned", ["sergei-lavrov"], "moscou", "2024-04")],
    ),
    # a possibility is proposed, not planned
    (
        "pourrait",
        "En mai, Sergueï Lavrov pourrait se rendre à Vladivostok.",
        [("visit", "proposed", ["sergei-lavrov"], "vladivostok", "2024-05")],
    ),
    # several dates joined by "et": several facts; consecutive days: one fact over both
    (
        "two-dates-two-visits",
        "Kim Jong Un s'était rendu à Moscou à deux reprises, en 2019 et 2023.",
        [
            ("visit", "held", ["kim-jong-un"], "moscou", "2019"),
            ("visit", "held", ["kim-jong-un"], "moscou", "2023"),
        ],
    ),
    (
        "consecutive-days-one-meeting",
        "Vladimir Poutine et Kim Jong Un doivent se rencontrer à Vladivostok jeudi et vendredi.",
        [("meeting", "planned", ["vladimir-poutine", "kim-jong-un"], "vladivostok", "2024-03-14/2024-03-15")],
    ),
    # several places, several visits (the host stays with the first)
    (
        "two-places-two-visits",
        "Vladimir Poutine a conclu des séjours en Corée du Nord et au Laos, où Kim Jong Un l'avait reçu.",
        [
            ("visit", "held", ["vladimir-poutine", "kim-jong-un"], "coree-du-nord", None),
            ("visit", "held", ["vladimir-poutine"], None, None),
        ],
    ),
    # one person meeting several: one meeting with each
    (
        "one-meets-two",
        "Kim Jong Un a rencontré mardi Sergueï Lavrov et Dmitri Peskov à Pyongyang.",
        [
            ("meeting", "held", ["kim-jong-un", "sergei-lavrov"], "pyongyang", "2024-03-12"),
            ("meeting", "held", ["kim-jong-un", "dmitri-peskov"], "pyongyang", "2024-03-12"),
        ],
    ),
    # a summit bound to other people by "entre A et B" is another fact, with its own date
    (
        "summit-between-others",
        "Sergueï Lavrov rencontrera Kim Jong Un jeudi, deux mois après le sommet de Moscou entre Vladimir Poutine "
        "et Dmitri Peskov.",
        [
            ("meeting", "planned", ["sergei-lavrov", "kim-jong-un"], None, "2024-03-14"),
            ("summit", "held", ["vladimir-poutine", "dmitri-peskov"], "moscou", "2024-01"),
        ],
    ),
    # talks between states only are no meeting
    ("states-only-talks", "Les pourparlers entre la Russie et la Corée du Nord ont repris.", []),
    # the meeting named again: one fact
    (
        "named-again",
        "Vladimir Poutine et Kim Jong Un se sont rencontrés le 13 septembre à Vladivostok. Le sommet a duré cinq "
        "heures. Les résultats du sommet Russie-Corée du Nord restent secrets.",
        [("summit", "held", ["vladimir-poutine", "kim-jong-un", "coree-du-nord"], "vladivostok", "2023-09-13")],
    ),
    # the date of a report is not the date of what it announces
    (
        "report-date",
        "Sergueï Lavrov doit prochainement rencontrer Kim Jong Un, a écrit mardi un quotidien de Séoul.",
        [("meeting", "planned", ["sergei-lavrov", "kim-jong-un"], None, None)],
    ),
    # a visit that frames the sentence's fact takes its date
    (
        "framing-visit",
        "La Russie et la Corée du Nord signeront vendredi un accord lors d'une visite de Vladimir Poutine à Pyongyang.",
        [
            ("agreement", "planned", ["russie", "coree-du-nord", "vladimir-poutine"], "pyongyang", "2024-03-15"),
            ("visit", "planned", ["russie", "coree-du-nord", "vladimir-poutine"], "pyongyang", "2024-03-15"),
        ],
    ),
    # "ce dernier": the last person the previous sentence named; "les deux hommes": both
    (
        "ce-dernier",
        "L'agence TASS a cité Vladimir Poutine et Sergueï Lavrov. Ce dernier s'est rendu à Pyongyang en 2023.",
        [("visit", "held", ["sergei-lavrov"], "pyongyang", "2023")],
    ),
    (
        "les-deux-hommes",
        "Vladimir Poutine a remercié Kim Jong Un. La rencontre entre les deux hommes a eu lieu mardi.",
        [("meeting", "held", ["vladimir-poutine", "kim-jong-un"], None, "2024-03-12")],
    ),
    # a head of state named by a designation the registry lacks: the last one named of that country
    (
        "designation",
        "Vladimir Poutine et Kim Jong Un ont parlé d'économie. Le leader nord-coréen s'est rendu à Moscou en 2023.",
        [("visit", "held", ["kim-jong-un"], "moscou", "2023")],
    ),
    # a quoted term of three words or fewer is the article's own words
    (
        "quoted-term",
        "Kim Jong Un a salué la coopération. Vladimir Poutine retrouve aujourd'hui le «Cher Leader» à Moscou.",
        [("meeting", "held", ["vladimir-poutine", "kim-jong-un"], "moscou", "2024-03-13")],
    ),
    # a name completing another noun is no participant; a deadline or an alternative is no date
    (
        "deadline-and-complement",
        "Vladimir Poutine pourrait se rendre à Pyongyang avant la nomination de Sergueï Lavrov en mai, ou en juin.",
        [("visit", "proposed", ["vladimir-poutine"], "pyongyang", None)],
    ),
    # a designation completing another noun is not the person ("le père du dirigeant")
    (
        "father-of-the-leader",
        "Vladimir Poutine a salué Kim Jong Un. En 2019, Sergueï Lavrov avait rencontré Vladimir Poutine et le père du "
        "dirigeant nord-coréen.",
        [("meeting", "held", ["sergei-lavrov", "vladimir-poutine"], None, "2019")],
    ),
    # a visit and the several meetings it held: the visitor's visit, and one meeting with each host
    (
        "visit-with-several-meetings",
        "Sergueï Lavrov a salué la coopération. La visite de Kim Jong Un, qui comprenait des rencontres avec Vladimir Poutine "
        "et Dmitri Peskov, a eu lieu en 2023.",
        [
            ("visit", "held", ["kim-jong-un"], None, "2023"),
            ("meeting", "held", ["kim-jong-un", "vladimir-poutine"], None, "2023"),
            ("meeting", "held", ["kim-jong-un", "dmitri-peskov"], None, "2023"),
        ],
    ),
    # the summit that frames an invitation was held; the date of an acceptance is not the visit's
    (
        "invitation-at-a-summit",
        "Lors de leur sommet de 2023, Kim Jong Un a invité Vladimir Poutine à se rendre à Pyongyang.",
        [
            ("summit", "held", ["kim-jong-un", "vladimir-poutine"], None, "2023"),
            ("invitation", None, ["kim-jong-un", "vladimir-poutine"], "pyongyang", None),
            ("visit", "proposed", ["kim-jong-un", "vladimir-poutine"], "pyongyang", None),
        ],
    ),
    # "…, a déclaré le porte-parole, Dmitri Peskov": the apposed name reports too
    (
        "inverted-report-with-a-name",
        "Kim Jong Un et Vladimir Poutine se sont entretenus à Moscou, a déclaré le porte-parole, Dmitri Peskov.",
        [("meeting", "held", ["kim-jong-un", "vladimir-poutine"], "moscou", None)],
    ),
    # a trigger in a relative clause: the person it refers back to, and the ones it names
    (
        "relative-clause",
        "Kim Jong Un n'a jamais rencontré Sergueï Lavrov, qui s'est pourtant rendu à Pyongyang en mai 2022.",
        [("visit", "held", ["sergei-lavrov"], "pyongyang", "2022-05")],
    ),
    # "arriver au pouvoir" is no arrival anywhere; "Elle y a été reçue": the person of the sentence before
    ("came-to-power", "Vladimir Poutine est arrivé au pouvoir en 2000.", []),
    (
        "elle-y-a-ete-recue",
        "Sergueï Lavrov a salué la ministre. Elle y a été reçue par Vladimir Poutine en mai 2023.",
        [],  # "Elle" is not Sergueï Lavrov, and a meeting needs two named sides
    ),
    # "neuf mois après la visite de X": the visit is nine months before the sentence's time
    (
        "months-after-the-visit",
        "Deux mois après la visite de Sergueï Lavrov à Pyongyang, Vladimir Poutine s'y rendra en juin.",
        [
            ("visit", "held", ["sergei-lavrov"], "pyongyang", "2024-04"),
            ("visit", "planned", ["vladimir-poutine"], None, "2024-06"),
        ],
    ),
    # trigger and status words the unit sentences had not used yet
    (
        "s-entretient",
        "Sergueï Lavrov s'entretient mardi avec Kim Jong Un à Pyongyang.",
        [("meeting", "held", ["sergei-lavrov", "kim-jong-un"], "pyongyang", "2024-03-12")],
    ),
    (
        "halte",
        "Vladimir Poutine avait fait une halte à Vladivostok en 2019.",
        [("visit", "held", ["vladimir-poutine"], "vladivostok", "2019")],
    ),
    (
        "recevoir",
        "Kim Jong Un doit recevoir Sergueï Lavrov à Pyongyang en mai.",
        [("meeting", "planned", ["kim-jong-un", "sergei-lavrov"], "pyongyang", "2024-05")],
    ),
    (
        "en-preparation",
        "Une visite de Sergueï Lavrov à Pyongyang est en préparation.",
        [("visit", "planned", ["sergei-lavrov"], "pyongyang", None)],
    ),
    (
        "les-deux-chefs-d-etat",
        "Vladimir Poutine a remercié Kim Jong Un. Les deux chefs d'Etat se sont rencontrés mardi.",
        [("meeting", "held", ["vladimir-poutine", "kim-jong-un"], None, "2024-03-12")],
    ),
    # a present tense dated after the publication is still to come
    (
        "present-dated-later",
        "Kim Jong Un rencontre Sergueï Lavrov le 20 mars à Pyongyang.",
        [("meeting", "planned", ["kim-jong-un", "sergei-lavrov"], "pyongyang", "2024-03-20")],
    ),
    # the trips of a public (tourists, students, citizens) are no visit
    (
        "public-travellers",
        "Sergueï Lavrov a salué un protocole qui simplifie les voyages des étudiants vers la Corée du Nord.",
        [("agreement", "held", ["sergei-lavrov"], "coree-du-nord", None)],
    ),
    # "Selon X, <title>, ...": the one who reports and the title that follows are no participants
    (
        "reporter-and-title",
        "Selon M. Lavrov, ministre russe des Affaires étrangères, Vladimir Poutine s'est rendu mardi en Corée du Nord.",
        [("visit", "held", ["vladimir-poutine"], "coree-du-nord", "2024-03-12")],
    ),
    # "le premier sommet A-B depuis 2019": an earlier summit of the same sides, held that year
    (
        "first-since",
        "Vladimir Poutine a reçu Kim Jong Un mercredi. C'est le premier sommet Russie-Corée du Nord depuis 2019.",
        [
            ("summit", "held", ["vladimir-poutine", "kim-jong-un", "russie", "coree-du-nord"], None, "2024-03-13"),
            ("summit", "held", ["russie", "coree-du-nord"], None, "2019"),
        ],
    ),
    # ... not when the words do not name both sides
    (
        "first-since-one-side",
        "C'est la première visite de Sergueï Lavrov depuis 2018.",
        [("visit", "held", ["sergei-lavrov"], None, None)],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("rule,text,expected", FACT_SPECS, ids=[c[0] for c in FACT_SPECS])
def test_meeting_facts(rule, text, expected, registry, nlp):
    published = "2024-06-10" if rule == "months-after-the-visit" else "2024-03-13"
    assert facts(text, registry, nlp, published) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,expected",
    [
        # published on Wednesday 13 March 2024: a day and month in a clause about the past is the last one,
        # in a clause about the future the coming one
        ("Les drones ont frappé la ville vers le 10 mai, selon Kiev.", ["2023-05-10"]),
        ("La délégation avait quitté Moscou le 2 avril.", ["2023-04-02"]),
        ("Le traité entrera en vigueur le 1er février.", ["2025-02-01"]),
        ("Le sommet se tiendra le 20 mars.", ["2024-03-20"]),
    ],
)
def test_a_day_and_month_follows_the_tense_of_its_clause(text, expected, registry, nlp):
    src = source_from_text(text, "<text>", "2024-03-13", "test", "test")
    out = assemble([extract_source(src, registry, nlp)], registry)
    assert [d["value"] for d in out["dates"]] == expected


@pytest.mark.parametrize(
    "text,reporter",
    [
        # "Selon X, <title>, ...": the title after the one who reports is part of who reports
        (
            "Selon Anna Ivanova, cheffe du bureau Asie au ministère de l'Énergie, les deux pays ont signé un protocole.",
            "Selon Anna Ivanova, cheffe du bureau Asie au ministère de l'Énergie,",
        ),
        (
            "Selon M. Orlov, l'ancien ambassadeur à Séoul, la visite aura lieu en mai.",
            "Selon M. Orlov, l'ancien ambassadeur à Séoul,",
        ),
        # ... not the subject that follows a pronoun
        ("Selon elle, le ministre des Finances, fatigué, a quitté la réunion.", "Selon elle,"),
    ],
)
def test_the_reporter_and_the_title_that_follows(text, reporter):
    from build_scripts.extraction.nlp.events import reporting_spans
    from build_scripts.extraction.nlp.model import Sentence

    spans = reporting_spans(Sentence(0, len(text), text, 0))
    assert spans, "no reporting span found"
    assert text[spans[0][0] : spans[0][1]] == reporter
