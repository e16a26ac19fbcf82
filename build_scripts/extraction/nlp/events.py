"""Events drafted from sentences: a trigger word, plus a date and/or actors.

Kind comes from the trigger (sommet -> summit, entretiens -> meeting, se rendre
-> visit, lettres -> letter, accord -> agreement, invitation -> invitation,
anniversaire -> anniversary...); one event per kind and sentence.

Status (meetings, summits, visits, and any kind where the words say it):
cancelled ("annulé"), alleged (conditional past: "aurait fourni"), planned
(future, "devrait se rendre", "aura lieu", "sera signé", "prévu", "si elle a
lieu", "n'aurait pas lieu avant"), proposed ("a invité", "a proposé",
"invitation"), held (past tenses, "s'est rendu", "a eu lieu"); the present of
a news caption counts as held.

Date: the date mention of the sentence closest to the trigger, at the
precision it has; none -> null with date_note "à préciser". Place: the first
registry place named after a locative preposition (à, au, en, dans...).
Actors: registry or proposed actors of the sentence outside quotes, media and
places excluded.

``merge_events`` joins records of the same fact (same kind, compatible dates,
overlapping actors) into one event with several sources. Ids are stable slugs
of kind, date and main actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.dataset import wording
from build_scripts.dataset.ids import slug
from build_scripts.extraction.nlp.actors import Mention
from build_scripts.extraction.nlp.model import Sentence, quote_spans
from build_scripts.extraction.nlp.quotes import VERB, is_inverted

TRIGGERS: list[tuple[str, str]] = [
    ("summit", r"sommets?"),
    (
        "meeting",
        r"rencontres?|rencontr(?:é|ée|és|ées|ait|aient|er|era|eront|ent)|rencontre|entretiens?|"
        r"s[’'](?:est|était|sont) entretenus?|s[’']entretien(?:t|nent|dra|dront)|s[’']entretenir|"
        r"pourparlers|réunions?|négociations|discussions|reçu|reçue|recevoir|recevra|a reçu|avait reçu",
    ),
    (
        "visit",
        r"visites?|visit(?:é|er|era|eront|ait)|tournée|voyages?|se rend(?:ra|re|ront)?|s[’']est rendue?|"
        r"s[’']étai(?:t|ent) rendue?s?|se sont rendus|s[’']y rendre|se rendait",
    ),
    ("letter", r"lettres?|messages? de félicitations|a écrit à|échangé des messages"),
    ("agreement", r"accords?|traités?|sign(?:é|ée|és|ées|er|era|eront|ent)|protocole"),
    ("invitation", r"invitations?|invit(?:é|ée|és|er|era|e|ait)"),
    ("anniversary", r"anniversaire"),
    ("sanctions", r"sanctions"),
    ("establishment", r"établissement des relations|établir des relations"),
    ("inauguration", r"inaugur(?:é|ée|és|ation|era)"),
    (
        "military",
        r"livraisons? d[’']armes|fourni(?:r|ssent|t)? (?:des |la )?(?:armes|missiles|munitions|obus)|"
        r"aurait fourni|opération militaire|exercices? militaires?|tirs? de missiles?",
    ),
]
TRIGGER_RE = [(kind, re.compile(rf"(?<![\w\-])(?:{pat})(?![\w\-])", re.I)) for kind, pat in TRIGGERS]
NEEDS_STATUS = {"summit", "meeting", "visit"}

CANCELLED = re.compile(r"\bannul(?:é|ée|és|ées|er|ation)\b|\breport(?:é|ée)\s+sine die", re.I)
ALLEGED = re.compile(
    r"\b(?:aurait|auraient)\s+(?!lieu\b)(?:\w+\s+)?(?:[a-zéèêàâîôûç]+(?:é|i|u|is|it|ert|ent)e?s?)\b", re.I
)
PLANNED = re.compile(
    r"\b(?:devrai(?:t|ent)|doi(?:t|vent)|devra|devront|aura lieu|auront lieu|sera|seront|se tiendra|se tiendront|"
    r"prévue?s?|envisag(?:é|ée|e)|à venir|prochaine(?:ment)?|n[’']aurait pas lieu|si elle a lieu|si il a lieu|"
    r"s[’']il a lieu|se rendra|rendra|ira|iront|compte se rendre|(?:en|de) préparation|"
    r"pas encore été fixée?|dans un avenir proche)\b",
    re.I,
)
PROPOSED = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:\w+\s+)?(?:invité|proposé|suggéré)|\binvitation\b|\bproposition\b|"
    r"\binvit(?:e|ent)\b|\bpropos(?:e|ent)\b",
    re.I,
)
HELD = re.compile(
    r"\b(?:a|ont|avait|avaient|est|sont|s[’']est|se sont|s[’']était)\s+(?:\w+\s+)?(?:eu|tenu|tenue|rendue?s?|"
    r"déroulée?s?|rencontrés?|entretenus?|effectué|reçu|visité|signé|échangé|conduit|accueilli|"
    r"participé|conclu|confirmée?)\b|\beu lieu\b|\bs[’']est tenue?\b",
    re.I,
)
LOCATIVE = re.compile(
    r"(?:\b(?:à|au|aux|en|dans|sur|vers|depuis|devant)\b|\bd[’']|\bde)[\s\u00a0]+(?:l[’']|la[\s\u00a0]+|le[\s\u00a0]+)?$",
    re.I,
)


@dataclass
class DateRef:
    start: int
    end: int
    text: str
    value: str
    approximate: bool = False
    note: str | None = None


def date_note(date: DateRef) -> str:
    return f"d'après « {date.text} »" + (f" : {date.note}" if date.note else "")


# "n'a pas rencontré", "ne s'est jamais rendu", "n'a pas assisté aux discussions": the fact did not happen.
NEGATION = re.compile(
    r"(?<![\w\-])(?:ne|n[’'])[\s\u00a0]*(?:[^\s,;:.]+[\s\u00a0]+){0,2}?(?:pas|jamais|plus|guère|point)"
    r"(?:[\s\u00a0]+[^\s,;:.]+){0,3}[\s\u00a0]+$",
    re.I,
)
# "a invité X à se rendre à Moscou": the visit is what was proposed.
INVITED_TO = re.compile(
    r"\binvit(?:é|ée|és|ées|e|ent|ait|aient|era)\b[^;!?«»]{0,80}?\bà[\s\u00a0]+"
    r"(?:se[\s\u00a0]+rendre|venir|visiter|effectuer)",
    re.I,
)


RELATIVE_CLAUSE = re.compile(r"^[\s\u00a0]*(?:qui|où|dont|lequel|laquelle|lesquels|lesquelles)\b", re.I)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of text between commas and semicolons (the separator excluded)."""
    cuts = [m.start() for m in re.finditer(r"[,;]", text)]
    return list(zip([0] + [c + 1 for c in cuts], cuts + [len(text)]))


def clause_at(segments: list[tuple[int, int]], pos: int) -> int:
    """Index of the clause holding offset pos (a separator counts with the clause it closes)."""
    return next((i for i, (_a, b) in enumerate(segments) if pos <= b), len(segments) - 1)


def own_clauses(text: str, at: int) -> str:
    """The sentence as its trigger's status should read it, blanked elsewhere (offsets kept).

    "Kim, qui avait reçu Poutine en 2000, se rendra à Moscou": the meeting ("reçu") reads only its
    relative clause (past: held); the visit ("se rendra") reads the sentence without it (future).
    """
    segments = clauses(text)
    mine = segments[clause_at(segments, at)]
    blank = lambda a, b: " " * (b - a)  # noqa: E731
    if RELATIVE_CLAUSE.match(text[mine[0] : mine[1]]):
        return blank(0, mine[0]) + text[mine[0] : mine[1]] + blank(mine[1], len(text))
    out = list(text)
    for a, b in segments:
        if (a, b) != mine and RELATIVE_CLAUSE.match(text[a:b]):
            out[a:b] = blank(a, b)
    return "".join(out)


def negated(before: str) -> bool:
    """Is the trigger that follows ``before`` (the sentence up to it) under a negation of its clause?"""
    return bool(NEGATION.search(before[-80:]))


def status_of(text: str, sent: Sentence | None, kind: str, at: int | None = None) -> str:
    """Status of the event whose trigger starts at ``at`` (offset in text, when known)."""
    if CANCELLED.search(text):
        return "cancelled"
    if kind == "visit" and at is not None and any(m.start() <= at < m.end() for m in INVITED_TO.finditer(text)):
        return "proposed"
    if PLANNED.search(text) and not HELD.search(text.split(",")[0] if kind == "invitation" else ""):
        if re.search(r"n[’']aurait pas lieu|pas encore été fixée?", text, re.I):
            return "planned"
        if not ALLEGED.search(text):
            return "planned"
    if ALLEGED.search(text):
        return "alleged"
    future = False
    if sent is not None and sent.doc is not None:
        for tok in sent.doc:
            if (
                tok.pos_ in ("VERB", "AUX")
                and "Fut" in tok.morph.get("Tense")
                and text[tok.idx : tok.idx + len(tok.text)].strip()
            ):  # a blanked clause does not count
                future = True
    if future:
        return "planned"
    if kind != "invitation" and PROPOSED.search(text) and not HELD.search(text):
        return "proposed"
    return "held"


FUTURE_MODALS = {"devoir", "aller", "prévoir", "compter", "envisager", "projeter"}


def future_at(sent: Sentence, pos: int) -> bool:
    """Is the date mention at ``pos`` (offset in the article) in a clause about what is to come?

    The finite verb nearest before it (else the first after it, "Mardi, il se rendra ...") decides:
    a future ("signeront vendredi"), or a modal of intention with an infinitive ("doit rencontrer
    ... mercredi", "devrait avoir lieu dès mardi"). A report ("a annoncé mardi que ...") is not.
    """
    if sent.doc is None:
        return False
    at = pos - sent.start
    finite = [t for t in sent.doc if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")]
    before = [t for t in finite if t.idx < at]
    verb = before[-1] if before else next((t for t in finite if t.idx > at), None)
    if verb is None:
        return False
    if "Fut" in verb.morph.get("Tense"):
        return True
    if verb.lemma_.lower() in FUTURE_MODALS and verb.i + 1 < len(sent.doc):
        nxt = next((t for t in sent.doc[verb.i + 1 : verb.i + 4] if t.pos_ in ("VERB", "AUX")), None)
        return nxt is not None and "Inf" in nxt.morph.get("VerbForm")
    return False


SAYING = re.compile(
    r"(?:déclar|dit$|affirm|soulign|indiqu|annonc|évoqu|mentionn|inform|précis|expliqu|rapport|estim|"
    r"assur|ajout|not[ée]|confirm|révél|jug[ée]|qualifi|dénonc|réagi|démenti|ni[ée])",
    re.I,
)
# "Selon KCNA, ..." and "..., selon le Kremlin.": who reports, not who takes part
REPORT_VERB_THAT = re.compile(r"(?:[Ss]elon|[Dd][’']après)[\s\u00a0][^,.;]*(?:,|[.;!?]?\s*$)")
# "Iouri Ouchakov, conseiller du Kremlin, a annoncé ...": the subject and its apposition come first
APPOSED_SUBJECT = re.compile(r"^\s*[^,;:«»“”\"]+,[^,;:«»“”\"]+,\s*$")


def reporting_spans(sent: Sentence) -> list[tuple[int, int]]:
    """Where the sentence names who reports ("Selon X,", "X a indiqué que"): not the event's actors."""

    out = []
    for m in REPORT_VERB_THAT.finditer(sent.text):
        out.append((sent.start + m.start(), sent.start + m.end()))
    for m in VERB.finditer(sent.text):
        after = sent.text[m.end() :].lstrip(" \u00a0")
        inverted = is_inverted(sent.text[: m.start()], after)
        if inverted and APPOSED_SUBJECT.match(sent.text[: m.start()]):
            out.append((sent.start, sent.start + m.end()))  # "X, <apposition>, a annoncé la visite de Y"
            continue
        if not inverted and (re.match(r"(?:que|qu[’']|:)", after) or SAYING.search(m.group(0))):
            clause = max(sent.text.rfind(",", 0, m.start()), sent.text.rfind(";", 0, m.start()), -1) + 1
            if not sent.text[clause : m.start()].strip():
                clause = 0
            out.append((sent.start + clause, sent.start + m.end()))
        elif inverted:  # "…, a indiqué X."
            end = re.search(r"[,.;]|$", sent.text[m.end() :])
            out.append((sent.start + m.start(), sent.start + m.end() + end.start()))
    return out


def _unknown_place(registry, sent: Sentence, spans) -> str | None:
    """A place the sentence names after a locative preposition ("à Singapour") that data/places.yaml
    does not know: spaCy's LOC entities, outside quotes."""
    if sent.doc is None:
        return None
    for ent in sent.doc.ents:
        if ent.label_ != "LOC":
            continue
        at = sent.start + ent.start_char
        name = ent.text.strip(" \u00a0,.;:")
        if any(s <= at < e for s, e in spans) or len(name) < 3 or not name[0].isupper():
            continue
        if registry.find_places(name) or registry.find(name):
            continue  # a known place, or a country the registry holds as an actor
        if LOCATIVE.search(sent.text[: ent.start_char]):
            return name
    return None


def _place(registry, sent: Sentence, spans) -> str | None:
    for a, _b, pid in registry.find_places(sent.text, sent.start):
        if any(s <= a < e for s, e in spans):
            continue
        before = sent.text[: a - sent.start]
        if LOCATIVE.search(before):
            return pid
    return None


PRONOUN_START = re.compile(r"^[\s\u00a0]*(?:Il|Elle)\b(?![\s\u00a0]+(?:y[\s\u00a0]+a|faut|semble|s[’']agit)\b)")
REFERENCE_POINT = re.compile(r"\b(?:depuis|jusqu['’]\s*(?:à|au|en))\s+(?:(?:le|la|les|l['’])\s*)?$", re.I)


def sentence_events(
    body: str,
    article_id: str,
    sent: Sentence,
    mentions: list[Mention],
    dates: list[DateRef],
    registry,
    published: str,
    redate=None,
    previous_person: str | None = None,
) -> list[dict]:
    """Events of one sentence. ``redate(date, tense)`` resolves a date mention again with a tense hint
    ("past" or "future"): "doit rencontrer … jeudi" is next Thursday, not the last one.
    ``previous_person``: the person the previous sentence was about, for a sentence whose subject is
    "Il" or "Elle" ("Il s'est rendu à Pyongyang, où il a rencontré Kim": he is the visitor)."""
    spans = quote_spans(body, sent.start, sent.end)
    outside = lambda a: not any(s <= a < e for s, e in spans)  # noqa: E731
    found: dict[str, int] = {}
    for kind, rx in TRIGGER_RE:
        for m in rx.finditer(sent.text):
            at = sent.start + m.start()
            if outside(at) and not negated(sent.text[: m.start()]):
                found.setdefault(kind, at)
                break
    if not found:
        return []
    # "lors du sommet" / "au cours de la visite": a summit that hosts a visit and a meeting
    # is one fact for the reader; keep summit over meeting when both appear.
    if "summit" in found:
        found.pop("meeting", None)
    reporting = reporting_spans(sent)
    actors: list[str] = []
    for m in mentions:
        if not outside(m.start) or m.kind == "media" or any(a <= m.start < b for a, b in reporting):
            continue
        before = body[sent.start : m.start]
        if m.kind != "person" and LOCATIVE.search(before):
            continue  # "en Russie", "au Kremlin": where, not who
        if m.actor not in actors:
            actors.append(m.actor)
    if (
        previous_person
        and PRONOUN_START.match(sent.text)
        and previous_person not in actors
        and not any(a <= sent.start + PRONOUN_START.match(sent.text).end() - 1 < b for a, b in reporting)
    ):
        # ("Il estime que ce sommet ...": the one who speaks is no participant)
        actors.insert(0, previous_person)  # "Il" is the subject: the others named are complements
    persons = [a for a in actors if (registry.kind(a) or "person") == "person"]
    # "la première depuis 2000", "jusqu'en 2019": a reference point of a duration, not when the fact happens
    sent_dates = [
        d
        for d in dates
        if sent.start <= d.start < sent.end
        and outside(d.start)
        and not REFERENCE_POINT.search(body[max(sent.start, d.start - 24) : d.start])
        and not re.match(r"depuis\b", d.text, re.I)
    ]
    place = _place(registry, sent, spans)
    unknown_place = None if place else _unknown_place(registry, sent, spans)
    # A date belongs to the nearest trigger of its own clause ("qui avait reçu X en 2000, se rendra ..."),
    # else to the nearest one of the sentence.
    segments = clauses(sent.text)

    def clause(pos: int) -> int:
        return clause_at(segments, pos - sent.start)

    def owner(pos: int) -> int:
        mine = [t for t in found.values() if clause(t) == clause(pos)]
        return min(mine or found.values(), key=lambda t: abs(pos - t))

    out = []
    for kind, at in sorted(found.items(), key=lambda kv: kv[1]):
        if not actors and (kind in NEEDS_STATUS or not sent_dates):
            continue  # a meeting or a visit without anyone named is no draft worth reviewing
        if kind == "meeting" and len(actors) < 2:
            continue  # a meeting has two sides: "ses discussions franches" with one name is no meeting to date
        # A date belongs to the trigger nearest to it ("visiter le cosmodrome, inauguré en 2016": 2016 is
        # the inauguration's), and must agree with the tense: nothing planned happened before publication.
        owned = [d for d in sent_dates if owner(d.start) == at]
        # "s'est rendu à Pyongyang le 19 juin, où il a rencontré Kim": one date for both facts of the
        # sentence, unless the tense says otherwise (checked below).
        shared = not owned and len(sent_dates) == 1 and kind in NEEDS_STATUS
        if shared:
            owned = list(sent_dates)
        date = min(owned, key=lambda d: abs(d.start - at)) if owned else None
        if date is not None and date.value:
            # "En 2023, le sommet ... s'est tenu le 13 septembre": the finer date inside the year is the fact's.
            inner = [
                d for d in owned if d.value and d is not date and _within(d.value, date.value) and d.value != date.value
            ]
            if inner:
                date = max(inner, key=lambda d: len(d.value.split("/")[0]))
        rec = {
            "kind": kind,
            "date": date.value if date else None,
            "date_note": date_note(date) if date else "à préciser",
            "actors": actors,
            "place": place,
            "_main": (persons or actors or [None])[0],
            "article": article_id,
            "excerpt": sent.text,
            "_start": at,
        }
        if date is not None and date.approximate:
            rec["date_approximate"] = True
        if unknown_place and kind in NEEDS_STATUS:
            rec["note"] = (
                f"Lieu nommé par l'article mais absent de data/places.yaml\u00a0: «\u00a0{unknown_place}\u00a0». "
                "Ajoutez-le, puis renseignez place."
            )
        if kind in NEEDS_STATUS or kind in ("agreement", "military"):
            masked = "".join(" " if not outside(sent.start + i) else ch for i, ch in enumerate(sent.text))
            status = status_of(own_clauses(masked, at - sent.start), sent, kind, at - sent.start)
            if date is not None and published and redate is not None:
                when, pub = _span(date.value), _span(published)
                tense = (
                    "future"
                    if status == "planned" and when[1] < pub[0]
                    else ("past" if status == "held" and when[0] > pub[1] else None)
                )
                again = redate(date, tense) if tense else None
                if again is not None and again.value:
                    date = again
                    rec["date"] = date.value
                    rec["date_note"] = date_note(date)
            if shared and date is not None and published:
                when, pub = _span(date.value), _span(published)
                if (status == "planned" and when[1] < pub[0]) or (status == "held" and when[0] > pub[1]):
                    date = None  # the sentence's date is the other fact's: "qui avait reçu X en 2000, ira ..."
                    rec["date"], rec["date_note"] = None, "à préciser"
                    rec.pop("date_approximate", None)
            if date is not None and published:
                when, pub = _span(date.value), _span(published)
                if status == "planned" and when[1] < pub[0]:
                    status = "held"  # dated before the article: it has happened (or the date is another fact's)
                elif status == "held" and when[0] > pub[1]:
                    status = "planned"
            rec["status"] = status
        out.append(rec)
    return out


def _span(value: str) -> tuple[str, str]:
    """A temporal value as an (earliest day, latest day) pair of ISO strings."""
    first, _, last = value.partition("/")
    last = last or first
    pad_lo = {4: "-01-01", 7: "-01", 10: ""}
    pad_hi = {4: "-12-31", 7: "-31", 10: ""}
    return first + pad_lo.get(len(first), ""), last + pad_hi.get(len(last), "")


def _within(inner: str, outer: str) -> bool:
    (i1, i2), (o1, o2) = _span(inner), _span(outer)
    return o1 <= i1 and i2 <= o2


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    (a1, a2), (b1, b2) = _span(a), _span(b)
    return a1 <= b2 and b1 <= a2


def _more_precise(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a.split("/")[0]) >= len(b.split("/")[0]) else b


def merge_events(records: list[dict], names: dict[str, str], countries: dict[str, str] | None = None) -> list[dict]:
    """Join records of the same fact; give each event its id, title and sources.

    Same fact: same kind (a summit absorbs meetings), overlapping dates, and a common actor, a
    person's country counting as that state ("Vladimir Poutine" meets "Russie"). Undated records
    merge only within one article and with the same actors.
    """
    countries = countries or {}

    def widen(actors):
        return set(actors) | {countries[a] for a in actors if countries.get(a)}

    events: list[dict] = []
    for r in records:
        target = None
        for e in events:
            if e["kind"] != r["kind"] and {e["kind"], r["kind"]} != {"summit", "meeting"}:
                continue
            if r["date"] is None and e["date"] is None:
                if (
                    r["actors"]
                    and set(r["actors"]) == set(e["actors"])
                    and r["article"] in {s["article"] for s in e["sources"]}
                ):
                    target = e
                    break
                # A visit or meeting still to come, by the same person to the same place, is one fact
                # however many articles announce it ("la visite attendue de Poutine à Pyongyang").
                if (
                    r.get("status") in ("planned", "proposed")
                    and r.get("status") == e.get("status")
                    and r.get("place")
                    and r.get("place") == e.get("place")
                    and r.get("_main")
                    and r.get("_main") == e.get("_main")
                ):
                    target = e
                    break
                continue
            shared = (
                set(e["actors"]) & set(r["actors"])
                or widen(e["actors"]) & set(r["actors"])
                or set(e["actors"]) & widen(r["actors"])
            )
            if _dates_compatible(e["date"], r["date"]) and (shared or (not e["actors"] and not r["actors"])):
                target = e
                break
        source = {"article": r["article"], "excerpt": r["excerpt"]}
        if target is None:
            e = {k: v for k, v in r.items() if k not in ("article", "excerpt", "_start")}
            e["actors"] = list(r["actors"])
            e["sources"] = [source]
            events.append(e)
            continue
        if source not in target["sources"]:
            target["sources"].append(source)
        if r["kind"] == "summit":  # entretiens at a summit are the summit
            target["kind"] = "summit"
        for a in r["actors"]:
            if a not in target["actors"]:
                target["actors"].append(a)
        better = _more_precise(target["date"], r["date"])
        if better != target["date"]:
            target["date"], target["date_note"] = better, r["date_note"]
            if r.get("date_approximate"):
                target["date_approximate"] = True
        target["place"] = target.get("place") or r.get("place")
        if not target["place"] and r.get("note") and not target.get("note"):
            target["note"] = r["note"]
        if target.get("_main") is None:
            target["_main"] = r.get("_main")
    taken: set[str] = set()
    out = []
    for e in events:
        base = slug(f"{e['kind']}-{e['date'] or 'sans-date'}-{e.get('_main') or 'sans-acteur'}")
        eid, n = base, 2
        while eid in taken:
            eid, n = f"{base}-{n}", n + 1
        taken.add(eid)
        who = ", ".join(names.get(a, a) for a in e["actors"][:3])
        title = (wording.kind_label(e["kind"]) or e["kind"].capitalize()) + (f" : {who}" if who else "")
        rec = {"id": eid, "date": e["date"]}
        if e["date"] is None or not e["date_note"].startswith("d'après"):
            rec["date_note"] = e["date_note"]
        else:
            rec["date_note"] = e["date_note"]
        if e.get("date_approximate"):
            rec["date_approximate"] = True
        rec.update({"kind": e["kind"], "title": title, "actors": e["actors"], "place": e.get("place")})
        if "status" in e:
            rec["status"] = e["status"]
        if e.get("note"):
            rec["note"] = e["note"]
        rec["sources"] = e["sources"]
        rec["review"] = "draft"
        out.append(rec)
    return out
