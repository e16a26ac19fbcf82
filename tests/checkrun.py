"""``python -m build_scripts check`` run as an editor runs it (a child process), for the tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_check(root: Path) -> tuple[int, list[str]]:
    """(exit status, every line printed) of `check` on the project at root."""
    proc = subprocess.run(
        [sys.executable, "-m", "build_scripts", "--root", str(root), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return proc.returncode, proc.stdout.splitlines() + proc.stderr.splitlines()


def problem_lines(root: Path) -> list[str]:
    """The problem lines of `check` on root (its summary lines left out)."""
    return [line for line in run_check(root)[1] if "[" in line and "]" in line]
