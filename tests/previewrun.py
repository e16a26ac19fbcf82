"""The preview's rebuilds (``mkdocs serve --dirty``, as ``make serve`` runs it), played in one
process without the server, for tests/test_incremental.py.

``python tests/previewrun.py ROOT SITE STEPS.json``: builds ROOT's site into SITE as the preview
does at start, then for each step: applies its edits to the files of ROOT (``[path, old, new]``:
``old`` replaced once by ``new``; ``old`` empty: the file's whole text becomes ``new``; ``new``
null: the file is deleted), rebuilds (quick), records what the pages say, and, unless the step
says ``"settle": false`` (the editor saves again before the background pass is in), waits for the
background pass and rebuilds once more when it asks to (settled). A step with ``"await_pass": true``
first waits until the background pass started before it has come back, whatever it brings (the
data it reads may be this step's, with errors). Prints one JSON line per
rebuild: {"step", "kind": "quick"|"settled", "changed": [docs written again], "shown": {url: page
contains the step's ``expect`` text}}.

``python tests/previewrun.py --full ROOT SITE``: the site as a plain ``mkdocs serve`` builds it at
each save (everything written, no dirty mode): what the preview must equal once settled.

A child process of its own each time: the hook's state and MkDocs's plugins live in the process.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
URL = "http://127.0.0.1:8000/"


def _build(site: Path, dirty: bool, first: bool = False) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(site))
    if first:
        config.plugins.on_startup(command="serve", dirty=dirty)
    build(config, serve_url=URL, dirty=dirty)


def _hook():
    return next(m for m in list(sys.modules.values()) if (getattr(m, "__file__", "") or "").endswith("data_pages.py"))


def _apply(root: Path, edits: list[list]) -> None:
    for rel, old, new in edits:
        path = root / rel
        if new is None:
            path.unlink()
            continue
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if old:
            if old not in text:
                raise SystemExit(f"{rel}: {old!r} not found")
            text = text.replace(old, new, 1)
        else:
            text = new
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # as an editor's tool saves
        # a new modification time, even within the file system's clock step
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def _shown(site: Path, expect: dict[str, str]) -> dict[str, bool]:
    out = {}
    for url, text in expect.items():
        page = site / url / "index.html" if not url.endswith(".html") else site / url
        out[url] = page.is_file() and text in page.read_text(encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    if argv[0] == "--full":
        root, site = Path(argv[1]), Path(argv[2])
        os.environ["RPDC_ROOT"] = str(root)
        _build(site, dirty=False, first=True)
        return 0
    root, site, steps = Path(argv[0]), Path(argv[1]), json.loads(Path(argv[2]).read_text(encoding="utf-8"))
    os.environ["RPDC_ROOT"] = str(root)
    _build(site, dirty=True, first=True)
    hook = _hook()
    preview = hook._state["preview"]
    changed: list[str] = []
    from build_scripts.site import preview as preview_module

    files_for = preview_module.files_for

    def recording(*args, **kwargs):  # what each rebuild hands MkDocs to write again
        p = files_for(*args, **kwargs)
        changed[:] = sorted(p.changed)
        return p

    preview_module.files_for = recording
    passes = {"started": 0, "arrived": 0}  # the background passes, whatever they bring back
    if preview is not None:
        after_build, arrived = preview.after_build, preview._arrived

        def starting() -> None:
            passes["started"] += preview.pending  # a quick rebuild's pass starts now
            after_build()

        def coming_back(*args) -> None:
            try:
                arrived(*args)
            finally:
                passes["arrived"] += 1

        preview.after_build, preview._arrived = starting, coming_back

    def rebuild(n: int, step: dict, kind: str) -> None:
        _build(site, dirty=True)
        shown = _shown(site, step.get("expect", {}))
        print(json.dumps({"step": n, "kind": kind, "changed": list(changed), "shown": shown}), flush=True)

    try:
        for n, step in enumerate(steps):
            _apply(root, step["edits"])
            rebuild(n, step, "quick")
            if step.get("await_pass"):
                deadline = time.monotonic() + 120
                while passes["arrived"] < passes["started"]:
                    if time.monotonic() > deadline:
                        raise SystemExit("the background pass did not come back within 120 s")
                    time.sleep(0.05)
            if step.get("settle", True) and hook._state["preview"] is preview and preview is not None:
                deadline = time.monotonic() + 120
                while not preview.idle.is_set() and preview.full is None:
                    if time.monotonic() > deadline:
                        raise SystemExit("the background pass did not end within 120 s")
                    time.sleep(0.05)
                if preview.full is not None:
                    rebuild(n, step, "settled")
    finally:
        if preview is not None:
            preview.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
