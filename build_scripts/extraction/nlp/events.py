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

import datetime as dt
import re
from dataclasses import dataclass

from build_scripts.dataset import wording
from build_scripts.dataset.ids import slug
from build_scripts.extraction.nlp.actors import Mention
from build_scripts.extraction.nlp.dates import earlier_fact
from build_scripts.extraction.nlp.model import Sentence, quote_spans
from build_scripts.extraction.nlp.quotes import VERB, is_inverted

TRIGGERS: list[tuple[str, str]] = [
    ("summit", r"sommets?"),
    (
        "meeting",
        r"rencontres?|rencontr(?:é|ée|és|ées|ait|aient|er|era|eront|ent)|rencontre|entretiens?|"
        r"s[’'](?:est|était) entretenue?|se sont entretenu(?:e)?s|s[’']étaient entretenu(?:e)?s|se sont réuni(?:e)?s|s[’']entretien(?:t|nent|dra|dront)|s[’']entretenir|"
        r"pourparlers|réunions?|négociations|discussions|reçu|reçue|recevoir|recevra|a reçu|avait reçu|"
        r"reçoit|reçoivent|accueill(?:i|ie|is|ies|ir|e|ent|era|eront|ait)|retrouv(?:e|ent|era|eront|er)",
    ),
    (
        "visit",
        r"visites?|visit(?:é|er|era|eront|ait|e|ent)|tournée|voyages?|se rend(?:ra|re|ront)?|"
        r"s[’']est(?: (?:pourtant|déjà|aussi|ensuite|alors|également|finalement|notamment|enfin|même|récemment))? rendue?|"
        r"s[’']étai(?:t|ent) rendue?s?|se sont rendus|s[’']y rend(?:re|ra|ront|ait)|s[’']y (?:est|sont|était) rendue?s?|"
        r"se rendait|déplacements?|escales?|haltes?|"
        r"séjours?|(?:la|une|sa|leur|prochaine|future)[\s\u00a0]+venue|"
        # "est arrivé lundi à Pyongyang", "son arrivée à Moscou" (not "au pouvoir")
        r"(?:arrivée?s?|arrive|arrivent|arrivera|arriveront|arriver)(?=(?:[\s\u00a0]+[^\s.;,]+){0,4}?[\s\u00a0]+(?:à|en|au|aux|dans)"
        r"[\s\u00a0]+(?:la[\s\u00a0]+|l[’']|le[\s\u00a0]+)?(?-i:[A-ZÉ]))",
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
# "pourrait se rendre à Hanoï", "pourraient se rencontrer": a possibility, not yet a plan
POSSIBLE = re.compile(
    r"\bpourrai(?:t|ent)[\s\u00a0]+(?:(?:bien|aussi|même|alors|donc)[\s\u00a0]+)?(?:se[\s\u00a0]+|s[’'])?\w+(?:er|ir|re)\b",
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
    if POSSIBLE.search(text):
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


def tense_at(sent: Sentence, pos: int) -> str | None:
    """ "future", "past" or None: the time of the clause that holds the date mention at ``pos``
    (offset in the article).

    The finite verb nearest before it (else the first after it, "Mardi, il se rendra ...") decides:
    a future ("signeront vendredi") or a modal of intention with an infinitive ("doit rencontrer
    ... mercredi", "devrait se tenir dès jeudi") is about what is to come; a passé composé ("ont
    frappé vers le 10 mai"), an imparfait, a plus-que-parfait or a passé simple about what is past.
    """
    if sent.doc is None:
        return None
    at = pos - sent.start
    finite = [t for t in sent.doc if t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm")]
    before = [t for t in finite if t.idx < at]
    verb = before[-1] if before else next((t for t in finite if t.idx > at), None)
    if verb is None:
        return None
    tense = verb.morph.get("Tense")
    if "Fut" in tense:
        return "future"
    nxt = next((t for t in sent.doc[verb.i + 1 : verb.i + 4] if t.pos_ in ("VERB", "AUX")), None)
    if verb.lemma_.lower() in FUTURE_MODALS and nxt is not None and "Inf" in nxt.morph.get("VerbForm"):
        return "future"
    if "Imp" in tense or "Past" in tense:
        return "past"
    if verb.lemma_.lower() in ("avoir", "être") and nxt is not None and "Part" in nxt.morph.get("VerbForm"):
        return "past"  # passé composé
    return None


def future_at(sent: Sentence, pos: int) -> bool:
    """Is the date mention at ``pos`` in a clause about what is to come (see ``tense_at``)?"""
    return tense_at(sent, pos) == "future"


SAYING = re.compile(
    r"(?:déclar|dit$|affirm|soulign|indiqu|annonc|évoqu|mentionn|inform|précis|expliqu|rapport|estim|"
    r"assur|ajout|not[ée]|confirm|révél|jug[ée]|qualifi|dénonc|réagi|démenti|ni[ée]|exprim|condamn|"
    r"critiqu|appel|regrett|accus|inquiét)",
    re.I,
)
# "Selon KCNA, ..." and "..., selon le Kremlin.": who reports, not who takes part
REPORT_VERB_THAT = re.compile(r"(?:[Ss]elon|[Dd][’']après)[\s\u00a0](?:(?<![\w\-])MM?\.|[^,.;])*(?:,|[.;!?]?\s*$)")
# "Selon X, porte-parole du ministère, ...", "Selon X, l'ancien ambassadeur à Séoul, ...": the title that
# follows the one who reports
REPORTER_TITLE = re.compile(
    r"[\s\u00a0]*(?:(?:le|la|les)[\s\u00a0]+|l[’'])?(?:(?:ancien|ancienne|ex|haut|haute|vice|premier|première|"
    r"sous)[\s\u00a0\-]+)?(?:chef|cheffe|porte-parole|ministre|conseill\w*|ambassad\w*|direct\w*|président\w*|"
    r"secrétaire|responsable|diplomate|analyste|expert\w*|cherch\w*|professeur\w*|député\w*|sénat\w*|général|"
    r"représentant\w*|envoyé\w*|spécialiste|fondat\w*|commandant|officier|membre|juriste|économiste|politologue)"
    r"(?![\w\-])[^,;:«»“”\"]{0,120}?,"
)
# "Iouri Ouchakov, conseiller du Kremlin, a annoncé ...": the subject and its apposition come first
# (a name, then a short apposition: "Mme Ortiz, le ministre A et la ministre B sont tombés d'accord lundi, a
# précisé l'ambassade" is a list of subjects, no apposition)
APPOSED_SUBJECT = re.compile(
    r"^\s*(?:[^\s,;:«»“”\"]+\s+){0,5}[^\s,;:«»“”\"]+\s*,\s*[^\s,;:«»“”\"]+(?:\s+[^\s,;:«»“”\"]+){0,11}\s*,\s*$"
)


def reporting_spans(sent: Sentence) -> list[tuple[int, int]]:
    """Where the sentence names who reports ("Selon X,", "X a indiqué que"): not the event's actors."""

    out = []
    for m in REPORT_VERB_THAT.finditer(sent.text):
        end = m.end()
        title = REPORTER_TITLE.match(sent.text, end) if m.group(0).endswith(",") else None
        if title is not None and not re.match(
            r"(?:[Ss]elon|[Dd][’']après)[\s\u00a0]+(?:lui|elle|eux|elles)\b", m.group(0)
        ):
            end = title.end()  # "Selon X, chef du département Asie au ministère, ...": X's title too
        out.append((sent.start + m.start(), sent.start + end))
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
        elif inverted:  # "…, a indiqué X.", "…, a déclaré le porte-parole du Kremlin, Dmitri Peskov."
            rest = sent.text[m.end() :]
            stop = re.search(r"[,.;]", rest)
            cut = stop.start() if stop else len(rest)
            if len(rest.split()) <= 12 and not re.search(r"[;«»“”\"]", rest):
                cut = len(rest)
            out.append((sent.start + m.start(), sent.start + m.end() + cut))
    return out


def _places(registry, sent: Sentence, spans) -> list[tuple[int, str | None, str | None]]:
    """Every place the sentence names after a locative preposition, in order: (offset, registry id,
    name when data/places.yaml does not know it)."""
    out: list[tuple[int, str | None, str | None]] = []
    for a, _b, pid in registry.find_places(sent.text, sent.start):
        if not any(s <= a < e for s, e in spans) and LOCATIVE.search(sent.text[: a - sent.start]):
            out.append((a, pid, None))
    for at, name in _unknown_places(registry, sent, spans):
        out.append((at, None, name))
    return sorted(out, key=lambda p: p[0])


# (not "de": "le barrage de Sosnovka" names a site, not where the fact is)
UNKNOWN_PLACE_CUE = re.compile(
    r"\b(?:à|au|aux|en|dans|vers)[\s\u00a0]+(?:l[’']|la[\s\u00a0]+|le[\s\u00a0]+)?$",
    re.I,
)


def _unknown_places(registry, sent: Sentence, spans) -> list[tuple[int, str]]:
    """The places the sentence names after a locative preposition ("à Singapour") that data/places.yaml
    does not know: spaCy's LOC entities, outside quotes."""
    out: list[tuple[int, str]] = []
    if sent.doc is None:
        return out
    for ent in sent.doc.ents:
        if ent.label_ != "LOC":
            continue
        at = sent.start + ent.start_char
        name = ent.text.strip(" \u00a0,.;:")
        if any(s <= at < e for s, e in spans) or len(name) < 3 or not name[0].isupper():
            continue
        if registry.find_places(name) or registry.find(name):
            continue  # a known place, or a country the registry holds as an actor
        if UNKNOWN_PLACE_CUE.search(sent.text[: ent.start_char]):
            out.append((at, name))
    return out


# ("Il y a eu une rencontre", "il faut": no one; "Il y a été reçu", "Elle y a ...": the person)
PRONOUN_START = re.compile(
    r"^[\s\u00a0]*(?:Il(?![\s\u00a0]+(?:y[\s\u00a0]+a(?![\s\u00a0]+été)|faut|semble|s[’']agit)\b)|Elle)\b"
)
# "Ce dernier s'était rendu à Moscou", "la visite de ce dernier": the last person the previous sentence named
LAST_NAMED = re.compile(r"(?<![\w\-])(?:[Cc]e[\s\u00a0]+dernier|[Cc]ette[\s\u00a0]+dernière)(?![\w\-])")
# "Kim Jong Un l'avait alors reçu": the one the previous sentence was about
MET_HIM = re.compile(
    r"(?<![\w\-])(?:l[’']|le[\s\u00a0]+|la[\s\u00a0]+)(?:(?:a|avait|aura|ont|avaient|auront)[\s\u00a0]+"
    r"(?:\w+[\s\u00a0]+)?)?(?:reçue?|accueillie?|rencontrée?|recevra|accueillera|rencontrera|reçoit|accueille|rencontre)"
    r"(?![\w\-])",
    re.I,
)
# "la rencontre entre les deux hommes": the two people the previous sentence named
BOTH = re.compile(
    r"(?<![\w\-])(?:[Ll]es|[Dd]es|[Aa]ux)[\s\u00a0]+deux[\s\u00a0]+(?:hommes|femmes|dirigeants|dirigeantes|leaders|"
    r"présidents|chefs[\s\u00a0]+d[’']État|chefs[\s\u00a0]+d[’']Etat|ministres|responsables)(?![\w\-])"
)
REFERENCE_POINT = re.compile(r"\b(?:depuis|jusqu['’]\s*(?:à|au|en))\s+(?:(?:le|la|les|l['’])\s*)?$", re.I)
# "depuis son arrivée au pouvoir en 2011", "avant la cérémonie d'investiture en janvier": the date marks
# a reference point or a deadline inside that phrase, not when the sentence's fact happens
BOUND_PHRASE = re.compile(
    r"(?<![\w\-])(?:depuis|avant|jusqu['’][\s\u00a0]*(?:à|au|en))(?![\w\-])[^,;:.()«»]{0,60}$", re.I
)
# "… entre le président russe et Kim Jong Un": who a summit or a meeting brings together
BETWEEN = re.compile(r"[^.;:!?«»“”\"]{0,70}?(?<![\w\-])entre[\s\u00a0]+", re.I)
# "au terme de sa réunion avec la délégation", "après ses entretiens avec X": the one who speaks took part
MET_WITH = re.compile(
    r"(?:à[\s\u00a0]+l[’']issue|au[\s\u00a0]+terme|après|lors|à[\s\u00a0]+la[\s\u00a0]+suite|au[\s\u00a0]+cours)"
    r"[\s\u00a0]+(?:de[\s\u00a0]+|d[’'])?(?:ses|son|sa|leurs?|une|des|les|la|le|l[’'])[\s\u00a0]*"
    r"(?:entretiens?|rencontres?|discussions|pourparlers|réunions?|consultations|négociations)[\s\u00a0]+"
    r"(?:\w+[\s\u00a0]+){0,2}?avec\b",
    re.I,
)
FRAMING = re.compile(
    r"(?:lors|au[\s\u00a0]+cours|à[\s\u00a0]+l[’']occasion|pendant|durant|en[\s\u00a0]+marge)[\s\u00a0]+"
    r"(?:d[’']|de[\s\u00a0]+|du[\s\u00a0]+|des[\s\u00a0]+)(?:la[\s\u00a0]+|l[’']|une[\s\u00a0]+|sa[\s\u00a0]+|son[\s\u00a0]+|leur[\s\u00a0]+)?"
    r"(?:\w+[\s\u00a0]+)?$",
    re.I,
)
ALTERNATIVE = re.compile(r"(?<![\w\-])ou[\s\u00a0]+(?:en[\s\u00a0]+|le[\s\u00a0]+|à[\s\u00a0]+)?$", re.I)
# "(en 1984 et 1986)", "les 3 et 9 mai", "en 2001, 2011 et 2019": several dates, several facts
DATES_JOINED = re.compile(
    r"^[\s\u00a0]*(?:,|et|,[\s\u00a0]*et|puis|,[\s\u00a0]*puis)[\s\u00a0]*(?:(?:en|au|à|dès|l[’']|le|la)[\s\u00a0]*)?$",
    re.I,
)
# "a reçu la ministre lao de la Santé et l'ancien chef de la diplomatie japonaise": one meeting with
# each, when one person meets several named ones
MET_SEVERAL = re.compile(
    r"(?:rencontr(?:é|ée|és|ées|er|era|ait|e|ent)|rencontres|entretiens|s[’']est[\s\u00a0]+entretenue?|"
    r"s[’']entretiendra|reçu|reçue|reçoit|accueilli|accueillie|accueille)(?![\w\-])",
    re.I,
)
# "en Corée du Nord et au Vietnam", "à Komsomolsk-sur-l'Amour, dans la région de Khabarovsk, et à Vladivostok"
AND_PLACE = re.compile(
    r",?[\s\u00a0]+(?:et|puis)[\s\u00a0]+(?:à|au|aux|en)[\s\u00a0]+(?:la[\s\u00a0]+|le[\s\u00a0]+|l[’'])?"
    r"(?P<name>[A-ZÉÈÎ][\w’'\-]*(?:[\s\u00a0\-](?:du|de|des|la|le|sur|[A-ZÉÈÎ][\w’'\-]*))*)"
)


# "la visite de Sergueï Lavrov", "le déplacement en Russie du président chinois": the visitor
VISITOR = re.compile(
    r"(?:[\s\u00a0]+(?:officielle|d[’']État|d[’']Etat|historique|éclair|surprise))?"
    r"(?:[\s\u00a0]+(?:en|au|aux|à|dans)[\s\u00a0]+(?:la[\s\u00a0]+|le[\s\u00a0]+|l[’'])?[A-ZÉ][\w\-’']*(?:[\s\u00a0\-][A-ZÉ\w][\w\-’']*){0,3})?"
    r"[\s\u00a0]+(?:de[\s\u00a0]+|du[\s\u00a0]+|d[’'])(?:la[\s\u00a0]+|l[’'])?\S",
)


# "la prise de fonction de Donald Trump", "à l'invitation de Vladimir Poutine", "le père de Kim Jong Un":
# a name after "de" completes a noun; it takes part only when that noun is the meeting itself or a role
OF_NOUN = re.compile(
    r"(?<![\w\-])(?P<noun>[a-zàâçéèêëîïôûùüÿœ\-]{4,})[\s\u00a0]+(?:de|du|des|d[’'])[\s\u00a0]*"
    r"(?:(?:la|le|les|l[’']|son|sa|ses|leur|leurs|cet|cette|ce)[\s\u00a0]*)?"
    r"(?:(?!(?:le|la|les|un|une|des|du|de|que|qui|et|ou|avec|par|pour|sur|dans|chez|contre|entre|vers|sans|à|au|aux|en)"
    r"[\s\u00a0])(?![a-zàâçéèêëîïôûùüÿœ\-]+(?:er|ir)[\s\u00a0])"
    r"[a-zàâçéèêëîïôûùüÿœ\-]+[\s\u00a0]+){0,3}$"
)
PARTAKING_NOUNS = {
    "visite", "visites", "déplacement", "déplacements", "voyage", "voyages", "venue", "séjour", "tournée",
    "escale", "halte", "arrivée", "sommet", "sommets", "rencontre", "rencontres", "entretien", "entretiens",
    "réunion", "réunions", "discussions", "pourparlers", "négociations", "délégation", "présence",
    "participation", "côtés", "côté", "compagnie", "homologue", "homologues", "part", "accueil", "étranger",
    "président", "présidente", "ministre", "dirigeant", "dirigeante", "chef", "cheffe", "secrétaire",
    "porte-parole", "directeur", "directrice", "conseiller", "conseillère", "ambassadeur", "ambassadrice",
    "envoyé", "envoyée", "représentant", "représentante", "vice-ministre", "vice-président", "leader",
}  # fmt: skip


def _complement_of_other_noun(before: str) -> bool:
    m = OF_NOUN.search(before[-120:])
    if m is None:
        return False
    # the noun, or one of the two words before it ("la visite suivante du ministre", "la visite officielle de X")
    words = [w.lower() for w in re.findall(r"[\w\-]+", before[-120:][: m.end("noun")])[-3:]]
    return not any(w in PARTAKING_NOUNS for w in words)


# "le leader nord-coréen s'est rendu ...", "la visite du dictateur nord-coréen": a head of state named by
# a designation the registry does not hold
DESIGNATION = re.compile(
    r"(?<![\w\-])(?:le|la|l[’']|du|au)[\s\u00a0]*[«“\"]?[\s\u00a0]*(?P<role>dirigeante?|leader|numéro[\s\u00a0]+un|dictateur|"
    r"présidente?|chef[\s\u00a0]+de[\s\u00a0]+l[’']([EÉ])tat|homme[\s\u00a0]+fort|[Cc]her[\s\u00a0]+[Ll]eader)[»”\"]?"
    r"(?P<adj>(?:[\s\u00a0]+(?!(?:de|du|des|et|a|est|qui|en|à)(?![\w\-]))(?-i:[a-zéèëï\-]+)){0,2})",
    re.I,
)
NATIONALITY_STATE = {
    "nord-coréen": "coree-du-nord", "nord-coréenne": "coree-du-nord", "russe": "russie",
    "sud-coréen": "coree-du-sud", "sud-coréenne": "coree-du-sud", "chinois": "chine", "chinoise": "chine",
    "japonais": "japon", "japonaise": "japon", "américain": "etats-unis", "américaine": "etats-unis",
    "iranien": "iran", "iranienne": "iran", "ukrainien": "ukraine", "ukrainienne": "ukraine",
    "coréen": "coree-du-nord coree-du-sud", "coréenne": "coree-du-nord coree-du-sud",
}  # fmt: skip


def _designated(
    registry, text: str, start: int, mentions: list[Mention], recent: list[str], resolve=None
) -> list[tuple[int, str]]:
    """(offset, person) for each head-of-state designation of the text that no mention covers: the
    person the article named last whose country agrees with the designation's nationality: by the
    registry first, else by the states of the roles the article gives them (``resolve(person)[0]``,
    from nlp/roles.py); else the last one whose country is not known; the last one named when the
    designation has no nationality."""
    out = []
    for m in DESIGNATION.finditer(text):
        a, b = start + m.start(), start + m.end()
        if any(
            (
                a <= x.start < b
                or x.start <= a < x.end
                or (x.start >= b and not text[b - start : x.start - start].strip(" ,\u00a0"))
            )
            and not _is_designation(x, [(a, b)])
            for x in mentions
        ):
            continue  # resolved, or followed by the name ("le dirigeant nord-coréen Kim Jong Un")
        states = {st for w in m["adj"].split() for st in NATIONALITY_STATE.get(w.lower(), "").split()}
        registry_country = {who: (registry.actors.get(who) or {}).get("country") for who in recent}
        role_states = {who: set(resolve(who)[0]) if resolve is not None else set() for who in recent}
        fits = (
            [w for w in recent if not states or registry_country[w] in states]
            or [w for w in recent if registry_country[w] is None and role_states[w] & states]
            or [w for w in recent if registry_country[w] is None and not role_states[w]]
        )
        if fits:
            out.append((a, fits[-1]))
    return out


def _is_designation(m: Mention, spans: list[tuple[int, int]]) -> bool:
    """A proposed "person" that is only (part of) a designation ("le «Cher Leader»" taken for a name)."""
    if not m.new:
        return False
    whole = DESIGNATION.fullmatch("le " + m.text.strip('«»“”" ')) is not None
    return whole or any(a <= m.start and m.end <= b for a, b in spans)


@dataclass
class Occurrence:
    kind: str
    start: int  # offsets in the article
    end: int


# "les voyages des touristes vers X", "le séjour d'étudiants à Y": the trips of a public, not a visit
PUBLIC_TRAVELLERS = re.compile(
    r"[\s\u00a0]+(?:des|de|du|d[’'])[\s\u00a0]*(?:(?:nombreux|simples|premiers|jeunes|\w+s)[\s\u00a0]+)?"
    r"(?:citoyens|citoyennes|touristes|ressortissants|habitants|étudiants|étudiantes|travailleurs|ouvriers|"
    r"voyageurs|passagers|pèlerins|vacanciers|particuliers|civils|familles|enfants|élèves|sportifs|supporters)"
    r"(?![\w\-])",
    re.I,
)


def _occurrences(sent: Sentence, outside) -> list[Occurrence]:
    out = []
    for kind, rx in TRIGGER_RE:
        for m in rx.finditer(sent.text):
            at = sent.start + m.start()
            if kind == "visit" and PUBLIC_TRAVELLERS.match(sent.text, m.end()):
                continue
            if outside(at) and not negated(sent.text[: m.start()]):
                out.append(Occurrence(kind, at, sent.start + m.end()))
    return sorted(out, key=lambda o: o.start)


def _between(body: str, sent: Sentence, occ: Occurrence, stop: int) -> tuple[int, int] | None:
    """The "entre A et B" phrase that follows a summit or meeting noun, before ``stop``."""
    m = BETWEEN.match(body, occ.end, stop)
    if m is None:
        return None
    a = m.end()
    rest = body[a:stop]
    conj = re.search(r"(?<![\w\-])et(?![\w\-])", rest)
    if conj is None:
        return None
    cut = re.search(r"[,.;:!?()«»]", rest[conj.end() :])
    b = a + conj.end() + (cut.start() if cut else len(rest) - conj.end())
    return a, b


def sentence_events(
    body: str,
    article_id: str,
    sent: Sentence,
    mentions: list[Mention],
    dates: list[DateRef],
    registry,
    published: str,
    redate=None,
    previous_persons: list[str] | None = None,
    recent_persons: list[str] | None = None,
    resolve=None,
) -> list[dict]:
    """Events of one sentence. ``redate(date, tense)`` resolves a date mention again with a tense hint
    ("past" or "future"): "doit rencontrer … jeudi" is next Thursday, not the last one.
    ``previous_persons``: the people the previous sentence named (in order), for a sentence whose
    subject is "Il" or "Elle" (the first), "Ce dernier" (the last) or "les deux hommes" (both);
    ``recent_persons``: the people the article named before this sentence, the last named last, for a
    designation the registry does not hold ("le leader nord-coréen"). ``resolve(person)``: the states
    (ids) of the roles the article gives that person and its grammatical gender ("m", "f" or None),
    from nlp/roles.py.

    One event per fact: triggers that name the same people are one fact ("s'est rendu à Pyongyang,
    où il a rencontré Kim": a visit with its meeting); a summit or a meeting bound to other people
    by "entre A et B" is another ("doit rencontrer Poutine, deux mois après le sommet entre Kim et
    Trump"). Several dates joined by "et" are several facts ("en 1984 et 1986"), and so are several
    places of a visit and several people one person meets.
    """
    # what people say is not what happens; a quoted term of up to three words ("le «Cher Leader»") is
    # the article's own words
    spans = [(a, b) for a, b in quote_spans(body, sent.start, sent.end) if len(body[a:b].split()) > 3]
    outside = lambda a: not any(s <= a < e for s, e in spans)  # noqa: E731
    occs = _occurrences(sent, outside)
    if not occs:
        return []
    previous_persons = previous_persons or []
    reporting = reporting_spans(sent)
    if MET_WITH.search(sent.text):
        reporting = []  # "X a déclaré, après ses entretiens avec Y": X took part
    actors: list[str] = []
    where: dict[str, list[int]] = {}  # actor -> offsets of its mentions
    designations = [(sent.start + m.start(), sent.start + m.end()) for m in DESIGNATION.finditer(sent.text)]
    for m in mentions:
        if not outside(m.start) or m.kind == "media" or any(a <= m.start < b for a, b in reporting):
            continue
        if _is_designation(m, designations):
            continue  # resolved below, as a designation
        before = body[sent.start : m.start]
        if m.kind != "person" and LOCATIVE.search(before):
            continue  # "en Russie", "au Kremlin": where, not who
        if _complement_of_other_noun(before):
            continue  # "la prise de fonction de Donald Trump", "à l'invitation de Vladimir Poutine": not who meets
        where.setdefault(m.actor, []).append(m.start)
        if m.actor not in actors:
            actors.append(m.actor)
    in_reporting = lambda pos: any(a <= pos < b for a, b in reporting)  # noqa: E731
    head = PRONOUN_START.match(sent.text)
    # "Il"/"Elle": the first person of the previous sentence whose gender, when the article shows it, agrees
    she = head is not None and "Elle" in head.group(0)
    subject = next(
        (p for p in previous_persons if (resolve(p)[1] if resolve is not None else None) != ("m" if she else "f")),
        None,
    )
    if subject and head and subject not in actors and not in_reporting(sent.start + head.end() - 1):
        # ("Il estime que ce sommet ...": the one who speaks is no participant)
        actors.insert(0, subject)  # "Il" is the subject: the others named are complements
        where.setdefault(subject, []).append(sent.start)
    last = LAST_NAMED.search(sent.text)
    if previous_persons and last and not in_reporting(sent.start + last.start()):
        who = previous_persons[-1]
        if who not in actors:
            actors.insert(0 if last.start() < 3 else len(actors), who)
        where.setdefault(who, []).append(sent.start + last.start())
    him = MET_HIM.search(sent.text)
    if him and previous_persons and not in_reporting(sent.start + him.start()):
        who = previous_persons[0]
        if who not in actors:
            actors.append(who)
        where.setdefault(who, []).append(sent.start + him.start())
    for at, who in _designated(registry, sent.text, sent.start, mentions, recent_persons or [], resolve):
        if outside(at) and not in_reporting(at) and not _complement_of_other_noun(body[sent.start : at + 3]):
            where.setdefault(who, []).append(at)
            if who not in actors:
                actors.append(who)
                actors.sort(key=lambda a: min(where.get(a, [sent.end])))
    both = BOTH.search(sent.text)
    if both and len(set(previous_persons)) >= 2:
        for who in list(dict.fromkeys(previous_persons))[:2]:
            if who not in actors:
                actors.append(who)
            where.setdefault(who, []).append(sent.start + both.start())
    kinds = {m.actor: m.kind for m in mentions}
    is_person = lambda a: (registry.kind(a) or kinds.get(a) or "person") == "person"  # noqa: E731
    sent_dates = []
    for d in dates:
        if not (sent.start <= d.start < sent.end and outside(d.start)):
            continue
        # "la première depuis 2000", "jusqu'en 2019": a reference point of a duration, not when the fact happens
        if REFERENCE_POINT.search(body[max(sent.start, d.start - 24) : d.start]) or re.match(r"depuis\b", d.text, re.I):
            continue
        sent_dates.append(d)
    places = _places(registry, sent, spans)

    # -- facts: the triggers grouped by the people they bring together
    bound: dict[int, set[str]] = {}
    bound_span: dict[int, tuple[int, int]] = {}
    for i, o in enumerate(occs):
        if o.kind == "visit" and len([x for x in occs if x.kind == "visit"]) > 1:
            # "la venue de X à Hanoï, six semaines après le voyage au Caire de Y": whose visit
            stop = next((x.start for x in occs[i + 1 :] if x.start >= o.end), sent.end)
            vm = VISITOR.match(body, o.end, stop)
            if vm is not None:
                visitors = {a for a, offs in where.items() if vm.end() - 1 <= min(offs) < vm.end() + 3 and is_person(a)}
                if visitors:
                    bound[o.start], bound_span[o.start] = visitors, (vm.end() - 1, vm.end() + 40)
            continue
        if o.kind not in ("summit", "meeting"):
            continue
        stop = next((x.start for x in occs[i + 1 :] if x.start >= o.end), sent.end)
        phrase = _between(body, sent, o, stop)
        if phrase is None:
            continue
        between = {a for a, offs in where.items() if any(phrase[0] <= x < phrase[1] for x in offs)}
        if any(is_person(a) for a in between):  # ("le sommet entre la RPDC et la Russie": the states of the same fact)
            bound[o.start], bound_span[o.start] = between, phrase
    groups: list[list[Occurrence]] = []
    group_actors: list[list[str]] = []
    free = [o for o in occs if o.start not in bound]
    distinct = {frozenset(v) for v in bound.values()}
    if not bound or (not free and len(distinct) == 1):
        groups, group_actors = [occs], [actors]
    else:
        elsewhere = {a for o, who in bound.items() for a in who}
        only_bound = {
            a
            for a in elsewhere
            if all(any(bound_span[o][0] <= x < bound_span[o][1] for o in bound) for x in where.get(a, []))
        }
        main_actors = [a for a in actors if a not in only_bound]
        if free:
            groups.append(free)
            group_actors.append(main_actors)
        for key in sorted(distinct, key=lambda k: min(o for o, w in bound.items() if frozenset(w) == k)):
            mine = [o for o in occs if o.start in bound and frozenset(bound[o.start]) == key]
            if free and set(key) <= set(main_actors):
                groups[0] = sorted(groups[0] + mine, key=lambda o: o.start)
                continue
            groups.append(mine)
            group_actors.append([a for a in actors if a in key])

    # A date belongs to the trigger it follows in its clause ("le séjour de X au Laos mardi, puis
    # la signature de l'accord": the stay's; "qui avait reçu X en 2000, se rendra ...": the
    # meeting's), else to the nearest trigger of the sentence.
    segments = clauses(sent.text)
    clause = lambda pos: clause_at(segments, pos - sent.start)  # noqa: E731
    starts = [o.start for o in occs]

    def owner(d: DateRef) -> int:
        if any(o.start <= d.start < d.end and d.start <= o.start < d.end for o in occs):
            return next(o.start for o in occs if d.start <= o.start < d.end)  # "neuf mois après la visite"
        mine = [t for t in starts if clause(t) == clause(d.start)]
        before = [t for t in (mine or (starts if clause(d.start) > 0 else [])) if t < d.start]
        if before:  # ("La rencontre entre X et Y, qui aura lieu à Z, demain jeudi 25 avril, ...": the rencontre's)
            return max(before)
        return min(mine or starts, key=lambda t: abs(d.start - t))

    # "…, a annoncé lundi le Kremlin", "La semaine dernière, le NYT a rapporté que …": the report's date
    said = [(a, b) for a, b in reporting if b > a]
    for v in VERB.finditer(sent.text):
        that = re.match(r"[\s\u00a0]*(?:\S+[\s\u00a0]+){0,3}?(?:que|qu[’'])(?![\w])", sent.text[v.end() :])
        if that and SAYING.search(v.group(0)) and not is_inverted(sent.text[: v.start()], sent.text[v.end() :]):
            said.append((sent.start, sent.start + v.end() + that.end()))
    said = [(a, _extend_over_date(body, b, sent_dates)) for a, b in said]

    def phrase_bound(d: DateRef, at: int) -> bool:
        """Is the date inside a "depuis/avant ..." phrase, or the clause that reports, without the trigger?"""
        if any(a <= d.start < b and not a <= at < b for a, b in said):
            return True
        m = BOUND_PHRASE.search(body, max(sent.start, d.start - 70), d.start)
        return m is not None and not (m.start() <= at < d.start)

    kind_of = {o.start: o.kind for o in occs}
    out: list[dict] = []

    def place_owner(pos: int) -> int | None:
        before = [t for t in starts if t < pos]
        return max(before) if before else None

    for gi, (occ_group, g_actors) in enumerate(zip(groups, group_actors)):
        records: list[dict] = []
        found: dict[str, int] = {}
        for o in occ_group:
            found.setdefault(o.kind, o.start)
        # "lors du sommet" / "au cours de la visite": a summit that hosts a visit and a meeting
        # is one fact for the reader; keep summit over meeting when both appear.
        if "summit" in found:
            found.pop("meeting", None)
        members = {o.start for o in occ_group}
        persons = [a for a in g_actors if is_person(a)]
        for kind, at in sorted(found.items(), key=lambda kv: kv[1]):
            same = {o.start for o in occ_group if o.kind == kind or (kind == "summit" and o.kind == "meeting")}
            # where: the first place named after one of this fact's triggers (before any other trigger),
            # else after an earlier trigger of the same fact ("s'est rendu à Pyongyang, où il a rencontré
            # Kim"), else before every trigger ("À Pyongyang, Kim a reçu Lavrov")
            mine_places = (
                [p for p in places if place_owner(p[0]) in same]
                or [p for p in places if place_owner(p[0]) in members and (place_owner(p[0]) or 0) < at]
                or [p for p in places if place_owner(p[0]) is None]
                if kind in NEEDS_STATUS
                else [p for p in places if place_owner(p[0]) in members]
                or [p for p in places if place_owner(p[0]) is None]
            )
            place = next((p[1] for p in mine_places if p[1]), None)
            unknown_place = None if place else next((p[2] for p in mine_places if p[2]), None)
            if not g_actors and (kind in NEEDS_STATUS or not sent_dates):
                continue  # a meeting or a visit without anyone named is no draft worth reviewing
            if kind == "meeting" and (len(g_actors) < 2 or not persons):
                continue  # a meeting has two sides, and people: "des pourparlers entre Pyongyang et Washington"
            owned = [d for d in sent_dates if owner(d) in same and not phrase_bound(d, at)]
            invited_end = None
            if kind == "visit":
                invited = next(
                    (m for m in INVITED_TO.finditer(sent.text) if m.start() <= at - sent.start < m.end()), None
                )
                if invited is not None:  # "a accepté le 2 avril l'invitation à venir": not the visit's date
                    invited_end = sent.start + invited.end()
                    owned = [d for d in owned if d.start >= invited_end]
            # "s'est rendu à Pyongyang le 19 juin, où il a rencontré Kim": one date for both facts of the
            # sentence, unless the tense says otherwise (checked below); not another kind of fact's
            # date ("le cosmodrome, inauguré en 2016").
            # "signeront vendredi un accord lors d'une visite de X": the visit frames the sentence's fact
            framing = bool(FRAMING.search(body, max(sent.start, at - 30), at))
            free_dates = [
                d for d in sent_dates if not phrase_bound(d, at) and (invited_end is None or d.start >= invited_end)
            ]
            shared = (
                not owned
                and len(free_dates) == 1
                and kind in NEEDS_STATUS
                and (framing or (owner(free_dates[0]) in members and kind_of.get(owner(free_dates[0])) in NEEDS_STATUS))
            )
            if shared:
                owned = list(free_dates)
            groups_of_dates = _date_groups(body, owned, at)
            relative = _in_relative_clause(sent, segments, at, g_actors, where, is_person)
            if relative is not None:  # ("..., qui est le premier depuis la rencontre entre A, le père de C, et B")
                relative += [a for o in same for a in g_actors if a in bound.get(o, set()) and a not in relative]
            parties = relative if relative is not None else g_actors
            for date_group in groups_of_dates:
                rec = _record(kind, at, date_group, parties, persons, place, unknown_place, article_id, sent)
                if kind in NEEDS_STATUS or kind in ("agreement", "military"):
                    masked = "".join(" " if not outside(sent.start + i) else ch for i, ch in enumerate(sent.text))
                    if framing:  # "lors du sommet de septembre, Kim a invité Poutine à ...": the frame's own words
                        a, b = segments[clause_at(segments, at - sent.start)]
                        masked = " " * a + masked[a:b] + " " * (len(masked) - b)
                    status = status_of(own_clauses(masked, at - sent.start), sent, kind, at - sent.start)
                    if framing and status == "proposed":
                        status = "held"  # "en réponse à l'invitation lancée lors de leur sommet": the summit was held
                    rec["status"] = _settle(rec, status, published, redate, shared)
                if len(groups) > 1:
                    rec["_group"] = (sent.start, gi)
                if len(groups_of_dates) > 1:
                    rec["_apart"] = f"{at}"
                records += _split(rec, body, sent, kind, at, g_actors, where, registry, is_person)
        met = next((r.pop("_met") for r in records if "_met" in r), None)
        for r in records:
            r.pop("_met", None)
            if met and "_apart" not in r:
                # "Visite de Choe, qui comprenait des rencontres avec Lavrov et Novak": the visit is the
                # visitor's, each meeting is another record
                r["_apart"] = next(x["_apart"] for x in records if x.get("_apart"))
                r["actors"] = [a for a in r["actors"] if a not in met]
        out += records
    out += _first_since(body, article_id, sent, occs, dates, actors, where, is_person, out)
    return out


# "le premier sommet Russie-Corée du Nord depuis 2019": there was one in 2019, between the same sides
FIRST = re.compile(r"(?<![\w\-])premi(?:er|ère)[\s\u00a0]+$", re.I)
SINCE = re.compile(r"(?<![\w\-])depuis[\s\u00a0]+(?:(?:le|la|l[’'])[\s\u00a0]*)?$", re.I)


def _first_since(body: str, article_id: str, sent: Sentence, occs, dates, actors, where, is_person, out) -> list[dict]:
    """The earlier fact a "premier sommet / première visite ... depuis <date>" implies: held at that date,
    by the sides named in between (two at least, else the words do not say whose)."""
    extra = []
    for o in occs:
        if o.kind not in NEEDS_STATUS or not FIRST.search(body, max(sent.start, o.start - 12), o.start):
            continue
        since = next(
            (
                d
                for d in sorted(dates, key=lambda d: d.start)
                if o.end <= d.start < min(sent.end, o.end + 80)
                and d.value
                and (SINCE.search(body, max(sent.start, d.start - 24), d.start) or re.match(r"depuis\b", d.text, re.I))
                and not re.search(r"[,;:()«»]", body[o.end : d.start].replace("depuis", ""))
                and not any(o.end <= x.start < d.start for x in occs)
            ),
            None,
        )
        if since is None:
            continue
        sides = [a for a in actors if any(o.end <= x < since.start for x in where.get(a, []))]
        if len(sides) < 2:
            continue
        rec = _record(o.kind, o.start, since, sides, [a for a in sides if is_person(a)], None, None, article_id, sent)
        rec.pop("_date", None)
        rec["status"] = "held"
        rec["_apart"], rec["_since"] = f"since-{o.start}", True
        for r in out:
            if r.get("_start") == o.start and "_apart" not in r:
                r["_apart"] = rec["_apart"]
        extra.append(rec)
    return extra


def _in_relative_clause(sent: Sentence, segments, at: int, actors: list[str], where, is_person) -> list[str] | None:
    """The actors of a trigger in a relative clause ("Kim n'a jamais rencontré Biden, qui a visité Séoul en
    mai 2022"): the person it refers back to and the ones it names; None outside a relative clause."""
    a, b = segments[clause_at(segments, at - sent.start)]
    if not RELATIVE_CLAUSE.match(sent.text[a:b]):
        return None
    a, b = sent.start + a, sent.start + b
    before = [(max(x for x in where[p] if x < a), p) for p in actors if is_person(p) and any(x < a for x in where[p])]
    inside = [p for p in actors if any(a <= x < b for x in where.get(p, []))]
    head = [max(before)[1]] if before else []
    return list(dict.fromkeys(head + inside)) or None


def _extend_over_date(body: str, end: int, dates: list[DateRef]) -> int:
    """A reporting span's end, taken over the date that follows its verb ("a annoncé lundi que ...")."""
    for d in sorted(dates, key=lambda d: d.start):
        if end <= d.start and not body[end : d.start].strip(" \u00a0,"):
            end = d.end
    return end


def _date_groups(body: str, owned: list[DateRef], at: int) -> list[DateRef | None]:
    """The dates of one trigger, one per fact: the one nearest the trigger, or each of several
    dates joined by "et" ("à deux reprises (en 1984 et 1986)")."""
    if not owned:
        return [None]
    owned = sorted(owned, key=lambda d: d.start)
    date = min(owned, key=lambda d: abs(d.start - at))
    runs: list[list[DateRef]] = [[owned[0]]]
    for d in owned[1:]:
        if DATES_JOINED.match(body[runs[-1][-1].end : d.start]):
            runs[-1].append(d)
        else:
            runs.append([d])
    joined = next(r for r in runs if date in r)
    if len(joined) >= 2 and not any(_within(a.value, b.value) for a in joined for b in joined if a is not b):
        days = [dt.date.fromisoformat(d.value) for d in joined if len(d.value) == 10]
        if len(days) == len(joined) and all((b - a).days == 1 for a, b in zip(days, days[1:])):
            # "mercredi et jeudi": one fact over consecutive days
            first, last = joined[0], joined[-1]
            text = body[first.start : last.end]
            return [DateRef(first.start, last.end, text, f"{first.value}/{last.value}", first.approximate, None)]
        return list(joined)
    if ALTERNATIVE.search(body, max(0, date.start - 12), date.start):
        return [None]  # "avant janvier, ou en février": the words do not say when
    # "En 2023, le sommet ... s'est tenu le 13 septembre": the finer date inside the year is the fact's.
    inner = [d for d in owned if d.value and d is not date and _within(d.value, date.value) and d.value != date.value]
    if inner:
        date = max(inner, key=lambda d: len(d.value.split("/")[0]))
    return [date]


def _record(kind, at, date, actors, persons, place, unknown_place, article_id, sent) -> dict:
    value = date.value if date else None
    note = date_note(date) if date else "à préciser"
    if date is not None and date.start <= at < date.end:
        # "neuf mois après la visite de Kim": the visit is nine months before the time the words give
        earlier = earlier_fact(date.text, date.value)
        if earlier is not None:
            value, note = earlier, date_note(date) + " : compté à rebours"
    rec = {
        "kind": kind,
        "date": value,
        "date_note": note,
        "actors": list(actors),
        "place": place,
        "_main": (persons or actors or [None])[0],
        "article": article_id,
        "excerpt": sent.text,
        "_start": at,
        "_date": date,
    }
    if date is not None and date.approximate:
        rec["date_approximate"] = True
    if unknown_place and kind in NEEDS_STATUS:
        rec["note"] = (
            f"Lieu nommé par l'article mais absent de data/places.yaml\u00a0: «\u00a0{unknown_place}\u00a0». "
            "Ajoutez-le, puis renseignez place."
        )
    return rec


def _settle(rec: dict, status: str, published: str, redate, shared: bool) -> str:
    """The status and date agreed: a date resolved again by the tense, nothing planned before publication."""
    date = rec.pop("_date", None)
    if date is None or rec["date"] is None:
        return status
    if published and redate is not None and rec["date"] == date.value:
        when, pub = _span(date.value), _span(published)
        tense = (
            "future"
            if status == "planned" and when[1] < pub[0]
            else ("past" if status == "held" and when[0] > pub[1] else None)
        )
        again = redate(date, tense) if tense else None
        if again is not None and again.value:
            rec["date"], rec["date_note"] = again.value, date_note(again)
    if shared and published:
        when, pub = _span(rec["date"]), _span(published)
        if (status == "planned" and when[1] < pub[0]) or (status == "held" and when[0] > pub[1]):
            # the sentence's date is the other fact's: "qui avait reçu X en 2000, ira ..."
            rec["date"], rec["date_note"] = None, "à préciser"
            rec.pop("date_approximate", None)
            return status
    if published:
        when, pub = _span(rec["date"]), _span(published)
        if status == "planned" and when[1] < pub[0]:
            return "held"  # dated before the article: it has happened (or the date is another fact's)
        if status == "held" and when[0] > pub[1]:
            return "planned"
    return status


def _split(rec: dict, body: str, sent: Sentence, kind: str, at: int, actors, where, registry, is_person) -> list[dict]:
    """One record per place of a visit ("en Corée du Nord et au Vietnam") and per person met
    ("a reçu successivement la ministre lao de la Santé et le gouverneur de la province")."""
    rec.pop("_date", None)
    out = [rec]
    apart = f"{at}"
    if kind == "visit":
        tail = body[at : sent.end]
        for m in AND_PLACE.finditer(tail):
            name = m["name"].strip(" \u00a0,.;")
            pid = next((p for _a, _b, p in registry.find_places(name)), None)
            if (pid and pid == rec["place"]) or f"«\u00a0{name}\u00a0»" in (rec.get("note") or ""):
                continue
            if not (pid or registry.find(name) or _looks_like_place(name)):
                continue
            rec["_apart"] = apart
            extra = dict(rec, place=pid, actors=[rec["_main"]] if rec["_main"] else list(rec["actors"]))
            extra["_start"] = at + m.start("name")
            extra.pop("note", None)
            if pid is None and not registry.find(name):
                extra["note"] = (
                    f"Lieu nommé par l'article mais absent de data/places.yaml\u00a0: «\u00a0{name}\u00a0». "
                    "Ajoutez-le, puis renseignez place."
                )
            out.append(extra)
    if kind in ("meeting", "visit"):
        verb = MET_SEVERAL.search(body, at, sent.end) if kind == "meeting" else None
        if verb is not None and verb.start() == at:
            subjects = [a for a in actors if is_person(a) and min(where.get(a, [at])) < at]
            objects = [a for a in actors if is_person(a) and min(where.get(a, [at])) > at]
            if len(subjects) == 1 and len(objects) >= 2:
                out = [
                    dict(rec, actors=[subjects[0], o], _start=at + i, _apart=apart, _met=objects)
                    for i, o in enumerate(objects)
                ]
    return out


def _looks_like_place(name: str) -> bool:
    return bool(re.fullmatch(r"[A-ZÉÈÎ][\w’'\-]+(?:[\s\u00a0\-](?:du|de|des|la|le|sur|[A-ZÉÈÎ][\w’'\-]*))*", name))


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


MEETING_KINDS = ("summit", "meeting", "visit")


def _kinds_meet(a: str, b: str) -> bool:
    return a == b or {a, b} == {"summit", "meeting"}


SAME_FACT_STATUS = (
    {"held"},
    {"planned"},
    {"proposed"},
    {"planned", "proposed"},
    {"held", "cancelled"},
    {"held", "alleged"},
)


def _apart(a: dict, b: dict) -> bool:
    """Did one sentence tell these two records apart (two facts of one sentence, or one split in two)?"""
    if a.get("_apart") is not None and a.get("_apart") == b.get("_apart"):
        return True
    ga, gb = a.get("_group"), b.get("_group")
    return ga is not None and gb is not None and ga[0] == gb[0] and ga != gb


def _where(r: dict) -> str | None:
    if r.get("place"):
        return r["place"]
    m = re.search(r"«\u00a0(.+?)\u00a0»", r.get("note") or "")
    return m.group(1) if m else None


def _days_apart(a: dict, b: dict, most: int = 3) -> bool:
    """Two days of the same stay: day-precise dates at most ``most`` days apart."""
    x, y = a["date"], b["date"]
    if not (x and y and len(x) == len(y) == 10):
        return False
    return abs((dt.date.fromisoformat(x) - dt.date.fromisoformat(y)).days) <= most


def _places_agree(a: str | None, b: str | None, within: dict[str, str]) -> bool:
    """Unknown, the same, or one inside the other ("à Moscou" and "en Russie")."""
    if not a or not b or a == b:
        return True
    for x, y in ((a, b), (b, a)):
        seen, up = set(), within.get(x)
        while up and up not in seen:
            if up == y:
                return True
            seen.add(up)
            up = within.get(up)
    return False


def fold_mentions(
    records: list[dict], persons: set[str], countries: dict[str, str], within: dict[str, str] | None = None
) -> None:
    """Mark, in place, the meeting-like records of an article that name a fact it names elsewhere.

    An article names its meeting several times: "Poutine s'est rendu à Pyongyang le 19 juin",
    "le sommet", "les entretiens entre les deux hommes", "le bilan de la rencontre
    Hanoï-Vientiane". Two meeting-like records (visit, summit, meeting) of one article are one fact
    when the people of one all take part in the other (a record naming only states: when they are
    its people's states), their statuses agree, their places do not differ, and their dates overlap
    (or one is undated; two undated ones only when still to come, "la visite de Poutine à
    Pyongyang" announced twice). The record then carries ``_into``: the earlier record it joins.
    """

    within = within or {}

    def widen(actors) -> set[str]:
        return set(actors) | {countries[a] for a in actors if countries.get(a)}

    def pair_agrees(r: dict, d: dict) -> bool:
        if _apart(r, d):
            return False  # told apart in one sentence: other people, places or dates
        if (r.get("_since") and not d["date"]) or (d.get("_since") and not r["date"]):
            return False  # an undated mention is the article's own fact, not the earlier one "depuis" implies
        statuses = {r.get("status"), d.get("status")}
        undated_held = (r, d) if not r["date"] else (d, r)
        # (an undated mention's tense says little: "le sommet répond à ...", of a summit to come)
        if statuses not in SAME_FACT_STATUS and not (
            statuses == {"held", "planned"} and not undated_held[0]["date"] and undated_held[0].get("status") == "held"
        ):
            return False
        if not _places_agree(_where(r), _where(d), within):
            return False
        # ("est arrivé mardi à Pyongyang ... y a rencontré Kim mercredi": days of one stay)
        return not (r["date"] and d["date"] and not _dates_compatible(r["date"], d["date"]) and not _days_apart(r, d))

    def same_fact(r: dict, d: dict) -> bool:
        """Is ``r`` the fact that ``d`` and the records already joined with it name?"""
        if r["article"] != d["article"] or d["kind"] not in MEETING_KINDS:
            return False
        group = members.get(id(find(d)), [d])
        if not all(pair_agrees(r, x) for x in group):
            return False
        if not r["date"] and not any(x["date"] for x in group) and all(r["excerpt"] != x["excerpt"] for x in group):
            # two undated mentions in two sentences: only one still to come, by the same person
            if r.get("status") == "held" or r.get("_main") != d.get("_main"):
                return False
        crowd = {a for x in group for a in x["actors"]}
        mine = {a for a in r["actors"] if a in persons}
        theirs = {a for a in crowd if a in persons}
        if mine and theirs:
            return mine <= theirs or theirs <= mine
        if not mine:
            return bool(r["actors"]) and set(r["actors"]) <= widen(crowd)
        return crowd <= widen(r["actors"])

    meetings = [r for r in records if r["kind"] in MEETING_KINDS]
    root: dict[int, dict] = {}
    members: dict[int, list[dict]] = {}  # id(root record) -> all its records

    def find(r: dict) -> dict:
        while id(r) in root:
            r = root[id(r)]
        return r

    def join(r: dict, top: dict) -> None:
        root[id(r)] = top
        members.setdefault(id(top), [top]).extend(members.pop(id(r), [r]))

    for i, r in enumerate(meetings):
        for d in sorted(meetings[:i], key=lambda d: (d["date"] is None, -d["_start"])):
            if same_fact(r, d) and find(d) is not r:
                join(r, find(d))
                break
        if r["date"] is None:
            continue
        # an undated record before its dated mention: "Kim rencontre Poutine. ... Le sommet du 13 septembre"
        for d in meetings[:i]:
            if d["date"] is None and id(d) not in root and d is not find(r) and same_fact(d, find(r)):
                join(d, find(r))
    for r in meetings:
        if id(r) in root:
            r["_into"] = find(r)


def _absorb(target: dict, r: dict) -> None:
    """Join record ``r`` (with its sources) into ``target``: sources, actors, the finer date, the place."""
    for source in r["sources"]:
        if source not in target["sources"]:
            target["sources"].append(source)
    if r["kind"] == "summit":  # entretiens at a summit are the summit
        target["kind"] = "summit"
    for a in r["actors"]:
        if a not in target["actors"]:
            target["actors"].append(a)
    better = _more_precise(target["date"], r["date"])
    if target["date"] and r["date"] and not _dates_compatible(target["date"], r["date"]):
        # days of one stay: the interval of the two
        days = sorted(_span(target["date"]) + _span(r["date"]))
        target["date"], target["date_note"] = f"{days[0]}/{days[-1]}", f"{target['date_note']} ; {r['date_note']}"
    elif better != target["date"]:
        target["date"], target["date_note"] = better, r["date_note"]
        if r.get("date_approximate"):
            target["date_approximate"] = True
    target["place"] = target.get("place") or r.get("place")
    if not target["place"] and r.get("note") and not target.get("note"):
        target["note"] = r["note"]
    if target.get("_main") is None:
        target["_main"] = r.get("_main")


def merge_events(
    records: list[dict],
    names: dict[str, str],
    countries: dict[str, str] | None = None,
    persons: set[str] | None = None,
    within: dict[str, str] | None = None,
) -> list[dict]:
    """Join records of the same fact; give each event its id, title and sources.

    Same fact: same kind (a summit absorbs meetings), overlapping dates, and a common actor, a
    person's country counting as that state ("Vladimir Poutine" meets "Russie"). Undated records
    merge only within one article and with the same actors.
    """
    countries = countries or {}
    fold_mentions(records, persons or set(), countries, within)

    def widen(actors):
        return set(actors) | {countries[a] for a in actors if countries.get(a)}

    # 1. within an article: each record with the ones that name the same fact (fold_mentions)
    combined: list[dict] = []
    holder: dict[int, dict] = {}  # id(record) -> its combined record
    for r in records:
        if "_into" in r:
            continue
        c = {k: v for k, v in r.items() if k not in ("article", "excerpt", "_start", "_into")}
        c["_article"], c["actors"] = r["article"], list(r["actors"])
        c["sources"] = [{"article": r["article"], "excerpt": r["excerpt"]}]
        combined.append(c)
        holder[id(r)] = c
    for r in records:
        if "_into" in r:
            c = {k: v for k, v in r.items() if k not in ("article", "excerpt", "_start", "_into")}
            c["sources"] = [{"article": r["article"], "excerpt": r["excerpt"]}]
            _absorb(holder[id(r["_into"])], c)

    # 2. across records and articles: same kind, overlapping dates, a common actor
    events: list[dict] = []
    for r in combined:
        target = None
        articles = {s["article"] for s in r["sources"]}
        for e in events:
            if r["_article"] == e["_article"] and _apart(r, e):
                continue
            if e["kind"] != r["kind"] and {e["kind"], r["kind"]} != {"summit", "meeting"}:
                continue
            if (e.get("_since") and not r["date"]) or (r.get("_since") and not e["date"]):
                continue
            if r["date"] is None and e["date"] is None:
                if (
                    r["actors"]
                    and set(r["actors"]) == set(e["actors"])
                    and articles & {s["article"] for s in e["sources"]}
                    and not (r.get("place") and e.get("place") and r["place"] != e["place"])
                    and {r.get("status"), e.get("status")} != {"held", "planned"}
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
        if target is None:
            events.append(r)
        else:
            _absorb(target, r)
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
