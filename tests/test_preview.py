"""Live preview: `mkdocs serve` follows the editor's saves, shows data errors, keeps running.

One real `mkdocs serve` on a copy of the site tests' fixture (tests/fixtures/site), one
Chromium page (Debian's, through Playwright):

1. a new event title saved in data/ shows in the browser (the time is printed, not asserted);
2. a change in corpus/ (an article's title) shows too;
3. a broken data file: the terminal and the page show the same `path:line` line as `check`,
   and the server keeps running; fixing the file brings the site back (the banner goes).

The timing figures come from scripts/measure_preview.py (median of 5 saves).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from checkrun import problem_lines

from build_scripts.quality.gates import chromium

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent


def _measure_module():
    spec = importlib.util.spec_from_file_location("measure_preview", ROOT / "scripts" / "measure_preview.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    if not chromium.find():
        pytest.skip("no Chromium binary (set CHROMIUM_PATH, or run scripts/install-test-tools.sh)")
    mp = _measure_module()
    s = mp.PreviewSession(mp.FIXTURE, tmp_path_factory.mktemp("preview"))
    s.start()
    s.open("chronologie/")
    yield s
    s.close()


def test_saved_data_change_shows_in_the_browser(session):
    title = "Mira Solberg annonce un nouveau chapitre"
    session.wait_for(lambda t: title in t, what=repr(title))
    new = "Mira Solberg annonce un nouveau chapitre, version relue"
    saved = session.edit("data/events.yaml", f'title: "{title}"', f'title: "{new}"')
    session.wait_for(lambda t: new in t, what=repr(new))
    import time

    print(f"\npreview: data/events.yaml saved -> new title in the browser after {time.perf_counter() - saved:.2f} s")
    assert new in session.text()


def _spaced(text: str) -> str:
    """The page text with French typography's narrow and non-breaking spaces as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_saved_corpus_change_shows_in_the_browser(session):
    session.page.goto(session.url("sources/"), wait_until="load")
    try:
        old = "Essai : sommet <b>fictif</b> à Novograd"
        session.wait_for(lambda t: old in _spaced(t), what="the article title")
        new_title = "Essai : sommet fictif à Novograd, titre revu"
        session.edit(
            "corpus/2031-03-essai-sommet.md", "title: 'Essai : sommet <b>fictif</b> à Novograd", f"title: '{new_title}"
        )
        session.wait_for(lambda t: new_title in _spaced(t), what=repr(new_title))
    finally:
        session.page.goto(session.url("chronologie/"), wait_until="load")


def test_data_error_shows_in_terminal_and_page_and_the_fix_brings_the_site_back(session):
    title = "Visite de retour à Ostrava"
    session.wait_for(lambda t: title in t, what=repr(title))
    log_before = len(session.log())
    session.edit("data/events.yaml", "date: 2031-04\n", "date: 2031-02-30\n")
    expected = problem_lines(session.root)
    assert len(expected) == 1 and "[invalid-date]" in expected[0] and expected[0].startswith("data/events.yaml:"), (
        expected
    )
    session.wait_for(lambda t: expected[0] in t, what=f"the banner line {expected[0]!r}")
    assert session.running, "mkdocs serve stopped on a data error"
    assert expected[0] in session.log()[log_before:], "the terminal does not show the check line"
    # the fix brings the site back: no banner, the data shows again
    session.edit("data/events.yaml", "date: 2031-02-30\n", "date: 2031-04\n")
    assert problem_lines(session.root) == []
    session.wait_for(lambda t: "[invalid-date]" not in t and title in t, what="the page without the banner")
    assert session.running
    banner = session.page.query_selector(".rpdc-problems")
    assert banner is None


def test_a_whole_file_that_fails_to_load_still_shows_its_error(session):
    """A file that does not parse leaves no record to link to: the hand-written home page's links to
    the records (chronologie.md#sommet-essai) cannot resolve, and the preview must still show the
    banner rather than abort the rebuild in strict mode (which leaves the server stuck)."""
    session.page.goto(session.url(""), wait_until="load")
    title = "Page d'accueil d'essai"
    session.wait_for(lambda t: title in t, what=repr(title))
    log_before = len(session.log())
    session.edit("data/events.yaml", "  kind: summit\n", "   kind: summit\n")
    expected = problem_lines(session.root)
    assert len(expected) == 1 and "[yaml-indent]" in expected[0], expected
    session.wait_for(lambda t: expected[0] in t, what=f"the banner line {expected[0]!r}")
    assert session.running, "mkdocs serve stopped on a file that does not parse"
    log = session.log()[log_before:]
    assert expected[0] in log and "Aborted" not in log and "An error happened during the rebuild" not in log, log
    session.edit("data/events.yaml", "   kind: summit\n", "  kind: summit\n")
    assert problem_lines(session.root) == []
    session.wait_for(lambda t: "[yaml-indent]" not in t and title in t, what="the page without the banner")
    assert session.page.query_selector(".rpdc-problems") is None


def test_a_renamed_record_that_a_handwritten_link_needs_is_reported_where_the_link_is(session):
    """Renaming an event breaks docs/index.md's link to it: check, the terminal and the page name the
    docs line and the new id; the preview keeps serving."""
    session.page.goto(session.url(""), wait_until="load")
    session.edit("data/events.yaml", "- id: sommet-essai\n", "- id: sommet-essai-2031\n")
    session.edit("data/events.yaml", "part_of: sommet-essai\n", "part_of: sommet-essai-2031\n")  # the data agrees
    expected = problem_lines(session.root)
    assert len(expected) == 1 and expected[0].startswith("docs/index.md:3: [docs-link-unknown]"), expected
    assert "did you mean 'chronologie.md#sommet-essai-2031'?" in expected[0]
    session.wait_for(lambda t: expected[0] in t, what=f"the banner line {expected[0]!r}")
    assert session.running
    session.edit("data/events.yaml", "- id: sommet-essai-2031\n", "- id: sommet-essai\n")
    session.edit("data/events.yaml", "part_of: sommet-essai-2031\n", "part_of: sommet-essai\n")
    assert problem_lines(session.root) == []
    session.wait_for(lambda t: "[docs-link-unknown]" not in t, what="the page without the banner")
