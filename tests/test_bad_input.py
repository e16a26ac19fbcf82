"""Bad input that a fixture file cannot hold, and input nobody thought of.

The one-file-per-code fixtures are in tests/fixtures/invalid/ (tests/test_check.py).
Here: a 10 MB article (generated, never committed), a data file that cannot be
read, and property tests feeding arbitrary text and bytes to ``check``: it must
report problems in the usual format and never crash.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from checkrun import run_check
from examples import examples
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from build_scripts import dataset
from build_scripts.dataset import check

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
SITE = TESTS / "fixtures" / "site"
ARTICLE = "corpus/2030-06-essai-lettre.md"
PROBLEM_LINE = re.compile(r"^(?P<loc>[^ ]+): (?:(?P<where>.+?): )?\[(?P<code>[a-z-]+)\] (?P<message>.+) Fix: .+$")


def _project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(VALID, dest)
    return dest


def test_ten_megabyte_article_is_refused(tmp_path):
    root = _project(tmp_path)
    path = root / ARTICLE
    head = path.read_text(encoding="utf-8")
    filler = "Une phrase d'essai répétée pour gonfler le fichier jusqu'à dix mégaoctets.\n"
    path.write_text(head + filler * (10_000_000 // len(filler.encode()) + 1), encoding="utf-8")
    size = path.stat().st_size
    assert size > 10_000_000
    status, out = run_check(root)
    assert status == 1
    assert (
        f"{ARTICLE}: [file-too-large] the file is {size:,} bytes; the limit is 100,000. "
        "Fix: check that this is the right file (a news article is a few tens of KB); "
        "a longer text must be split into its articles."
    ) in out
    # the other article is still read and checked; references to the refused one are not buried in noise
    assert out[-2] == "1 error", out
    assert out[-1].startswith("check FAILED: 1 articles"), out


def test_unreadable_data_file(tmp_path):
    root = _project(tmp_path)
    (root / "data" / "places.yaml").unlink()
    (root / "data" / "places.yaml").mkdir()  # a directory where the file should be
    status, out = run_check(root)
    assert status == 1
    assert (
        "data/places.yaml: [unreadable] cannot read the file: Is a directory. Fix: make data/places.yaml "
        "a plain file that you can read (ls -l data/places.yaml), or restore it from git."
    ) in out
    assert out[-2] == "1 error", out


@pytest.mark.parametrize("text", ["null\n", "~\n", "!\n", "42\n", "texte libre\n"])
def test_a_data_file_that_is_not_a_list(tmp_path, text):
    root = _project(tmp_path)
    (root / "data" / "events.yaml").write_text(text, encoding="utf-8")
    problems = [str(p) for p in check.run(root)]
    assert problems == [
        "data/events.yaml:1: [not-a-list] data/events.yaml must be a list of records, each starting "
        "with '- id: ...'. Fix: start each record with '- ' at the beginning of the line."
    ]


def test_a_problem_is_always_one_line(tmp_path):
    root = _project(tmp_path)
    path = root / "data" / "events.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2030-06-12", 'date: "2030\\n06"'), encoding="utf-8")
    out = [str(p) for p in check.run(root)]
    assert out == [
        "data/events.yaml:16: lettre-kim-poutine.date: [invalid-date] '2030\\n06' is not an ISO date. "
        "Fix: use YYYY, YYYY-MM, YYYY-MM-DD or START/END (e.g. 2024-01-15/2024-01-17)."
    ]


def _assert_well_formed(problems, root):
    assert problems, "broken input produced no problem"
    for p in problems:
        line = str(p)
        assert PROBLEM_LINE.match(line), f"badly formed problem: {line!r}"
        assert p.code in check.CODES, f"code not listed in check.CODES: {line}"
        assert p.line is None or p.line >= 1


yaml_noise = st.lists(
    st.sampled_from(
        list("- :\t\n\"'[]{}#&*!|>%@`,?\\\x01")
        + ["id", "text", "é", "\u00a0", "\u200b", "2023-02-30", "null", "  ", "\n- "]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=yaml_noise)
def test_any_text_in_a_data_file_gives_problems_not_a_crash(tmp_path, noise):
    root = _project(tmp_path)
    path = root / "data" / "quotes.yaml"
    path.write_text(noise, encoding="utf-8")
    problems = check.run(root)
    if dataset.load(root).readable("quotes") and not problems:
        return  # the noise happened to be valid YAML for an empty or valid list
    _assert_well_formed(problems, root)
    assert {p.path for p in problems} == {"data/quotes.yaml"}


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), where=st.integers(min_value=0, max_value=2000))
def test_any_bytes_in_an_article_give_problems_not_a_crash(tmp_path, data, where):
    root = _project(tmp_path)
    path = root / ARTICLE
    raw = path.read_bytes()
    where = min(where, len(raw))
    path.write_bytes(raw[:where] + data + raw[where:])
    problems = check.run(root)
    if not data:
        assert problems == []
    for p in problems:  # some insertions are harmless (a space at the end of the text): no problem to show
        assert PROBLEM_LINE.match(str(p)), str(p)
        assert p.code in check.CODES, str(p)


FIELDS = {
    "quotes": ["date", "speaker", "kind", "text", "article", "event", "id", "excerpt", "reported_by", "review"],
    "actors": ["id", "name", "aliases", "descriptions", "country", "sources", "kind", "role"],
    "events": ["date", "actors", "place", "part_of", "sources", "disputes", "status", "date_approximate", "title"],
    "places": ["within", "aliases", "sources", "name"],
}
any_value = st.one_of(
    st.text(max_size=40),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.one_of(st.text(max_size=5), st.integers(), st.none()), max_size=3),
    st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=5), st.none()), max_size=2),
    st.lists(
        st.dictionaries(
            st.sampled_from(["article", "excerpt", "note", "x"]),
            st.one_of(st.text(max_size=8), st.integers(), st.lists(st.text(max_size=3))),
            max_size=3,
        ),
        max_size=2,
    ),
)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=any_value,
    kind_field=st.sampled_from([(k, f) for k, fs in FIELDS.items() for f in fs]),
    index=st.integers(min_value=0, max_value=1),
)
@example(value=[], kind_field=("quotes", "id"), index=0)  # crashed check (unhashable id)
@example(value=["x"], kind_field=("quotes", "article"), index=1)  # crashed check (unhashable article)
@example(value="Kim", kind_field=("actors", "aliases"), index=0)
def test_any_value_in_any_field_gives_problems_not_a_crash(tmp_path, value, kind_field, index):
    """Replace one field of one record with an arbitrary value (dumped by the YAML library)."""
    from build_scripts.dataset import yamlio

    kind, field = kind_field
    root = _project(tmp_path)
    path = root / "data" / f"{kind}.yaml"
    tree, _ = yamlio.parse(path.read_text(encoding="utf-8"), f"data/{kind}.yaml")
    tree[index][field] = value
    path.write_text(yamlio.dump(tree), encoding="utf-8")
    problems = check.run(root)
    for p in problems:
        assert PROBLEM_LINE.match(str(p)), str(p)
        assert p.code in check.CODES, str(p)


# --- issue #16: limits before work -------------------------------------------------------------


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_an_endless_stream_is_refused_before_it_is_read(tmp_path, kind):
    """F5: data/places.yaml a symlink to /dev/zero (or a named pipe): refused at once, nothing read."""
    import os
    import time

    root = _project(tmp_path)
    path = root / "data" / "places.yaml"
    path.unlink()
    if kind == "device":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)  # opening it to read would wait for a writer forever
    started = time.monotonic()
    status, out = run_check(root)
    assert time.monotonic() - started < 60
    assert status == 1
    assert (
        "data/places.yaml: [unreadable] it is not a plain file but a device, a pipe or a socket (reading it "
        "might never end). Fix: replace data/places.yaml with the real file (ls -l data/places.yaml shows "
        "where it points), or restore it from git."
    ) in out, out
    assert out[-2] == "1 error", out


def test_a_long_text_is_refused_by_add_before_any_work(tmp_path):
    """A 1.5 MB article took 95 s and reported "1120 edited by hand and kept": now refused at once."""
    import subprocess
    import sys
    import time

    root = _project(tmp_path)
    sentence = "La délégation a visité une usine de tracteurs, selon l'agence officielle.\n"
    article = tmp_path / "long.txt"
    article.write_text(sentence * (1_500_000 // len(sentence.encode()) + 1), encoding="utf-8")
    size = article.stat().st_size
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "build_scripts", "--root", str(root), "add", str(article), "--published", "2024-05"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert time.monotonic() - started < 30  # no model is loaded, nothing is extracted
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        f"{article.as_posix()}: [file-too-large] the file is {size:,} bytes; the limit is 100,000. Fix: check "
        "that this is the right file (a news article is a few tens of KB); a longer text must be split into "
        "its articles."
    )


def test_escape_sequences_from_data_never_reach_the_terminal(tmp_path):
    """An ESC or a right-to-left override in a data file is named in the report, never printed raw."""
    root = _project(tmp_path)
    path = root / "data" / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2030-06-12", 'date: "\\e[2J\\e]0;pwned\\a\\u202e"'), encoding="utf-8")
    status, out = run_check(root)
    assert status == 1
    printed = "\n".join(out)
    assert "\x1b" not in printed and "\u202e" not in printed and "\x07" not in printed
    assert (
        "data/events.yaml:16: lettre-kim-poutine.date: [control-character] the value holds the invisible "
        "control character U+001B (ESCAPE) at character 1."
    ) in printed
    assert "'<U+001B>[2J<U+001B>]0;pwned<U+0007><U+202E>' is not an ISO date" in printed


def test_csv_cells_hold_no_control_character():
    from build_scripts.site.export import safe_cell

    assert safe_cell("a\x00b\x1b[31mc") == "a\ufffdb\ufffd[31mc"
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("deux\nlignes\tet tab") == "deux\nlignes\tet tab"


def test_a_plain_yaml_tag_in_front_matter_or_data_reads_as_its_text(tmp_path):
    """Found by make fuzz: 'title: !!str "..."' in an article's front matter reached the schema as
    ruamel's TaggedScalar, and check died with "Unsupported type: 'TaggedScalar'". YAML's own tags
    are allowed (other tags are refused, yaml-tag): the value is its text."""
    root = tmp_path / "project"
    shutil.copytree(SITE, root)
    article = root / "corpus" / "2031-04-essai-visite.md"
    text = article.read_text(encoding="utf-8")
    assert '\ntitle: "Essai' in text
    article.write_text(text.replace('\ntitle: "Essai', '\ntitle: !!str "Essai', 1), encoding="utf-8")
    places = root / "data" / "places.yaml"
    text = places.read_text(encoding="utf-8")
    assert '  name: "' in text
    places.write_text(text.replace('  name: "', '  name: !!str "', 1), encoding="utf-8")
    assert [str(p) for p in check.run(root) if p.severity == "error"] == []
    ds = check.load_valid(root)
    assert ds.articles["2031-04-essai-visite"].title.startswith("Essai")
    assert all(isinstance(p["name"], str) for p in ds.records("places"))
