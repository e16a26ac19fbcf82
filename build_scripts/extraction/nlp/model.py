"""The spaCy model (loaded once, lazily) and the segmentation of an article.

spaCy's ``fr_core_news_sm`` is good at entities and part-of-speech tags but
splits news sentences badly (it cuts "Kim Jong / Un" and opens a new sentence
inside « … »). Sentences are therefore cut by rules of our own (end
punctuation outside quotation marks, French abbreviations kept whole), and
spaCy is run on each sentence: its entities, tags, morphology and dependencies
then stay within one sentence.
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass, field
from typing import Any

MODEL = "fr_core_news_sm"
LOAD_SECONDS: list[float] = []  # filled by load(); read by the benchmark

OPENERS = {"«": "»", "“": "”", "‹": "›"}
CLOSERS = {v: k for k, v in OPENERS.items()}
SPACES = " \u00a0\u202f\u2009\t"
END_PUNCT = ".!?…"
# Words before a full stop that does not end a sentence.
ABBREVIATIONS = {
    "M",
    "MM",
    "Mme",
    "Mmes",
    "Mlle",
    "Dr",
    "Pr",
    "Me",
    "St",
    "Ste",
    "av",
    "apr",
    "J.-C",
    "cf",
    "etc",
    "env",
    "p",
    "vol",
    "n°",
    "No",
    "art",
    "Gal",
    "Gén",
    "Col",
    "Cdt",
    "Lt",
}


@functools.lru_cache(maxsize=1)
def load():
    """The French pipeline, loaded on first use and shared by every caller."""
    import spacy  # here, not at the top: importing spaCy takes about a second, and only extraction needs it

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    LOAD_SECONDS.append(time.perf_counter() - start)
    return nlp


@dataclass
class Sentence:
    start: int  # offsets in the article body
    end: int
    text: str
    line: int  # 0-based paragraph (line) index
    doc: Any = field(default=None, repr=False)  # spaCy Doc of the sentence

    def tokens(self):
        """(token, absolute start offset) pairs."""
        return [(t, self.start + t.idx) for t in self.doc] if self.doc is not None else []


def _is_abbreviation(text: str, dot: int) -> bool:
    # the word before the dot: searched in the last 64 characters only (an abbreviation is short;
    # searching the whole text before each dot made a long paragraph cost its length squared)
    m = re.search(r"([\w.\-°]+)$", text[max(0, dot - 64) : dot])
    if not m:
        return False
    word = m.group(1)
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isupper()  # an initial: "J. Smith"


def quote_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Top-level quotation spans (offset of the opening mark, offset just after the closing mark).

    « … », “ … ” and straight " … " are recognised; quotation marks nested in a
    quote belong to it. A quote left open at the end of the range is closed there.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    opened = start
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS or (ch == '"' and (not stack or stack[-1] != '"') and _straight_opens(text, i, end)):
            if not stack:
                opened = i
            stack.append(ch)
        elif ch in CLOSERS or ch == '"':
            want = '"' if ch == '"' else CLOSERS[ch]
            if stack and stack[-1] == want:
                stack.pop()
                if not stack:
                    spans.append((opened, i + 1))
            elif want in stack:  # a mark left open inside: close up to the matching opener
                while stack and stack[-1] != want:
                    stack.pop()
                stack.pop()
                if not stack:
                    spans.append((opened, i + 1))
        elif ch == "\n" and stack:
            spans.append((opened, i))
            stack = []
        i += 1
    if stack:
        spans.append((opened, end))
    return spans


def _straight_opens(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return (before in SPACES or before in "\n(['’:") and after not in SPACES + "\n"


def split_sentences(body: str) -> list[tuple[int, int, int]]:
    """(start, end, line index) of each sentence; a quote never gets cut in two."""
    out: list[tuple[int, int, int]] = []
    pos = 0
    for line_no, line in enumerate(body.split("\n")):
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if not line.strip():
            continue
        quotes = quote_spans(body, lstart, lend)
        inside = lambda k, quotes=quotes: any(a < k < b - 1 for a, b in quotes)  # noqa: E731
        s = lstart
        k = lstart
        while k < lend:
            ch = body[k]
            cut = None
            if ch in END_PUNCT and not inside(k):
                if ch == "." and _is_abbreviation(body[lstart:k], k - lstart):
                    k += 1
                    continue
                j = k + 1
                while j < lend and body[j] in END_PUNCT + ")":
                    j += 1
                cut = j
            elif (ch in CLOSERS or ch == '"') and any(b - 1 == k for a, b in quotes):
                prev = body[lstart:k].rstrip(SPACES)
                if prev and prev[-1] in END_PUNCT:
                    cut = k + 1
            if cut is not None:
                j = cut
                while j < lend and body[j] in SPACES:
                    j += 1
                if j >= lend or body[j].isupper() or body[j] in '«“"' or body[j].isdigit():
                    if body[s:cut].strip():
                        out.append((s, cut, line_no))
                    s = j
                    k = j
                    continue
            k += 1
        if body[s:lend].strip():
            e = lend
            while e > s and body[e - 1] in SPACES:
                e -= 1
            out.append((s, e, line_no))
    return out


def analyse(body: str, nlp=None) -> list[Sentence]:
    """Sentences of the body, each with its spaCy Doc."""
    nlp = nlp or load()
    bounds = split_sentences(body)
    sents = [Sentence(a, b, body[a:b], line) for a, b, line in bounds]
    for sent, doc in zip(sents, nlp.pipe([s.text for s in sents], batch_size=64)):
        sent.doc = doc
    return sents
