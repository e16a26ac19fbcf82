"""``python -m build_scripts build``: check the data, then ``mkdocs build --strict`` into site/.

``main(root)`` builds the data of ``root`` (corpus/ and data/) with this checkout's
mkdocs.yml; the hook reads the data root from $RPDC_ROOT.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from build_scripts import check

PROJECT = Path(__file__).resolve().parent.parent


def main(root: Path, strict: bool = True, site_dir: Path | None = None) -> int:
    root = Path(root).resolve()
    started = time.perf_counter()
    check.load_valid(root)  # raises DataError with every problem
    site_dir = Path(site_dir) if site_dir else root / "site"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, RPDC_ROOT=str(root), NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(cmd, env=env, cwd=PROJECT)
    if result.returncode != 0:
        print(f"mkdocs build failed (exit {result.returncode}).", file=sys.stderr)
        return result.returncode
    n = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"site built into {site_dir}: {n} pages in {time.perf_counter() - started:.1f} s")
    return 0
