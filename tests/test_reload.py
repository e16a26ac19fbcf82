"""``check.load_checked`` after an edit: the same result as a cold reading, from fewer readings.

``mkdocs serve`` asks for the checked dataset after every save; load_checked reads again only
the files that changed (build_scripts.dataset.reload) and looks again only where a check's
inputs changed (check.Memo). Whatever the edits, its answer must be what ``records.load`` and
``check_dataset`` give on the project as it stands: every test here compares the two, after
each edit, problems in order, records, articles, files and lines.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from examples import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_scripts.dataset import check, corpus, records, reload, yamlio
from build_scripts.dataset.textfiles import atomic_write

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
DATA_PATHS = [("id",), ("title",), ("text",), ("speaker",), ("date",), ("sources", 0, "excerpt"), ("actors", 1)]
DOCS = """# Accueil

La [visite de Mme Choe](chronologie.md#visite-choe-moscou) et la
[lettre](chronologie.md#lettre-kim-poutine) ; [Kim](acteurs/kim-jong-un.md),
[une citation](citations.md#citation-kim-amitie).
"""


def make_project(dest: Path) -> Path:
    shutil.copytree(VALID, dest)
    (dest / "docs").mkdir()
    (dest / "docs" / "index.md").write_text(DOCS, encoding="utf-8")
    return dest.resolve()


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "p")


def same_as_cold(root: Path) -> tuple[records.Dataset, list]:
    """load_checked(root), after asserting it equals a cold reading and check in every respect."""
    ds, problems = check.load_checked(root)
    cold = records.load(root)
    cold_problems = check.check_dataset(cold)
    assert [(str(p), p.severity) for p in problems] == [(str(p), p.severity) for p in cold_problems]
    assert problems == cold_problems
    assert ds.problems == cold.problems and ds.unread_articles == cold.unread_articles
    assert ds.articles == cold.articles and list(ds.articles) == list(cold.articles)
    assert list(ds.files) == list(cold.files)
    for kind, files in cold.files.items():
        mine = ds.files[kind]
        assert [(f.rel, f.records, f.tree is None) for f in mine] == [(f.rel, f.records, f.tree is None) for f in files]
        for f, g in zip(mine, files):
            for i, _rec in enumerate(g.records):
                for path in DATA_PATHS:
                    assert f.line(i, *path) == g.line(i, *path), (f.rel, i, path)
            assert f.line(len(g.records) + 3) == g.line(len(g.records) + 3)  # past the end: the list's line
    assert ds == cold
    return ds, problems


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def replace(root: Path, rel: str, old: str, new: str, *, atomic: bool = True) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    text = text.replace(old, new, 1)
    if atomic:
        atomic_write(path, text)  # a new file renamed over the old one, as editors and add do
    else:
        with open(path, "r+", encoding="utf-8") as fh:  # the same file (inode), written in place
            fh.write(text)
            fh.truncate()


NEW_EVENT = """
- id: rencontre-ajoutee
  date: 2030-06-20
  kind: meeting
  status: held
  title: "Une rencontre ajoutée"
  actors: [kim-jong-un, vladimir-poutine]
  place: null
  sources:
  - article: 2030-06-essai-lettre
    excerpt: "a adressé une lettre au président russe"
"""
SPLIT_FILE = """# yaml-language-server: $schema=../schema/events.schema.json
- id: evenement-2025
  date: 2030-06-12
  kind: letter
  title: "Un fait d'un fichier à part"
  actors: [kim-jong-un]
  place: null
  sources:
  - article: 2030-06-essai-lettre
    excerpt: "Le dirigeant nord-coréen Kim Jong Un a adressé une lettre"
"""
NEW_ARTICLE = corpus.render_article(
    {
        "id": "2030-07-essai-ajout",
        "title": "Essai ajouté",
        "published": "2030-07",
        "language": "fr",
        "outlet": "Gazette d'essai",
        "byline": None,
        "url": "https://example.org/essai-ajout",
        "captions": [],
        "boilerplate": [],
    },
    "Un article ajouté pendant que l'aperçu tourne, écrit pour les tests.\n",
)


# The second quote of the fixture, whole (its lines and the blank line after it).
_QUOTES = (VALID / "data" / "quotes.yaml").read_text(encoding="utf-8")
DELETED = _QUOTES[_QUOTES.index("- id: kcna-cooperation") : _QUOTES.index("- id: kim-amitie")]


def _add_split_file(root: Path) -> None:
    (root / "data" / "events").mkdir(exist_ok=True)
    atomic_write(root / "data" / "events" / "2025.yaml", SPLIT_FILE)


# Each edit: (what it does, what to undo it, the code the edited project must show: None for none).
Edit = tuple[Callable[[Path], object], Callable[[Path], object], str | None]
EDITS: dict[str, Edit] = {
    "prose field": (
        lambda r: replace(r, "data/events.yaml", "Visite de Choe Son-hui à Moscou", "Visite de Mme Choe"),
        lambda r: replace(r, "data/events.yaml", "Visite de Mme Choe", "Visite de Choe Son-hui à Moscou"),
        None,
    ),
    "id made a duplicate": (
        lambda r: replace(r, "data/events.yaml", "- id: lettre-kim-poutine", "- id: visite-choe-moscou"),
        lambda r: replace(
            r,
            "data/events.yaml",
            "- id: visite-choe-moscou\n  date: 2030-06-12",
            "- id: lettre-kim-poutine\n  date: 2030-06-12",
        ),
        "duplicate-id",
    ),
    "reference broken": (
        lambda r: replace(r, "data/quotes.yaml", "speaker: choe-son-hui", "speaker: choe-son-hiu"),
        lambda r: replace(r, "data/quotes.yaml", "speaker: choe-son-hiu", "speaker: choe-son-hui"),
        "unknown-actor",
    ),
    "quote no longer in its article": (
        lambda r: replace(r, "data/quotes.yaml", '"l\'amitié indéfectible"', '"l\'amitié indéfectible et éternelle"'),
        lambda r: replace(r, "data/quotes.yaml", '"l\'amitié indéfectible et éternelle"', '"l\'amitié indéfectible"'),
        "quote-not-in-source",
    ),
    "record added": (
        lambda r: atomic_write(
            r / "data/events.yaml", (r / "data/events.yaml").read_text(encoding="utf-8") + NEW_EVENT
        ),
        lambda r: atomic_write(
            r / "data/events.yaml", (r / "data/events.yaml").read_text(encoding="utf-8").replace(NEW_EVENT, "")
        ),
        None,
    ),
    "record deleted": (
        lambda r: replace(r, "data/quotes.yaml", DELETED, ""),
        lambda r: replace(r, "data/quotes.yaml", "- id: kim-amitie", DELETED + "- id: kim-amitie"),
        None,
    ),
    "split file added": (_add_split_file, lambda r: (r / "data/events/2025.yaml").unlink(), None),
    "article body changed": (
        lambda r: replace(r, "corpus/2030-06-essai-lettre.md", "Le dirigeant nord-coréen", "Le dirigeant nordcoréen"),
        lambda r: replace(r, "corpus/2030-06-essai-lettre.md", "Le dirigeant nordcoréen", "Le dirigeant nord-coréen"),
        "corpus-body-changed",
    ),
    "article added": (
        lambda r: atomic_write(r / "corpus/2030-07-essai-ajout.md", NEW_ARTICLE),
        lambda r: (r / "corpus/2030-07-essai-ajout.md").unlink(),
        None,
    ),
    "article removed": (
        lambda r: os.rename(r / "corpus/2030-06-essai-lettre.md", r / "lettre.md.bak"),
        lambda r: os.rename(r / "lettre.md.bak", r / "corpus/2030-06-essai-lettre.md"),
        "unknown-article",
    ),
    "docs link broken": (
        lambda r: replace(r, "docs/index.md", "#lettre-kim-poutine", "#lettre-kim-poutin"),
        lambda r: replace(r, "docs/index.md", "#lettre-kim-poutin)", "#lettre-kim-poutine)"),
        "docs-link-unknown",
    ),
    "quote renamed under a link": (
        lambda r: replace(r, "data/quotes.yaml", "- id: kim-amitie", "- id: kim-amitie-lettre"),
        lambda r: replace(r, "data/quotes.yaml", "- id: kim-amitie-lettre", "- id: kim-amitie"),
        "docs-link-unknown",
    ),
    "yaml syntax error": (
        lambda r: replace(r, "data/actors.yaml", '  name: "Kim Jong Un"', '  name: "Kim Jong Un'),
        lambda r: replace(r, "data/actors.yaml", '  name: "Kim Jong Un\n', '  name: "Kim Jong Un"\n'),
        "yaml-unclosed-quote",
    ),
    "written in place": (
        lambda r: replace(r, "data/places.yaml", "id: moscou", "id: moscow", atomic=False),
        lambda r: replace(r, "data/places.yaml", "id: moscow", "id: moscou", atomic=False),
        "unknown-place",
    ),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_an_edit_and_its_undoing_give_what_a_cold_reading_gives(project, name):
    do, undo, code = EDITS[name]
    before, problems = same_as_cold(project)
    assert problems == [] and len(before.records("events")) == 3
    do(project)
    edited, problems = same_as_cold(project)
    assert edited is not before
    if code is not None:
        assert code in codes(problems), problems
    else:
        assert problems == [], problems
    undo(project)
    again, problems = same_as_cold(project)
    assert problems == []
    assert again == before


def test_an_unchanged_file_keeps_its_objects_and_a_changed_one_gets_new_ones(project):
    """The contract the preview relies on to render again only what changed."""
    first, _ = same_as_cold(project)
    assert check.load_checked(project)[0] is first  # nothing changed: the very same answer
    replace(project, "data/events.yaml", "Visite de Choe Son-hui à Moscou", "Visite de Mme Choe")
    replace(project, "corpus/2030-06-essai-lettre.md", "Le dirigeant nord-coréen", "Le dirigeant nordcoréen")
    second, _ = same_as_cold(project)
    old = {f.rel: f for fs in first.files.values() for f in fs}
    new = {f.rel: f for fs in second.files.values() for f in fs}
    assert new["data/quotes.yaml"] is old["data/quotes.yaml"]
    assert all(a is b for a, b in zip(new["data/quotes.yaml"].records, old["data/quotes.yaml"].records))
    assert new["data/events.yaml"] is not old["data/events.yaml"]
    by_id = {r["id"]: r for r in old["data/events.yaml"].records}
    edited = [r for r in new["data/events.yaml"].records if r is not by_id[r["id"]]]
    assert [r["id"] for r in edited] == ["visite-choe-moscou"]  # the others kept their dicts
    assert second.articles["2030-05-essai-delegation"] is first.articles["2030-05-essai-delegation"]
    assert second.articles["2030-06-essai-lettre"] is not first.articles["2030-06-essai-lettre"]


def test_records_read_again_are_checked_again_against_an_edited_article(project):
    """A file read again keeps what each unchanged record gave, as long as its article is the same."""
    same_as_cold(project)
    for n in range(3):  # the file of actors read again (what each record gave is kept from now on)
        replace(project, "data/actors.yaml", f'Kim Jong Un{" " + str(n - 1) if n else ""}"', f'Kim Jong Un {n}"')
        assert same_as_cold(project)[1] == []
    replace(project, "corpus/2030-06-essai-lettre.md", "Le dirigeant nord-coréen", "Le dirigeant nordcoréen")
    _, problems = same_as_cold(project)
    assert "excerpt-not-in-source" in codes(problems) and "corpus-body-changed" in codes(problems)
    replace(project, "data/actors.yaml", 'Kim Jong Un 2"', 'Kim Jong Un 3"')
    _, problems = same_as_cold(project)
    assert "excerpt-not-in-source" in codes(problems)


def test_lines_follow_an_edit_that_adds_lines_above_a_problem(project):
    same_as_cold(project)
    replace(project, "data/quotes.yaml", "speaker: kim-jong-un", "speaker: kim-jong-oun")
    _, problems = same_as_cold(project)
    (before,) = [p for p in problems if p.code == "unknown-actor"]
    replace(project, "data/quotes.yaml", "  kind: speech\n", "  kind: speech\n  note: une note\n  # deux lignes\n")
    _, problems = same_as_cold(project)
    (after,) = [p for p in problems if p.code == "unknown-actor"]
    assert after.line == before.line + 2 and before.line is not None
    assert str(after).startswith(f"data/quotes.yaml:{after.line}: kim-amitie.speaker: [unknown-actor]")
    assert "Fix: did you mean 'kim-jong-un'?" in str(after)


def test_a_file_rewritten_at_once_with_the_same_size_is_read_again(project):
    """Within the grain of the file system's clock, a file rewritten in place keeps its size, inode
    and modification time: its content tells (reload.RACY_NS). Here the time is set back by hand."""
    same_as_cold(project)
    path = project / "data" / "quotes.yaml"
    seen = 0
    a, b = "choe-son-hui", "choe-son-huj"
    for _ in range(4):
        replace(project, "data/quotes.yaml", f"speaker: {a}", f"speaker: {b}", atomic=False)
        first = os.stat(path)
        _, problems = same_as_cold(project)  # read within the grain of its last change: racy
        assert "unknown-actor" in codes(problems)
        replace(project, "data/quotes.yaml", f"speaker: {b}", f"speaker: {a}", atomic=False)
        os.utime(path, ns=(first.st_atime_ns, first.st_mtime_ns))  # the same instant, to the clock's grain
        assert reload.state(path) == (first.st_mtime_ns, first.st_size, first.st_ino, first.st_dev, first.st_mode)
        _, problems = same_as_cold(project)
        assert problems == []
        seen += 1
    assert seen == 4


def test_the_caches_hold_only_the_last_reading(project):
    same_as_cold(project)
    reader, memo = check._AGAIN.reader, check._AGAIN.memo
    for n in range(4):
        replace(project, "data/events.yaml", f"Visite {n - 1 if n else 'de'} ", f"Visite {n} ")
        ds, _ = same_as_cold(project)
    current = {id(f) for fs in ds.files.values() for f in fs}
    assert {id(entry.file) for entry in reader._files.values()} == current
    cut = [entry for entry in reader._files.values() if entry.items is not None]
    assert [entry.file.rel for entry in cut] == ["data/events.yaml"]  # the others were never edited
    assert all(len(entry.items or ()) == len(entry.file.records) for entry in cut)
    assert all(entry.text is not None for entry in reader._files.values() if entry.items is None)
    held = [o for objects, _value, _key in memo._new.values() for o in objects]
    assert held and all(
        not isinstance(o, records.DataFile) or id(o) in current for o in held
    )  # no file of an older reading
    records_now = {id(r) for fs in ds.files.values() for f in fs for r in f.records}
    assert all(id(o) in records_now for o in held if isinstance(o, dict))


def test_another_project_starts_afresh(project, tmp_path):
    same_as_cold(project)
    other = make_project(tmp_path / "other")
    replace(other, "data/quotes.yaml", "speaker: choe-son-hui", "speaker: personne")
    _, problems = same_as_cold(other)
    assert "unknown-actor" in codes(problems)
    _, problems = same_as_cold(project)
    assert problems == []


# --- address view: the fields an address never depends on ------------------------------------


def test_no_address_reads_the_fields_the_doc_links_memo_leaves_out():
    """check_doc_links judges the links again only when a field outside NOT_ADDRESSES changed: the
    modules that make the addresses must never name one of those fields."""
    sources = [ROOT / "build_scripts" / "dataset" / f"{m}.py" for m in ("addresses", "story", "records", "temporal")]
    literals = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
    assert "date" in literals and "speaker" in literals  # the scan sees the fields addresses read
    assert not (check.NOT_ADDRESSES & literals), check.NOT_ADDRESSES & literals
    for path in sources:  # nor the text of an article
        assert not re.search(r"\.body\b", path.read_text(encoding="utf-8")), path


# --- reading a list item by item -------------------------------------------------------------


def _whole_and_items(text: str) -> tuple[object, object] | None:
    cut = yamlio.items_of(text)
    if cut is None:
        return None
    parsed = [yamlio.parse_item(line, chunk) for line, chunk in cut]
    if any(p is None for p in parsed):
        return None
    return yamlio.fast_parse(text), yamlio.list_of(cut[0][0], parsed)  # type: ignore[arg-type]


def _same_lines(a: Any, b: Any) -> int:
    """Assert two fast trees are equal with equal positions everywhere; return the nodes compared."""
    assert a == b
    if isinstance(a, (yamlio.LineMap, yamlio.LineSeq)):
        assert type(b) is type(a)
        assert (a.lc.line, a.lc.col, a.lc.keys, a.lc.values, a.lc.items) == (
            b.lc.line,
            b.lc.col,
            b.lc.keys,
            b.lc.values,
            b.lc.items,
        )
        children = zip(a.values(), b.values()) if isinstance(a, dict) and isinstance(b, dict) else zip(a, b)
        return 1 + sum(_same_lines(x, y) for x, y in children)
    return 1


def test_every_data_file_reads_the_same_item_by_item():
    files = sorted(ROOT.glob("data/*.yaml")) + sorted((TESTS / "fixtures").rglob("*.yaml"))
    compared = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        both = _whole_and_items(text)
        if both is not None:
            compared += _same_lines(*both)
    assert compared > 2000


ITEM_LINES = [
    "- id: a",
    '- id: b\n  title: "x"',
    "-\n  id: c",
    "- plain scalar",
    "-",
    "- [1, 2]",
    "- {id: d}",
    '- id: e\n  text: "on two\n    lines"',
    "- id: f\n  note: |\n    bloc\n\n    fin",
    "- id: g\n  note: >-\n    plié\n",
    "- id: h\n  list:\n  - 1\n  - - 2",
    "# a comment",
    "",
    "  # an indented comment",
    "- id: i # trailing comment",
    '- "- not an item"',
    '- id: j\n  text: "open',
    "- id: k\n  'quoted key': 1",
    "---",
    "- &anchor x",
    "- id: l\n- id: l",
    "- id: m\n  note: plain\n   continued",
    "- 2023-05-01",
    "- !!str 2023",
    "-\t tab",
    "key: value",
    "- id: n\n  sub:\n    deep: [a, {b: c}]",
]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(ITEM_LINES), max_size=10), st.booleans())
def test_a_list_read_item_by_item_is_the_list_read_whole(lines, final_newline):
    """Whatever the text, when every item reads alone, the items are the whole list, lines included."""
    text = "\n".join(lines) + ("\n" if final_newline else "")
    both = _whole_and_items(text)
    if both is None:
        return
    try:
        whole = yamlio.fast_parse(text)
    except yamlio.Unusual:
        pytest.fail(f"the items read alone, the whole does not: {text!r}")
    _same_lines(whole, both[1])


def test_an_item_moved_down_keeps_its_value_and_takes_its_new_lines():
    text = "- id: a\n  sources:\n  - article: x\n    excerpt: y\n"
    value, start = yamlio.parse_item(0, text)  # type: ignore[misc]
    moved, moved_start = yamlio.parse_item(7, text)  # type: ignore[misc]
    assert yamlio.shifted(value, 7) == moved
    _same_lines(yamlio.shifted(value, 7), moved)
    assert (start[0] + 7, start[1]) == moved_start


# --- any sequence of edits ------------------------------------------------------------------------


@settings(
    max_examples=examples(24),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.booleans()), min_size=1, max_size=8))
def test_any_sequence_of_edits_gives_what_a_cold_reading_gives(tmp_path_factory, steps):
    root = make_project(tmp_path_factory.mktemp("seq") / "p")
    done: list[str] = []
    same_as_cold(root)
    for name, undo_one in steps:
        do, undo, _code = EDITS[name]
        if undo_one and name in done:
            undo(root)
            done.remove(name)
        elif name not in done and not _clashes(name, done):
            do(root)
            done.append(name)
        same_as_cold(root)
    for name in reversed(done):
        EDITS[name][1](root)
        same_as_cold(root)
    assert same_as_cold(root)[1] == []


# Edits that change the same words: one at a time.
CLASHES = [{"article body changed", "article removed"}, {"prose field", "id made a duplicate"}]


def _clashes(name: str, done: list[str]) -> bool:
    return any(name in group and group & set(done) for group in CLASHES)


def test_racy_state_is_read_again_but_an_old_file_is_trusted(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("- id: a\n", encoding="utf-8")
    now = reload.state(path)
    assert reload.racy(now, reload.time.time_ns())
    old = reload.RACY_NS + 10**9
    assert now is not None
    os.utime(path, ns=(now[0] - old, now[0] - old))
    assert not reload.racy(reload.state(path), reload.time.time_ns())


def test_the_recheck_bench_measures_every_edit_and_leaves_valid_data(project, capsys):
    """bench recheck prints figures (not asserted); here: it runs, and its edits leave valid data."""
    from build_scripts.quality import recheck

    assert recheck.run(project, repeat=2) == 0
    out = capsys.readouterr().out
    for key in ("cold", "unchanged", "event title", "line added", "article body", "before: whole"):
        assert f"  {key} " in out, out
    same_as_cold(project)
