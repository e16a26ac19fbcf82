"""``python -m build_scripts check``: every problem of corpus/ and data/, in one run.

Each problem says where (file:line and record.field), what is wrong, and how to
fix it, with a stable code (see ``CODES``). Exit status 1 when there is an error.
"""

from __future__ import annotations

import difflib
import functools
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from build_scripts.dataset import addresses, characters, corpus, doclinks, reload, schemas, transaction
from build_scripts.dataset.ids import slug
from build_scripts.dataset.problems import DataError, Problem, format_problems
from build_scripts.dataset.records import KINDS, DataFile, Dataset, load
from build_scripts.dataset.temporal import Temporal, TemporalError

# Every code check, and every other command, can report, with what it means: one list, so that an
# editor meets the same codes everywhere. Tests cover each one with a fixture in
# tests/fixtures/invalid/<code>.* (check) or tests/fixtures/commands/<code>.* (the other commands),
# or a test named in tests/test_check.py (COVERED_ELSEWHERE).
CODES = {
    "yaml-syntax": "the file is not valid YAML",
    "yaml-tab": "a tab is used for indentation",
    "yaml-indent": "a key is mis-indented or a value needs quotes",
    "yaml-unclosed-quote": "a quoted value is never closed",
    "yaml-duplicate-key": "a record has the same key twice",
    "empty-file": "a data file holds nothing",
    "missing-file": "a data file is missing",
    "not-a-data-file": "a file in a data/<kind>/ folder does not end in .yaml (it would not be read)",
    "not-a-list": "a data file is not a list of records",
    "not-a-record": "a list item is not a record (key: value)",
    "unreadable": "a file cannot be read (permissions, or a directory where a file should be)",
    "encoding": "a file is not UTF-8",
    "bom": "a file starts with a byte order mark",
    "crlf": "a file has Windows line ends",
    "binary-file": "a binary file sits in corpus/ or data/",
    "file-too-large": "a file is larger than any article can be",
    "not-an-article": "a file in corpus/ is not a .md article",
    "no-front-matter": "an article has no front matter",
    "unclosed-front-matter": "an article's front matter is not closed",
    "front-matter-not-mapping": "an article's front matter is not key: value lines",
    "article-id-mismatch": "an article's id differs from its file name",
    "corpus-body-changed": "the text of an article was edited",
    "passage-not-in-text": "a caption or boilerplate line is not in the article",
    "unknown-key": "a field that the schema does not know (often a typo)",
    "missing-field": "a required field is absent",
    "wrong-type": "a value has the wrong type",
    "bad-value": "a value is not one of those allowed",
    "bad-id": "an id is not lowercase-with-dashes",
    "invalid-date": "a date is not ISO, not a real day, or an interval ends before it starts",
    "empty-value": "a text value is empty",
    "no-source": "a record has no source",
    "duplicate-id": "two records share an id",
    "unknown-article": "a source names an article that is not in corpus/",
    "unknown-actor": "a reference to an actor that is not in data/actors.yaml",
    "unknown-place": "a reference to a place that is not in data/places.yaml",
    "unknown-event": "a reference to an event that is not in data/events.yaml",
    "unknown-context": "a reference to a record that is not in data/context.yaml",
    "date-source-mismatch": "an event's date differs from the data/context.yaml record it is taken from",
    "excerpt-not-in-source": "an excerpt is not found verbatim in its article",
    "quote-not-in-source": "a quote is not found verbatim in its article",
    "quote-not-in-excerpt": "a quote's text is not inside its excerpt",
    "alias-conflict": "one spelling is an alias of two actors",
    "locked": "another command is writing to the project",
    "docs-link-unknown": "a hand-written page links to a record or page that the data no longer gives",
    "reference-cycle": "a place is within itself or an event part of itself (directly or through others)",
    "yaml-anchor": "a data file uses a YAML anchor (&) or alias (*)",
    "yaml-tag": "a data file uses a YAML tag such as !!python/object",
    "yaml-too-deep": "lists and records are nested far deeper than any data file needs",
    "control-character": "an invisible control character (ESC, NUL...) in data, or flagged in an article",
    "bidi-control": "an invisible bidirectional control (U+202E...) in data, or flagged in an article",
    "lone-surrogate": "half of a character (U+D800-U+DFFF), which no UTF-8 file can hold",
    "leftover-temp-file": "a temporary file left by a command killed while writing (warning; the next add removes it)",
    "interrupted-command": "add or redraft was killed after writing some of its files, not all",
    # the commands that write (add, redraft, extract, export, charts, pages) and eval
    "published-required": "a plain-text article was given without --published",
    "bad-published": "--published is not a date, is out of range, or is an interval",
    "published-in-future": "--published is after today (--allow-future accepts it)",
    "has-front-matter": "add was given a file that already has front matter",
    "bad-url": "--url is not a web address",
    "duplicate-article": "add was given a text that is already in the corpus",
    "empty-article": "add was given a file with no text",
    "not-in-corpus": "redraft was given a file that is not a corpus article",
    "data-unreadable": "add or redraft cannot merge drafts into a data file that does not load",
    "out-in-project-source": "--out points at the project or one of its source folders (data, corpus, docs...)",
    "write-failed": "a file could not be written (disk full, read-only folder): nothing was changed",
    "out-not-a-folder": "--out names a file, not a folder",
    "os-error": "the system refused an operation no other code covers (a path under a file...)",
    "empty-corpus": "eval found no article to score",
}

TEMPORAL_FIELDS = {"date", "published"}


def load_valid(root: Path | str) -> Dataset:
    """The dataset of root, for stages that publish it: raises DataError listing every problem."""
    ds, problems = load_checked(root)
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)
    return ds


# The last dataset read and checked, with the state of its files (see load_checked).
_LAST: dict[Path, tuple[tuple[Any, ...], Dataset, list[Problem]]] = {}


def load_checked(root: Path | str) -> tuple[Dataset, list[Problem]]:
    """The dataset of root and its problems, as ``load(root)`` and ``check_dataset`` give them, read
    and checked again only as far as files under data/, corpus/ or docs/ (whose links check
    verifies) changed since the last call: ``python -m build_scripts build`` checks the data, then
    runs MkDocs in the same process, whose hook asks again; ``mkdocs serve`` asks after every save.

    Identity, for a caller that compares two results (the preview renders again only what changed):

    - nothing changed: the very same (dataset, problems) as the last call;
    - a data file that did not change keeps its ``DataFile`` object, hence its ``records`` list
      and record dicts; a corpus article that did not change keeps its ``Article`` object;
    - a data file that changed is a new ``DataFile``; in it, a record whose lines did not change
      keeps its dict (even if lines above it were added or removed: its lines are then the new
      ones, from the new DataFile), an edited or added record is a new dict; a changed article
      is a new ``Article``.

    So an object that is the same as last time holds the same data; a new object may hold the same
    data as an old one (a file saved unchanged is read again). Everything returned is shared with
    the next calls: read-only (typeset and the pages work on copies)."""
    root = Path(root).resolve()
    stamp = _files_state(root)
    hit = _LAST.get(root)
    if hit is not None and hit[0] == stamp:
        return hit[1], hit[2]
    _LAST.clear()  # one project at a time: what the last reading holds is let go
    if _AGAIN.root != root:
        _AGAIN.root, _AGAIN.reader, _AGAIN.memo = root, reload.Reader(), Memo()
    ds = _AGAIN.reader.load(root)
    problems = check_dataset(ds, _AGAIN.memo)
    _LAST[root] = (stamp, ds, problems)
    return ds, problems


def forget() -> None:
    """Let go of what load_checked keeps: its next call reads and checks everything, as a new process."""
    _LAST.clear()
    _AGAIN.root, _AGAIN.reader, _AGAIN.memo = None, reload.Reader(), Memo()


class Memo:
    """What the checks found in the last dataset, by the objects they found it in.

    ``check_dataset(ds, memo)`` takes a check's problems from the memo when the objects it reads
    (a DataFile, an Article, a record and the articles it quotes...) are the very objects it read
    last time, which ``load_checked``'s reader keeps for what did not change. A check that reads
    across files is memoised on all the objects it reads, or on what it reads of them (the ids a
    reference may name). Each run keeps only what it used: the memo holds the last dataset's
    objects, no more. A memo never changes a result: check_dataset(ds) with none gives the same.
    """

    def __init__(self) -> None:
        # key -> (the objects, the value, the key): keeping its key, an entry carried over to the next
        # run makes no new object (what lives long enough makes the garbage collector's full passes,
        # each a few tenths of a second over a thousand articles' records, come sooner)
        self._old: dict[Any, tuple[tuple[Any, ...], Any, Any]] = {}
        self._new: dict[Any, tuple[tuple[Any, ...], Any, Any]] = {}
        self._same: dict[str, Any] = {}
        self.links: _Judged | None = None  # the last judgement of the docs' links (check_doc_links)
        # check_verbatim, by (kind, file): this run's, and the last run's
        self.verbatim: dict[tuple[str, str], _Verbatim] = {}
        self.verbatim_before: dict[tuple[str, str], _Verbatim] = {}

    def start(self) -> None:
        """A new dataset: what the last run did not use is let go at the end of this one."""
        self._old, self._new = self._new, {}
        self.verbatim_before, self.verbatim = self.verbatim, {}

    def get(self, name: Any, objects: tuple[Any, ...]) -> Any:
        """What ``put`` kept for these very objects, or None."""
        key = (name, *map(id, objects))
        hit = self._new.get(key) or self._old.get(key)
        if hit is None or len(hit[0]) != len(objects) or any(a is not b for a, b in zip(hit[0], objects)):
            return None
        self._new[hit[2]] = hit
        return hit[1]

    def put(self, name: Any, objects: tuple[Any, ...], value: Any) -> Any:
        key = (name, *map(id, objects))
        self._new[key] = (objects, value, key)
        return value

    def make(self, name: Any, objects: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """make(), or its value for these very objects last time (never None)."""
        hit = self.get(name, objects)
        return hit if hit is not None else self.put(name, objects, make())

    def same(self, name: str, value: Any) -> Any:
        """value, or the equal value given under this name last time (then identity compares them)."""
        old = self._same.get(name)
        if old is not None and old == value:
            return old
        self._same[name] = value
        return value


class _NoMemo(Memo):
    """The memo of a cold check: remembers nothing."""

    def get(self, name: Any, objects: tuple[Any, ...]) -> Any:
        return None

    def put(self, name: Any, objects: tuple[Any, ...], value: Any) -> Any:
        return value


_NO_MEMO = _NoMemo()


@dataclass
class _Again:
    root: Path | None = None
    reader: reload.Reader = field(default_factory=reload.Reader)
    memo: Memo = field(default_factory=Memo)


_AGAIN = _Again()


def _files_state(root: Path) -> tuple[Any, ...]:
    """The state of every file under data/, corpus/ and docs/ (names, sizes, modification times),
    with the digest of the content of those changed too recently for their state to tell a change
    made in the same instant (reload.RACY_NS)."""
    clock = time.time_ns()
    state: list[Any] = []
    for top in ("data", "corpus", "docs"):
        for dirpath, dirnames, filenames in os.walk(root / top):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                now = reload.state(path)  # None: gone meanwhile, or a dangling link: its absence is the state
                state.append(
                    (dirpath, name, now, reload.content_digest(path, now) if reload.racy(now, clock) else None)
                )
    return tuple(state)


def run(root: Path | str) -> list[Problem]:
    ds = load(root)
    return check_dataset(ds)


def check_dataset(ds: Dataset, memo: Memo | None = None) -> list[Problem]:
    """Every problem of the dataset, sorted. With a memo (load_checked), what the checks found in
    the objects of the last dataset that this one still holds is not looked for again."""
    m = memo if memo is not None else _NO_MEMO  # cold: every check runs
    m.start()
    problems = list(ds.problems) + transaction.problems(ds.root)
    for art in ds.articles.values():
        problems += m.make("article", (art,), partial(check_article, art))
    for kind in KINDS:
        files = tuple(f for f in ds.files.get(kind, []) if f.tree is not None)
        for f in files:
            problems += m.make(("schema", kind), (f,), partial(check_schema, f, kind))
        problems += m.make("ids", files, partial(check_ids, list(files)))
    problems += check_references(ds, memo)
    problems += m.make("date-sources", _files_of(ds, "events", "context"), lambda: check_date_sources(ds))
    problems += m.make("cycles", _files_of(ds, "places", "events"), lambda: check_cycles(ds))
    problems += check_verbatim(ds, memo)
    problems += m.make("aliases", _files_of(ds, "actors"), lambda: check_aliases(ds))
    if not any(p.severity == "error" for p in problems):
        problems += check_doc_links(ds, memo)
    # the same problem can be found twice (e.g. schema and reference): keep one
    unique = {(p.path, p.line, p.where, p.code, p.message): p for p in problems}
    return sorted(unique.values(), key=Problem.sort_key)


def _files_of(ds: Dataset, *kinds: str) -> tuple[DataFile, ...]:
    """The files of kinds (what a check across them reads), as a memo's key."""
    return tuple(f for kind in kinds for f in ds.files.get(kind, []))


def check_doc_links(ds: Dataset, memo: Memo | None = None) -> list[Problem]:
    """The hand-written pages' links to records (docs/index.md -> chronologie.md#<event id>).

    The site's addresses (addresses.anchors: the layout of every page) take a fair share of a
    second at a thousand articles; with a memo, the links are judged again only when they changed
    or when the data changed in a field that an address may depend on (``AddressView``)."""
    found = doclinks.links(ds.root)
    if not found:
        return []  # no link to judge: the addresses are not needed
    if memo is None:
        return _judge_links(ds, found)
    # kept from one judgement to the next, even over runs with errors (which judge no link)
    old = memo.links
    view = AddressView(ds)
    if old is None or old.found != found or old.view != view:
        memo.links = old = _Judged(found, view, _judge_links(ds, found))
    else:
        memo.links = _Judged(found, view, old.problems)  # the view holds the current files
    return old.problems


def _judge_links(ds: Dataset, found: tuple[doclinks.Link, ...]) -> list[Problem]:
    return doclinks.judge(found, addresses.anchors(ds), lambda doc, anchor: addresses.resolve(ds, doc, anchor))


# Fields that no address depends on: build_scripts.dataset.addresses (and what it calls: story,
# records, temporal) never reads them (tests/test_reload.py holds it to that). A record edited in
# these fields only leaves every page and anchor where it was.
NOT_ADDRESSES = frozenset(
    {"title", "label", "summary", "note", "date_note", "duration", "role", "name", "text", "spellings"}
)


class AddressView:
    """What the site's addresses are made from: every record but its NOT_ADDRESSES fields (file by
    file, in order), every article's front matter (not its text). Equal views give equal addresses.

    It holds the files and articles themselves: two views compare the records of a file that is
    not the same object, record by record (a record that is the same dict is equal)."""

    def __init__(self, ds: Dataset) -> None:
        self.files = tuple((kind, f.rel, f.tree is not None, f) for kind, fs in ds.files.items() for f in fs)
        self.articles = tuple(ds.articles.items())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AddressView) or len(self.files) != len(other.files):
            return False
        if len(self.articles) != len(other.articles):
            return False
        for (k1, a1), (k2, a2) in zip(self.articles, other.articles):
            if a1 is not a2 and (k1, a1.id, a1.path, a1.meta) != (k2, a2.id, a2.path, a2.meta):
                return False
        for (*head1, f1), (*head2, f2) in zip(self.files, other.files):
            if head1 != head2 or (f1 is not f2 and not _same_addresses(f1.records, f2.records)):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]


def _same_addresses(a: list[Any], b: list[Any]) -> bool:
    """Whether two files' records are equal but for their NOT_ADDRESSES fields."""
    return len(a) == len(b) and all(x is y or _addressed(x) == _addressed(y) for x, y in zip(a, b))


def _addressed(rec: Any) -> Any:
    return {k: v for k, v in rec.items() if k not in NOT_ADDRESSES} if isinstance(rec, dict) else rec


@dataclass
class _Judged:
    found: tuple[doclinks.Link, ...]
    view: AddressView
    problems: list[Problem]


# --- articles ---------------------------------------------------------------


def check_article(art: corpus.Article) -> list[Problem]:
    out: list[Problem] = []
    out += _schema_problems(
        schemas.validator("article"),
        art.meta,
        art.path,
        art.id,
        lambda path: art.meta_line(path[0]) if path else 1,
        "article",
    )
    stem = Path(art.path).stem
    if art.meta.get("id") and art.meta["id"] != stem:
        out.append(
            Problem(
                art.path,
                art.meta_line("id"),
                "id",
                "article-id-mismatch",
                f"the id '{art.meta['id']}' differs from the file name '{stem}.md'.",
                f"rename the file to {art.meta['id']}.md or set id: {stem}.",
            )
        )
    recorded = art.meta.get("body_sha256")
    if isinstance(recorded, str) and len(recorded) == 64 and recorded != corpus.body_hash(art.body):
        out.append(
            Problem(
                art.path,
                art.body_line,
                "body",
                "corpus-body-changed",
                "the article text differs from the text that was received (body_sha256 does not match).",
                "articles are never edited: undo the change with git checkout -- "
                + art.path
                + " (put corrections in data/, with a note).",
            )
        )
    out += invisible_in_body(art)
    for key in ("captions", "boilerplate"):
        passages = art.meta.get(key)
        for i, passage in enumerate(passages if isinstance(passages, list) else []):  # else: a schema problem
            if isinstance(passage, str) and passage not in art.body:
                line = art.meta_line(key)
                out.append(
                    Problem(
                        art.path,
                        line,
                        f"{key}[{i}]",
                        "passage-not-in-text",
                        f"'{_clip(passage)}' is not in the article text.",
                        "copy the passage from the text exactly.",
                    )
                )
    return out


def invisible_in_body(art: corpus.Article, limit: int = 5) -> list[Problem]:
    """Control and bidirectional-control characters in an article's text: flagged, not refused.

    The text stays as received; the site shows every verbatim passage isolated (<bdi>), so a
    right-to-left override cannot reorder the site's own words, and data quoting the passage is
    refused until the character is left out. The first ``limit`` are listed.
    """
    out: list[Problem] = []
    for m in characters.FORBIDDEN.finditer(art.body):
        if len(out) == limit:
            break
        code, kind, _fix = characters.classify(m[0])
        line_start = art.body.rfind("\n", 0, m.start()) + 1
        out.append(
            Problem(
                art.path,
                art.line_at(m.start()),
                "body",
                code,
                f"the text holds {kind} {characters.name(m[0])} at column {m.start() - line_start + 1}.",
                "leave it if the article was received so (a quote or excerpt must then stop before it, "
                "data files refuse it); if it came with a copy and paste, add the article again from a clean copy.",
                severity="warning",
            )
        )
    return out


# --- schema -----------------------------------------------------------------


def check_schema(f: DataFile, kind: str) -> list[Problem]:
    out: list[Problem] = []
    v = schemas.validator(kind)
    for i, rec in enumerate(f.records):
        where = _where(rec, i)
        if not isinstance(rec, dict):
            out.append(
                Problem(
                    f.rel,
                    f.line(i),
                    where,
                    "not-a-record",
                    "this list item is not a record of 'key: value' lines.",
                    "write the record as '- id: ...' followed by its fields, indented by two spaces.",
                )
            )
            continue
        out += _schema_problems(v, rec, f.rel, where, lambda path, i=i: f.line(i, *path), kind)
    return out


def _schema_problems(v, rec: dict, rel: str, where_rec: str, line, kind: str) -> list[Problem]:
    out: list[Problem] = []
    known = schemas.fields(kind)
    # temporal fields are checked by Temporal.parse, which says precisely what is wrong
    for path, value in _temporal_values(rec):
        if value is None:
            continue
        if not isinstance(value, str):  # true, 2023.5, a list...: YAML read something else than a date
            what = (
                f"'{str(value).lower()}' is read by YAML as yes/no, not as a date."
                if isinstance(value, bool)
                else f"{_clip(repr(value))} is {_typename(value)}, not a date."
            )
            out.append(
                Problem(
                    rel,
                    line(path),
                    _field(where_rec, path),
                    "invalid-date",
                    what,
                    "write the date as YYYY, YYYY-MM or YYYY-MM-DD (or null, with a date_note saying why).",
                )
            )
            continue
        try:
            Temporal.parse(value)
        except TemporalError as exc:
            out.append(Problem(rel, line(path), _field(where_rec, path), "invalid-date", exc.message, exc.fix))
    if schemas.fast(kind).is_valid(rec):
        return out
    for err in v.iter_errors(rec):
        path = tuple(err.absolute_path)
        if len(path) == 1 and path[-1] in TEMPORAL_FIELDS and _get(rec, path) is not None:
            continue  # said above (Temporal.parse, or the value is no date at all)
        out += _translate(err, rec, rel, where_rec, line, known, kind)
    # a misspelt key ('speker') also makes its field missing: the unknown-key message, which
    # points at the misspelt line and names the right key, says it all
    typos = {
        (p.where.rsplit(".", 1)[0], p.fix.split("'")[1])
        for p in out
        if p.code == "unknown-key" and p.fix and p.fix.startswith("did you mean")
    }
    return [p for p in out if not (p.code == "missing-field" and (p.where, p.message.split("'")[1]) in typos)]


def _translate(err, rec, rel, where_rec, line, known, kind) -> list[Problem]:
    path = tuple(err.absolute_path)
    where = _field(where_rec, path)
    v = err.validator
    if v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        extra = [k for k in (_get(rec, path) or {}) if k not in allowed]
        out = []
        for key in extra:
            guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            fix = f"did you mean '{guess[0]}'?" if guess else f"known fields: {', '.join(allowed)}."
            out.append(
                Problem(
                    rel,
                    line(path + (key,)),
                    _field(where_rec, path + (key,)),
                    "unknown-key",
                    f"unknown key '{key}'.",
                    fix,
                )
            )
        return out
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        if missing == "sources":
            return [
                Problem(
                    rel,
                    line(path),
                    where,
                    "no-source",
                    "the record has no 'sources:': it cannot be published.",
                    "add 'sources:' with at least one '- article: <id>' and 'excerpt: <the exact words of the article>'.",
                )
            ]
        why = ""
        if err.schema.get("required") == ["status"]:
            why = f" (a {rec.get('kind')} must say whether it was held, planned or proposed)"
        if err.schema.get("required") == ["date_note"]:
            why = " (an event without a date must say why)"
        if kind == "context" and missing in ("url", "excerpt", "published", "date"):
            why = " (a fact from outside the corpus is published only with the address, date and words of its public source)"
        if err.schema.get("required") == ["outlet_note"]:
            why = " (an article whose outlet is unknown must say what is known and why)"
        fix = {
            "sources": "add 'sources:' with at least one '- article: <id>' and 'excerpt: <the exact words>'.",
            "date_note": "add 'date_note:' explaining why the text gives no date.",
            "status": "add 'status: held', 'planned', 'proposed', 'alleged' or 'cancelled'.",
            "outlet_note": "add 'outlet_note:' saying what the text shows of its origin and why the outlet stays unknown.",
            "url": "add 'url:' with the address of the public page the fact comes from (https://...).",
            "excerpt": "add 'excerpt:' with a few words copied exactly from the source.",
            "date": "add 'date:' (YYYY, YYYY-MM or YYYY-MM-DD, as precise as the sources are).",
            "published": "add 'published:' with the date the page was published (YYYY-MM-DD, or as precise as it says).",
        }.get(missing, f"add '{missing}:'.")
        return [Problem(rel, line(path), where, "missing-field", f"required field '{missing}' is missing{why}.", fix)]
    if v == "minItems" and path and path[-1] == "sources":
        return [
            Problem(
                rel,
                line(path),
                where,
                "no-source",
                "the record has no source: it cannot be published.",
                "add at least one '- article: <id>' with 'excerpt: <the exact words of the article>'.",
            )
        ]
    if v == "enum":
        allowed = err.validator_value
        guess = difflib.get_close_matches(str(err.instance), [str(a) for a in allowed], n=1, cutoff=0.5)
        fix = (f"did you mean '{guess[0]}'? " if guess else "") + f"allowed: {', '.join(map(str, allowed))}."
        return [Problem(rel, line(path), where, "bad-value", f"'{err.instance}' is not an allowed value.", fix)]
    if v in ("oneOf", "anyOf"):
        # id-or-null fields: report the reason from the non-null branch
        sub = [e for e in err.context if e.validator != "type" or e.validator_value != "null"]
        if sub:
            return _translate(sub[0], rec, rel, where_rec, line, known, kind)
        return [
            Problem(
                rel,
                line(path),
                where,
                "wrong-type",
                f"{_clip(repr(err.instance))} is not valid here.",
                _describe(err.schema) or f"see the field's description in data/schema/{kind}.schema.json.",
            )
        ]
    if v == "pattern":
        if "a-z0-9" in err.validator_value:
            suggestion = slug(str(err.instance))
            return [
                Problem(
                    rel,
                    line(path),
                    where,
                    "bad-id",
                    f"'{err.instance}' is not a valid id (lowercase letters, digits and dashes only).",
                    f"write '{suggestion}'."
                    if suggestion != "x"
                    else "use lowercase letters, digits and dashes, e.g. 'kim-jong-un'.",
                )
            ]
        how = _describe(err.schema)
        if path and path[-1] in ("url", "original_url"):
            how = "write the whole address of the page, starting with https:// (or http://)."
        return [
            Problem(
                rel,
                line(path),
                where,
                "bad-value",
                f"'{_clip(str(err.instance))}' does not have the expected form.",
                how,
            )
        ]
    if v == "type":
        expected = err.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        names = {
            "string": "text",
            "array": "a list",
            "object": "a record (key: value)",
            "null": "null",
            "boolean": "true or false",
            "integer": "a whole number",
        }
        exp = " or ".join(names.get(x, x) for x in expected.split(" or "))
        if err.instance is None and path and path[-1] == "sources":
            return [
                Problem(
                    rel,
                    line(path),
                    where,
                    "no-source",
                    "'sources:' is empty: the record has no source and cannot be published.",
                    "under 'sources:', add '- article: <id>' with 'excerpt: <the exact words of the article>'.",
                )
            ]
        if "array" in expected and isinstance(err.instance, str):
            fix = f"write it as a list: [{err.instance}] or on separate lines starting with '- '."
        elif "string" in expected and not isinstance(err.instance, (str, type(None))):
            fix = "put the value in quotes."
        elif err.instance is None:
            fix = f"write {exp} after the colon, or remove the line."
        elif "array" in expected:
            fix = "write it as a list, one item per line starting with '- '."
        elif "object" in expected:
            fix = "write it as 'key: value' lines, indented under the '- '."
        else:
            fix = f"write {exp}."
        shown = (
            "the value is empty (null)"
            if err.instance is None
            else f"{_clip(repr(err.instance))} is {_typename(err.instance)}"
        )
        return [Problem(rel, line(path), where, "wrong-type", f"{shown}; expected {exp}.", fix)]
    if v == "minLength":
        return [
            Problem(
                rel,
                line(path),
                where,
                "empty-value",
                "the value is empty or too short.",
                "fill it in or remove the key.",
            )
        ]
    return [
        Problem(
            rel,
            line(path),
            where,
            "bad-value",
            _clip(err.message, 200),
            _describe(err.schema) or f"see the field's description in data/schema/{kind}.schema.json.",
        )
    ]


def _temporal_values(rec: dict) -> Iterable[tuple[tuple, Any]]:
    """(path, value) of the record's date fields: a year (int) as text, other types as they are."""
    for key in TEMPORAL_FIELDS:
        if key in rec:
            val = rec[key]
            yield (key,), str(val) if isinstance(val, int) and not isinstance(val, bool) else val
    sources = rec.get("sources")
    for i, src in enumerate(sources if isinstance(sources, list) else []):
        val = src.get("published") if isinstance(src, dict) else None
        if val is not None:  # a context record's page date
            yield ("sources", i, "published"), str(val) if isinstance(val, int) and not isinstance(val, bool) else val


# --- ids and references -------------------------------------------------------


def check_ids(files: list[DataFile]) -> list[Problem]:
    """Ids are unique across all the files of a kind."""
    out = []
    first: dict[str, tuple[DataFile, int]] = {}  # the line is looked up only for a duplicate
    for f in files:
        for i, rec in enumerate(f.records):
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
                continue
            rid = rec["id"]
            if rid in first:
                f0, i0 = first[rid]
                rel, line = f0.rel, f0.line(i0, "id") or 0
                where = f"on line {line}" if rel == f.rel else f"in {rel}:{line}"
                out.append(
                    Problem(
                        f.rel,
                        f.line(i, "id"),
                        rid,
                        "duplicate-id",
                        f"the id '{rid}' is already used {where}.",
                        "give this record its own id, or merge the two records (one fact, several sources).",
                    )
                )
            else:
                first[rid] = (f, i)
    return out


REFS: dict[str, list[tuple[tuple, str]]] = {
    # kind: [(path pattern, target kind)]
    "actors": [(("country",), "actors"), (("sources", "*", "article"), "articles")],
    "places": [(("within",), "places"), (("sources", "*", "article"), "articles")],
    "events": [
        (("actors", "*"), "actors"),
        (("place",), "places"),
        (("part_of",), "events"),
        (("sources", "*", "article"), "articles"),
        (("disputes", "*", "article"), "articles"),
        (("slips", "*", "article"), "articles"),
        (("date_source",), "context"),
    ],
    "context": [
        (("actors", "*"), "actors"),
        (("place",), "places"),
        (("part_of",), "events or context"),
        (("outcome_of", "*"), "events"),
        (("context_for", "*"), "events"),
    ],
    "quotes": [
        (("speaker",), "actors"),
        (("reported_by",), "actors"),
        (("article",), "articles"),
        (("event",), "events"),
    ],
}
UNKNOWN = {
    "actors": "unknown-actor",
    "places": "unknown-place",
    "events": "unknown-event",
    "context": "unknown-context",
    "events or context": "unknown-event",
    "articles": "unknown-article",
}
WHERE_FILE = {
    "articles": "corpus/",
    "actors": "data/actors.yaml",
    "places": "data/places.yaml",
    "events": "data/events.yaml",
    "context": "data/context.yaml",
    "events or context": "data/events.yaml or data/context.yaml",
}
NOUN = {
    "articles": "article",
    "actors": "actor",
    "places": "place",
    "events": "event",
    "context": "context record",
    "events or context": "event or context record",
}


def check_references(ds: Dataset, memo: Memo | None = None) -> list[Problem]:
    """Every reference to an id (an actor, a place, an event, an article...) names one that exists.

    A file's problems depend on its records and on the ids the others give (``_known``): with a
    memo, they are looked for again only in a new file, or in every file when an id came or went."""
    known = _known(ds)
    if memo is not None:
        known = memo.same("known", known)
    out = []
    for kind in REFS:
        for f in ds.files.get(kind, []):
            if f.tree is None:
                continue
            if memo is None:
                out += _references_in(f, kind, known)
            else:
                out += memo.make(("refs", kind), (f, known), partial(_references_in, f, kind, known))
    return out


# (ids by target, unreadable targets, unread articles, where to add a record of each kind): what a
# reference is checked against, besides its own record
Known = tuple[dict[str, frozenset[Any]], frozenset[str], frozenset[str], dict[str, str]]


def _known(ds: Dataset) -> Known:
    ids: dict[str, frozenset[Any]] = {
        k: frozenset(r.get("id") for r in ds.records(k) if isinstance(r, dict) and isinstance(r.get("id"), str))
        for k in KINDS
    }
    ids["articles"] = frozenset(ds.articles)
    ids["events or context"] = ids["events"] | ids["context"]
    # the file of the target could not be read: its own problem is reported; an "unknown id"
    # for every record that points into it would bury that one message under false ones
    unreadable = {k for k in KINDS if not ds.readable(k)}
    if unreadable & {"events", "context"}:
        unreadable.add("events or context")
    unread_articles = frozenset(getattr(ds, "unread_articles", ()))
    places = {k: _kind_place(ds, k) for k in KINDS}
    return ids, frozenset(unreadable), unread_articles, places


def _references_in(f: DataFile, kind: str, known: Known) -> list[Problem]:
    ids, unreadable, unread_articles, places = known
    refs = REFS[kind]
    out = []
    for i, rec in enumerate(f.records):
        if not isinstance(rec, dict):
            continue
        for pattern, target in refs:
            for path, value in _walk(rec, pattern):
                if not isinstance(value, str) or value in ids[target]:
                    continue
                if target in unreadable or (target == "articles" and value in unread_articles):
                    continue
                candidates = sorted(x for x in ids[target] if isinstance(x, str))
                guess = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
                where_file = places[target] if target in KINDS else WHERE_FILE[target]
                fix = f"did you mean '{guess[0]}'?" if guess else f"add it to {where_file} first, or correct the id."
                noun = NOUN[target]
                out.append(
                    Problem(
                        f.rel,
                        f.line(i, *path),
                        _field(_where(rec, i), path),
                        UNKNOWN[target],
                        f"no {noun} has the id '{value}'.",
                        fix,
                    )
                )
    return out


def check_date_sources(ds: Dataset) -> list[Problem]:
    """An event dated from outside the corpus carries the date of the context record it names."""
    out = []
    context = ds.by_id("context", published=False)
    for f, i, rec in _located(ds, "events"):
        if not isinstance(rec.get("date_source"), str):
            continue
        ctx = context.get(rec["date_source"])
        if ctx is None or ctx.get("date") == rec.get("date"):
            continue  # an unknown id is reported by check_references
        out.append(
            Problem(
                f.rel,
                f.line(i, "date"),
                f"{_where(rec, i)}.date",
                "date-source-mismatch",
                f"the date '{rec.get('date')}' is not the date '{ctx.get('date')}' of "
                f"data/context.yaml:{rec['date_source']}, which the event takes its date from.",
                f"write date: {ctx.get('date')}, or remove date_source and date the event from the articles.",
            )
        )
    return out


# (kind, field): a record may not be, through this field, inside itself
CONTAINMENT = (("places", "within"), ("events", "part_of"))


def check_cycles(ds: Dataset) -> list[Problem]:
    """A place within itself, an event part of itself, or a longer loop (a in b, b in a).

    Pages walk these links upwards (a city's country, a meeting's visit): a loop would
    never end, and it is always a slip of the editor.
    """
    out = []
    for kind, key in CONTAINMENT:
        located = [(f, i, rec) for f, i, rec in _located(ds, kind) if isinstance(rec.get("id"), str)]
        parent = {rec["id"]: rec[key] for _f, _i, rec in located if isinstance(rec.get(key), str)}
        reported: set[str] = set()
        for f, i, rec in located:
            if rec["id"] not in parent:
                continue
            chain, at = [rec["id"]], parent[rec["id"]]
            while at in parent and at not in chain:
                chain.append(at)
                at = parent[at]
            if at != rec["id"] or rec["id"] in reported:
                continue  # no loop, or a loop that does not pass through this record (reported from it)
            reported.update(chain)
            noun = {"places": "place", "events": "event"}[kind]
            verb = {"within": "within", "part_of": "part of"}[key]
            what = f"the {noun} '{rec['id']}' is {verb} itself"
            if len(chain) > 1:
                what += " through a loop: " + " → ".join(chain + [rec["id"]])
            out.append(
                Problem(
                    f.rel,
                    f.line(i, key),
                    f"{rec['id']}.{key}",
                    "reference-cycle",
                    what + ".",
                    f"set '{key}:' to the larger {noun} that contains it, or to null.",
                )
            )
    return out


# --- verbatim -------------------------------------------------------------------


def check_verbatim(ds: Dataset, memo: Memo | None = None) -> list[Problem]:
    """Excerpts and quotes are found, character for character, in the articles they name.

    With a memo, a file whose object and named articles are those of last time keeps its problems;
    in a file read again, a record whose dict and named articles are those of the file's last
    reading keeps what was found in it (only its lines are taken again)."""
    out = []
    for kind in ("actors", "places", "events", "quotes"):
        for f in ds.files.get(kind, []):
            if f.tree is not None:
                out += _verbatim_in(ds, f, kind, memo)
    return out


@dataclass
class _Verbatim:
    """What check_verbatim found in a file: its problems, the articles they depend on (id -> the
    Article, or None), and, once the file was read again, what each record gave (id(record) ->
    (the record, the (id, Article) it names, its findings))."""

    file: DataFile
    named: dict[str, corpus.Article | None]
    problems: list[Problem]
    by_record: dict[int, tuple[dict, tuple[tuple[str, corpus.Article | None], ...], tuple[Any, ...]]] | None


def _verbatim_in(ds: Dataset, f: DataFile, kind: str, memo: Memo | None) -> list[Problem]:
    if memo is None:
        return [
            Problem(f.rel, f.line(i, *path), _field(_where(rec, i), path), code, message, fix)
            for i, rec in enumerate(f.records)
            if isinstance(rec, dict)
            for path, code, message, fix in _verbatim_of(kind, rec, ds)
        ]
    key = (kind, f.rel)
    old = memo.verbatim_before.get(key)
    if old is not None and old.file is f and all(ds.articles.get(a) is art for a, art in old.named.items()):
        memo.verbatim[key] = old
        return old.problems
    # a file read again (not the first reading): what each record gave is kept, for the next edit
    prior = (old.by_record or {}) if old is not None else None
    by_record: dict[int, tuple[dict, tuple[tuple[str, corpus.Article | None], ...], tuple[Any, ...]]] = {}
    named: dict[str, corpus.Article | None] = {}
    out = []
    for i, rec in enumerate(f.records):
        if not isinstance(rec, dict):
            continue
        hit = prior.get(id(rec)) if prior else None
        if hit is not None and hit[0] is rec and all(ds.articles.get(a) is art for a, art in hit[1]):
            looked, found = hit[1], hit[2]
        else:
            looked = tuple((v, ds.articles.get(v)) for v in _named_articles(kind, rec) if isinstance(v, str))
            found = _verbatim_of(kind, rec, ds)
        if prior is not None:
            by_record[id(rec)] = (rec, looked, found)
        named.update(looked)
        for path, code, message, fix in found:
            out.append(Problem(f.rel, f.line(i, *path), _field(_where(rec, i), path), code, message, fix))
    memo.verbatim[key] = _Verbatim(f, named, out, by_record if prior is not None else None)
    return out


def _named_articles(kind: str, rec: dict) -> list[Any]:
    """The values of a record's article fields (ids, or anything an editor wrote there), in order."""
    if kind == "quotes":
        return [rec.get("article")]
    out = []
    for key in ("sources", "disputes", "slips"):
        items = rec.get(key)
        for src in items if isinstance(items, list) else []:
            if isinstance(src, dict):
                out.append(src.get("article"))
    return out


def _verbatim_of(kind: str, rec: dict, ds: Dataset) -> tuple[tuple[tuple[Any, ...], str, str, str], ...]:
    """(field path, code, message, fix) of each passage of a record that its article does not hold."""
    out: list[tuple[tuple[Any, ...], str, str, str]] = []
    if kind != "quotes":
        for key in ("sources", "disputes", "slips"):
            items = rec.get(key)
            if not isinstance(items, list):
                continue
            for j, src in enumerate(items):
                if not isinstance(src, dict):
                    continue
                art = _article(ds, src.get("article"))
                excerpt = src.get("excerpt")
                if art is None or not isinstance(excerpt, str) or not excerpt:
                    continue
                if excerpt not in art.body:
                    out.append(
                        (
                            (key, j, "excerpt"),
                            "excerpt-not-in-source",
                            _not_found("excerpt", excerpt, art),
                            _fix_hint(excerpt, art),
                        )
                    )
        return tuple(out)
    art = _article(ds, rec.get("article"))
    text, excerpt = rec.get("text"), rec.get("excerpt")
    if art is None:
        return tuple(out)
    if isinstance(text, str) and text and text not in art.body:
        out.append((("text",), "quote-not-in-source", _not_found("quote", text, art), _fix_hint(text, art)))
    if isinstance(excerpt, str) and excerpt and excerpt not in art.body:
        out.append(
            (("excerpt",), "excerpt-not-in-source", _not_found("excerpt", excerpt, art), _fix_hint(excerpt, art))
        )
    elif isinstance(text, str) and isinstance(excerpt, str) and text and excerpt and text not in excerpt:
        out.append(
            (
                ("excerpt",),
                "quote-not-in-excerpt",
                "the quoted text is not inside the excerpt.",
                "make the excerpt the whole sentence that contains the quote.",
            )
        )
    return tuple(out)


def _article(ds: Dataset, value: Any) -> corpus.Article | None:
    """The article a record names, if the value is an id at all (a wrong type is a schema problem)."""
    return ds.articles.get(value) if isinstance(value, str) else None


def _not_found(what: str, needle: str, art: corpus.Article) -> str:
    return f"the {what} '{_clip(needle)}' is not found verbatim in {art.path}."


def _fix_hint(needle: str, art: corpus.Article) -> str:
    """Point at the first character where the text stops matching the article."""
    lookalike = _lookalike_difference(needle, art)
    if lookalike:
        return lookalike
    lo, hi = 0, len(needle)
    while lo < hi:  # longest prefix found in the body
        mid = (lo + hi + 1) // 2
        if needle[:mid] in art.body:
            lo = mid
        else:
            hi = mid - 1
    if lo >= 8:
        at = art.body.find(needle[:lo])
        theirs = art.body[at + lo : at + lo + 12]
        ours = needle[lo : lo + 12]
        return (
            f"it matches the article up to '…{needle[max(0, lo - 20) : lo]}', then the article has "
            f"'{theirs}' where you wrote '{ours}' (line {art.line_at(at + lo)}); copy the words exactly, "
            "apostrophes and spaces included."
        )
    return "copy the words from the article exactly (apostrophes ’ and ', spaces and typos included)."


# Characters that look alike on screen (or like nothing): an excerpt that differs from the
# article only by these gets a message naming the code points, not two identical-looking strings.
_LOOKS_LIKE = {
    **dict.fromkeys("\u2019\u2018\u02bc\u2032`", "'"),
    **dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008", " "),
    **dict.fromkeys("\u2010\u2011", "-"),
    **dict.fromkeys("\u201c\u201d\u00ab\u00bb", '"'),
}
_ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@functools.lru_cache(maxsize=8)  # an article's body is folded once, however many excerpts miss
def _fold(text: str) -> tuple[str, list[int]]:
    """text with look-alikes made equal and zero-width characters dropped; index of each kept character."""
    chars, index = [], []
    for i, ch in enumerate(text):
        if ch in _ZERO_WIDTH:
            continue
        chars.append(_LOOKS_LIKE.get(ch, ch))
        index.append(i)
    return "".join(chars), index


def _lookalike_difference(needle: str, art: corpus.Article) -> str | None:
    """When the needle is in the article but for look-alike or invisible characters, name the first one."""
    if not any(ch in _ZERO_WIDTH or ch in _LOOKS_LIKE for ch in needle):
        if not any(ch in art.body for ch in _ZERO_WIDTH.union(_LOOKS_LIKE)):
            return None
    folded_needle, _ = _fold(needle)
    folded_body, body_index = _fold(art.body)
    at = folded_body.find(folded_needle) if folded_needle else -1
    if at < 0:
        return None
    p, q = 0, body_index[at]
    body = art.body
    while p < len(needle) and q < len(body) and needle[p] == body[q]:
        p, q = p + 1, q + 1
    if p >= len(needle):
        return None
    ours, theirs = needle[p], body[q] if q < len(body) else ""
    if ours in _ZERO_WIDTH and theirs not in _ZERO_WIDTH:
        diff = f"you wrote {characters.name(ours)}, which the article does not have there"
    elif theirs in _ZERO_WIDTH and ours not in _ZERO_WIDTH:
        diff = f"the article has {characters.name(theirs)} there, which you did not write"
    else:
        diff = f"the article has {characters.name(theirs)} where you wrote {characters.name(ours)}"
    return (
        f"the words are in the article (line {art.line_at(q)}), but at character {p + 1} {diff}; "
        "copy the passage from the article itself."
    )


# --- aliases -----------------------------------------------------------------------


def check_aliases(ds: Dataset) -> list[Problem]:
    out: list[Problem] = []
    owner: dict[str, str] = {}
    for f, i, rec in _located(ds, "actors"):
        if not isinstance(rec.get("id"), str):
            continue
        # a field that is not a list is a schema problem, reported there
        aliases: list = rec["aliases"] if isinstance(rec.get("aliases"), list) else []
        descriptions: list = rec["descriptions"] if isinstance(rec.get("descriptions"), list) else []
        for j, alias in enumerate(aliases + descriptions):
            if not isinstance(alias, str):
                continue
            key = alias.casefold()
            if key in owner and owner[key] != rec["id"]:
                field = "aliases" if j < len(aliases) else "descriptions"
                k = j if field == "aliases" else j - len(aliases)
                out.append(
                    Problem(
                        f.rel,
                        f.line(i, field, k),
                        f"{rec['id']}.{field}[{k}]",
                        "alias-conflict",
                        f"'{alias}' is also a name of '{owner[key]}': extraction could not tell them apart.",
                        "keep the spelling on one actor only, or make it more specific.",
                    )
                )
            owner.setdefault(key, rec["id"])
    return out


# --- helpers ---------------------------------------------------------------------


def _located(ds: Dataset, kind: str) -> Iterable[tuple[DataFile, int, dict]]:
    """(file, index in the file, record) of every record of a kind, in the files that could be read."""
    for f in ds.files.get(kind, []):
        if f.tree is None:
            continue
        for i, rec in enumerate(f.records):
            if isinstance(rec, dict):
                yield f, i, rec


def _kind_place(ds: Dataset, kind: str) -> str:
    """Where an editor adds a record of a kind: its file, or its folder when the kind is split."""
    files = ds.files.get(kind, [])
    if any(f.rel.startswith(f"data/{kind}/") for f in files):
        return f"data/{kind}/"
    return f"data/{kind}.yaml"


def _walk(rec: Any, pattern: tuple, prefix: tuple = ()) -> Iterable[tuple[tuple, Any]]:
    if not pattern:
        yield prefix, rec
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(rec, list):
            for i, item in enumerate(rec):
                yield from _walk(item, rest, prefix + (i,))
    elif isinstance(rec, dict) and head in rec:
        yield from _walk(rec[head], rest, prefix + (head,))


def _get(rec: Any, path: tuple) -> Any:
    for step in path:
        try:
            rec = rec[step]
        except (KeyError, IndexError, TypeError):
            return None
    return rec


def _where(rec: Any, index: int) -> str:
    if isinstance(rec, dict) and isinstance(rec.get("id"), str) and rec["id"]:
        return rec["id"]
    return f"record #{index + 1}"


def _field(where: str, path: tuple) -> str:
    out = where
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out


def _clip(s: str, n: int = 60) -> str:
    s = s.replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


def _typename(v: Any) -> str:
    return {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a record",
        type(None): "empty (null)",
    }.get(type(v), type(v).__name__)


def _describe(schema: dict) -> str | None:
    d = schema.get("description")
    return d.split(".")[0] + "." if d else None


def main(root: Path | str) -> int:
    ds = load(root)
    problems = check_dataset(ds)
    if problems:
        print(format_problems(problems))
    counts = ", ".join(f"{len(ds.records(k))} {k}" for k in KINDS)
    status = "FAILED" if any(p.severity == "error" for p in problems) else "ok"
    print(f"check {status}: {len(ds.articles)} articles, {counts}.")
    return 1 if status == "FAILED" else 0
