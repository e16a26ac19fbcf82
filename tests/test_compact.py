"""The built pages without the theme's indentation between tags (build_scripts/site/compact.py)."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from build_scripts.site import compact

PAGE = (
    "<!doctype html>\n<html>\n  <head>\n    <script>\n      var a = 1;\n    </script>\n  </head>\n"
    '  <body>\n    <nav>\n      <a href="/">\n        Accueil\n      </a>\n    </nav>\n'
    "    <p><bdi>Le  texte   tel quel,</bdi>\n        <mark>surligné</mark></p>\n"
    '    <p title="deux\n    lignes"><span>\n      \n    Mot\n  </span>  <code>a\n    b</code></p>\n'
    "    <p title='l&#x27;a &#39;b'>l&#x27;article, d&#39;abord &lt;b&gt; &amp;#x27;</p>\n"
    "    <pre><code>  ligne 1\n    <span>ligne 2</span>\n</code></pre>\n"
    "    <svg><text>\n      <tspan>a</tspan>\n      <tspan>b</tspan></text></svg>\n  </body>\n</html>\n"
)


def test_the_indentation_between_tags_goes_and_nothing_else():
    out = compact.compact(PAGE)
    assert len(out) < len(PAGE)
    assert "<html>\n<head>\n<script>" in out and "</nav>\n<p>" in out
    # white space that counts is kept as white space: between two inline elements, a line break
    assert "<bdi>Le  texte   tel quel,</bdi>\n<mark>" in out
    # in a tag's text, a run of white space with a line break is one line break too
    assert '<a href="/">\nAccueil\n</a>' in out
    assert "<span>\nMot\n</span>" in out
    # attributes, spaces without a line break, the insides of <script>, <pre>, <code> and <svg>:
    # as they were
    assert '<p title="deux\n    lignes">' in out and "</span>  <code>a\n    b</code>" in out
    # an apostrophe's reference in the text is an apostrophe; in a tag, and other references: as they were
    assert "<p title='l&#x27;a &#39;b'>l'article, d'abord &lt;b&gt; &amp;#x27;</p>" in out
    assert "<script>\n      var a = 1;\n    </script>" in out
    assert "<pre><code>  ligne 1\n    <span>ligne 2</span>\n</code></pre>" in out
    assert "<svg><text>\n      <tspan>a</tspan>\n      <tspan>b</tspan></text></svg>" in out


def test_a_page_without_indentation_is_left_as_it_is():
    page = "<p>un</p>\n<p>deux  mots</p>"
    assert compact.compact(page) == page


def test_compact_site_rewrites_the_pages_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>rien</p>", encoding="utf-8")
    (tmp_path / "data.json").write_text('{"a":\n    1}', encoding="utf-8")
    assert compact.compact_site(tmp_path) == 1
    assert (tmp_path / "a" / "index.html").read_text(encoding="utf-8") == compact.compact(PAGE)
    assert (tmp_path / "data.json").read_text(encoding="utf-8") == '{"a":\n    1}'  # only pages
    assert compact.compact_site(tmp_path) == 0  # a second run changes nothing


def test_compacting_started_elsewhere_does_what_compact_site_does(tmp_path, monkeypatch):
    monkeypatch.setenv("RPDC_JOBS", "2")
    for n in range(4):
        (tmp_path / str(n)).mkdir()
        (tmp_path / str(n) / "index.html").write_text(PAGE if n % 2 else "<p>rien</p>", encoding="utf-8")
    started = compact.start(tmp_path)
    assert started.result() == [False, True, False, True]  # the pages in their sorted order
    for n in range(4):
        text = (tmp_path / str(n) / "index.html").read_text(encoding="utf-8")
        assert text == (compact.compact(PAGE) if n % 2 else "<p>rien</p>")


PIECES = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<pre>",
            "</pre>",
            "<svg>",
            "</svg>",
            "<b>",
            " ",
            "  ",
            "\n",
            "\n    ",
            "\t",
            "mot",
            "«\u202f",
            ">",
            "<",
            "&#x27;",
            "&",
            "#39;",
            '<a title="',
            '">',
        ]
    ),
    max_size=40,
)


@given(PIECES)
def test_compact_only_shortens_white_space_and_references_and_is_stable(pieces):
    page = "".join(pieces)
    out = compact.compact(page)
    assert compact.compact(out) == out
    # the same characters once white space is set aside and references read: no word, tag or sign
    # is lost or added (an apostrophe's reference may be written as the apostrophe)
    assert html.unescape("".join(out.split())) == html.unescape("".join(page.split()))
    # where there was white space, there still is some
    assert [bool(x) for x in page.split("mot")] == [bool(x) for x in out.split("mot")] or "mot" not in page


def _in_one_pass(page: str) -> str:
    """compact.compact as first written: every segment through the one pass, tag by tag."""
    out, at = [], 0
    for m in compact.KEEP.finditer(page):
        out += [compact.TAG_BREAK_OR_APOSTROPHE.sub(compact._piece, page[at : m.start()]), m.group(0)]
        at = m.end()
    return "".join([*out, compact.TAG_BREAK_OR_APOSTROPHE.sub(compact._piece, page[at:])])


FAST_PATH_PIECES = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<pre>",
            "</pre>",
            "<b>",
            " ",
            "\t",
            "\r",
            "\n",
            "\n  ",
            "mot",
            ">",
            "<",
            "&#x27;",
            "&#39;",
            "&",
            '<a title="',
            '">',
            "</a>",
            "<code>",
            "</code>",
        ]
    ),
    max_size=40,
)


@given(FAST_PATH_PIECES)
def test_the_faster_passes_give_what_the_one_pass_gives(pieces):
    page = "".join(pieces)
    assert compact.compact(page) == _in_one_pass(page)


def test_the_faster_passes_are_taken_where_no_tag_holds_a_line_break():
    page = "<p title='l&#x27;a'>\n    l&#x27;article\n  \n  </p>\n"
    assert compact.TAG_WITH_BREAK.search(page) is None
    assert compact.compact(page) == _in_one_pass(page) == "<p title='l&#x27;a'>\nl'article\n</p>\n"
    assert compact.TAG_WITH_BREAK.search(PAGE) and compact.compact(PAGE) == _in_one_pass(PAGE)
