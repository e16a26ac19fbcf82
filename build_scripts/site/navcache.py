"""Material's navigation (``partials/nav.html``), rendered once for the pages that show it alike.

In: the Jinja2 environment of a MkDocs build at ``on_env``, and the navigation. Out: the same
environment, whose ``partials/nav.html`` gives a page the HTML it gave an earlier page whose
navigation is drawn from the same things: no item of the navigation is the page or active, and
every link of it (the items', the home page's) reads the same from both pages, as does the way
back to the site's root (``base_url``). At 1,000 articles, 1,600 of the 1,621 pages are reached
through their section's index, not from the navigation (tree.nav), and the navigation drawn around
each of them was a fifth of the theme's time; they draw it a dozen ways (one per depth and section).

A page of the navigation (whose item is marked and holds its table of contents) is drawn every
time, as is any page while an item is active. MkDocs's ``url`` filter is what the template applies
to each link (mkdocs/utils/templates.py): the key computes the same. The hook installs it for a
build; tests/test_ahead.py compares a site built with and without it, file by file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jinja2
from mkdocs.structure.nav import Navigation
from mkdocs.utils import normalize_url

NAV = "partials/nav.html"


class Drawn:
    """The navigations drawn, by what they are drawn from; ``reused``: pages given one of them."""

    def __init__(self, nav: Navigation, homepage: str | None) -> None:
        self.nav = nav
        self.targets = [url for url in (homepage, *_urls(nav.items)) if url is not None]
        self.html: dict[tuple[Any, ...], str] = {}
        self.reused = 0

    def key(self, context: Any) -> tuple[Any, ...] | None:
        """What the navigation around this page is drawn from; None: draw it (a page of the
        navigation, an item active)."""
        page = context.get("page")
        if page is None or any(p == page for p in self.nav.pages) or any(_active(self.nav.items)):
            return None
        base = context.get("base_url", "")
        return (base, tuple(normalize_url(url, page=page, base=base) for url in self.targets))


class _Template:
    """``partials/nav.html`` as a template includes it: drawn, or given as drawn before."""

    def __init__(self, template: jinja2.Template, drawn: Drawn) -> None:
        self._template = template
        self._drawn = drawn

    def root_render_func(self, context: Any) -> Iterator[str]:
        key = self._drawn.key(context)
        if key is None:
            yield from self._template.root_render_func(context)
            return
        html = self._drawn.html.get(key)
        if html is None:
            html = self._drawn.html[key] = "".join(self._template.root_render_func(context))
        else:
            self._drawn.reused += 1
        yield html

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


def install(env: jinja2.Environment, nav: Navigation, config: Any) -> Drawn:
    """Make ``env``'s ``partials/nav.html`` reuse what it drew (see the module's docstring)."""
    extra = config.get("extra") or {}
    drawn = Drawn(nav, extra.get("homepage") or (nav.homepage.url if nav.homepage else None))
    original = env.get_template

    def get_template(name: Any, parent: str | None = None, globals: Any = None) -> Any:
        template = original(name, parent, globals)
        return _Template(template, drawn) if name == NAV and parent is not None else template

    env.get_template = get_template  # type: ignore[method-assign]  # this build's environment only
    return drawn


def _urls(items: list[Any]) -> Iterator[str]:
    for item in items:
        if getattr(item, "url", None) is not None:
            yield str(item.url)
        yield from _urls(getattr(item, "children", None) or [])


def _active(items: list[Any]) -> Iterator[bool]:
    for item in items:
        yield bool(getattr(item, "active", False))
        yield from _active(getattr(item, "children", None) or [])
