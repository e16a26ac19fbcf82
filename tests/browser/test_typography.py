"""French typography in every generated page of the built site, where the site writes its own words
(verbatim words of articles and sources are left out: excerpts, quotations, article text).

- no breakable space before ":" ";" "!" "?" "»" nor after "«" (U+00A0 / U+202F);
- labels agree with their noun: "Visite (prévue)", not "Visite (prévu)"; "1 source", "3 sources".
Zero findings; the test can fail (a faulty string is caught, test_scanner_catches_faults).
Not checked here: the dash style between names and "75ᵉ" (see the report of issue #14).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from build_scripts.quality.gates import templates

VERBATIM_CLASSES = {"rpdc-excerpt", "rpdc-article", "rpdc-quote", "rpdc-verbatim", "rpdc-svg", "rpdc-map"}
VERBATIM_TAGS = {"blockquote", "q", "bdi", "code", "pre", "script", "style", "svg", "title", "textarea"}
VOID = {"br", "img", "input", "meta", "link", "hr", "path", "rect", "circle", "source", "wbr"}
BREAKABLE = re.compile(r"[ \t\n]([:;!?»])(?=[\s<]|$)|(«)[ \t\n]")
FEMININE = "Visite|Rencontre|Déclaration|Invitation|Inauguration|Reconnaissance"
DISAGREE = re.compile(
    rf"\b({FEMININE})\s*\((prévu|proposé|annulé|rapporté)\b(?!e)"
    r"|(?<![\w,.])1[\u00a0 ](sources|faits|événements|citations|acteurs|articles|rencontres)\b"
    r"|(?<![\w,.])([2-9]|[1-9]\d{1,2})[\u00a0 ](source|fait|événement|citation|acteur|article|rencontre)\b(?![\w-])"
)


class SiteText(HTMLParser):
    """The text of a page the site writes itself."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []
        self.skip = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        verbatim = tag in VERBATIM_TAGS or bool(set((a.get("class") or "").split()) & VERBATIM_CLASSES)
        self.stack.append(verbatim)
        self.skip += verbatim

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.skip -= self.stack.pop()

    def handle_data(self, data):
        if not self.skip:
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
    assert not findings("<p>Acteurs\u00a0: Lavrov ; «\u202fmot\u202f»</p>".replace(" ;", "\u202f;"))
    assert not findings('<p><span class="rpdc-excerpt">il dit : « oui »</span></p>')
    assert not findings("<p>Visite (prévue), https://example.org, 12:30</p>")
