"""Raw HTML blocks set aside before Markdown come back unchanged (build_scripts/site/rawhtml.py).

The promise: Markdown with the blocks set aside and put back gives, byte for byte, the page Markdown
alone gives. Checked on every generated page of the project's data, on hand-written cases and on
generated documents (hypothesis); and MkDocs's anchors are found as MkDocs finds them.
(tests/test_engines.py also compares a whole site built with the hook to one built without it.)
"""

from __future__ import annotations

import re

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.pages import _HTMLHandler
from mkdocs.utils import meta

from build_scripts import PROJECT, dataset
from build_scripts.site import rawhtml, tree
from tests.examples import examples


def _extensions() -> tuple[list, dict]:
    """The project's Markdown extensions, as mkdocs.yml lists them."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    options: dict = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, opts), *_ = item.items()
            names.append(name)
            options[name] = opts
        else:
            names.append(item)
    return names, options


EXTENSIONS, OPTIONS = _extensions()


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=OPTIONS).convert(text)


def through_aside(text: str) -> tuple[str, rawhtml.SetAside]:
    set_aside, aside = rawhtml.set_aside(text)
    return rawhtml.put_back(convert(set_aside), aside), aside


def markdown_ids(blocks: list[str]) -> set[str]:
    """The anchors MkDocs itself finds in raw HTML (mkdocs.structure.pages._RawHTMLPreprocessor)."""
    parser = _HTMLHandler()
    parser.feed("\n\n".join(blocks))
    parser.close()
    return parser.present_anchor_ids


@pytest.fixture(scope="module")
def generated_pages() -> dict[str, str]:
    ds = dataset.load(PROJECT)
    files, _specs = tree.generated(ds, PROJECT / "docs", downloads=False)
    # As MkDocs reads a page: its front matter apart.
    return {
        path: meta.get_data(text)[0] for path, text in files.items() if path.endswith(".md") and isinstance(text, str)
    }


def test_every_generated_page_is_the_page_markdown_makes(generated_pages):
    blocks = 0
    for path, text in generated_pages.items():
        html, aside = through_aside(text)
        blocks += len(aside.blocks)
        assert html == convert(text), path
        assert rawhtml.anchor_ids(aside) == markdown_ids(aside.blocks), path
    assert len(generated_pages) > 20
    assert blocks > 150  # the pages are mostly raw HTML blocks: the check saw them set aside


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('Intro.\n\n<div class="a"><p>Un <em>bloc</em>.</p></div>\n\nSuite.', 0),
        ('<dl><dt>Date</dt><dd>2024</dd></dl><p id="x">deux éléments sur une ligne</p>\n\n## Titre {#t}\n', 0),
        ("Texte\n<div>collé au paragraphe</div>\n", 1),  # not after a blank line: Markdown's paragraph
        ("<span>en ligne</span>\n\nTexte.", 1),  # an inline tag opens a paragraph
        ("<div>\n\nouvert\n\n</div>\n", 1),  # runs past a blank line: left to Markdown
        ("<div><p>mal fermé</div>\n", 1),
        ("<div><script>if (a < b) {}</script></div>\n", 1),  # script text is not HTML
        ("<svg><circle r='1'/></svg>\n", 1),  # svg is not block-level for Markdown
    ],
)
def test_what_is_set_aside(text, kept):
    set_aside, aside = rawhtml.set_aside(text)
    if kept:
        assert aside.blocks == [] and set_aside == text
    else:
        assert aside.blocks and aside.token in set_aside
    html, _aside = through_aside(text)
    assert html == convert(text)


def test_a_lost_block_is_an_error():
    set_aside, aside = rawhtml.set_aside("<div>un</div>\n")
    assert aside.blocks == ["<div>un</div>"]
    with pytest.raises(ValueError, match="1 raw HTML block"):
        rawhtml.put_back("<p>rien</p>", aside)


def test_the_token_is_new_for_each_page():
    """A page whose text holds a placeholder of another page is left as it is."""
    first, aside = rawhtml.set_aside("<div>a</div>\n")
    html, _ = through_aside(f"{first.strip()}\n\n<div>b</div>\n")
    assert html.startswith(f"<p>{first.strip()}</p>") and "<div>b</div>" in html


def test_anchor_ids_as_mkdocs_finds_them():
    blocks = [
        '<div id="a&amp;b"><a name="n">x</a><span name="not-an-anchor" id=\'c\'></span></div>',
        '<p data-id="no" id=plain>y</p>',
    ]
    aside = rawhtml.SetAside(token="t", blocks=blocks)
    assert rawhtml.anchor_ids(aside) == markdown_ids(blocks) == {"a&b", "n", "c", "plain"}


_WORDS = st.text(alphabet="abcé <>&\"'*_`[]()#:-!\n", max_size=30)
_TAGS = st.sampled_from(["div", "p", "figure", "details", "ul", "li", "span", "em", "dl", "section", "svg"])


@st.composite
def html_block(draw, depth: int = 0) -> str:
    tag = draw(_TAGS)
    attrs = draw(st.sampled_from(["", ' class="c"', ' id="x-1"', " hidden"]))
    inner = draw(
        st.lists(
            st.one_of(_WORDS.map(lambda s: s.replace("\n", " ")), *([html_block(depth + 1)] if depth < 2 else [])),
            max_size=3,
        )
    )
    close = draw(st.sampled_from([f"</{tag}>"] * 8 + ["", "</div>"]))
    return f"<{tag}{attrs}>{''.join(inner)}{close}"


_PIECES = st.one_of(
    _WORDS,
    html_block(),
    st.sampled_from(["## Titre {#t}", "- point", "> cité", "    code", "", "\n", "1. un"]),
    st.sampled_from(["<!-- note -->", "<div", "</div>", "<hr>", "<br/>", "<p>", "`<div>`", "<?x?>", "<!x>"]),
)


@given(st.lists(_PIECES, max_size=8), st.lists(st.sampled_from(["\n", "\n\n", "\n\n\n"]), min_size=8, max_size=8))
@settings(max_examples=examples(400), deadline=None)
def test_any_document_gives_the_page_markdown_makes(pieces, breaks):
    text = "".join(piece + sep for piece, sep in zip(pieces, breaks))
    html, _aside = through_aside(text)
    assert html == convert(text)


def _untokened(markdown_text: str, aside: rawhtml.SetAside) -> str:
    return markdown_text.replace(aside.token, "TOKEN")


def test_pages_prepared_on_two_cores_are_the_pages_set_aside_one_by_one(monkeypatch):
    """What a build prepares before MkDocs asks (hooks/data_pages.py on_files) is what the hook
    would make of each page when asked: the same Markdown, blocks and anchors."""
    ds = dataset.load(PROJECT)
    files, _specs = tree.generated(ds, PROJECT / "docs", downloads=False)
    texts = {path: text for path, text in files.items() if path.endswith(".md") and isinstance(text, str)}
    monkeypatch.setattr(rawhtml.workers, "jobs_for", lambda n: 2)
    prepared = rawhtml.prepare_all(texts)
    assert len(prepared) == len(texts) > 20
    blocks = 0
    for path, ready in prepared.items():
        body = meta.get_data(texts[path])[0]
        assert ready.body == body, path
        again, aside = rawhtml.set_aside(body)
        assert _untokened(ready.markdown, ready.aside) == _untokened(again, aside), path
        assert ready.aside.blocks == aside.blocks, path
        assert ready.ids == rawhtml.anchor_ids(aside), path
        blocks += len(aside.blocks)
    assert blocks > 150


def test_nothing_is_prepared_in_one_process_or_when_the_body_is_not_the_text_s_end(monkeypatch):
    texts = {"a.md": "---\ntitle: A\n---\n\n<div>a</div>\n", "b.md": "title: B\r\n\r\n<div>b</div>\r\n"}
    monkeypatch.setattr(rawhtml.workers, "jobs_for", lambda n: 1)
    assert rawhtml.prepare_all(texts) == {}
    monkeypatch.setattr(rawhtml.workers, "jobs_for", lambda n: 2)
    prepared = rawhtml.prepare_all(texts)
    assert list(prepared) == ["a.md"]  # b.md's line ends are rewritten by MkDocs: left to the hook
    assert prepared["a.md"].body == "<div>a</div>\n"
    assert prepared["a.md"].aside.blocks == ["<div>a</div>"]


_LAZY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^<>]*?)?(/?)>|<!--.*?-->", re.S)


def _tags(pattern: re.Pattern[str], text: str, greedy: bool) -> list[tuple[tuple[int, int], str, str, bool]]:
    out = []
    for m in pattern.finditer(text):
        if greedy:
            closing, name, attributes, slash = m.groups()
            selfclosing = bool(slash or (attributes and attributes[-1] == "/"))
        else:
            closing, name, slash = m.groups()
            selfclosing = bool(slash)
        out.append((m.span(), closing or "", name or "", selfclosing))
    return out


@given(st.lists(st.sampled_from(["<", ">", "/", " ", "\n", "a", "div", "br", '="x"', "-", "!--", "--"]), max_size=30))
def test_tags_read_greedily_are_the_tags_read_lazily(pieces):
    """rawhtml._TAG reads a tag's attributes greedily (faster): the same tags, spans, names and
    self-closing slashes as the lazy reading it replaced."""
    text = "".join(pieces)
    assert _tags(rawhtml._TAG, text, greedy=True) == _tags(_LAZY_TAG, text, greedy=False)


def test_a_self_closing_tag_read_greedily():
    tags = _tags(rawhtml._TAG, '<br/><img src="x" /><a /x/><p / >', greedy=True)
    assert [(name, selfclosing) for _span, _closing, name, selfclosing in tags] == [
        ("br", True),
        ("img", True),
        ("a", True),
        ("p", False),
    ]
