"""Commands that write several files write all of them or none (issue #16, F7 and the weaker answers).

- a full disk, a read-only data/ or an exception while writing: nothing changed, the corpus
  file that add was writing is gone again, no temporary file is left;
- Ctrl-C (or SIGTERM) while the files are being renamed: the old files are put back, and the
  message says what state the project is in;
- SIGKILL half-way (the one case a process cannot clean up): check says which files were
  written and the one command that finishes the work; add refuses to start on top of it;
  that command (redraft) finishes it; the stray temporary files are removed and reported.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from checkrun import ROOT, run_check

from build_scripts import cli
from build_scripts.dataset import check, transaction
from build_scripts.dataset.problems import DataError
from build_scripts.extraction import add
from build_scripts.extraction.merge import Report

VALID = ROOT / "tests" / "fixtures" / "valid"
ARTICLE = ROOT / "tests" / "fixtures" / "articles" / "2019-04-sommet-vladivostok.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(VALID, dest)
    return dest


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file but the lock file (a command creates .lock once, empty, and leaves it)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def _files(root: Path) -> dict[Path, str]:
    """New texts for one new corpus file and two data files (what add writes)."""
    return {
        root / "corpus" / "2031-01-nouveau.md": "---\nid: 2031-01-nouveau\n---\nTexte.\n",
        root / "data" / "events.yaml": (root / "data" / "events.yaml").read_text(encoding="utf-8") + "# ajout 1\n",
        root / "data" / "quotes.yaml": (root / "data" / "quotes.yaml").read_text(encoding="utf-8") + "# ajout 2\n",
    }


def test_all_files_are_written_together(project):
    written = transaction.write_together(project, _files(project), command="add x", articles=["corpus/x.md"])
    assert written == ["corpus/2031-01-nouveau.md", "data/events.yaml", "data/quotes.yaml"]
    assert (project / "data" / "quotes.yaml").read_text(encoding="utf-8").endswith("# ajout 2\n")
    assert not (project / transaction.JOURNAL).exists()
    assert transaction.leftovers(project).stray == []
    # the permissions of a rewritten file are kept
    assert (project / "data" / "events.yaml").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_disk_full_while_preparing_changes_nothing(project, monkeypatch, fail_at):
    """F7: the disk fills up on the first, second or third file: no file changes, no temporary stays."""
    before = _snapshot(project)
    real_fsync = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(DataError) as err:
        transaction.write_together(project, _files(project), command="add x", articles=["corpus/x.md"])
    (problem,) = err.value.problems
    assert problem.code == "write-failed"
    assert str(problem).endswith(
        "No space left on device. Nothing was changed: corpus/ and data/ are as they were. "
        "Fix: free some disk space (df -h .), then run the command again."
    )
    assert _snapshot(project) == before


def test_read_only_data_folder_changes_nothing(project, monkeypatch):
    """F7: data/ is read-only (simulated: the tests may run as root, who can write anywhere)."""
    before = _snapshot(project)
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        if Path(kwargs["dir"]).name == "data":
            raise PermissionError(errno.EACCES, "Permission denied", str(kwargs["dir"]))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(DataError) as err:
        transaction.write_together(project, _files(project), command="add x", articles=["corpus/x.md"])
    assert str(err.value.problems[0]) == (
        "data/events.yaml: [write-failed] could not write data/events.yaml: Permission denied. Nothing was "
        "changed: corpus/ and data/ are as they were. Fix: make data/ writable (chmod u+w data), then run "
        "the command again."
    )
    assert _snapshot(project) == before  # the corpus file, prepared first, is gone again


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, OSError(errno.EIO, "Input/output error")])
def test_failure_while_renaming_puts_the_old_files_back(project, monkeypatch, interrupt):
    before = _snapshot(project)
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the corpus file and events.yaml are already in place
            raise interrupt
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises((KeyboardInterrupt, DataError)):
        transaction.write_together(project, _files(project), command="add x", articles=["corpus/x.md"])
    assert _snapshot(project) == before
    assert transaction.STATE["committed"] == []


def test_add_writes_the_article_and_the_drafts_together_or_not_at_all(project, monkeypatch):
    """F7 through add itself: the extraction is replaced by fixed drafts (no model needed)."""
    new_events = (project / "data" / "events.yaml").read_text(encoding="utf-8") + "# brouillons\n"

    def drafts_merged(root, sources):
        return [{"dates": []}], {"actors": [], "events": [], "quotes": []}, Report(), {"data/events.yaml": new_events}

    monkeypatch.setattr(add, "_drafts_merged", drafts_merged)
    before = _snapshot(project)
    real_fsync = os.fsync
    calls = []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 2:  # the corpus file is prepared, data/events.yaml fails
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(DataError) as err:
        add.main(project, ARTICLE, published="2019-04-26")
    assert err.value.problems[0].code == "write-failed"
    assert _snapshot(project) == before
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert add.main(project, ARTICLE, published="2019-04-26") == 0
    assert [p.name for p in (project / "corpus").iterdir() if p.name.startswith("2019-04")]
    assert (project / "data" / "events.yaml").read_text(encoding="utf-8") == new_events


# --- Ctrl-C and SIGTERM: the message says what state the project is in -----------------------------


def test_interrupted_message_says_what_state_was_left():
    transaction.STATE["committed"] = []
    assert cli.interrupted_message("add") == (
        "interrupted: add writes corpus/ and data/ all together or not at all, and had not written them: "
        "nothing changed. Run the same command again."
    )
    transaction.STATE["committed"] = ["corpus/x.md", "data/events.yaml"]
    assert cli.interrupted_message("redraft") == (
        "interrupted after redraft had written its files (corpus/x.md, data/events.yaml): its work is complete; "
        "only the summary was not printed."
    )
    transaction.STATE["committed"] = []
    assert "may have written only some of its files" in cli.interrupted_message("export")


# --- SIGKILL half-way: what the next commands say and do ------------------------------------------

KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from build_scripts.dataset import transaction
    project = Path({project!r})
    real_replace = os.replace
    calls = []
    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:   # the journal, then the corpus file are in place: die before the data file
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst)
    os.replace = replace
    files = {{
        project / "corpus" / "2030-06-essai-lettre.md": (project / "corpus" / "2030-06-essai-lettre.md").read_text() + "Ajout.\\n",
        project / "data" / "quotes.yaml": (project / "data" / "quotes.yaml").read_text() + "# ajout\\n",
    }}
    transaction.write_together(project, files, command="add lettre.txt", articles=["corpus/2030-06-essai-lettre.md"])
""")


def test_a_killed_add_is_reported_refused_upon_and_finished_by_redraft(project):
    proc = subprocess.run(
        [sys.executable, "-c", KILLER.format(root=str(ROOT), project=str(project))], capture_output=True, timeout=60
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    left = transaction.leftovers(project)
    # quotes.yaml's .tmp, and the .old links of the two files that existed
    assert left.journal is not None and len(left.stray) == 3
    # check names what was written and the one command that finishes the work
    status, out = run_check(project)
    assert status == 1
    assert "data/.pending-write.json: [interrupted-command] 'add lettre.txt' was killed on " in "\n".join(out)
    assert (
        "after writing corpus/2030-06-essai-lettre.md and before writing data/quotes.yaml. "
        "Fix: finish it with: python -m build_scripts redraft corpus/2030-06-essai-lettre.md"
    ) in "\n".join(out)
    assert sum("[leftover-temp-file]" in line for line in out) == 3
    # another add refuses to start on top of it (and says the same)
    with pytest.raises(DataError) as err:
        add.main(project, ARTICLE, published="2019-04-26")
    assert err.value.problems[0].code == "interrupted-command"
    # ...but has removed the stray files
    assert transaction.leftovers(project).stray == []
    # the finishing command is allowed to run; once it succeeds the journal is gone
    removed, blocking = transaction.clean(project, finishing={"corpus/2030-06-essai-lettre.md"})
    assert blocking is None and removed == []
    transaction.settle(project)
    assert transaction.leftovers(project).journal is None
    assert not [p for p in check.run(project) if p.code in ("interrupted-command", "leftover-temp-file")]


def test_a_journal_whose_files_are_all_old_or_all_new_is_removed_quietly(project):
    """Killed before the first rename, or after the last: nothing to finish."""
    files = _files(project)
    transaction.write_together(project, files, command="add x", articles=["corpus/x.md"])
    # fake the journal of that finished command
    import json

    (project / transaction.JOURNAL).write_text(
        json.dumps(
            {
                "command": "add x",
                "articles": ["corpus/x.md"],
                "files": {
                    "data/events.yaml": {
                        "old": None,
                        "new": transaction._sha((project / "data" / "events.yaml").read_bytes()),
                    }
                },
            }
        ),
        encoding="utf-8",
    )
    assert [p.code for p in transaction.problems(project)] == []
    removed, blocking = transaction.clean(project)
    assert blocking is None and not (project / transaction.JOURNAL).exists()


def test_a_killed_write_leaves_a_temporary_file_that_the_next_command_removes_and_reports(project, capsys):
    """The weaker answer: a killed redraft left data/.events.yaml.XXXX.tmp behind forever."""
    stray = project / "data" / ".events.yaml.k2x9q1.tmp"
    stray.write_text("- id: moitie\n", encoding="utf-8")
    assert [p.code for p in check.run(project)] == ["leftover-temp-file"]
    assert check.run(project)[0].severity == "warning"
    removed, blocking = transaction.clean(project)
    assert removed == ["data/.events.yaml.k2x9q1.tmp"] and blocking is None
    assert not stray.exists()
    out = add.summary("x", [], False, {"actors": [], "events": [], "quotes": []}, Report(), [], {"dates": []}, removed)
    assert "removed, left by a command killed while writing: data/.events.yaml.k2x9q1.tmp" in out


SIGNALLED = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from build_scripts import cli
    from build_scripts.dataset import transaction
    signal.signal(signal.SIGTERM, cli._terminate)
    project = Path({project!r})
    real_fsync = os.fsync
    def slow_fsync(fd):
        print("writing", flush=True)
        time.sleep(0.3)
        real_fsync(fd)
    os.fsync = slow_fsync
    files = {{
        project / "corpus" / "2031-01-nouveau.md": "---\\nid: 2031-01-nouveau\\n---\\nTexte.\\n",
        project / "data" / "events.yaml": (project / "data" / "events.yaml").read_text() + "# ajout 1\\n",
        project / "data" / "quotes.yaml": (project / "data" / "quotes.yaml").read_text() + "# ajout 2\\n",
    }}
    try:
        transaction.write_together(project, files, command="add x", articles=["corpus/x.md"])
    except KeyboardInterrupt:
        print(cli.interrupted_message("add"), flush=True)
""")


def test_sigterm_while_writing_waits_for_the_files_and_says_they_are_written(project):
    """A SIGTERM between two renames once left a file new while add said nothing had changed
    (found by make fuzz): the signal now waits until the files are all written."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SIGNALLED.format(root=str(ROOT), project=str(project))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=60)
    assert set(out.splitlines()[:-1]) == {"writing"}  # the other files were still written
    assert out.splitlines()[-1] == (
        "interrupted after add had written its files (corpus/2031-01-nouveau.md, data/events.yaml, "
        "data/quotes.yaml): its work is complete; only the summary was not printed."
    )
    assert (project / "data" / "quotes.yaml").read_text(encoding="utf-8").endswith("# ajout 2\n")
    assert transaction.leftovers(project).stray == [] and transaction.leftovers(project).journal is None


# --- the real thing: a read-only data/ and a full disk, made by the system, not simulated -----------------


def _sources(root: Path) -> dict[str, bytes]:
    """data/ and corpus/ (the extraction cache in .cache/ may grow: it is keyed by content)."""
    return {k: v for k, v in _snapshot(root).items() if k.startswith(("data/", "corpus/"))}


def _add_argv(project: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "build_scripts",
        "--root",
        str(project),
        "add",
        str(ARTICLE),
        "--published",
        "2019-04-26",
    ]


def _in_namespace(script: str, argv: list[str]) -> list[str]:
    """argv run after ``script`` (sh) in a private mount namespace: mounts vanish with the process."""
    return ["unshare", "-m", "sh", "-c", script + ' && "$@"; rc=$?; ' + "exit $rc", "sh", *argv]


def _may_mount() -> str | None:
    """Why the mount-namespace tests cannot run here, or None."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return "mounting a read-only or full file system over data/ needs root and unshare (GitHub's runner is neither)"
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    if probe.returncode != 0:
        return f"unshare -m is not permitted here: {probe.stderr.decode(errors='replace').strip()}"
    return None


@pytest.mark.slow
def test_add_into_a_data_folder_mounted_read_only_changes_nothing(project):
    """F7 for real: the add command, data/ bind-mounted read-only (or made read-only, for a user other than
    root). The corpus file it had prepared is gone again, no temporary file is left."""
    before = _sources(project)
    data = project / "data"
    if os.geteuid() != 0:
        data.chmod(0o555)
        argv, reason = _add_argv(project), "Permission denied"
        fix = "make data/ writable (chmod u+w data), then run the command again."
    else:
        if why := _may_mount():
            pytest.skip(why)
        argv = _in_namespace(f"mount --bind {data} {data} && mount -o remount,bind,ro {data}", _add_argv(project))
        reason, fix = "Read-only file system", "the disk is mounted read-only: work on a writable copy of the project."
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=300)
    finally:
        data.chmod(0o755)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == (
        f"data/actors.yaml: [write-failed] could not write data/actors.yaml: {reason}. Nothing was changed: "
        f"corpus/ and data/ are as they were. Fix: {fix}"
    )
    assert _sources(project) == before


@pytest.mark.slow
def test_add_onto_a_full_disk_changes_nothing(project, tmp_path):
    """F7 for real: data/ on a full file system (a tmpfs mounted over it, its files copied in, the rest
    filled). What data/ holds after the command is listed inside the namespace, before the mount goes."""
    if why := _may_mount():
        pytest.skip(why)
    before = _sources(project)
    data = project / "data"
    size = sum(p.stat().st_size for p in data.rglob("*") if p.is_file()) + 200_000
    after = tmp_path / "after.txt"
    script = f"""set -e
cp -a {data} {tmp_path}/data
mount -t tmpfs -o size={size} tmpfs {data}
cp -a {tmp_path}/data/. {data}/
dd if=/dev/zero of={data}/.fill bs=4096 2>/dev/null || true
set +e
"$@"; rc=$?
rm -f {data}/.fill
(cd {data} && ls -A && sha256sum *.yaml) > {after}
exit $rc
"""
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *_add_argv(project)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == (
        "data/actors.yaml: [write-failed] could not write data/actors.yaml: No space left on device. Nothing was "
        "changed: corpus/ and data/ are as they were. Fix: free some disk space (df -h .), then run the command again."
    )
    assert _sources(project) == before  # corpus/: the article is gone again
    names = sorted(p.name for p in data.iterdir())
    listed = after.read_text().splitlines()
    assert sorted(listed[: len(names)]) == names, "a temporary file was left in data/"
    sums = dict(reversed(line.split()) for line in listed[len(names) :])
    assert sums and sums == {n: hashlib.sha256(before[f"data/{n}"]).hexdigest() for n in sums}


@pytest.mark.parametrize("when", ["as the handler is installed", "while the arguments are read"])
def test_a_signal_at_the_very_start_is_an_interruption_not_a_traceback(project, monkeypatch, capsys, when):
    """Found by make fuzz: a SIGTERM 0.05 s into an add arrived as signal.signal() returned, before
    main's try, and printed a traceback."""
    before = signal.getsignal(signal.SIGTERM)
    if when == "as the handler is installed":
        real = signal.signal

        def signal_then_sigterm(signum, handler):
            previous = real(signum, handler)
            if handler is cli._terminate:
                handler(signum, None)  # the signal arrives at once
            return previous

        monkeypatch.setattr(signal, "signal", signal_then_sigterm)
    else:

        def interrupted(*_args, **_kwargs):
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "parser", interrupted)
    assert cli.main(["--root", str(project), "add", str(ARTICLE), "--published", "2019-04-26"]) == 130
    assert capsys.readouterr().err == "interrupted: nothing was written.\n"
    monkeypatch.undo()
    assert signal.getsignal(signal.SIGTERM) == before  # the handler of the caller is back
