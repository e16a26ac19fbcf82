"""French temporal expressions in news text, resolved against the publication date.

``find_dates(text, published)`` returns every date-like expression of ``text``
as a :class:`DateMention` (exact words, character offsets, ISO value at the
precision the words give). Regular expressions over a few small tables; no
model. Months and ISO writing come from :mod:`build_scripts.dataset.temporal`.

Fields
------
- ``value``: ISO temporal string (``1948-10-12``, ``2023-09``, ``2023``,
  ``2024-01-15/2024-01-17``, ``1948/2023``) or ``None`` when the words cannot
  be placed with the information at hand (see "Precision" below).
- ``precision``: ``day``, ``month`` or ``year``: that of ``value`` (for an
  interval, the finer of its bounds, as ``Temporal.precision``); when
  ``value`` is None, the precision the words would give ("hier": day).
- ``kind``: ``absolute`` (the year is written), ``partial`` (day or month
  without a year: "le 13 septembre", "la mi-janvier"), ``relative`` (deictic:
  "hier", "l'an dernier", "septembre dernier", "dimanche"), ``interval``
  (two bounds: "du 18 au 19 octobre", "(1948-2023)", "de 2018 à 2020") and
  ``implied`` (a duration anchored on the publication: "il y a environ un
  mois", "la première fois en près de vingt-cinq ans") and ``anaphoric``
  (through another date of the text: "la veille", "treize ans plus tôt",
  "deux mois après la visite").
- ``approximate``: the words give an order of magnitude only ("près de",
  "environ", "plus de", weeks counted back); the site writes "vers".
- ``note``: French, for a reader or an editor's ``date_note``: how the value
  was reached when the words do not say it outright ("milieu du mois",
  "année déduite de la date de publication (février 2024)").

Rules and their choices
-----------------------
- What the words include: the article or preposition that belongs to the
  expression ("le 13 septembre", "la mi-janvier", "entre le 15 et le 17
  janvier", "du 18 au 19 octobre", "de 2018 à 2020", "l'an dernier"), not a
  locative that merely introduces it ("en 2019" -> "2019", "en septembre
  dernier" -> "septembre dernier"). "depuis" stays ("depuis 2019": the words
  say from when), and so do an approximating cue ("aux alentours du 5 mai",
  "vers le 10 mai": approximate), the night ("la nuit du 12 au 13 juin") and the time of day
  ("mardi soir", "jeudi matin"). A deictic day and the date it names are one
  mention ("demain, jeudi 25 avril": the written date's value).
- Partial dates (no year): the year is that of the occurrence nearest to the
  publication, a future occurrence counting double (news reports more often
  than it announces): in an article of 21 January 2024, "le 13 septembre" is
  2023-09-13 but "le 3 mars" is 2024-03-03; in one of 19 June 2024, "le 13
  septembre" is 2024-09-13. A ``tense`` hint changes this: ``"past"`` takes
  the latest occurrence no more than 7 days after the publication,
  ``"future"`` the first one no more than 7 days before it. A weekday written
  with the date ("mercredi 19 juin") picks the year where it matches. When the
  publication date is known to the year only, an earlier explicit mention of
  the same month with its year ("en septembre 2023 ... le 13 septembre") gives
  the year; without one, the publication year.
- "le 19 juin dernier" / "le 3 juillet prochain": the latest occurrence on or
  before the publication / the first on or after it (kind ``relative``).
- Weekday alone ("dimanche"): the latest such day on or before the
  publication (``tense="future"``: the first on or after it); "dimanche
  dernier" is strictly before, "dimanche prochain" strictly after.
- Relative expressions are never more precise than the publication date
  allows: a day result ("hier", "demain", "dimanche", "la semaine dernière",
  "il y a trois jours") needs a day-precise publication, a month result ("le
  mois dernier", "septembre dernier", "il y a un mois") a month-precise one;
  otherwise ``value`` is None. "aujourd'hui" and "plus tôt dans la journée"
  are the publication date at its own precision. "en début de semaine" is
  Monday to Wednesday of the publication's week, "en fin de semaine" Thursday
  to Sunday. "dans la nuit de lundi à mardi" is the interval of the two days.
- Anaphoric expressions are resolved through another date of the text, after
  all the others: "la veille", "le lendemain" (the day before / after the
  nearest earlier day-precise date), "treize ans plus tôt", "deux jours
  après," (counted from the nearest earlier date precise enough). "deux mois
  après la visite de X" places the sentence's fact after an earlier one: a
  date inside the phrase is the earlier fact's (counted from it); else the
  sentence's other date, else (after only, months and years, and not in a
  sentence told in the narrative past: "deux ans après la guerre, il fut
  nommé") the publication, at the unit's precision. Without an anchor the
  words are not taken.
- A partial date after an explicit one in the same sentence takes the year
  nearest to it ("signé le 31 décembre 1991 à Lima, le 1er janvier à Tokyo"),
  the first one after it when the words say so ("le 12 juin 2018, puis le 27
  février": 2019). The extraction also resolves a day and month again by the
  tense of its clause ("ont frappé vers le 10 mai", published in March: last
  May), as it does a weekday in a clause about the future.
- "la mi-janvier", "début mars", "fin mars 2024", "la fin du mois de mars":
  month precision, not approximate (the month is certain), with a note
  ("milieu du mois"); "fin 2023", "début de l'année": year precision, note.
  Seasons with a year ("à l'automne 2023") give the year, with a note.
  Quarters ("au premier trimestre 2024", "au 2e trimestre de cette année")
  are their three months. Centuries ("le XIXe siècle") are years 1801-1900.
  A season without a year ("cet été", "l'hiver dernier") is its three
  meteorological months (winter: December to February), the nearest one to
  the publication (the coming one on a tie), the one before or after.
- Durations and counts are not dates: "plus de cinq heures", "30 minutes",
  "depuis deux ans", "75e anniversaire", "un plan de 100 ans", "2 000
  soldats", a four-digit number followed by a unit or a plural noun ("2000
  soldats", "1500 km"), or glued to other digits. A duration anchored on the
  publication implies a date: "il y a près de vingt-cinq ans" (year - 25),
  "pour la première fois en près de vingt-cinq ans" (same, the words "en près
  de vingt-cinq ans"), "il y a environ un mois" (month - 1), "dans deux
  semaines"; kind ``implied``, approximate when an approximator is present
  (and always for weeks). Anniversaries ("le 75e anniversaire") are anchored
  on an event the text may not date: not taken.
- "les 15 et 16 janvier" (consecutive days) is an interval; "les 15 et 17
  janvier" is two days ("les 15", "17 janvier"); so "en 2016 et 2017" is the
  interval 2016/2017 and "en 1984 et 1986" two years. "les années 1990" (and
  "les années 90") is the interval 1990/1999 ("la fin des années 1990" too,
  with a note).
- Numeric dates are day first: "13/09/2023", "13.09.2023"; ISO "2023-09-13"
  too. Two years joined by a hyphen or dash ("1948-2023") are an interval of
  years when the second is later.
- Spellings: "1er", "1ᵉʳ", "premier"; any case; abbreviated months with their
  dot ("sept.", "janv.", "févr.") next to a day or a year; no-break and thin
  spaces between words; straight and typographic apostrophes.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from build_scripts.dataset.temporal import MONTHS_FR, Point, Temporal, TemporalError

__all__ = ["DateMention", "earlier_fact", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    value: str | None
    precision: str  # day | month | year (an interval: the finer of its bounds)
    kind: str  # absolute | partial | relative | interval | implied | anaphoric
    approximate: bool = False
    note: str | None = None

    def as_record(self, article_id: str) -> dict:
        """The ``dates.yaml`` record: {article, text, start, end, value, precision}."""
        return {
            "article": article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
        }


# -- vocabulary --------------------------------------------------------------------------------

S = r"[^\S\n]+"  # any run of spaces on one line, no-break and thin spaces included
AP = r"['’ʼ]"


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c)).rstrip(".")


_MONTH_ABBR = {"janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_OF = {_fold(m): i + 1 for i, m in enumerate(MONTHS_FR)} | _MONTH_ABBR


def _accent_free(word: str) -> str:
    return "".join(f"[{c}{_fold(c)}]" if _fold(c) != c else c for c in word)


MONTH = (
    "(?:"
    + "|".join(_accent_free(m) for m in sorted(MONTHS_FR, key=len, reverse=True))
    + "|"
    + "|".join(_accent_free(a) + r"\." for a in ("janv", "févr", "fév", "avr", "juil", "sept", "oct", "nov", "déc"))
    + ")"
)
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
DAY = r"(?:[0-3]?\d(?:er|ᵉʳ)?|premier)"
YEAR = r"(?:1\d{3}|20\d{2})"
B = r"(?<![\w\-])"  # start of a word (a hyphen glues: "Covid-19")
E = r"(?![\w\-]|[.,]\d)"  # end of a word, not a decimal

_NUM_WORDS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "cents": 100,
    "mille": 1000,
}
NUMW = "(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + ")"
NUMBER = rf"(?:\d{{1,4}}|{NUMW}(?:(?:-|{S})(?:et(?:-|{S}))?{NUMW})*)"
APPROX = (
    rf"(?:(?:un{S}peu{S})?(?:près|plus|moins){S}d(?:e{S}|{AP})|environ{S}|quelque{S}|presque{S}|bientôt{S}|"
    rf"au{S}moins{S}|à{S}peine{S}|pas{S}moins{S}d(?:e{S}|{AP}))"
)
UNIT = r"(?:ans?|années?|mois|semaines?|jours?)"

# After a bare four-digit number, these words make it a count, not a year.
_COUNT_WORDS = {
    "ans",
    "an",
    "années",
    "mois",
    "jours",
    "heures",
    "minutes",
    "secondes",
    "km",
    "millions",
    "milliards",
    "kilomètres",
    "mètres",
    "m",
    "kg",
    "tonnes",
    "t",
    "dollars",
    "euros",
    "roubles",
    "wons",
    "yuans",
    "habitants",
    "personnes",
    "soldats",
    "hommes",
    "morts",
    "victimes",
    "militaires",
    "missiles",
    "obus",
    "exemplaires",
    "fois",
    "%",
    "€",
    "$",
}
_NOT_NOUNS = {
    "dans",
    "sous",
    "sans",
    "vers",
    "puis",
    "alors",
    "mais",
    "depuis",
    "après",
    "très",
    "tous",
    "jamais",
    "leurs",
    "ceux",
    "deux",
    "mieux",
    "ailleurs",
    "plusieurs",
    "moins",
    "plus",
    "dès",
    "lors",
    "avons",
    "avez",
    "sommes",
    "êtes",
    "étaient",
    "avaient",
    "auraient",
    "seraient",
    "pourraient",
    "devraient",
    "ont",
    "sont",
    "les",
    "des",
    "ses",
    "ces",
    "mes",
    "nos",
    "vos",
    "aux",
    "chez",
    "selon",
    "parmi",
    "avec",
    "pendant",
    "jusqu",
    "ainsi",
    "toujours",
    "encore",
    "aussi",
}
_YEAR_CUE = re.compile(
    rf"(?:\b(?:en|depuis|dès|avant|après|jusqu{AP}en|d{AP}ici|année|an|l{AP}an|fin|début|mi|"
    rf"courant|printemps|été|automne|hiver)|\(){S}?$",
    re.I,
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\d[^\S\n]?|\b(?:n°|no\.|numéro|résolution|article|vol|code|page|p\.|"
    r"plus\s+de|moins\s+de|près\s+de|environ|quelque|au\s+moins)[^\S\n]*)$",
    re.I,
)


def number(words: str) -> int | None:
    """A cardinal written in digits or French words ("vingt-cinq", "soixante-dix")."""
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    total = current = 0
    for tok in re.split(r"[-\s]+", words):
        if tok in ("", "et"):
            continue
        v = _NUM_WORDS.get(tok)
        if v is None:
            return None
        if v == 100:
            current = (current or 1) * 100
        elif v == 1000:
            total += (current or 1) * 1000
            current = 0
        elif v == 20 and current % 100 == 4:
            current += 76  # quatre-vingt
        else:
            current += v
    return total + current or None


def _day(word: str) -> int:
    word = word.lower()
    digits = re.match(r"\d+", word)
    return 1 if word == "premier" or digits is None else int(digits[0])


def _month(word: str) -> int:
    return _MONTH_OF[_fold(word)]


def _valid(y: int, m: int, d: int | None = None) -> bool:
    if not (1 <= m <= 12 and 1 <= y <= 9999):
        return False
    return d is None or 1 <= d <= calendar.monthrange(y, m)[1]


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week(day: dt.date) -> tuple[Point, Point]:
    monday = day - dt.timedelta(days=day.weekday())
    sunday = monday + dt.timedelta(days=6)
    return Point(monday.year, monday.month, monday.day), Point(sunday.year, sunday.month, sunday.day)


def _pt(d: dt.date) -> Point:
    return Point(d.year, d.month, d.day)


def _pub_fr(pub: Point) -> str:
    return pub.french()


# -- resolution --------------------------------------------------------------------------------

GRACE = dt.timedelta(days=7)


class Resolver:
    """Years for partial dates and offsets for relative ones, from the publication date."""

    def __init__(self, published: Point, tense: str | None):
        self.pub = published
        self.tense = tense
        self.anchors: dict[int, int] = {}  # month -> year of the last explicit mention of that month
        self.resolved = []

    frame: int | None = None  # the year a fronted "En 2023," / "L'an dernier," gives its sentence
    near: Point | None = None  # an earlier date of the same sentence with its year ("31 décembre 1991 … 1er janvier")
    near_after: bool = False  # ... told as coming after it ("puis", "ensuite", "jusqu'au")
    here: tuple[int, int, int, int] = (0, 0, 0, 0)  # sentence start, sentence end, mention start, end
    resolved: list  # (start, end, Temporal, kind) of the mentions resolved so far

    def before(self, precision: str, limit: int = 1500) -> tuple[Temporal, int] | None:
        """The nearest mention resolved before this one, at ``precision`` or finer (an anaphor's anchor)."""
        order = ["year", "month", "day"]
        at = self.here[2]
        best = None
        for a, b, t, kind in self.resolved:
            if (
                b <= at
                and at - b <= limit
                and kind != "anaphoric"
                and order.index(t.precision) >= order.index(precision)
            ):
                if best is None or a > best[1]:
                    best = (t, a)
        return best

    def in_sentence(self, skip: tuple[int, int] = (0, 0)) -> Temporal | None:
        """The date of the same sentence nearest to this mention, outside ``skip``."""
        opens, closes, at, end = self.here
        cands = [
            (abs(a - at), t)
            for a, b, t, kind in self.resolved
            if opens <= a < closes and kind != "anaphoric" and not (skip[0] <= a < skip[1]) and not (at <= a < end)
        ]
        return min(cands, key=lambda c: c[0])[1] if cands else None

    def year_for(
        self,
        month: int,
        day: int | None = None,
        weekday: int | None = None,
        tense: str | None = None,
        grace: int = GRACE.days,
    ) -> tuple[int | None, str]:
        pub = self.pub
        explicit_tense, tense = tense, tense or self.tense
        if self.frame is not None and _valid(self.frame, month, day):
            return self.frame, f"année donnée en tête de phrase ({self.frame})"
        if self.near is not None and weekday is None and explicit_tense is None:
            near = self.near
            years = [y for y in (near.year - 1, near.year, near.year + 1) if _valid(y, month, day)]
            if self.near_after:
                years = [y for y in years if Point(y, month, day).first >= near.first] or years
            if years:
                y = min(years, key=lambda y: abs((Point(y, month, day).first - near.first).days))
                return y, f"année reprise de la date qui précède dans la phrase ({near.french()})"
        if pub.precision == "year" and month in self.anchors:
            year = self.anchors[month]
            if day is None or _valid(year, month, day):
                return year, f"année reprise d'une date antérieure de l'article ({MONTHS_FR[month - 1]} {year})"
        cands = []
        for y in (pub.year - 1, pub.year, pub.year + 1):
            if not _valid(y, month, day):
                continue
            p = Point(y, month, day)
            before = max(0, (pub.first - p.last).days)
            after = max(0, (p.first - pub.last).days)
            cands.append((y, p, before, after))
        if weekday is not None:
            matching = [c for c in cands if c[1].first.weekday() == weekday]
            cands = matching or cands
        if tense == "past":
            cands = [c for c in cands if c[3] <= grace] or cands
            chosen = max(cands, key=lambda c: c[0], default=None)
        elif tense == "future":
            cands = [c for c in cands if c[2] <= grace] or cands
            chosen = min(cands, key=lambda c: c[0], default=None)
        else:
            chosen = min(cands, key=lambda c: (c[2] + 2 * c[3], c[0]), default=None)
        if chosen is None:
            return None, ""
        return chosen[0], f"année déduite de la date de publication ({_pub_fr(pub)})"

    def weekday(self, wd: int, direction: str | None) -> Point | None:
        if self.pub.precision != "day":
            return None
        pub = self.pub.first
        if direction == "prochain" or (direction is None and self.tense == "future"):
            delta = (wd - pub.weekday()) % 7 or (7 if direction else 0)
            return _pt(pub + dt.timedelta(days=delta))
        delta = (pub.weekday() - wd) % 7 or (7 if direction else 0)
        return _pt(pub - dt.timedelta(days=delta))


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    precision: str
    make: Callable[[Resolver], tuple]  # -> (Temporal | None, note | None)
    approximate: bool = False
    priority: int = 0

    def is_interval_kind(self) -> bool:
        return self.kind == "interval"


Handler = Callable[[re.Match, int, int], "Candidate | None"]
RULES: list[tuple[re.Pattern, Handler]] = []


def rule(pattern: str):
    def register(fn):
        RULES.append((re.compile(pattern, re.I), fn))
        return fn

    return register


def _span(m: re.Match) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.group("t") is not None:
        return m.span("t")
    return m.span()


def _const(t: Temporal | None, note: str | None = None):
    return lambda r: (t, note)


# -- intervals -----------------------------------------------------------------------------------


@rule(
    rf"{B}(?P<t>(?:du|entre{S}le|entre{S}les|les){S}(?:{WEEKDAY}{S})?(?P<d1>{DAY})(?:{S}(?P<m1>{MONTH})(?:{S}(?P<y1>{YEAR}))?)?"
    rf"{S}(?P<sep>au|et{S}le|et){S}(?:{WEEKDAY}{S})?(?P<d2>{DAY}){S}(?P<m2>{MONTH})(?:{S}(?P<y2>{YEAR}))?){E}"
)
def _day_interval(m, a, b):
    d1, d2, m2 = _day(m["d1"]), _day(m["d2"]), _month(m["m2"])
    m1 = _month(m["m1"]) if m["m1"] else m2
    opener = m["t"].split()[0].lower()
    if opener == "les" and (m["m1"] or m["sep"].lower() != "et" or d2 != d1 + 1):
        if m["m1"] or m["sep"].lower() != "et" or not 1 <= d1 <= 31:
            return None
        # "les 15 et 17 janvier": two days, not a span; the first one here, "17 janvier" by _day_month.
        y_explicit = int(m["y2"]) if m["y2"] else None

        def first_day(r: Resolver):
            y, note = (y_explicit, None) if y_explicit else r.year_for(m2, d1)
            return (Temporal(Point(y, m2, d1)), note) if y is not None and _valid(y, m2, d1) else (None, None)

        return Candidate(a, m.end("d1"), "absolute" if y_explicit else "partial", "day", first_day)
    if opener == "du" and m["sep"].lower() != "au" or opener != "du" and m["sep"].lower() == "au":
        return None
    explicit = bool(m["y2"])

    def make(r: Resolver):
        y2: int | None
        if explicit:
            y2, note = int(m["y2"]), None
        else:
            y2, note = r.year_for(m2, d2)
            if y2 is None:
                return None, None
        y1 = int(m["y1"]) if m["y1"] else (y2 if (m1, d1) <= (m2, d2) else y2 - 1)
        if not (_valid(y1, m1, d1) and _valid(y2, m2, d2)):
            return None, None
        return Temporal(Point(y1, m1, d1), Point(y2, m2, d2)), note

    return Candidate(a, b, "interval", "day", make)


@rule(
    rf"{B}(?P<t>(?:de|entre){S}(?P<m1>{MONTH})(?:{S}(?P<y1>{YEAR}))?{S}(?:à|et){S}(?P<m2>{MONTH})(?:{S}(?P<y2>{YEAR}))?){E}"
)
def _month_interval(m, a, b):
    m1, m2 = _month(m["m1"]), _month(m["m2"])
    if (m["t"][:2].lower() == "de") != bool(re.search(rf"{S}à{S}", m["t"])):
        return None

    def make(r: Resolver):
        y2: int | None
        if m["y2"]:
            y2, note = int(m["y2"]), None
        else:
            y2, note = r.year_for(m2)
            if y2 is None:
                return None, None
        y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
        return Temporal(Point(y1, m1), Point(y2, m2)), note

    return Candidate(a, b, "interval", "month", make)


@rule(
    rf"{B}(?P<t>(?:de{S}(?P<a1>{YEAR}){S}à{S}(?P<a2>{YEAR})|entre{S}(?P<b1>{YEAR}){S}et{S}(?P<b2>{YEAR})|"
    rf"(?P<c1>{YEAR})[-‐‑–—](?P<c2>{YEAR}))){E}"
)
def _year_interval(m, a, b):
    y1 = int(m["a1"] or m["b1"] or m["c1"])
    y2 = int(m["a2"] or m["b2"] or m["c2"])
    if y2 <= y1:
        return None
    return Candidate(a, b, "interval", "year", _const(Temporal(Point(y1), Point(y2))))


@rule(rf"{B}en{S}(?P<t>(?P<y1>{YEAR}){S}et{S}(?P<y2>{YEAR})){E}")
def _two_years(m, a, b):
    """ "en 2016 et 2017": two consecutive years are one span of time (as "les 15 et 16 janvier");
    "en 1984 et 1986" stays two years."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 != y1 + 1:
        return None
    return Candidate(a, b, "interval", "year", _const(Temporal(Point(y1), Point(y2))))


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "M": 1000}


def roman(numeral: str) -> int | None:
    """The value of a Roman numeral ("XIX" -> 19), None when the letters are not one."""
    numeral = numeral.upper()
    if not numeral or any(c not in _ROMAN for c in numeral):
        return None
    total = 0
    for i, c in enumerate(numeral):
        v = _ROMAN[c]
        total += -v if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > v else v
    return total


@rule(
    rf"(?<![\w\-])(?P<t>(?:(?:le|la){S}(?P<part>début|fin|milieu){S}du{S})?(?P<r>[IVXL]{{1,6}})(?:e|ème|ᵉ){S}siècle){E}"
)
def _century(m, a, b):
    """ "le XIXe siècle": the years 1801 to 1900 (the century of the historians' count)."""
    n = roman(m["r"])
    if not n or n > 21:
        return None
    note = {"début": "début du siècle", "fin": "fin du siècle", "milieu": "milieu du siècle"}.get(
        (m["part"] or "").lower()
    )
    return Candidate(a, b, "interval", "year", _const(Temporal(Point(100 * n - 99), Point(100 * n)), note))


@rule(
    rf"{B}(?P<t>(?:(?:la|le){S}(?P<part>début|fin|milieu){S}des{S}|les{S})?années{S}"
    rf"(?:(?P<y>1\d{{2}}0|20\d0)|(?P<yy>[2-9]0)|(?P<qq>{AP}[2-9]0))){E}"
)
def _decade(m, a, b):
    """ "les années 1990", "les années 90" (two digits: the 1900s), "la fin des années 1990"."""
    y = int(m["y"]) if m["y"] else 1900 + int((m["yy"] or m["qq"])[-2:])
    note = {"début": "début de la décennie", "fin": "fin de la décennie", "milieu": "milieu de la décennie"}.get(
        (m["part"] or "").lower()
    )
    return Candidate(a, b, "interval", "year", _const(Temporal(Point(y), Point(y + 9)), note))


# -- absolute points -----------------------------------------------------------------------------


@rule(rf"{B}(?P<t>(?:(?:le|ce){S})?(?:(?P<wd>{WEEKDAY}){S})?(?P<d>{DAY}){S}(?P<m>{MONTH}){S}(?P<y>{YEAR})){E}")
def _full_date(m, a, b):
    y, mo, d = int(m["y"]), _month(m["m"]), _day(m["d"])
    if not _valid(y, mo, d):
        return Candidate(a, b, "absolute", "day", _const(None))
    return Candidate(a, b, "absolute", "day", _const(Temporal(Point(y, mo, d))))


@rule(rf"(?<![\w/.\-])(?P<d>[0-3]?\d)(?P<s>[/.])(?P<m>[01]?\d)(?P=s)(?P<y>{YEAR})(?![\w/\-]|[.,]\d)")
def _numeric_date(m, a, b):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    return Candidate(a, b, "absolute", "day", _const(Temporal(Point(y, mo, d))))


@rule(rf"(?<![\w/.\-])(?P<y>{YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w/\-]|[.,]\d)")
def _iso_date(m, a, b):
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    return Candidate(a, b, "absolute", "day", _const(Temporal(Point(y, mo, d))), priority=1)


_SEASONS = ["printemps", "été", "automne", "hiver"]


def _part_note(word: str | None, unit: str) -> str | None:
    """ "milieu du mois", "fin de l'année"... for a part word (mi, début, fin)."""
    if not word:
        return None
    part = {"mi": "milieu", "milieu": "milieu", "debut": "début", "fin": "fin"}.get(_fold(word.rstrip("-")))
    if part is None:
        return None
    return f"{part} du mois" if unit == "month" else f"{part} de l'année"


PART = r"(?:mi|milieu|début|fin)"
PART_OF_MONTH = (
    rf"(?:(?:la|le){S})?(?P<part>{PART})(?:[-‐‑]|{S}|{S}(?:du{S}mois{S}(?:de{S}|d{AP})|de{S}|d{AP})|"
    rf"(?:du{S}mois{S}(?:de{S}|d{AP})|de{S}|d{AP}))"
)


@rule(rf"{B}(?P<t>(?:{PART_OF_MONTH}|(?:le{S})?mois{S}(?:de{S}|d{AP}))?(?P<m>{MONTH}){S}(?P<y>{YEAR})){E}")
def _month_year(m, a, b):
    t = Temporal(Point(int(m["y"]), _month(m["m"])))
    return Candidate(a, b, "absolute", "month", _const(t, _part_note(m["part"], "month")))


@rule(rf"{B}(?P<t>(?:(?:la|le){S})?(?P<part>{PART})(?:-|{S}?|{S}de{S}l{AP}année{S}|{S}d{AP})(?P<y>{YEAR})){E}")
def _part_of_year(m, a, b):
    return Candidate(a, b, "absolute", "year", _const(Temporal(Point(int(m["y"]))), _part_note(m["part"], "year")))


@rule(
    rf"{B}(?:(?:au|à{S}l{AP}|en|à{S}la{S}fin{S}de{S}l{AP}|au{S}début{S}de{S}l{AP}){S}?)?(?P<t>(?P<s>{'|'.join(_SEASONS)})"
    rf"{S}(?P<y>{YEAR})){E}"
)
def _season_year(m, a, b):
    return Candidate(a, b, "absolute", "year", _const(Temporal(Point(int(m["y"]))), m["s"].lower()))


_SEASON_MONTHS = {"printemps": 3, "ete": 6, "automne": 9, "hiver": 12}  # first month (meteorological seasons)


@rule(
    rf"{B}(?P<t>(?:(?P<this>cet|ce){S}(?P<s1>printemps|été|automne|hiver)|(?:l{AP}|le{S})(?P<s2>printemps|été|automne|hiver)"
    rf"{S}(?P<dir>dernier|passé|prochain)))(?!{S}(?:{YEAR}|de{S}|d{AP}))(?![\w\-])"
)
def _season(m, a, b):
    """ "cet été", "l'hiver dernier", "le printemps prochain": the season's three months (meteorological:
    spring is March to May, winter December to February), the one of the publication or the one before/after."""
    first = _SEASON_MONTHS[_fold(m["s1"] or m["s2"])]
    direction = (m["dir"] or "").lower()

    def make(r: Resolver):
        if r.pub.month is None:
            return None, None
        k = r.pub.year * 12 + r.pub.month - 1  # months since year 0
        starts = [(r.pub.year + dy) * 12 + first - 1 for dy in (-2, -1, 0, 1)]
        if direction in ("dernier", "passé"):
            start = max(x for x in starts if x + 2 < k)
        elif direction == "prochain":
            start = min(x for x in starts + [starts[-1] + 12] if x > k)
        else:  # "cet été": the nearest one, the coming one on a tie
            start = min(starts + [starts[-1] + 12], key=lambda x: (max(x - k, k - x - 2, 0), -x))
        y1, m1 = divmod(start, 12)
        y2, m2 = divmod(start + 2, 12)
        return Temporal(Point(y1, m1 + 1), Point(y2, m2 + 1)), f"{(m['s1'] or m['s2']).lower()} (mois météorologiques)"

    return Candidate(a, b, "relative", "month", make)


@rule(rf"(?:{B}(?P<since>depuis){S})?(?<![\w\-/.,])(?P<y>1\d{{3}}|20\d{{2}})(?![\w\-/]|[.,]\d|{S}\d{{3}}(?!\d))")
def _year(m, a, b):
    y = int(m["y"])
    before = m.string[max(0, m.start("y") - 40) : m.start("y")]
    strong = bool(_YEAR_CUE.search(before))  # "en 2019", "depuis 2019", "(2019"
    if (y < 1900 and not strong) or _NOT_YEAR_BEFORE.search(before):
        return None
    nxt = re.match(rf"{S}([\w%€$]+)", m.string[b : b + 40])
    if nxt:
        w = nxt[1]
        if w.lower() in _COUNT_WORDS:
            return None  # "2000 soldats", "1500 km"
        if not strong and w.islower() and len(w) > 3 and w[-1] in "sx" and w not in _NOT_NOUNS:
            return None  # a plural noun: a count
    return Candidate(a, b, "absolute", "year", _const(Temporal(Point(y))))


# -- partial (no year) ---------------------------------------------------------------------------


@rule(
    rf"{B}(?P<t>(?:(?:le|ce){S})?(?:(?P<wd>{WEEKDAY}){S})?(?P<d>{DAY}){S}(?P<m>{MONTH})"
    rf"(?:{S}(?P<dir>dernier|prochain)(?![\w\-]))?)(?!\w)"
)
def _day_month(m, a, b):
    d, mo = _day(m["d"]), _month(m["m"])
    wd = WEEKDAYS.index(m["wd"].lower()) if m["wd"] else None
    direction = (m["dir"] or "").lower()
    if not 1 <= d <= 31:
        return None

    def make(r: Resolver):
        if direction:  # "le 19 juin dernier": strictly before (after) the publication
            y, note = r.year_for(mo, d, wd, tense="past" if direction == "dernier" else "future", grace=0)
        else:
            y, note = r.year_for(mo, d, wd)
        return (Temporal(Point(y, mo, d)), note) if y is not None else (None, None)

    return Candidate(a, b, "relative" if direction else "partial", "day", make)


@rule(
    rf"{B}(?:(?P<since>depuis{S})|(?:en|dès|d{AP}ici|jusqu{AP}en|courant|avant|après){S})(?P<t>(?P<m>{MONTH}))(?!\w|\.\w)"
    rf"|{B}(?P<t2>{PART_OF_MONTH}(?P<m2>{MONTH})|(?:le{S})?mois{S}(?:de{S}|d{AP})(?P<m3>{MONTH}))(?![\w])"
)
def _bare_month(m, a, b):
    word = m["m"] or m["m2"] or m["m3"]
    if m["t2"]:
        a, b = m.span("t2")
    elif m["since"]:
        a = m.start("since")  # "depuis mars": the words say from when
    if word.endswith("."):
        return None
    note = _part_note(m["part"], "month") if m["t2"] else None
    mo = _month(word)

    def make(r: Resolver):
        y, why = r.year_for(mo)
        if y is None:
            return None, None
        return Temporal(Point(y, mo)), "; ".join(x for x in (note, why) if x)

    return Candidate(a, b, "partial", "month", make)


# -- relative ------------------------------------------------------------------------------------

_DAY_WORDS = {
    "aujourd'hui": 0,
    "plus tôt dans la journée": 0,
    "plus tard dans la journée": 0,
    "ce jour": 0,
    "ce matin": 0,
    "ce soir": 0,
    "cet après-midi": 0,
    "hier": -1,
    "hier soir": -1,
    "hier matin": -1,
    "avant-hier": -2,
    "demain": 1,
    "demain matin": 1,
    "après-demain": 2,
}
_YEAR_WORDS = {
    "cette année": 0,
    "l'an dernier": -1,
    "l'an passé": -1,
    "l'année dernière": -1,
    "l'année passée": -1,
    "l'an prochain": 1,
    "l'année prochaine": 1,
}
_MONTH_WORDS = {"ce mois-ci": 0, "ce mois": 0, "le mois dernier": -1, "le mois passé": -1, "le mois prochain": 1}
_WEEK_WORDS = {"cette semaine": 0, "la semaine dernière": -1, "la semaine passée": -1, "la semaine prochaine": 1}


def _words_re(words) -> str:
    alts = []
    for w in sorted(words, key=len, reverse=True):
        alts.append(re.escape(w).replace("'", AP).replace(r"\ ", S).replace(" ", S))
    return "(?:" + "|".join(alts) + ")"


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(AP, "'", text.lower()))


@rule(rf"{B}(?P<t>{_words_re(_DAY_WORDS)}){E}")
def _day_word(m, a, b):
    off = _DAY_WORDS[_key(m["t"])]

    def make(r: Resolver):
        if off == 0:
            return Temporal(r.pub), None
        if r.pub.precision != "day":
            return None, None
        return Temporal(_pt(r.pub.first + dt.timedelta(days=off))), None

    return Candidate(a, b, "relative", "day", make)


_PART_REL = rf"(?:(?:la|le){S})?(?P<part>début|fin|milieu|mi-?){S}?(?:de{S}|d{AP})?"


@rule(rf"{B}(?P<t>(?:{_PART_REL})?{_words_re(_YEAR_WORDS)}){E}")
def _year_word(m, a, b):
    words = m["t"][m.end("part") - m.start("t") :] if m["part"] else m["t"]
    words = re.sub(rf"^(?:-|{S}|de{S}|d(?={AP}))+", "", words, flags=re.I)
    off = _YEAR_WORDS.get(_key(words))
    if off is None:
        return None
    note = _part_note(m["part"].rstrip("-"), "year") if m["part"] else None
    return Candidate(a, b, "relative", "year", lambda r: (Temporal(Point(r.pub.year + off)), note))


@rule(
    rf"{B}(?:(?P<t>(?:(?:la|le){S})?(?P<part>début|fin|milieu){S}de{S}l{AP}année)|en{S}(?P<t2>(?P<p2>début|fin|milieu){S}d{AP}année))"
    rf"(?!{S}(?:dernière|passée|prochaine|{YEAR}|\d))(?![\w\-])"
)
def _part_of_this_year(m, a, b):
    """ "la fin de l'année", "en fin d'année": the publication year."""
    if m["t2"]:
        a, b = m.span("t2")
    note = _part_note(m["part"] or m["p2"], "year")
    return Candidate(a, b, "relative", "year", lambda r: (Temporal(Point(r.pub.year)), note))


@rule(
    rf"{B}(?P<t>(?:(?:la|le){S})?(?P<part>début|fin|milieu){S}du{S}mois(?:{S}(?P<dir>dernier|passé|prochain))?)"
    rf"(?!{S}(?:de|d{AP}|dernier|prochain|passé)(?!\w)|[-\w])"
)
def _part_of_this_month(m, a, b):
    """ "la fin du mois", "le début du mois dernier": the publication month (or the one before/after)."""
    note = _part_note(m["part"], "month")
    off = {"dernier": -1, "passé": -1, "prochain": 1}.get((m["dir"] or "").lower(), 0)

    def make(r: Resolver):
        if not r.pub.month:
            return None, None
        return Temporal(Point(*_add_months(r.pub.year, r.pub.month, off))), note

    return Candidate(a, b, "relative", "month", make)


@rule(rf"{B}(?P<t>{_words_re(_MONTH_WORDS)}){E}")
def _month_word(m, a, b):
    off = _MONTH_WORDS[_key(m["t"])]

    def make(r: Resolver):
        if r.pub.month is None:
            return None, None
        y, mo = _add_months(r.pub.year, r.pub.month, off)
        return Temporal(Point(y, mo)), None

    return Candidate(a, b, "relative", "month", make)


@rule(
    rf"{B}(?:en{S}(?P<t>(?P<p>début|fin){S}de{S}semaine)|(?P<t2>(?:au|à{S}la){S}(?P<p2>début|fin){S}de{S}(?:la|cette){S}semaine))"
    rf"(?!{S}(?:dernière|passée|prochaine|du|de|d{AP}))(?![\w\-])"
)
def _part_of_week(m, a, b):
    """ "en début de semaine": Monday to Wednesday of the publication's week; "en fin de semaine":
    Thursday to Sunday (the words say which half of the week, no more)."""
    if m["t2"]:
        a, b = m.span("t2")
    first = (m["p"] or m["p2"]).lower() == "début"

    def make(r: Resolver):
        if r.pub.precision != "day":
            return None, None
        monday, sunday = _week(r.pub.first)
        if first:
            return Temporal(monday, _pt(monday.first + dt.timedelta(days=2))), "début de semaine"
        return Temporal(_pt(monday.first + dt.timedelta(days=3)), sunday), "fin de semaine"

    return Candidate(a, b, "relative", "day", make)


_QUARTERS = {"1er": 1, "premier": 1, "2e": 2, "2ème": 2, "deuxième": 2, "second": 2, "3e": 3, "3ème": 3}
_QUARTERS |= {"troisième": 3, "4e": 4, "4ème": 4, "quatrième": 4, "dernier": 4}


@rule(
    rf"{B}(?P<t>(?:(?:au|du|le|pour{S}le){S})?(?P<q>1er|premier|2e|2ème|deuxième|second|3e|3ème|troisième|4e|4ème|"
    rf"quatrième|dernier){S}trimestre{S}(?:(?P<y>{YEAR})|de{S}(?P<y2>{YEAR})|de{S}l{AP}année{S}(?P<dir>dernière|passée|prochaine)|"
    rf"de{S}(?:cette{S}année|l{AP}année))){E}"
)
def _quarter(m, a, b):
    """ "au premier trimestre 2024", "au 1er trimestre de cette année": three months."""
    q = _QUARTERS[m["q"].lower()]
    explicit = m["y"] or m["y2"]
    off = {"dernière": -1, "passée": -1, "prochaine": 1}.get((m["dir"] or "").lower(), 0)

    def make(r: Resolver):
        y = int(explicit) if explicit else r.pub.year + off
        return Temporal(Point(y, 3 * q - 2), Point(y, 3 * q)), f"{q}e trimestre" if q > 1 else "1er trimestre"

    return Candidate(a, b, "absolute" if explicit else "relative", "month", make, priority=1)


@rule(rf"{B}(?P<t>{_words_re(_WEEK_WORDS)}){E}")
def _week_word(m, a, b):
    off = _WEEK_WORDS[_key(m["t"])]

    def make(r: Resolver):
        if r.pub.precision != "day":
            return None, None
        start, end = _week(r.pub.first + dt.timedelta(weeks=off))
        return Temporal(start, end), "du lundi au dimanche"

    return Candidate(a, b, "relative", "day", make)


@rule(rf"{B}(?P<t>(?P<m>{MONTH}){S}(?P<dir>dernier|passé|prochain)){E}")
def _month_last(m, a, b):
    mo, direction = _month(m["m"]), m["dir"].lower()
    if m["m"].endswith("."):
        return None

    def make(r: Resolver):
        if r.pub.month is None:
            return None, None
        if direction == "prochain":
            y = r.pub.year if mo > r.pub.month else r.pub.year + 1
        else:
            y = r.pub.year if mo < r.pub.month else r.pub.year - 1
        return Temporal(Point(y, mo)), None

    return Candidate(a, b, "relative", "month", make)


@rule(
    rf"(?<![\w\-])(?P<pre>chaque{S}|tous{S}les{S}|les{S})?(?P<t>(?:(?:le|ce){S})?(?P<wd>{WEEKDAY})"
    rf"(?:{S}(?P<dir>dernier|prochain))?)(?![\w\-])"
)
def _weekday(m, a, b):
    if m["pre"]:
        return None  # "chaque lundi", "les lundis": a habit, not a date
    wd = WEEKDAYS.index(m["wd"].lower())
    direction = m["dir"].lower() if m["dir"] else None

    def make(r: Resolver):
        p = r.weekday(wd, direction)
        return (Temporal(p), None) if p else (None, None)

    return Candidate(a, b, "relative", "day", make)


@rule(rf"{B}(?P<t>la{S}nuit{S}(?:de{S}|du{S})(?P<w1>{WEEKDAY}){S}(?:à|au){S}(?P<w2>{WEEKDAY})){E}")
def _night(m, a, b):
    """ "dans la nuit de lundi à mardi": one night, the interval of its two days (not two dates)."""
    w1, w2 = WEEKDAYS.index(m["w1"].lower()), WEEKDAYS.index(m["w2"].lower())
    if (w1 + 1) % 7 != w2:
        return None

    def make(r: Resolver):
        p = r.weekday(w2, None)
        if p is None:
            return None, None
        return Temporal(_pt(p.first - dt.timedelta(days=1)), p), "nuit"

    return Candidate(a, b, "interval", "day", make, priority=1)


# -- implied (anchored durations) ---------------------------------------------------------------


def _offset(r: Resolver, n: int, unit: str, sign: int):
    unit = unit.lower()
    pub = r.pub
    if unit.startswith("an"):
        return Temporal(Point(pub.year + sign * n))
    if unit == "mois":
        if pub.month is None:
            return None
        y, mo = _add_months(pub.year, pub.month, sign * n)
        return Temporal(Point(y, mo))
    if pub.precision != "day":
        return None
    days = n * (7 if unit.startswith("semaine") else 1)
    try:
        return Temporal(_pt(pub.first + dt.timedelta(days=sign * days)))
    except OverflowError:
        return None


def _unit_precision(unit: str) -> str:
    unit = unit.lower()
    return "year" if unit.startswith("an") else "month" if unit == "mois" else "day"


@rule(
    rf"{B}(?P<t>(?P<lead>il{S}y{S}a|voici|dans|d{AP}ici){S}(?P<ap>{APPROX})?(?P<n>{NUMBER}){S}(?P<u>{UNIT})){E}"
    rf"|(?:première|dernière){S}fois{S}(?P<t2>(?:en|depuis){S}(?P<ap2>{APPROX})?(?P<n2>{NUMBER}){S}(?P<u2>{UNIT})){E}"
)
def _implied(m, a, b):
    if m["t2"]:
        a, b = m.span("t2")
        n, unit, approx, sign = number(m["n2"]), m["u2"], bool(m["ap2"]), -1
    else:
        n, unit, approx = number(m["n"]), m["u"], bool(m["ap"])
        lead = m["lead"].lower()
        sign = 1 if lead in ("dans",) or lead.startswith("d") else -1
    if not n or n > 5000:
        return None
    approx = approx or unit.lower().startswith("semaine")
    when = "compté depuis la date de publication"
    return Candidate(
        a,
        b,
        "implied",
        _unit_precision(unit),
        lambda r: (_offset(r, n, unit, sign), f"{when} ({_pub_fr(r.pub)})"),
        approximate=approx,
    )


# -- anaphoric (through another date of the text) -----------------------------------------------


def _shift(t: Temporal, n: int, unit: str) -> Temporal | None:
    """``t`` moved by ``n`` units (negative: earlier), at the unit's precision (never finer than ``t``)."""
    p = t.start if n < 0 or t.end is None else t.end
    unit = unit.lower()
    if unit.startswith("an"):
        return Temporal(Point(p.year + n))
    if unit == "mois":
        if not p.month:
            return None
        return Temporal(Point(*_add_months(p.year, p.month, n)))
    if not p.day:
        return None
    days = n * (7 if unit.startswith("semaine") else 1)
    return Temporal(_pt(p.first + dt.timedelta(days=days)))


def _at_precision(t: Temporal, unit: str) -> Temporal | None:
    return _shift(t, 0, unit)


_NEXT_DAY = {"veille": -1, "avant-veille": -2, "lendemain": 1, "surlendemain": 2}


@rule(rf"{B}(?P<t>(?:la|l{AP}|le){S}?(?P<w>avant-veille|veille|lendemain|surlendemain)){E}(?!{S}(?:de|du|d{AP}))")
def _next_day(m, a, b):
    """ "la veille", "dès le lendemain": the day before (after) the date the text gave last."""
    off = _NEXT_DAY[m["w"].lower()]

    def make(r: Resolver):
        anchor = r.before("day")
        if anchor is None:
            return None, None
        t = _shift(anchor[0], off, "jours")
        return t, f"d'après la date qui précède ({anchor[0].start.french()})"

    return Candidate(a, b, "anaphoric", "day", make)


# a sentence told in the narrative past (imparfait, plus-que-parfait, passé simple) is not the news of the day
NARRATIVE_PAST = re.compile(
    r"(?<![\w\-])(?:avait|avaient|était|étaient|fut|furent|eut|eurent|[a-zéèêîô]{2,}(?:aient|èrent))(?![\w\-])", re.I
)
DETERMINER = rf"(?:le|la|les|l{AP}|son|sa|ses|leur|leurs|ce|cette|cet|ces|un|une)"


@rule(
    rf"{B}(?P<t>(?P<n>{NUMBER}){S}(?P<u>{UNIT}){S}(?P<dir>plus{S}tôt|plus{S}tard|auparavant|avant|après))"
    rf"(?P<np>{S}{DETERMINER}{S}?[\w\-’']+)?(?P<stop>(?:{S})?[,.;:)]|$)?(?![\w\-])"
)
def _anaphoric_offset(m, a, b):
    """ "treize ans plus tôt", "deux jours après": counted from the date the text gave last;
    "neuf mois après la visite de X": the time of the sentence's fact, placed after an earlier one (the
    sentence's other date, else the publication, at the unit's precision; a date inside the phrase
    itself, "trois jours après le sommet du 13 septembre", is the earlier fact's)."""
    n, unit = number(m["n"]), m["u"]
    if not n or n > 200:
        return None
    direction = _key(m["dir"])
    sign = 1 if direction in ("plus tard", "après") else -1
    if direction in ("avant", "après") and not m["np"] and m["stop"] is None:
        return None  # "trois ans avant de revenir": a duration, not a time
    if m["np"]:
        b = m.end("np")  # "trois semaines après l'échec": the noun that names the earlier fact belongs to it
        stop = re.search(r"[,.;:!?()«»]", m.string[b:])
        phrase_end = b + stop.start() if stop else len(m.string)

        def make(r: Resolver):
            inner = [t for x, _y, t, k in r.resolved if b <= x < phrase_end and k != "anaphoric"]
            if inner:
                return _shift(inner[0], sign * n, unit), "compté depuis la date du fait qui sert de repère"
            other = r.in_sentence(skip=(a, phrase_end))
            if other is not None:
                return _at_precision(other, unit), "date du fait rapporté dans la phrase"
            # (not in a sentence told in the narrative past: "deux ans après la guerre, il fut nommé")
            narrative = NARRATIVE_PAST.search(m.string, r.here[0], r.here[1])
            if sign > 0 and not unit.lower().startswith(("jour", "semaine")) and not narrative:
                note = f"fait rapporté à la date de publication ({r.pub.french()})"
                return _at_precision(Temporal(r.pub), unit), note
            return None, None

        return Candidate(a, b, "anaphoric", _unit_precision(unit), make)

    def make_bare(r: Resolver):
        anchor = r.before(_unit_precision(unit))
        if anchor is None:
            return None, None
        return _shift(anchor[0], sign * n, unit), f"d'après la date qui précède ({anchor[0].start.french()})"

    return Candidate(a, b, "anaphoric", _unit_precision(unit), make_bare)


AFTER_FACT = re.compile(rf"(?P<n>{NUMBER}){S}(?P<u>{UNIT}){S}après{S}", re.I)


def earlier_fact(words: str, value: str | None) -> str | None:
    """The time of the earlier fact an anaphoric "neuf mois après la visite" counts from, given the
    time ``value`` the words themselves denote: that value minus the duration, at the unit's precision."""
    m = AFTER_FACT.match(words)
    n = number(m["n"]) if m else None
    if m is None or not n or not value:
        return None
    try:
        t = _shift(Temporal.parse(value), -n, m["u"])
    except (TemporalError, ValueError, OverflowError):
        return None
    return t.iso() if t else None


# -- driver --------------------------------------------------------------------------------------


def _published(published: str) -> Point:
    t = Temporal.parse(str(published))
    return t.end or t.start if t.is_interval else t.start


# "En 2023, ... le 13 septembre", "L'an dernier, ... entre le 10 et le 12 mars": a year placed at the
# head of a sentence, before a comma, frames the whole sentence; the dates without a year in it take it.
FRONTED_BEFORE = re.compile(
    rf"[\s«“\"(]*(?:(?:en|dès|durant|pendant|au{S}cours{S}de|courant|dans{S}le{S}courant{S}de)"
    rf"{S}(?:l{AP}année{S})?)?",
    re.I,
)
FRONTED_AFTER = re.compile(r"[\s\u00a0]*,")
SENTENCE_END = re.compile(r"[.!?…][\s\u00a0»”\"]+|\n")


THEN = re.compile(r"(?<![\w\-])(?:puis|ensuite|avant\s+de|jusqu[’']au|et\s+enfin)(?![\w\-])", re.I)


def _sentence_end(text: str, at: int) -> int:
    m = SENTENCE_END.search(text, at)
    return m.start() if m else len(text)


def _sentence_start(text: str, at: int) -> int:
    start = 0
    for m in SENTENCE_END.finditer(text, 0, at):
        start = m.end()
    return start


# Words that belong to a date's span without changing its day: "aux alentours du 5 mai" (approximate),
# "la nuit du 12 au 13 juin", "mardi soir", "jeudi 25 avril au matin".
CUE_BEFORE = re.compile(
    rf"(?:(?P<approx>aux{S}alentours{S}d[ue]|autour{S}d[ue]|aux{S}environs{S}d[ue]|vers(?:{S}(?:le|la|l{AP}))?)"
    rf"|(?P<night>(?:dans{S})?la{S}nuit(?:{S}(?:de|du))?|dans{S}la{S}(?:matinée|soirée|journée){S}d[ue])){S}$",
    re.I,
)
TIME_OF_DAY_AFTER = re.compile(
    rf"{S}(?:(?:au{S})?matin|(?:au{S})?soir|(?:dans|en){S}(?:l{AP}|la{S})?(?:après-midi|matinée|soirée|fin{S}de{S}journée)|"
    rf"après-midi|midi)(?![\w\-])",
    re.I,
)
DAY_WORD_GAP = re.compile(rf"(?:{S})?,?{S}")


def _joined(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """The chosen spans with the words that belong to them (CUE_BEFORE, TIME_OF_DAY_AFTER), and a
    deictic day followed by the date it names ("demain jeudi 25 avril", "hier, mardi") as one mention:
    the written date's value, the deictic's when only a weekday follows."""
    out: list[Candidate] = []
    for c in chosen:
        if c.precision == "day" and not c.kind == "implied":
            cue = CUE_BEFORE.search(text, max(0, c.start - 40), c.start)
            if cue and (not out or out[-1].end <= cue.start()):
                c = Candidate(cue.start(), c.end, c.kind, c.precision, c.make, c.approximate or bool(cue["approx"]))
            tail = TIME_OF_DAY_AFTER.match(text, c.end)
            if tail:
                c = Candidate(c.start, tail.end(), c.kind, c.precision, c.make, c.approximate)
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "relative"
            and prev.precision == "day"
            and _key(text[prev.start : prev.end]) in _DAY_WORDS
            and c.precision == "day"
            and not c.is_interval_kind()
            and DAY_WORD_GAP.fullmatch(text, prev.end, c.start)
        ):
            weekday_only = re.fullmatch(rf"(?:ce{S})?{WEEKDAY}", text[c.start : c.end].split(",")[0].strip(), re.I)
            make = prev.make if weekday_only else c.make
            out[-1] = Candidate(prev.start, c.end, c.kind if not weekday_only else prev.kind, "day", make)
            continue
        out.append(c)
    return out


def find_dates(text: str, published: str, tense: str | None = None) -> list[DateMention]:
    """Every temporal expression of ``text``, in order, resolved against ``published``.

    ``published``: ISO date of the article (``2024-02-07``, ``2024-02`` or ``2024``).
    ``tense``: None (default: nearest occurrence, see the module docstring), ``"past"`` or ``"future"``.
    """
    if tense not in (None, "past", "future"):
        raise ValueError(f"tense must be None, 'past' or 'future', not {tense!r}")
    pub = _published(published)
    text = str(text)
    cands: list[Candidate] = []
    for pattern, handler in RULES:
        for m in pattern.finditer(text):
            a, b = _span(m)
            try:
                c = handler(m, a, b)
            except (KeyError, ValueError, TemporalError, OverflowError):
                c = None
            if c is not None and c.end > c.start:
                cands.append(c)
    # Longest expression wins; among equals, the rule's priority then the earliest.
    taken: list[tuple[int, int]] = []  # chosen spans, sorted
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        i = bisect.bisect_left(taken, (c.start, c.end))
        if (i > 0 and taken[i - 1][1] > c.start) or (i < len(taken) and taken[i][0] < c.end):
            continue
        taken.insert(i, (c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    chosen = _joined(text, chosen)
    resolver = Resolver(pub, tense)
    found: dict[int, DateMention] = {}
    frames: dict[int, int] = {}  # sentence start -> year of its fronted year expression
    # Anaphoric expressions ("la veille", "treize ans plus tôt") are resolved last, through the others.
    for c in [c for c in chosen if c.kind != "anaphoric"] + [c for c in chosen if c.kind == "anaphoric"]:
        opens = _sentence_start(text, c.start)
        resolver.frame = frames.get(opens)
        resolver.here = (opens, _sentence_end(text, c.end), c.start, c.end)
        near = next(
            (
                (t.start, b)
                for a, b, t, kind in reversed(resolver.resolved)
                if opens <= a < c.start and kind in ("absolute", "interval") and t.start.month
            ),
            None,
        )
        resolver.near = near[0] if near else None
        # "le 12 juin 2018 à Singapour, puis le 27 février à Hanoï": the next 27 February
        resolver.near_after = bool(near and THEN.search(text, near[1], c.start))
        try:
            value, note = c.make(resolver)
            value = value and Temporal.parse(value.iso())
        except (TemporalError, ValueError, OverflowError):
            value, note = None, None
        if value is None and c.kind == "anaphoric":
            continue  # nothing to hang it on: not taken
        if value is not None and c.kind in ("absolute", "interval") and not note:
            for p in (value.start, value.end):
                if p is not None and p.month:
                    resolver.anchors[p.month] = p.year
        if value is not None and not note and c.kind in ("partial", "relative", "implied"):
            note = f"calculé depuis la date de publication ({pub.french()})"
        if (
            value is not None
            and not value.is_interval
            and value.precision == "year"
            and FRONTED_BEFORE.fullmatch(text[opens : c.start])
            and FRONTED_AFTER.match(text, c.end)
        ):
            frames[opens] = value.start.year
        if value is not None:
            resolver.resolved.append((c.start, c.end, value, c.kind))
        precision = value.precision if value is not None else c.precision
        found[c.start] = DateMention(
            text[c.start : c.end],
            c.start,
            c.end,
            value.iso() if value else None,
            precision,
            c.kind,
            c.approximate,
            note or None,
        )
    out = [found[k] for k in sorted(found)]
    return out
