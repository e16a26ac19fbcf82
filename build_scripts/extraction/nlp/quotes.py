"""Quoted passages and who speaks them.

A quote is a top-level « … », “ … ” or " … " passage (marks nested inside
belong to it; a quote may run over several sentences: sentences are never cut
inside quotation marks). Its text is the words between the marks, trimmed of
the spaces next to them (normal, non-breaking or narrow), otherwise verbatim.

Speaker, from the attribution in the sentence, in this order:

1. a speech verb *before* the quote with its subject: "X a souligné que « … »",
   "X a déclaré : « … »", "Il a ajouté : « … »" (a pronoun is the person the
   sentence started with, else the previous speaker of the article);
2. a speech verb *after* the quote with the subject after it: "« … », a
   déclaré X", "a indiqué KCNA", "a conclu l'agence de presse nord-coréenne"
   (a description resolved through the registry), "a-t-il ajouté" (previous
   speaker); "selon X" / "d'après X" anywhere in the sentence. When (1) found
   the speaker, this one is kept as ``reported_by`` (the relay).
3. nothing: speaker null. Never a guess.

Kind: "term" for a passage of one to three words (« défensif », « très substantiels »),
"speech" from four words on, verb or not (« un partenariat stratégique et global »).
"""

from __future__ import annotations

import re

from build_scripts.dataset.ids import slug
from build_scripts.extraction.nlp.actors import Mention
from build_scripts.extraction.nlp.model import SPACES, Sentence, quote_spans
from build_scripts.extraction.nlp.roles import DESIGNATION, Roles

AUX = r"(?:a|ont|avait|avaient|aurait|auraient|aura|auront|avaient|est|sont|était|s[’']est|se sont)"
PRONOUN = r"(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))"
ADVERBS = (
    r"(?:(?:également|aussi|encore|notamment|alors|déjà|ensuite|toutefois|pourtant|enfin|même|ainsi|aussitôt|plus tard"
    r"|de son côté|quant à (?:lui|elle)|pour sa part|par ailleurs|lui-même|elle-même|ne|n[’']|pas|jamais|bien|simplement"
    r"|clairement|publiquement|fermement|vivement|d[’']ailleurs|lui|elle|eux|elles)[\s\u00a0,]+)*"
)
PARTICIPLES = (
    "déclaré|dit|affirmé|souligné|ajouté|indiqué|conclu|expliqué|estimé|assuré|annoncé|précisé|rapporté|noté|"
    "insisté|répondu|poursuivi|écrit|confié|lancé|martelé|averti|prévenu|jugé|qualifié|dénoncé|rappelé|"
    "promis|reconnu|révélé|confirmé|admis|observé|commenté|déploré|salué|exprimé|réagi|tweeté|twitté|"
    "plaidé|fait valoir|fait savoir|informé|mentionné|évoqué|relevé|regretté|réclamé|exhorté|appelé|"
    "accusé|ironisé|résumé|signalé|raconté|confié|tranché|prévenu|menacé|proclamé|protesté|répliqué|"
    "renchéri|soutenu|martelé|fustigé|démenti|nié|déclarée?s?|assurée?s?|insistée?|félicité|invité|proposé|"
    "répété|argué|argumenté|complété|nuancé|glissé|souligné|avancé|objecté|rétorqué|concédé|poursuivi|"
    "enchaîné|détaillé|lâché|tonné|dit craindre|jugé bon de préciser|rassuré|temporisé|relativisé|analysé|justifié|"
    "exhorté|mis en garde|alerté|réaffirmé|garanti|prédit|pointé|constaté|décrit|"
    "(?:tenue?|voulue?|souhaitée?)[\\s\\u00a0]+(?:à[\\s\\u00a0]+)?(?:souligner|préciser|rappeler|dire|déclarer|affirmer|ajouter|"
    "insister|indiquer|expliquer|assurer|réaffirmer|dénoncer|avertir|prévenir|rassurer|répéter|mettre en garde)"
)
PRESENT = (
    "déclare|déclarent|dit|disent|affirme|affirment|souligne|soulignent|ajoute|ajoutent|indique|indiquent|"
    "conclut|concluent|explique|expliquent|estime|estiment|assure|assurent|annonce|annoncent|précise|"
    "précisent|rapporte|rapportent|note|notent|insiste|insistent|répond|répondent|poursuit|poursuivent|"
    "écrit|écrivent|confie|lance|martèle|avertit|prévient|juge|jugent|qualifie|dénonce|dénoncent|rappelle|"
    "rappellent|promet|reconnaît|révèle|confirme|confirment|admet|observe|commente|déplore|salue|saluent|"
    "exprime|expriment|réagit|plaide|fait valoir|fait savoir|informe|mentionne|évoque|relève|regrette|"
    "réclame|appelle|accuse|ironise|résume|signale|raconte|tranche|proclame|réplique|renchérit|soutient|"
    "fustige|dément|nie|déclarait|affirmait|soulignait|ajoutait|indiquait|expliquait|estimait|assurait|"
    "précisait|écrivait|disait|déclara|affirma|souligna|ajouta|indiqua|expliqua|conclut|assura|précisa|"
    "répète|répètent|argue|complète|nuance|glisse|avance|objecte|rétorque|concède|enchaîne|détaille|lâche|"
    "tonne|relativise|répétait|arguait|nuançait|rétorquait|analyse|analysent|analysait|décrypte|résume|pointe|"
    "constate|constatent|prédit|réaffirme|réaffirment|exhorte|alerte|met en garde|juge-t-il|estime-t-il"
)
VERB = re.compile(
    rf"(?<![\w\-])(?:(?P<aux>{AUX}){PRONOUN}?[\s\u00a0,]+{ADVERBS}(?:{PARTICIPLES})|(?:{PRESENT}){PRONOUN}?)(?![\w\-])"
    rf"(?P<t>-t-(?:il|elle|on)|-(?:il|elle|ils|elles))?",
    re.I,
)
# a quote that narrates in the third person ("« et a exprimé sa volonté de … »") is the report's, not a speaker's;
# unless it completes "X a dit qu'il « a … »"
NARRATIVE = re.compile(
    r"(?:(?:et|mais|puis)[\s\u00a0]+)?(?:a|ont|avait|avaient|est|sont|s[’']est|se sont)[\s\u00a0]+"
    r"(?:(?:également|aussi|encore|notamment|déjà|ensuite)[\s\u00a0]+)?[a-zéèêëîïôûç]+(?:é|ée|és|ées|i|is|u|us|it|ert)(?![\w\-])"
)
THAT_SUBJECT = re.compile(r"(?:qu[’'](?:il|elle|ils|elles|on)|que[\s\u00a0]+(?:\w+[\s\u00a0]+){1,4})[\s\u00a0]*$", re.I)
# "peut-on lire dans le communiqué de la présidence": the one whose text it is
READ_IN = re.compile(
    r"(?:peut|pouvait|pourra)-on[\s\u00a0]+lire|lit-on|(?:est-il|était-il)[\s\u00a0]+écrit"
    r"(?=[\s\u00a0]+dans[\s\u00a0]+(?:le|la|un|une|son|sa|leur)[\s\u00a0]+(?:communiqué|texte|rapport|message|déclaration"
    r"|compte rendu|lettre|courrier|document)[\s\u00a0]+(?:de|du|des|d[’']))",
    re.I,
)
# "… en estimant que …", "…, soulignant que …": the clause's subject speaks
GERUND = re.compile(
    r"(?<![\w\-])(?:en[\s\u00a0]+)?(?:estimant|soulignant|affirmant|déclarant|assurant|expliquant|précisant|ajoutant"
    r"|indiquant|rappelant|jugant|insistant|martelant|avertissant|prévenant|notant|arguant|reconnaissant|répétant"
    r"|dénonçant|déplorant|promettant)(?![\w\-])",
    re.I,
)
# "Il est par ailleurs indiqué que …", "…, a-t-il été précisé": the report's words, not a person's
IMPERSONAL = re.compile(
    r"(?<![\w\-])(?:[Ii]l[\s\u00a0]+(?:est|a[\s\u00a0]+été|avait[\s\u00a0]+été|était)|est-il|a-t-il[\s\u00a0]+été"
    r"|avait-il[\s\u00a0]+été)[\s\u00a0,]+(?:(?:également|aussi|encore|notamment|par ailleurs|en outre|enfin)[\s\u00a0,]+)*"
    r"(?:précisé|indiqué|souligné|rapporté|annoncé|ajouté|expliqué|affirmé|déclaré|écrit|noté|rappelé|mentionné)(?![\w\-])"
)
# "ces mesures, qualifiées par Pékin de « … »": the agent of a passive speech verb speaks
PASSIVE_AGENT = re.compile(
    r"(?<![\w\-])(?:qualifiée?s?|décrite?s?|présentée?s?|jugée?s?|considérée?s?|dénoncée?s?|saluée?s?|désignée?s?"
    r"|surnommée?s?|baptisée?s?)[\s\u00a0]+par[\s\u00a0]+",
    re.I,
)
# "« … ». C'est ce qu'a déclaré X": the next sentence gives the speaker
FORWARD = re.compile(
    r"^[\s\u00a0]*(?:C[’']est|Ce sont|Voilà)[\s\u00a0]+(?:du moins[\s\u00a0]+|en substance[\s\u00a0]+)?(?:ce qu[’']|ainsi qu[’']|en ces termes qu[’']|les (?:mots|propos) (?:de|qu[’']))"
)
# "Kim Jong Un : « … »" (a caption, a subtitle): the name before the colon speaks
COLON_QUOTE = re.compile(r"^[\s\u00a0]*:[\s\u00a0]*[«“\"]")
# a preposition before a name makes it a complement, not the subject ("Ce séjour au Laos montre")
COMPLEMENT = re.compile(
    r"(?:\b(?:en|à|au|aux|dans|sur|avec|pour|vers|contre|entre|chez|par|depuis|après|avant|sans|sous|selon|de|du|des"
    r"|d[’']après|auprès d[eu]s?|face à|malgré|lors d[eu]s?)|\bd[’']|\bl[’']égard d[eu]s?)[\s\u00a0]*"
    r"(?:l[’']|la[\s\u00a0]+|le[\s\u00a0]+|les[\s\u00a0]+)?$",
    re.I,
)
FINITE = re.compile(r"(?<![\w\-])(?:a|ont|avait|avaient|aura|auront|est|sont|était|s[’']est|se sont)(?![\w\-])")
REPORTS = re.compile(r"[\s\u00a0,]*(?:que\b|qu[’']|:)")
# what may stand between a subject and its verb: nothing, or an apposition between commas
ADJACENT = re.compile(
    r"[\s\u00a0]*(?:,[^,«»“”\"]{1,160},[\s\u00a0]*)?"
    r"(?:(?:s[’']|se|ne|n[’']|lui|leur|l[’']|y|en|nous|vous)(?:[\s\u00a0]+|(?<=[’'])))*"
)
# "d'après le compte rendu de son discours": his words
SELON_HIS = re.compile(
    r"[\s\u00a0]*(?:le|la|les|un|une)[\s\u00a0]+(?:texte|communiqué|compte rendu|transcription|déclaration|propos|discours"
    r"|message|lettre|entourage|services|bureau|cabinet)[\s\u00a0]+(?:de|du|d[’'])?[\s\u00a0]*(?:son|sa|ses|leur|leurs)(?![\w\-])",
    re.I,
)
# what may stand between a speech verb and its subject: "a déclaré jeudi soir sur LCI X"
AFTER_VERB_SKIP = re.compile(
    r"(?:[\s\u00a0,]+|(?:ce|cette|dès|hier|aujourd[’']hui|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir"
    r"|après-midi|dernier|dernière|encore|aussi|également|ensuite|alors|enfin|toutefois|plus tard|pour sa part"
    r"|de son côté|par ailleurs|d[’']ailleurs|lors d[’']une? [\w\-]+(?: de presse)?|dans un communiqué"
    r"|devant (?:la presse|les journalistes)|aux journalistes|à (?:la presse|des journalistes)"
    # the medium spoken to: "à l'agence TASS", "au quotidien Izvestia", "à la télévision d'État"
    r"|(?:à|au|aux)[\s\u00a0]+(?:l[’']|la[\s\u00a0]+|le[\s\u00a0]+)?(?:agence|journal|quotidien|chaîne|radio|télévision"
    r"|site|magazine|hebdomadaire)(?:[\s\u00a0]+de[\s\u00a0]+presse)?(?:[\s\u00a0]+(?:d[’']État|publique|officielle?"
    r"|(?-i:[a-zé\-]+(?:ais|aise|ien|ienne|éen|éenne|ain|aine|e|s))))?(?:[\s\u00a0]+(?-i:[A-Z][\w\-]*))*"
    r"|(?:sur|à) (?-i:[A-Z][\w\-]+))(?![\w\-]))*",
    re.I,
)
TRAILING_PRONOUN = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b", re.I)
SELON = re.compile(
    r"(?<![\w\-])(?:[Ss]elon|[Dd][’']après|[Dd]e l[’']avis de|[Aa]ux dires de|(?<![\s\S])[Pp]our(?=[^,«“\"]{2,80},[^«“\"]*[«“\"]))[\s\u00a0]+"
)
DATIVE = re.compile(
    r"(?:\b(?:à|au|aux|auprès d[eu]s?|devant|avec)[\s\u00a0]+(?:l[’']|la[\s\u00a0]+|le[\s\u00a0]+|les[\s\u00a0]+)?"
    r"(?:(?:agence(?:[\s\u00a0]+de[\s\u00a0]+presse)?|journal|quotidien|chaîne|radio|télévision|site|"
    r"magazine|hebdomadaire)[\s\u00a0]+(?:(?-i:[a-zé\-]+)[\s\u00a0]+)?)?)$",
    re.I,
)
PRONOUN_WORDS = re.compile(r"^(?:il|elle|ils|elles|lui|eux|celui-ci|celle-ci|ce dernier|cette dernière|on)\b", re.I)
# "l'agence", "l'agence officielle" (no name of its own): the medium cited last. Only a capitalised name
# after "l'agence" names another one (the pattern is case-insensitive: the name's test must not be).
ANAPHORIC_MEDIA = re.compile(
    r"(?:susmentionné|précité|cité plus haut|l[’']agence\b(?![\s\u00a0]+(?:de\b|d[’']|(?-i:[A-Z]))))", re.I
)
TERM_WORDS = 3
# before a quoted name: a determiner ("un « Accord … »") or an apposition's comma after a word ("le forum, « … »")
TITLE_LEAD = re.compile(
    r"(?<![\w\-])(?:un|une|le|la|l[’']|les|des|du|au|aux|ce|cet|cette|ces|son|sa|ses|leur|leurs)[\s\u00a0]*$", re.I
)
APPOSITION_LEAD = re.compile(r"\w,[\s\u00a0]*$")  # "le forum international, « … », tenu à Moscou"


def is_inverted(prev: str, after: str) -> bool:
    """Is the subject after the verb? "« … », a déclaré X" / "…, a indiqué KCNA." (prev: text before the verb)."""
    prev = prev.rstrip(SPACES)
    after = after.lstrip(SPACES)
    quoted_before = re.search(r"[»”\"][\s\u00a0]*,?$", prev) is not None
    rest = re.split(r"(?<![A-Z])[.;!?]|,", after, maxsplit=1)[0]
    if quoted_before:
        return not re.match(r"(?:que|qu[’']|:|«|“|\")", after)
    return (
        prev.endswith(",")
        and not re.match(r"(?:que|qu[’']|:|«|“|\"|de\b|d[’']|à\b|au\b|sa\b|son\b|ses\b|leur)", after)
        and not re.search(r"[«“\"]", rest)
        and len(rest.split()) <= 10
    )


def _inside(spans: list[tuple[int, int]], a: int, b: int | None = None) -> bool:
    b = a if b is None else b
    return any(s <= a and b <= e for s, e in spans)


def _strip_marks(body: str, a: int, b: int) -> tuple[int, int]:
    """Offsets of the quote's words: without the marks and the spaces next to them."""
    a += 1
    if b > a and body[b - 1] in '»”›"':
        b -= 1
    while a < b and body[a] in SPACES:
        a += 1
    while b > a and body[b - 1] in SPACES:
        b -= 1
    return a, b


class Attribution:
    def __init__(self, start: int, end: int, inverted: bool, pronoun: bool, speaker: str | None, weak: bool = False):
        self.start, self.end, self.inverted, self.pronoun, self.speaker = start, end, inverted, pronoun, speaker
        self.weak = weak  # the subject of a clause, not of a speech verb: used only when nothing else speaks


def quote_kind(text: str, lead: str = "", has_verb: bool = True, trail: str = "") -> str:
    """A term is one to three words between marks, with or without a verb (« défensif », « très
    substantiels », « Nous répondrons »); four words or more are speech, even without a verb, unless
    they are a name: capitalised, verbless, after a determiner or an apposition's comma inside a
    sentence (un « Accord de partenariat global », le forum, « La Semaine de l'énergie »).
    ``lead``: the sentence's text before the opening mark, ``trail`` the text after the closing one."""
    if len(text.split()) <= TERM_WORDS:
        return "term"
    if text[:1].isupper() and not has_verb and not re.search(r"[.!?…]$", text.rstrip()):
        if TITLE_LEAD.search(lead) or (APPOSITION_LEAD.search(lead) and re.match(r"[\s\u00a0]*,", trail)):
            return "term"
    return "speech"


def _has_verb(sent: Sentence, a: int, b: int) -> bool:
    for tok, at in sent.tokens():
        if a <= at < b and tok.pos_ in ("VERB", "AUX"):
            forms = tok.morph.get("VerbForm")
            if not forms or forms[0] in ("Fin", "Inf"):
                return True
    return sent.doc is None  # no analysis: say nothing is a name


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 3}


class QuoteFinder:
    """Finds the quotes of one article, sentence after sentence (the previous speaker carries over).

    ``roles`` (nlp/roles.py) says whom a designation stands for ("le ministre", "le porte-parole du
    Kremlin"); without it a designation the registry does not know speaks for nobody."""

    def __init__(self, body: str, article_id: str, media_ids: set[str], roles: Roles | None = None):
        self.body = body
        self.article_id = article_id
        self.media_ids = media_ids
        self.roles = roles
        self.last_speaker: str | None = None
        self.last_speaker_sentence: Sentence | None = None
        self.last_media: str | None = None
        self.last_subject: str | None = None  # person named at the head of the latest sentence
        self.last_subject_sentence: Sentence | None = None
        self.last_person_speaker: str | None = None
        self.previous_sentence: Sentence | None = None
        self.recent: list[str] = []  # people named, most recent last (for "elle" when the last one is a man)
        self.pending: list[dict] = []  # quotes of the previous sentence still without a speaker
        self.records: list[dict] = []

    def _is_person(self, aid: str | None) -> bool:
        if aid is None or self.roles is None:
            return True
        return (self.roles.kind_of(aid) or "person") == "person"

    # -- subject resolution ------------------------------------------------------------------
    def _designated(self, at: int, limit: int, mentions: list[Mention]) -> tuple[bool, str | None]:
        """A designation at ``at`` ("le porte-parole du Kremlin", "un responsable japonais"): (found, speaker).
        The speaker is the name apposed to it, else the person the article gives that role, else the
        institution named in it (an unnamed official speaks for it), else nobody."""
        if self.roles is None:
            return False, None
        d = self.roles.designation(at, limit)
        if d is None:
            return False, None
        named = next(
            (
                m
                for m in mentions
                if d.start <= m.start
                and m.end <= d.end + 40
                and m.kind == "person"
                and m.via != "description"
                and re.fullmatch(r"[\s\u00a0,]*", self.body[d.end : m.start])
            ),
            None,
        )
        if named is not None:  # "le ministre russe des Affaires étrangères, Sergueï Lavrov"
            return True, named.actor
        person = self.roles.resolve(d) if (d.definite or d.kind != "official") else None
        if person is not None and not d.definite and d.kind == "official":
            person = None
        if person is not None:
            return True, person
        if d.kind in ("researcher", "journalist"):
            # "Selon le chercheur, …" after "…, a analysé X": the one who just spoke, if nothing says otherwise
            last = self.last_speaker
            if (
                d.definite
                and last is not None
                and self.roles.kind_of(last) == "person"
                and not self.roles.has_role(last)
            ):
                return True, last
            return True, None  # a researcher's institute does not speak through them
        if d.body_mention is not None:
            return True, d.body_mention.actor
        return True, None

    def _subject_after(self, start: int, limit: int, mentions: list[Mention], spans) -> tuple[str | None, bool]:
        """Subject of an inverted verb: a designation or the first mention right after it (before the clause ends)."""
        skip = AFTER_VERB_SKIP.match(self.body, start, limit)
        at = skip.end() if skip else start
        rest = self.body[start:limit]
        stop = re.search(r"(?<![A-Z])\.|[;:!?«“]|,[\s\u00a0]+(?:et|mais|qui|que|selon|dont)\b", rest)
        end = start + (stop.start() if stop else len(rest))
        head = self.body[start:end].strip(SPACES + ",")
        if PRONOUN_WORDS.match(self.body[at:end].strip(SPACES + ",")) or PRONOUN_WORDS.match(head):
            return None, True
        candidates = [
            m
            for m in mentions
            if start <= m.start < end and not _inside(spans, m.start) and not DATIVE.search(self.body[start : m.start])
        ]
        # "a commenté jeudi sur France 24 Paul Girard": past the time and the channel
        first = next((m for m in candidates if m.start >= at), candidates[0] if candidates else None)
        if first is None or first.start > at:
            found, speaker = self._designated(at, end, mentions)
            d = self.roles.designation(at, end) if (found and speaker is None and self.roles) else None
            if found and speaker is None and first is not None and d is not None and first.start < d.end:
                return first.actor, False  # "le dirigeant nord-coréen": the registry's designation, nobody else's
            if found:
                return speaker, False
        if first is not None:
            return first.actor, False
        if ANAPHORIC_MEDIA.search(head) and self.last_media:
            return self.last_media, False
        return None, False

    def _subject_before(
        self, start: int, sent: Sentence, mentions: list[Mention], spans, depth: int = 0
    ) -> tuple[str | None, bool]:
        before = self.body[sent.start : start]
        words = before.rstrip(SPACES + ",").split()
        tail = " ".join(words[-3:]).lower()
        if re.search(r"(?:^|\s|['’])(?:il|elle|ils|elles|on)(?:\s+(?:l[’']|lui|leur|ne|n[’']))?$", tail):
            return None, True
        cands = [
            m
            for m in mentions
            if m.end <= start
            and m.start >= sent.start
            and not _inside(spans, m.start)
            and not COMPLEMENT.search(self.body, sent.start, m.start)
        ]
        # the designation nearest to the verb, outside quotes and not a complement ("Selon Yonhap, le ministre a dit")
        desig = None
        if self.roles is not None:
            for x in DESIGNATION.finditer(before):
                a = sent.start + x.start()
                if _inside(spans, a) or COMPLEMENT.search(self.body, sent.start, a):
                    continue
                if x.group("role") and (desig is None or a > desig):
                    desig = a
        last = cands[-1] if cands else None
        if last is not None and not ADJACENT.fullmatch(self.body, last.end, start):
            last = None  # "le comité central du parti au Laos a déclaré": Laos is no subject, nor a name earlier
        if desig is not None and self.roles is not None:
            d = self.roles.designation(desig, start)
            if d is None or not ADJACENT.fullmatch(self.body, d.end, start):
                desig = None
        coordinated = re.search(r"(?<![\w\-])et[\s\u00a0]+$", before)
        if last is None and desig is None and coordinated and depth < 2:
            # "il a remercié Pyongyang … et a promis « … »": the first verb's subject
            aux = list(FINITE.finditer(self.body, sent.start, sent.start + coordinated.start()))
            if aux:
                return self._subject_before(aux[-1].start(), sent, mentions, spans, depth + 1)
        if (
            desig is not None
            and (last is None or desig > last.start)
            and not (last is not None and re.fullmatch(r"[\s\u00a0]*,[\s\u00a0]*", self.body[last.end : desig]))
        ):
            found, speaker = self._designated(desig, start, mentions)
            if found:
                return speaker, False
        if last is not None:
            return last.actor, False
        if ANAPHORIC_MEDIA.search(before) and self.last_media:
            return self.last_media, False
        return None, False

    def _pronoun(
        self, sent: Sentence, mentions: list[Mention], spans, before: int, gender: str | None = None
    ) -> str | None:
        pick = self._pronoun_default(sent, mentions, spans, before, gender)
        unknown_spoke = (
            pick is None and self.last_speaker is None and self.last_speaker_sentence is self.previous_sentence
        )
        if (
            gender == "f"
            and self.roles is not None
            and not unknown_spoke
            and (pick is None or self.roles.person_gender(pick) is None)
        ):
            # "Vladimir Poutine a reçu la ministre Choe Son Hui. « … », a-t-elle déclaré": the one whose gender fits
            known = next((p for p in reversed(self.recent[-3:]) if self.roles.person_gender(p) == gender), None)
            if known is not None:
                return known
        return pick

    def _pronoun_default(
        self, sent: Sentence, mentions: list[Mention], spans, before: int, gender: str | None = None
    ) -> str | None:
        def fits(aid: str | None) -> bool:
            if aid is None or gender is None or self.roles is None:
                return True
            g = self.roles.person_gender(aid)
            return g is None or g == gender

        first = [
            m
            for m in mentions
            if m.start < before
            and not _inside(spans, m.start)
            and m.kind == "person"
            and fits(m.actor)
            and not COMPLEMENT.search(self.body, sent.start, m.start)
        ]
        if first:
            return first[0].actor
        # "il" is whoever spoke last, unless a person has since been the subject of a sentence
        if self.last_subject and (
            self.last_speaker_sentence is None
            or (
                self.last_subject_sentence is not None
                and (
                    self.last_subject_sentence.start > self.last_speaker_sentence.start
                    # "Kim a rencontré Li, ont annoncé les médias. Il a salué …": Kim, not the unnamed reporter
                    or (self.last_subject_sentence is self.last_speaker_sentence and self.last_speaker is None)
                )
            )
        ):
            if fits(self.last_subject):
                return self.last_subject
        if fits(self.last_speaker) and (
            self._is_person(self.last_speaker) or self.last_speaker_sentence is self.previous_sentence
        ):
            return self.last_speaker  # "…, a indiqué la présidence russe. « … », a-t-elle ajouté"
        if self.last_speaker is not None and fits(self.last_person_speaker):
            return self.last_person_speaker  # "Kyiv dénonce …" came in between: "il" is still the minister
        # "elle" after a man spoke: the last woman named
        return next((p for p in reversed(self.recent) if fits(p) and self.roles and self.roles.person_gender(p)), None)

    def attributions(self, sent: Sentence, mentions: list[Mention], spans) -> list[Attribution]:
        out = []
        impersonal = []
        for m in IMPERSONAL.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a, b):
                continue
            media = [x for x in mentions if x.kind == "media" and not _inside(spans, x.start)]
            out.append(Attribution(a, b, True, False, media[-1].actor if media else self.last_media))
            impersonal.append((a, b))
        for m in VERB.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a, b) or any(x <= a < y or x < b <= y for x, y in impersonal):
                continue
            pronoun = bool(TRAILING_PRONOUN.search(m.group(0))) or bool(m.group("t"))
            prev = self.body[sent.start : a].rstrip(SPACES)
            after = self.body[b : sent.end].lstrip(SPACES)
            inverted = pronoun or is_inverted(prev, after)
            if not prev:  # a sentence starting with the verb: "Ajoute-t-il" / "Dit-il"
                inverted = True
            speaker = None
            if inverted and not pronoun:
                speaker, pronoun = self._subject_after(b, sent.end, mentions, spans)
            elif not inverted:
                speaker, pronoun = self._subject_before(a, sent, mentions, spans)
            if pronoun:
                said = (m.group("t") or m.group(0)).casefold()
                tail = self.body[max(sent.start, a - 12) : a].casefold()
                gender = (
                    "f"
                    if ("elle" in said or re.search(r"\belles?\W*$", tail))
                    else ("m" if ("il" in said or re.search(r"\bils?\W*$", tail)) else None)
                )
                speaker = self._pronoun(sent, mentions, spans, a, gender)
            out.append(Attribution(a, b, inverted, pronoun, speaker))
        for m in READ_IN.finditer(sent.text):  # "« … », peut-on lire dans le communiqué de la présidence"
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a, b):
                continue
            source = next((x for x in mentions if b <= x.start < b + 60 and not _inside(spans, x.start)), None)
            out.append(Attribution(a, b, True, False, source.actor if source else None))
        for m in GERUND.finditer(sent.text):  # "… a défendu ce choix en jugeant que « … »"
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a, b) or any(x.start <= a < x.end for x in out):
                continue
            main = [x for x in out if x.end <= a and not x.inverted and x.speaker]
            if main:  # the main verb's subject
                out.append(Attribution(a, b, False, main[-1].pronoun, main[-1].speaker))
                continue
            # the subject of the finite verb before it: "X a défendu cet accord en estimant que …"
            aux = list(FINITE.finditer(self.body, sent.start, a))
            speaker, pronoun = self._subject_before(aux[-1].start() if aux else a, sent, mentions, spans)
            if pronoun:
                speaker = self._pronoun(sent, mentions, spans, a)
            out.append(Attribution(a, b, False, pronoun, speaker))
        for m in PASSIVE_AGENT.finditer(sent.text):  # "qualifiées par Pékin de « … »"
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a, b):
                continue
            agent = next((x for x in mentions if x.start >= b and x.start - b <= 4), None)
            if agent is not None:
                out.append(Attribution(a, agent.end, False, False, agent.actor))
        for x in mentions:  # "Kim Jong Un : « … »"
            if COLON_QUOTE.match(self.body, x.end, sent.end) and not self.body[sent.start : x.start].strip(
                SPACES + "-—–"
            ):
                out.append(Attribution(x.start, x.end, False, False, x.actor))
        for m in SELON.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a):
                continue
            head = self.body[b : sent.end]
            if PRONOUN_WORDS.match(head) or SELON_HIS.match(head):
                out.append(Attribution(a, b, True, True, self.last_speaker))
                continue
            speaker, _ = self._subject_after(b, sent.end, mentions, spans)
            out.append(Attribution(a, b, True, False, speaker))
        # the subject of the sentence, when it is a person ("X, lui, a levé son verre à « … »")
        subject = next((m for m in mentions if m.kind == "person" and not _inside(spans, m.start)), None)
        if subject is not None and not self.body[sent.start : subject.start].strip(SPACES) and not out:
            out.append(Attribution(subject.start, subject.end, False, False, subject.actor, weak=True))
        return sorted(out, key=lambda x: x.start)

    def _outside_text(self, a: int, b: int, spans) -> str:
        """The body between a and b with quoted passages blanked out."""
        return "".join(" " if _inside(spans, i, i + 1) else self.body[i] for i in range(a, b))

    def _incise(self, a: int, b: int, text: str, mentions: list[Mention], sent: Sentence) -> tuple[str | None, bool]:
        """An attribution inside the marks: « Nous voulons la paix, a déclaré le ministre. Mais … »."""
        for x in VERB.finditer(text):
            if not text[: x.start()].rstrip(SPACES).endswith(","):
                continue
            if TRAILING_PRONOUN.search(x.group(0)) or x.group("t"):
                return self._pronoun(sent, [], [], a), True
            end = re.search(r"[,.;!?…]", text[x.end() :])
            stop = a + x.end() + (end.start() if end else len(text) - x.end())
            for m in mentions:
                if a + x.end() <= m.start < stop:
                    return m.actor, False
            found, speaker = self._designated(a + x.end(), stop, mentions)
            return (speaker if found else None), False
        return None, False

    # -- quotes ---------------------------------------------------------------------------------
    def sentence(self, sent: Sentence, prev: Sentence | None, mentions: list[Mention], date_of) -> list[dict]:
        spans = quote_spans(self.body, sent.start, sent.end)
        for m in mentions:
            if m.kind == "media" and not _inside(spans, m.start):
                self.last_media = m.actor
        # "« … ». C'est ce qu'a déclaré X": the speaker of the previous sentence's quotes
        forward = FORWARD.match(sent.text)
        if forward and self.pending:
            verb = VERB.search(sent.text, forward.end())
            if verb:
                speaker, pronoun = self._subject_after(sent.start + verb.end(), sent.end, mentions, spans)
                if pronoun:
                    speaker = self._pronoun(sent, mentions, spans, sent.start + verb.start())
                for r in self.pending:
                    r["speaker"] = speaker
                if speaker:
                    self.last_speaker, self.last_speaker_sentence = speaker, sent
        self.pending = []
        self.previous_sentence = prev
        attrs = self.attributions(sent, mentions, spans)
        strong = [x for x in attrs if not x.weak]
        records = []
        continued = (
            prev is not None
            and self.last_speaker is not None
            and self.last_speaker_sentence is prev
            and self.body.count("\n", prev.end, sent.start) <= 2
            and re.match(r"[\s\u00a0]*[«“\"]", sent.text) is not None
        )
        for qa, qb in spans:
            a, b = _strip_marks(self.body, qa, qb)
            text = self.body[a:b]
            if not text.strip():
                continue
            # a verb before the quote speaks for it only within its clause: "X a invité Y « … », et Z « … »"
            pre = [
                x
                for x in strong
                if x.end <= qa
                and not x.inverted
                and not re.search(
                    r"(?:,|;)[\s\u00a0]*(?:et|mais|puis|tandis que|alors que)\b|;", self._outside_text(x.end, qa, spans)
                )
            ]
            post = [x for x in strong if x.start >= qb and x.inverted] + [
                x for x in strong if x.inverted and x.end <= qa
            ]
            speaker = reported_by = None
            via_pronoun = False
            if pre and pre[-1].speaker:
                speaker, via_pronoun = pre[-1].speaker, pre[-1].pronoun
                if post and post[0].speaker and post[0].speaker != speaker:
                    reported_by = post[0].speaker
            elif post and post[0].speaker:
                speaker, via_pronoun = post[0].speaker, post[0].pronoun
                relay = [
                    x for x in post[1:] if x.speaker and x.speaker not in (speaker,) and x.speaker in self.media_ids
                ]
                if relay:
                    reported_by = relay[0].speaker
            else:
                speaker, via_pronoun = self._incise(a, b, text, mentions, sent)
            subject_before = any(m.end <= qa and re.fullmatch(r"[\s\u00a0]*", self.body[m.end : qa]) for m in mentions)
            if NARRATIVE.match(text) and not subject_before and not THAT_SUBJECT.search(self.body, sent.start, qa):
                # "…, « et a exprimé sa volonté de … », selon KCNA": the report's own words, in the third person
                medium = next((x.speaker for x in post if x.speaker in self.media_ids), None)
                medium = medium or next(
                    (m.actor for m in mentions if m.kind == "media" and not _inside(spans, m.start)), None
                )
                if medium:
                    speaker, reported_by, via_pronoun = medium, None, False
            if speaker is None and not strong and not pre and not post:
                if continued:  # « A », a-t-il dit. « B » : the same speaker goes on
                    speaker, via_pronoun = self.last_speaker, True
                elif attrs and attrs[0].weak and attrs[0].end <= qa:
                    speaker = attrs[0].speaker
            excerpt_start = sent.start
            if (
                via_pronoun
                and prev is not None
                and self.last_speaker_sentence is prev
                and speaker == self.last_speaker
                and prev.line == sent.line
            ):
                excerpt_start = prev.start
            rec = {
                "text": text,
                "speaker": speaker,
                "reported_by": reported_by,
                "kind": quote_kind(text, self.body[sent.start : qa], _has_verb(sent, a, b), self.body[qb : sent.end]),
                "article": self.article_id,
                "excerpt": self.body[excerpt_start : sent.end],
                "date": date_of(sent, a),
                "_start": a,
            }
            records.append(rec)
            if speaker is None and not strong and re.match(r"[\s\u00a0]*[«“\"]", sent.text):
                self.pending.append(rec)
        persons = [m.actor for m in mentions if m.kind == "person" and not _inside(spans, m.start)]
        for p in persons:
            if p in self.recent:
                self.recent.remove(p)
            self.recent.append(p)
        head = [
            m
            for m in mentions
            if m.kind == "person" and not _inside(spans, m.start) and len(self.body[sent.start : m.start].split()) <= 6
        ]
        if head:
            self.last_subject, self.last_subject_sentence = head[0].actor, sent
        # Who spoke last: the subject of the last resolved attribution of this sentence, when it reports
        # words (a quote, "que", ":", or after them), not "Les Ukrainiens dénoncent une invasion".
        strong = [x for x in strong if spans or x.inverted or REPORTS.match(self.body, x.end, sent.end)]
        named = [x for x in strong if x.speaker and x.speaker not in self.media_ids]
        if strong and not strong[-1].speaker and not strong[-1].pronoun:
            # "…, a affirmé le président américain": someone spoke whom the registry does not know;
            # a following "a-t-il ajouté" is that unknown person, not an earlier speaker.
            self.last_speaker, self.last_speaker_sentence = None, sent
            self.last_person_speaker = None
        elif named:
            self.last_speaker = named[-1].speaker
            self.last_speaker_sentence = sent
        elif records and records[-1]["speaker"] and records[-1]["speaker"] not in self.media_ids:
            self.last_speaker = records[-1]["speaker"]
            self.last_speaker_sentence = sent
        if self.last_speaker_sentence is sent and self.last_speaker and self._is_person(self.last_speaker):
            self.last_person_speaker = self.last_speaker
        self.records += records
        return records

    def finish(self) -> None:
        """A quote left without a speaker that repeats the words of an attributed one is theirs: a title or
        a subtitle quoting the article's body ("« Nous irons jusqu'au bout »" over "…, a dit X")."""
        for r in self.records:
            if r["speaker"] is not None or r["kind"] != "speech":
                continue
            words = _content_words(r["text"])
            if len(words) < 3:
                continue
            for other in self.records:
                if other is not r and other["speaker"] and words <= _content_words(other["text"]):
                    r["speaker"] = other["speaker"]
                    break


def quote_id(record: dict, taken: set[str]) -> str:
    words = [w for w in slug(record["text"]).split("-") if len(w) > 2][:4] or ["citation"]
    base = f"{record['speaker'] or 'citation'}-{'-'.join(words)}"[:60].strip("-")
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    taken.add(qid)
    return qid
