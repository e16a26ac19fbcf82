"""YAML in and out, keeping what editors wrote.

Loading keeps ruamel.yaml's round-trip tree so that every value can be traced
back to its line (for error messages) and so that a rewrite keeps comments and
key order. Validation works on a plain copy (``plain``) where YAML's implicit
types are turned back into what the editor meant: ``date: 2023-09-13`` and
``date: 2023`` are the strings "2023-09-13" and "2023".

Reading for ``check`` and the build (``load_file``) takes a faster road when it can:
libyaml's C parser (through PyYAML) gives the events, ``fast_parse`` builds from them a
tree of plain values that knows each value's line (``LineMap``, ``LineSeq``), resolving
scalars as ruamel.yaml does (YAML 1.2). About 30 times faster than ruamel's round trip,
which matters at a thousand articles (13 MB of records). Anything unusual (a syntax error,
an anchor or alias, a tag, a duplicate or complex key, deep nesting) goes the ruamel way,
whose messages and checks are the reference: there, anchors, aliases, tags and nesting
deeper than MAX_DEPTH are refused before anything is built (``_Composer``). On both roads,
``scan_strings`` refuses control and bidirectional characters and lone surrogates.
``parse`` (round trip, comments kept) stays what writers use (merge.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from build_scripts.dataset import characters
from build_scripts.dataset.problems import Problem
from build_scripts.dataset.textfiles import read_text

# Lists and records nest at most 4 levels in a data file (list > record > sources > source);
# the bound stops a file of thousands of brackets long before Python's recursion limit.
MAX_DEPTH = 20
# Tags an editor may write (``!!str 2023`` keeps a year as text); any other tag is refused.
ALLOWED_TAGS = {None, "!"} | {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}


class Refused(MarkedYAMLError):
    """YAML that is valid but that data files never need, refused before it is built."""

    def __init__(self, code: str, message: str, fix: str, mark) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.code, self.message, self.fix = code, message, fix


class _Composer(Composer):
    """Composer that refuses, at the first event, what could make a small file costly.

    - anchors and aliases: an alias is copied out in full by the loader, so nine levels
      of aliases ("billion laughs") in a few lines would take gigabytes;
    - a nesting deeper than MAX_DEPTH (thousands of brackets would overflow the stack);
    - tags other than YAML's plain ones (``!!python/object``...).
    """

    def compose_node(self, parent, index):
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            sign = "*" if isinstance(event, AliasEvent) else "&"
            raise Refused(
                "yaml-anchor",
                f"'{sign}{event.anchor}' is a YAML {'alias' if sign == '*' else 'anchor'}: data files do not use "
                "anchors (&) or aliases (*), so that each record reads on its own and a few lines cannot "
                "expand into a huge file.",
                "write the value out in full where it is needed, and remove the '&name' and '*name' marks.",
                event.start_mark,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and str(tag) not in ALLOWED_TAGS:
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise Refused(
                "yaml-tag",
                f"the tag '{characters.clip(shown)}' is not allowed: data files hold only text, numbers, "
                "true/false, null, lists and records.",
                "remove the tag (the word that starts with '!' before the value); put the value in quotes if it is text.",
                event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise Refused(
                "yaml-too-deep",
                f"lists and records are nested more than {MAX_DEPTH} levels deep here (a data file needs 4).",
                "close each list ']' and record '}' where it ends; see another record for the layout.",
                event.start_mark,
            )
        return super().compose_node(parent, index)


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps an impossible date (``2023-02-30``) as text.

    ruamel would raise "day is out of range" for the whole file, without a line;
    kept as text, the value reaches ``check``, which reports it on its own line.
    """

    def construct_yaml_timestamp(self, node, values=None):
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.Constructor = _Constructor
    y.Composer = _Composer
    y.width = 4096  # never fold long quotes: a folded quote is harder to compare with its article
    y.indent(mapping=2, sequence=2, offset=0)
    y.preserve_quotes = True
    y.allow_duplicate_keys = False
    # null is written `null`, as editors write it (ruamel's default is an empty value)
    y.representer.add_representer(type(None), lambda r, d: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return y


def parse(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text; return (tree, problems). The tree is None on a syntax error."""
    try:
        tree = _yaml().load(text)
    except Refused as exc:
        mark = exc.problem_mark
        return None, [Problem(rel, mark.line + 1 if mark else None, "", exc.code, exc.message, exc.fix)]
    except MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, rel)]
    except ReaderError as exc:  # a control character (pasted from a PDF or a word processor)
        at = exc.position if isinstance(exc.position, int) else 0
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        char = text[at] if at < len(text) else ""
        return None, [
            Problem(
                rel,
                line,
                "",
                "control-character",
                f"the invisible control character {characters.name(char)} is at column {col}: YAML does not allow it.",
                "delete it: retype the characters around that column (it often comes with text pasted from a PDF).",
            )
        ]
    except Exception as exc:  # ruamel raises a few unmarked errors
        mark = getattr(exc, "problem_mark", None)
        where = mark.line + 1 if mark else None
        return None, [
            Problem(rel, where, "", "yaml-syntax", str(exc).splitlines()[0] + ".", "see the YAML around this line.")
        ]
    return tree, scan_strings(tree, rel)


def scan_strings(tree: Any, rel: str) -> list[Problem]:
    """Characters that data never needs, in any key or text value: one problem per value.

    Control characters (an ESC would reach the terminal and the CSV download), bidirectional
    controls (U+202E would reverse the site's own words after a quote) and lone surrogates
    (they cannot be written as UTF-8 at all) come in through escapes such as "\\u202e",
    which the YAML reader lets through.
    """
    out: list[Problem] = []
    stack: list[tuple[Any, tuple]] = [(tree, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and (bad := characters.first_forbidden(key)) is not None:
                    out.append(_char_problem(tree, rel, path + (key,), key, bad, "key"))
                stack.append((value, path + (key,)))
        elif isinstance(node, list):
            stack.extend((value, path + (i,)) for i, value in enumerate(node))
        elif isinstance(node, str) and (bad := characters.first_forbidden(node)) is not None:
            out.append(_char_problem(tree, rel, path, node, bad, "value"))
    return sorted(out, key=Problem.sort_key)


def _get(tree: Any, path: tuple) -> Any:
    for step in path:
        try:
            tree = tree[step]
        except (KeyError, IndexError, TypeError):
            return None
    return tree


def _char_problem(tree: Any, rel: str, path: tuple, text: str, at: int, what: str) -> Problem:
    code, kind, fix = characters.classify(text[at])
    where = ""
    for i, step in enumerate(path):
        if isinstance(step, int):
            item = _get(tree, path[: i + 1])
            rid = item.get("id") if isinstance(item, dict) else None
            where = (
                rid
                if isinstance(rid, str) and i == 0 and characters.first_forbidden(rid) is None
                else where + f"[{step}]"
            )
        else:
            where += f".{characters.clip(str(step), 40)}" if where else characters.clip(str(step), 40)
    return Problem(
        rel,
        line_of(tree, path) if path else None,
        where,
        code,
        f"the {what} holds {kind} {characters.name(text[at])} at character {at + 1}.",
        fix,
    )


_QUOTE_OPEN = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+|-\s*)?(["'])(.*)$""")


def unclosed_quote_line(lines: list[str], upto: int) -> int | None:
    """0-based index of the first line (before ``upto``) that opens a quoted value and does not close it.

    The data never continues a quoted value on the next line, so such a line is
    where the editor forgot the closing quote (YAML itself only notices lines later).
    """
    for i, line in enumerate(lines[: upto + 1]):
        m = _QUOTE_OPEN.match(line)
        if not m:
            continue
        quote, rest = m[1], m[2]
        if quote == '"':
            rest = re.sub(r"\\.", "", rest)
            closed = '"' in rest
        else:
            closed = "'" in rest.replace("''", "")
        if not closed:
            return i
    return None


def syntax_problem(exc: MarkedYAMLError, text: str, rel: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    what = (exc.problem or exc.context or "invalid YAML").strip()
    src_lines = text.splitlines()
    bad = src_lines[mark.line] if mark and mark.line < len(src_lines) else ""
    if "\t" in bad or "'\\t'" in what:
        return Problem(
            rel,
            line,
            "",
            "yaml-tab",
            "a tab character is used for indentation; YAML allows only spaces.",
            "replace the tab with spaces (two per level).",
        )
    if "duplicate key" in what:
        return Problem(rel, line, "", "yaml-duplicate-key", what + ".", "keep only one of the two keys.")
    open_at = unclosed_quote_line(src_lines, mark.line if mark else len(src_lines))
    if open_at is not None:
        return Problem(
            rel,
            open_at + 1,
            "",
            "yaml-unclosed-quote",
            "a quoted value is opened but never closed on this line.",
            'add the closing quote at the end of the value (and double any " inside a "..." value, or use \'...\').',
        )
    ctx = str(exc.context or "")
    if exc.context_mark and ("flow sequence" in ctx or "flow mapping" in ctx):
        brackets = "[ ]" if "sequence" in ctx else "{ }"
        return Problem(
            rel,
            exc.context_mark.line + 1,
            "",
            "yaml-syntax",
            f"a {'list' if 'sequence' in ctx else 'record'} opened with '{brackets[0]}' is not closed with '{brackets[2]}' on this line ({what}).",
            f"close it with '{brackets[2]}' at the end of the line, and separate the items with ', '.",
        )
    if "found unexpected end of stream" in what or "while scanning a quoted scalar" in str(exc.context or ""):
        opened = exc.context_mark.line + 1 if exc.context_mark else line
        return Problem(
            rel,
            opened,
            "",
            "yaml-unclosed-quote",
            "a quoted value is opened but never closed.",
            'add the closing quote at the end of the value (and double any " inside a "..." value, or use \'...\').',
        )
    if (
        "mapping values are not allowed" in what
        or "did not find expected key" in what
        or "expected <block end>" in what
    ):
        return Problem(
            rel,
            line,
            "",
            "yaml-indent",
            "this line is indented differently from the other keys of its record, "
            "or a value on it contains ': ' without quotes.",
            "align the key with the other keys of its record, or put the value in quotes.",
        )
    return Problem(rel, line, "", "yaml-syntax", f"{what}.", "see the YAML around this line.")


def plain(node: Any) -> Any:
    """A plain copy of a ruamel tree: dict, list, str, int, float, bool, None.

    A lone surrogate ("\\ud800" in the file, reported by ``scan_strings``) becomes U+FFFD in the
    copy, so that nothing downstream (the schemas, the pages, the downloads) fails on text that
    cannot be encoded."""
    if isinstance(node, dict):
        return {_text(str(k)): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, dt.datetime):
        return node.isoformat()
    if isinstance(node, dt.date):
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int) and type(node) is not bool:
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return _text(str(node))
    if isinstance(node, TaggedScalar):  # '!!str "x"' (the tags left are YAML's own): its text
        return None if node.value is None else _text(str(node.value))
    return node


def _text(s: str) -> str:
    return characters.SURROGATE.sub("\ufffd", s) if characters.SURROGATE.search(s) else s


TEMPORAL_KEYS = {"date", "published"}


def normalise_temporal(record: dict) -> dict:
    """YAML reads ``2023`` as an int: a year in a date field is meant as text."""
    for key in TEMPORAL_KEYS:
        if isinstance(record.get(key), int) and not isinstance(record.get(key), bool):
            record[key] = str(record[key])
    sources = record.get("sources")
    for src in sources if isinstance(sources, list) else []:
        if isinstance(src, dict):  # the publication date of a context record's source
            normalise_temporal(src)
    return record


def line_of(tree: Any, path: tuple) -> int | None:
    """1-based line of the value at ``path`` (keys and indexes) in a ruamel tree (or a fast one).

    Falls back to the closest ancestor that has a position.
    """
    node = tree
    best = None
    for step in path:
        try:
            if isinstance(node, (CommentedMap, LineMap)) and step in node:
                best = node.lc.key(step)[0] + 1
                node = node[step]
            elif isinstance(node, (CommentedSeq, LineSeq)) and isinstance(step, int) and step < len(node):
                best = node.lc.item(step)[0] + 1
                node = node[step]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    if best is None and hasattr(tree, "lc"):
        best = tree.lc.line + 1
    return best


def value_line(tree: Any, path: tuple) -> int | None:
    """Line of the value itself (for multi-line values, where it starts)."""
    *parent_path, last = path
    parent = tree
    for step in parent_path:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return line_of(tree, path)
    try:
        if isinstance(parent, (CommentedMap, LineMap)):
            return parent.lc.value(last)[0] + 1
        if isinstance(parent, (CommentedSeq, LineSeq)):
            return parent.lc.item(last)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    return line_of(tree, path)


def dump(tree: Any, header: str = "") -> str:
    buf = io.StringIO()
    _yaml().dump(tree, buf)
    out = buf.getvalue()
    return header + out if header and not out.startswith(header) else out


# --- the fast road: libyaml's events, plain values with their lines ----------------------------


class Lines:
    """Where a fast tree's values are, as ruamel's ``.lc`` says it: 0-based (line, column)."""

    __slots__ = ("line", "col", "keys", "values", "items")

    def __init__(self, line: int, col: int):
        self.line, self.col = line, col
        self.keys: dict[Any, tuple[int, int]] = {}
        self.values: dict[Any, tuple[int, int]] = {}
        self.items: list[tuple[int, int]] = []

    def key(self, k: Any) -> tuple[int, int]:
        return self.keys[k]

    def value(self, k: Any) -> tuple[int, int]:
        return self.values[k]

    def item(self, i: int) -> tuple[int, int]:
        return self.items[i]


class LineMap(dict):
    """A mapping of plain values read by ``fast_parse``, with the lines of its keys and values (``.lc``)."""

    __slots__ = ("lc",)
    lc: Lines


class LineSeq(list):
    """A list of plain values read by ``fast_parse``, with the lines of its items (``.lc``)."""

    __slots__ = ("lc",)
    lc: Lines


class Unusual(Exception):
    """The text needs the reference (ruamel) road: an error to report, or a construct it checks."""


FAST_MAX_DEPTH = 16  # records nest 3 or 4 levels; deeper goes the reference road
_RESOLVER = VersionedResolver(version=(1, 2))
_SCALARS: dict[str, Any] = {}  # plain scalar text -> its value, as ruamel resolves and builds it
_SCALARS_MAX = 100_000


def _plain_scalar(text: str) -> Any:
    """The value of an unquoted, untagged scalar as ruamel reads it (YAML 1.2), made plain."""
    try:
        return _SCALARS[text]
    except KeyError:
        pass
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
    if tag == "tag:yaml.org,2002:str":
        value: Any = text
    elif tag in (
        "tag:yaml.org,2002:null",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
    ):
        value = plain(_yaml().constructor.construct_object(ScalarNode(tag, text), deep=True))
    else:  # a merge key '<<' or another special form
        raise Unusual(tag)
    if len(_SCALARS) < _SCALARS_MAX:
        _SCALARS[text] = value
    return value


def fast_parse(text: str) -> Any:
    """The document as plain values (LineMap, LineSeq, str, int...), or raises Unusual."""
    try:
        events = iter(pyyaml.parse(text, Loader=pyyaml.CSafeLoader))
        if not isinstance(next(events), pyyaml.StreamStartEvent):
            raise Unusual("stream")
        ev = next(events)
        if not isinstance(ev, pyyaml.DocumentStartEvent):
            raise Unusual("document")
        tree = _node(events, next(events), 0)
        if not isinstance(next(events), pyyaml.DocumentEndEvent) or not isinstance(next(events), pyyaml.StreamEndEvent):
            raise Unusual("several documents")
    except (pyyaml.YAMLError, StopIteration, RecursionError) as exc:
        raise Unusual(str(exc)) from None
    return tree


def _node(events: Any, ev: Any, depth: int) -> Any:
    if depth > FAST_MAX_DEPTH or getattr(ev, "anchor", None) is not None:
        raise Unusual("depth or anchor")
    if isinstance(ev, pyyaml.ScalarEvent):
        if ev.tag is not None and ev.tag != "!":
            raise Unusual("tag")
        return _plain_scalar(ev.value) if ev.implicit[0] else ev.value
    if isinstance(ev, pyyaml.SequenceStartEvent):
        if ev.tag is not None and ev.tag != "!":
            raise Unusual("tag")
        seq = LineSeq()
        seq.lc = lines = Lines(ev.start_mark.line, ev.start_mark.column)
        while True:
            item = next(events)
            if isinstance(item, pyyaml.SequenceEndEvent):
                return seq
            lines.items.append((item.start_mark.line, item.start_mark.column))
            seq.append(_node(events, item, depth + 1))
    if isinstance(ev, pyyaml.MappingStartEvent):
        if ev.tag is not None and ev.tag != "!":
            raise Unusual("tag")
        mapping = LineMap()
        mapping.lc = lines = Lines(ev.start_mark.line, ev.start_mark.column)
        while True:
            key_ev = next(events)
            if isinstance(key_ev, pyyaml.MappingEndEvent):
                return mapping
            if not isinstance(key_ev, pyyaml.ScalarEvent):
                raise Unusual("complex key")
            key = _node(events, key_ev, depth + 1)
            if not isinstance(key, (str, int)) or isinstance(key, bool) or key in mapping:
                raise Unusual("duplicate or odd key")
            value_ev = next(events)
            lines.keys[key] = (key_ev.start_mark.line, key_ev.start_mark.column)
            lines.values[key] = (value_ev.start_mark.line, value_ev.start_mark.column)
            mapping[key] = _node(events, value_ev, depth + 1)
    raise Unusual(type(ev).__name__)  # an alias


def read(text: str, rel: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text to read it (not to write it back): (tree, problems), the fast road when it can."""
    try:
        tree = fast_parse(text)
    except Unusual:
        return parse(text, rel)
    return tree, scan_strings(tree, rel)


# --- one item at a time: reading a long list again after an edit of one record ----------------

# A top-level item of a block list written at column 0: '- ' (or a lone '-') at the start of a line.
_ITEM = re.compile(r"^-(?= |$)", re.M)


def items_of(text: str) -> list[tuple[int, str]] | None:
    """The text of each top-level item of a list written as editors and ``dump`` write it (``- `` at
    column 0), each with its first line (0-based): (line, text). None when the text is not only such
    items after blank lines and comments (a flow list ``[...]``, a directive, another document...).

    Parsed one by one (``parse_item``), the items give what the whole text gives, lines included:
    an item cannot reach past the next ``-`` at column 0 without an unclosed quote or bracket, which
    its own parse reports (and the caller then parses the whole text)."""
    starts = [m.start() for m in _ITEM.finditer(text)]
    if not starts or any(ln.strip() and not ln.lstrip().startswith("#") for ln in text[: starts[0]].split("\n")):
        return None
    out, line, at = [], 0, 0
    for start, end in zip(starts, starts[1:] + [len(text)]):
        line += text.count("\n", at, start)
        out.append((line, text[start:end]))
        at = start
    return out


def parse_item(line: int, text: str) -> tuple[Any, tuple[int, int]] | None:
    """One item of ``items_of`` parsed on the fast road at its place in the file: (its value, the
    (line, column) where it starts), lines as the whole file's parse gives them. None when the item
    needs the reference road, holds a character that ``scan_strings`` refuses, or is not one item."""
    try:
        seq = fast_parse("\n" * line + text)
    except Unusual:
        return None
    if not isinstance(seq, LineSeq) or len(seq) != 1 or scan_strings(seq, ""):
        return None
    return seq[0], seq.lc.items[0]


def shifted(node: Any, delta: int) -> Any:
    """A fast tree moved down by ``delta`` lines (new maps and lists; the scalars are shared)."""
    if isinstance(node, LineMap):
        out: Any = LineMap((k, shifted(v, delta)) for k, v in node.items())
    elif isinstance(node, LineSeq):
        out = LineSeq(shifted(v, delta) for v in node)
    else:
        return node
    lc, out.lc = node.lc, Lines(node.lc.line + delta, node.lc.col)
    out.lc.keys = {k: (ln + delta, col) for k, (ln, col) in lc.keys.items()}
    out.lc.values = {k: (ln + delta, col) for k, (ln, col) in lc.values.items()}
    out.lc.items = [(ln + delta, col) for ln, col in lc.items]
    return out


def list_of(first: int, items: list[tuple[Any, tuple[int, int]]]) -> LineSeq:
    """The file's list from its items (value, start) in order, as ``fast_parse`` gives it for the
    whole file; ``first`` is the line of the first item's ``-``, where the list starts."""
    seq = LineSeq(value for value, _start in items)
    seq.lc = Lines(first, 0)
    seq.lc.items = [start for _value, start in items]
    return seq


def file_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """The text of a data file to parse, or the problems that leave nothing to parse (the text of a
    file that holds only comments comes back with its empty-file problem)."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    return text, empty_problems(text, rel)


def empty_problems(text: str, rel: str) -> list[Problem]:
    """The empty-file problem of a data file's text that holds no list (only blank lines and comments)."""
    if not text.strip() or all(ln.strip().startswith("#") or not ln.strip() for ln in text.splitlines()):
        return [
            Problem(
                rel,
                None,
                "",
                "empty-file",
                "the file holds no records.",
                "restore it from git (git checkout -- " + rel + "), or write [] if it must be empty.",
            )
        ]
    return []


# Parsed files by path, with the hash of the content they were parsed from: `mkdocs serve`
# rebuilds after every save, and only the files that changed are parsed again. Trees from
# load_file are shared: treat them as read-only (merge.py parses its own with ``parse``).
_PARSED: dict[str, tuple[str, Any, list[Problem]]] = {}


def load_file(path: Path, rel: str) -> tuple[Any, str | None, list[Problem]]:
    """Read and parse a YAML file: (tree, text, problems). The tree is shared (read-only)."""

    text, problems = file_text(path, rel)
    if text is None or problems:
        return None, text, problems
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    cached = _PARSED.get(rel)
    if cached is None or cached[0] != digest:
        tree, problems = read(text, rel)
        cached = _PARSED[rel] = (digest, tree, problems)
    _digest, tree, problems = cached
    return tree, text, list(problems)
