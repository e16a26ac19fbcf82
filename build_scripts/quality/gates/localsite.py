"""Build the site for a local address: ``python -m build_scripts.quality.gates.localsite DEST PORT``.

Material's instant navigation only swaps pages in place when site_url is the address
the site is served from, so the browser tests build with site_url
http://127.0.0.1:PORT/ (through the MkDocs API: the CLI cannot override site_url).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from build_scripts.site import finish

PROJECT = Path(__file__).resolve().parents[3]


def build(dest: Path, port: int, root: Path | None = None) -> Path:
    """Build into dest (in a child process, as `mkdocs build --strict` would) and return dest;
    ``root``: the data root to build (corpus/ and data/; default: the project's)."""
    dest = Path(dest).resolve()
    started = time.perf_counter()
    env = dict(os.environ, RPDC_ROOT=str(Path(root).resolve())) if root else None
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts.quality.gates.localsite", str(dest), str(port)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env=env,
    )
    if result.returncode != 0 or not (dest / "index.html").is_file():
        raise RuntimeError(
            f"site build for http://127.0.0.1:{port}/ failed (exit {result.returncode}):\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
        )
    print(f"site built for http://127.0.0.1:{port}/ in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return dest


def _main(dest: str, port: str) -> int:
    # here: only the child process that builds the site imports MkDocs (site/build.py imports it)
    from build_scripts.site.build import run_mkdocs

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    run_mkdocs(Path(dest).resolve(), strict=True, site_url=f"http://127.0.0.1:{int(port)}/")
    finish.finish(dest)  # as python -m build_scripts build does after the engine
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:3]))
