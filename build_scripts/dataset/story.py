"""How the records tell the story: encounters counted once, statuses as of a date, outcomes.

In: the published records of a Dataset (events, context) and its articles.
Out: plain lists and dicts that the pages, the charts and the tests share, so that a figure
of the home page and the list behind it are counted by the same function:

- ``encounters``: the summits, meetings and visits that are not part of another one. A visit
  with its talks, banquet and tours is ONE encounter; its parts (``part_of``) hang under it.
- ``as_of``: a status is what an article said on its publication day; the latest article
  that reports the event gives that day.
- ``outcomes`` / ``context_for``: the records of data/context.yaml ("hors corpus") that say
  what became of an event, or that throw light on it. They never count in corpus figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from build_scripts.dataset.records import Dataset
from build_scripts.dataset.temporal import Temporal, TemporalError

MEETING_KINDS = ("summit", "meeting", "visit")
# Encounters dated from this year on are those of the period the corpus covers; older ones
# (the 2000 visit, the 2019 summit) are reminders the articles give, listed apart.
PERIOD_START_YEAR = 2023


def temporal(value: Any) -> Temporal | None:
    try:
        return Temporal.parse(str(value)) if value else None
    except (TemporalError, TypeError):
        return None


def sort_key(record: dict[str, Any]) -> tuple[int, tuple[Any, ...]]:
    """Dated records first, in time order; undated ones last."""
    t = temporal(record.get("date"))
    return (0, t.sort_key()) if t else (1, ())


def is_meeting(record: dict[str, Any]) -> bool:
    return record.get("kind") in MEETING_KINDS


def encounter_of(record: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The encounter a record belongs to: its highest ancestor (part_of) that is a meeting, or itself."""
    top, seen = record, {record.get("id")}
    parent = by_id.get(record.get("part_of") or "")
    while parent is not None and parent.get("id") not in seen:
        seen.add(parent.get("id"))
        if is_meeting(parent):
            top = parent
        parent = by_id.get(parent.get("part_of") or "")
    return top


def encounters(records: list[dict[str, Any]], by_id: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The meetings, summits and visits that are not part of another one, in time order."""
    by_id = by_id if by_id is not None else {r["id"]: r for r in records if isinstance(r.get("id"), str)}
    return sorted(
        (r for r in records if is_meeting(r) and encounter_of(r, by_id) is r),
        key=sort_key,
    )


def parts(record: dict[str, Any], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records that are directly part of this one, in time order."""
    return sorted((r for r in records if r.get("part_of") == record.get("id")), key=sort_key)


def in_period(record: dict[str, Any]) -> bool:
    t = temporal(record.get("date"))
    return t is not None and t.start.year >= PERIOD_START_YEAR


@dataclass(frozen=True)
class Tally:
    """The encounters of the corpus, by what the articles said of them."""

    held: list[dict[str, Any]]  # took place, in the period of the corpus
    announced: list[dict[str, Any]]  # planned or proposed when the articles were published
    reminders: list[dict[str, Any]]  # took place before the period (the articles recall them)
    other: list[dict[str, Any]]  # alleged, cancelled, or without a status

    @property
    def held_span(self) -> tuple[Temporal, Temporal] | None:
        dated = [t for t in (temporal(e.get("date")) for e in self.held) if t]
        if not dated:
            return None
        return min(dated, key=lambda t: (t.first, t.last)), max(dated, key=lambda t: (t.last, t.first))


def tally(events: list[dict[str, Any]]) -> Tally:
    held: list[dict[str, Any]] = []
    announced: list[dict[str, Any]] = []
    reminders: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for e in encounters(events):
        status = e.get("status")
        if status == "held":
            (held if in_period(e) else reminders).append(e)
        elif status in ("planned", "proposed"):
            announced.append(e)
        else:
            other.append(e)
    return Tally(held, announced, reminders, other)


def as_of(event: dict[str, Any], articles: dict[str, Any]) -> tuple[str, str] | None:
    """(article id, publication date) of the latest article that reports the event: the day its
    status was true. None when no source article is known.

    Articles are ordered by the first day their date allows: an article dated "2024" only is
    not taken as later than one of "2024-02", which says more."""
    dated = []
    for s in event.get("sources") or []:
        art = articles.get(s.get("article"))
        if art is None:
            continue
        t = temporal(art.published)
        if t is not None:
            dated.append(((t.first, t.last), art.id, art.published))
    if not dated:
        return None
    _key, art_id, published = max(dated)
    return art_id, published


def outcomes(ds: Dataset, event_id: str) -> list[dict[str, Any]]:
    """The context records that say what became of an event."""
    return sorted((c for c in ds.published("context") if event_id in (c.get("outcome_of") or [])), key=sort_key)


def context_for(ds: Dataset, event_id: str) -> list[dict[str, Any]]:
    """The context records that throw light on an event (not its outcome)."""
    return sorted((c for c in ds.published("context") if event_id in (c.get("context_for") or [])), key=sort_key)


def checked(ds: Dataset) -> str | None:
    """The latest day the context records were checked: the site is "à jour" at that date."""
    days = [str(c["checked"]) for c in ds.published("context") if c.get("checked")]
    return max(days) if days else None


def latest_context(ds: Dataset) -> dict[str, Any] | None:
    dated = [(t.sort_key(), c) for c in ds.published("context") if (t := temporal(c.get("date")))]
    return max(dated, key=lambda kc: kc[0])[1] if dated else None  # the first of the latest, as max gives
