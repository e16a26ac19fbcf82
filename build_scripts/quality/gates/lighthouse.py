"""One Lighthouse run (mobile preset, the default) of a page, through Node and tools/node_modules.

Lighthouse 12.8.2 (Node 20) drives Chromium itself (CHROME_PATH) with the flags of
``chromium.FLAGS`` and a fresh profile directory per run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import tempfile
from pathlib import Path

from build_scripts.quality.gates import chromium

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclasses.dataclass
class Scores:
    url: str
    scores: dict[str, int]
    failing: dict[str, list[str]]  # category -> audits (weighted, scored < 1) that cost points
    metrics: dict[str, float]
    error: str | None = None


def binary() -> Path:
    path = chromium.node_tools() / ".bin" / "lighthouse"
    if not path.exists():
        raise FileNotFoundError(f"{path} missing: run scripts/install-test-tools.sh (npm ci in tools/)")
    return path


def run(url: str, timeout: int = 240, keep: Path | None = None) -> Scores:
    """Lighthouse on url; ``keep``: where to copy the full JSON report (its audits: main-thread
    work, long tasks, script boot-up), for reading what cost the points."""
    exe = chromium.find()
    if not exe:
        raise RuntimeError("no Chromium (set CHROMIUM_PATH or install Debian's chromium)")
    with tempfile.TemporaryDirectory(prefix="rpdc-lh-") as tmp:
        out = Path(tmp) / "report.json"
        profile = Path(tmp) / "profile"
        profile.mkdir()
        flags = " ".join(chromium.FLAGS) + f" --user-data-dir={profile}"
        cmd = [
            str(binary()),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            "--disable-full-page-screenshot",
            "--max-wait-for-load=60000",
            f"--chrome-flags={flags}",
        ]
        # Chromium and chrome-launcher leave scratch files under TMPDIR: keep them in tmp.
        env = dict(os.environ, CHROME_PATH=exe, TMPDIR=tmp)
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
        text = out.read_text(encoding="utf-8")
        if keep:
            keep.parent.mkdir(parents=True, exist_ok=True)
            keep.write_text(text, encoding="utf-8")
        report = json.loads(text)
    return summarize(report)


def summarize(report: dict) -> Scores:
    cats, audits = report["categories"], report["audits"]
    scores = {
        k: round(cats[k]["score"] * 100) if cats.get(k) and cats[k]["score"] is not None else -1 for k in CATEGORIES
    }
    failing = {}
    for k in CATEGORIES:
        bad = [
            ref["id"]
            for ref in cats.get(k, {}).get("auditRefs", [])
            if ref.get("weight", 0) > 0
            and audits.get(ref["id"], {}).get("score") is not None
            and audits[ref["id"]]["score"] < 1
        ]
        if bad:
            failing[k] = bad
    metric = lambda k: audits.get(k, {}).get("numericValue")  # noqa: E731
    metrics = {
        "FCP ms": metric("first-contentful-paint"),
        "LCP ms": metric("largest-contentful-paint"),
        "TBT ms": metric("total-blocking-time"),
        "CLS": metric("cumulative-layout-shift"),
        "bytes": metric("total-byte-weight"),
        # Lighthouse's measure of the CPU at run time (an idle laptop: 1,000-2,000; a busy shared
        # machine: lower). TBT is what the page's tasks took here, times 4: a slow CPU inflates it.
        "benchmark": (report.get("environment") or {}).get("benchmarkIndex"),
    }
    error = (report.get("runtimeError") or {}).get("code")
    return Scores(report.get("requestedUrl", ""), scores, failing, metrics, error)
