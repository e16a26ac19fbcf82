"""``eval --gold DIR``: score fresh drafts against a development set's hand-made gold.

    python -m build_scripts eval --gold ../shared/devset            # every article of d1/ and d2/
    python -m build_scripts eval --gold ../shared/devset --only d2/05.txt
    python -m build_scripts eval --gold ../shared/devset --drafts /tmp/devset-out

In: DIR in the format of ``../shared/devset`` (read its README.md): one or more sets (DIR
itself, or its sub-folders) each holding ``gold.yaml`` (per article: ``published``, ``dates``,
``dates_optional``, ``durations``, ``quotes``, ``meetings``, ``actors``; the comment block at its
top is the annotation guide), ``aliases.yaml`` (canonical name -> variants) and
``articles/NN.txt``. The articles are read where they are, never copied into the project.

Out: the five figures (date value F1, quote F1, speaker accuracy, actor F1, meeting F1), each
with precision and recall, then every error as one line ``file:offset expected → drafted``,
grouped by metric. With ``--drafts OUT`` the drafts are also written as ``extract`` writes them,
one folder per article (``OUT/d1-05/``), the layout ``DIR/score.py --reuse --out OUT`` reads.

Each article is drafted alone, as ``extract ARTICLE --published DATE`` does, through the
extraction cache (.cache/extract/): a re-run after a change re-extracts only what changed.
The matching is the set's own ``score.py``, rule for rule, so the figures are equal
(tests/test_devset.py compares them when the set is present):

- dates: each gold expression takes a drafted one at its own place in the text, then the rest
  by text overlap >= 0.5; the value must be equal (a gold list = any of its values); a drafted
  date on a ``dates_optional`` or ``durations`` expression is no false positive;
- quotes (kind ``term`` left out): text overlap >= 0.8; speakers are compared, on the matched
  quotes, by canonical name (``aliases.yaml``, then the registry's and the drafts' names);
- actors: the canonical names of the drafted actors (unknown ones count as wrong) against gold;
- meetings: drafted events of a meeting-like kind, matched on two shared participants (one for
  a one-person visit) and the month when the gold gives a date.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.dataset import yamlio
from build_scripts.dataset.problems import DataError, Problem
from build_scripts.dataset.textfiles import atomic_write, read_text
from build_scripts.extraction.extract import (
    HEADER,
    KINDS,
    assemble,
    extract_cached,
    load_registry,
    registry_fingerprint,
    render,
    source_from_text,
)

GOALS = {"date_value_f1": 0.93, "quote_f1": 0.97, "speaker_acc": 0.90, "actor_f1": 0.90, "meeting_f1": 0.80}
METRICS = {
    "date_value_f1": "dates (value)",
    "quote_f1": "quotes",
    "speaker_acc": "speakers",
    "actor_f1": "actors",
    "meeting_f1": "meetings",
}
TERM_KIND = re.compile(r"term|short|scare|mot", re.I)
MEETING_KIND = re.compile(r"meet|summit|visit|rencontre|sommet|visite|talk|entretien", re.I)
NOTHING = "—"


# -- the set's own normalisation and matching (as in score.py) ---------------------------------


def norm(s: Any) -> str:
    s = unicodedata.normalize("NFC", str(s or "")).replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", s).strip().strip(' .,…«»"“”').lower()


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def overlap(a: Any, b: Any) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return min(len(a), len(b)) / max(len(a), len(b))
    return difflib.SequenceMatcher(None, a, b).ratio()


def iso_week(v: Any) -> Any:
    """'2023-W02' -> '2023-01-09/2023-01-15'."""
    m = re.fullmatch(r"(\d{4})-W(\d{2})", str(v or ""))
    if not m:
        return v
    monday = datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1)
    return f"{monday}/{monday + datetime.timedelta(days=6)}"


def same_date(pred: Any, gold: Any) -> bool:
    golds = gold if isinstance(gold, list) else [gold]
    golds = golds + [iso_week(g) for g in golds]
    return str(pred or "").replace("..", "/") in [str(g or "") for g in golds]


def gold_spans(text: str, items: list[dict]) -> list[tuple[int, int] | None]:
    """Offsets of each gold text in the article, taken in order."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for gi in items:
        t = str(gi.get("text") or "")
        i = text.find(t, pos) if t else -1
        if i < 0 and t:
            i = text.find(t)
        out.append((i, i + len(t)) if i >= 0 else None)
        if i >= 0:
            pos = i + len(t)
    return out


def match_dates(text: str, gd: list[dict], pd: list[dict]) -> dict[int, int]:
    """(gold index -> drafted index): at the gold's own place first, then by text overlap >= 0.5."""
    spans = gold_spans(text, gd)

    def at(j: int, sp: tuple[int, int] | None) -> bool:
        a, b = pd[j].get("start"), pd[j].get("end")
        return sp is not None and isinstance(a, int) and isinstance(b, int) and a < sp[1] and sp[0] < b

    used: set[int] = set()
    pairs: dict[int, int] = {}
    for placed_pass in (True, False):
        for i, gi in enumerate(gd):
            if i in pairs:
                continue
            cands = []
            for j, x in enumerate(pd):
                if j in used:
                    continue
                if placed_pass and not at(j, spans[i]):
                    continue
                if not placed_pass and any(at(j, sp) for sp in spans):
                    continue
                o = overlap(x.get("text"), gi["text"])
                if o >= 0.5:
                    cands.append((o, -j))
            if cands:
                j = -max(cands)[1]
                used.add(j)
                pairs[i] = j
    return pairs


def actor_canon(rec: dict, cmap: dict[str, str]) -> str | None:
    names = [rec.get("name"), rec.get("id"), *list(rec.get("aliases") or [])]
    for n in names:
        if norm(n) in cmap:
            return cmap[norm(n)]
    for n in names:  # loose: a known variant inside the name
        for k, c in cmap.items():
            if len(k) > 3 and k in norm(n):
                return c
    return None


# -- inputs -------------------------------------------------------------------------------------


@dataclass
class Article:
    name: str  # "d1/05.txt"
    path: Path
    text: str
    published: str
    gold: dict


@dataclass
class DevSet:
    articles: list[Article]
    cmap: dict[str, str]  # normalised variant -> canonical name
    variants: dict[str, list[str]]  # canonical name -> its spellings (to point at a missed actor)


def _load_yaml(path: Path) -> Any:
    tree, _text, problems = yamlio.load_file(path, path.as_posix())
    if problems:
        raise DataError(problems)
    return yamlio.plain(tree)


def _problem(where: str, code: str, message: str, fix: str) -> DataError:
    return DataError([Problem(where, None, "", code, message, fix)])


def set_folders(gold_dir: Path) -> list[Path]:
    """The sets of a development folder: the folder itself when it holds gold.yaml, else its sub-folders that do."""
    if (gold_dir / "gold.yaml").is_file():
        return [gold_dir]
    return sorted(d for d in gold_dir.iterdir() if (d / "gold.yaml").is_file()) if gold_dir.is_dir() else []


def load_devset(gold_dir: Path, only: list[str] | None = None) -> DevSet:
    gold_dir = Path(gold_dir)
    sets = set_folders(gold_dir)
    if not sets:
        raise _problem(
            gold_dir.as_posix(),
            "no-gold",
            "no gold.yaml there, nor in its sub-folders.",
            "give the development set's folder, e.g. --gold ../shared/devset (see its README.md).",
        )
    cmap: dict[str, str] = {}
    variants: dict[str, list[str]] = {}
    articles = []
    for d in sets:
        aliases = _load_yaml(d / "aliases.yaml") if (d / "aliases.yaml").exists() else {}
        for canon, names in (aliases or {}).items():
            for v in [canon, *list(names or [])]:
                cmap.setdefault(norm(v), canon)
                variants.setdefault(canon, []).append(str(v))
        for fname, g in (_load_yaml(d / "gold.yaml") or {}).items():
            name = f"{d.name}/{fname}"
            if only and name not in only:
                continue
            path = next((p for p in (d / "articles" / fname, d / fname) if p.exists()), None)
            if path is None:
                raise _problem(
                    (d / "gold.yaml").as_posix(),
                    "gold-article-missing",
                    f"the gold names {fname}, but neither articles/{fname} nor {fname} exists.",
                    "restore the article, or remove its entry from the gold.",
                )
            text, problems = read_text(path, path.as_posix())
            if problems or text is None:
                raise DataError(problems)
            pub = g.get("published")
            published = str(pub.get("value") if isinstance(pub, dict) else pub)
            articles.append(Article(name, path, text, published, g))
    if only:
        missing = sorted(set(only) - {a.name for a in articles})
        if missing:
            raise _problem(
                gold_dir.as_posix(),
                "unknown-article",
                f"--only names {', '.join(missing)}, which no gold.yaml lists.",
                "write the set and file as score.py does, e.g. --only d2/05.txt.",
            )
    return DevSet(articles, cmap, variants)


# -- drafting -----------------------------------------------------------------------------------


def draft(root: Path, articles: list[Article], *, cache: bool = True, nlp=None) -> dict[str, dict[str, list[dict]]]:
    """Each article drafted alone, as ``extract ARTICLE --published DATE --out DIR`` drafts it."""
    registry = load_registry(root)
    fp = registry_fingerprint(registry)
    cache_dir = Path(root) / ".cache" / "extract" if cache else None
    out = {}
    for art in articles:
        src = source_from_text(art.text, art.path.as_posix(), art.published, art.path.stem)
        out[art.name] = assemble([extract_cached(src, registry, cache_dir, fp, nlp)], registry)
    return out


def draft_folder(name: str) -> str:
    """score.py's folder for an article's drafts: 'd1/05.txt' -> 'd1-05'."""
    return name.rsplit(".", 1)[0].replace("/", "-")


def write_drafts(drafts: dict[str, dict[str, list[dict]]], articles: list[Article], out_dir: Path) -> None:
    for art in articles:
        folder = Path(out_dir) / draft_folder(art.name)
        header = HEADER.format(args=f"{art.path.as_posix()} --published {art.published}", out=folder.as_posix())
        for kind in KINDS:
            atomic_write(folder / f"{kind}.yaml", render(kind, drafts[art.name][kind], header))


# -- scoring ------------------------------------------------------------------------------------


@dataclass
class Report:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("d_tp d_pred d_gold dv_tp q_tp q_pred q_gold s_ok s_n a_tp a_pred a_gold m_tp m_pred m_gold".split()),
            0,
        )
    )
    rows: list[tuple[str, dict[str, int]]] = field(default_factory=list)  # per article, as score.py prints them
    errors: dict[str, list[tuple[str, int, str, str]]] = field(
        default_factory=lambda: {m: [] for m in METRICS.values()}
    )  # metric -> (file, offset, expected, drafted)

    def figures(self) -> dict[str, float]:
        c = self.counts
        return {
            "date_value_f1": prf(c["dv_tp"], c["d_pred"], c["d_gold"])[2],
            "quote_f1": prf(c["q_tp"], c["q_pred"], c["q_gold"])[2],
            "speaker_acc": c["s_ok"] / c["s_n"] if c["s_n"] else 0.0,
            "actor_f1": prf(c["a_tp"], c["a_pred"], c["a_gold"])[2],
            "meeting_f1": prf(c["m_tp"], c["m_pred"], c["m_gold"])[2],
        }


def _short(text: Any, n: int = 70) -> str:
    t = re.sub(r"\s+", " ", str(text or "")).strip()
    return t if len(t) <= n else t[: n - 1] + "…"


def _first(text: str, names: list[str]) -> int:
    """Earliest case-insensitive occurrence of any of the names, else -1."""
    low = text.casefold()
    hits = [low.find(n.casefold()) for n in names if n and len(n) > 1]
    hits = [h for h in hits if h >= 0]
    return min(hits) if hits else -1


def _speaker_label(sp: str | None, canon: str | None) -> str:
    if not sp:
        return "null"
    return f"{sp} ({canon})" if canon and norm(canon) != norm(sp) else sp


def score_article(
    art: Article, out: dict[str, list[dict]], registry_actors: dict[str, dict], ds: DevSet, rep: Report
) -> None:
    g, text, name, cmap = art.gold, art.text, art.name, ds.cmap
    T = rep.counts
    err = rep.errors
    actors: dict[Any, dict] = {**registry_actors}
    actors.update({x.get("id"): x for x in out["actors"] if isinstance(x, dict)})
    # dates
    pd = [x for x in out["dates"] if isinstance(x, dict)]
    gd = g.get("dates") or []
    pairs = match_dates(text, gd, pd)
    used = set(pairs.values())
    dvtp = sum(1 for i, j in pairs.items() if same_date(pd[j].get("value"), gd[i].get("value")))
    opt = [
        o if isinstance(o, str) else o.get("text") for o in (g.get("dates_optional") or []) + (g.get("durations") or [])
    ]
    free = {j for j, x in enumerate(pd) if j not in used and any(overlap(x.get("text"), o) >= 0.5 for o in opt)}
    T["d_tp"] += len(pairs)
    T["dv_tp"] += dvtp
    T["d_pred"] += len(pd) - len(free)
    T["d_gold"] += len(gd)
    spans = gold_spans(text, gd)
    for i, gi in enumerate(gd):
        sp = spans[i]
        at = sp[0] if sp else -1
        gv = gi.get("value")
        gv_s = " | ".join(map(str, gv)) if isinstance(gv, list) else str(gv)
        if i not in pairs:
            err["dates (value)"].append((name, at, f"'{gi.get('text')}' {gv_s}", NOTHING))
        elif not same_date(pd[pairs[i]].get("value"), gv):
            p = pd[pairs[i]]
            err["dates (value)"].append((name, at, f"'{gi.get('text')}' {gv_s}", f"'{p.get('text')}' {p.get('value')}"))
    for j, x in enumerate(pd):
        if j not in used and j not in free:
            err["dates (value)"].append((name, x.get("start", -1), NOTHING, f"'{x.get('text')}' {x.get('value')}"))
    # quotes (direct speech only on both sides)
    pq = [x for x in out["quotes"] if isinstance(x, dict)]
    pq = [x for x in pq if not TERM_KIND.search(str(x.get("kind") or x.get("type") or ""))]
    gq = g.get("quotes") or []
    qused: set[int] = set()
    qtp = 0
    for gi in gq:
        best, bj = 0.0, None
        for j, x in enumerate(pq):
            if j in qused:
                continue
            o = overlap(x.get("text"), gi["text"])
            if o > best:
                best, bj = o, j
        at = text.find(gi["text"])
        if best >= 0.8 and bj is not None:
            qused.add(bj)
            qtp += 1
            sp = pq[bj].get("speaker")
            pc = actor_canon(actors.get(sp, {"name": sp}), cmap) if sp else None
            T["s_n"] += 1
            if (pc or None) == (gi.get("speaker") or None) or (
                gi.get("speaker") and pc is None and sp and norm(sp) == norm(gi["speaker"])
            ):
                T["s_ok"] += 1
            else:
                err["speakers"].append(
                    (name, at, f"«{_short(gi['text'], 40)}» {gi.get('speaker') or 'null'}", _speaker_label(sp, pc))
                )
        else:
            err["quotes"].append((name, at, f"«{_short(gi['text'])}»", NOTHING))
    for j, x in enumerate(pq):
        if j not in qused:
            err["quotes"].append((name, text.find(str(x.get("text"))), NOTHING, f"«{_short(x.get('text'))}»"))
    T["q_tp"] += qtp
    T["q_pred"] += len(pq)
    T["q_gold"] += len(gq)
    # actors: those the extraction says the article mentions
    ga = set(g.get("actors") or [])
    drafted: dict[str, dict] = {}
    for x in out["actors"]:
        if isinstance(x, dict):
            drafted.setdefault(actor_canon(x, cmap) or ("?" + str(x.get("id"))), x)
    pa = set(drafted)
    atp = len(ga & pa)
    T["a_tp"] += atp
    T["a_pred"] += len(pa)
    T["a_gold"] += len(ga)
    for a in sorted(ga - pa):
        err["actors"].append((name, _first(text, [a, *ds.variants.get(a, [])]), a, NOTHING))
    for a in sorted(pa - ga):
        x = drafted[a]
        src = next((s.get("excerpt") for s in x.get("sources") or [] if s.get("article")), None)
        at = text.find(src) if src and x.get("review") == "draft" else -1
        if at < 0:
            at = _first(text, [x.get("name") or "", *list(x.get("aliases") or [])])
        label = a if a.startswith("?") else f"{a} ({x.get('id')})"
        err["actors"].append((name, at, NOTHING, label))
    # meetings: events of a meeting-like kind
    pe = [x for x in out["events"] if isinstance(x, dict) and MEETING_KIND.search(str(x.get("kind")))]
    gm = g.get("meetings") or []
    mused: set[int] = set()
    mtp = 0
    for gi in gm:
        gp = set(gi.get("participants") or [])
        hit = False
        for j, x in enumerate(pe):
            if j in mused:
                continue
            pp = {
                c
                for c in (
                    actor_canon(actors.get(i, {"name": i}), cmap)
                    for i in (x.get("actors") or x.get("participants") or [])
                )
                if c
            }
            dok = gi.get("date") is None or str(x.get("date") or "")[:7] == str(gi["date"])[:7]
            if dok and len(gp & pp) >= min(2, len(gp)):
                mused.add(j)
                mtp += 1
                hit = True
                break
        if not hit:
            names = [str(gi.get("date_hint") or "")] + [v for p in gp for v in [p, *ds.variants.get(p, [])]]
            label = f"[{', '.join(sorted(gp))}] {gi.get('date') or 'no date'} {gi.get('status') or ''}".rstrip()
            err["meetings"].append((name, _first(text, names), label, NOTHING))
    for j, x in enumerate(pe):
        if j not in mused:
            src = next((s.get("excerpt") for s in x.get("sources") or []), None)
            label = f"[{', '.join(x.get('actors') or [])}] {x.get('date') or 'no date'} {x.get('kind')}"
            err["meetings"].append((name, text.find(src) if src else -1, NOTHING, label))
    T["m_tp"] += mtp
    T["m_pred"] += len(pe)
    T["m_gold"] += len(gm)
    rep.rows.append(
        (
            name,
            {
                "dates": dvtp,
                "dates_gold": len(gd),
                "dates_pred": len(pd),
                "quotes": qtp,
                "quotes_gold": len(gq),
                "quotes_pred": len(pq),
                "actors": atp,
                "actors_gold": len(ga),
                "actors_pred": len(pa),
                "meetings": mtp,
                "meetings_gold": len(gm),
                "meetings_pred": len(pe),
            },
        )
    )


def score(ds: DevSet, drafts: dict[str, dict[str, list[dict]]], registry_actors: dict[str, dict]) -> Report:
    rep = Report()
    for art in ds.articles:
        score_article(art, drafts[art.name], registry_actors, ds, rep)
    return rep


def run(root: Path, gold_dir: Path, only: list[str] | None = None, drafts_dir: Path | None = None, nlp=None):
    ds = load_devset(gold_dir, only)
    drafts = draft(root, ds.articles, nlp=nlp)
    if drafts_dir is not None:
        write_drafts(drafts, ds.articles, drafts_dir)
    registry = load_registry(root)
    return ds, score(ds, drafts, registry.actors)


# -- printing -----------------------------------------------------------------------------------


def table(rep: Report) -> str:
    c = rep.counts
    rows = [f"{'metric':<16} {'gold':>5} {'found':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6}  goal"]
    rows.append("-" * len(rows[0]))
    figs = rep.figures()
    for key, (tp, npred, ngold) in {
        "date_value_f1": (c["dv_tp"], c["d_pred"], c["d_gold"]),
        "quote_f1": (c["q_tp"], c["q_pred"], c["q_gold"]),
        "actor_f1": (c["a_tp"], c["a_pred"], c["a_gold"]),
        "meeting_f1": (c["m_tp"], c["m_pred"], c["m_gold"]),
    }.items():
        p, r, f = prf(tp, npred, ngold)
        mark = "ok" if f >= GOALS[key] else "below"
        rows.append(
            f"{METRICS[key]:<16} {ngold:>5} {npred:>6} {tp:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f}  {GOALS[key]:.2f} {mark}"
        )
        if key == "quote_f1":
            acc = figs["speaker_acc"]
            mark = "ok" if acc >= GOALS["speaker_acc"] else "below"
            rows.append(
                f"{'speakers':<16} {c['s_n']:>5} {'':>6} {c['s_ok']:>6} {'':>6} {'':>6} {acc:>6.3f}  "
                f"{GOALS['speaker_acc']:.2f} {mark} (accuracy on matched quotes)"
            )
    p, r, f = prf(c["d_tp"], c["d_pred"], c["d_gold"])
    rows.append(
        f"{'(date detection)':<16} {c['d_gold']:>5} {c['d_pred']:>6} {c['d_tp']:>6} {p:>6.3f} {r:>6.3f} {f:>6.3f}"
    )
    return "\n".join(rows)


def error_lines(rep: Report) -> str:
    out = []
    for metric, errs in rep.errors.items():
        out.append(f"\n{metric}: {len(errs)} error{'s' if len(errs) != 1 else ''} (file:offset expected → drafted)")
        for f, at, exp, got in sorted(errs, key=lambda e: (e[0], e[1], e[2], e[3])):
            out.append(f"  {f}:{at if at >= 0 else '?'} {exp} → {got}")
    return "\n".join(out)


def main(root: Path, gold_dir: Path, only: list[str] | None = None, drafts_dir: Path | None = None) -> int:
    ds, rep = run(root, gold_dir, only, drafts_dir)
    n = len(ds.articles)
    print(f"eval: fresh drafts of {n} article{'s' if n != 1 else ''} of {gold_dir} scored against its gold")
    print(table(rep))
    print(error_lines(rep))
    print()
    print("  ".join(f"{k} {v:.2f}" for k, v in rep.figures().items()))
    return 0
