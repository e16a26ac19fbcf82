"""Commands other than ``check`` on bad input: one fixture file per case, exact messages, nothing changed.

Every file in tests/fixtures/commands/ is a test. Its header says what to run on a copy of
tests/fixtures/valid/ and what must be printed; the rest of the file is the input, written
to a scratch folder and named by ``{input}`` in the header:

    # command: add {input} --published 2099-01-01     arguments of python -m build_scripts
    # setup: write data/events.yaml [                  (optional) replace a project file first
    # setup: remove corpus                             (optional) remove a project file or folder
    # expect: {input}: [published-in-future] ...       a line the command must print
    # status: 1                                        (optional) the exit status, 1 by default

A command that fails must leave data/ and corpus/ exactly as they were. The file's name is
``<code>--<variant>.<ext>``, the code one of ``check.CODES``.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from checkrun import ROOT, command_fixtures

from build_scripts.dataset import check

VALID = ROOT / "tests" / "fixtures" / "valid"


def _header(raw: bytes) -> tuple[dict[str, list[str]], bytes]:
    header: dict[str, list[str]] = {}
    lines = raw.split(b"\n")
    n = 0
    for line in lines:
        key, sep, value = line[2:].partition(b": ")
        if not line.startswith(b"# ") or not sep or key not in (b"command", b"setup", b"expect", b"status"):
            break
        header.setdefault(key.decode(), []).append(value.decode("utf-8"))
        n += 1
    return header, b"\n".join(lines[n:])


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for sub in ("data", "corpus")
        for p in sorted((root / sub).rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("path", command_fixtures(), ids=lambda p: p.name)
def test_command_fixture(path: Path, tmp_path: Path):
    header, content = _header(path.read_bytes())
    assert header.get("command") and header.get("expect"), f"{path.name}: no '# command:' or '# expect:' line"
    code = path.name.split(".")[0].split("--")[0]
    assert code in check.CODES, f"{path.name}: '{code}' is not listed in check.CODES"
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    for step in header.get("setup", []):
        verb, target, *rest = step.split(" ", 2)
        assert verb in ("write", "remove"), f"{path.name}: unknown setup '{step}'"
        if verb == "remove":
            shutil.rmtree(root / target) if (root / target).is_dir() else (root / target).unlink()
        else:
            (root / target).write_text((rest[0] if rest else "") + "\n", encoding="utf-8")
    given = tmp_path / "in" / path.name
    given.parent.mkdir()
    given.write_bytes(content)
    before = _snapshot(root)
    argv = [a.replace("{input}", str(given)) for a in shlex.split(header["command"][0])]
    proc = subprocess.run(
        [sys.executable, "-m", "build_scripts", "--root", str(root), *argv],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = proc.stdout.splitlines() + proc.stderr.splitlines()
    expect = [line.replace("{input}", str(given)) for line in header["expect"]]
    missing = [line for line in expect if line not in out]
    assert not missing, "expected lines not printed:\n" + "\n".join(missing) + "\n--- printed:\n" + "\n".join(out)
    assert any(f"[{code}]" in line for line in expect), f"{path.name}: no expected line has code [{code}]"
    assert proc.returncode == int(header.get("status", ["1"])[0]), "\n".join(out)
    assert "Traceback" not in proc.stderr
    if proc.returncode != 0:
        assert _snapshot(root) == before, "a command that failed changed data/ or corpus/"
