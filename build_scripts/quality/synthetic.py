"""A synthetic corpus of N articles, to measure how the pipeline scales (``bench scale``).

In: a valid project (its corpus/ and data/). Out: a project folder with N articles:
the real ones (copy 0, byte for byte, so that the hand-written pages' links still resolve),
then copies 1, 2, ... of them under new ids, each with a copy of the records drawn from it.

A copy keeps the article's text verbatim and its records valid (same excerpts, same quotes),
and is moved back in time by a whole number of years (its publication date and every date of
its records), ``ARTICLES_PER_YEAR`` articles to a year, so that the per-year pages grow as a
newsroom's would. Each copy also brings one new person, who joins some of the copy's events and
is given some of its quotes, drawn with a long tail (a few people in many records, most in few),
so that actors accumulate as in real coverage. Copies are written in the split layout of a
growing project: ``data/events/<year>.yaml``, ``data/quotes/<year>.yaml`` and
``data/actors/<year>.yaml`` by publication year, beside the real files.

Deterministic: the same project and N give the same files.
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts import PROJECT
from build_scripts.dataset import check, corpus, records
from build_scripts.dataset.textfiles import atomic_write
from build_scripts.dataset.yamlio import dump
from build_scripts.extraction.merge import to_tree

# "A year of coverage is hundreds of articles"; also keeps a year's file of events under the
# 2 MB limit of a data file (about 8.5 KB of events per article).
ARTICLES_PER_YEAR = 200
# Share of a copy's events its new person joins, and of its quotes given to them.
JOIN_EVENT = 0.5
TAKE_QUOTE = 0.3
_POINT = re.compile(r"(\d{4})(-\d{2})?(-\d{2})?")


@dataclass
class Made:
    root: Path
    articles: int
    records: dict[str, int]


def article_paths(root: Path) -> list[Path]:
    """The articles of a project, by name."""
    return sorted(records.corpus_dir(root).glob("*.md"))


def shift(value: Any, years: int) -> Any:
    """A date (YYYY, YYYY-MM, YYYY-MM-DD or an interval) moved back by whole years (29 February kept valid)."""
    if value is None or years == 0:
        return value

    def point(m: re.Match) -> str:
        year = int(m[1]) - years
        out = f"{year:04d}{m[2] or ''}"
        if m[3]:
            day = int(m[3][1:])
            last = calendar.monthrange(year, int(m[2][1:]))[1]
            out += f"-{min(day, last):02d}"
        return out

    return _POINT.sub(point, str(value))


def offset(copy: int, n_articles: int) -> int:
    """Years a copy is moved back: copies spread evenly over N / ARTICLES_PER_YEAR years."""
    span = max(1, round(n_articles / ARTICLES_PER_YEAR))
    return copy % span


def make(source: Path, dest: Path, n_articles: int, seed: int = 15) -> Made:
    """Write a project of n_articles articles into dest (which must not exist) from the project at source."""
    ds = check.load_valid(source)
    base = sorted(ds.articles.values(), key=lambda a: a.id)
    if not base:
        raise ValueError("the source corpus is empty")
    dest = Path(dest)
    (dest / "corpus").mkdir(parents=True)
    for sub in ("schema",):
        shutil.copytree(records.data_dir(source) / sub, dest / "data" / sub)
    for kind in records.KINDS:  # copy 0: the real data, as it is
        for path in records.kind_paths(source, kind):
            target = dest / records.rel(source, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    rng = random.Random(seed)
    out: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))  # kind -> year -> records
    events = ds.records("events")
    quotes = ds.records("quotes")
    people: list[str] = []
    n = 0
    copy = 0
    while n < n_articles:
        here = base[: n_articles - n]
        for art in here:
            if copy == 0:
                shutil.copyfile(source / art.path, dest / "corpus" / f"{art.id}.md")
        if copy:
            _write_copy(dest, ds, here, copy, n_articles, rng, events, quotes, people, out)
        n += len(here)
        copy += 1
    for kind, by_year in out.items():
        for year, recs in by_year.items():
            header = records.schema_header(kind, f"data/{kind}/x.yaml") + (
                "# Synthetic data (python -m build_scripts bench scale): copies of the real records.\n"
            )
            atomic_write(dest / "data" / kind / f"{year}.yaml", dump(to_tree(recs), header))
    counts = {k: sum(len(v) for v in out[k].values()) for k in out}
    return Made(dest, n_articles, counts)


def _write_copy(dest, ds, arts, copy, n_articles, rng, events, quotes, people, out) -> None:
    years = offset(copy, n_articles)
    ids = {a.id: f"{a.id}-c{copy:05d}" for a in arts}
    for art in arts:
        meta = dict(art.meta)
        meta["id"] = ids[art.id]
        meta["title"] = f"{art.title} (copie {copy})"
        meta["published"] = shift(art.published, years)
        text = corpus.render_article(meta, art.body)
        atomic_write(dest / "corpus" / f"{ids[art.id]}.md", text)
    year = str(shift(arts[0].published, years))[:4]
    # the copy's new person, introduced by the first article of the copy
    first = arts[0]
    person = f"personne-synthetique-{copy:05d}"
    excerpt = first.body.strip().split("\n")[0][:80].rstrip()
    out["actors"][year].append(
        {
            "id": person,
            "name": f"Personne synthétique {copy}",
            "kind": "person",
            "role": "personnalité inventée pour le banc d'essai",
            "aliases": [f"Personne synthétique {copy}"],
            "sources": [{"article": ids[first.id], "excerpt": excerpt}],
        }
    )
    people.append(person)

    def someone() -> str:
        # a long tail: the earliest people come back most often
        return people[min(len(people) - 1, int(rng.paretovariate(1.2)) - 1)]

    kept: dict[str, str] = {}
    for e in events:
        sources = [dict(s, article=ids[s["article"]]) for s in e.get("sources") or [] if s.get("article") in ids]
        if not sources:
            continue
        kept[e["id"]] = f"{e['id']}-c{copy:05d}"
    for e in events:
        if e["id"] not in kept:
            continue
        rec = dict(e)
        rec["id"] = kept[e["id"]]
        rec["sources"] = [dict(s, article=ids[s["article"]]) for s in e["sources"] if s.get("article") in ids]
        if e.get("disputes"):
            rec["disputes"] = [dict(d, article=ids[d["article"]]) for d in e["disputes"] if d.get("article") in ids]
            if not rec["disputes"]:
                del rec["disputes"]
        rec["date"] = shift(e.get("date"), years)
        if years:
            rec.pop("date_source", None)  # a context record's date is not moved: the copy is dated on its own
        if e.get("part_of"):
            rec["part_of"] = kept.get(e["part_of"])  # null when the larger event is not in this copy
        if rng.random() < JOIN_EVENT:
            rec["actors"] = [*e.get("actors", []), someone()]
        out["events"][year].append(rec)
    for q in quotes:
        if q.get("article") not in ids:
            continue
        rec = dict(q)
        rec["id"] = f"{q['id']}-c{copy:05d}"
        rec["article"] = ids[q["article"]]
        rec["date"] = shift(q.get("date"), years)
        if q.get("event"):
            rec["event"] = kept.get(q["event"])
        if rng.random() < TAKE_QUOTE:
            rec["speaker"] = someone()
        out["quotes"][year].append(rec)


def main(argv: list[str] | None = None) -> int:
    """``python -m build_scripts.quality.synthetic DEST N``: a synthetic project of N articles in
    DEST, to build and measure as it is (``python -m build_scripts --root DEST build``, ``python -m
    build_scripts.quality.gates --root DEST``)."""
    ap = argparse.ArgumentParser(prog="python -m build_scripts.quality.synthetic", description=main.__doc__)
    ap.add_argument("dest", type=Path, help="an empty or absent folder")
    ap.add_argument("articles", type=int, help="number of articles (at least the project's)")
    args = ap.parse_args(argv)
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"{args.dest}: not empty; give an empty or absent folder.")
        return 2
    made = make(PROJECT, args.dest, args.articles)
    counts = ", ".join(f"{n} {kind}" for kind, n in made.records.items())
    print(f"{made.root}: {made.articles} articles ({counts})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
