"""Dates at the precision the text gives: a year, a month, a day or an interval.

``Temporal.parse("2024-01-15/2024-01-17")`` checks the calendar and the order of
the bounds; ``.french()`` writes it as the site shows it ("du 15 au 17 janvier
2024"), never more precise than the source (wording.date is the site's one wrapper:
"vers …", "date non précisée").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

MONTHS_FR = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]

_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Years a date of this dataset can have: the first Russian-Korean treaties are of the 1860s,
# and a year outside these bounds is a typo (0224 for 2024) or year 0, which no calendar has.
MIN_YEAR, MAX_YEAR = 1800, 2199


class TemporalError(ValueError):
    def __init__(self, message: str, fix: str | None = None):
        super().__init__(message)
        self.message = message
        self.fix = fix


@dataclass(frozen=True, order=True)
class Point:
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        if self.day and self.month:
            return dt.date(self.year, self.month, self.day)
        if self.month:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, 12, 31)

    def iso(self) -> str:
        s = f"{self.year:04d}"
        if self.month:
            s += f"-{self.month:02d}"
        if self.day:
            s += f"-{self.day:02d}"
        return s

    def french(self) -> str:
        if self.day and self.month:
            day = "1\u1d49\u02b3" if self.day == 1 else str(self.day)
            return f"{day} {MONTHS_FR[self.month - 1]} {self.year}"
        if self.month:
            return f"{MONTHS_FR[self.month - 1]} {self.year}"
        return str(self.year)

    @classmethod
    def parse(cls, text: str) -> Point:
        m = _POINT.match(text)
        if not m:
            raise TemporalError(f"'{text}' is not an ISO date.", suggest(text))
        year = int(m[1])
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise TemporalError(
                f"'{text}': the year {m[1]} is out of range (dates run from {MIN_YEAR} to {MAX_YEAR}).",
                "check the year in the article (a typo such as 0224 for 2024?).",
            )
        if month is not None and not 1 <= month <= 12:
            raise TemporalError(f"'{text}': there is no month {month}.", "months run from 01 to 12.")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise TemporalError(
                    f"'{text}' is not a real date: {year}-{month:02d} has {last} days.", "check the day in the article."
                )
        return cls(year, month or None, day or None)


@dataclass(frozen=True)
class Temporal:
    start: Point
    end: Point | None = None  # set only for an interval

    @classmethod
    def parse(cls, text: str) -> Temporal:
        """The value of a date field (raises TemporalError). Values are immutable: the same text
        gives the same object, parsed once (pages and charts read each date many times)."""
        if cls is Temporal and isinstance(text, str):
            return _parse_cached(text)
        return cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> Temporal:
        text = str(text).strip()
        if "/" in text:
            a, _, b = text.partition("/")
            try:
                start, end = Point.parse(a), Point.parse(b)
            except TemporalError as exc:
                if _POINT.match(a) and _POINT.match(b):
                    raise
                raise TemporalError(f"'{text}' is not an ISO date or interval.", suggest(text)) from exc
            if end.last < start.first or (end.first < start.first):
                raise TemporalError(f"the interval '{text}' ends before it starts.", "swap the two dates.")
            if start == end:
                raise TemporalError(f"the interval '{text}' starts and ends on the same date.", f"write just '{a}'.")
            return cls(start, end)
        return cls(Point.parse(text))

    @property
    def is_interval(self) -> bool:
        return self.end is not None

    @property
    def precision(self) -> str:
        """year, month or day: the finest precision of the bounds."""
        if self.end is None:
            return self.start.precision
        order = ["year", "month", "day"]
        return max(self.start.precision, self.end.precision, key=order.index)

    @property
    def first(self) -> dt.date:
        return self.start.first

    @property
    def last(self) -> dt.date:
        return (self.end or self.start).last

    def iso(self) -> str:
        return self.start.iso() + (f"/{self.end.iso()}" if self.end else "")

    def sort_key(self) -> tuple:
        """Chronological order for lists: by the last day the value covers, then the first.

        A coarse value comes after the precise ones it contains: "15 janvier 2024",
        then "janvier 2024", then "2024".
        """
        return (self.last, self.first)

    def french(self) -> str:
        s, e = self.start, self.end
        if e is None:
            return s.french()
        if s.precision == e.precision == "day":
            if (s.year, s.month) == (e.year, e.month):
                first = "1\u1d49\u02b3" if s.day == 1 else str(s.day)
                return f"du {first} au {e.day} {MONTHS_FR[(e.month or 1) - 1]} {e.year}"
            if s.year == e.year:
                first = "1\u1d49\u02b3" if s.day == 1 else str(s.day)
                return f"du {first} {MONTHS_FR[(s.month or 1) - 1]} au {e.french()}"
            return f"du {s.french()} au {e.french()}"
        if s.precision == e.precision == "month":
            first = MONTHS_FR[(s.month or 1) - 1] if s.year == e.year else s.french()
            return f"de {first} à {e.french()}"
        if s.precision == e.precision == "year":
            return f"de {s.year} à {e.year}"
        return f"entre {s.french()} et {e.french()}"


_MONTH_INDEX = {m: i + 1 for i, m in enumerate(MONTHS_FR)}
_MONTH_INDEX.update({"fevrier": 2, "aout": 8, "decembre": 12})


def suggest(text: str) -> str:
    """A fix for a date written in words or in another order."""
    t = str(text).strip().lower()
    m = re.fullmatch(r"(?:le\s+)?(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})", t)
    if m and m[2] in _MONTH_INDEX:
        return f"write it as {int(m[3]):04d}-{_MONTH_INDEX[m[2]]:02d}-{int(m[1]):02d}."
    m = re.fullmatch(r"(?:en\s+)?([a-zéû]+)\s+(\d{4})", t)
    if m and m[1] in _MONTH_INDEX:
        return f"write it as {int(m[2]):04d}-{_MONTH_INDEX[m[1]]:02d}."
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", t)
    if m:
        return f"write it as {m[3]}-{int(m[2]):02d}-{int(m[1]):02d} (year-month-day)."
    return "use YYYY, YYYY-MM, YYYY-MM-DD or START/END (e.g. 2024-01-15/2024-01-17)."


@functools.lru_cache(maxsize=1 << 16)
def _parse_cached(text: str) -> Temporal:
    return Temporal._parse(text)
