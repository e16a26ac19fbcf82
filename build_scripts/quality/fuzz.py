"""``fuzz``: generated inputs run through the commands, each in a child with a time and memory limit.

    python -m build_scripts fuzz --inputs 5000        # make fuzz
    python -m build_scripts fuzz --inputs 300 --kinds data,article,file

In: hypothesis strategies (``cases()``) that write whole data files, corpus articles and
``add`` inputs into a scratch copy of tests/fixtures/site/: valid ones, slightly broken ones
(a typo, a wrong type, an impossible date, a record inside itself) and hostile ones
(anchors and aliases nine levels deep, thousands of nested brackets, megabytes in one
value, control and bidirectional characters, lone surrogates, YAML tags, other encodings,
a symlink to /dev/zero, a named pipe, a directory where a file should be, --out pointing at
data/, an ``add`` killed half-way).

Out: figures: how many inputs were tried, how many were refused with clear errors (every
line ``path:line: [code] what. Fix: how.`` with a code of ``check.CODES``), how many were
accepted, and the failures: tracebacks, hangs, unclear errors, a failed command that changed
data/ or corpus/, a case over the memory limit. The exit status is 1 when there is any.

Each command runs in a child forked from this process (the modules and the spaCy model are
loaded once), with ``RLIMIT_AS`` (address space: this process's own plus ``--memory``) and a
wall-clock limit; its peak resident memory is read from ``wait4``. ``check`` runs on every
input; when it passes, the site's generation (``pages``, ``charts``, ``export``) runs too,
and a full ``mkdocs build`` every ``--build-every`` accepted inputs (about 2 s each, too slow
for every one). Failing inputs are saved in .cache/fuzz/ to be replayed.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import gc
import hashlib
import io
import json
import os
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from build_scripts import PROJECT
from build_scripts.dataset import check, corpus, yamlio
from build_scripts.dataset.textfiles import atomic_write, atomic_write_bytes

BASE = PROJECT / "tests" / "fixtures" / "site"
KINDS = ("actors", "places", "events", "quotes")
PROBLEM_LINE = re.compile(r"^(?P<loc>[^ ]+): (?:(?P<where>.+?): )?\[(?P<code>[a-z0-9-]+)\] (?P<message>.+) Fix: .+$")
SUMMARY_LINE = re.compile(r"^\d+ errors?(, \d+ warnings?)?$|^check (ok|FAILED): .*$")
SPECIAL = ("dir", "fifo", "missing", "symlink")  # file contents that are not bytes
Entry = Callable[[list[str]], int]  # the command line's main (cli.main), handed in: cli imports this module

# --- what the generated texts are made of (French sentences of our own) ------------------------

SENTENCES = [
    "Le ministre russe des Affaires étrangères est arrivé mardi à Pyongyang pour une visite de deux jours.",
    "« Nous ouvrons une nouvelle étape de notre coopération », a déclaré le dirigeant nord-coréen.",
    "Selon l'agence officielle, les deux délégations se sont entretenues le 12 mars 2024 à Vladivostok.",
    "Le sommet, prévu l'an prochain, n'a pas encore de date.",
    "Un porte-parole a jugé ces discussions « franches et utiles ».",
    "La visite, la première depuis 2019, s'est achevée jeudi.",
    "Les deux pays ont signé hier un accord sur la pêche et la recherche.",
    "Il y a vingt-cinq ans, un traité d'amitié avait été conclu.",
    "Moscou et Pyongyang se rencontreront de nouveau en septembre.",
    "Le président a reçu une lettre du dirigeant pour la fête nationale.",
]
HOSTILE = [
    "\u202e",
    "\u2066",
    "\u200f",
    "\x1b[31m",
    "\x1b]0;titre\x07",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b",
    "\ud800",
    "\udfff",
    "\u00a0",
    "\u202f",
    "\u200b",
    "\ufeff",
    "\ufffe",
    "😀",
    "🇰🇵",
    "\t",
    "\r",
    "\r\n",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ config.site_name }}",
    "{% raw %}",
    "&amp;",
    "=SOMME(1;2)",
    "---",
    "- id: x",
    "key: value",
    ": ",
    " #",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ['id']",
    "!!binary aGk=",
    "%YAML 1.1",
    "? ",
    "|",
    ">-",
    "'",
    '"',
    "\\",
    "\\ud800",
    "\\e",
    "\\x00",
    "[",
    "]",
    "{",
    "}",
    "l’amitié",
    "é" * 3,
    "x" * 300,
]
DATES = [
    "2024",
    "2024-02",
    "2024-02-29",
    "2023-02-29",
    "2023-02-30",
    "2024-13-01",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "1799-12-31",
    "2200-01-01",
    "2024-01-15/2024-01-17",
    "2024-01-17/2024-01-15",
    "2024/2024",
    "2024-1-5",
    "12 mars 2024",
    "13/09/2023",
    "true",
    "null",
    "",
    "2024-01-15T10:00:00",
    "2024-01-15 10:00:00",
    "+2024",
    "２０２４",
]


@dataclasses.dataclass
class Case:
    """One generated input: files written into the scratch project, and the commands to run on it."""

    kind: str  # data | article | file | add | out | interrupt
    label: str  # what was generated, for the report
    files: dict[str, Any] = dataclasses.field(default_factory=dict)  # project path -> bytes or a SPECIAL tuple
    argv: list[str] = dataclasses.field(default_factory=list)  # for add / out / interrupt; {input} = the input file
    given: Any = None  # the add input: bytes or a SPECIAL tuple
    stop_after: float | None = None  # interrupt: SIGTERM (or SIGKILL when negative) after this many seconds


# --- strategies -------------------------------------------------------------------------------------


def _strategies():
    """The hypothesis strategies (imported here: hypothesis is a test dependency)."""
    from hypothesis import strategies as st

    base = _base_records()

    odd_text = st.one_of(
        st.text(max_size=40),
        st.sampled_from(HOSTILE),
        st.lists(st.sampled_from(HOSTILE + SENTENCES), min_size=1, max_size=4).map("".join),
        st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=12),  # surrogates too
    )
    scalar = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from(DATES),
        odd_text,
    )
    odd_value = st.recursive(
        scalar,
        lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
        max_leaves=8,
    )

    @st.composite
    def records_of(draw, kind: str) -> list:
        records = copy.deepcopy(base[kind])
        for _ in range(draw(st.integers(0, 3))):
            if not records:
                break
            i = draw(st.integers(0, len(records) - 1))
            rec = records[i]
            if not isinstance(rec, dict):
                continue
            what = draw(
                st.sampled_from(
                    ["set", "set", "date", "delete", "unknown-key", "duplicate", "drop", "self", "lookalike", "swap"]
                )
            )
            keys = sorted(rec) or ["id"]
            key = draw(st.sampled_from(keys))
            if what == "set":
                rec[key] = draw(odd_value)
            elif what == "date":
                rec[draw(st.sampled_from(["date", "published"]))] = draw(st.sampled_from(DATES))
            elif what == "delete":
                rec.pop(key, None)
            elif what == "unknown-key":
                rec[draw(st.text(min_size=1, max_size=10))] = draw(scalar)
            elif what == "duplicate":
                records.append(copy.deepcopy(rec))
            elif what == "drop":
                records.pop(i)
            elif what == "self":  # a place within itself, an event part of itself, or a loop of two
                field = {"places": "within", "events": "part_of"}.get(kind, "speaker")
                other = records[draw(st.integers(0, len(records) - 1))]
                rec[field] = rec.get("id")
                if isinstance(other, dict) and other is not rec:
                    rec[field], other[field] = other.get("id"), rec.get("id")
            elif what == "lookalike":  # an excerpt that differs from its article by an invisible character
                for src in rec.get("sources") or [rec]:
                    if isinstance(src, dict) and isinstance(src.get("excerpt"), str):
                        old = draw(st.sampled_from([" ", "'", "’"]))
                        new = draw(st.sampled_from(["\u00a0", "\u202f", "\u200b ", "’", "'"]))
                        src["excerpt"] = src["excerpt"].replace(old, new, 1)
            elif what == "swap" and len(records) > 1:
                j = draw(st.integers(0, len(records) - 1))
                records[i], records[j] = records[j], records[i]
        return records

    @st.composite
    def yaml_text_of(draw, records: list) -> str:
        how = draw(st.sampled_from(["block", "block", "json", "flow"]))
        try:
            if how == "block":
                text = yamlio.dump(_tree(records))
            elif how == "json":
                text = json.dumps(records, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 2])))
            else:
                text = json.dumps(records, ensure_ascii=True).replace('", "', '", ')
        except (ValueError, TypeError, UnicodeError, RecursionError):
            text = json.dumps(records, ensure_ascii=True, default=str)
        return text

    @st.composite
    def text_mutation(draw, text: str) -> tuple[str, str]:
        what = draw(
            st.sampled_from(
                [
                    "insert",
                    "insert",
                    "laughs",
                    "nesting",
                    "anchor",
                    "tag",
                    "huge",
                    "truncate",
                    "tab",
                    "duplicate-key",
                    "documents",
                    "escape",
                ]
            )
        )
        at = draw(st.integers(0, len(text)))
        if what == "insert":
            return what, text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]
        if what == "laughs":
            levels = draw(st.integers(2, 12))
            lines = ["- id: rire", '  name: &r0 "ha"']
            lines += [f"  x{i}: &r{i} [" + ", ".join([f"*r{i - 1}"] * 9) + "]" for i in range(1, levels)]
            return f"laughs-{levels}", text + "\n" + "\n".join(lines) + "\n"
        if what == "nesting":
            depth = draw(st.sampled_from([10, 30, 100, 1000, 5000, 20000]))
            shape = draw(st.sampled_from(["[", "{a: ", "- "]))
            close = {"[": "]", "{a: ": "}", "- ": ""}[shape]
            if shape == "- ":
                nested = "".join("  " * i + "- \n" for i in range(min(depth, 2000)))
            else:
                nested = shape * depth + "x" + close * depth
            return f"nesting-{depth}", text + "\n- id: profond\n  name: " + nested + "\n"
        if what == "anchor":
            return what, re.sub(
                r"(name|title|text): ", r"\1: &ancre ", text, count=1
            ) + "\n- id: copie\n  name: *ancre\n"
        if what == "tag":
            tag = draw(st.sampled_from(["!!python/object:os.system", "!!binary", "!!set", "!ville", "!!str", "!!int"]))
            return what, re.sub(r"(name|title|text|kind): ", rf"\1: {tag} ", text, count=1)
        if what == "huge":
            size = draw(st.sampled_from([10_000, 150_000, 1_500_000, 2_100_000]))
            return f"huge-{size}", text + f'\n- id: enorme\n  name: "{"é" * (size // 2)}"\n'
        if what == "truncate":
            return what, text[:at]
        if what == "tab":
            return what, text.replace("\n  ", "\n\t", 1)
        if what == "duplicate-key":
            return what, re.sub(r"\n(  id: [^\n]*)", r"\n\1\n\1", text, count=1)
        if what == "documents":
            return what, text + "\n---\n" + text
        return what, text[:at] + draw(
            st.sampled_from(['"\\ud800"', '"\\e[2J"', '"\\u202e"', '"\\0"', '"\\x85"'])
        ) + text[at:]

    @st.composite
    def encoded(draw, text: str) -> tuple[str, bytes]:
        how = draw(st.sampled_from(["utf-8"] * 6 + ["bom", "crlf", "latin-1", "utf-16", "flip", "nul", "cesu"]))
        raw = text.encode("utf-8", "surrogatepass")
        if how == "bom":
            raw = b"\xef\xbb\xbf" + raw
        elif how == "crlf":
            raw = raw.replace(b"\n", b"\r\n")
        elif how == "latin-1":
            raw = text.encode("latin-1", "replace")
        elif how == "utf-16":
            raw = text.encode("utf-16", "surrogatepass")
        elif how == "flip" and raw:
            i = draw(st.integers(0, len(raw) - 1))
            raw = raw[:i] + bytes([raw[i] ^ draw(st.integers(1, 255))]) + raw[i + 1 :]
        elif how == "nul":
            raw = raw + b"\x00"
        elif how == "cesu":  # a surrogate encoded as if it were a character: not UTF-8
            raw = raw + b"\xed\xa0\x80"
        return how, raw

    @st.composite
    def data_case(draw) -> Case:
        kind = draw(st.sampled_from(KINDS))
        records = draw(records_of(kind))
        text = draw(yaml_text_of(records))
        labels = []
        for _ in range(draw(st.integers(0, 2))):
            label, text = draw(text_mutation(text))
            labels.append(label)
        how, raw = draw(encoded(text))
        labels.append(how)
        return Case("data", f"data/{kind}.yaml: " + ", ".join(labels), {f"data/{kind}.yaml": raw})

    @st.composite
    def article_case(draw) -> Case:
        name = draw(st.sampled_from(sorted(base["articles"])))
        meta = copy.deepcopy(base["articles"][name][0])
        body = base["articles"][name][1]
        labels = []
        for _ in range(draw(st.integers(0, 3))):
            what = draw(st.sampled_from(["meta", "published", "body-insert", "body-huge", "fence", "rehash"]))
            labels.append(what)
            if what == "meta":
                meta[draw(st.sampled_from(sorted(meta) + ["autre"]))] = draw(odd_value)
            elif what == "published":
                meta["published"] = draw(st.sampled_from(DATES))
            elif what == "body-insert":
                at = draw(st.integers(0, len(body)))
                body = body[:at] + draw(st.sampled_from(HOSTILE + SENTENCES)) + body[at:]
            elif what == "body-huge":
                body += draw(st.sampled_from(SENTENCES)) * draw(st.sampled_from([100, 3000, 30000]))
            elif what == "fence":
                body = body.replace("\n", "\n---\n", 1) if draw(st.booleans()) else body
            elif what == "rehash":
                meta["body_sha256"] = corpus.body_hash(body)
        try:
            text = corpus.FENCE + "\n" + yamlio.dump(_tree(meta)) + corpus.FENCE + "\n" + body
        except (ValueError, TypeError, UnicodeError, RecursionError):
            text = (
                corpus.FENCE
                + "\n"
                + json.dumps(meta, ensure_ascii=True, default=str)
                + "\n"
                + corpus.FENCE
                + "\n"
                + body
            )
        if draw(st.booleans()):
            label, text = draw(text_mutation(text))
            labels.append(label)
        how, raw = draw(encoded(text))
        labels.append(how)
        return Case("article", f"corpus/{name}: " + ", ".join(labels), {f"corpus/{name}": raw})

    @st.composite
    def file_case(draw) -> Case:
        target = draw(
            st.sampled_from(
                [f"data/{k}.yaml" for k in KINDS]
                + [f"corpus/{n}" for n in sorted(base["articles"])]
                + ["corpus/nouveau.md", "corpus/notes.docx", "corpus/sous-dossier/x.md"]
            )
        )
        what = draw(
            st.sampled_from(
                [
                    ("symlink", "/dev/zero"),
                    ("symlink", "/dev/urandom"),
                    ("symlink", "/nonexistent/file"),
                    ("symlink", "."),
                    ("symlink", "LOOP"),
                    ("fifo",),
                    ("dir",),
                    ("missing",),
                    b"",
                    b"\n",
                    b"[]\n",
                    b"null\n",
                    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
                    b"- " * 3_000_000,
                ]
            )
        )
        label = what[0] if isinstance(what, tuple) else f"{len(what)} bytes"
        return Case(
            "file",
            f"{target}: {label} {what[1] if isinstance(what, tuple) and len(what) > 1 else ''}".strip(),
            {target: what},
        )

    article_text = st.lists(st.sampled_from(SENTENCES + HOSTILE), min_size=0, max_size=12).map("\n".join)

    @st.composite
    def add_case(draw) -> Case:
        text = draw(article_text)
        labels = []
        if draw(st.integers(0, 9)) == 0:
            text = draw(st.sampled_from(SENTENCES)) * draw(st.sampled_from([900, 2000, 5000]))  # 50-500 KB
            labels.append("long")
        how, raw = draw(encoded(text))
        labels.append(how)
        given: Any = raw
        if draw(st.integers(0, 19)) == 0:
            given = draw(st.sampled_from([("symlink", "/dev/zero"), ("fifo",), ("dir",), ("missing",)]))
            labels.append(given[0])
        argv = ["add", "{input}"]
        published = draw(st.one_of(st.sampled_from(DATES + ["2099-01-01", "2031-05-02", "2024-06-19"]), st.none()))
        if published is not None:
            argv += ["--published", published]
            labels.append(f"published={published!r}")
        for option in ("title", "byline", "outlet", "url", "id"):
            if draw(st.integers(0, 4)) == 0:
                value = draw(
                    st.one_of(odd_text, st.sampled_from(["javascript:alert(1)", "https://example.org/a", "Bon-Id"]))
                )
                if "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
                    continue  # no command line can hold these
                argv += [f"--{option}", value]
                labels.append(option)
        if draw(st.integers(0, 4)) == 0:
            argv.append("--allow-future")
        return Case("add", "add: " + ", ".join(labels), argv=argv, given=given)

    @st.composite
    def out_case(draw) -> Case:
        command = draw(st.sampled_from(["export", "pages", "charts", "extract"]))
        out = draw(
            st.sampled_from(
                ["data", "corpus", "docs", ".", "data/sous", "../project/data", "LINK", "FILE", "{scratch}/out"]
            )
        )
        argv = [command, "--out", out]
        if command == "extract":
            argv[1:1] = [f"corpus/{sorted(base['articles'])[0]}"]
        return Case("out", f"{command} --out {out}", argv=argv)

    @st.composite
    def interrupt_case(draw) -> Case:
        text = "\n".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8)))
        delay = draw(st.sampled_from([0.05, 0.2, 0.5, 1.0, 2.0, 4.0]))
        how = draw(st.sampled_from(["term", "term", "kill"]))
        return Case(
            "interrupt",
            f"add stopped by SIG{how.upper()} after {delay} s",
            argv=["add", "{input}", "--published", "2024-06-19"],
            given=text.encode(),
            stop_after=delay if how == "term" else -delay,
        )

    return {
        "data": data_case(),
        "article": article_case(),
        "file": file_case(),
        "add": add_case(),
        "out": out_case(),
        "interrupt": interrupt_case(),
    }


def _tree(value: Any) -> Any:
    """A ruamel tree of plain data (for the block style editors write)."""
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _tree(v)
        return cm
    if isinstance(value, list):
        return CommentedSeq(_tree(v) for v in value)
    return value


def _base_records() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in KINDS:
        tree, problems = yamlio.parse((BASE / "data" / f"{kind}.yaml").read_text(encoding="utf-8"), kind)
        assert not problems, problems
        out[kind] = [yamlio.plain(r) for r in tree]
    out["articles"] = {}
    for path in sorted((BASE / "corpus").glob("*.md")):
        art, problems = corpus.load_article(path, path.name)
        assert art is not None, problems
        out["articles"][path.name] = (dict(art.meta), art.body)
    return out


# --- running one command in a limited child -------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    argv: list[str]
    status: int | None  # exit status; None when killed
    out: str
    err: str
    seconds: float
    max_rss_mb: float
    hung: bool = False
    signalled: int | None = None


def run_limited(
    entry: Entry, argv: list[str], cwd: Path, *, timeout: float, memory_mb: int, stop_after: float | None = None
) -> Outcome:
    """``python -m build_scripts ARGV`` (``entry`` is cli.main) in a forked child: address space and wall
    time bounded."""
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        started = time.monotonic()
        sys.stdout.flush()
        sys.stderr.flush()
        # the child starts as a fresh process would: SIGTERM kills it until the command handles it
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 70
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
            gc.callbacks.clear()  # the harness's own (hypothesis times garbage collections), not the command's
            try:
                os.dup2(out_f.fileno(), 1)
                os.dup2(err_f.fileno(), 2)
                # as in a terminal: UTF-8, strict (printing a lone surrogate would fail there too)
                sys.stdout = io.TextIOWrapper(io.FileIO(1, mode="w", closefd=False), encoding="utf-8")
                sys.stderr = io.TextIOWrapper(io.FileIO(2, mode="w", closefd=False), encoding="utf-8")
                os.chdir(cwd)
                soft = _vm_bytes() + memory_mb * 1024 * 1024
                resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
                resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
                code = entry(["--root", str(cwd), *argv])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:
                traceback.print_exc()
                code = 70
            finally:
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code if isinstance(code, int) else 70)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        hung, signalled, status, rss = False, None, None, 0.0
        sent = False
        while True:
            done, wait_status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                rss = usage.ru_maxrss / 1024
                if os.WIFEXITED(wait_status):
                    status = os.WEXITSTATUS(wait_status)
                else:
                    signalled = os.WTERMSIG(wait_status)
                break
            elapsed = time.monotonic() - started
            if stop_after is not None and not sent and elapsed >= abs(stop_after):
                os.kill(pid, signal.SIGTERM if stop_after > 0 else signal.SIGKILL)
                sent = True
            if elapsed > timeout:
                hung = True
                os.kill(pid, signal.SIGKILL)
                _, wait_status, usage = os.wait4(pid, 0)
                rss = usage.ru_maxrss / 1024
                signalled = signal.SIGKILL
                break
            time.sleep(0.01)
        seconds = time.monotonic() - started
        out_f.seek(0)
        err_f.seek(0)
        out = out_f.read().decode("utf-8", "replace")
        err = err_f.read().decode("utf-8", "replace")
    return Outcome(argv, status, out, err, seconds, rss, hung, signalled)


def _vm_bytes() -> int:
    """This process's address space (the child starts as a copy of it)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


# --- judging what a command printed ----------------------------------------------------------------


def verdict(o: Outcome, *, expect_signal: bool = False) -> str:
    """ok | clear | interrupted | traceback | hang | unclear | memory."""
    if o.hung:
        return "hang"
    if "Traceback (most recent call last)" in o.err or "Traceback (most recent call last)" in o.out:
        return "traceback"
    if o.signalled is not None:
        return "interrupted" if expect_signal else "traceback"
    if o.status == 0:
        return "ok"
    if o.status == 130 and expect_signal and o.err.strip().startswith("interrupted"):
        return "interrupted"
    if o.status == 1 and o.argv and o.argv[0] == "build":
        return "clear" if _clear(o, build=True) else "unclear"
    if o.status == 1:
        return "clear" if _clear(o) else "unclear"
    return "unclear"


def _clear(o: Outcome, build: bool = False) -> bool:
    lines = [ln for ln in (o.out + o.err).splitlines() if ln.strip()]
    problems = 0
    for line in lines:
        m = PROBLEM_LINE.match(line)
        if m and m["code"] in check.CODES:
            problems += 1
        elif SUMMARY_LINE.match(line):
            continue
        elif build:
            continue  # mkdocs prints its own log lines; the problems must still be there
        else:
            return False
    return problems > 0


# --- running a case -------------------------------------------------------------------------------


def _snapshot(root: Path) -> dict[str, str]:
    out = {}
    for sub in ("data", "corpus"):
        base = root / sub
        if not base.exists() and not base.is_symlink():
            continue
        for p in sorted(base.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_fifo():
                out[rel] = "fifo"
            elif p.is_dir():
                out[rel] = "dir"
            elif p.is_file():
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _place(path: Path, content: Any, root: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        atomic_write_bytes(path, content)
    elif content[0] == "symlink":
        path.symlink_to(path if content[1] == "LOOP" else content[1])
    elif content[0] == "fifo":
        os.mkfifo(path)
    elif content[0] == "dir":
        path.mkdir()
        atomic_write(path / "dedans.md", "---\nid: x\n---\n")


@dataclasses.dataclass
class Tally:
    inputs: Counter = dataclasses.field(default_factory=Counter)  # by kind
    verdicts: Counter = dataclasses.field(default_factory=Counter)  # by verdict, over every command
    commands: int = 0
    refused_clearly: int = 0  # inputs refused, every refusal clear
    accepted: int = 0  # inputs every command accepted
    builds: int = 0
    changed_on_failure: int = 0
    over_memory: int = 0
    max_rss_mb: float = 0.0
    max_seconds: float = 0.0
    failures: list[str] = dataclasses.field(default_factory=list)

    @property
    def bad(self) -> int:
        return (
            self.verdicts["traceback"]
            + self.verdicts["hang"]
            + self.verdicts["unclear"]
            + self.changed_on_failure
            + self.over_memory
        )


class Campaign:
    def __init__(
        self,
        entry: Entry,
        *,
        timeout: float = 60.0,
        memory_mb: int = 500,
        build_every: int = 25,
        keep: Path | None = None,
        quiet: bool = False,
    ):
        self.entry = entry
        self.timeout, self.memory_mb, self.build_every = timeout, memory_mb, build_every
        self.keep = keep
        self.quiet = quiet
        self.tally = Tally()
        self.passed_check = 0
        self.scratch = Path(tempfile.mkdtemp(prefix="rpdc-fuzz-"))

    def close(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)

    def run(self, case: Case) -> None:
        t = self.tally
        t.inputs[case.kind] += 1
        n = sum(t.inputs.values())
        case_dir = self.scratch / f"case-{n}"
        root = case_dir / "project"
        shutil.copytree(BASE, root, symlinks=True)
        for rel, content in case.files.items():
            _place(root / rel, content, root)
        verdicts: list[str] = []
        outcomes: list[Outcome] = []

        def run(argv: list[str], *, expect_signal: bool = False, stop_after: float | None = None) -> Outcome:
            before = _snapshot(root)
            o = run_limited(
                self.entry, argv, root, timeout=self.timeout, memory_mb=self.memory_mb, stop_after=stop_after
            )
            v = verdict(o, expect_signal=expect_signal)
            t.commands += 1
            t.verdicts[v] += 1
            t.max_rss_mb = max(t.max_rss_mb, o.max_rss_mb)
            t.max_seconds = max(t.max_seconds, o.seconds)
            if o.max_rss_mb > self.memory_mb:
                t.over_memory += 1
                v = "memory"
            failed = o.status != 0
            written_anyway = "had written its files" in o.err  # SIGTERM after the last rename
            after = _snapshot(root) if failed and not written_anyway and o.signalled != signal.SIGKILL else before
            if after != before:
                t.changed_on_failure += 1
                v = "changed"
                o.err += "\nchanged: " + ", ".join(
                    sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
                )
            verdicts.append(v)
            outcomes.append(o)
            return o

        if case.kind in ("data", "article", "file"):
            o = run(["check"])
            if o.status == 0:
                out = case_dir / "out"
                run(["pages", "--out", str(out / "pages")])
                run(["charts", "--out", str(out / "charts")])
                run(["export", "--out", str(out / "donnees")])
                self.passed_check += 1
                if self.build_every and self.passed_check % self.build_every == 1:
                    t.builds += 1
                    run(["build", "--no-strict"])
        elif case.kind in ("add", "interrupt"):
            given = case_dir / "article.txt"
            _place(given, case.given if case.given is not None else b"", root)
            argv = [a.replace("{input}", str(given)) for a in case.argv]
            o = run(argv, expect_signal=case.kind == "interrupt", stop_after=case.stop_after)
            # whatever add did or did not do, check must still give clear answers, and a second command
            # must find the project usable (a killed add is reported, never a traceback)
            run(["check"])
            if o.status == 0 and case.kind == "add":
                arts = [a for a in sorted((root / "corpus").glob("*.md")) if a.name not in _base_names()]
                if arts:
                    run(["redraft", str(arts[0])])
        elif case.kind == "out":
            argv = list(case.argv)
            i = argv.index("--out") + 1
            if argv[i] == "LINK":
                (case_dir / "lien").symlink_to(root / "data")
                argv[i] = str(case_dir / "lien")
            elif argv[i] == "FILE":
                atomic_write(case_dir / "fichier", "x")
                argv[i] = str(case_dir / "fichier")
            argv[i] = argv[i].replace("{scratch}", str(case_dir))
            run(argv)

        bad = [v for v in verdicts if v in ("traceback", "hang", "unclear", "memory", "changed")]
        if bad:
            self._record(case, outcomes, verdicts)
        elif "clear" in verdicts:
            t.refused_clearly += 1
        else:
            t.accepted += 1
        shutil.rmtree(case_dir, ignore_errors=True)

    def _record(self, case: Case, outcomes: list[Outcome], verdicts: list[str]) -> None:
        t = self.tally
        o = next(o for o, v in zip(outcomes, verdicts) if v not in ("ok", "clear", "interrupted"))
        v = verdicts[outcomes.index(o)]
        tail = (o.err or o.out).strip().splitlines()[-3:]
        t.failures.append(f"[{v}] {case.kind}: {case.label}: {' '.join(o.argv)} -> {' | '.join(tail)[:400]}")
        if self.keep is not None:
            dest = self.keep / f"failure-{len(t.failures)}"
            dest.mkdir(parents=True, exist_ok=True)
            for rel, content in case.files.items():
                if isinstance(content, bytes):
                    atomic_write_bytes(dest / rel.replace("/", "__"), content)
            if isinstance(case.given, bytes):
                atomic_write_bytes(dest / "article.txt", case.given)
            report = f"{case.kind}\n{case.label}\n{case.argv}\n{v}\n\n{o.out}\n{o.err}"
            atomic_write_bytes(dest / "case.txt", report.encode("utf-8", "replace"))
        if not self.quiet:
            print(t.failures[-1], file=sys.stderr)


@contextlib.contextmanager
def _quiet_hypothesis():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _base_names() -> set[str]:
    return {p.name for p in (BASE / "corpus").glob("*.md")}


def campaign(
    entry: Entry,
    inputs: int,
    kinds: tuple[str, ...] = ("data", "article", "file", "add", "out", "interrupt"),
    *,
    seed: int = 0,
    timeout: float = 60.0,
    memory_mb: int = 500,
    build_every: int = 25,
    keep: Path | None = None,
    quiet: bool = False,
    progress: bool = False,
) -> Tally:
    """Run ``inputs`` generated cases of the given kinds; return the tally."""
    # hypothesis here, as in _strategies: a test dependency, the build does not import it
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from hypothesis import strategies as st

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if any(k in kinds for k in ("add", "interrupt")):
        from build_scripts.extraction.nlp import model  # only the kinds that run add need the model

        model.load()  # once, before the children are forked
    # warm this process up, so that each forked child starts with the modules imported and the
    # schemas compiled (a child costs what its command costs, not Python's start-up)
    from build_scripts.site import charts, export, pages  # noqa: F401

    check.run(BASE)
    strategies = _strategies()
    runner = Campaign(entry, timeout=timeout, memory_mb=memory_mb, build_every=build_every, keep=keep, quiet=quiet)
    started = time.monotonic()

    @hseed(seed)
    @settings(
        max_examples=inputs,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(*[strategies[k] for k in kinds]))
    def loop(case: Case) -> None:
        runner.run(case)
        n = sum(runner.tally.inputs.values())
        if progress and n % 100 == 0:
            print(
                f"  {n} inputs, {time.monotonic() - started:.0f} s, {runner.tally.bad} failures",
                file=sys.stderr,
                flush=True,
            )

    try:
        with _quiet_hypothesis():
            loop()
    finally:
        runner.close()
    return runner.tally


def report(t: Tally, seconds: float, memory_mb: int, timeout: float) -> str:
    n = sum(t.inputs.values())
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(t.inputs.items()))
    v = t.verdicts
    return "\n".join(
        [
            f"fuzz: {n} inputs tried ({kinds}) in {seconds:.0f} s, {t.commands} commands run ({t.builds} full builds)",
            f"  refused with clear errors: {t.refused_clearly} inputs ({v['clear']} commands, every line "
            "'path:line: [code] ... Fix: ...' with a listed code)",
            f"  accepted: {t.accepted} inputs ({v['ok']} commands exited 0; {v['interrupted']} stopped on purpose)",
            f"  tracebacks: {v['traceback']}, hangs (over {timeout:.0f} s): {v['hang']}, unclear errors: {v['unclear']}",
            f"  failed commands that changed data/ or corpus/: {t.changed_on_failure}",
            f"  peak memory of a case: {t.max_rss_mb:.0f} MB (limit {memory_mb} MB; over it: {t.over_memory}); "
            f"slowest command: {t.max_seconds:.1f} s",
        ]
        + [f"  FAILURE {f}" for f in t.failures[:20]]
    )


def main(
    entry: Entry, inputs: int, kinds: tuple[str, ...], seed: int, build_every: int, memory_mb: int, timeout: float
) -> int:
    started = time.monotonic()
    keep = PROJECT / ".cache" / "fuzz"
    shutil.rmtree(keep, ignore_errors=True)
    tally = campaign(
        entry,
        inputs,
        kinds,
        seed=seed,
        timeout=timeout,
        memory_mb=memory_mb,
        build_every=build_every,
        keep=keep,
        progress=True,
    )
    print(report(tally, time.monotonic() - started, memory_mb, timeout))
    if tally.failures:
        print(f"  the failing inputs are in {keep.relative_to(PROJECT)}/")
    return 1 if tally.bad else 0
