"""``check`` on broken projects: one fixture file per error code, exact messages and lines.

Every file in tests/fixtures/invalid/ is a test. A fixture is a file of the
project (data/*.yaml, corpus/*.md, or any file dropped into corpus/) preceded by
a header of lines that say where it goes and what ``check`` must print:

    # target: data/quotes.yaml          the project file it replaces (or adds)
    # remove: data/places.yaml          (optional) a project file to delete
    # expect: data/quotes.yaml:7: q.speker: [unknown-key] unknown key 'speker'. Fix: did you mean 'speaker'?
    # status: 0                         (optional) the exit status when it is not 1: a warning only

The header lines are removed before the file is written, so line numbers in
``expect`` count from the first line after the header. The fixture's name is
``<code>.<ext>`` or ``<code>--<variant>.<ext>``: the code must be the one expected.
A directory fixture (``<name>/``) holds several project files at their paths and
an ``expect.txt``: it proves that problems in several files are all reported in
one run.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from checkrun import command_fixture_codes, run_check

from build_scripts.dataset import check

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
INVALID = TESTS / "fixtures" / "invalid"
HEADER_KEYS = (b"target", b"remove", b"expect", b"note", b"status")
PROBLEM_LINE = re.compile(r"^(?P<loc>[^ ]+): (?:(?P<where>.+?): )?\[(?P<code>[a-z-]+)\] (?P<message>.+)$")

# Codes that no single file in tests/fixtures/invalid/ can produce, and the test that covers them.
COVERED_ELSEWHERE = {
    "locked": "tests/test_atomic.py::test_second_command_is_refused_while_the_first_holds_the_lock",
    "file-too-large": "tests/test_bad_input.py::test_ten_megabyte_article_is_refused",
    "unreadable": "tests/test_bad_input.py::test_unreadable_data_file",
    "write-failed": "tests/test_transaction.py::test_read_only_data_folder_changes_nothing",
}


@dataclass
class Fixture:
    name: str
    code: str
    files: dict[str, bytes] = field(default_factory=dict)  # project path -> content
    remove: list[str] = field(default_factory=list)
    expect: list[str] = field(default_factory=list)
    status: int = 1


def _parse_header(raw: bytes) -> tuple[dict[str, list[str]], bytes]:
    """Split a fixture into its header (key -> values) and the content that follows."""
    header: dict[str, list[str]] = {}
    lines = raw.split(b"\n")
    n = 0
    for line in lines:
        if not line.startswith(b"# "):
            break
        key, sep, value = line[2:].partition(b": ")
        if not sep or key not in HEADER_KEYS:
            break
        header.setdefault(key.decode(), []).append(value.decode("utf-8"))
        n += 1
    return header, b"\n".join(lines[n:])


def load_fixture(path: Path) -> Fixture:
    code = path.name.split(".")[0].split("--")[0]
    fx = Fixture(path.name, code)
    if path.is_dir():
        header, _ = _parse_header((path / "expect.txt").read_bytes())
        for f in sorted(p for p in path.rglob("*") if p.is_file() and p.name != "expect.txt"):
            fx.files[f.relative_to(path).as_posix()] = f.read_bytes()
    else:
        header, content = _parse_header(path.read_bytes())
        assert header.get("target"), f"{path.name}: the header has no '# target: <project path>' line"
        fx.files[header["target"][0]] = content
    fx.remove = header.get("remove", [])
    fx.expect = header.get("expect", [])
    fx.status = int(header.get("status", ["1"])[0])
    assert fx.expect, f"{path.name}: the header has no '# expect: <message>' line"
    return fx


def fixtures() -> list[Path]:
    return sorted(p for p in INVALID.iterdir() if not p.name.startswith("."))


def make_project(dest: Path, fx: Fixture | None = None) -> Path:
    shutil.copytree(VALID, dest)
    if fx:
        for rel in fx.remove:
            (dest / rel).unlink()
        for rel, content in fx.files.items():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).write_bytes(content)
    return dest


def test_valid_fixture_project_has_no_problem(tmp_path):
    root = make_project(tmp_path / "p")
    assert check.run(root) == []
    status, out = run_check(root)
    assert status == 0, "\n".join(out)
    assert out[-1].startswith("check ok: 2 articles, 7 actors, 2 places, 3 events, 1 context, 4 quotes"), out


@pytest.mark.parametrize("path", fixtures(), ids=lambda p: p.name)
def test_invalid_fixture_reports_exact_problem(path: Path, tmp_path):
    fx = load_fixture(path)
    root = make_project(tmp_path / "p", fx)
    status, out = run_check(root)
    missing = [line for line in fx.expect if line not in out]
    assert not missing, "expected lines not printed:\n" + "\n".join(missing) + "\n--- check printed:\n" + "\n".join(out)
    assert status == fx.status, f"check exited {status}"
    if fx.code in check.CODES:
        assert any(f"[{fx.code}]" in line for line in fx.expect), f"{path.name}: no expected line has code [{fx.code}]"
    assert out[-1].startswith("check FAILED" if fx.status else "check ok"), out[-1]


def test_every_code_has_a_fixture_or_a_named_test():
    fixture_codes = {load_fixture(p).code for p in fixtures() if not p.is_dir() or load_fixture(p).code in check.CODES}
    fixture_codes |= set(command_fixture_codes())
    unknown = fixture_codes - set(check.CODES)
    assert not unknown, f"fixtures named after codes that check.CODES does not list: {unknown}"
    uncovered = set(check.CODES) - fixture_codes - set(COVERED_ELSEWHERE)
    assert not uncovered, f"codes without a fixture in tests/fixtures/invalid/: {sorted(uncovered)}"
    assert len(fixture_codes) > 30


def test_every_printed_code_is_listed_in_codes(tmp_path):
    """A code that check prints but CODES does not document would surprise editors and tests."""
    seen = set()
    for path in fixtures():
        fx = load_fixture(path)
        for line in fx.expect:
            if m := PROBLEM_LINE.match(line):
                seen.add(m["code"])
    assert seen and seen <= set(check.CODES), seen - set(check.CODES)


def test_every_message_says_where_what_and_how_to_fix():
    """Editors act on a message only if it names the file (and the line when there is one) and a fix."""
    n = 0
    for path in fixtures():
        for line in load_fixture(path).expect:
            m = PROBLEM_LINE.match(line)
            if not m:
                assert re.fullmatch(r"\d+ errors?", line), f"neither a problem nor a summary: {line}"
                continue
            n += 1
            loc, code = m["loc"], m["code"]
            assert loc.startswith(("data/", "corpus/", "docs/")), line
            assert " Fix: " in m["message"], f"no fix in: {line}"
            if code not in (
                "missing-file",
                "empty-file",
                "not-an-article",
                "binary-file",
                "file-too-large",
                "not-a-data-file",
                "leftover-temp-file",
                "interrupted-command",
            ):
                assert ":" in loc and loc.rsplit(":", 1)[1].isdigit(), f"no line number in: {line}"
    assert n > 30


def test_real_project_data_passes_check():
    """The seed corpus and data pass (this depends on the data being complete)."""
    problems = check.run(ROOT)
    assert problems == [], "\n".join(map(str, problems))
    status, out = run_check(ROOT)
    assert status == 0 and out[-1].startswith("check ok"), "\n".join(out)
    # the counts are real: there is data to check
    assert "5 articles" in out[-1]


def test_check_is_read_only(tmp_path):
    """Running check (twice, on valid and broken data) changes no file."""
    root = make_project(tmp_path / "p", load_fixture(INVALID / "unknown-key.yaml"))

    def snapshot():
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    before = snapshot()
    first = run_check(root)
    second = run_check(root)
    assert first == second and first[0] == 1
    assert snapshot() == before


def test_the_checked_dataset_is_read_again_only_when_a_file_changes(project):
    """`build` checks the data, then MkDocs's hook asks for it in the same process: one reading,
    unless a file of data/, corpus/ or docs/ changed, appeared or went away meanwhile."""
    first, problems = check.load_checked(project)
    assert len(first.by_id("events")) > 20
    again = check.load_checked(project)
    assert again[0] is first and again[1] is problems
    events = project / "data" / "events.yaml"
    text = events.read_text(encoding="utf-8")
    title = first.by_id("events")["sommet-vostochny"]["title"]
    assert f'title: "{title}"' in text
    events.write_text(
        text.replace(f'title: "{title}"', "title: Un autre titre, plus long que le premier"), encoding="utf-8"
    )
    edited, _ = check.load_checked(project)
    assert edited is not first
    assert edited.by_id("events")["sommet-vostochny"]["title"] == "Un autre titre, plus long que le premier"
    journal = project / "data" / ".pending-write.json"  # a file that only check's scan of leftovers reads
    journal.write_text("{}", encoding="utf-8")
    assert check.load_checked(project)[0] is not edited
    journal.unlink()
    (project / "docs").mkdir()
    (project / "docs" / "page.md").write_text("[lien](chronologie.md#pas-un-fait)\n", encoding="utf-8")
    with_docs, problems = check.load_checked(project)  # check verifies the hand-written links
    assert any(p.code == "docs-link-unknown" for p in problems)
    (project / "corpus" / "2024-01-kcna-visite-choe.md").unlink()
    gone, problems = check.load_checked(project)
    assert "2024-01-kcna-visite-choe" not in gone.articles and problems
