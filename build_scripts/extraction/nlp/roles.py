"""Who a designation stands for in one article: "le ministre", "la porte-parole du Kremlin",
"le chercheur", "le responsable japonais", "le chef de la diplomatie russe".

In: the article's body, its sentences' actor mentions (nlp/actors.py) and the registry.
Out: ``Roles``, built once per article:

- the roles the article gives each person it names, by apposition ("le ministre russe des Affaires
  étrangères, Sergueï Lavrov", "Paul Durand, porte-parole du gouvernement canadien", "l'ambassadeur
  russe Ivan Petrov"), plus those the registry gives (role, descriptions, country);
- each person's grammatical gender when the text shows it ("la ministre", "Mme", "chercheuse");
- ``designation(text, at)``: the designation that starts a text ("le porte-parole du Kremlin a dit"),
  parsed into a kind of role, its state, domain and institution words;
- ``resolve(designation)``: the person it stands for: among the people with a role of that kind whose
  words agree (every state and domain word of the designation is theirs), the one named last before it,
  else the first named after it; None when nobody fits.

A role keeps what tells people apart: its kind ("minister", "spokesperson", "head", "researcher",
"diplomat", "official"...), the states it names or implies ("russe", "du Kremlin" -> Russie), its
domain ("Affaires étrangères", "Défense") and its institutions. "le responsable" and "l'officiel" are
any official; "le chef de la diplomatie" is the foreign minister; "le locataire du Kremlin" the
Russian head of state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_scripts.extraction.nlp.actors import Mention, Registry
from build_scripts.extraction.nlp.world import WORLD, adjective_stem

# role word -> (kind, gender): the gender of the word itself when it has one
ROLE_WORDS: dict[str, tuple[str, str | None]] = {}
_KINDS = {
    "minister": "ministre",
    "vice-minister": "vice-ministre|vice-premier ministre|vice-première ministre|vice-premier-ministre",
    "prime-minister": "premier ministre|première ministre|chef du gouvernement",
    "head": "président|présidente|dirigeant|dirigeante|leader|chef de l'état|chef d'état|numéro un|homme fort|dictateur"
    "|monarque|roi|reine|chancelier|chancelière",
    "vice-head": "vice-président|vice-présidente|numéro deux",
    "spokesperson": "porte-parole|porte-parole adjoint|porte-parole adjointe",
    "diplomat": "ambassadeur|ambassadrice|diplomate|émissaire|envoyé|envoyée|envoyé spécial|envoyée spéciale"
    "|représentant permanent|représentante permanente|négociateur|négociatrice",
    "researcher": "chercheur|chercheuse|expert|experte|analyste|spécialiste|professeur|professeure|politologue"
    "|universitaire|historien|historienne|économiste|directeur de recherche|directrice de recherche|observateur|observatrice",
    "official": "responsable|haut responsable|haute responsable|haut fonctionnaire|haute fonctionnaire|officiel|officielle"
    "|représentant|représentante|conseiller|conseillère|secrétaire|directeur|directrice|directeur général"
    "|directrice générale|chef|cheffe|commissaire|gouverneur|gouverneure|maire|sénateur|sénatrice|député|députée",
    "military": "général|générale|amiral|commandant|commandante|colonel|chef d'état-major",
    "journalist": "journaliste|correspondant|correspondante|reporter",
}
FEMININE = set(
    "présidente dirigeante chancelière reine vice-présidente ambassadrice envoyée représentante négociatrice chercheuse "
    "experte professeure historienne observatrice officielle conseillère directrice cheffe gouverneure sénatrice "
    "députée commandante correspondante adjointe spéciale permanente générale haute première".split()
)
EPICENE = set(
    "ministre vice-ministre porte-parole diplomate secrétaire responsable leader analyste spécialiste politologue "
    "universitaire économiste émissaire commissaire journaliste reporter monarque chef maire numéro".split()
)
for _kind, _words in _KINDS.items():
    for _w in _words.split("|"):
        _parts = _w.split()
        if any(p in FEMININE for p in _parts):
            ROLE_WORDS[_w] = (_kind, "f")
        elif _parts[0] in EPICENE and _w not in ("chef de l'état", "chef d'état", "chef d'état-major"):
            ROLE_WORDS[_w] = (_kind, None)
        else:
            ROLE_WORDS[_w] = (_kind, "m")
# Periphrases rewritten before parsing: what they designate, in role words.
PERIPHRASES = [
    (re.compile(r"\bchef de la diplomatie\b", re.I), "ministre des Affaires étrangères"),
    (re.compile(r"\b(?:locataire|maître|maitre|patron|chef|hôte) du Kremlin\b", re.I), "président russe"),
    (re.compile(r"\b(?:locataire|hôte) de la Maison[ -]Blanche\b", re.I), "président américain"),
]
FAMILY = re.compile(r"\b(?:sœur|soeur|frère|fille|fils|épouse|femme|mari|père|mère|oncle|tante|neveu|nièce)\b", re.I)
DOMAINS = {
    adjective_stem(w)
    for w in "affaires étrangères défense unification intérieur économie finances commerce industrie énergie justice "
    "santé sécurité renseignement agriculture transports culture éducation travail environnement".split()
}
_ROLE_ALT = "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True))
DESIGNATION = re.compile(
    r"(?P<det>(?:le|la|l[’']|les|un|une|du|de la|de l[’']|au|à la|à l[’']|des|ce|cette|son|sa)[\s\u00a0]*)?"
    r"(?P<pre>(?:nouveau|nouvelle|haut|haute|ancien|ancienne|ex-|actuel|actuelle|puissant|puissante)[\s\u00a0]*)?"
    rf"(?P<role>{_ROLE_ALT})(?![\w\-])",
    re.I,
)
# what ends a designation's words: punctuation, a verb or a clause word
DESIGNATION_END = re.compile(
    r"[,.;:!?«»“”\"()]|(?<![\w\-])(?:qui|que|qu[’']|a|ont|avait|avaient|est|sont|était|sera|va|vont|doit|se|s[’']|ne|n[’']"
    r"|et|mais|lors|dans|pour|avec|après|avant|selon|sur|depuis|pendant|devant|cité|citée|interrogé|interrogée"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd[’']hui|ce|cette)(?![\w\-])",
    re.I,
)
TITLE_GENDER = re.compile(r"(?:^|[\s(])(?P<t>M\.|Mme|Mlle|Madame|Monsieur)[\s\u00a0]*$")


@dataclass
class Designation:
    start: int
    end: int
    kind: str
    gender: str | None
    states: set[str] = field(default_factory=set)  # state names the designation names or implies
    domains: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)  # actor ids of institutions named inside it
    body_mention: Mention | None = None  # the institution itself (an unnamed official speaks for it)
    definite: bool = True
    former: bool = False  # "l'ancien ministre", "l'ex-président"
    nationality: set[str] = field(default_factory=set)  # the states of its adjectives ("nord-coréen")


@dataclass
class Role:
    person: str
    kind: str
    states: set[str]
    domains: set[str]
    bodies: set[str]
    former: bool = False
    country: str | None = None  # the registry's country of the person


def _compatible(kind: str, role_kind: str) -> bool:
    if kind == role_kind:
        return True
    if kind == "official":  # "le responsable": any official, not a head of state, a researcher or a journalist
        return role_kind in ("minister", "vice-minister", "prime-minister", "spokesperson", "diplomat", "military")
    return False


class Roles:
    def __init__(self, body: str, mentions: list[Mention], registry: Registry, kind_of):
        """mentions: every mention of the article, in order; kind_of(actor id) -> kind (person, state, ...)."""
        self.body = body
        self.registry = registry
        self.kind_of = kind_of
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.roles: list[Role] = []
        self.gender: dict[str, str] = {}
        self.named_at: dict[str, list[int]] = {}
        for m in self.mentions:
            if kind_of(m.actor) == "person" and m.via != "description":
                self.named_at.setdefault(m.actor, []).append(m.start)
        for aid in self.named_at:
            self._registry_roles(aid)
        # the registry's people the article does not name: candidates only when they alone fit
        self.unnamed: list[Role] = []
        named_roles = self.roles
        self.roles = []
        for aid, a in registry.actors.items():
            if a.get("kind") == "person" and aid not in self.named_at:
                self._registry_roles(aid)
        self.unnamed, self.roles = self.roles, named_roles
        for m in self.mentions:
            if kind_of(m.actor) == "person" and m.via != "description":
                self._apposed_roles(m)

    # -- parsing ----------------------------------------------------------------------------------
    def designation(self, start: int, end: int | None = None) -> Designation | None:
        """The designation at ``start`` (after spaces), up to its last word; None if there is none."""
        end = len(self.body) if end is None else end
        text = self.body[start:end]
        lead = len(text) - len(text.lstrip(" \u00a0\u202f"))
        m = DESIGNATION.match(text, lead)
        if not m or not m.group("role"):
            return None
        return self._parse(start + m.start(), start + m.end(), m, end)

    def _parse(self, a: int, role_end: int, m: re.Match, limit: int) -> Designation:
        role = m.group("role").casefold()
        kind, gender = ROLE_WORDS.get(role, ("official", None))
        det = (m.group("det") or "").strip().casefold()
        if det in ("la", "une", "cette", "sa", "de la", "à la"):
            gender = "f"
        elif det in ("le", "un", "ce", "son", "du", "au") and gender is None and role not in ("porte-parole",):
            gender = gender or "m"
        rest_end = role_end
        tail = self.body[role_end:limit]
        stop = DESIGNATION_END.search(tail)
        rest_end = role_end + (stop.start() if stop else len(tail))
        # a person's name apposed to the designation ends it ("le ministre Sergueï Lavrov")
        for x in self.mentions:
            if role_end <= x.start < rest_end and self.kind_of(x.actor) == "person" and x.via != "description":
                rest_end = x.start
                break
        rest_end = min(rest_end, role_end + 120)
        former = (m.group("pre") or "").strip().casefold() in ("ancien", "ancienne", "ex-")
        d = Designation(a, rest_end, kind, gender, definite=det not in ("un", "une"), former=former)
        words = self.body[role_end:rest_end]
        for p_rx, repl in PERIPHRASES:
            if p_rx.search(self.body[a:rest_end]):
                extra = repl.split(maxsplit=1)[1] if " " in repl else ""
                d.kind = ROLE_WORDS.get(repl.split()[0], (d.kind, None))[0]
                words = extra + " " + words
        self._words(words, d.states, d.domains)
        d.nationality = {
            st for w in re.findall(r"[\w\-]+", words) if w[:1].islower() and (st := WORLD.state_of_adjective(w))
        }
        for x in self.mentions:
            if role_end <= x.start and x.end <= rest_end and self.kind_of(x.actor) != "person":
                d.bodies.add(x.actor)
                d.body_mention = d.body_mention or x
                country = self._country_of(x.actor)
                if country:
                    d.states.add(country)
        return d

    def _words(self, text: str, states: set[str], domains: set[str]) -> None:
        for w in re.findall(r"[\w\-]+", text):
            state = WORLD.state_of_adjective(w) if w[:1].islower() else None
            if state:
                states.add(state)
            elif adjective_stem(w) in DOMAINS:
                domains.add(adjective_stem(w))

    def _country_of(self, aid: str) -> str | None:
        a = self.registry.actors.get(aid)
        if a is not None:
            if a.get("kind") == "state":
                return a.get("name")
            c = a.get("country")
            return self.registry.actors.get(c, {}).get("name") if c else None
        name = aid
        for n, kind in WORLD.names.items():
            if kind == "state" and re.sub(r"[^a-z]", "", n.casefold()) == re.sub(r"[^a-z]", "", aid.replace("-", "")):
                return n
        return WORLD.country.get(name)

    # -- roles ------------------------------------------------------------------------------------
    def _registry_roles(self, aid: str) -> None:
        a = self.registry.actors.get(aid)
        if not a:
            return
        country = self.registry.actors.get(a.get("country") or "", {}).get("name")
        for text in [a.get("role") or "", *list(a.get("descriptions") or [])]:
            m = DESIGNATION.search(text)
            if not m:
                continue
            kind, gender = ROLE_WORDS.get(m.group("role").casefold(), ("official", None))
            det = (m.group("det") or "").strip().casefold()
            gender = "f" if det == "la" else ("m" if det == "le" and gender is None else gender)
            if gender:
                self.gender.setdefault(aid, gender)
            states: set[str] = {country} if country else set()
            domains: set[str] = set()
            self._words(text[m.end() :], states, domains)
            states |= {w.name for w in WORLD.find(text[m.end() :]) if w.kind == "state"}
            self.roles.append(Role(aid, kind, states, domains, set(), country=country))

    def _apposed_roles(self, m: Mention) -> None:
        """'le ministre russe X', 'le ministre russe, X', 'X, porte-parole du gouvernement japonais,'."""
        line_start = self.body.rfind("\n", 0, m.start) + 1
        before = self.body[max(line_start, m.start - 160) : m.start]
        title = TITLE_GENDER.search(before)
        if title:
            self.gender.setdefault(m.actor, "f" if title["t"] in ("Mme", "Mlle", "Madame") else "m")
        cands = list(DESIGNATION.finditer(before))
        if cands:
            x = cands[-1]
            a = m.start - len(before) + x.start()
            d = self._parse(a, m.start - len(before) + x.end(), x, m.start)
            between = self.body[d.end : m.start]
            if d.end <= m.start and re.fullmatch(r"[\s\u00a0]*,?[\s\u00a0]*", between):
                self._add(m.actor, d)
        after = self.body[m.end : m.end + 200]
        comma = re.match(r"[\s\u00a0]*,[\s\u00a0]*", after)
        if comma:
            after_d = self.designation(m.end + comma.end(), m.end + len(after))
            if after_d is not None and after_d.start == m.end + comma.end():
                self._add(m.actor, after_d)

    def _add(self, person: str, d: Designation) -> None:
        if FAMILY.search(self.body[d.start : d.end]):
            return
        self.roles.append(Role(person, d.kind, set(d.states), set(d.domains), set(d.bodies), d.former))
        if d.gender and d.kind not in ("spokesperson",):
            self.gender.setdefault(person, d.gender)

    # -- resolution -------------------------------------------------------------------------------
    def resolve(self, d: Designation, exclude: set[str] | None = None) -> str | None:
        fits: dict[str, int] = {}  # person -> 2 if their institutions agree too, else 1
        for r in self.roles:
            if exclude and r.person in exclude:
                continue
            if not self._fits(d, r):
                continue
            score = 2 if (d.bodies and d.bodies & r.bodies) or not d.bodies else 1
            fits[r.person] = max(fits.get(r.person, 0), score)
        if not fits:
            # "le chef de l'État russe" in an article that never names him: the registry's one, if only one fits
            if not (d.definite and (d.states or d.domains or d.bodies)):
                return None  # "le diplomate" alone: whom, in an article that names nobody so?
            alone = {r.person for r in self.unnamed if self._fits(d, r)}
            return next(iter(alone)) if len(alone) == 1 else None
        best = max(fits.values())
        people = [p for p, s in fits.items() if s == best]
        before = [
            (max(at for at in self.named_at.get(p, []) if at < d.start), p)
            for p in people
            if any(at < d.start for at in self.named_at.get(p, []))
        ]
        if before:
            return max(before)[1]
        after = [(min(self.named_at.get(p, [10**9])), p) for p in people]
        return min(after)[1] if after else None

    def _fits(self, d: Designation, r: Role) -> bool:
        if not _compatible(d.kind, r.kind) or d.former != r.former:
            return False
        if r.country and d.nationality and d.nationality != {r.country}:
            return False  # "l'ambassadeur nord-coréen en Russie" is not Russia's ambassador
        if not (d.states <= r.states and d.domains <= r.domains):
            return False
        return not (d.gender and self.gender.get(r.person) and self.gender[r.person] != d.gender)

    def rewrite(self, mentions: list[Mention]) -> list[Mention]:
        """A registry description stands for the person this article gives that role ("le président russe"
        is Dmitri Medvedev in an article that named "le président russe Dmitri Medvedev")."""
        out = []
        for m in mentions:
            if m.via == "description" and self.kind_of(m.actor) == "person":
                start = self.body.rfind(" ", 0, max(0, m.start - 1)) + 1 if m.start else 0
                d = self.designation(m.start, m.end) or self.designation(start, m.end)
                person = self.resolve(d) if d is not None else None
                if person is not None and person != m.actor:
                    m = Mention(m.start, m.end, m.text, person, "person", "role", m.new)
                elif d is not None and d.gender and self.gender.get(m.actor) not in (None, d.gender):
                    continue  # "la diplomate" is not the registry's diplomat
                elif len(re.findall(r"[\w\-]+", re.sub(r"^(?:le|la|les|l[’'])\s*", "", m.text, flags=re.I))) == 1 and (
                    m.actor not in self.named_at
                ):
                    continue  # "le diplomate" alone is the registry's one only in an article that names him
            out.append(m)
        return out

    def has_role(self, aid: str) -> bool:
        return any(r.person == aid for r in self.roles)

    def person_gender(self, aid: str) -> str | None:
        return self.gender.get(aid)
