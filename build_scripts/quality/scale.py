"""``bench scale --articles N [N...]``: how the pipeline grows with the corpus, printed (never asserted).

For each N, a synthetic project of N articles (build_scripts/quality/synthetic.py) is written
into a temporary folder, then each step runs as an editor runs it, in a child process whose
wall time and peak memory (its own and its children's, from wait4) are measured:

- ``check``: ``python -m build_scripts check``;
- ``build``: ``python -m build_scripts build`` (check, pages, charts, mkdocs --strict);
- ``rebuild``: ``mkdocs serve --dirty`` as ``make serve`` starts it; one event's title is edited
  in its data file and the time until the served page shows the new title is taken (3 edits:
  the median, and the slowest, which the goal is held to: the first edit after start is the
  slowest); then the time until the preview says every page is as a full build makes it (its
  background pass, site/preview.py: "settled");
- the built site: its largest HTML page (bytes, and gzip as a static host serves it), the search
  index (the JSON, and gzip: the .gz the site keeps), and the whole folder;
- ``extract``: ``python -m build_scripts extract`` of the N articles with an empty cache, with
  ``--jobs`` set to the machine's cores.

Then the table, the cost per article from the first N >= 100 to the last, and the issue's goals
at 1,000 articles (see GOALS) with their figures.
"""

from __future__ import annotations

import contextlib
import gzip
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
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts import PROJECT
from build_scripts.dataset import addresses, records
from build_scripts.dataset.textfiles import atomic_write
from build_scripts.quality import synthetic
from build_scripts.quality.gates.server import free_port
from build_scripts.site import preview, search

MB = 1_000_000
KB = 1_000
# `make serve` runs this (see the Makefile): the preview the rebuild time measures.
SERVE = ["-m", "mkdocs", "serve", "--livereload", "--dirty"]
# The goals of a 1,000-article corpus on a 2-core machine (issue #15), figure name -> (limit, unit).
GOALS = {
    "build_s": (30, "s"),
    "rebuild_s": (3, "s"),
    "largest_gz": (150 * 1024, "bytes"),
    "search_gz": (3 * 1024 * 1024, "bytes"),
    "site_bytes": (100 * 1024 * 1024, "bytes"),
    "peak_rss": (1.5 * 1024**3, "bytes"),
}


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes
    cpu: float  # seconds of CPU, the command's and its children's: what other programs on a busy machine do not inflate
    returncode: int
    output: str


@dataclass
class Figures:
    articles: int
    records: dict[str, int] = field(default_factory=dict)
    check_s: float = 0.0
    check_cpu: float = 0.0
    build_s: float = 0.0
    build_cpu: float = 0.0
    rebuild_s: float | None = None  # the median of the edits
    rebuild_max_s: float | None = None  # the slowest
    settled_s: float | None = None  # from the save to every page as a build makes it
    peak_rss: int = 0
    pages: int = 0
    largest: str = ""
    largest_bytes: int = 0
    largest_gz: int = 0
    search_bytes: int = 0
    search_gz: int = 0
    site_bytes: int = 0
    extract_s: float | None = None
    extract_cpu: float = 0.0
    extract_rss: int = 0
    jobs: int = 1


def run(args: list[str], *, env: dict | None = None, cwd: Path = PROJECT, log: Path | None = None) -> Run:
    """Run a command; its wall time and the peak memory of it and its children."""
    out = open(log, "w+", encoding="utf-8") if log else tempfile.TemporaryFile("w+", encoding="utf-8")
    with out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, usage.ru_maxrss * 1024, cpu, proc.returncode, out.read())


def _env(root: Path) -> dict:
    return dict(os.environ, RPDC_ROOT=str(root), NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def site_figures(site: Path, f: Figures) -> None:
    html = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
    f.pages = sum(1 for p in html if p.name == "index.html")
    if html:
        # the biggest files first; gzip of the few largest decides (gzip follows size closely)
        sized = [(gz(p), p) for p in html[:20]]
        f.largest_gz, page = max(sized)
        f.largest = page.relative_to(site).as_posix()
        f.largest_bytes = page.stat().st_size
    index, packed = site / search.INDEX, site / search.COMPRESSED
    if index.is_file():
        f.search_bytes, f.search_gz = index.stat().st_size, gz(index)
    elif packed.is_file():  # kept as gzip on the host (site/search.py, compress): the JSON's size, the file's
        f.search_bytes, f.search_gz = len(gzip.decompress(packed.read_bytes())), packed.stat().st_size
    f.site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def rebuild_time(root: Path, edits: int = 3, timeout: float = 600) -> tuple[list[float] | None, float | None, int]:
    """Seconds from saving an event's new title to the served page showing it, for each edit; the
    median to the preview's "settled" (every page as a build makes it: preview.SETTLED); peak
    memory of serve."""
    ds = records.load(root)
    files = [f for f in ds.files["events"] if f.records]
    target = files[-1]  # the newest year file: where an editor works
    index = max(i for i, e in enumerate(target.records) if e.get("review") != "draft" and e.get("title"))
    event = target.records[index]
    title_line = target.line(index, "title") or 0
    doc = addresses.event_doc(ds, event["id"])
    page = doc.removesuffix("index.md").removesuffix(".md") + ("/" if not doc.endswith("index.md") else "")
    port = free_port()
    log = root / "serve.log"
    logf = open(log, "w", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, *SERVE, "-f", str(PROJECT / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=PROJECT,
        env=_env(root),
        stdout=logf,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/{page}"

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.read().decode("utf-8", "replace")
        except OSError:
            return ""

    times = []
    try:
        deadline = time.monotonic() + timeout
        while not fetch():
            if proc.poll() is not None or time.monotonic() > deadline:
                print(f"  mkdocs serve did not answer (see {log})", file=sys.stderr)
                return None, None, 0
            time.sleep(0.5)
        path = root / target.rel
        settled = []
        for i in range(edits):
            new = f"Titre relu pour la mesure numero {i + 1}"  # plain words: the page shows them as typed
            lines = path.read_text(encoding="utf-8").split("\n")
            indent = lines[title_line - 1][: len(lines[title_line - 1]) - len(lines[title_line - 1].lstrip())]
            lines[title_line - 1] = f'{indent}title: "{new}"'
            seen = log.stat().st_size
            atomic_write(path, "\n".join(lines))  # the editor saves
            t0 = time.perf_counter()
            while new not in fetch():
                if time.perf_counter() - t0 > timeout:
                    print(f"  the edit did not show within {timeout} s (see {log})", file=sys.stderr)
                    return None, None, 0
                time.sleep(0.05)
            times.append(time.perf_counter() - t0)
            while preview.SETTLED.encode() not in log.read_bytes()[seen:]:
                if time.perf_counter() - t0 > timeout:
                    print(f"  the preview did not settle within {timeout} s (see {log})", file=sys.stderr)
                    return None, None, 0
                time.sleep(0.1)
            settled.append(time.perf_counter() - t0)
            time.sleep(1)  # let the watcher settle before the next save
        peak = _peak_rss(proc.pid)
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have ended already
            os.killpg(proc.pid, signal.SIGTERM)  # the server we started, and its children
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        logf.close()
    return times, statistics.median(settled), peak


def _peak_rss(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(m[1]) * 1024 if m else 0


def measure(n: int, workdir: Path, *, extract: bool = True, serve: bool = True, jobs: int | None = None) -> Figures:
    root = workdir / f"project-{n}"
    made = synthetic.make(PROJECT, root, n)
    f = Figures(n, made.records)
    py = [sys.executable, "-m", "build_scripts", "--root", str(root)]
    r = run([*py, "check"], env=_env(root))
    if r.returncode:
        raise RuntimeError(f"check failed on the synthetic corpus of {n}:\n{r.output[-3000:]}")
    f.check_s, f.check_cpu = r.seconds, r.cpu
    f.peak_rss = r.peak_rss
    f.records = {k: int(n) for n, k in re.findall(r"(\d+) (events|quotes|actors)\b", r.output.splitlines()[-1])}
    r = run([*py, "build"], env=_env(root), log=workdir / f"build-{n}.log")
    if r.returncode:
        raise RuntimeError(f"build failed on the synthetic corpus of {n}:\n{r.output[-3000:]}")
    f.build_s, f.build_cpu = r.seconds, r.cpu
    f.peak_rss = max(f.peak_rss, r.peak_rss)
    site_figures(root / "site", f)
    shutil.rmtree(root / "site")
    if serve:
        times, f.settled_s, peak = rebuild_time(root)
        if times:
            f.rebuild_s, f.rebuild_max_s = statistics.median(times), max(times)
        f.peak_rss = max(f.peak_rss, peak)
    if extract:
        f.jobs = jobs or os.cpu_count() or 1
        articles = [str(p) for p in synthetic.article_paths(root)]
        r = run(
            [*py, "extract", *articles, "--out", str(workdir / f"drafts-{n}"), "--jobs", str(f.jobs)],
            env=_env(root),
        )
        if r.returncode:
            raise RuntimeError(f"extract failed on the synthetic corpus of {n}:\n{r.output[-3000:]}")
        f.extract_s, f.extract_rss, f.extract_cpu = r.seconds, r.peak_rss, r.cpu
    shutil.rmtree(root, ignore_errors=True)
    return f


def _mb(n: int) -> str:
    return f"{n / MB:.1f}"


def _kb(n: int) -> str:
    return f"{n / KB:.0f}"


def table(rows: list[Figures]) -> str:
    head = (
        "| articles | records (events, quotes, actors) | check (CPU) | build (CPU) | rebuild after an edit | peak memory "
        "| largest page: HTML / gzip | search index / gzip | whole site | extract | extract memory |"
    )
    lines = [head, "|" + " --- |" * head.count(" | ") + " --- |"]
    for f in rows:
        rec = ", ".join(f"{f.records.get(k, 0):,}" for k in ("events", "quotes", "actors"))
        rebuild = f"{f.rebuild_s:.1f} s" if f.rebuild_s is not None else "—"
        if f.rebuild_max_s is not None:
            rebuild += f", slowest {f.rebuild_max_s:.1f} s"
        if f.settled_s is not None:
            rebuild += f" (all pages: {f.settled_s:.0f} s)"
        extract = f"{f.extract_s:.0f} s ({f.jobs} jobs; CPU {f.extract_cpu:.0f})" if f.extract_s is not None else "—"
        lines.append(
            f"| {f.articles:,} | {rec} | {f.check_s:.1f} s ({f.check_cpu:.1f}) | {f.build_s:.1f} s ({f.build_cpu:.1f}) "
            f"| {rebuild} | {_mb(f.peak_rss)} MB "
            f"| {_kb(f.largest_bytes)} / {_kb(f.largest_gz)} KB (`{f.largest}`) "
            f"| {_mb(f.search_bytes)} / {_mb(f.search_gz)} MB | {_mb(f.site_bytes)} MB | {extract} "
            f"| {_mb(f.extract_rss) + ' MB' if f.extract_s is not None else '—'} |"
        )
    return "\n".join(lines)


def per_article(rows: list[Figures]) -> list[str]:
    """Cost per article from the first N >= 100 to the largest N (1.0 = flat)."""
    big = [f for f in rows if f.articles >= 100]
    if len(big) < 2:
        return []
    a, b = big[0], big[-1]
    out = [f"cost per article, {b.articles:,} articles against {a.articles:,} (1.00 = flat):"]
    for name, get in (
        ("check (CPU)", lambda f: f.check_cpu),
        ("build (CPU)", lambda f: f.build_cpu),
        ("whole site", lambda f: f.site_bytes),
        ("search index", lambda f: f.search_bytes),
        ("extract (CPU)", lambda f: f.extract_cpu),
    ):
        x, y = get(a), get(b)
        if x and y:
            out.append(f"  {name}: {(y / b.articles) / (x / a.articles):.2f}")
    return out


def goals(f: Figures) -> list[str]:
    figures = {
        "build_s": f.build_s,
        "rebuild_s": f.rebuild_max_s,  # the slowest of the edits: the first after start
        "largest_gz": f.largest_gz,
        "search_gz": f.search_gz,
        "site_bytes": f.site_bytes,
        "peak_rss": max(f.peak_rss, f.extract_rss),
    }
    out = [f"goals at {f.articles:,} articles:"]
    for name, (limit, unit) in GOALS.items():
        value = figures[name]
        if value is None:
            out.append(f"  {name}: not measured")
            continue
        shown = (lambda v: f"{v:.1f} s") if unit == "s" else (lambda v: f"{v / 1024 / 1024:.2f} MiB")
        verdict = "ok" if value <= limit else "OVER"
        out.append(f"  {name}: {shown(value)} (goal <= {shown(limit)}) {verdict}")
    return out


def main(sizes: list[int], *, extract: bool = True, serve: bool = True, jobs: int | None = None) -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="rpdc-scale-") as tmp:
        for n in sizes:
            print(f"bench scale: {n:,} articles...", flush=True)
            rows.append(measure(n, Path(tmp), extract=extract, serve=serve, jobs=jobs))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(f"bench scale ({os.cpu_count()} cores):")
    print(table(rows))
    for line in per_article(rows):
        print(line)
    for f in rows:
        if f.articles >= 1000:
            print("\n".join(goals(f)))
    return 0
