"""Where a command's ``--out`` may point: anywhere but the project's own sources.

In: the project root, the ``--out`` path and the command. Out: the path, or a DataError.

``export --out data`` would rewrite data/events.yaml without its drafts, ``pages --out docs``
would bury the hand-written pages, ``--out .`` would scatter files over the checkout: every
command that takes ``--out`` refuses the root and anything inside these folders (symlinks
followed). site/ and scratch directories are fine.
"""

from __future__ import annotations

from pathlib import Path

from build_scripts.dataset.problems import DataError, Problem

SOURCE_DIRS = (
    "data",
    "corpus",
    "docs",
    "build_scripts",
    "hooks",
    "overrides",
    "tests",
    "scripts",
    "tools",
    ".github",
    ".git",
)


def checked_out_dir(root: Path, out: Path, command: str) -> Path:
    """out itself, once it is known not to be the project root or inside one of its source folders."""
    root_abs = Path(root).resolve()
    out_abs = Path(out).resolve()
    hit = None
    if out_abs == root_abs:
        hit = "the project folder"
    for sub in SOURCE_DIRS:
        guarded = (root_abs / sub).resolve()
        if out_abs == guarded or guarded in out_abs.parents:
            hit = f"{sub}/"
    if hit is None:
        if out_abs.exists() and not out_abs.is_dir():
            raise DataError(
                [
                    Problem(
                        Path(out).as_posix(),
                        None,
                        "",
                        "out-not-a-folder",
                        f"--out names a file, not a folder: {command} writes several files into a folder.",
                        f"give a folder (it is created if missing), e.g. --out /tmp/{command}",
                    )
                ]
            )
        return Path(out)
    return _refuse(out, command, hit)


def _refuse(out: Path, command: str, hit: str) -> Path:
    what = {
        "extract": "writes draft files",
        "export": "writes the downloads (events.yaml, quotes.yaml...)",
        "charts": "writes chart files",
        "pages": "writes generated pages",
    }.get(command, "writes files")
    raise DataError(
        [
            Problem(
                Path(out).as_posix(),
                None,
                "",
                "out-in-project-source",
                f"--out points at {hit}: {command} {what} there and would overwrite the project's own files.",
                f"give a scratch directory, e.g. --out /tmp/{command}"
                + (" (use 'add' or 'redraft' to merge drafts into data/)." if command == "extract" else "."),
            )
        ]
    )
