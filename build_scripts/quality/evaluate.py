"""``eval``: extract every corpus article afresh and score the drafts against reviewed data.

    python -m build_scripts eval

Gold:
- dates: tests/fixtures/gold/dates.yaml (written by hand from the texts); a
  found mention matches a gold one of the same article when their spans
  overlap ("dates (text)"), and also has its value ("dates (value)");
- quotes: reviewed records of data/quotes.yaml, matched on (article, text)
  with spaces normalised; "speakers" is the accuracy of the speaker on the
  matched quotes (null = null counts as right);
- actors: per article, the reviewed actors whose sources cite it, against the
  registry actors found plus the actors proposed for it;
- meetings: per article, reviewed events of kind summit, meeting or visit
  citing it, against drafted ones; a pair matches when the kind is the same,
  the dates overlap (or one is unknown) and the actors overlap (or one side
  has none).

The extraction runs without the cache and writes its files into a temporary
directory, as ``extract`` would.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from build_scripts import dataset
from build_scripts.dataset import yamlio
from build_scripts.dataset.problems import DataError, Problem
from build_scripts.dataset.textfiles import atomic_write
from build_scripts.extraction.extract import (
    HEADER,
    KINDS,
    assemble,
    extract_cached,
    load_registry,
    registry_fingerprint,
    render,
    source_of,
)
from build_scripts.extraction.nlp.events import _dates_compatible

MEETINGS = {"summit", "meeting", "visit"}
GOLD_DATES = Path("tests/fixtures/gold/dates.yaml")


@dataclass
class Score:
    name: str
    gold: int
    found: int
    matched: int  # true positives (for accuracy rows: right answers)
    accuracy: bool = False

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _norm(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def score_dates(found: list[dict], gold: list[dict]) -> tuple[Score, Score]:
    used: set[int] = set()
    text_ok = value_ok = 0
    for f in found:
        for i, g in enumerate(gold):
            if i in used or g["article"] != f["article"]:
                continue
            if f["start"] < g["end"] and g["start"] < f["end"]:
                used.add(i)
                text_ok += 1
                value_ok += str(f.get("value")) == str(g.get("value"))
                break
    return (
        Score("dates (text)", len(gold), len(found), text_ok),
        Score("dates (value)", len(gold), len(found), value_ok),
    )


def score_quotes(found: list[dict], gold: list[dict]) -> tuple[Score, Score]:
    pool: dict[tuple[str, str], list[dict]] = {}
    for g in gold:
        pool.setdefault((g["article"], _norm(g["text"])), []).append(g)
    matched = right = 0
    for f in found:
        key = (f["article"], _norm(f["text"]))
        if pool.get(key):
            g = pool[key].pop(0)
            matched += 1
            right += (f.get("speaker") or None) == (g.get("speaker") or None)
    return (
        Score("quotes (text)", len(gold), len(found), matched),
        Score("speakers (accuracy)", matched, matched, right, accuracy=True),
    )


def score_sets(name: str, found: dict[str, set], gold: dict[str, set]) -> Score:
    g = sum(len(v) for v in gold.values())
    f = sum(len(v) for v in found.values())
    m = sum(len(found.get(a, set()) & gold.get(a, set())) for a in set(found) | set(gold))
    return Score(name, g, f, m)


def _event_match(f: dict, g: dict) -> bool:
    if f["kind"] != g["kind"]:
        return False
    fd, gd = f.get("date"), g.get("date")
    if fd is not None and gd is not None and not _dates_compatible(str(fd), str(gd)):
        return False
    fa, ga = set(f.get("actors") or []), set(g.get("actors") or [])
    return not fa or not ga or bool(fa & ga)


def score_meetings(found: list[dict], gold: list[dict], articles: list[str]) -> Score:
    g_total = f_total = matched = 0
    for art in articles:
        gs = [
            g
            for g in gold
            if g.get("kind") in MEETINGS and any(s.get("article") == art for s in g.get("sources") or [])
        ]
        fs = [
            f
            for f in found
            if f.get("kind") in MEETINGS and any(s.get("article") == art for s in f.get("sources") or [])
        ]
        g_total += len(gs)
        f_total += len(fs)
        free = list(gs)
        for f in fs:
            hit = next((g for g in free if _event_match(f, g)), None)
            if hit is not None:
                free.remove(hit)
                matched += 1
    return Score("meetings", g_total, f_total, matched)


def load_gold_dates(root: Path) -> list[dict]:
    path = Path(root) / GOLD_DATES
    if not path.exists():
        return []
    tree, _text, problems = yamlio.load_file(path, GOLD_DATES.as_posix())
    if problems:
        raise DataError(problems)
    return [yamlio.plain(r) for r in tree or []]


def run(root: Path, nlp=None) -> list[Score]:
    root = Path(root)
    ds = dataset.load(root)
    errors = [p for p in ds.problems if p.severity == "error" and p.path.startswith("corpus/")]
    if errors:
        raise DataError(errors)
    if not ds.articles:
        raise DataError(
            [
                Problem(
                    "corpus",
                    None,
                    "",
                    "empty-corpus",
                    "there is no article to evaluate on.",
                    "add articles with: python -m build_scripts add FILE --published YYYY-MM-DD",
                )
            ]
        )
    registry = load_registry(root)
    fp = registry_fingerprint(registry)
    sources = [source_of(ds.articles[aid]) for aid in sorted(ds.articles)]
    results = [extract_cached(s, registry, None, fp, nlp) for s in sources]
    out = assemble(results, registry)
    with tempfile.TemporaryDirectory(prefix="eval-") as tmp:
        header = HEADER.format(args="corpus/*.md", out=tmp)
        for kind in KINDS:
            atomic_write(Path(tmp) / f"{kind}.yaml", render(kind, out[kind], header))
    articles = sorted(ds.articles)
    scores = list(score_dates(out["dates"], load_gold_dates(root)))
    scores += list(score_quotes(out["quotes"], ds.published("quotes")))
    found_actors = {r["id"]: set(r["used"]) | set(r["proposed"]) for r in results}
    gold_actors: dict[str, set] = {}
    for a in ds.published("actors"):
        for s in a.get("sources") or []:
            gold_actors.setdefault(s.get("article"), set()).add(a["id"])
    scores.append(score_sets("actors", found_actors, gold_actors))
    scores.append(score_meetings(out["events"], ds.published("events"), articles))
    return scores


def table(scores: list[Score]) -> str:
    rows = [f"{'metric':<20} {'gold':>5} {'found':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    rows.append("-" * len(rows[0]))
    for s in scores:
        if s.accuracy:
            acc = s.matched / s.gold if s.gold else 0.0
            rows.append(f"{s.name:<20} {s.gold:>5} {'':>6} {s.matched:>6} {'':>6} {'':>6} {'':>6}  accuracy {acc:.3f}")
        else:
            rows.append(
                f"{s.name:<20} {s.gold:>5} {s.found:>6} {s.matched:>6} {s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
            )
    return "\n".join(rows)


def main(root: Path) -> int:
    scores = run(root)
    print(f"eval: fresh extraction of the corpus scored against the reviewed data ({GOLD_DATES.as_posix()} for dates)")
    print(table(scores))
    return 0
