"""The French words of the site: one module (dataset/wording.py) for pages, charts, downloads and drafts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_scripts.dataset import wording
from build_scripts.dataset.wording import NBSP, NNBSP


@pytest.mark.parametrize(
    "n,expected", [(0, "0\u00a0citation"), (1, "1\u00a0citation"), (2, "2\u00a0citations"), (10, "10\u00a0citations")]
)
def test_one_plural_rule_singular_below_two(n, expected):
    assert wording.count(n, "citation", "citations") == expected


@pytest.mark.parametrize(
    "n,expected",
    [
        (9999, "9999"),
        (1000, "1000"),
        (10_000, "10\u202f000"),
        (68_000, "68\u202f000"),
        (1_234_567, "1\u202f234\u202f567"),
    ],
)
def test_large_numbers_have_their_digits_grouped_by_three(n, expected):
    assert wording.number(n) == expected
    assert wording.count(n, "fait", "faits") == f"{expected}\u00a0faits"


@pytest.mark.parametrize(
    "status,kind,expected",
    [
        ("planned", "visit", "prévue"),
        ("planned", "summit", "prévu"),
        ("planned", "letter", "prévues"),
        ("cancelled", "sanctions", "annulées"),
        ("alleged", "meeting", "rapportée sans confirmation"),
        ("alleged", "military", "rapporté sans confirmation"),
        ("held", "visit", "a eu lieu"),
        ("held", "letter", "ont eu lieu"),
        ("proposed", None, "proposé"),  # an event, masculine
        ("unknown-status", "visit", "unknown-status"),  # as written: check reports it
        (None, "visit", ""),
    ],
)
def test_status_agrees_with_the_kind(status, kind, expected):
    assert wording.status_label(status, kind) == expected


def test_kind_with_status_and_short_badge_label():
    assert wording.kind_with_status("visit", "planned") == "Visite (prévue)"
    assert wording.kind_with_status("military", "alleged") == "Fait militaire (rapporté sans confirmation)"
    assert wording.kind_with_status("statement", None) == "Déclaration"
    assert wording.kind_with_status(None, None) == "Autre"
    assert wording.status_label("alleged", "visit", short=True) == "rapportée"
    assert wording.status_legend("alleged") == "Rapporté sans confirmation"


@pytest.mark.parametrize(
    "status,n,expected",
    [
        ("held", 1, "1\u00a0a eu lieu"),
        ("held", 3, "3\u00a0ont eu lieu"),
        ("planned", 1, "1\u00a0est prévue"),
        ("planned", 2, "2\u00a0sont prévues"),
        ("cancelled", 2, "2\u00a0ont été annulées"),
        ("alleged", 2, "2\u00a0sont rapportées sans confirmation"),
        (None, 2, "2\u00a0sans statut"),
    ],
)
def test_status_count_of_meetings(status, n, expected):
    assert wording.status_count(status, n) == expected


def test_every_kind_and_status_of_the_schema_has_words():
    from build_scripts.dataset import schemas

    props = schemas.item_schema("events")["properties"]
    kinds, statuses = props["kind"]["enum"], props["status"]["enum"]
    assert len(kinds) > 10 and len(statuses) == 5
    context_kinds = schemas.item_schema("context")["properties"]["kind"]["enum"]
    assert set(kinds) | set(context_kinds) == set(wording.EVENT_KINDS)  # the facts hors corpus too
    assert set(statuses) == set(wording.STATUSES)
    fields = props["disputes"]["items"]["properties"]["field"]["enum"]
    assert set(fields) == set(wording.DISPUTED_FIELDS)


@pytest.mark.parametrize(
    "value,approximate,expected",
    [
        ("2023", False, "2023"),
        ("2023-09", False, "septembre 2023"),
        ("2023-09-13", False, "13 septembre 2023"),
        ("2024-06-01", False, "1\u1d49\u02b3 juin 2024"),
        ("2024-01-15/2024-01-17", False, "du 15 au 17 janvier 2024"),
        ("2023-09/2024-01", False, "de septembre 2023 à janvier 2024"),
        ("1999", True, "vers 1999"),
        (None, False, "date non précisée"),
        ("", False, "date non précisée"),
        ("13/09/2023", False, "13/09/2023"),  # does not parse: shown as written (check reports it)
    ],
)
def test_dates_at_the_precision_of_the_data(value, approximate, expected):
    assert wording.date(value, approximate) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-01-21", "le 21 janvier 2024"),
        ("2024-01", "en janvier 2024"),
        ("2024", "en 2024"),
        ("2024-01-15/2024-01-17", "du 15 au 17 janvier 2024"),
    ],
)
def test_date_reported(value, expected):
    assert wording.date_reported(value) == expected


def test_typography_and_quotation_marks():
    assert wording.typography("Sources : voir ; « ici » ! ou ?") == (
        f"Sources{NBSP}: voir{NNBSP}; «{NNBSP}ici{NNBSP}»{NNBSP}! ou{NNBSP}?"
    )
    assert wording.quoted("mot pour mot") == f"«{NNBSP}mot pour mot{NNBSP}»"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("le 75e anniversaire", "le 75\u1d49 anniversaire"),
        ("la 2ème fois", "la 2\u1d49 fois"),
        ("du 7 septembre au 1er octobre", "du 7 septembre au 1\u1d49\u02b3 octobre"),
        ("la 1re édition", "la 1\u02b3\u1d49 édition"),
        ("la guerre de 1950-1953.", "la guerre de 1950\u20131953."),
        ("de 1950 – 1953", "de 1950\u20131953"),
        ("les 15-17 mars 2024", "les 15\u201317 mars 2024"),
        # left as written: quoted words, ISO dates, identifiers, numbers of code
        (f"les relations «{NNBSP}(1948-2023){NNBSP}»", f"les relations «{NNBSP}(1948-2023){NNBSP}»"),
        (
            "2024-01-15/2024-01-17, lettres-75e-kcna, 1e-6, #2e2e2e",
            "2024-01-15/2024-01-17, lettres-75e-kcna, 1e-6, #2e2e2e",
        ),
    ],
)
def test_typography_of_ordinals_and_ranges(text, expected):
    assert wording.typography(text) == expected
    assert wording.typography(expected) == expected


@given(st.text(alphabet=st.sampled_from(list("ab :;!?«»<>/\t\u00a0\u202f")), max_size=40))
def test_typography_only_changes_spaces_and_is_stable(text):
    out = wording.typography(text)
    assert re.sub(r"[ \t\u00a0\u202f]", "", out) == re.sub(r"[ \t\u00a0\u202f]", "", text)
    assert wording.typography(out) == out


def _typography_in_full(text: str) -> str:
    """wording.typography as it was written first: every rule run over the whole text."""

    def all_numbers(part: str) -> str:
        part = wording._ORDINAL.sub(lambda m: m[1] + wording.SUP_E, part)
        part = wording._FIRST.sub(lambda m: "1" + ("\u1d49\u02b3" if m[1] == "er" else "\u02b3\u1d49"), part)
        part = wording._YEARS.sub(lambda m: m[1] + wording.ENDASH + m[2], part)
        return wording._DAYS.sub(lambda m: m[1] + wording.ENDASH + m[2], part)

    spaces = "[ \t\u00a0\u202f]+"
    text = "".join(part if i % 2 else all_numbers(part) for i, part in enumerate(wording._QUOTED.split(text)))
    text = re.sub("«" + spaces, "«" + NNBSP, text)
    text = re.sub(spaces + "»", NNBSP + "»", text)
    text = re.sub(spaces + r"([;!?])(?=\s|$|<|\*|_)", NNBSP + r"\1", text)
    return re.sub(spaces + r":(?=\s|$|<|\*|_)", NBSP + ":", text)


_PIECES = [
    *"0123456789 -–—:;!?«»eèirx/.,#*_<\t\u00a0\u202f",
    "er",
    "re",
    "ème",
    "ieme",
    "1950",
    "2024",
    " mars",
    " juin",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_typography_skips_only_rules_that_find_nothing(text):
    """The rules searched for first (``_MAYBE_*``, ``in``) give what every rule over the text gives."""
    assert wording.typography(text) == _typography_in_full(text)


def test_typography_skips_rules_on_the_words_of_a_sample():
    samples = [
        "le 75e anniversaire « 1er » : 1950 - 1953 ; les 15 – 17 mars !",
        "la 2ième fois",
        "la 3ieme fois",
        "la 1re fois",
        "la 4è fois",
        "Sans chiffre ni ponctuation",
    ]
    changed = [t for t in samples if wording.typography(t) != t]
    assert changed == samples[:-1]
    assert [wording.typography(t) for t in samples] == [_typography_in_full(t) for t in samples]


def test_pages_and_charts_speak_the_same_words():
    """The same rule in a page and in a chart of the test site: '1 ligne', not '1 lignes'."""
    from pathlib import Path

    from build_scripts import dataset
    from build_scripts.site import pages

    ds = dataset.load(Path(__file__).resolve().parent / "fixtures" / "site")
    generated, specs = pages.generate(ds)
    one_row = [cid for cid, spec in specs.items() if len(spec.table.rows) == 1]
    assert one_row, "no chart with one row in the test site"
    text = "".join(generated.values())
    assert f"(1{NBSP}ligne)" in text and f"(1{NBSP}lignes)" not in text
    assert "Visite (prévu)" not in text
