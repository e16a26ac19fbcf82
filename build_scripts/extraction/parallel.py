"""Extracting many articles at once: the cores of one machine, or the workers of a Dask cluster.

In: the per-article function (``extract.extract_source``, the same everywhere), the articles,
the registry and each article's cache file. Out: one result per article, in the order given,
the same whichever way they were computed (``extract.assemble`` then sorts by article id).

- ``jobs=1``: one after the other, in this process (the spaCy model loaded here);
- ``jobs=N``: a pool of N processes of this machine, each loading the model once;
- ``scheduler="tcp://host:8786"``: Dask distributed (``dask[distributed]``); each worker loads
  the model once, on first use, and keeps it.

The cache stays per article and stays here: this process looks up each article's result in
``.cache/extract/`` (by a hash of its text, id, date, the registry and the extraction code)
before anything is sent out, and writes the results that come back. Re-running over 10,000
articles sends out only the ones that changed.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from build_scripts.dataset.textfiles import atomic_write
from build_scripts.extraction.nlp import model
from build_scripts.extraction.nlp.actors import Registry

Work = Callable[[Any, Registry, Any], dict]  # (article, registry, spaCy pipeline) -> result


def _in_worker(work: Work, src: Any, registry: Registry) -> dict:
    """One article, in a pool process or a Dask worker: the model is loaded once per process."""
    return work(src, registry, model.load())


def _load_model() -> None:
    model.load()


def run_many(
    work: Work,
    sources: list[Any],
    registry: Registry,
    paths: list[Path | None],
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    nlp: Any = None,
    stats: dict | None = None,
) -> list[dict]:
    """work(source) for each source, in order: read from its cache file when there, else computed and cached."""
    results: list[dict | None] = [None] * len(sources)
    todo: list[int] = []
    for i, path in enumerate(paths):
        cached = _read(path)
        if cached is None:
            todo.append(i)
        else:
            results[i] = cached
    if stats is not None:
        stats["hits"] = stats.get("hits", 0) + len(sources) - len(todo)
        stats["misses"] = stats.get("misses", 0) + len(todo)
    pending = [sources[i] for i in todo]
    for i, result in zip(todo, _compute(work, pending, registry, jobs, scheduler, nlp)):
        results[i] = result
        path = paths[i]
        if path is not None:
            atomic_write(path, json.dumps(result, ensure_ascii=False))
    return [r for r in results if r is not None]


def _read(path: Path | None) -> dict | None:
    if path is None or not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _compute(
    work: Work, sources: list[Any], registry: Registry, jobs: int, scheduler: str | None, nlp: Any
) -> Iterable[dict]:
    if not sources:
        return []
    if scheduler:
        return _on_dask(work, sources, registry, scheduler)
    if jobs > 1 and len(sources) > 1:
        return _on_pool(work, sources, registry, min(jobs, len(sources)))
    nlp = nlp or model.load()
    return (work(src, registry, nlp) for src in sources)


def _on_pool(work: Work, sources: list[Any], registry: Registry, jobs: int) -> Iterable[dict]:
    # spawn, not fork: each worker starts clean and loads the model itself (no half-copied threads)
    ctx = multiprocessing.get_context("spawn")
    chunk = max(1, min(16, len(sources) // (jobs * 8)))
    n = len(sources)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_load_model) as pool:
        yield from pool.map(_in_worker, [work] * n, sources, [registry] * n, chunksize=chunk)


def _on_dask(work: Work, sources: list[Any], registry: Registry, scheduler: str) -> Iterable[dict]:
    from distributed import Client  # here: importing it takes seconds, and only --scheduler needs it

    with Client(scheduler) as client:
        shared = client.scatter(registry, broadcast=True)
        futures = client.map(_in_worker, [work] * len(sources), sources, registry=shared, pure=False)
        yield from client.gather(futures)
