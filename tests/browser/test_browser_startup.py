"""What the scripts do as a page starts, which Lighthouse's blocking time measures on a phone.

An attribute of <html> or <body> that changes once the page is parsed invalidates the style of
every element (Material's CSS has selectors such as [class] and [data-md-color-scheme]), and the
bundle's first measurement then recomputes it all: 40-70 ms of a phone's main thread on a long
page (Hors corpus, Données). The head script (overrides/main.html) sets beforehand what the
bundle would set (js, js-focus-visible, data-js-focus-visible), and the palette is chosen at the
top of <body>; this test fails if a script, ours or Material's, changes one of them later.
"""

from __future__ import annotations

import pytest

from build_scripts.quality.gates import probe

# Records, from the moment the document is parsed (deferred scripts run next), every attribute of
# <html> and <body> whose value changes (an attribute set to its own value is left out).
WATCH_ROOTS = """
window.rpdcRootChanges = [];
document.addEventListener("readystatechange", function () {
  if (document.readyState !== "interactive") return;
  var watch = function (records) {
    records.forEach(function (r) {
      var now = r.target.getAttribute(r.attributeName);
      if (now !== r.oldValue) {
        window.rpdcRootChanges.push(r.target.nodeName + " " + r.attributeName + ": "
          + JSON.stringify(r.oldValue) + " -> " + JSON.stringify(now));
      }
    });
  };
  [document.documentElement, document.body].forEach(function (el) {
    new MutationObserver(watch).observe(el, { attributes: true, attributeOldValue: true });
  });
  window.rpdcRootsWatched = true;
});
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_no_script_changes_the_root_elements_once_the_page_is_parsed(browser, base_url, pages, width):
    context = probe.new_context(browser, width=width, height=800)
    context.add_init_script(WATCH_ROOTS)
    page = context.new_page()
    changes: dict[str, list[str]] = {}
    try:
        for name, path in pages.items():
            page.goto(base_url + path, wait_until="load")
            probe.settle(page)
            assert page.evaluate("window.rpdcRootsWatched === true"), f"/{path}: the watch did not start"
            assert page.evaluate("document.documentElement.classList.contains('js-focus-visible')")
            found = page.evaluate("window.rpdcRootChanges")
            if found:
                changes[name] = found
    finally:
        context.close()
    assert len(pages) >= 9
    assert not changes, changes
