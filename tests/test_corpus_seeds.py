"""The corpus holds the seed articles verbatim: each body equals the seed file it names.

`check` already refuses a body whose sha256 differs from the one recorded in its front matter;
this test goes back to the text as received (../shared/seeds), so that a body and its recorded
hash edited together would still be caught. ../shared is absent on GitHub's runners: skipped there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.dataset import corpus

ROOT = Path(__file__).resolve().parent.parent
# ../shared/seeds from the project root, ../../shared/seeds from a worktree under wt/
SEEDS = next(
    (p for p in (ROOT.parent / "shared" / "seeds", ROOT.parent.parent / "shared" / "seeds") if p.is_dir()),
    ROOT.parent / "shared" / "seeds",
)


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is absent (it is not published with the project)")
def test_every_corpus_body_is_its_seed_verbatim():
    compared = 0
    for path in corpus.corpus_files(ROOT / "corpus"):
        art, problems = corpus.load_article(path, f"corpus/{path.name}")
        assert art is not None, problems
        seed = art.meta.get("seed")
        if not seed:  # an article added later by an editor, not one of the seeds
            continue
        received = (SEEDS / seed).read_text(encoding="utf-8")
        assert art.body.rstrip() == received.rstrip(), f"{path.name} differs from {seed}"
        compared += 1
    assert compared == 5
