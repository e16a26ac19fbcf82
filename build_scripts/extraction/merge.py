"""Merging drafted records into data/*.yaml without losing anything an editor wrote.

Policy (the rules ``add`` relies on):

- A reviewed record (no ``review: draft``) is never changed, moved or removed.
  Comments, key order, quoting and blank lines of the file survive: the file is
  loaded and dumped with ruamel.yaml's round-trip mode, and a file whose
  records did not change is not rewritten at all.
- Every draft written by the extraction carries, as a YAML comment on its
  ``review: draft`` line, a fingerprint of what the extraction wrote
  (``# extraction fingerprint: 1a2b3c4d5e6f``). When the merge meets a draft
  with the same id again, it recomputes the fingerprint of the record as it
  stands: equal -> nobody touched it, the new draft replaces it; different (or
  the comment is gone) -> an editor edited it: the editor's version is kept as
  it is, and the merge reports it.
- A new fact that is already in the data:
  * quotes: same article and same text -> not added again;
  * actors: an id already in the registry -> never proposed again (a draft
    actor untouched by editors gets the new spellings and sources);
  * events: same kind, overlapping dates and a common actor -> if the existing
    event is an untouched draft, the new source is appended to it; if it is
    reviewed (or edited), it is NOT changed: the new draft is still written,
    with a ``note`` naming the reviewed event ("probablement le même fait que
    …: ajoutez-y cette source puis supprimez ce brouillon"), and the summary
    lists it. The proposal is therefore visible in data/ (drafts are never
    published) and nothing reviewed is touched.
- Re-running a merge with the same drafts gives byte-identical files.
- A kind split over several files (data/events/2023.yaml, data/events/2024.yaml...) is
  merged as one list: a record is found, compared and replaced in the file that holds it,
  and a new draft goes to the file that ``place(record)`` names (``merge_texts``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from build_scripts.dataset import yamlio
from build_scripts.dataset.problems import DataError
from build_scripts.extraction.nlp.events import _dates_compatible

FINGERPRINT = "extraction fingerprint: "
QUOTED_KEYS = {"name", "text", "excerpt", "title", "date_note", "note", "role", "summary"}


dump_yaml = yamlio.dump  # null is written `null`, comments and key order kept


def _node(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        cm = CommentedMap()
        for k, v in value.items():
            cm[k] = _node(v, k)
        return cm
    if isinstance(value, list):
        seq = CommentedSeq(_node(v, key) for v in value)
        if key == "actors" and all(isinstance(v, str) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (key in QUOTED_KEYS or key == "aliases" or key == "descriptions"):
        return DoubleQuotedScalarString(value)
    return value


def to_tree(records: list[dict], *, fingerprint: bool = False) -> CommentedSeq:
    seq = CommentedSeq()
    for rec in records:
        cm = _node(rec)
        if fingerprint and rec.get("review") == "draft":
            cm.yaml_add_eol_comment(FINGERPRINT + fingerprint_of(rec), "review")
        seq.append(cm)
    return seq


def fingerprint_of(record: dict) -> str:
    plain = yamlio.normalise_temporal(yamlio.plain(record))
    plain.pop("review", None)
    data = json.dumps(plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def stored_fingerprint(node: Any) -> str | None:
    if not isinstance(node, CommentedMap):
        return None
    tok = node.ca.items.get("review")
    if not tok:
        return None
    for t in tok:
        if t is not None and hasattr(t, "value") and FINGERPRINT in t.value:
            return t.value.split(FINGERPRINT, 1)[1].split()[0]
    return None


def is_draft(node: Any) -> bool:
    return isinstance(node, dict) and node.get("review") == "draft"


def untouched(node: Any) -> bool:
    """A draft exactly as the extraction wrote it (fingerprint comment still matches)."""
    return is_draft(node) and stored_fingerprint(node) == fingerprint_of(node)


@dataclass
class Report:
    added: dict[str, list[str]] = field(default_factory=dict)
    updated: dict[str, list[str]] = field(default_factory=dict)
    kept_edited: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    same_as_reviewed: list[tuple[str, str]] = field(default_factory=list)  # (draft event id, reviewed event id)

    def note(self, what: str, kind: str, rid: str) -> None:
        getattr(self, what).setdefault(kind, []).append(rid)


class Store:
    """The records of one kind over its files (name -> round-trip list, in reading order).

    Finds a record by id, replaces it where it is, and appends a new one to the file that
    ``place(record)`` names (a file not there yet is started)."""

    def __init__(self, seqs: dict[str, CommentedSeq], place: Callable[[dict], str]):
        self.seqs = dict(seqs)
        self.place = place
        self.where: dict[Any, tuple[str, int]] = {}
        for name, seq in self.seqs.items():
            for i, node in enumerate(seq):
                if isinstance(node, dict):
                    self.where[node.get("id")] = (name, i)

    def __iter__(self) -> Iterator[Any]:
        for seq in self.seqs.values():
            yield from seq

    def __contains__(self, rid: object) -> bool:
        return rid in self.where

    def get(self, rid: str) -> Any:
        name, i = self.where[rid]
        return self.seqs[name][i]

    def replace(self, rid: str, record: dict) -> None:
        name, i = self.where[rid]
        self.seqs[name][i] = to_tree([record], fingerprint=True)[0]

    def append(self, record: dict) -> None:
        name = self.place(record)
        seq = self.seqs.setdefault(name, CommentedSeq())
        seq.append(to_tree([record], fingerprint=True)[0])
        self.where[record["id"]] = (name, len(seq) - 1)


def merge_store(
    kind: str, store: Store, drafts: list[dict], report: Report, countries: dict[str, str] | None = None
) -> None:
    """Merge drafts of one kind into its records, wherever each one is (changed in place)."""
    # quotes by (article, text): the same words twice in one text are one quote (looked up, not scanned)
    quoted: dict[tuple, Any] = {}
    for n in store:
        if isinstance(n, dict) and isinstance(n.get("text"), str):
            quoted.setdefault((n.get("article"), n.get("text")), n)
    this_run: set[str] = set()  # ids this merge added or replaced: never "edited by hand"
    for rec in drafts:
        rec = _own_id(kind, rec, store)
        rid = rec["id"]
        if kind == "quotes":
            dup = quoted.get((rec["article"], rec["text"]))
            if dup is not None:
                if dup.get("id") in this_run:
                    report.note("skipped", kind, rid)  # the same quote twice in this run's texts
                elif untouched(dup) and dup.get("id") == rid:
                    if stored_fingerprint(dup) != fingerprint_of(rec):
                        store.replace(rid, rec)
                        quoted[(rec["article"], rec["text"])] = store.get(rid)
                        this_run.add(rid)
                        report.note("updated", kind, rid)
                    else:
                        report.note("skipped", kind, rid)
                elif is_draft(dup):
                    report.note("kept_edited", kind, dup.get("id"))
                else:
                    report.note("skipped", kind, rid)
                continue
        if kind == "events":
            same = _same_event(store, rec, countries or {})
            if same is not None and same.get("id") != rid:
                if untouched(same) or same["id"] in this_run:
                    merged = _merge_event(yamlio.plain(same), rec)
                    if merged != yamlio.plain(same):
                        store.replace(same["id"], merged)
                        this_run.add(same["id"])
                        report.note("updated", kind, same["id"])
                    else:
                        report.note("skipped", kind, same["id"])
                    continue
                if not is_draft(same):
                    rec = dict(rec)
                    rec["note"] = (
                        f"Probablement le même fait que l'événement relu « {same['id']} » : "
                        "ajoutez-y cette source à la main, puis supprimez ce brouillon."
                    )
                    report.same_as_reviewed.append((rid, same["id"]))
        if rid in store:
            node = store.get(rid)
            if not is_draft(node):
                report.note("skipped", kind, rid)  # a reviewed record with this id: never touched
                continue
            if not untouched(node) and rid not in this_run:
                report.note("kept_edited", kind, rid)
                continue
            if kind in ("actors", "events"):
                rec = _merge_draft(kind, yamlio.plain(node), rec)
            if fingerprint_of(node) != fingerprint_of(rec) or stored_fingerprint(node) != fingerprint_of(rec):
                store.replace(rid, rec)
                this_run.add(rid)
                report.note("updated", kind, rid)
            else:
                report.note("skipped", kind, rid)
            continue
        store.append(rec)
        this_run.add(rid)
        if kind == "quotes":
            quoted.setdefault((rec["article"], rec["text"]), store.get(rid))
        report.note("added", kind, rid)


def _articles(node: Any) -> set:
    if not isinstance(node, dict):
        return set()
    arts = {node.get("article")} if node.get("article") else set()
    return arts | {s.get("article") for s in node.get("sources") or [] if isinstance(s, dict)}


def _own_id(kind: str, rec: dict, store: Store) -> dict:
    """Give a draft an id of its own when another record (reviewed, or from another article) holds it."""
    rid = rec["id"]
    if rid not in store:
        return rec
    node = store.get(rid)
    if is_draft(node) and _articles(node) & _articles(rec):
        return rec  # the same draft, extracted again
    if kind == "actors":
        return rec
    n = 2
    while f"{rid}-{n}" in store:
        other = store.get(f"{rid}-{n}")
        if is_draft(other) and _articles(other) & _articles(rec):
            break
        n += 1
    rec = dict(rec)
    rec["id"] = f"{rid}-{n}"
    return rec


def _same_event(store: Store, rec: dict, countries: dict[str, str]) -> Any:
    """An existing event of the same kind, overlapping dates and a common actor (a person's country counts)."""

    def widen(actors):
        return set(actors) | {countries[a] for a in actors if countries.get(a)}

    for node in store:
        if not isinstance(node, dict) or node.get("kind") != rec["kind"]:
            continue
        date = yamlio.normalise_temporal({"date": node.get("date")})["date"]
        date = str(date) if date is not None else None
        old_actors, new_actors = list(node.get("actors") or []), list(rec.get("actors") or [])
        if _dates_compatible(date, rec.get("date")) and (
            widen(old_actors) & set(new_actors) or set(old_actors) & widen(new_actors)
        ):
            return node
    return None


def _merge_event(old: dict, new: dict) -> dict:
    out = dict(old)
    out["sources"] = list(old.get("sources") or [])
    for s in new.get("sources") or []:
        if s not in out["sources"]:
            out["sources"].append(s)
    out["actors"] = list(old.get("actors") or []) + [
        a for a in new.get("actors") or [] if a not in (old.get("actors") or [])
    ]
    return out


def _merge_draft(kind: str, old: dict, new: dict) -> dict:
    if kind == "events":
        return _merge_event(old, new)
    out = dict(new)
    out["aliases"] = list(old.get("aliases") or []) + [
        a for a in new.get("aliases") or [] if a not in (old.get("aliases") or [])
    ]
    out["sources"] = list(old.get("sources") or []) + [
        s for s in new.get("sources") or [] if s not in (old.get("sources") or [])
    ]
    return out


def merge_text(
    kind: str,
    text: str | None,
    drafts: list[dict],
    report: Report,
    header: str,
    countries: dict[str, str] | None = None,
) -> str:
    """New text of data/<kind>.yaml; the old text itself when nothing changed."""
    rel = f"data/{kind}.yaml"
    return merge_texts(kind, {rel: text}, drafts, report, lambda _rel: header, countries)[rel]


def merge_texts(
    kind: str,
    texts: Mapping[str, str | None],
    drafts: list[dict],
    report: Report,
    header_of: Callable[[str], str],
    countries: dict[str, str] | None = None,
    place: Callable[[dict], str] | None = None,
) -> dict[str, str]:
    """New texts of the files of a kind (name -> text, None for a file not there yet), merged as one list.

    A new draft goes to the file ``place(draft)`` names (by default the first one), which is
    started with ``header_of(name)`` when it does not exist. A file whose records did not change
    keeps its text, byte for byte."""
    old: dict[str, tuple[str | None, Any, bool, str | None]] = {}
    seqs: dict[str, CommentedSeq] = {}
    for name, text in texts.items():
        tree = None
        if text is not None:
            tree, problems = yamlio.parse(text, name)
            if problems:
                raise DataError(problems)
        empty_before = isinstance(tree, CommentedSeq) and len(tree) == 0
        before = dump_yaml(tree) if tree is not None and not empty_before else None
        old[name] = (text, tree, empty_before, before)
        seqs[name] = tree if isinstance(tree, CommentedSeq) and not empty_before else CommentedSeq()
    first = next(iter(texts), f"data/{kind}.yaml")
    store = Store(seqs, place or (lambda _rec: first))
    merge_store(kind, store, drafts, report, countries)
    out = {}
    for name, seq in store.seqs.items():
        text, tree, empty_before, before = old.get(name, (None, None, False, None))
        after = dump_yaml(seq)
        if text is not None and after == before:
            out[name] = text
        elif text is None or not text.strip():
            out[name] = header_of(name) + after
        elif tree is None or not isinstance(tree, CommentedSeq) or empty_before:  # "[]": keep the leading comments
            out[name] = "".join(line for line in text.splitlines(True) if line.startswith("#")) + after
        else:
            out[name] = after
    return out
