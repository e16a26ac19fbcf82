"""The fuzzing campaign of build_scripts/quality/fuzz.py, a few hundred inputs of it (``make fuzz`` runs thousands).

Generated data files, corpus articles, odd files (a symlink to /dev/zero, a pipe, a folder)
and --out paths go through check and the site's generation; generated add inputs through
add, some of them stopped half-way by SIGTERM or SIGKILL. Each command runs in a forked child
with a time and memory limit. Every answer must be clear (a listed code, a fix), nothing may
hang or crash, and a command that fails must leave data/ and corpus/ as they were.
"""

from __future__ import annotations

import pytest
from examples import examples

from build_scripts import cli
from build_scripts.quality import fuzz


def test_generated_data_files_articles_and_paths_get_clear_answers():
    n = examples(200)  # 50 in make test-fast
    t = fuzz.campaign(cli.main, n, ("data", "article", "file", "out"), seed=16, build_every=0, quiet=True)
    assert sum(t.inputs.values()) == n
    assert t.refused_clearly > n // 4 and t.accepted > n // 20, t  # the inputs are broken and valid ones
    assert t.verdicts["clear"] > n // 4 and t.verdicts["ok"] > n // 20
    assert t.bad == 0, "\n".join(t.failures)
    assert 0 < t.max_rss_mb < 500


@pytest.mark.slow
def test_generated_add_inputs_and_interrupted_adds_get_clear_answers():
    n = examples(100)
    t = fuzz.campaign(cli.main, n, ("add", "interrupt"), seed=16, build_every=0, quiet=True)
    assert sum(t.inputs.values()) == n
    assert t.verdicts["clear"] > n // 10 and t.verdicts["ok"] > n // 10 and t.verdicts["interrupted"] > n // 20, t
    assert t.bad == 0, "\n".join(t.failures)
    assert 0 < t.max_rss_mb < 500
