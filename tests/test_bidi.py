"""Bidirectional controls never reverse the site's own words (issue #16, F6).

A right-to-left override (U+202E) inside a quote once reversed every word the site printed after
it on the line. Two guards, each tested here with every one of the twelve bidirectional controls
(``characters.BIDI``):

- ``check`` refuses them in every value of a data file and of an article's front matter, and only
  flags them in an article's text (kept verbatim, as received);
- what can still reach a page (an article's text, and verbatim passages should a check ever let
  one through) is isolated there: every such character of a generated page sits inside a <bdi>
  (or a <q>, ``unicode-bidi: isolate``), never in an attribute, never loose in the site's words.
  Charts hold none, and the search index, which keeps no <bdi>, leaves them out.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

from build_scripts.dataset import characters, check, corpus, yamlio

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_the_list_here_is_every_bidi_control_the_check_knows():
    assert [c for c in map(chr, range(0x10000)) if characters.BIDI.match(c)] == list(BIDI)


# --- check: refused in data, flagged in an article's text --------------------------------------


def _inject(node, chars, count: list[int]):
    """Every string of a YAML tree with one bidirectional control inserted after its first character."""
    if isinstance(node, str):
        count[0] += 1
        return node[:1] + next(chars) + node[1:]
    if isinstance(node, dict):
        for k in list(node):
            node[k] = _inject(node[k], chars, count)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            node[i] = _inject(v, chars, count)
    return node


FRONT_LINE = re.compile(r"^(?P<key>[a-z_]+): (?P<q>['\"]?)(?P<value>.+)$")


def test_check_refuses_a_bidi_control_in_any_value_and_flags_it_in_an_article_text(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    chars = cycle(BIDI)
    injected = [0]
    for path in sorted((root / "data").glob("*.yaml")):
        tree, problems = yamlio.parse(path.read_text(encoding="utf-8"), path.name)
        assert not problems
        path.write_text(yamlio.dump(_inject(tree, chars, injected)), encoding="utf-8")
    in_data = injected[0]
    in_front = in_text = 0
    # the first article: every string of its front matter; the second: its text (an article whose
    # front matter is refused is not read further)
    for n, path in enumerate(sorted((root / "corpus").glob("*.md"))):
        head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
        lines = head.splitlines()
        for i, line in enumerate(lines):
            m = FRONT_LINE.match(line)
            # the id, the date and the hash are left alone (they would fail otherwise)
            if n == 0 and m and m["key"] not in ("id", "published", "body_sha256", "language"):
                lines[i] = f"{m['key']}: {m['q']}{m['value'][:1]}{next(chars)}{m['value'][1:]}"
                in_front += 1
        if n == 1:
            body = body.replace("\n", f" {next(chars)}suite\n", 1)  # the first line of the text
            in_text += 1
        head = re.sub(r"body_sha256: \w+", f"body_sha256: {corpus.body_hash(body)}", "\n".join(lines))
        path.write_text(head + "\n---\n" + body, encoding="utf-8")
    assert in_data > 50 and in_front >= 4 and in_text == 1

    problems = [p for p in check.run(root) if p.code == "bidi-control"]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    assert len(errors) == in_data + in_front
    assert len(warnings) == in_text
    assert all(str(p.path).startswith("corpus/") and p.where == "body" for p in warnings)
    named = {m for p in problems for m in re.findall(r"U\+[0-9A-F]{4} \([A-Z -]+\)", p.message)}
    assert named == {characters.name(c) for c in BIDI}
    for p in errors:
        assert p.line and (p.fix or "").startswith("delete it"), p


# --- pages: whatever holds one is isolated -----------------------------------------------------


class _Isolation(HTMLParser):
    """Where each bidirectional control of a page lies: inside an isolating element, loose, or in
    an attribute value."""

    ISOLATING = {"bdi", "q"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "area", "source", "col", "embed"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.isolated = self.loose = self.in_attributes = 0
        self.examples: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.in_attributes += sum(len(characters.BIDI.findall(v or "")) for _k, v in attrs)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.in_attributes += sum(len(characters.BIDI.findall(v or "")) for _k, v in attrs)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        n = len(characters.BIDI.findall(data))
        if any(t in self.ISOLATING for t in self.stack):
            self.isolated += n
        elif n:
            self.loose += n
            self.examples.append(characters.printable(data)[:120])


def _hostile_dataset():
    """The site fixture's dataset as check accepts it, then, in memory, every line of every article's
    text with a bidirectional control before it and one after it, and every quote's words and
    excerpt and every event's excerpt starting with one (data refuses them: this is for the day a
    check lets one through). Returns (dataset, characters put in article texts, in verbatim data)."""
    ds = check.load_valid(FIXTURE)
    chars = cycle(BIDI)
    in_text = 0
    for art in ds.articles.values():
        lines = art.body.split("\n")
        new = [f"{next(chars)}{line} {next(chars)}suite" if line.strip() else line for line in lines]
        in_text += 2 * sum(1 for line in lines if line.strip())
        for key in ("captions", "boilerplate"):  # passages named by their whole line follow their line
            art.meta[key] = [new[lines.index(p)] if p in lines else p for p in art.meta.get(key) or []]
        art.body = "\n".join(new)
    in_data = 0
    for q in ds.published("quotes"):
        q["text"] = next(chars) + q["text"]
        q["excerpt"] = next(chars) + q["excerpt"]
        in_data += 2
    for e in ds.published("events"):
        for s in e.get("sources") or []:
            s["excerpt"] = next(chars) + s["excerpt"]
            in_data += 1
    assert in_text > 10 and in_data > 5
    return ds, in_text, in_data


def test_every_bidi_control_on_a_page_is_isolated_so_it_cannot_reorder_the_sites_words():
    """Issue #16, F6: the site's own words after a right-to-left override rendered reversed."""
    from build_scripts.site import pages

    ds, in_text, in_data = _hostile_dataset()
    docs, _specs = pages.generate(ds, FIXTURE / "docs")
    total = _Isolation()
    per_doc = {}
    for doc, text in docs.items():
        seen = _Isolation()
        seen.feed(text)
        per_doc[doc] = seen
        assert seen.loose == 0, f"{doc}: a bidirectional control outside <bdi>: {seen.examples[:3]}"
        assert seen.in_attributes == 0, f"{doc}: a bidirectional control in an attribute value"
        total.isolated += seen.isolated
    # the source pages show the articles' texts (boilerplate lines hidden), the others the quotes and excerpts
    sources = [d for d in docs if d.startswith("sources/") and d != "sources/index.md"]
    assert sources and all(per_doc[d].isolated >= 4 for d in sources)
    assert total.isolated >= in_text // 2 + in_data


def test_the_isolation_test_can_fail():
    seen = _Isolation()
    seen.feed('<p>« <bdi>\u202ecité</bdi> » dit <span>\u202e</span> <a title="\u2067x">lien</a></p>')
    assert (seen.isolated, seen.loose, seen.in_attributes) == (1, 1, 1)


def test_charts_hold_no_bidi_control():
    """Chart labels and hovers are SVG text and Plotly pseudo-HTML, where <bdi> does not exist: no
    data string that reaches them may hold a bidirectional control (an article's text only counts
    mentions there)."""
    import json

    from build_scripts.site import charts

    ds, _in_text, _in_data = _hostile_dataset()
    figures = charts.figures(ds)
    assert figures
    for cid, spec in figures.items():
        blob = spec.figure_json() + charts.html_block(cid, spec, "../")
        assert not characters.BIDI.search(blob), cid
        assert json.loads(spec.figure_json())


def test_search_index_leaves_bidi_controls_out(tmp_path):
    """The index keeps <p> and <li> but no <bdi>: a snippet shown in the search results could reverse
    the words after it. The search words stay: only the invisible controls go."""
    import json

    from build_scripts.site import search

    path = tmp_path / "search_index.json"
    texts = [f"<p>Texte {c}reçu</p><p>Suite du site</p>" for c in BIDI]
    doc = {
        "config": {},
        "docs": [{"location": f"{i}/", "title": f"Titre {c}x", "text": t} for i, (c, t) in enumerate(zip(BIDI, texts))],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    search.improve(path)
    out = json.loads(path.read_text(encoding="utf-8"))["docs"]
    assert len(out) == len(BIDI)
    for entry in out:
        assert not characters.BIDI.search(entry["title"] + entry["text"]), entry
        assert entry["title"] == "Titre x"
        assert entry["text"].startswith("<p>Texte reçu</p> <p>Suite du site</p>")
