"""The Jinja2 environment of the generated pages: templates/ in, Markdown text out.

Pages and blocks are written in build_scripts/site/templates/ (templates/README.md says how
to edit them); the Python side (pages.py, charts/spec.py) hands them plain data.

Escaping is on for every value a template prints (``autoescape``), and goes through the
project's one HTML escaper, ``markup.h`` (``finalize``): the same bytes as before templates,
and C0/C1 control characters replaced. Only macro output and the filters below count as
markup already.

Two kinds of template files:

- ``*.md``: Markdown, written line by line as it is output (block tags on their own line
  leave no line behind: ``trim_blocks``, ``lstrip_blocks``). Between
  ``{% filter html_block %}`` and ``{% endfilter %}``, the lines are joined as in ``*.html``,
  and the result is a raw HTML block between blank lines;
- ``*.html``: an HTML fragment (macros) of a raw HTML block. Its lines are trimmed and
  joined with nothing, so that the fragment can be indented for reading and still come out
  on one line (Markdown ends a raw HTML block at a blank line). A sentence stays on one line:
  a space at a line break would be lost.

In both, the text of the template itself (not the values it prints) gets French typography
(``wording.typography``): an editor types ordinary spaces before ":" or inside « », the page
has the non-breaking ones.

Template comments are ``{## ... ##}``: ``{#`` opens Markdown's attribute lists (``{#id}``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context
from markupsafe import Markup

from build_scripts.dataset import wording
from build_scripts.site import markup

TEMPLATES = Path(__file__).with_name("templates")
# Blank or white-space-only lines: in data inside a raw HTML block they would end the block.
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")


# Jinja's own syntax in a template: left alone by the typography of its text.
_JINJA = re.compile(r"({{.*?}}|{%.*?%}|{##.*?##})", re.S)
_HTML_BLOCK = re.compile(r"({%-?\s*filter\s+html_block\s*-?%})(.*?)({%-?\s*endfilter\s*-?%})", re.S)


def _join(text: str) -> str:
    return "".join(line.strip() for line in text.splitlines())


def _typography(source: str) -> str:
    return "".join(part if i % 2 else wording.typography(part) for i, part in enumerate(_JINJA.split(source)))


class _Layout(Extension):
    """HTML in templates is written on indented lines and output on one; the template's text gets
    French typography (see the module docstring)."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name and name.endswith(".html"):
            source = _join(source)
        else:
            source = _HTML_BLOCK.sub(lambda m: m[1] + _join(m[2]) + m[3], source)
        return _typography(source)


def _finalize(value: Any) -> Markup:
    return value if isinstance(value, Markup) else Markup(markup.h(value))


def html_block(html: str) -> Markup:
    """A raw HTML block on its own lines between blank lines; blank lines inside (from data) removed."""
    return Markup("\n" + _BLANK_LINES.sub("\n", str(html)) + "\n\n")


def md(value: Any) -> Markup:
    """Markdown inline text (a heading): see markup.md."""
    return Markup(markup.md(value))


@pass_context
def url(context: Context, to_doc: str, anchor: str | None = None) -> str:
    """Relative URL from the page being written (``here``) to a doc path and anchor."""
    return markup.url(context["here"], to_doc, anchor)


@pass_context
def asset(context: Context, path: str) -> str:
    """Relative URL from the page being written (``here``) to a file under the site root."""
    return markup.asset(context["here"], path)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
        extensions=[_Layout],
    )
    env.filters.update(
        html_block=html_block,
        md=md,
        typography=wording.typography,
        plural=wording.count,  # {{ n|plural("citation", "citations") }}: "2 citations"
        agree=wording.agree,  # {{ n|agree("citation", "citations") }}: "citations"
        date=wording.date,
    )
    env.globals.update(url=url, asset=asset)
    return env


def render(template: str, **context: Any) -> str:
    """The text of a template with its data (``template``: its name, for the generated-file header)."""
    return environment().get_template(template).render(template=template, **context)


def macro(template: str, name: str) -> Callable[..., Markup]:
    """A macro of a template, to render one block from Python (a chart block, a marker's block)."""
    return getattr(environment().get_template(template).module, name)
