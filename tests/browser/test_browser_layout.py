"""At 360 px (a small phone) no page template scrolls sideways."""

from __future__ import annotations

from chartdom import wait_drawn

from build_scripts.quality.gates import probe, templates

WIDTH = 360


def test_no_horizontal_scroll_at_360px(browser, base_url, pages):
    context = probe.new_context(browser, width=WIDTH, height=740, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    try:
        for name, path in pages.items():
            page.goto(base_url + path, wait_until="load")
            probe.settle(page)
            wait_drawn(page)
            sw = page.evaluate("document.scrollingElement.scrollWidth")
            if sw > WIDTH:
                culprits = page.evaluate(
                    """(w) => Array.from(document.querySelectorAll('body *'))
                    .filter(e => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed')
                    .filter(e => !e.closest('.md-sidebar, .md-search'))
                    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                        + ' right=' + Math.round(e.getBoundingClientRect().right))""",
                    WIDTH,
                )
                wide.append(f"{name} (/{path}): scrollWidth {sw} > {WIDTH}: {culprits}")
    finally:
        context.close()
    assert len(pages) == len(templates.NAMES) == 10
    assert not wide, "\n".join(wide)
