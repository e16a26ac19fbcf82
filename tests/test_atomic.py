"""Nothing lost: writes are atomic, and two commands never write at the same time.

- a crash (SIGKILL), an exception or Ctrl-C in the middle of a write leaves the
  old file whole and no stray temporary file that ``check`` would trip on;
- while one command holds the project lock, a second one is refused with a
  clear message and a nonzero exit, before it touches anything.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from build_scripts.dataset import check, textfiles
from build_scripts.dataset.problems import DataError

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
VALID = TESTS / "fixtures" / "valid"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    import shutil

    dest = tmp_path / "project"
    shutil.copytree(VALID, dest)
    return dest


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_failed_rename_leaves_old_file_and_no_temporary(project, monkeypatch):
    target = project / "data" / "quotes.yaml"
    old = target.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        textfiles.atomic_write(target, "- id: a-moitie\n")
    assert target.read_bytes() == old
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_ctrl_c_during_write_leaves_old_file(project, monkeypatch):
    target = project / "data" / "events.yaml"
    old = target.read_bytes()

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        textfiles.atomic_write(target, "x" * 1_000_000)
    with pytest.raises(KeyboardInterrupt):
        textfiles.atomic_write_bytes(target, b"x" * 1_000_000)
    assert target.read_bytes() == old
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_process_killed_mid_write_leaves_old_file_whole(project):
    """SIGKILL (no cleanup at all) while 20 MB are being written: the old file is intact."""
    target = project / "data" / "actors.yaml"
    old = target.read_bytes()
    script = textwrap.dedent(f"""
        import os, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from build_scripts.dataset import textfiles
        real_fsync = os.fsync
        def slow_fsync(fd):
            print("writing", flush=True)   # the data is in the temporary file, not yet renamed
            time.sleep(60)
        os.fsync = slow_fsync
        textfiles.atomic_write({str(target)!r}, "- id: nouveau\\n" + "x" * 20_000_000)
        print("done", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        assert proc.stdout.readline().strip() == "writing"
        tmp = [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]
        assert len(tmp) == 1 and tmp[0].stat().st_size > 1_000_000, "the write was not under way"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert target.read_bytes() == old
    # the orphan temporary file is reported as a warning (the next add or redraft removes it)
    assert [(p.code, p.severity) for p in check.run(project)] == [("leftover-temp-file", "warning")]


def test_unchanged_write_does_not_touch_the_file(project):
    target = project / "data" / "places.yaml"
    text = target.read_text(encoding="utf-8")
    before = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert textfiles.atomic_write(target, text) is False
    assert target.stat().st_mtime_ns == before
    assert textfiles.atomic_write(target, text + "# une note\n") is True
    assert target.read_text(encoding="utf-8").endswith("# une note\n")


def test_writes_into_data_and_corpus_go_through_atomic_write():
    """No module writes a project file with a plain write (which a crash would leave half-written)."""
    plain_write = re.compile(r"\.write_text\(|\.write_bytes\(|open\([^)]*['\"][wa]b?['\"]")
    offenders = []
    checked = 0
    for path in sorted((ROOT / "build_scripts").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if not re.search(r"""["'](data|corpus)["']""", text):
            continue  # the module does not address data/ or corpus/
        checked += 1
        for n, line in enumerate(text.splitlines(), 1):
            # os.fdopen(fd, ...) writes a mkstemp temporary that is then renamed: atomic too
            if plain_write.search(line) and "os.fdopen(fd" not in line and path.name != "textfiles.py":
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert checked > 3
    assert not offenders, "plain writes in modules that handle data/ or corpus/:\n" + "\n".join(offenders)


# --- two commands at once ---------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from build_scripts.dataset.textfiles import project_lock
    with project_lock({project!r}, "add"):
        print("holding", flush=True)
        sys.stdin.readline()
""")


def test_second_command_is_refused_while_the_first_holds_the_lock(project, tmp_path):
    article = tmp_path / "nouvel-article.txt"
    article.write_text(
        "La Russie et la Corée du Nord ont signé jeudi un accord sur la pêche, selon un communiqué.\n", encoding="utf-8"
    )
    before = _snapshot(project)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(root=str(ROOT), project=str(project))],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "holding"
        second = subprocess.run(
            [
                sys.executable,
                "-m",
                "build_scripts",
                "--root",
                str(project),
                "add",
                str(article),
                "--published",
                "2030-07-03",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait(timeout=30)
    assert second.returncode == 1, second.stdout + second.stderr
    assert (
        ".lock: [locked] another command is writing to the project; 'add' did not start. "
        "Fix: wait for it to finish and run the command again"
    ) in second.stderr
    after = _snapshot(project)
    after.pop(".lock", None)
    before.pop(".lock", None)
    assert after == before, "the refused command changed files"


def test_lock_is_released_after_the_command(project):
    with textfiles.project_lock(project, "add"):
        with pytest.raises(DataError) as err:
            with textfiles.project_lock(project, "merge"):
                pass
        assert err.value.problems[0].code == "locked"
    with textfiles.project_lock(project, "merge"):
        pass  # free again


# --- running a stage twice --------------------------------------------------------------------


@pytest.mark.slow
def test_building_twice_gives_the_same_site_and_touches_no_source(tmp_path):
    """build reads corpus/ and data/ only; a second build writes the same bytes."""
    import shutil

    from build_scripts.site import build

    root = tmp_path / "project"
    shutil.copytree(TESTS / "fixtures" / "site", root)
    sources = _snapshot(root)
    assert build.main(root, strict=True, site_dir=tmp_path / "one") == 0
    assert build.main(root, strict=True, site_dir=tmp_path / "two") == 0
    assert _snapshot(root) == sources
    one, two = _snapshot(tmp_path / "one"), _snapshot(tmp_path / "two")
    assert len(one) > 20
    assert one.keys() == two.keys()
    differ = [k for k in one if one[k] != two[k]]
    assert not differ, f"files that differ between two builds of the same data: {differ[:10]}"
