"""``python -m build_scripts build``: check the data, ``mkdocs build --strict``, finish, into site/.

``main(root)`` builds the data of ``root`` (corpus/ and data/) with this checkout's
mkdocs.yml; the hook reads the data root from $RPDC_ROOT.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from build_scripts import PROJECT
from build_scripts.dataset import check
from build_scripts.site import finish


def main(root: Path, strict: bool = True, site_dir: Path | None = None) -> int:
    root = Path(root).resolve()
    started = time.perf_counter()
    check.load_valid(root)  # raises DataError with every problem
    site_dir = Path(site_dir) if site_dir else root / "site"
    # Built beside site/ and swapped in only when whole: a failed build leaves the last good site.
    fresh = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(fresh, ignore_errors=True)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(fresh)]
    if strict:
        cmd.append("--strict")
    env = dict(os.environ, RPDC_ROOT=str(root), NO_MKDOCS_2_WARNING="1")
    try:
        result = subprocess.run(cmd, env=env, cwd=PROJECT)
        if result.returncode != 0:
            print(f"mkdocs build failed (exit {result.returncode}); {site_dir} is left as it was.", file=sys.stderr)
            return result.returncode
        finish.finish(fresh)  # the site stage's last step, after the engine (site/finish.py)
        _swap(fresh, site_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    n = sum(1 for _ in site_dir.rglob("index.html"))
    print(f"site built into {site_dir}: {n} pages in {time.perf_counter() - started:.1f} s")
    return 0


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put the new build in site_dir's place (two renames; the old one is then removed)."""
    old = site_dir.with_name(f".{site_dir.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    fresh.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
