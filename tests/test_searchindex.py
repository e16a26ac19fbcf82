"""Material's search index read on every core (build_scripts/site/searchindex.py): ``Sections``, the
faster parser, cuts a page into the sections Material's own parser cuts it into."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material

from build_scripts.site import searchindex

TAGS = ["p", "li", "ul", "pre", "code", "h1", "h2", "h3", "div", "a", "span", "sub", "script", "style", "br", "img"]
ATTRS = [
    "",
    ' id="x"',
    ' id="y"',
    ' class="headerlink"',
    ' class="linenodiv"',
    " data-search-exclude",
    ' class="rpdc-context" data-search-exclude',
    ' id="z" class="headerlink"',
]
TEXTS = ["mot", " ", "\n", "  \n ", "deux mots", "a &amp; b", "&lt;i&gt;", "l&#x27;article", "\u00a0", ""]

_token = st.one_of(
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
    st.sampled_from(TEXTS),
)


def _sections(parser: material.Parser, html: str) -> list[tuple]:
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.el.attrs, s.el.is_excluded(), s.depth, s.id, s.title, s.text) for s in parser.data]


@settings(max_examples=400)
@given(st.lists(_token, max_size=60))
def test_sections_cuts_any_html_as_material_does(tokens):
    html = "".join(tokens)
    assert _sections(searchindex.Sections(), html) == _sections(material.Parser(), html)


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
