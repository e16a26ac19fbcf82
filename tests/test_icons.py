"""The theme's icons drawn from the stylesheet (overrides/.icons/, docs/assets/stylesheets/site.css).

Material includes `.icons/<set>/<name>.svg` wherever it draws an icon; the project's overrides/.icons/
puts an empty <svg> of class `rpdc-i-<name>` there, and site.css paints it through a mask of
Material's own path. These tests check that each stub has its rule, that the rule's path is the
one Material would have written in the page (an upgrade that redraws an icon fails here), and
that a built page writes no icon out in full.
"""

from __future__ import annotations

import re
from pathlib import Path

import material

from build_scripts import PROJECT

STUBS = PROJECT / "overrides" / ".icons"
MATERIAL_ICONS = Path(material.__file__).parent / "templates" / ".icons"
CSS = (PROJECT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
PATH = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="([^"]*)"/></svg>')


def stubs() -> list[Path]:
    found = sorted(STUBS.rglob("*.svg"))
    assert len(found) >= 8, "the logo, menu, palette toggle, search, back, clear and top icons"
    return found


def test_each_stub_is_an_empty_svg_of_its_class():
    for stub in stubs():
        assert stub.read_text(encoding="utf-8") == f'<svg class="rpdc-i-{stub.stem}" viewBox="0 0 24 24"></svg>', stub


def test_each_stub_is_painted_with_material_s_own_path():
    for stub in stubs():
        original = MATERIAL_ICONS / stub.relative_to(STUBS)
        assert original.is_file(), f"{stub}: Material has no such icon"
        m = PATH.fullmatch(original.read_text(encoding="utf-8").strip())
        assert m, f"{original}: not a single-path 24x24 icon"
        rule = (
            f".rpdc-i-{stub.stem} {{ --rpdc-i: url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg' "
            f"viewBox='0 0 24 24'><path d='{m[1]}'/></svg>\"); }}"
        )
        assert rule in CSS, f"site.css has no rule, or another path, for {stub.name}"


def test_built_pages_write_no_theme_icon_out(repo_site):
    pages = sorted(repo_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not PATH.search(html), f"{page}: an icon written out in full (no stub in overrides/.icons/?)"
        if page.name == "index.html" and page.parent == repo_site:
            for name in ("library", "menu", "magnify", "arrow-left", "close", "arrow-up"):
                assert f'<svg class="rpdc-i-{name}" viewBox="0 0 24 24"></svg>' in html
