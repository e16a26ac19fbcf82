"""``add``: put a new article into corpus/ and merge its drafted records into data/.

    python -m build_scripts add article.txt --published 2024-06-19 --title "..." [--outlet --url --byline --id]

Steps, all in memory before anything is written:
1. read the file (a plain file of at most ARTICLE_MAX_BYTES, checked before reading) as
   UTF-8 text; a byte order mark, CRLF line ends and invisible control characters are
   normalised (the text is not in the corpus yet) and the summary says so; anything else
   unreadable (binary, Latin-1, a device) is refused with a fix;
2. check the options: --published a real date between 1800 and 2199, not after today
   unless --allow-future; no control character in --title, --byline...;
3. refuse an article whose text (body hash) or id is already in the corpus, and a data
   file that does not load (drafts are never merged into a broken file);
4. extract drafts (cached by content) and merge them into data/ under
   the rules of build_scripts/extraction/merge.py (reviewed records and hand edits are
   never changed). A kind kept in one file (data/events.yaml) gets its drafts there; a
   kind split into a folder (data/events/*.yaml) gets them in the file of the article's
   publication year (data/events/2024.yaml), started if needed;
5. write corpus/<id>.md and the changed data files together, holding the project lock
   (build_scripts/dataset/transaction.py): all of them or, on any error, none.
Finally print a summary: counts, and what needs a human.

``redraft`` runs steps 4-5 again for articles already in corpus/ (after the registry
or the extraction improved), data/ only, under the same merge rules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from build_scripts import dataset
from build_scripts.dataset import characters, corpus, transaction
from build_scripts.dataset.ids import slug
from build_scripts.dataset.problems import DataError, Problem
from build_scripts.dataset.temporal import Temporal, TemporalError
from build_scripts.dataset.textfiles import ARTICLE_MAX_BYTES, decode, project_lock, read_bytes, read_text
from build_scripts.extraction.extract import (
    Source,
    assemble,
    boilerplate_spans,
    derive_id,
    extract_cached,
    load_registry,
    registry_fingerprint,
    source_of,
)
from build_scripts.extraction.merge import Report, merge_texts

DATA_KINDS = ("actors", "events", "quotes")


def read_input(path: Path) -> tuple[str, list[str]]:
    """The article text, and what was normalised on the way."""
    rel = path.as_posix()
    raw, problems = read_bytes(path, rel, max_bytes=ARTICLE_MAX_BYTES)
    if raw is None:  # the input is not a project file: the fix is to give the right one
        raise DataError(
            [
                dataclasses.replace(p, fix="give the article as a plain UTF-8 text file.")
                if p.code == "unreadable"
                else p
                for p in problems
            ]
        )
    fixed: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        fixed.append("byte order mark (BOM) removed")
    text, problems = decode(raw, rel, max_bytes=ARTICLE_MAX_BYTES)
    if problems and problems[0].code == "crlf":
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        fixed.append("Windows (CRLF) line ends turned into LF")
    elif problems or text is None:
        raise DataError(problems)
    invisible = list(characters.FORBIDDEN.finditer(text))
    if invisible:  # not part of the article's words; each would be refused in the drafts' quotes
        first = invisible[0]
        line = text.count("\n", 0, first.start()) + 1
        col = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
        names = ", ".join(sorted({characters.name(m[0]) for m in invisible}))
        fixed.append(
            f"{len(invisible)} invisible control character{'s' if len(invisible) > 1 else ''} removed "
            f"({names}; the first at line {line}, column {col})"
        )
        text = characters.FORBIDDEN.sub("", text)
    if not text.strip():
        raise DataError(
            [
                Problem(
                    rel,
                    None,
                    "",
                    "empty-article",
                    "the file holds no text.",
                    "give the file that contains the article.",
                )
            ]
        )
    return text, fixed


def published_problem(rel: str, published: str | None, *, allow_future: bool = False) -> Problem | None:
    """What is wrong with --published: missing, not a date, out of range, or after today."""
    if not published:
        return Problem(
            rel,
            None,
            "",
            "published-required",
            "the publication date is missing.",
            "give it: --published 2024-06-19 (or 2024-06, or 2024 when the text gives no more).",
        )
    try:
        when = Temporal.parse(published)
    except TemporalError as exc:
        return Problem(rel, None, "", "bad-published", f"--published {exc.message}", exc.fix)
    if when.is_interval:
        return Problem(
            rel,
            None,
            "",
            "bad-published",
            f"--published '{published}' is an interval: an article is published on one date.",
            "give the day (or month, or year) of publication: --published 2024-06-19",
        )
    today = dt.date.today()
    if when.first > today and not allow_future:
        return Problem(
            rel,
            None,
            "",
            "published-in-future",
            f"--published {published} is after today: the text's relative dates ('hier', 'mardi') would be "
            "read from it.",
            "give the date the article was published; for an article really dated ahead (an embargo), "
            "add --allow-future.",
        )
    return None


def _option_problem(rel: str, option: str, value: str | None) -> Problem | None:
    """An option's text with an invisible control character would go into the front matter."""
    at = characters.first_forbidden(value) if value else None
    if at is None or value is None:
        return None
    code, kind, fix = characters.classify(value[at])
    return Problem(rel, None, "", code, f"--{option} holds {kind} {characters.name(value[at])}.", fix)


def main(
    root: Path,
    path: Path,
    *,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    byline: str | None = None,
    article_id: str | None = None,
    allow_future: bool = False,
) -> int:
    root = Path(root)
    path = Path(path)
    rel = path.as_posix()
    with project_lock(root, "add"):
        cleaned = _clean_leftovers(root, set())
        text, fixed = read_input(path)
        if path.suffix == ".md" and text.startswith("---\n"):
            raise DataError(
                [
                    Problem(
                        rel,
                        1,
                        "",
                        "has-front-matter",
                        "the file already has front matter: add takes the bare article text.",
                        "remove the header between the '---' lines, or copy the file into corpus/ yourself.",
                    )
                ]
            )
        wrong = [published_problem(rel, published, allow_future=allow_future)]
        wrong += [
            _option_problem(rel, name, value)
            for name, value in (
                ("title", title),
                ("outlet", outlet),
                ("byline", byline),
                ("url", url),
                ("id", article_id),
            )
        ]
        if any(wrong):
            raise DataError([p for p in wrong if p])
        assert published is not None
        if url and not url.startswith(("http://", "https://")):
            raise DataError(
                [
                    Problem(
                        rel,
                        None,
                        "",
                        "bad-url",
                        f"--url '{url}' is not a web address.",
                        "give the full address, starting with https://",
                    )
                ]
            )
        first_line = next((ln.strip() for ln in text.split("\n") if ln.strip()), path.stem)
        derived_title = title is None
        title = title or (first_line if len(first_line) <= 160 else " ".join(first_line.split()[:14]) + "…")
        aid = article_id or derive_id(published, title)
        if slug(aid) != aid:
            raise DataError(
                [
                    Problem(
                        rel,
                        None,
                        "",
                        "bad-id",
                        f"--id '{aid}' is not a valid id.",
                        f"use lower-case letters, digits and hyphens, e.g. {slug(aid)}",
                    )
                ]
            )
        ds = dataset.load(root)
        _refuse_unreadable_data(ds)
        digest = corpus.body_hash(text)
        for other in ds.articles.values():
            if corpus.body_hash(other.body) == digest:
                raise DataError(
                    [
                        Problem(
                            rel,
                            None,
                            "",
                            "duplicate-article",
                            f"this text is already in the corpus as {other.path}.",
                            "nothing to add; to change that article's header, edit its front matter; if its "
                            f"drafts are missing from data/, run: python -m build_scripts redraft {other.path}",
                        )
                    ]
                )
        if aid in ds.articles or (root / "corpus" / f"{aid}.md").exists():
            raise DataError(
                [
                    Problem(
                        rel,
                        None,
                        "",
                        "duplicate-id",
                        f"article id '{aid}' is already used in corpus/.",
                        "give another id with --id.",
                    )
                ]
            )

        skip, caps = boilerplate_spans(text)
        boiler = sorted({text[a:b] for a, b in skip if text[a:b].strip() and text[a:b].strip() != "|"})
        meta = {
            "id": aid,
            "title": title,
            "published": published,
            "language": "fr",
            "outlet": outlet,
            # the site says plainly what is not known; the editor completes it (see data/schema/article.schema.json)
            "outlet_note": None
            if outlet
            else "Non identifié : le texte a été reçu sans indication de média ni d'adresse.",
            "byline": byline,
            "url": url,
            "seed": path.name,
            "captions": [],
            "boilerplate": boiler,
        }
        article_text = corpus.render_article(meta, text)
        article_rel = f"corpus/{aid}.md"
        # the file as check will read it: what add writes, check must accept
        _art, problems = corpus.parse_article(article_text, article_rel)
        problems += corpus.size_problems(article_text, article_rel)
        if problems:
            raise DataError(problems)

        src = Source(aid, text, published, article_rel, skip, caps)
        results, drafts, report, new_texts = _drafts_merged(root, [src])
        files = {root / article_rel: article_text} | {root / rel: t for rel, t in new_texts.items()}
        written = transaction.write_together(root, files, command=f"add {rel}", articles=[article_rel])
    print(summary(aid, fixed, derived_title, drafts, report, written, results[0], cleaned))
    return 0


def _clean_leftovers(root: Path, finishing: set[str]) -> list[str]:
    """Remove what a killed command left (reported in the summary); refuse to start on a half-written add."""
    removed, blocking = transaction.clean(root, finishing=finishing)
    if blocking is not None:
        raise DataError([blocking])
    return removed


def _refuse_unreadable_data(ds: dataset.Dataset) -> None:
    """The data files the merge rewrites must load whole: drafts are never merged into a broken file."""
    unread = {f.rel for kind in DATA_KINDS for f in ds.files.get(kind, []) if f.tree is None}
    broken = [p for p in ds.problems if p.severity == "error" and p.path in unread and p.code != "missing-file"]
    if broken:
        raise DataError(
            broken
            + [
                Problem(
                    broken[0].path,
                    None,
                    "",
                    "data-unreadable",
                    "the drafts cannot be merged into this file, which does not load (see its other problem); "
                    "nothing was written.",
                    "fix that problem (python -m build_scripts check shows it too), then run the command again.",
                )
            ]
        )


def _drafts_merged(root: Path, sources: list[Source]) -> tuple[list[dict], dict, Report, dict[str, str]]:
    """Extract the sources (cached by content) and merge the drafts into data/'s texts, in memory."""
    registry = load_registry(root)
    fp = registry_fingerprint(registry)
    results = [extract_cached(src, registry, root / ".cache" / "extract", fp) for src in sources]
    drafts = assemble(results, registry)
    drafts["actors"] = [a for a in drafts["actors"] if a.get("review") == "draft"]
    report = Report()
    countries = {aid: str(a["country"]) for aid, a in registry.actors.items() if a.get("country")}
    years = {s.id: s.published[:4] for s in sources}
    new_texts: dict[str, str] = {}
    for kind in DATA_KINDS:
        texts: dict[str, str | None] = {
            dataset.rel(root, path): _read_data(path, dataset.rel(root, path))
            for path in dataset.kind_paths(root, kind)
        }
        place = draft_file(root, kind, years)
        if not texts and place is None:
            texts[f"data/{kind}.yaml"] = None
        new_texts |= merge_texts(kind, texts, drafts[kind], report, _header_of(kind), countries, place)
    return results, drafts, report, new_texts


def _header_of(kind: str) -> Callable[[str], str]:
    """The schema line a new data file of a kind starts with."""
    return lambda rel: dataset.schema_header(kind, rel)


def draft_file(root: Path, kind: str, years: dict[str, str]) -> Callable[[dict], str] | None:
    """Where a new draft of a kind goes: None for the kind's one file (data/<kind>.yaml), or, when the
    kind is split into data/<kind>/, a function naming the file of its article's publication year."""
    if not (dataset.data_dir(root) / kind).is_dir():
        return None

    def place(record: dict) -> str:
        article = record.get("article") or next(
            (s.get("article") for s in record.get("sources") or [] if isinstance(s, dict)), None
        )
        return f"data/{kind}/{years.get(str(article), 'sans-date')}.yaml"

    return place


def _read_data(path: Path, rel: str) -> str:
    """A data file's text, read safely (a plain file, bounded): the merge rewrites it."""
    text, problems = read_text(path, rel)
    if text is None:
        raise DataError(problems)
    return text


def redraft(root: Path, paths: list[Path]) -> int:
    """Extract articles already in corpus/ again and merge their drafts into data/.

    For when the registry or the extraction has improved. The merge rules are add's
    (build_scripts/extraction/merge.py): reviewed records, hand-edited drafts and comments are never
    changed; a draft nobody touched is refreshed; running it twice changes nothing.
    """
    root = Path(root)
    with project_lock(root, "redraft"):
        rels = [dataset.rel(root, Path(p)) for p in paths]
        cleaned = _clean_leftovers(root, set(rels))
        ds = dataset.load(root)
        _refuse_unreadable_data(ds)
        sources, problems = [], []
        for path, rel in zip(paths, rels):
            art = next((a for a in ds.articles.values() if a.path == rel), None)
            if art is None:
                problems.append(
                    Problem(
                        Path(path).as_posix(),
                        None,
                        "",
                        "not-in-corpus",
                        "redraft takes articles that are in corpus/ (and loaded without error).",
                        "for a new article use: python -m build_scripts add ARTICLE.txt --published ...",
                    )
                )
                continue
            sources.append(source_of(art))
        if problems:
            raise DataError(problems)
        results, drafts, report, new_texts = _drafts_merged(root, sources)
        files = {root / rel: t for rel, t in new_texts.items()}
        written = transaction.write_together(root, files, command="redraft " + " ".join(rels), articles=rels)
        transaction.settle(root)  # an interrupted add or redraft of these articles is now complete
    ids = ", ".join(s.id for s in sources)
    text = summary(
        ids,
        [],
        False,
        drafts,
        report,
        written or ["nothing (data/ already holds these drafts)"],
        {"dates": [d for r in results for d in r["dates"]]},
        cleaned,
    )
    print(text.replace("add: ", "redraft: ", 1))
    return 0


def summary(
    aid: str,
    fixed: list[str],
    derived_title: bool,
    drafts: dict,
    report: Report,
    written: list[str],
    result: dict,
    cleaned: list[str] | None = None,
) -> str:
    lines = [f"add: {aid}"]
    if cleaned:
        lines.append("  removed, left by a command killed while writing: " + ", ".join(cleaned))
    if fixed:
        lines.append("  normalised: " + "; ".join(fixed))
    lines.append("  written: " + ", ".join(written))
    for kind in DATA_KINDS:
        added = len(set(report.added.get(kind, [])))
        updated = len(set(report.updated.get(kind, [])) - set(report.added.get(kind, [])))
        kept = len(set(report.kept_edited.get(kind, [])))
        skipped = len(set(report.skipped.get(kind, [])))
        lines.append(
            f"  {kind}: {added} draft(s) added, {updated} updated, {kept} edited by hand and kept, "
            f"{skipped} already there"
        )
    lines.append(f"  dates found: {len(result['dates'])}")
    todo = []
    # only what this run put in data/ (a quote or an actor already there was flagged when it came)
    fresh = {kind: set(report.added.get(kind, [])) | set(report.updated.get(kind, [])) for kind in DATA_KINDS}
    drafts = {kind: [r for r in drafts[kind] if r["id"] in fresh[kind]] for kind in DATA_KINDS}
    if derived_title:
        todo.append("title taken from the first line of the text: check it in the front matter")
    for q in drafts["quotes"]:
        if q["speaker"] is None:
            todo.append(
                f"quote without a speaker: {q['id']} (« {q['text'][:60]}{'…' if len(q['text']) > 60 else ''} »)"
            )
    for a in drafts["actors"]:
        todo.append(f"new actor proposed: {a['id']} ({a['kind']}, « {a['name']} »)")
    for e in drafts["events"]:
        if e["date"] is None:
            todo.append(f"event without a date: {e['id']}")
    for draft_id, reviewed_id in report.same_as_reviewed:
        todo.append(f"event {draft_id} looks like reviewed event {reviewed_id}: add the source to it by hand")
    for kind, ids in sorted(report.kept_edited.items()):
        for rid in dict.fromkeys(ids):
            todo.append(f"{kind} {rid}: a draft edited by hand was kept as it is")
    lines.append(f"  needs a human ({len(todo)}):" if todo else "  needs a human: nothing flagged")
    lines += [f"  - {t}" for t in todo]
    lines.append(
        "  every drafted record has 'review: draft': remove that line once checked (python -m build_scripts check)."
    )
    # the text comes from the article: no control character of it reaches the terminal
    return "\n".join(characters.printable(line) for line in lines)
