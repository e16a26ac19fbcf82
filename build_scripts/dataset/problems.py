"""Problems found in the data: where, what, and how to fix it.

Every stage reports problems the same way, so that an editor reads one format:

    data/quotes.yaml:42: kim-racines.speker: [unknown-key] unknown key 'speker'. Fix: did you mean 'speaker'?
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_scripts.dataset import characters


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int | None  # 1-based; None when the problem is about the whole file
    where: str  # record id and field path, e.g. "kim-racines.speaker"
    code: str  # stable, kebab-case; tests and editors can rely on it
    message: str
    fix: str | None = None
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        loc = f"{self.path}:{self.line}" if self.line else self.path
        text = (
            f"{loc}: {self.where}: [{self.code}] {self.message}"
            if self.where
            else f"{loc}: [{self.code}] {self.message}"
        )
        if self.fix:
            text += f" Fix: {self.fix}"
        # one problem, one line: a value quoted in the message cannot break the report (or fake a line),
        # and an ESC or a right-to-left override read from a file never reaches the terminal raw
        return characters.printable(text)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.where, self.code, self.message)


class DataError(Exception):
    """Raised by a stage that cannot go on because the data has problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(format_problems(self.problems))

    def __reduce__(self):
        # rebuilt from its problems, not its message: it crosses process boundaries (the preview's
        # background pass, site/preview.py), and an exception that cannot be unpickled there breaks
        # the whole process pool
        return (DataError, (self.problems,))


def format_problems(problems: list[Problem]) -> str:
    lines = [str(p) for p in sorted(problems, key=Problem.sort_key)]
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    summary = f"{errors} error{'s' if errors != 1 else ''}"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    return "\n".join(lines + [summary])
