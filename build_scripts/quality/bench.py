"""``bench``: speed figures, printed (never asserted by tests).

    python -m build_scripts bench extract   # model load, articles per second, cost per article at 1x/2x/4x, cache hits
    python -m build_scripts bench build     # wall time of a full site build
    python -m build_scripts bench site      # gzip bytes each built page ships (build_scripts/quality/weight.py)
    python -m build_scripts bench           # all of them

Each part is a function registered in PARTS under the name given on the command line.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import tempfile
import time
from pathlib import Path

from build_scripts import dataset
from build_scripts.extraction.extract import (
    Source,
    assemble,
    extract_cached,
    load_registry,
    registry_fingerprint,
    source_of,
)
from build_scripts.extraction.nlp import model
from build_scripts.quality import weight
from build_scripts.site import build


def bench_extract(root: Path) -> int:
    t0 = time.perf_counter()
    import spacy  # noqa: F401 - inside the function on purpose: its import time is what is measured

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = model.load()
    t_load = time.perf_counter() - t0
    ds = dataset.load(root)
    registry = load_registry(root)
    fp = registry_fingerprint(registry)
    base = [source_of(ds.articles[aid]) for aid in sorted(ds.articles)]
    if not base:
        print("bench extract: the corpus is empty")
        return 1
    # Warm-up (first call of the pipeline allocates its buffers): not counted.
    extract_cached(Source("warm-up", base[0].body + "\nÉchauffement.", base[0].published, "x"), registry, None, fp, nlp)
    chars = sum(len(s.body) for s in base)
    print(f"bench extract: spaCy import {t_import:.2f} s, model {model.MODEL} load {t_load:.2f} s (once per process)")
    print(f"corpus: {len(base)} articles, {chars:,} characters")
    # cpu ms/art: the process's CPU time per article, which other programs on the machine do not inflate
    print(
        f"{'size':>5} {'articles':>8} {'cold s':>8} {'art/s':>7} {'ms/art':>7} {'cpu ms/art':>10} "
        f"{'cached s':>9} {'ms/art':>7}"
    )
    for factor in (1, 2, 4):
        sources = []
        for k in range(factor):
            for s in base:
                # a distinct copy: one more line, so a distinct content hash (no cache hit across copies)
                sources.append(
                    Source(
                        f"{s.id}-copie-{k}", s.body + f"\nCopie numéro {k}.", s.published, s.path, s.skip, s.captions
                    )
                )
        with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
            cache = Path(tmp)
            t0, c0 = time.perf_counter(), time.process_time()
            results = [extract_cached(s, registry, cache, fp, nlp) for s in sources]
            assemble(results, registry)
            cold, cpu = time.perf_counter() - t0, time.process_time() - c0
            stats: dict = {}
            t0 = time.perf_counter()
            results = [extract_cached(s, registry, cache, fp, nlp, stats) for s in sources]
            assemble(results, registry)
            warm = time.perf_counter() - t0
        n = len(sources)
        print(
            f"{factor:>4}x {n:>8} {cold:>8.2f} {n / cold:>7.1f} {1000 * cold / n:>7.1f} {1000 * cpu / n:>10.1f} {warm:>9.3f} "
            f"{1000 * warm / n:>7.2f}   ({stats.get('hits', 0)} cache hits)"
        )
    return 0


def bench_build(root: Path, runs: int = 3) -> int:
    """Wall time of a full build (check, generated pages, charts, mkdocs --strict) of root's data."""

    times = []
    with tempfile.TemporaryDirectory(prefix="rpdc-bench-") as tmp:
        for _i in range(runs):
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                rc = build.main(root, site_dir=Path(tmp) / "site")
            if rc:
                return rc
            times.append(time.perf_counter() - t0)
    print(
        f"bench build: {runs} full builds of the site, median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}); mkdocs runs in a subprocess, start-up included"
    )
    return 0


def bench_site(root: Path) -> int:
    """Bytes each built page ships (gzip): JavaScript, and everything it loads."""

    with tempfile.TemporaryDirectory(prefix="rpdc-bench-") as tmp:
        with contextlib.redirect_stdout(io.StringIO()):
            rc = build.main(root, site_dir=Path(tmp) / "site")
        if rc:
            return rc
        print("bench site: gzip bytes shipped per page")
        return weight.main(Path(tmp) / "site")


PARTS = {"extract": bench_extract, "build": bench_build, "site": bench_site}


def main(root: Path, what: str = "all") -> int:
    names = list(PARTS) if what == "all" else [what]
    rc = 0
    for name in names:
        rc = max(rc, PARTS[name](Path(root)))
    return rc
