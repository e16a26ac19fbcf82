"""The whole dataset in memory: corpus articles and the records of data/.

Each kind of record lives in ``data/<kind>.yaml``, or is split over several files
``data/<kind>/*.yaml`` (for instance ``data/events/2024.yaml``), or both: the files of a
kind are read in that order (the single file, then the folder's files by name) and
checked as one list, each record keeping its own file and line for the messages.

``load(root)`` never raises on bad data: it returns what it could read plus the
problems met while reading. ``check`` adds the semantic problems on top.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.dataset import corpus, yamlio
from build_scripts.dataset.problems import Problem

# Order matters: records refer to the kinds before them. "context" holds the facts from outside the
# corpus (data/context.yaml), each sourced to a public page instead of a corpus article.
KINDS = ("actors", "places", "events", "context", "quotes")
SCHEMA_HEADER = "# yaml-language-server: $schema=schema/{kind}.schema.json\n"
# The first line of a file of data/<kind>/ (its schema is one folder up).
SPLIT_SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/{kind}.schema.json\n"


@dataclass
class DataFile:
    """One YAML file of data/: a list of records of one kind."""

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
    # kind -> its files, in reading order (one for data/<kind>.yaml, more when split)
    files: dict[str, list[DataFile]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # ids (file names) of corpus files that exist but could not be read: their problem is reported
    # once, and references to them are not reported again as unknown
    unread_articles: set[str] = field(default_factory=set)
    # Lists and indexes computed from the files, kept while the files' lists stay the same objects
    # of the same length (see _cached): pages ask for them once per record, which must not cost a
    # pass over every record each time (quadratic at a thousand articles).
    _memo: dict[Any, tuple[Any, Any]] = field(default_factory=dict, repr=False, compare=False)

    def _stamp(self, kinds: tuple[str, ...]) -> tuple[Any, ...]:
        return tuple((id(f), id(f.records), len(f.records)) for kind in kinds for f in self.files.get(kind, [])) + (
            id(self.articles),
            len(self.articles),
        )

    def cached(self, key: Any, kinds: tuple[str, ...], make: Any) -> Any:
        """``make()``, computed once while the files of ``kinds`` (and the corpus) stay the same
        lists. For values derived from the records that the site asks for many times (indexes,
        the pages' layout); the value must not be changed by the caller."""
        return self._cached(key, kinds, make)

    def _cached(self, key: Any, kind: str | tuple[str, ...], make: Any) -> Any:
        stamp = self._stamp((kind,) if isinstance(kind, str) else kind)
        hit = self._memo.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = make()
        self._memo[key] = (stamp, value)
        return value

    def records(self, kind: str) -> list[dict]:
        """Every record of the kind, all its files together, in reading order."""
        return [r for f in self.files.get(kind, []) for r in f.records]

    def readable(self, kind: str) -> bool:
        """Whether every file of the kind could be read as a list (references into it can be checked)."""
        files = self.files.get(kind, [])
        return bool(files) and all(f.tree is not None for f in files)

    def published(self, kind: str) -> list[dict]:
        """Records that may reach the site: reviewed (drafts wait for an editor). A new list each
        call (the caller may change it); computed once while the files stay the same."""
        return list(self._cached(("published", kind), kind, lambda: self._published(kind)))

    def _published(self, kind: str) -> list[dict]:
        return [r for r in self.records(kind) if isinstance(r, dict) and r.get("review", "reviewed") != "draft"]

    def by_id(self, kind: str, *, published: bool = True) -> dict[str, dict]:
        """Records of the kind by id (a new dict each call; computed once while the files stay the same)."""
        return dict(self._cached(("by_id", kind, published), kind, lambda: self._by_id(kind, published)))

    def _by_id(self, kind: str, published: bool) -> dict[str, dict]:
        recs = self._published(kind) if published else self.records(kind)
        return {r["id"]: r for r in recs if isinstance(r, dict) and isinstance(r.get("id"), str)}

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def data_dir(root: Path) -> Path:
    return Path(root) / "data"


def corpus_dir(root: Path) -> Path:
    return Path(root) / "corpus"


def rel(root: Path, path: Path) -> str:
    """path relative to root, forward slashes; a symlink is named by its own path, not its target's."""
    path = Path(path)
    try:
        return (path.parent.resolve() / path.name).relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def rels(root: Path) -> Callable[[Path], str]:
    """``rel`` for many files: each folder is resolved once (a thousand articles, one folder)."""
    top = Path(root).resolve()
    folders: dict[str, str | None] = {}  # folder as given -> its path from root ("." for root), None if outside

    def rel_of(path: Path) -> str:
        folder, name = os.path.split(os.fspath(path))
        if folder not in folders:
            try:
                folders[folder] = Path(folder).resolve().relative_to(top).as_posix()
            except ValueError:
                folders[folder] = None
        base = folders[folder]
        if base is None or not name:
            return rel(root, Path(path))
        return name if base == "." else f"{base}/{name}"

    return rel_of


# How a corpus file and a data file are read: load_article(path, rel) and load_file(root, kind,
# path, problems) below, or a reader that reads again only what changed (build_scripts.dataset.reload).
ReadArticle = Callable[[Path, str], tuple[corpus.Article | None, list[Problem]]]
ReadFile = Callable[[Path, str, Path, list[Problem]], DataFile]


def load_corpus(root: Path, ds: Dataset, read: ReadArticle = corpus.load_article) -> None:
    seen: dict[str, str] = {}
    rel_of = rels(root)
    for path in corpus.corpus_files(corpus_dir(root)):
        r = rel_of(path)
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
        art, problems = read(path, r)
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


def kind_paths(root: Path, kind: str) -> list[Path]:
    """The files of a kind: data/<kind>.yaml if it exists, then data/<kind>/*.yaml by name."""
    base = data_dir(root)
    single = base / f"{kind}.yaml"
    out = [single] if single.exists() or single.is_symlink() else []
    folder = base / kind
    if folder.is_dir():
        out += sorted(p for p in folder.iterdir() if p.suffix == ".yaml" and not p.name.startswith("."))
    return out


def schema_header(kind: str, rel_path: str) -> str:
    """The first line of a data file, pointing the editor's YAML language server at its schema."""
    return (SPLIT_SCHEMA_HEADER if "/" in rel_path.removeprefix("data/") else SCHEMA_HEADER).format(kind=kind)


def stray_files(root: Path, kind: str) -> list[Path]:
    """Files of data/<kind>/ that are not read: not .yaml (a '2024.yml' would hold records nobody sees)."""
    folder = data_dir(root) / kind
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix != ".yaml" and not p.name.startswith("."))


def load_data(root: Path, ds: Dataset, read: ReadFile | None = None) -> None:
    read = read or load_file
    for kind in KINDS:
        ds.files[kind] = []
        paths = kind_paths(root, kind)
        for path in stray_files(root, kind):
            r = rel(root, path)
            ds.problems.append(
                Problem(
                    r,
                    None,
                    "",
                    "not-a-data-file",
                    f"{r} is not read: the files of data/{kind}/ must end in .yaml.",
                    f"rename it to {path.stem}.yaml if it holds {kind}, or move it out of data/{kind}/.",
                )
            )
        if not paths:
            r = f"data/{kind}.yaml"
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
        for path in paths:
            ds.files[kind].append(read(root, kind, path, ds.problems))


def load_file(root: Path, kind: str, path: Path, problems: list[Problem]) -> DataFile:
    """One data file of a kind; what prevents reading it goes into problems (its tree is then None)."""
    r = rel(root, path)
    tree, _text, found = yamlio.load_file(path, r)
    return data_file(kind, r, tree, found, problems)


def data_file(
    kind: str, r: str, tree: Any, found: list[Problem], problems: list[Problem], records: list[Any] | None = None
) -> DataFile:
    """The DataFile of a parsed file (tree and the problems found reading it, which go into problems);
    ``records``: the records of the tree's items when the caller has them already (record_of each)."""
    f = DataFile(kind, r)
    problems.extend(found)
    if tree is None and found:
        return f
    if not isinstance(tree, list):  # including a document that is just 'null', '~' or '!'
        problems.append(
            Problem(
                r,
                1,
                "",
                "not-a-list",
                f"{r} must be a list of records, each starting with '- id: ...'.",
                "start each record with '- ' at the beginning of the line.",
            )
        )
        return f
    f.tree = tree
    f.records = [record_of(item) for item in tree] if records is None else records
    return f


def record_of(item: Any) -> Any:
    """The plain, normalised copy of one item of a data file's list (a record, or what stands there)."""
    return yamlio.normalise_temporal(yamlio.plain(item)) if isinstance(item, dict) else yamlio.plain(item)


def load(
    root: Path | str, *, read_article: ReadArticle = corpus.load_article, read_file: ReadFile | None = None
) -> Dataset:
    """The dataset of root; ``read_article`` and ``read_file`` read one file each (see ReadArticle)."""
    root = Path(root)
    ds = Dataset(root=root)
    load_corpus(root, ds, read_article)
    load_data(root, ds, read_file)
    return ds
