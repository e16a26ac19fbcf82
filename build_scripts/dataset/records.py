"""The whole dataset in memory: corpus articles and the records of data/*.yaml.

``load(root)`` never raises on bad data: it returns what it could read plus the
problems met while reading. ``check`` adds the semantic problems on top.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.dataset import corpus, yamlio
from build_scripts.dataset.problems import Problem

# Order matters: records refer to the kinds before them. "context" holds the facts from outside the
# corpus (data/context.yaml), each sourced to a public page instead of a corpus article.
KINDS = ("actors", "places", "events", "context", "quotes")
SCHEMA_HEADER = "# yaml-language-server: $schema=schema/{kind}.schema.json\n"


@dataclass
class DataFile:
    kind: str
    rel: str
    tree: Any = None  # ruamel round-trip tree (None when unreadable)
    records: list[dict] = field(default_factory=list)  # plain, normalised copies

    def line(self, index: int, *path: Any) -> int | None:
        if self.tree is None:
            return None
        return yamlio.line_of(self.tree, (index, *path))


@dataclass
class Dataset:
    root: Path
    articles: dict[str, corpus.Article] = field(default_factory=dict)
    files: dict[str, DataFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # ids (file names) of corpus files that exist but could not be read: their problem is reported
    # once, and references to them are not reported again as unknown
    unread_articles: set[str] = field(default_factory=set)

    def records(self, kind: str) -> list[dict]:
        f = self.files.get(kind)
        return f.records if f else []

    def published(self, kind: str) -> list[dict]:
        """Records that may reach the site: reviewed (drafts wait for an editor)."""
        return [r for r in self.records(kind) if isinstance(r, dict) and r.get("review", "reviewed") != "draft"]

    def by_id(self, kind: str, *, published: bool = True) -> dict[str, dict]:
        recs = self.published(kind) if published else self.records(kind)
        return {r["id"]: r for r in recs if isinstance(r, dict) and isinstance(r.get("id"), str)}

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def data_dir(root: Path) -> Path:
    return Path(root) / "data"


def corpus_dir(root: Path) -> Path:
    return Path(root) / "corpus"


def rel(root: Path, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def load_corpus(root: Path, ds: Dataset) -> None:
    seen: dict[str, str] = {}
    for path in corpus.corpus_files(corpus_dir(root)):
        r = rel(root, path)
        if path.suffix != ".md":
            ds.problems.append(
                Problem(
                    r,
                    None,
                    "",
                    "not-an-article",
                    f"'{path.name}' is not a corpus article (corpus/ holds only .md files with front matter).",
                    "remove it, or add the article with: python -m build_scripts add FILE --published YYYY-MM-DD",
                )
            )
            continue
        art, problems = corpus.load_article(path, r)
        ds.problems.extend(problems)
        if art is None:
            ds.unread_articles.add(path.stem)
            continue
        if art.id in seen:
            ds.problems.append(
                Problem(
                    r,
                    art.meta_line("id"),
                    "id",
                    "duplicate-id",
                    f"article id '{art.id}' is already used by {seen[art.id]}.",
                    "give each article its own id (the file name without .md).",
                )
            )
            continue
        seen[art.id] = r
        ds.articles[art.id] = art


def load_data(root: Path, ds: Dataset) -> None:
    for kind in KINDS:
        path = data_dir(root) / f"{kind}.yaml"
        r = rel(root, path)
        f = DataFile(kind, r)
        ds.files[kind] = f
        if not path.exists():
            ds.problems.append(
                Problem(
                    r,
                    None,
                    "",
                    "missing-file",
                    f"data/{kind}.yaml does not exist.",
                    f"restore it from git (git checkout -- {r}) or create it with the line: []",
                )
            )
            continue
        tree, _text, problems = yamlio.load_file(path, r)
        ds.problems.extend(problems)
        if tree is None and problems:
            continue
        if not isinstance(tree, list):  # including a document that is just 'null', '~' or '!'
            ds.problems.append(
                Problem(
                    r,
                    1,
                    "",
                    "not-a-list",
                    f"data/{kind}.yaml must be a list of records, each starting with '- id: ...'.",
                    "start each record with '- ' at the beginning of the line.",
                )
            )
            continue
        f.tree = tree
        f.records = [
            yamlio.normalise_temporal(yamlio.plain(item)) if isinstance(item, dict) else yamlio.plain(item)
            for item in tree
        ]


def load(root: Path | str) -> Dataset:
    root = Path(root)
    ds = Dataset(root=root)
    load_corpus(root, ds)
    load_data(root, ds)
    return ds
