"""Time from saving a change in data/ to the reloaded page, with `mkdocs serve` running.

    .venv/bin/python scripts/measure_preview.py [--runs 5] [--root DIR]

Starts `mkdocs serve` on a copy of a project's corpus/, data/ and docs/ (default: the
site tests' fixture, tests/fixtures/site; --root . measures the real data), opens the
chronology in Debian's Chromium, then edits an event title N times and prints, for each
save, the seconds until the new title shows in the browser, and their median.
Nothing is asserted: tests/test_preview.py checks the behaviour, this prints figures.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from build_scripts.quality.gates import chromium  # noqa: E402

FIXTURE = PROJECT / "tests" / "fixtures" / "site"


class PreviewSession:
    """`mkdocs serve` on a scratch copy of a project, and a Chromium page on it."""

    def __init__(self, source: Path = FIXTURE, workdir: Path | None = None):
        self.source = Path(source)
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="rpdc-preview-"))
        self.root = self.workdir / "project"
        self.log_path = self.workdir / "serve.log"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self._pw: Playwright | None = None
        self._browser: Browser | None = None
        self._page: Page | None = None

    # --- server --------------------------------------------------------------------------------
    def start(self, timeout: float = 120) -> PreviewSession:
        for sub in ("corpus", "data", "docs"):
            if (self.source / sub).is_dir():
                shutil.copytree(self.source / sub, self.root / sub)
        from build_scripts.quality.gates.server import free_port

        self.port = free_port()
        env = dict(os.environ, RPDC_ROOT=str(self.root), NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        self._log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(PROJECT / "mkdocs.yml"),
                "--dev-addr",
                f"127.0.0.1:{self.port}",
                "--livereload",
                "--dirty",  # as `make serve` runs it (site/preview.py)
            ],
            cwd=PROJECT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("mkdocs serve exited:\n" + self.log())
            try:
                with urllib.request.urlopen(self.url("chronologie/"), timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("mkdocs serve did not answer:\n" + self.log())

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    # --- browser -------------------------------------------------------------------------------
    @property
    def page(self) -> Page:
        """The Chromium page that open() made."""
        if self._page is None:
            raise RuntimeError("no page yet: call open() first")
        return self._page

    def open(self, path: str = "chronologie/") -> Page:
        from playwright.sync_api import sync_playwright

        exe = chromium.find()
        if not exe:
            raise RuntimeError("no Chromium binary (set CHROMIUM_PATH, or install Debian's chromium)")
        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=exe, headless=True, args=chromium.playwright_args())
        self._page = self._browser.new_page()
        self._page.goto(self.url(path), wait_until="load")
        return self._page

    def text(self) -> str:
        """The page's visible text (empty while it reloads)."""
        try:
            return self.page.evaluate("document.body ? document.body.innerText : ''")
        except Exception:  # the page is navigating (live reload): try again
            return ""

    def wait_for(self, predicate, timeout: float = 30, what: str = "") -> float:
        """Seconds until predicate(page text) holds; raises TimeoutError after timeout."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if predicate(self.text()):
                return time.perf_counter() - start
            time.sleep(0.02)
        raise TimeoutError(f"after {timeout} s, the page still does not show {what}")

    # --- editing -------------------------------------------------------------------------------
    def edit(self, rel: str, old: str, new: str) -> float:
        """Replace old by new in a project file as an editor's save does; return the time of the save."""
        path = self.root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return time.perf_counter()

    def close(self) -> None:
        for closer in (getattr(self._browser, "close", None), getattr(self._pw, "stop", None)):
            try:
                closer and closer()
            except Exception:
                pass
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the server and its reloader, started by us
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()


def first_event_title(root: Path) -> str:
    text = (root / "data" / "events.yaml").read_text(encoding="utf-8")
    m = re.search(r'^  title: "([^"\\]+)"$', text, re.M)
    if not m:
        raise RuntimeError("no simple double-quoted event title to edit in data/events.yaml")
    return m.group(1)


def measure(session: PreviewSession, runs: int) -> list[float]:
    session.open("chronologie/")
    title = first_event_title(session.root)
    session.wait_for(lambda t: title in t, what=repr(title))
    times = []
    current = title
    for i in range(1, runs + 1):
        new = f"{title} (version {i})"
        saved = session.edit("data/events.yaml", f'title: "{current}"', f'title: "{new}"')
        session.wait_for(lambda t, new=new: new in t, what=repr(new))
        times.append(time.perf_counter() - saved)
        current = new
        time.sleep(0.5)  # let the reloaded page settle before the next save
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--root", default=str(FIXTURE), help="project whose corpus/, data/ and docs/ are served (copied)")
    args = ap.parse_args(argv)
    with PreviewSession(Path(args.root).resolve()) as session:
        times = measure(session, args.runs)
    for i, t in enumerate(times, 1):
        print(f"save {i}: page reloaded with the change after {t:.2f} s")
    print(
        f"median of {len(times)}: {statistics.median(times):.2f} s (from save in data/ to the new text in the browser)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
