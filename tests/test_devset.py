"""``eval --gold DIR``: the development set's figures, equal to its own score.py's.

The development set lives outside the project (../shared/devset, never copied in); the tests that
read it skip when it is absent, as on GitHub's runners. tests/fixtures/devset/ holds a made-up
article in the same format (text written for the tests) with hand-made drafts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.dataset import yamlio
from build_scripts.extraction.extract import KINDS, load_registry
from build_scripts.quality import devset

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "devset"


def shared_devset() -> Path | None:
    """../shared/devset from the project root (../../shared/devset from a worktree under wt/), or $DEVSET."""
    for cand in (os.environ.get("DEVSET"), ROOT.parent / "shared" / "devset", ROOT.parent.parent / "shared" / "devset"):
        if cand and (Path(cand) / "score.py").is_file():
            return Path(cand)
    return None


DEVSET = shared_devset()
needs_devset = pytest.mark.skipif(
    DEVSET is None, reason="../shared/devset is absent (as on GitHub's runners): its articles are never in the project"
)


def fixture_drafts() -> dict[str, dict[str, list[dict]]]:
    out = {}
    for kind in KINDS:
        tree, _text, problems = yamlio.load_file(FIX / "drafts" / "s1-01" / f"{kind}.yaml", kind)
        assert not problems
        out[kind] = yamlio.plain(tree)
    return {"s1/01.txt": out}


def row_text(name: str, r: dict[str, int]) -> str:
    """A per-article line as score.py prints it."""
    parts = [f"{k} {r[k]}/{r[k + '_gold']} (pred {r[k + '_pred']})" for k in ("dates", "quotes", "actors", "meetings")]
    return f"{name:11} {'  '.join(parts)}"


def score_py(*args: str, cwd: Path = ROOT) -> tuple[list[str], dict[str, float]]:
    """Run the set's score.py; its per-article lines and its last line's figures."""
    assert DEVSET is not None
    r = subprocess.run(
        [sys.executable, str(DEVSET / "score.py"), "--py", sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = r.stdout.strip().splitlines()
    assert lines, r.stderr
    figures = {k: float(v) for k, v in re.findall(r"(\w+) (\d\.\d\d)", lines[-1])}
    assert set(figures) == set(devset.GOALS), lines[-1]
    return [ln for ln in lines if re.match(r"\S+\.txt ", ln)], figures


def test_scores_the_made_up_article():
    ds = devset.load_devset(FIX / "s1")
    assert [a.name for a in ds.articles] == ["s1/01.txt"]
    rep = devset.score(ds, fixture_drafts(), load_registry(ROOT).actors)
    c = rep.counts
    assert (c["dv_tp"], c["d_tp"], c["d_pred"], c["d_gold"]) == (1, 2, 3, 3)
    assert (c["q_tp"], c["q_pred"], c["q_gold"]) == (1, 2, 2)  # the term is left out
    assert (c["s_ok"], c["s_n"]) == (1, 1)
    assert (c["a_tp"], c["a_pred"], c["a_gold"]) == (5, 6, 7)  # the photographer is no actor
    assert (c["m_tp"], c["m_pred"], c["m_gold"]) == (1, 2, 2)  # a letter is no meeting
    assert round(rep.figures()["actor_f1"], 3) == round(2 * 5 / 6 * 5 / 7 / (5 / 6 + 5 / 7), 3)


def test_every_error_is_one_line_under_its_metric():
    ds = devset.load_devset(FIX / "s1")
    rep = devset.score(ds, fixture_drafts(), load_registry(ROOT).actors)
    text = devset.error_lines(rep)
    assert "  s1/01.txt:140 'lundi' 2024-03-04 → 'lundi' 2024-02-26" in text
    assert "  s1/01.txt:69 — → 'mars' 2024-03" in text
    assert "  s1/01.txt:422 'en avril' 2024-04 → —" in text
    assert "  s1/01.txt:446 «Rien n'est encore arrêté sur le calendrier» → —" in text
    assert "  s1/01.txt:446 — → «Rien n'est encore arrêté»" in text
    assert "  s1/01.txt:549 — → ?marc-dupuis" in text  # the photographer of the credit
    assert "  s1/01.txt:387 TASS → —" in text
    assert "  s1/01.txt:18 [Ivan Petrov, Ri Chol-man] 2024-04 planned → —" in text
    # the lines sit under their metric's heading
    sections = re.split(r"\n(?=\S)", text.strip())
    heads = [s.splitlines()[0].split(":")[0] for s in sections]
    assert heads == ["dates (value)", "quotes", "speakers", "actors", "meetings"]
    assert sections[2].splitlines()[0].startswith("speakers: 0 errors")


def test_unknown_folder_and_article_are_clear_errors(tmp_path):
    with pytest.raises(devset.DataError) as exc:
        devset.load_devset(tmp_path)
    assert "[no-gold]" in str(exc.value)
    with pytest.raises(devset.DataError) as exc:
        devset.load_devset(FIX / "s1", only=["s1/99.txt"])
    assert "[unknown-article] --only names s1/99.txt" in str(exc.value)


@needs_devset
def test_same_figures_as_score_py_on_the_made_up_article(tmp_path):
    out = tmp_path / "drafts"
    shutil.copytree(FIX / "drafts", out)
    rows, figures = score_py("--reuse", "--out", str(out), "--sets", str(FIX / "s1"))
    ds = devset.load_devset(FIX / "s1")
    rep = devset.score(ds, fixture_drafts(), load_registry(ROOT).actors)
    assert rows == [row_text(n, r) for n, r in rep.rows]
    assert figures == {k: round(v, 2) for k, v in rep.figures().items()}


@needs_devset
@pytest.mark.slow
def test_same_figures_as_score_py_on_two_real_articles(tmp_path, nlp):
    """Fresh drafts of two articles of ../shared/devset, written as extract writes them; score.py reads them back."""
    assert DEVSET is not None
    only = ["d1/08.txt", "d2/05.txt"]
    ds = devset.load_devset(DEVSET, only)
    drafts = devset.draft(ROOT, ds.articles, cache=False, nlp=nlp)
    devset.write_drafts(drafts, ds.articles, tmp_path)
    rep = devset.score(ds, drafts, load_registry(ROOT).actors)
    c = rep.counts
    assert c["q_gold"] > 0 and c["s_n"] > 0 and c["a_gold"] > 0 and c["m_gold"] > 0 and c["d_gold"] > 0
    rows, figures = score_py("--reuse", "--out", str(tmp_path), "--only", *only)
    assert rows == [row_text(n, r) for n, r in rep.rows]
    assert figures == {k: round(v, 2) for k, v in rep.figures().items()}
