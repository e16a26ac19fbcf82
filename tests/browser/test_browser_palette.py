"""The light / dark toggle (overrides/main.html, overrides/partials/palette.html, site.js): the page follows the
system's mode until the reader chooses, the choice holds across instant navigation and reloads,
and the page is drawn in its palette from the first paint (no restyle after load)."""

from __future__ import annotations

import pytest

from build_scripts.quality.gates import probe

STATE = """() => [
    document.body.getAttribute('data-md-color-scheme'),
    Array.from(document.querySelectorAll('label[for^="__palette"]')).filter(l => !l.hidden).map(l => l.title),
]"""
TO_DARK, TO_LIGHT = ["Passer au thème sombre"], ["Passer au thème clair"]
# The palette when the header comes in (an observer started before the page): chosen by then,
# no part of the page can be painted in the other one.
FIRST = """new MutationObserver((_, obs) => {
    if (document.querySelector('.md-header')) {
        window.rpdcFirst = document.body.getAttribute('data-md-color-scheme');
        obs.disconnect();
    }
}).observe(document, {childList: true, subtree: true});"""


@pytest.mark.parametrize(
    "system,start,toggle,other,other_toggle",
    [
        ("light", "default", TO_DARK, "slate", TO_LIGHT),
        ("dark", "slate", TO_LIGHT, "default", TO_DARK),
    ],
)
def test_palette_follows_the_system_then_the_reader(browser, base_url, system, start, toggle, other, other_toggle):
    context = browser.new_context(color_scheme=system, viewport={"width": 390, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(FIRST)
    try:
        page.goto(base_url, wait_until="load")
        probe.settle(page)
        assert page.evaluate(STATE) == [start, toggle]
        assert page.evaluate("window.rpdcFirst") == start  # no flash of the other palette
        page.locator('label[for^="__palette"]:visible').click()
        assert page.evaluate(STATE) == [other, other_toggle]
        page.locator('article a[href$="/chronologie/"]').first.click()  # instant navigation
        page.wait_for_url("**/chronologie/")
        probe.settle(page)
        assert page.evaluate(STATE) == [other, other_toggle]
        page.reload(wait_until="load")
        assert page.evaluate(STATE) == [other, other_toggle]
        assert page.evaluate("window.rpdcFirst") == other
        page.locator('input.md-option[name="__palette"]:checked').focus()
        page.keyboard.press("Enter")  # the keyboard switches back
        assert page.evaluate(STATE) == [start, toggle]
        assert not errors, errors
    finally:
        context.close()
