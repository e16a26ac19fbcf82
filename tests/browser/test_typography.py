"""French typography in every generated page of the built site, where the site writes its own words
(verbatim words of articles and sources are left out: excerpts, quotations, article text).

- no breakable space before ":" ";" "!" "?" "»" nor after "«" (U+00A0 / U+202F);
- labels agree with their noun: "Visite (prévue)", not "Visite (prévu)"; "1 source", "3 sources";
- one dash style for pairs and ranges: an en dash, no spaces ("Russie–Corée du Nord",
  "1950–1953", "15–17 mars"), never a hyphen, an em dash or a spaced dash;
- ordinals with a superscript: "75ᵉ", "1ᵉʳ", never "75e", "75ème", "1er".
The dash and ordinal rules also read the page's title, its description and the charts' drawings
(labels, axes, hover text), where words between « » are left out (quoted, so verbatim).
Zero findings; the test can fail (a faulty string is caught, test_scanner_catches_faults).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from build_scripts.quality.gates import templates

VERBATIM_CLASSES = {"rpdc-excerpt", "rpdc-article", "rpdc-quote", "rpdc-verbatim", "rpdc-svg", "rpdc-map"}
VERBATIM_TAGS = {"blockquote", "q", "bdi", "code", "pre", "script", "style", "svg", "title", "textarea"}
# Outside the prose scan, still the site's words: the page's title and the charts' drawings.
LABEL_TAGS = {"svg", "title"}
LABEL_CLASSES = {"rpdc-svg", "rpdc-map"}
META_WORDS = {"description", "og:title", "og:description", "twitter:title", "twitter:description"}
VOID = {"br", "img", "input", "meta", "link", "hr", "path", "rect", "circle", "source", "wbr"}
BREAKABLE = re.compile(r"[ \t\n]([:;!?»])(?=[\s<]|$)|(«)[ \t\n]")
FEMININE = "Visite|Rencontre|Déclaration|Invitation|Inauguration|Reconnaissance"
DISAGREE = re.compile(
    rf"\b({FEMININE})\s*\((prévu|proposé|annulé|rapporté)\b(?!e)"
    r"|(?<![\w,.])1[\u00a0 ](sources|faits|événements|citations|acteurs|articles|rencontres)\b"
    r"|(?<![\w,.])([2-9]|[1-9]\d{1,2})[\u00a0 ](source|fait|événement|citation|acteur|article|rencontre)\b(?![\w-])"
)
# States and capitals the site pairs; a pair joined any other way than by a bare en dash is a fault.
STATES = (
    r"(?:Russie|Corée du Nord|Corée du Sud|Corée|RPDC|URSS|Chine|Japon|Ukraine|États-Unis|Moscou|Pyongyang|Séoul|Pékin)"
)
DASHES = re.compile(
    rf"\b{STATES}(?:\s*[-—]\s*|\s+–\s*|–\s+){STATES}\b"
    r"|(?<![\w/.-])(?:1[6-9]|20)\d\d(?:\s*[-—]\s*|\s+–\s*|–\s+)(?:1[6-9]|20)\d\d(?![\w/-])"
    r"|(?<![\w/.-])[1-3]?\d(?:\s*[-—]\s*|\s+–\s*|–\s+)[1-3]?\d\s+(?:janvier|février|mars|avril|mai|juin|juillet"
    r"|août|septembre|octobre|novembre|décembre)\b"
)
ORDINALS = re.compile(r"(?<![\w.,#/-])(?:\d+\s?(?:e|è|ème|eme|ième|ieme)|1\s?(?:er|re))(?![\w-])")
QUOTED = re.compile(r"«[^»]*»")


class SiteText(HTMLParser):
    """The text of a page the site writes itself: ``chunks``, its prose; ``words``, that prose
    plus the page's title and description and the charts' drawings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, bool]] = []
        self.skip = 0  # inside verbatim words: skipped by both
        self.label = 0  # inside a title or a chart's drawing: words, not prose
        self.chunks: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or a.get("property")) in META_WORDS:
            self.words.append("\n" + (a.get("content") or "") + "\n")
        if tag in VOID:
            return
        classes = set((a.get("class") or "").split())
        label = tag in LABEL_TAGS or bool(classes & LABEL_CLASSES)
        verbatim = (tag in VERBATIM_TAGS - LABEL_TAGS) or bool(classes & (VERBATIM_CLASSES - LABEL_CLASSES))
        self.stack.append((verbatim, label))
        self.skip += verbatim
        self.label += label

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            verbatim, label = self.stack.pop()
            self.skip -= verbatim
            self.label -= label

    def handle_data(self, data):
        if self.skip:
            return
        self.words.append(data)
        if not self.label:
            self.chunks.append(data)


def findings(html: str) -> list[str]:
    p = SiteText()
    p.feed(html)
    text = "".join(p.chunks)
    out = []
    for m in BREAKABLE.finditer(text):
        out.append("breakable space: " + repr(text[max(0, m.start() - 40) : m.end() + 15]))
    for m in DISAGREE.finditer(text):
        out.append("agreement: " + repr(text[max(0, m.start() - 30) : m.end() + 15]))
    words = QUOTED.sub("«»", "".join(p.words))
    for m in DASHES.finditer(words):
        out.append("dash style: " + repr(words[max(0, m.start() - 30) : m.end() + 15]))
    for m in ORDINALS.finditer(words):
        out.append("ordinal: " + repr(words[max(0, m.start() - 30) : m.end() + 15]))
    return out


def test_every_page_has_french_typography(site_dir):
    pages = templates.all_pages(site_dir)
    found = []
    scanned = 0
    for path in pages:
        html = (Path(site_dir) / path / "index.html").read_text(encoding="utf-8")
        scanned += len(html)
        found += [f"/{path}: {f}" for f in findings(html)]
    assert len(pages) > 20 and scanned > 100_000
    assert not found, f"{len(found)} findings:\n" + "\n".join(found[:40])


def test_scanner_catches_faults():
    assert findings("<p>Acteurs : Lavrov</p>")
    assert findings("<p>« mot »</p>")
    assert findings("<p>Visite (prévu)</p>")
    assert findings("<p>3\u00a0source</p>")
    for bad in (
        "Russie - Corée du Nord",
        "Russie-Corée du Nord",
        "Russie – Corée",
        "RPDC—Russie",
        "1950-1953",
        "1950 – 1953",
        "des 15-17 mars",
        "le 75e anniversaire",
        "le 75ème",
        "le 1er octobre",
    ):
        assert findings(f"<p>{bad}</p>"), bad
    assert findings("<html><head><title>Sommet Russie-Corée du Nord</title></head></html>")
    assert findings('<svg class="rpdc-svg"><text>75e anniversaire</text></svg>')
    assert findings('<meta property="og:title" content="1950-1953">')
    assert not findings("<p>Russie–Corée du Nord, 1950–1953, 15–17 mars, 75ᵉ, 1ᵉʳ octobre, 2024-01-15/2024-01-17</p>")
    assert not findings("<p>Komsomolsk-sur-l'Amour, États-Unis, Asie du Nord-Est, 1e-6, #2e2e2e, id lettres-75e</p>")
    assert not findings("<p>l'article dit «\u202f(1948-2023)\u202f»</p>")
    assert not findings('<p><span class="rpdc-excerpt">le sommet Russie-Corée du Nord, 75e</span></p>')
    assert not findings("<p>Acteurs\u00a0: Lavrov ; «\u202fmot\u202f»</p>".replace(" ;", "\u202f;"))
    assert not findings('<p><span class="rpdc-excerpt">il dit : « oui »</span></p>')
    assert not findings("<p>Visite (prévue), https://example.org, 12:30</p>")
