"""Quality gates of the built site: a real browser (Chromium through Playwright),
axe-core, Lighthouse, links and page weight.

The same functions run in the test suite (tests/browser/, tests/test_gates.py) and in
`make gates` (``python -m build_scripts.quality.gates``), which prints every figure.

- ``chromium``: where the browser is and the flags it needs on this machine;
- ``server``: serves a built site on 127.0.0.1 with gzip, like GitHub Pages;
- ``localsite``: builds the site for a local address (instant navigation needs it);
- ``templates``: the nine page templates every gate runs on;
- ``probe``: loads a page in Chromium: console errors, foreign requests, bytes shipped, axe-core;
- ``lighthouse``: one Lighthouse (mobile) run per page through Node;
- ``links``: broken internal links and anchors (linkinator);
- ``budgets``: the bars (scores, weights) the gates hold the site to.
"""
