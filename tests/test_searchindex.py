"""Material's search index read on every core (build_scripts/site/searchindex.py): ``Sections``, the
faster parser, cuts a page into the sections Material's own parser cuts it into, whether its
regular expression reads the page or html.parser does."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material

from build_scripts.site import searchindex

TAGS = ["p", "li", "ul", "pre", "code", "h1", "h2", "H3", "div", "a", "span", "sub", "title", "br", "img", "script"]
ATTRS = [
    "",
    ' id="x"',
    " id='y'",
    ' class="headerlink"',
    ' CLASS = "linenodiv"',
    " data-search-exclude",
    ' class="rpdc-context" data-search-exclude',
    ' id="z" class="headerlink"',
    ' id="a&amp;b"',
    ' title="a > b"',
    " id=bare",
    ' id=""',
    " /",
]
TEXTS = ["mot", " ", "\n", "  \n ", "deux mots", "a &amp; b", "&lt;i&gt;", "l&#x27;article", "\u00a0", "a < b", "&"]
COMMENTS = ["<!-- un commentaire -->", "<!-- a -- b -->", "<!-->", "<!-- <p> -->", "<!-- fin --->"]

_token = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t, end: f"</{t}{end}", st.sampled_from(TAGS), st.sampled_from([">", " >", ""])),
    st.sampled_from(TEXTS),
    st.sampled_from(COMMENTS),
)


# What the regular expression reads: plain tags (no script, no unquoted value, no "<" in text).
_plain_token = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS[:-2]), st.sampled_from(ATTRS[:-3] + [' id=""'])),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS[:-2])),
    st.sampled_from(TEXTS[:-2]),
    st.just(COMMENTS[0]),
)


def _sections(parser: material.Parser, html: str) -> list[tuple]:
    if isinstance(parser, searchindex.Sections):
        parser.read(html)
    else:
        parser.feed(html)
        parser.close()
    return [(s.el.tag, s.el.attrs, s.el.is_excluded(), s.depth, s.id, s.title, s.text) for s in parser.data]


@settings(max_examples=500)
@given(st.lists(_token, max_size=60))
def test_sections_cuts_any_html_as_material_does(tokens):
    html = "".join(tokens)
    assert _sections(searchindex.Sections(), html) == _sections(material.Parser(), html)


@settings(max_examples=500)
@given(st.lists(_plain_token, max_size=80))
def test_sections_cuts_plain_html_as_material_does(tokens):
    html = "".join(tokens)
    assert len(searchindex._TOKEN.findall(html)) == html.count("<")  # the regular expression reads it
    assert _sections(searchindex.Sections(), html) == _sections(material.Parser(), html)


@given(st.lists(_token, max_size=60))
def test_sections_handlers_cut_any_html_as_material_does(tokens):
    """The handlers alone, html.parser reading (the pages the regular expression leaves to it)."""
    html = "".join(tokens)
    ours = searchindex.Sections()
    ours.feed(html)
    ours.close()
    got = [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text) for s in ours.data]
    assert got == [t[:2] + t[3:] for t in _sections(material.Parser(), html)]


def test_plain_html_is_read_by_the_regular_expression(monkeypatch):
    """A page of plain tags is cut without html.parser (the faster way is taken), another with it."""
    fed = []
    monkeypatch.setattr(searchindex.Sections, "feed", lambda self, html: fed.append(html))
    searchindex.Sections().read(PAGE.replace("<script>var a = '<p>';</script>", ""))
    assert fed == []
    searchindex.Sections().read(PAGE)
    assert fed == [PAGE]


PAGE = (
    '<h1 id="titre">Titre<a class="headerlink" href="#titre">&para;</a></h1>\n'
    "<p>Un   paragraphe\nsur deux lignes.</p>\n"
    '<h2 id="suite">Suite</h2><ul><li>un</li><li> </li></ul><pre><code>a\n  b</code></pre>\n'
    '<p class="rpdc-context" data-search-exclude>Contexte</p><div><h3 id="dedans">Dedans</h3>x</div>y'
    "<script>var a = '<p>';</script><p>fin</p>"
)


def test_sections_gives_materials_entries_for_a_page():
    page = SimpleNamespace(content=PAGE, toc=[], url="page/", meta={}, title="Titre")
    config = {"lang": ["fr"], "separator": " ", "pipeline": [], "fields": {}}
    index = material.SearchIndex(**config)
    ours = searchindex._entries(index, page)
    index.add_entry_from_context(page)
    assert ours == index.entries
    # the text after the nested heading's <div> goes back to the section before ("y" in #suite)
    assert [(e["location"], e["title"]) for e in ours] == [
        ("page/", "Titre"),
        ("page/#suite", "Suite"),
        ("page/#dedans", "Dedans"),
    ]
    assert ours[1]["text"].endswith("</code></pre> y<p>fin</p>")
