"""The French words of the publication, in one place: labels of the data's codes, plurals,
dates, typography.

In: codes of the data (event kinds, statuses, actor and record kinds), numbers, dates as
the data writes them (parsed by ``temporal``). Out: plain French text; whoever prints it
escapes it (the page templates, the charts' ``text()``).

Used by the pages (template filters and globals, see site/render.py), the charts' labels
and summaries, the downloads' descriptions and the extraction's draft titles: a label
changed here changes everywhere. It lives in the dataset stage because the extraction
names the kinds too, and may import the dataset stage only.

- typography: ``typography(text)`` puts French non-breaking spaces into prose (U+00A0
  before ":", U+202F before ";", "!", "?" and inside « »); ``quoted(text)`` wraps a
  verbatim quotation in « »;
- numbers: one rule, singular below 2: ``count(0, "citation", "citations")`` is
  "0 citation", ``count(2, ...)`` "2 citations" (the number and its noun never split);
- kinds and statuses: ``kind_label("visit")`` is "Visite", ``status_label("planned",
  "visit")`` "prévue" (agreeing with the kind's noun), ``kind_with_status`` "Visite
  (prévue)", ``status_count("held", 3)`` "3 ont eu lieu";
- dates: ``date("2024-01-15/2024-01-17")`` is "du 15 au 17 janvier 2024" at the precision
  of the data, ``date_reported`` "le 21 janvier 2024", ``month`` "janvier 2024".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from build_scripts.dataset.temporal import MONTHS_FR, Temporal, TemporalError

# --- typography --------------------------------------------------------------------------

NBSP = "\u00a0"  # before ":", between a number and its noun
NNBSP = "\u202f"  # before ";", "!", "?" and inside « »
_SPACES = "[ \t\u00a0\u202f]+"


ENDASH = "\u2013"  # the one dash of ranges and pairs: "1950–1953", "15–17 mars", "Russie–Corée du Nord"
SUP_E = "\u1d49"  # "75ᵉ"; "1ᵉʳ", "1ʳᵉ"
_MONTHS = "|".join(MONTHS_FR)
_QUOTED = re.compile("(«[^»]*»)")
_ORDINAL = re.compile(r"(?<![\w.,#/-])(\d+)(?:e|è|ème|eme|ième|ieme)(?![\w-])")
_FIRST = re.compile(r"(?<![\w.,#/-])1(er|re)(?![\w-])")
_YEARS = re.compile(r"(?<![\w/.-])(1[6-9]\d\d|20\d\d) ?[-–—] ?(1[6-9]\d\d|20\d\d)(?![\w/-])")
_DAYS = re.compile(rf"(?<![\w/.-])([1-3]?\d) ?[-–—] ?([1-3]?\d)(?=[ \u00a0]+(?:{_MONTHS})\b)")
# What each rule needs to find anything, searched first: most of a thousand articles' prose has
# neither, and the rules' own patterns, which open with a look-behind, try every character.
_MAYBE_ORDINAL = re.compile(r"\d[eèi]|1r")
_MAYBE_RANGE = re.compile(r"\d ?[-–—]")
_OPENING_SPACE = re.compile("«" + _SPACES)
_CLOSING_SPACE = re.compile(_SPACES + "»")
_SPACE_PUNCT = re.compile(_SPACES + r"([;!?])(?=\s|$|<|\*|_)")
_SPACE_COLON = re.compile(_SPACES + r":(?=\s|$|<|\*|_)")


def _numbers(text: str) -> str:
    """Ordinals with a superscript ("75e" -> "75ᵉ", "1er" -> "1ᵉʳ") and ranges of years or days
    with an en dash and no spaces ("1950-1953" -> "1950–1953")."""
    if _MAYBE_ORDINAL.search(text):
        text = _ORDINAL.sub(lambda m: m[1] + SUP_E, text)
        text = _FIRST.sub(lambda m: "1" + ("\u1d49\u02b3" if m[1] == "er" else "\u02b3\u1d49"), text)
    if _MAYBE_RANGE.search(text):
        text = _YEARS.sub(lambda m: m[1] + ENDASH + m[2], text)
        text = _DAYS.sub(lambda m: m[1] + ENDASH + m[2], text)
    return text


def typography(text: str) -> str:
    """French typography of the newsroom's own prose (templates, schema descriptions): a space
    the text has before ``: ; ! ?`` (followed by a space, a tag or the end) or inside « »
    becomes non-breaking. A colon with no space before it ("https://", "12:30", "review:
    draft") is left alone. Outside « » (words quoted stay as written), ordinals get their
    superscript ("75ᵉ", "1ᵉʳ") and ranges of years or days an en dash ("1950–1953", "15–17
    mars"). Never applied to quotes or excerpts, which stay verbatim."""
    text = str(text)
    if "«" in text:
        text = "".join(part if i % 2 else _numbers(part) for i, part in enumerate(_QUOTED.split(text)))
        text = _OPENING_SPACE.sub("«" + NNBSP, text)
    else:
        text = _numbers(text)
    if "»" in text:
        text = _CLOSING_SPACE.sub(NNBSP + "»", text)
    # followed by a space, the end, a tag, or Markdown's closing emphasis ("**Pourquoi ?**")
    if ";" in text or "!" in text or "?" in text:
        text = _SPACE_PUNCT.sub(NNBSP + r"\1", text)
    return _SPACE_COLON.sub(NBSP + ":", text) if ":" in text else text


def quoted(text: Any) -> str:
    """A quotation (or a title) between French quotation marks; the words inside as written."""
    return f"«{NNBSP}{text}{NNBSP}»"


# --- numbers -----------------------------------------------------------------------------


def agree(n: int, one: str, many: str) -> str:
    """The form of a word for ``n`` things: French singular for 0 and 1."""
    return one if abs(n) < 2 else many


def number(n: int) -> str:
    """A whole number as French prints it: from 10,000 up, groups of three digits split by a
    narrow non-breaking space ("68 000"); below, unsplit ("1000", as the Imprimerie nationale's
    rules allow for four digits)."""
    return f"{n:,}".replace(",", NNBSP) if abs(n) >= 10_000 else str(n)


def count(n: int, one: str, many: str) -> str:
    """``n`` and its noun, agreed, joined by a non-breaking space: "0 citation", "2 citations",
    "68 000 faits" (see ``number``)."""
    return f"{number(n)}{NBSP}{agree(n, one, many)}"


def size(n: int) -> str:
    """A file's size in French units, decimal comma: "751 octets", "57 ko", "7,9 Mo"."""
    if n < 1000:
        return count(n, "octet", "octets")
    for unit, scale in (("ko", 1000), ("Mo", 1000**2), ("Go", 1000**3)):
        value = n / scale
        if value < 999.5 or unit == "Go":
            text = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
            return f"{text.replace('.', ',')}{NBSP}{unit}"
    raise AssertionError("unreachable")


# --- nouns and labels of the data's codes ------------------------------------------------


@dataclass(frozen=True)
class Noun:
    """What one record of a kind is called; its gender and number make the words around agree."""

    label: str
    feminine: bool = False
    plural: bool = False  # "Lettres": one event, a plural noun

    def inflect(self, masculine_singular: str) -> str:
        """A past participle or adjective agreeing with the noun ("prévu" -> "prévues")."""
        word, _, rest = masculine_singular.partition(" ")
        word += ("e" if self.feminine else "") + ("s" if self.plural and not word.endswith("s") else "")
        return word + (" " + rest if rest else "")


EVENT = Noun("Événement")
MEETING = Noun("Rencontre", feminine=True)
EVENT_KINDS = {
    "summit": Noun("Sommet"),
    "meeting": Noun("Rencontre", feminine=True),
    "visit": Noun("Visite", feminine=True),
    "letter": Noun("Lettres", feminine=True, plural=True),
    "statement": Noun("Déclaration", feminine=True),
    "agreement": Noun("Accord"),
    "anniversary": Noun("Anniversaire"),
    "invitation": Noun("Invitation", feminine=True),
    "establishment": Noun("Établissement de relations"),
    "inauguration": Noun("Inauguration", feminine=True),
    "recognition": Noun("Reconnaissance", feminine=True),
    "sanctions": Noun("Sanctions", feminine=True, plural=True),
    "military": Noun("Fait militaire"),
    "project": Noun("Projet"),
    "tourism": Noun("Tourisme"),  # facts hors corpus (data/context.yaml)
}
# The facts from outside the corpus (data/context.yaml) have the events' kinds, and one more.
CONTEXT_KINDS = {**EVENT_KINDS, "tourism": Noun("Tourisme")}
# The charts' families of kinds (a colour and a lane each): family id -> label.
EVENT_FAMILIES = {
    "rencontres": "Sommets, rencontres, visites",
    "ecrits": "Lettres, déclarations, invitations",
    "accords": "Accords et relations",
    "force": "Militaire et sanctions",
    "projets": "Projets, inaugurations, tourisme",
}
OTHER_KIND = "Autre"


@dataclass(frozen=True)
class Status:
    """Whether an event took place. ``participle``: masculine singular, agreed with the event's
    noun; ``complement`` follows it where there is room (hovers, tables), not in a badge;
    ``verbs``: the auxiliary in "1 est prévue" / "2 sont prévues" (a verb phrase when there is
    no participle: "a eu lieu")."""

    participle: str
    verbs: tuple[str, str]
    complement: str = ""
    title: str = ""  # what the badge's tooltip says


STATUSES = {
    "held": Status("", ("a eu lieu", "ont eu lieu"), title="L'événement a eu lieu."),
    "planned": Status("prévu", ("est", "sont"), title="L'événement est annoncé, à venir."),
    "proposed": Status("proposé", ("est", "sont"), title="L'événement est proposé ou à l'état d'invitation."),
    "alleged": Status(
        "rapporté", ("est", "sont"), "sans confirmation", title="L'événement est rapporté sans confirmation."
    ),
    "cancelled": Status("annulé", ("a été", "ont été"), title="L'événement a été annulé."),
}

ACTOR_KINDS = {  # kind -> (one, several)
    "person": ("Personne", "Personnes"),
    "state": ("État", "États"),
    "organisation": ("Organisation", "Organisations"),
    "media": ("Média", "Médias"),
    "group": ("Groupe", "Groupes"),
}
# The data's record kinds, as the downloads name them: kind -> (noun plural, feminine).
RECORDS = {
    "events": ("événements", False),
    "quotes": ("citations", True),
    "actors": ("acteurs", False),
    "places": ("lieux", False),
    "context": ("faits hors corpus", False),
}
QUOTE_KINDS = {"speech": "propos", "term": "expression"}
DISPUTED_FIELDS = {
    "date": "la date",
    "place": "le lieu",
    "actors": "les participants",
    "status": "le statut",
    "kind": "la nature",
    "title": "l'intitulé",
}


def kind_noun(kind: str | None) -> Noun:
    return CONTEXT_KINDS.get(kind or "", EVENT)


def kind_label(kind: str | None) -> str:
    """The label of an event kind: "Visite"; an unknown kind as written (check reports it), no kind: ""."""
    noun = CONTEXT_KINDS.get(kind or "")
    return noun.label if noun else str(kind or "")


def status_label(status: str | None, kind: str | None = None, *, short: bool = False) -> str:
    """The status of an event of ``kind`` (default: "événement"): "a eu lieu", "prévue", "annulées";
    ``short``: without the complement (a badge). An unknown status as written."""
    s = STATUSES.get(status or "")
    if s is None:
        return str(status or "")
    noun = kind_noun(kind)
    if not s.participle:
        return s.verbs[1] if noun.plural else s.verbs[0]
    words = noun.inflect(s.participle)
    return words if short or not s.complement else f"{words} {s.complement}"


def status_title(status: str | None) -> str:
    s = STATUSES.get(status or "")
    return s.title if s else ""


def status_legend(status: str) -> str:
    """A status in a chart's legend, for events of every kind: "Prévu", "Rapporté sans confirmation"."""
    label = status_label(status)
    return label[:1].upper() + label[1:]


def kind_with_status(kind: str | None, status: str | None) -> str:
    """An event's kind and status: "Visite (prévue)"; the kind alone when the event has no known status."""
    label = kind_label(kind) or OTHER_KIND
    return f"{label} ({status_label(status, kind)})" if status in STATUSES else label


def status_count(status: str | None, n: int, noun: Noun = MEETING) -> str:
    """How many events of ``noun`` have a status: "1 est prévue", "3 ont eu lieu"."""
    s = STATUSES.get(status or "")
    if s is None:
        return f"{n}{NBSP}sans statut"
    several = Noun(noun.label, noun.feminine, plural=abs(n) >= 2)
    verb = agree(n, *s.verbs)
    words = f"{verb} {several.inflect(s.participle)}" if s.participle else verb
    return f"{n}{NBSP}{words}" + (f" {s.complement}" if s.complement else "")


def actor_kind(kind: str | None, n: int = 1) -> str:
    """An actor kind: "Personne", "Personnes"; "" for an unknown kind."""
    one, many = ACTOR_KINDS.get(kind or "", ("", ""))
    return agree(n, one, many)


def published(kind: str) -> str:
    """The published records of a kind: "événements publiés", "citations publiées"."""
    noun, feminine = RECORDS[kind]
    return f"{noun} publié{'e' if feminine else ''}s"


# --- dates -------------------------------------------------------------------------------

NO_DATE = "date non précisée"


def parse(value: Any) -> Temporal | None:
    """The Temporal of a date field; None when there is none or it does not parse (check reports it)."""
    try:
        return Temporal.parse(value) if value else None
    except (TemporalError, TypeError):
        return None


def date(value: Any, approximate: Any = False) -> str:
    """A date field in words at its precision: "13 septembre 2023", "septembre 2023", "2023",
    "du 15 au 17 janvier 2024"; "vers …" when approximate; "date non précisée" when there is
    none; a value that does not parse as written."""
    if not value:
        return NO_DATE
    t = parse(value)
    if t is None:
        return str(value)
    return f"vers {t.french()}" if approximate else t.french()


def date_reported(value: Any) -> str:
    """When something came out: "le 21 janvier 2024", "en janvier 2024", "en 2024", "du … au …"."""
    t = parse(value)
    if t is None:
        return date(value)
    prefix = "" if t.is_interval else "le " if t.precision == "day" else "en "
    return prefix + t.french()


MONTHS_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]


def month(d: dt.date, *, short: bool = False) -> str:
    """The month of a date: "janvier 2024"; ``short``: "janv. 2024" (an axis tick)."""
    return f"{(MONTHS_SHORT if short else MONTHS_FR)[d.month - 1]} {d.year}"


def years(first: dt.date, last: dt.date) -> str:
    """The years of a span: "en 2024", "de 2023 à 2024"."""
    return f"en {first.year}" if first.year == last.year else f"de {first.year} à {last.year}"
