"""The page generator without MkDocs: escaping, relative links, excerpt marks, generated pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

from build_scripts import dataset
from build_scripts.dataset import addresses, check
from build_scripts.site import pages
from build_scripts.site.markup import h, md, url

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site"
ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ config.site_name }}",
    "{% if x %}",
    ":smile:",
    "==marqué==",
    '--8<-- "secret.txt"',
    "*gras* _it_ `code`",
    "# titre",
    "<!-- rpdc:chiffres -->",
    "a & b &amp; c",
    "\u202eesrever\u202c",
    "zéro\u200blargeur",
    "{#faux-id}",
    "\\*échappé\\*",
]


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "pymdownx.escapeall", "toc"])


@pytest.mark.parametrize("value", HOSTILE)
def test_md_escaped_heading_renders_the_value_as_text(value):
    html = _render(f"## {md(value)} {{#ancre}}")
    m = re.fullmatch(r'<h2 id="ancre">(.*)</h2>', html, re.S)
    assert m, html
    text = m.group(1)
    import html as htmlmod

    assert htmlmod.unescape(text) == " ".join(value.split())
    assert "<" not in text.replace("&lt;", "")


@pytest.mark.parametrize("value", HOSTILE)
def test_h_escapes_for_text_and_attributes(value):
    out = h(value)
    assert "<" not in out and ">" not in out and '"' not in out
    import html as htmlmod

    assert htmlmod.unescape(out) == value


def test_relative_urls_between_pages():
    assert url("index.md", "chronologie.md", "sommet") == "chronologie/#sommet"
    assert url("acteurs/kim.md", "chronologie.md", "x") == "../../chronologie/#x"
    assert url("acteurs/index.md", "acteurs/kim.md") == "kim/"
    assert url("sources/a.md", "sources/index.md") == "../"
    assert url("chronologie.md", "chronologie.md", "x") == "#x"


class _Balance(HTMLParser):
    VOID = {"br", "img", "input", "meta", "link", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(tag)
        else:
            self.stack.pop()


def test_overlapping_excerpts_give_well_nested_marks():
    body = "Le président et la dirigeante se sont entretenus longuement à Novograd hier."
    spans = [
        pages._Span(body.find("président"), body.find("se sont") + 7, "a"),
        pages._Span(body.find("la dirigeante"), body.find("longuement") + 10, "b"),
        pages._Span(body.find("entretenus"), len(body) - 1, "c"),
    ]
    out = pages.render_range(body, 0, len(body), spans, set())
    p = _Balance()
    p.feed(out)
    assert not p.errors and not p.stack
    for anchor in "abc":
        assert out.count(f'id="{anchor}"') == 1
    assert "rpdc-mark--2" in out
    assert re.sub(r"<[^>]+>", "", out) == body.replace("'", "&#x27;")


@pytest.fixture(scope="module")
def generated():
    ds = dataset.load(FIXTURE)
    return pages.pages(ds, FIXTURE / "docs")


def test_pages_lists_every_generated_page(generated):
    for doc in (
        "chronologie.md",
        "rencontres.md",
        "acteurs/index.md",
        "acteurs/mira-solberg.md",
        "citations.md",
        "sources/index.md",
        "sources/2031-03-essai-sommet.md",
        "donnees.md",
        "index.md",
        "methodologie.md",
    ):
        assert doc in generated, doc
    bodies = {doc: re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S) for doc, text in generated.items()}
    assert all(text.startswith("<!-- Generated") for doc, text in bodies.items() if doc not in pages.HANDWRITTEN)
    titled = [doc for doc, text in generated.items() if text.startswith("---\ntitle: ")]
    assert titled and all(doc.startswith(("acteurs/", "sources/")) for doc in titled), titled


def test_handwritten_markers_are_filled(generated):
    assert "<!-- rpdc:" not in generated["index.md"]
    assert "rpdc-figures" in generated["index.md"]
    assert "schema-events" in generated["methodologie.md"]


def test_marker_text_in_data_is_not_a_marker():
    site = pages.Site(dataset.load(FIXTURE))
    assert pages.fill(h("<!-- rpdc:chiffres -->"), "index.md", site) == h("<!-- rpdc:chiffres -->")


def test_key_figures_count_published_records(generated):
    figures = generated["index.md"]
    # the summit with its statement is one encounter; the draft meeting is not published
    assert re.search(
        r'href="rencontres/#tenues"><span class="rpdc-figure__n">1</span> <span class="rpdc-figure__l">'
        r"rencontre au sommet ou ministérielle tenue en mars 2031</span>",
        figures,
    )
    assert re.search(r'rpdc-figure__n">1</span> <span class="rpdc-figure__l">rencontre annoncée', figures)
    assert re.search(r'rpdc-figure__n">3</span> <span class="rpdc-figure__l">faits tirés des articles', figures)
    assert re.search(r'rpdc-figure__n">3</span> <span class="rpdc-figure__l">citations', figures)
    assert re.search(r'rpdc-figure__n">5</span> <span class="rpdc-figure__l">acteurs', figures)
    assert 'Le fait <a href="contexte/">hors corpus</a>' in figures  # the context fact is said apart


def test_pages_command_writes_the_docs_tree(tmp_path):
    """``python -m build_scripts pages --out DIR``: DIR/docs with every generated file, DIR/mkdocs.yml."""
    from build_scripts.site import tree

    assert tree.main(check.load_valid(FIXTURE), tmp_path) == 0
    docs = tmp_path / "docs"
    assert (
        (docs / "chronologie.md")
        .read_text(encoding="utf-8")
        .startswith("---\nrpdc_chart: graphique-timeline\n---\n<!-- Generated")
    )
    assert (docs / "acteurs" / "anton-vassiliev.md").is_file()
    assert (docs / "donnees" / "rpdc-russie.zip").is_file() and (docs / "assets" / "charts" / "timeline.json").is_file()
    assert (docs / "assets" / "stylesheets" / "site.css").is_file()  # the project's hand-written docs too
    assert "rpdc-figures" in (docs / "index.md").read_text(encoding="utf-8")  # markers filled
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").startswith("# Generated by build_scripts/site/tree.py")


def test_pages_command_refuses_to_replace_the_project_docs():
    from build_scripts.site import tree

    with pytest.raises(ValueError, match="give it a directory of its own"):
        tree.write(check.load_valid(FIXTURE), ROOT)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("ex. « Vladimir Poutine ».", "ex. «\u202fVladimir Poutine\u202f»."),
        ("Nature : person ; voir ? oui !", "Nature\u00a0: person\u202f; voir\u202f? oui\u202f!"),
        ("<dt>Note :</dt>", "<dt>Note\u00a0:</dt>"),
        ("https://exemple.org/a:b et 12:30", "https://exemple.org/a:b et 12:30"),  # no space before: untouched
    ],
)
def test_newsroom_prose_gets_french_non_breaking_spaces(raw, expected):
    from build_scripts.dataset.wording import typography

    assert typography(raw) == expected


def test_schema_guide_and_downloads_read_as_french():
    from build_scripts import dataset
    from build_scripts.site import export

    ds = dataset.load(ROOT)
    guide = pages.schema_guide(pages.Site(ds))
    assert "data/events.yaml</code> — chaque fait" in guide  # the file is named once, not twice
    assert "«\u202f" in guide and "« " not in guide
    words = {f.name: f.description for f in export.plan(ds)}
    assert words["quotes.csv"] == "Les citations publiées, une ligne par enregistrement."
    assert words["events.csv"] == "Les événements publiés, une ligne par enregistrement."
    assert not [n for n, d in words.items() if d.startswith("Schéma de")]


def test_every_actor_page_of_the_site_data_has_a_chart():
    """Its events on a time axis, its mentions article by article, the actors of its events: at least one."""
    ds = dataset.load(ROOT)
    docs, specs = pages.generate(ds)
    actors = ds.by_id("actors")
    assert actors
    for aid in actors:
        page = docs[f"acteurs/{aid}.md"]
        ids = [i for i in (f"actor-{aid}", f"actor-{aid}--mentions", f"actor-{aid}--with") if i in specs]
        assert ids, f"no chart for {aid}"
        assert all(f'data-chart-id="{i}"' in page for i in ids), aid
        # In that order, after the timeline, before the list of events.
        at = [page.index(f'data-chart-id="{i}"') for i in ids]
        assert at == sorted(at) and at[-1] < page.index("## Événements")
    assert sum(1 for chart_id in specs if chart_id.endswith("--mentions")) >= len(actors) // 2


ID_ATTR = re.compile(r"""(?<![\w-])id=["']([^"']+)["']""")
ATTR_LIST_ID = re.compile(r"\{[^}\n]*(?<!&)#([\w\-]+)[^}\n]*\}")  # not a character reference (&#10;)


@pytest.mark.parametrize("root", [ROOT, FIXTURE], ids=["project", "fixture"])
def test_addresses_give_exactly_the_anchors_the_pages_write(root):
    """check reads the anchors from addresses without rendering: they must be the pages' own."""
    ds = check.load_valid(root)
    generated, _charts = pages.generate(ds, root / "docs" if (root / "docs").is_dir() else None)
    known = addresses.anchors(ds)
    compared = 0
    for doc, anchors in known.items():
        written = set(ID_ATTR.findall(generated[doc])) | set(ATTR_LIST_ID.findall(generated[doc]))
        assert written <= anchors, (doc, sorted(written - anchors))
        charts_only = {a for a in anchors - written if a.startswith("graphique-") or a == addresses.CHARTS_SECTION}
        assert anchors - written == charts_only, (doc, sorted(anchors - written - charts_only))
        compared += len(written)
    assert compared > 50
    assert set(known) == {d for d in generated if d not in pages.HANDWRITTEN}


# --- pages come from templates -----------------------------------------------------------------

SITE_CODE = ROOT / "build_scripts" / "site"
HTML_TAG = re.compile(
    r"</?(a|p|div|span|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|caption|figure|figcaption|"
    r"blockquote|q|code|strong|time|mark|details|summary|br)\b[^<]*>"
)


def _string_constants(path: Path) -> list[tuple[int, str]]:
    """String literals of a module, docstrings left out."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs
    ]


def test_no_page_markup_is_written_in_python():
    """The markup of the pages is in templates/: the Python of the site stage holds no HTML element.
    The charts' Plotly labels (<b>, <br> inside the figure JSON) are not page markup."""
    checked = 0
    for path in sorted(SITE_CODE.rglob("*.py")):
        if (
            path.name == "rawhtml.py"
        ):  # finds the paragraph Markdown writes around a placeholder: reads markup, writes none
            continue
        for line, text in _string_constants(path):
            checked += 1
            found = [m.group(0) for m in HTML_TAG.finditer(text) if m.group(1) != "br"]
            assert not found, f"{path.relative_to(ROOT)}:{line}: HTML in Python: {text[:80]!r}"
    assert checked > 500


def test_templates_escape_every_value():
    """Autoescape is on, through markup.h (control characters replaced as well)."""
    from build_scripts.site import render

    env = render.environment()
    assert env.autoescape is True
    out = env.from_string('<p title="{{ v }}">{{ v }}</p>').render(v="<b>\"x\" & 'y'\x07</b>")
    assert (
        out == '<p title="&lt;b&gt;&quot;x&quot; &amp; &#x27;y&#x27;\ufffd&lt;/b&gt;">'
        "&lt;b&gt;&quot;x&quot; &amp; &#x27;y&#x27;\ufffd&lt;/b&gt;</p>"
    )


def test_html_block_has_no_blank_line_from_data():
    """A blank line inside a raw HTML block would end it: data with blank lines is kept in the block."""
    from build_scripts.site import render

    out = render.html_block("<p>a\n\n \n\t\nb</p>")
    assert out == "\n<p>a\nb</p>\n\n"


def test_template_names_in_the_generated_header(generated):
    assert "templates/chronologie.md" in generated["chronologie.md"].splitlines()[3]  # after the front matter
    lines = generated["acteurs/mira-solberg.md"].splitlines()
    # the title of a page no navigation lists; its first chart, for the skip link
    assert lines[:4] == ["---", 'title: "Mira Solberg"', "rpdc_chart: graphique-actor-mira-solberg", "---"]
    assert "templates/acteur.md" in lines[4]


def test_a_chart_page_names_its_first_chart_in_its_front_matter(generated):
    """The theme's skip link "Aller au graphique" reads page.meta.rpdc_chart: written into the
    page by the pages stage, so that a build of the tree without the hook has it too."""
    with_chart = [doc for doc, text in generated.items() if pages.FIRST_CHART.search(text)]
    assert len(with_chart) > 3
    for doc in with_chart:
        found = pages.FIRST_CHART.search(generated[doc])
        assert found is not None
        first = found.group(1)
        head = re.match(r"\A---\n(.*?)\n---\n", generated[doc], re.S)
        assert head and f"rpdc_chart: {first}" in head.group(1).splitlines(), doc
    assert all("rpdc_chart" not in text for doc, text in generated.items() if doc not in with_chart)


def test_chart_meta_joins_the_front_matter_there_is():
    fig = '<figure class="rpdc-chart" id="graphique-a" tabindex="-1">\n<figure class="rpdc-chart" id="graphique-b">'
    assert pages.with_chart_meta("# T\n" + fig) == "---\nrpdc_chart: graphique-a\n---\n# T\n" + fig
    assert pages.with_chart_meta("---\ntitle: T\n---\n" + fig) == "---\ntitle: T\nrpdc_chart: graphique-a\n---\n" + fig
    assert pages.with_chart_meta("---\n---\n" + fig) == "---\nrpdc_chart: graphique-a\n---\n" + fig
    own = "---\nrpdc_chart: graphique-b\n---\n" + fig
    assert pages.with_chart_meta(own) == own  # an editor's choice stays
    assert pages.with_chart_meta("# Sans graphique\n") == "# Sans graphique\n"


def test_headings_keep_their_french_spaces_as_references():
    text = "# Russie\u00a0: 2024\n\nLe Kremlin\u00a0: non\n\n```\n# code\u00a0:\n```\n## Pourquoi\u202f?"
    assert pages.heading_spaces(text) == (
        "# Russie&#160;: 2024\n\nLe Kremlin\u00a0: non\n\n```\n# code\u00a0:\n```\n## Pourquoi&#8239;?"
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("Valeur \ufffe fin")  # found by test_escaping: the front matter showed on the page
@example("ligne\u2028suivante\x85fin")
def test_any_title_is_read_back_from_the_front_matter_as_written(title):
    """MkDocs reads a page's front matter with PyYAML: whatever the title holds, the page keeps its
    front matter (never shown as text) and the title comes back as the page gave it."""
    body, data = meta.get_data(pages.titled(title, "Corps de la page.\n"))
    assert body == "Corps de la page.\n"
    assert data == {"title": h(title)}
