"""Sentence-level specifications of the French temporal-expression finder (build_scripts.extraction.nlp.dates).

The sentences live in tests/fixtures/dates/sentences.yaml: each was written for these tests in a
news style (no outlet's text is copied), with the exact mentions expected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from examples import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts import dataset
from build_scripts.dataset.temporal import Temporal
from build_scripts.extraction.nlp.dates import DateMention, find_dates, number

ROOT = Path(__file__).resolve().parent.parent
SPECS = yaml.safe_load((Path(__file__).resolve().parent / "fixtures" / "dates" / "sentences.yaml").read_text("utf-8"))


def test_the_specifications_are_many_and_cover_every_kind():
    assert len(SPECS) >= 60
    kinds = {e["kind"] for case in SPECS for e in case["expect"]}
    assert kinds == {"absolute", "partial", "relative", "interval", "implied", "anaphoric"}
    assert sum(1 for case in SPECS if not case["expect"]) >= 10  # the "not a date" cases
    assert len({case["id"] for case in SPECS}) == len(SPECS)


def _seen(m: DateMention) -> dict:
    return {"text": m.text, "value": m.value, "precision": m.precision, "kind": m.kind, "approximate": m.approximate}


@pytest.mark.parametrize("case", SPECS, ids=[c["id"] for c in SPECS])
def test_sentence(case):
    found = find_dates(case["text"], case["published"], tense=case.get("tense"))
    expected = [{"approximate": False, **e} for e in case["expect"]]
    assert [_seen(m) for m in found] == expected
    for m in found:
        assert case["text"][m.start : m.end] == m.text


# -- the API ------------------------------------------------------------------------------------


def test_record_is_the_dates_yaml_format():
    (m,) = find_dates("Le sommet s'est tenu le 13 septembre 2023.", "2023-09-14")
    assert m.as_record("2023-09-test") == {
        "article": "2023-09-test",
        "text": "le 13 septembre 2023",
        "start": 21,
        "end": 41,
        "value": "2023-09-13",
        "precision": "day",
    }


def test_mentions_are_frozen():
    (m,) = find_dates("en 2019", "2020")
    with pytest.raises(AttributeError):
        m.value = "2020"  # type: ignore[misc]  # the assignment mypy refuses is the one under test


def test_tense_hint_past_takes_the_previous_occurrence():
    text = "Le ministre s'était rendu à Séoul le 13 septembre."
    assert [m.value for m in find_dates(text, "2024-06-19")] == ["2024-09-13"]
    assert [m.value for m in find_dates(text, "2024-06-19", tense="past")] == ["2023-09-13"]


def test_tense_hint_future_takes_the_next_weekday():
    text = "Le vice-ministre arrivera lundi à Moscou."
    assert [m.value for m in find_dates(text, "2024-01-17")] == ["2024-01-15"]
    assert [m.value for m in find_dates(text, "2024-01-17", tense="future")] == ["2024-01-22"]


def test_unknown_tense_is_refused():
    with pytest.raises(ValueError, match="tense"):
        find_dates("hier", "2024-01-01", tense="passé")


def test_notes_say_how_a_value_was_reached():
    found = {m.text: m.note or "" for m in find_dates("À la mi-janvier, puis le 7 février.", "2024-02-09")}
    assert found["la mi-janvier"].startswith("milieu du mois")
    assert "date de publication" in found["le 7 février"]


@pytest.mark.parametrize(
    "words, n",
    [
        ("vingt-cinq", 25),
        ("soixante-dix", 70),
        ("quatre-vingt-dix", 90),
        ("vingt et un", 21),
        ("deux cents", 200),
        ("un", 1),
        ("12", 12),
    ],
)
def test_numbers_in_words(words, n):
    assert number(words) == n


# -- never crash -------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        "le",
        "la",
        "du",
        "au",
        "entre",
        "et",
        "de",
        "à",
        "en",
        "il y a",
        "près de",
        "dans",
        "mi-",
        "fin",
        "début",
        "1er",
        "1ᵉʳ",
        "13",
        "31",
        "29",
        "0",
        "2023",
        "1948",
        "2024-02-30",
        "13/09/2023",
        "31.02.2023",
        "-",
        "–",
        "(",
        ")",
        "septembre",
        "févr.",
        "sept.",
        "Mars",
        "dimanche",
        "dernier",
        "prochain",
        "hier",
        "aujourd’hui",
        "l'an dernier",
        "ans",
        "mois",
        "semaines",
        "jours",
        "vingt-cinq",
        "\u00a0",
        "\u202f",
        " ",
        "\n",
        ",",
        ".",
        "cette année",
        "le mois dernier",
        "première fois",
        "de l'année",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=80), st.lists(PIECES, max_size=25).map(" ".join), st.lists(PIECES, max_size=25).map("".join)
)
PUBLISHED = st.sampled_from(["2024", "2024-02", "2024-02-29", "2019-12-31", "2000-01-01", "1800-01-01", "2199-12-31"])


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, PUBLISHED)
def test_any_text_gives_valid_mentions(text, published):
    found = find_dates(text, published)
    last = -1
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.start >= last  # in order, never overlapping
        last = m.end
        assert m.precision in ("day", "month", "year")
        assert m.kind in ("absolute", "partial", "relative", "interval", "implied")
        if m.value is not None:
            assert Temporal.parse(m.value).iso() == m.value
            assert Temporal.parse(m.value).precision == m.precision


# -- the corpus ---------------------------------------------------------------------------------
# These hold only for the exact text of the seed articles: they run with `make eval`, not in the
# test suite (marker "seed"), beside the accuracy table they explain.


@pytest.fixture(scope="module")
def corpus():
    arts = dataset.load(ROOT).articles
    assert len(arts) >= 5
    return arts


@pytest.mark.seed
def test_every_date_of_one_corpus_article(corpus):
    art = corpus["2024-02-matsegora-accords"]
    found = [(m.text, m.value, m.precision, m.kind, m.approximate) for m in find_dates(art.body, art.published)]
    assert found == [
        ("Le 7 février", "2024-02-07", "day", "partial", False),
        ("2024", "2024", "year", "absolute", False),
        ("L'an dernier", "2023", "year", "relative", False),
        ("Le mois dernier", "2024-01", "month", "relative", False),
        ("en près de vingt-cinq ans", "1999", "year", "implied", True),
        ("cette année", "2024", "year", "relative", False),
        ("septembre dernier", "2023-09", "month", "relative", False),
        ("la mi-janvier", "2024-01", "month", "partial", False),
        ("octobre 2023", "2023-10", "month", "absolute", False),
        ("2022", "2022", "year", "absolute", False),
    ]


@pytest.mark.seed
def test_the_corpus_agrees_with_the_gold_dates(corpus):
    """Exactly the hand-written gold dates are found, same words and values (run with -s to see them)."""
    gold = yaml.safe_load((ROOT / "tests" / "fixtures" / "gold" / "dates.yaml").read_text("utf-8"))
    assert len(gold) > 20
    found = []
    for art in corpus.values():
        for m in find_dates(art.body, art.published):
            print(f"{art.id}: {m.start}-{m.end} {m.text!r} -> {m.value} ({m.precision}, {m.kind})")
            found.append((art.id, m.start, m.end, m.text, m.value))
    for g in gold:
        assert (g["article"], g["start"], g["end"], g["text"], g["value"]) in found, g
    spans = {(g["article"], g["start"], g["end"]) for g in gold}
    assert [f for f in found if f[:3] not in spans] == []  # nothing else: no duration taken for a date
