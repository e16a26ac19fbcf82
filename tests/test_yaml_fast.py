"""The fast YAML road (libyaml events) reads what the reference road (ruamel.yaml) reads, at the same lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from examples import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.dataset import yamlio

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("data/*.yaml")) + sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))


def same_reading(text: str) -> int:
    """Compare both roads on text; return how many values were compared (0 when fast declines)."""
    try:
        fast = yamlio.fast_parse(text)
    except yamlio.Unusual:
        return 0
    ref, problems = yamlio.parse(text, "x")
    # what the reference refuses, the fast road must not read; a character that data refuses
    # (U+202E...) is found in the values by scan_strings on both roads
    assert not problems or problems == yamlio.read(text, "x")[1], problems
    if problems:
        return 0
    assert yamlio.plain(fast) == yamlio.plain(ref)
    n = 0
    stack: list[tuple[tuple, object]] = [((), ref)]
    while stack:
        path, node = stack.pop()
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            at = (*path, key)
            assert yamlio.line_of(fast, at) == yamlio.line_of(ref, at), at
            if child is not None:  # an empty value has no position of its own (ruamel gives the next token's)
                assert yamlio.value_line(fast, at) == yamlio.value_line(ref, at), at
            stack.append((at, child))
            n += 1
    return n


def test_every_data_and_fixture_file_reads_the_same():
    compared = sum(same_reading(p.read_text(encoding="utf-8", errors="replace")) for p in FILES)
    assert compared > 2000


@pytest.mark.parametrize(
    "text",
    [
        "- a: &x 1\n  b: *x\n",  # anchors and aliases: the reference decides
        "- !!python/object:os.system x\n",  # tags
        "- a: 1\n  a: 2\n",  # duplicate keys
        "- ? [a, b]\n  : c\n",  # complex keys
        "--- 1\n--- 2\n",  # two documents
        "- <<: {a: 1}\n",  # merge keys
        "- a: 1\n\tb: 2\n",  # a tab for indentation
        "[" * 40 + "]" * 40 + "\n",  # deep nesting
    ],
)
def test_unusual_text_goes_the_reference_road(text):
    with pytest.raises(yamlio.Unusual):
        yamlio.fast_parse(text)


SCALARS = st.one_of(
    st.sampled_from(
        ["2023", "2023-09", "2023-09-13", "2023-02-30", "2024-01-15/2024-01-17", "null", "~", "true", "False", "yes"]
        + ["0x1f", "012", "1_000", "1.5", ".inf", "12:30", "-", "a: b", "« x »", "'", '"', "#", "é", ""]
    ),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
)


@settings(max_examples=examples(150), deadline=None)
@given(records=st.lists(st.dictionaries(st.sampled_from(["id", "date", "text", "n"]), SCALARS, max_size=4), max_size=5))
def test_generated_records_read_the_same(records):
    """Records written by ruamel (as merge.py writes them), then read back both ways."""
    text = yamlio.dump(records)
    same_reading(text)
    for rec in records:  # the same values, unquoted where YAML allows it
        flat = "".join(f"- {k}: {v}\n" for k, v in rec.items() if v and "\n" not in v)
        try:
            yamlio.fast_parse(flat)
        except yamlio.Unusual:
            continue
        if not yamlio.parse(flat, "x")[1]:
            same_reading(flat)
