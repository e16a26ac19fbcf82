"""Actors named in a sentence: registry look-up first, spaCy entities second.

``Registry`` is built from data/actors.yaml (and data/places.yaml for places).
An alias matches with its spelling variants: hyphen or space ("Kim Jong-un" /
"Kim Jong Un"), straight or typographic apostrophe, any space (non-breaking,
narrow), upper or lower case on the first letter. A description ("le président
russe") matches after any determiner or contraction ("du président russe",
"au président russe"). A person's surname alone, or after "M."/"Mme", matches
when no other registry person bears it.

What the registry does not know is proposed: spaCy PER/ORG/MISC entities and
media cues ("l'agence Yonhap", "le journal Asahi Shimbun") become draft actors
with a slug id, a guessed kind, the spelling as alias and the sentence as
source. An entity that the registry knows is never proposed again, and an
entity that merely starts with a short registry alias ("Kim Yo Jong" against
"Kim") is a new person, not the registry one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_scripts.dataset.ids import slug
from build_scripts.extraction.nlp.world import UPPER_ACCENTS, WORLD, datelines, is_locative

HYPHENS = "-‐‑–"
APOS = "'’ʼ"
SPACE_CLASS = r"[\s\u00a0\u202f\u2009]+"
DETERMINERS = (
    r"(?:[Ll]e|[Ll]a|[Ll]es|[Ll][’']|[Dd]u|[Aa]u|[Aa]ux|[Dd]es|[Dd]e la|[Dd]e l[’']|[Ss]on|[Ss]a|[Cc]e|[Cc]et|[Cc]ette)"
)
MEDIA_WORDS = re.compile(
    r"\b(?:agence|presse|news|journal|times|post|tv|télévision|radio|quotidien|hebdomadaire|"
    r"chaîne|press|daily|shimbun|ilbo|herald|tribune|gazette|telegraph|monde|figaro|libération|"
    r"reuters|afp|yonhap|kcna|tass|ria|interfax|xinhua|bbc|cnn)\b",
    re.I,
)
ORG_WORDS = re.compile(
    r"\b(?:ministère|parti|gouvernement|armée|conseil|comité|assemblée|commission|nations unies|onu|"
    r"otan|union|organisation|fédération|banque|kremlin|maison|département|bureau|service|forces)\b",
    re.I,
)
MEDIA_CUE = re.compile(
    r"\b(?i:l[’']agence(?: de presse)?(?: (?-i:[a-zé\-]+)){0,2}|le journal(?: (?-i:[a-zé\-]+))?|le quotidien(?: (?-i:[a-zé\-]+))?|"
    r"la chaîne(?: (?-i:[a-zé\-]+))?|la radio(?: (?-i:[a-zé\-]+))?|le site(?: (?-i:[a-zé\-]+))?|la télévision(?: (?-i:[a-zé\-]+))?|"
    r"le média(?: (?-i:[a-zé\-]+))?)[\s\u00a0]+(?P<name>(?:[A-Z][\w’'\-]*|[A-Z]{2,})(?:[\s\u00a0]+(?:[A-Z][\w’'\-]*|de|du|la|des))*)"
)
# "le ministère japonais de la Défense", "l'état-major sud-coréen", "l'ambassade chinoise en Corée du Nord",
# "le Conseil de sécurité de Russie": an institution named by what it is. Not "l'armée russe" nor "la
# diplomatie nord-coréenne": a state's forces or policy, no actor of their own.
_SP = r"[\s\u00a0]+"
_NAT_ADJ = (
    r"(?!(?:de|du|des|la|le|les|et|en|a|est|au|aux|dans|sans|sous|pour|par|sur|avec|selon|après|avant|depuis|pendant"
    r"|mais|ont|sont|avait|été|une|une|qui|que|dont|se|ne|ce|cette|son|sa|ses|leur|leurs|lors)(?![\w\-]))"
    r"(?-i:(?:[a-zéèêëïîôûç]+-)?[a-zéèêëïîôûç]+(?:aise|ais|ienne|ien|oise|ois|aine|ain|ine|in|ande|and|ane|an|éenne|éen"
    r"|e|ale|al|aux|ales)s?(?![\w\-]))"
)
_DOMAIN = (
    r"(?:[Aa]ffaires[\s\u00a0]+[ée]trang[èe]res|[Dd][ée]fense(?:[\s\u00a0]+nationale)?|[Uu]nification|[Ii]nt[ée]rieur"
    r"|[ÉéEe]conomie|[Ff]inances|[Cc]ommerce(?:[\s\u00a0]+ext[ée]rieur)?|[Ii]ndustrie|[ÉéEe]nergie|[Jj]ustice|[Ss]ant[ée]"
    r"|[Ss][ée]curit[ée](?:[\s\u00a0]+(?:publique|d[’']État|d[’']Etat))?|[Aa]griculture|[Tt]ransports?|[Rr]enseignement)"
)
_PLACE = r"(?-i:[A-ZÉÈ][\w\-]+(?:[\s\u00a0]+(?:du|de[\s\u00a0]+la|des)[\s\u00a0]+[A-ZÉÈ][\w\-]+)?)"
_COMPL = rf"(?:de{_SP}la|du|des|de{_SP}l[’']|d[’']|de)[\s\u00a0]*(?:{_DOMAIN}|{_PLACE})"
_INST_COMPL = (
    r"(?:de[\s\u00a0]+la|du|des|de[\s\u00a0]+l[’']|d[’']|de)[\s\u00a0]*"
    rf"(?:{_PLACE}|(?!(?:la|le|les|son|sa|ses|leur|ce|cette)(?![\w\-]))(?-i:[a-zéèêëïîôûç\-]{{3,}}))"
    rf"(?:{_SP}(?-i:[a-zéèêëïîôûç\-]+(?:ique|ée|ale|al|aire|elle|el|ienne|ien|aise|ais)s?)(?![\w\-]))?"
)
ORG_CUE = re.compile(
    r"(?i:\b(?:le|la|l[’']|du|au|de la|de l[’']|à l[’']|à la)[\s\u00a0]*)"
    r"(?P<name>(?i:ministère|gouvernement|état-major|présidence|parlement|commandement|agence spatiale|ambassade"
    r"|conseil de sécurité|conseil national de sécurité|bureau du procureur|parquet|services? de renseignement"
    r"|garde côtière|comité central|assemblée nationale)"
    rf"(?:(?:{_SP}{_NAT_ADJ}){{1,2}}(?:{_SP}{_COMPL})?"
    rf"|{_SP}{_COMPL}(?:{_SP}{_NAT_ADJ})?(?:{_SP}{_COMPL})?)"
    rf"(?:{_SP}(?:en|à|au){_SP}{_PLACE})?"
    # "l'université Sogang", "l'université d'État de Moscou", "l'Institut d'études de la défense"
    rf"|(?i:université|institut|académie|fondation){_SP}(?:{_PLACE}|(?:{_NAT_ADJ}{_SP})?{_INST_COMPL})"
    rf"(?:{_SP}{_INST_COMPL}){{0,2}})"
)
NOISE = {"photo", "source", "comment", "sources", "légende", "crédit", "lire", "voir", "afp photo", "ndlr"} | {
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
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
}
# The head words of institutions: alone ("le Conseil") they name none in particular.
GENERIC_ORG = {
    "conseil",
    "parti",
    "comité",
    "commission",
    "ministère",
    "gouvernement",
    "assemblée",
    "institut",
    "université",
    "bureau",
    "département",
    "agence",
    "ambassade",
    "armée",
    "état",
    "etat",
    "union",
    "organisation",
    "groupe",
    "cour",
    "banque",
    "présidence",
}
# Credits and bylines: a photographer or a reporter is no actor, the medium named there is
# ("PHOTO JEAN DUPONT, REUTERS", "(Photo : X / AFP)", "(Reportage X; édité par Y)", "(ats/afp)").
CREDIT_SPANS = re.compile(
    r"\bPHOTOS?(?:[\s\u00a0,/:]+(?:[A-ZÀ-Þ][A-ZÀ-Þ’'\-.]*|[A-ZÀ-Þ]\.))+(?![a-zà-ÿ])"
    r"|\((?:Photos?|Crédits?|Source|Sources)[\s\u00a0]*:[^)\n]*\)"
    r"|(?<![\w(])(?:Photos?|Crédits?)[\s\u00a0]*:[^\n.()]*"
    r"|\((?:Reportage|Rédaction|Rédigé|[ÉE]dité|[ÉE]dition|Avec|Par|Version française|Traduction|Texte|[ÉE]crit)\b[^)\n]*\)"
    r"|\([a-zA-Z]{2,12}(?:[\s\u00a0]*/[\s\u00a0]*[a-zA-Z]{2,12})+\)"
    r"|©[^\n]*"
    # bylines, alone on their line: "Par Jean Dupont", "Jean Dupont, correspondant à Séoul", "Avec AFP"
    r"|^[\s\u00a0]*(?:Par|De notre (?:correspondante?|envoyée? spéciale?)|Propos recueillis par)[\s\u00a0]+"
    r"[A-ZÀ-Þ][\w’'\-]+(?:[\s\u00a0]+[A-ZÀ-Þ][\w’'\-]+){0,3}(?:[\s\u00a0]*(?:,|et|/|à)[^\n.]{0,60})?$"
    # ("Avec AFP", "Avec l'AFP et Reuters", "Avec agences"; not a heading "Avec Séoul en ligne de mire")
    r"|^[\s\u00a0]*Avec[\s\u00a0]+(?:(?:l[’']|les?[\s\u00a0]|la[\s\u00a0]|des[\s\u00a0]|agences?\b|et\b|[A-ZÀ-Þ][\w’'\-.]*|[/,&])"
    r"[\s\u00a0]*){1,8}$"
    r"|^[\s\u00a0]*[A-ZÀ-Þ][\w’'\-]+(?:[\s\u00a0]+[A-ZÀ-Þ][\w’'\-]+){1,3},[\s\u00a0]+(?:correspondante?|envoyée?"
    r"[\s\u00a0]+spéciale?|journaliste|reporter|photographe)\b[^\n.]{0,60}$"
    r"|(?:(?<=[.!?»]\s)|^)(?:[A-ZÀ-Þ][\w’'\-]+[\s\u00a0]+){1,3}/[\s\u00a0]*[A-ZÀ-Þ][\w’'\-]+(?:[\s\u00a0]+[A-ZÀ-Þ][\w’'\-]+)*",
    re.M,
)
# "la mer du Japon", "le détroit de Corée": geography, not the state
GEOGRAPHY_OF = re.compile(
    r"(?i:\b(?:mer|golfe|détroit|océan|baie|île|îles|archipel)[\s\u00a0]+(?:du|de[\s\u00a0]+la|de|des|d[’'])[\s\u00a0]*)$"
)
# "le porte-parole du Kremlin", "la ministre des Affaires étrangères de la Corée du Nord": an institution or
# a state inside a person's title
TITLE_OF = re.compile(
    r"(?i:\b(?:porte-parole|(?:vice-|premier[\s\u00a0]+)?ministre|ambassadeur|ambassadrice|(?:vice-)?présidente?|secrétaire"
    r"|directeur|directrice|chef|cheffe|dirigeante?|conseiller|conseillère|responsable|représentante?|envoyée?|commandant"
    r"|chercheur|chercheuse|professeure?|spécialiste|experte?|analyste|négociateur|négociatrice)"
    r"(?:[\s\u00a0]+(?-i:[a-zéèêëïîôûç\-]+)){0,2}"
    r"(?:[\s\u00a0]+(?:du|des|de[\s\u00a0]+la|de[\s\u00a0]+l[’']|d[’']|de)[\s\u00a0]*(?:[A-ZÉ][\w\-]+[\s\u00a0]+){0,3}?)"
    r"(?:(?:du|des|de[\s\u00a0]+la|de[\s\u00a0]+l[’']|d[’']|de)[\s\u00a0]*)?)$"
)
# "le locataire du Kremlin" is the president, not the Kremlin
PERIPHRASIS_OF = re.compile(
    r"(?i:\b(?:locataire|maître|maitre|hôte|patron)[\s\u00a0]+(?:du|de[\s\u00a0]+la)[\s\u00a0]+)$"
)
TITLED = re.compile(
    r"(?<![\w])(?:M\.|Mme|Mlle|MM\.)[\s\u00a0]+[A-ZÉÈÀÂÎÔÛÇ][\w’'\-]+(?:[\s\u00a0]+[A-ZÉÈÀÂÎÔÛÇ][\w’'\-]+)*"
)
# "le vice-ministre sud-coréen Cho Hyun-woo": a role word, its complements, then a name of 2-4 capitalised words.
ROLE_NAME = re.compile(
    r"(?i:\b(?:vice-|ex-)?(?:ministre|président|présidente|porte-parole|ambassadeur|ambassadrice|général|amiral|"
    r"diplomate|chef|dirigeant|dirigeante|secrétaire|député|députée|sénateur|conseiller|conseillère|négociateur|"
    r"analyste|professeur|chercheur|chercheuse|directeur|directrice|envoyé|envoyée|représentant|représentante|"
    r"gouverneur|maire|commandant|colonel|expert|experte|journaliste|chancelier|chancelière|correspondant|"
    r"correspondante|responsable|militant|militante|opposant|opposante))"
    r"(?:[\s\u00a0]+(?-i:[a-zéèêëïîôûç\-]+)|[\s\u00a0]+(?:de|des|du|d[’']|en|à|au|aux)[\s\u00a0]*(?:la[\s\u00a0]+|l[’'])?[A-ZÉ][\w\-]+){0,4}"
    r",?[\s\u00a0]+(?P<name>[A-ZÉÈ][\w’'\-]+(?:[\s\u00a0]+[A-ZÉÈ][\w’'\-]+){1,3})"
)
# A designation followed by a nationality ("le diplomate américain") or by a name in apposition
# ("le président russe Vladimir Poutine", "le journal sud-coréen JoongAng Ilbo") is about that
# nationality or that name: the name decides, the designation alone does not.
NATIONALITY = re.compile(
    r"[\s\u00a0]+(?:(?:nord|sud|est|ouest)-)?(?:[a-zéèëï]+(?:aine?|ienne?|aise?|oise?|éenne?|ande?|ane|ine|ique|que)"
    r"|russe|turc|grec|belge|suisse|kazakh|ouzbek|mongole?|tchèque|slovaque|finnoise?|khmère?)s?(?![\w\-])"
)
APPOSED_NAME = re.compile(r",?[\s\u00a0]+[A-ZÀ-Þ][\w’'\-]*")
# A short name ("Kim", "Choe") glued to another capitalised word is part of another person's name:
# "Kim Yo Jong", "Choe Ryong Hae", "Sung Kim". Capitalised words that start a clause do not count.
NEXT_NAME = re.compile(r"[\s\u00a0]+[A-ZÀ-Þ][a-zà-ÿ’'\-]")
PREV_NAME = re.compile(r"(?:^|[\s\u00a0(])(?P<w>[A-ZÀ-Þ][a-zà-ÿ’'\-]+)[\s\u00a0]+$")
_NAME_WORD = r"[A-ZÀ-Þ][a-zà-ÿ’'\-]+"
NAME_RUN = re.compile(rf"(?<![\w\-])(?:{_NAME_WORD}[\s\u00a0]+){{1,3}}{_NAME_WORD}(?![\w\-])")  # 2-4 capitalised words
CLAUSE_WORDS = {
    "selon",
    "pour",
    "mais",
    "et",
    "quand",
    "lorsque",
    "si",
    "pendant",
    "après",
    "avant",
    "avec",
    "le",
    "la",
    "les",
    "pourtant",
    "ainsi",
    "alors",
    "car",
    "donc",
    "or",
    "ni",
    "comme",
    "tandis",
    "puis",
    "enfin",
    "entre",
    "chez",
    "par",
    "sans",
    "sous",
    "sur",
    "vers",
    "dans",
    "en",
    "depuis",
    "contre",
    "face",
    "outre",
    "hier",
    "demain",
    "aujourd'hui",
    "aujourd’hui",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "mm",
    "monsieur",
    "madame",
    "camarade",
    "maréchal",
    "président",
    "présidente",
    "dirigeant",
    "ministre",
    "général",
    "leader",
    "d'après",
    "d’après",
    "ensuite",
    "cependant",
    "toutefois",
    "aussi",
    "même",
    "seul",
    "seule",
    "que",
    "qu'",
    "dont",
    "où",
    "à",
}
HEAD_OF = re.compile(
    r"(?i:\b(?:chef|patron|patronne|responsable|directeur|directrice|dirigeant|dirigeante|"
    r"numéro un|porte-parole))[\s\u00a0]*$"
)
SPACES_AND_PUNCT = " \u00a0\u202f,;:"


def _variant_pattern(phrase: str, *, loose_first: bool) -> str:
    out: list[str] = []
    for i, ch in enumerate(phrase.strip()):
        if ch in HYPHENS or ch.isspace() or ch in "\u00a0\u202f":
            if out and out[-1] == r"[\s\u00a0\u202f\u2009\-‐‑–]*":
                continue
            out.append(r"[\s\u00a0\u202f\u2009\-‐‑–]*" if ch in HYPHENS else r"[\s\u00a0\u202f\u2009\-‐‑–]+")
        elif ch in APOS:
            out.append("[" + APOS + "]")
        elif i == 0 and loose_first and ch.isalpha():
            out.append(f"[{re.escape(ch.lower())}{re.escape(ch.upper())}{UPPER_ACCENTS.get(ch.upper(), '')}]")
        elif ch in UPPER_ACCENTS:  # capitals often lose their accent: "Etats-Unis"
            out.append(f"[{ch}{UPPER_ACCENTS[ch]}]")
        elif ch.isalpha() and i > 0 and phrase.strip()[i - 1] in HYPHENS and ch.lower() != ch.upper():
            out.append(f"[{ch.lower()}{ch.upper()}]")  # "Kim Jong-un", "Kim Jong-Un"
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    actor: str  # actor id (registry or proposed)
    kind: str  # person, state, organisation, media, group
    via: str  # alias, description, surname, entity, cue
    new: bool = False


class Registry:
    """Actors and places known to data/, with their matchers."""

    def __init__(self, actors: list[dict], places: list[dict] | None = None):
        self.actors = {a["id"]: a for a in actors if isinstance(a, dict) and isinstance(a.get("id"), str)}
        self.places = {p["id"]: p for p in (places or []) if isinstance(p, dict) and isinstance(p.get("id"), str)}
        entries: list[tuple[str, str, str]] = []  # (pattern, actor id, via)
        # one-word aliases that are the first word of the person's name (family name first: "Kim", "Choe")
        self._leading_short: set[tuple[str, str]] = set()
        seen: set[str] = set()
        surnames: dict[str, set[str]] = {}
        for aid, a in self.actors.items():
            first_words = {
                n.split()[0].casefold()
                for n in [a.get("name") or ""] + list(a.get("aliases") or [])
                if len(n.split()) >= 2
            }
            for alias in [a.get("name") or ""] + list(a.get("aliases") or []):
                if alias and alias.strip():
                    entries.append((_variant_pattern(alias, loose_first=False), aid, "alias"))
                    seen.add(alias.casefold())
                    if len(alias.split()) == 1 and alias.casefold() in first_words:
                        self._leading_short.add((aid, alias.casefold()))
            for desc in a.get("descriptions") or []:
                core = re.sub(r"^(?:le|la|les|l['’])\s*", "", desc.strip(), flags=re.I)
                pat = _variant_pattern(core, loose_first=True)
                if len(core.split()) == 1:  # a one-word description needs its determiner
                    pat = DETERMINERS + SPACE_CLASS.replace("+", "*") + pat
                    pat = r"(?:" + pat + r")"
                entries.append((pat, aid, "description"))
            if a.get("kind") == "person":
                parts = (a.get("name") or "").split()
                if len(parts) >= 2:
                    surnames.setdefault(parts[-1], set()).add(aid)
        for surname, ids in surnames.items():
            # Korean names put the family name first ("Kim Jong Un"): a short last part ("Un") is no surname.
            if len(ids) == 1 and surname.casefold() not in seen and len(surname) >= 4:
                aid = next(iter(ids))
                entries.append(
                    (r"(?:(?:M\.|Mme|Mlle)[\s\u00a0]+)?" + _variant_pattern(surname, loose_first=False), aid, "surname")
                )
        # One-word aliases of people (family names first: "Kim"; surnames: "Lavrov"), for longer_names.
        leading = {alias for _aid, alias in self._leading_short}
        self._short_names = (
            leading,
            leading
            | {
                x.casefold()
                for a in self.actors.values()
                if a.get("kind") == "person"
                for x in a.get("aliases") or []
                if len(x.split()) == 1
            },
        )
        # Longest patterns first, so that "Kim Jong Un" wins over "Kim" at the same place.
        entries.sort(key=lambda e: (-len(e[0]), e[1]))
        self._entries = entries
        self._regex = (
            re.compile("|".join(f"(?P<g{i}>{p})" for i, (p, _a, _v) in enumerate(entries))) if entries else None
        )
        self._bound = re.compile(r"[\w\-‐‑]")
        self._spellings: dict[str, str | None] = {}  # known_spelling's answers
        place_entries = []
        for pid, p in self.places.items():
            for alias in [p.get("name") or ""] + list(p.get("aliases") or []):
                if alias and alias.strip():
                    place_entries.append((_variant_pattern(alias, loose_first=True), pid))
        place_entries.sort(key=lambda e: (-len(e[0]), e[1]))
        self._place_entries = place_entries
        self._place_regex = (
            re.compile("|".join(f"(?P<p{i}>{p})" for i, (p, _x) in enumerate(place_entries))) if place_entries else None
        )

    def kind(self, actor_id: str) -> str | None:
        a = self.actors.get(actor_id)
        return a.get("kind") if a else None

    def known_spelling(self, text: str) -> str | None:
        """Actor id whose alias or name is exactly this text (spelling variants allowed)."""
        if text in self._spellings:
            return self._spellings[text]
        aid = next((m.actor for m in self.find(text) if m.start == 0 and m.end == len(text.rstrip())), None)
        self._spellings[text] = aid
        return aid

    def find(self, text: str, offset: int = 0) -> list[Mention]:
        """Registry mentions in text (offsets shifted by offset), leftmost-longest, no overlaps."""
        out: list[Mention] = []
        if not self._regex:
            return out
        pos = 0
        while True:
            m = self._regex.search(text, pos)
            if not m:
                break
            a, b = m.span()
            left_ok = (
                a == 0
                or not self._bound.match(text[a - 1])
                or (text[a - 1] in "-‐‑" and a > 1 and text[a - 2].isalpha() and text[a].isupper())
            )
            right_ok = (
                b >= len(text)
                or not self._bound.match(text[b])
                or (text[b] in "-‐‑" and b + 1 < len(text) and text[b + 1].isupper())
            )
            if not left_ok or not right_ok or b == a:
                pos = a + 1
                continue
            assert m.lastgroup is not None
            idx = int(m.lastgroup[1:])
            _p, aid, via = self._entries[idx]
            if not self._stands_for(text, a, b, aid, via):
                pos = b
                continue
            out.append(Mention(offset + a, offset + b, text[a:b], aid, self.kind(aid) or "person", via))
            pos = b
        # "Russie-Corée du Nord": a name glued by a hyphen counts only next to another registry name
        # ("Russie-Unie" is not Russia).
        keep: list[Mention] = []
        for i, mention in enumerate(out):
            a, b = mention.start - offset, mention.end - offset
            glued_left = a > 0 and text[a - 1] in "-‐‑"
            glued_right = b < len(text) and text[b] in "-‐‑"
            if glued_left and not (i > 0 and out[i - 1].end - offset == a - 1):
                continue
            if glued_right and not (i + 1 < len(out) and out[i + 1].start - offset == b + 1):
                continue
            keep.append(mention)
        return keep

    def _stands_for(self, text: str, a: int, b: int, aid: str, via: str) -> bool:
        """Does the match text[a:b] really designate actor aid, given the words around it?"""
        if via == "description":
            return not (NATIONALITY.match(text, b) or APPOSED_NAME.match(text, b))
        if self.kind(aid) != "person":
            return True
        word = re.sub(r"^(?:M\.|Mme|Mlle)[\s\u00a0]+", "", text[a:b])
        if len(word.split()) != 1:
            return True
        if NEXT_NAME.match(text, b):
            return False  # "Kim Yo Jong", "Lavrov Junior": a longer name the registry does not know
        prev = PREV_NAME.search(text, 0, a) if (aid, word.casefold()) in self._leading_short else None
        return not (prev and prev["w"].casefold() not in CLAUSE_WORDS)  # "Sung Kim" is not "Kim Jong Un"

    def longer_names(self, text: str) -> list[tuple[int, int]]:
        """Spans of names that contain a registry person's one-word alias but are someone else's
        ("Kim Yo Jong", "Choe Ryong Hae", "Sung Kim"): people to propose, whatever spaCy saw."""
        leading, shorts = self._short_names
        if not shorts:
            return []
        out = []
        known = None  # the registry's own matches, looked up once, when a candidate needs them
        for m in NAME_RUN.finditer(text):
            words = m.group().split()
            while words and words[0].casefold() in CLAUSE_WORDS:
                words = words[1:]
            hit = next((i for i, w in enumerate(words) if w.casefold() in shorts), None)
            if hit is None:
                continue
            if words[hit].casefold() in leading and len(words) - hit >= 2:
                words = words[hit:]  # a family name first starts the name: "Défense Kim Song Nam"
            if len(words) < 2:
                continue
            a, b = text.index(words[0], m.start()), m.end()
            known = self.find(text) if known is None else known
            if self.known_spelling(text[a:b]) or any(x.start <= a and x.end >= b for x in known):
                continue
            out.append((a, b))
        return out

    def find_places(self, text: str, offset: int = 0) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        if not self._place_regex:
            return out
        for m in self._place_regex.finditer(text):
            a, b = m.span()
            if (a > 0 and self._bound.match(text[a - 1])) or (b < len(text) and self._bound.match(text[b])):
                continue
            assert m.lastgroup is not None
            out.append((offset + a, offset + b, self._place_entries[int(m.lastgroup[1:])][1]))
        return out


def guess_kind(name: str, label: str, cue: bool = False) -> str:
    if cue or MEDIA_WORDS.search(name):
        return "media"
    if ORG_WORDS.search(name) or label == "ORG":
        return "organisation"
    return "person" if label == "PER" else "organisation"


NAME_POS = {"PROPN", "X"}
COMMON_WORDS = {
    "visite",
    "voyage",
    "sommet",
    "rencontre",
    "rencontres",
    "entretien",
    "entretiens",
    "réunion",
    "accord",
    "lettre",
    "lettres",
    "invitation",
    "photo",
    "source",
    "crédit",
    "légende",
    "selon",
    "après",
    "avant",
    "lors",
    "depuis",
    "pour",
    "avec",
    "sans",
    "sous",
    "entre",
    "vers",
    "chez",
    "président",
    "présidente",
    "ministre",
    "dirigeant",
    "dirigeante",
    "leader",
    "chef",
    "général",
    "ambassadeur",
    "porte-parole",
    "secrétaire",
    "vice-ministre",
    "premier",
    "première",
    "monsieur",
    "madame",
    "camarade",
    "maréchal",
    "interrogé",
    "interrogée",
    "commentant",
}


def _trim_entity(doc, a: int, b: int, label: str):
    """Drop the common words that spaCy glued to a name ("Visite de Choe" -> "Choe"); None if nothing is left.

    An organisation keeps its words ("Agence centrale de presse coréenne") but needs a proper noun,
    an acronym, or an organisation/media word in it.
    """
    toks = [t for t in doc if a <= t.idx < b]
    if not toks:
        return None
    if label == "PER":
        # spaCy's small model tags many foreign names as determiners, verbs or nouns ("Li Qiang", "Yo Jong",
        # "Sergueï"): keep a capitalised word unless it is a function word or a common news word.
        def noise(t) -> bool:
            if t.text in ("M.", "Mme", "Mlle"):
                return False
            if t.idx > 0 and (doc.text[t.idx - 1] in HYPHENS or t.text[:1] in HYPHENS):
                return False  # "Kim Jong-Il", "Ri Yong-ho": glued to the name
            return (
                t.pos_ == "PUNCT"
                or not t.text[:1].isupper()
                or t.text.casefold() in COMMON_WORDS
                or t.text.casefold() in CLAUSE_WORDS
                or (t.is_stop and t.pos_ in ("DET", "ADP", "PRON", "CCONJ", "SCONJ", "ADV"))
            )

        while toks and noise(toks[0]):
            toks = toks[1:]
        while toks and noise(toks[-1]):
            toks = toks[:-1]
        if not toks:
            return None
        return toks[0].idx, toks[-1].idx + len(toks[-1].text), label
    text = doc.text[a:b]
    if (
        any(t.pos_ in NAME_POS for t in toks)
        or re.search(r"\b[A-Z]{2,}\b", text)
        or MEDIA_WORDS.search(text)
        or ORG_WORDS.search(text)
    ):
        return a, b, label
    return None


def _clean_entity(text: str) -> str:
    text = text.strip(' \u00a0\u202f,;:.()|«»“”"')
    text = re.sub(r"^(?:M\.|Mme|Mlle|Dr|Pr)[\s\u00a0]+", "", text)
    return text.strip()


def _plausible(name: str) -> bool:
    if len(name) < 3 or "\n" in name or name.casefold() in NOISE:
        return False
    if not (name[0].isupper() or name[0].isdigit()):
        return False
    words = name.split()
    if len(words) > 6:
        return False
    if len(words) == 1:
        return name.casefold() not in GENERIC_ORG  # "le Conseil", "le Parti": which one?
    # "Parti communiste vietnamien", "Conseil de sécurité russe": an institution's words are lowercase
    if words[0].casefold() in GENERIC_ORG:  # "Parti communiste vietnamien", not "Parti communiste"
        return any(w[0].isupper() or WORLD.state_of_adjective(w) for w in words[1:])
    return not all(w[0].islower() for w in words[1:])


class ArticleActors:
    """Mentions of one article, with the new actors it proposes (shared ids across sentences)."""

    def __init__(self, registry: Registry, places_aliases: set[str] | None = None, body: str | None = None):
        self.registry = registry
        self.proposed: dict[str, dict] = {}  # id -> {name, kind, alias set}
        self.surnames: dict[str, str] = {}  # surname of a proposed person -> id
        place_aliases = set()
        for p in registry.places.values():
            for alias in [p.get("name") or ""] + list(p.get("aliases") or []):
                place_aliases.add(alias.casefold())
        self.place_aliases = place_aliases | (places_aliases or set())
        # where only media count: credits and bylines; datelines ("(Séoul)", "SEOUL, 19 octobre (Reuters) -")
        self.credits = [m.span() for m in CREDIT_SPANS.finditer(body)] if body else []
        self.credits += datelines(body) if body else []

    def _in_credit(self, a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in self.credits)

    def mentions(self, text: str, offset: int, ents: list[tuple[int, int, str]], doc=None) -> list[Mention]:
        """Every actor mention of a sentence. ents: (start, end, label) relative to text; doc: its spaCy Doc."""
        found = self.registry.find(text, offset)
        if doc is not None:
            ents = [e for e in (_trim_entity(doc, a, b, label) for a, b, label in ents) if e is not None]
        ents = [e for e in ents if not self._in_credit(offset + e[0], offset + e[1])]
        extra: list[Mention] = []
        for w in WORLD.find(text):  # states, international bodies and media any reader knows
            a, b = offset + w.start, offset + w.end
            # the registry wins, unless its name is only part of a longer one ("le parti au pouvoir en Chine")
            if any(
                f.start < b and f.end > a and not (a <= f.start and f.end <= b and f.end - f.start < b - a)
                for f in found + extra
            ):
                continue
            aid = self.registry.known_spelling(w.name)
            if aid:
                found.append(Mention(a, b, text[w.start : w.end], aid, self.registry.kind(aid) or w.kind, "alias"))
            else:
                extra.append(self._new(w.name, a, b, w.kind, "world", alias=text[w.start : w.end]))
        for m in MEDIA_CUE.finditer(text):
            name = _clean_entity(m.group("name"))
            a = m.start("name")
            if self.registry.known_spelling(name) or not _plausible(name):
                continue
            if any(f.start < offset + a + len(name) and f.end > offset + a for f in found + extra):
                continue  # "l'agence TASS Dmitri Peskov": the registry knows better
            extra.append(self._new(name, offset + a, offset + a + len(name), "media", "cue"))
        for m in ROLE_NAME.finditer(text):  # a person introduced by a role, even when spaCy misses or cuts it
            a, b = m.span("name")
            if any(f.start < offset + b and f.end > offset + a for f in found + extra):
                continue
            if not any(e[0] <= a and b <= e[1] and e[2] == "PER" for e in ents):
                ents = [e for e in ents if not (e[0] < b and e[1] > a)] + [(a, b, "PER")]
        for a, b in self.registry.longer_names(text):  # "Kim Yo Jong" is not "Kim"
            if (a, b, "PER") not in ents:
                ents = [e for e in ents if not (e[0] < b and e[1] > a)] + [(a, b, "PER")]
        for m in TITLED.finditer(text):  # "M. Belooussov": a person even when spaCy misses it
            if any(f.start < offset + m.end() and f.end > offset + m.start() for f in found):
                continue
            ents = list(ents) + [(m.start(), m.end(), "PER")]
        for m in ORG_CUE.finditer(text):
            a, b = m.span("name")
            name = m.group("name")
            words = name.split()
            state = (
                WORLD.state_of_adjective(words[1])
                if len(words) == 2 and words[0].casefold() == "gouvernement"
                else None
            )
            if state:  # "le gouvernement japonais" speaks for Japan
                aid = self.registry.known_spelling(state)
                if not any(f.start < offset + b and f.end > offset + a for f in found + extra):
                    if aid:
                        found.append(
                            Mention(offset + a, offset + b, name, aid, self.registry.kind(aid) or "state", "alias")
                        )
                    else:
                        extra.append(self._new(state, offset + a, offset + b, "state", "cue", alias=name))
                continue
            # a state named inside the institution's name stays ("Conseil de sécurité de Russie")
            if any(
                f.start < offset + b and f.end > offset + a and not (offset + a < f.start and f.end <= offset + b)
                for f in found + extra
            ):
                continue
            extra.append(self._new(name[0].lower() + name[1:], offset + a, offset + b, "organisation", "cue"))
        for a, b, label in ents:
            if label not in ("PER", "ORG", "MISC"):
                continue
            # "LCI Paul Girard": a medium glued to a name by spaCy; the rest is a person
            head = next((f for f in found + extra if f.start == offset + a and f.end < offset + b), None)
            if head is not None and label != "PER":
                rest = text[head.end - offset : b].strip(SPACES_AND_PUNCT)
                if re.fullmatch(rf"{_NAME_WORD}(?:[\s\u00a0]+{_NAME_WORD}){{1,2}}", rest):
                    a, label = b - len(rest), "PER"
            raw = text[a:b]
            name = _clean_entity(raw)
            a2 = a + raw.find(name)
            b2 = a2 + len(name)
            # A surname alone refers back to a person proposed earlier in the article ("a précisé Petrenko").
            if len(name.split()) == 1 and name in self.surnames:
                if not any(f.start < offset + b2 and f.end > offset + a2 for f in found + extra):
                    aid = self.surnames[name]
                    extra.append(
                        Mention(offset + a2, offset + b2, name, aid, self.proposed[aid]["kind"], "entity", True)
                    )
                continue
            if not _plausible(name) or name.casefold() in self.place_aliases:
                continue
            inside = [m for m in found if m.start >= offset + a2 and m.end <= offset + b2]
            overlapping = [m for m in found if m.start < offset + b2 and m.end > offset + a2]
            if self.registry.known_spelling(name):
                continue
            if overlapping and not (
                inside
                and all(
                    m.via in ("alias", "surname") and len(m.text.split()) == 1 and (m.end - m.start) < (b2 - a2)
                    for m in overlapping
                )
                and len(inside) == len(overlapping)
            ):
                continue
            if label == "MISC" and not MEDIA_WORDS.search(name):
                continue  # "le projet Aurora", "la Fête de la moisson": a programme or a holiday, not an actor
            if any(e.start < offset + b2 and e.end > offset + a2 for e in extra):
                continue
            kind = guess_kind(name, label)
            extra.append(self._new(name, offset + a2, offset + b2, kind, "entity"))
            found = [m for m in found if m not in inside]
        result: list[Mention] = []
        for mention in sorted(found + extra, key=lambda x: (x.start, -x.end)):
            if mention.kind != "media" and self._in_credit(mention.start, mention.end):
                continue  # the photographer, the dateline's city
            at = mention.start - offset
            if mention.kind == "state" and mention.text.casefold() in WORLD.capitals and is_locative(text, at):
                continue  # "à Pékin": where, not who
            if PERIPHRASIS_OF.search(text, 0, at):
                continue  # "le locataire du Kremlin": the president, named elsewhere
            if mention.kind == "state" and GEOGRAPHY_OF.search(text, 0, at):
                continue  # "la mer du Japon": a sea, not the state
            if mention.kind != "person" and TITLE_OF.search(text, 0, at):
                # "le porte-parole du Kremlin": an actor of the article, and someone's affiliation, not a party
                mention = Mention(
                    mention.start, mention.end, mention.text, mention.actor, mention.kind, "title", mention.new
                )
            result.append(mention)
        return result

    def _new(self, name: str, start: int, end: int, kind: str, via: str, alias: str | None = None) -> Mention:
        aid = slug(name)
        if aid in self.registry.actors:  # same slug as a registry actor: it is that actor
            return Mention(start, end, alias or name, aid, self.registry.kind(aid) or kind, "alias")
        rec = self.proposed.setdefault(aid, {"name": name, "kind": kind, "aliases": []})
        if (alias or name) not in rec["aliases"]:
            rec["aliases"].append(alias or name)
        if kind == "person" and len(name.split()) >= 2:
            # a later "Mme Choe" or "Riabkov" refers back: family name last, or first (Korean, Chinese names)
            for part in (name.split()[-1], name.split()[0]):
                self.surnames.setdefault(part, aid)
        return Mention(start, end, alias or name, aid, rec["kind"], via, True)
