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


COMMANDS = ROOT / "tests" / "fixtures" / "commands"


def command_fixtures() -> list[Path]:
    """The files of tests/fixtures/commands/: a command run on the valid project and what it must print."""
    return sorted(p for p in COMMANDS.iterdir() if not p.name.startswith("."))


def command_fixture_codes() -> list[str]:
    """The codes those fixtures are named after (<code>--<variant>.<ext>)."""
    return [p.name.split(".")[0].split("--")[0] for p in command_fixtures()]
