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

AUX = r"(?:a|ont|avait|avaient|aurait|auraient|aura|auront|avaient|est|sont|était|s[’']est|se sont)"
PRONOUN = r"(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))"
ADVERBS = r"(?:(?:également|aussi|encore|notamment|alors|déjà|ensuite|toutefois|pourtant|enfin|même|ainsi|aussitôt|plus tard|de son côté|quant à (?:lui|elle)|pour sa part|par ailleurs|lui-même|elle-même|ne|n[’']|pas|jamais|bien|simplement|clairement|publiquement|fermement|vivement)[\s\u00a0,]+)*"
PARTICIPLES = (
    "déclaré|dit|affirmé|souligné|ajouté|indiqué|conclu|expliqué|estimé|assuré|annoncé|précisé|rapporté|noté|"
    "insisté|répondu|poursuivi|écrit|confié|lancé|martelé|averti|prévenu|jugé|qualifié|dénoncé|rappelé|"
    "promis|reconnu|révélé|confirmé|admis|observé|commenté|déploré|salué|exprimé|réagi|tweeté|twitté|"
    "plaidé|fait valoir|fait savoir|informé|mentionné|évoqué|relevé|regretté|réclamé|exhorté|appelé|"
    "accusé|ironisé|résumé|signalé|raconté|confié|tranché|prévenu|menacé|proclamé|protesté|répliqué|"
    "renchéri|soutenu|martelé|fustigé|démenti|nié|déclarée?s?|assurée?s?|insistée?|félicité|invité|proposé|"
    "répété|argué|argumenté|complété|nuancé|glissé|souligné|avancé|objecté|rétorqué|concédé|poursuivi|"
    "enchaîné|détaillé|lâché|tonné|dit craindre|jugé bon de préciser|rassuré|temporisé|relativisé"
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
    "tonne|relativise|répétait|arguait|nuançait|rétorquait"
)
PARTICIPLE_ATTR = r"(?:dit|déclaré|souligné|affirmé|ajouté|indiqué|cité|rapporté|précisé|expliqué|assuré|estimé)"
VERB = re.compile(
    rf"(?<![\w\-])(?:(?P<aux>{AUX}){PRONOUN}?[\s\u00a0,]+{ADVERBS}(?:{PARTICIPLES})|(?:{PRESENT}){PRONOUN}?)(?![\w\-])"
    rf"(?P<t>-t-(?:il|elle|on)|-(?:il|elle|ils|elles))?",
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
ANAPHORIC_MEDIA = re.compile(
    r"(?:susmentionné|précité|cité plus haut|l[’']agence\b(?![\s\u00a0]+(?:de|d[’']|[A-Z])))", re.I
)
TERM_WORDS = 3


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
    def __init__(self, start: int, end: int, inverted: bool, pronoun: bool, speaker: str | None):
        self.start, self.end, self.inverted, self.pronoun, self.speaker = start, end, inverted, pronoun, speaker


def quote_kind(text: str) -> str:
    """A term is one to three words between marks, with or without a verb (« défensif », « très
    substantiels », « Nous répondrons »); four words or more are speech, even without a verb."""
    return "term" if len(text.split()) <= TERM_WORDS else "speech"


class QuoteFinder:
    """Finds the quotes of one article, sentence after sentence (the previous speaker carries over)."""

    def __init__(self, body: str, article_id: str, media_ids: set[str]):
        self.body = body
        self.article_id = article_id
        self.media_ids = media_ids
        self.last_speaker: str | None = None
        self.last_speaker_sentence: Sentence | None = None
        self.last_media: str | None = None
        self.last_subject: str | None = None  # person named at the head of the latest sentence
        self.last_subject_sentence: Sentence | None = None

    # -- subject resolution ------------------------------------------------------------------
    def _subject_after(self, start: int, limit: int, mentions: list[Mention], spans) -> tuple[str | None, bool]:
        """Subject of an inverted verb: the first mention right after it (before the clause ends)."""
        rest = self.body[start:limit]
        stop = re.search(r"(?<![A-Z])\.|[;:!?«“]|,[\s\u00a0]+(?:et|mais|qui|que|selon|dont)\b", rest)
        end = start + (stop.start() if stop else len(rest))
        head = self.body[start:end].strip(SPACES + ",")
        if PRONOUN_WORDS.match(head):
            return None, True
        for m in mentions:
            if start <= m.start < end and not _inside(spans, m.start):
                # "a déclaré à l'AFP le ministre": the one spoken to is not the speaker
                if DATIVE.search(self.body[start : m.start]):
                    continue
                return m.actor, False
        if ANAPHORIC_MEDIA.search(head) and self.last_media:
            return self.last_media, False
        return None, False

    def _subject_before(self, start: int, sent: Sentence, mentions: list[Mention], spans) -> tuple[str | None, bool]:
        before = self.body[sent.start : start]
        words = before.rstrip(SPACES + ",").split()
        tail = " ".join(words[-3:]).lower()
        if re.search(r"(?:^|\s|['’])(?:il|elle|ils|elles|on)(?:\s+(?:l[’']|lui|leur|ne|n[’']))?$", tail):
            return None, True
        cands = [m for m in mentions if m.end <= start and m.start >= sent.start and not _inside(spans, m.start)]
        if cands:
            return cands[-1].actor, False
        if ANAPHORIC_MEDIA.search(before) and self.last_media:
            return self.last_media, False
        return None, False

    def _pronoun(self, sent: Sentence, mentions: list[Mention], spans, before: int) -> str | None:
        first = [m for m in mentions if m.start < before and not _inside(spans, m.start) and m.kind == "person"]
        if first:
            return first[0].actor
        # "il" is whoever spoke last, unless a person has since been the subject of a sentence
        if self.last_subject and (
            self.last_speaker_sentence is None or self.last_subject_sentence.start > self.last_speaker_sentence.start
        ):
            return self.last_subject
        return self.last_speaker

    def attributions(self, sent: Sentence, mentions: list[Mention], spans) -> list[Attribution]:
        out = []
        for m in VERB.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a, b):
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
                speaker = self._pronoun(sent, mentions, spans, a)
            out.append(Attribution(a, b, inverted, pronoun, speaker))
        for m in SELON.finditer(sent.text):
            a, b = sent.start + m.start(), sent.start + m.end()
            if _inside(spans, a):
                continue
            head = self.body[b : sent.end]
            if PRONOUN_WORDS.match(head):
                out.append(Attribution(a, b, True, True, self.last_speaker))
                continue
            speaker, _ = self._subject_after(b, sent.end, mentions, spans)
            out.append(Attribution(a, b, True, False, speaker))
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
            return None, False
        return None, False

    # -- quotes ---------------------------------------------------------------------------------
    def sentence(self, sent: Sentence, prev: Sentence | None, mentions: list[Mention], date_of) -> list[dict]:
        spans = quote_spans(self.body, sent.start, sent.end)
        for m in mentions:
            if m.kind == "media" and not _inside(spans, m.start):
                self.last_media = m.actor
        attrs = self.attributions(sent, mentions, spans)
        records = []
        for qa, qb in spans:
            a, b = _strip_marks(self.body, qa, qb)
            text = self.body[a:b]
            if not text.strip():
                continue
            # a verb before the quote speaks for it only within its clause: "X a invité Y « … », et Z « … »"
            pre = [
                x
                for x in attrs
                if x.end <= qa
                and not x.inverted
                and not re.search(
                    r"(?:,|;)[\s\u00a0]*(?:et|mais|puis|tandis que|alors que)\b|;", self._outside_text(x.end, qa, spans)
                )
            ]
            post = [x for x in attrs if x.start >= qb and x.inverted] + [x for x in attrs if x.inverted and x.end <= qa]
            speaker = reported_by = None
            via_pronoun = False
            if pre and pre[-1].speaker:
                speaker, via_pronoun = pre[-1].speaker, pre[-1].pronoun
                if post and post[0].speaker and post[0].speaker != speaker:
                    reported_by = post[0].speaker
            elif post and post[0].speaker:
                speaker, via_pronoun = post[0].speaker, post[0].pronoun
                relay = [x for x in post[1:] if x.speaker and x.speaker != speaker and x.speaker in self.media_ids]
                if relay:
                    reported_by = relay[0].speaker
            else:
                speaker, via_pronoun = self._incise(a, b, text, mentions, sent)
            excerpt_start = sent.start
            if (
                via_pronoun
                and prev is not None
                and self.last_speaker_sentence is prev
                and speaker == self.last_speaker
                and prev.line == sent.line
            ):
                excerpt_start = prev.start
            records.append(
                {
                    "text": text,
                    "speaker": speaker,
                    "reported_by": reported_by,
                    "kind": quote_kind(text),
                    "article": self.article_id,
                    "excerpt": self.body[excerpt_start : sent.end],
                    "date": date_of(sent, a),
                    "_start": a,
                }
            )
        head = [
            m
            for m in mentions
            if m.kind == "person" and not _inside(spans, m.start) and len(self.body[sent.start : m.start].split()) <= 6
        ]
        if head:
            self.last_subject, self.last_subject_sentence = head[0].actor, sent
        # Who spoke last: the subject of the last resolved attribution of this sentence.
        named = [x for x in attrs if x.speaker and x.speaker not in self.media_ids]
        if attrs and not attrs[-1].speaker and not attrs[-1].pronoun:
            # "…, a affirmé le président américain": someone spoke whom the registry does not know;
            # a following "a-t-il ajouté" is that unknown person, not an earlier speaker.
            self.last_speaker, self.last_speaker_sentence = None, sent
        elif named:
            self.last_speaker = named[-1].speaker
            self.last_speaker_sentence = sent
        elif records and records[-1]["speaker"] and records[-1]["speaker"] not in self.media_ids:
            self.last_speaker = records[-1]["speaker"]
            self.last_speaker_sentence = sent
        return records


def quote_id(record: dict, taken: set[str]) -> str:
    words = [w for w in slug(record["text"]).split("-") if len(w) > 2][:4] or ["citation"]
    base = f"{record['speaker'] or 'citation'}-{'-'.join(words)}"[:60].strip("-")
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    taken.add(qid)
    return qid
