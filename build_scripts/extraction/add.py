"""``add``: put a new article into corpus/ and merge its drafted records into data/.

    python -m build_scripts add article.txt --published 2024-06-19 --title "..." [--outlet --url --byline --id]

Steps, all in memory before anything is written:
1. read the file as UTF-8 text; a byte order mark or CRLF line ends are
   normalised (the text is not in the corpus yet) and the summary says so;
   anything else unreadable (binary, Latin-1, too large) is refused with a fix;
2. refuse an article whose text (body hash) or id is already in the corpus;
3. extract drafts (cached by content) and merge them into data/ under
   the rules of build_scripts/extraction/merge.py (reviewed records and hand edits are
   never changed). A kind kept in one file (data/events.yaml) gets its drafts there; a
   kind split into a folder (data/events/*.yaml) gets them in the file of the article's
   publication year (data/events/2024.yaml), started if needed;
4. write corpus/<id>.md (the text verbatim, front matter first), then the
   changed data files, each atomically, holding the project lock.
Finally print a summary: counts, and what needs a human.

``redraft`` runs steps 3-4 again for articles already in corpus/ (after the registry
or the extraction improved), data/ only, under the same merge rules.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts import dataset
from build_scripts.dataset import corpus
from build_scripts.dataset.ids import slug
from build_scripts.dataset.problems import DataError, Problem
from build_scripts.dataset.textfiles import MAX_BYTES, atomic_write, decode, project_lock
from build_scripts.extraction.extract import (
    Source,
    assemble,
    boilerplate_spans,
    derive_id,
    extract_cached,
    load_registry,
    registry_fingerprint,
    source_of,
    temporal_ok,
)
from build_scripts.extraction.merge import Report, merge_texts

DATA_KINDS = ("actors", "events", "quotes")


def read_input(path: Path) -> tuple[str, list[str]]:
    """The article text, and what was normalised on the way."""
    rel = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            [Problem(rel, None, "", "unreadable", f"cannot read the file: {exc.strerror}.", "check the path.")]
        ) from None
    fixed: list[str] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        fixed.append("byte order mark (BOM) removed")
    text, problems = decode(raw, rel, max_bytes=MAX_BYTES)
    if problems and problems[0].code == "crlf":
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        fixed.append("Windows (CRLF) line ends turned into LF")
    elif problems:
        raise DataError(problems)
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
) -> int:
    root = Path(root)
    path = Path(path)
    rel = path.as_posix()
    with project_lock(root, "add"):
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
        if not published or not temporal_ok(published):
            raise DataError(
                [
                    Problem(
                        rel,
                        None,
                        "",
                        "published-required" if not published else "bad-published",
                        "the publication date is missing or not a date (YYYY, YYYY-MM or YYYY-MM-DD).",
                        "give it: --published 2024-06-19",
                    )
                ]
            )
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
                            "nothing to add; to change that article's header, edit its front matter.",
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

        src = Source(aid, text, published, f"corpus/{aid}.md", skip, caps)
        results, drafts, report, new_texts = _drafts_merged(root, [src])
        atomic_write(root / "corpus" / f"{aid}.md", article_text)
        written = [f"corpus/{aid}.md"] + _write_data(root, new_texts)
    print(summary(aid, fixed, derived_title, drafts, report, written, results[0]))
    return 0


def _drafts_merged(root: Path, sources: list[Source]) -> tuple[list[dict], dict, Report, dict[str, str]]:
    """Extract the sources (cached by content) and merge the drafts into data/'s texts, in memory."""
    registry = load_registry(root)
    fp = registry_fingerprint(registry)
    results = [extract_cached(src, registry, root / ".cache" / "extract", fp) for src in sources]
    drafts = assemble(results, registry)
    drafts["actors"] = [a for a in drafts["actors"] if a.get("review") == "draft"]
    report = Report()
    countries = {aid: a.get("country") for aid, a in registry.actors.items() if a.get("country")}
    years = {s.id: s.published[:4] for s in sources}
    new_texts: dict[str, str] = {}
    for kind in DATA_KINDS:
        texts: dict[str, str | None] = {
            dataset.rel(root, path): path.read_text(encoding="utf-8") for path in dataset.kind_paths(root, kind)
        }
        place = draft_file(root, kind, years)
        if not texts and place is None:
            texts[f"data/{kind}.yaml"] = None
        new_texts |= merge_texts(
            kind, texts, drafts[kind], report, lambda rel, k=kind: dataset.schema_header(k, rel), countries, place
        )
    return results, drafts, report, new_texts


def draft_file(root: Path, kind: str, years: dict[str, str]):
    """Where a new draft of a kind goes: None for the kind's one file (data/<kind>.yaml), or, when the
    kind is split into data/<kind>/, a function naming the file of its article's publication year."""
    if not (dataset.data_dir(root) / kind).is_dir():
        return None

    def place(record: dict) -> str:
        article = record.get("article") or next(
            (s.get("article") for s in record.get("sources") or [] if isinstance(s, dict)), None
        )
        return f"data/{kind}/{years.get(article, 'sans-date')}.yaml"

    return place


def _write_data(root: Path, new_texts: dict[str, str]) -> list[str]:
    written = []
    for rel, text in new_texts.items():
        if atomic_write(root / rel, text):
            written.append(rel)
    return written


def redraft(root: Path, paths: list[Path]) -> int:
    """Extract articles already in corpus/ again and merge their drafts into data/.

    For when the registry or the extraction has improved. The merge rules are add's
    (build_scripts/extraction/merge.py): reviewed records, hand-edited drafts and comments are never
    changed; a draft nobody touched is refreshed; running it twice changes nothing.
    """
    root = Path(root)
    with project_lock(root, "redraft"):
        ds = dataset.load(root)
        sources, problems = [], []
        for path in paths:
            rel = dataset.rel(root, Path(path))
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
        written = _write_data(root, new_texts)
    ids = ", ".join(s.id for s in sources)
    text = summary(
        ids,
        [],
        False,
        drafts,
        report,
        written or ["nothing (data/ already holds these drafts)"],
        {"dates": [d for r in results for d in r["dates"]]},
    )
    print(text.replace("add: ", "redraft: ", 1))
    return 0


def summary(
    aid: str, fixed: list[str], derived_title: bool, drafts: dict, report: Report, written: list[str], result: dict
) -> str:
    lines = [f"add: {aid}"]
    if fixed:
        lines.append("  normalised: " + "; ".join(fixed))
    lines.append("  written: " + ", ".join(written))
    for kind in DATA_KINDS:
        added = len(report.added.get(kind, []))
        updated = len(report.updated.get(kind, []))
        kept = len(report.kept_edited.get(kind, []))
        skipped = len(report.skipped.get(kind, []))
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
        for rid in ids:
            todo.append(f"{kind} {rid}: a draft edited by hand was kept as it is")
    lines.append(f"  needs a human ({len(todo)}):" if todo else "  needs a human: nothing flagged")
    lines += [f"  - {t}" for t in todo]
    lines.append(
        "  every drafted record has 'review: draft': remove that line once checked (python -m build_scripts check)."
    )
    return "\n".join(lines)
