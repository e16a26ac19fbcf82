"""``make gates`` = ``python -m build_scripts.quality.gates [--no-lighthouse]``: every quality gate, figures printed.

Builds the site for http://127.0.0.1:PORT/ into a temporary directory, serves it with gzip,
then on the nine page templates: axe-core violations (before and after the charts become
interactive), bytes shipped (against budgets),
Lighthouse mobile scores (accessibility, best practices, SEO gated at 100; performance
printed); and broken internal links over the whole site. Exits 1 when a gate fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from build_scripts.quality.gates import budgets, chromium, lighthouse, links, localsite, probe, server, templates

KB = 1024


def _charts_drawn(page) -> int:
    """Scroll every chart into view (they load lazily) and wait for it; the number of charts."""
    n = page.locator(".rpdc-chart[data-chart-src]").count()
    if n:
        try:
            page.wait_for_function(
                """() => {
                const pending = Array.from(document.querySelectorAll('.rpdc-chart[data-chart-src]')).filter(
                    b => !['drawn', 'failed'].includes(b.getAttribute('data-chart-state')));
                if (!pending.length) return true;
                pending[0].scrollIntoView({block: 'center'});
                return false;
            }""",
                polling=250,
                timeout=15000,
            )
        except Exception:
            pass
    return n


def median_run(runs: list) -> lighthouse.Scores:
    """The run whose performance score is the median of the runs'."""
    ordered = sorted(runs, key=lambda r: r.scores["performance"])
    return ordered[len(ordered) // 2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m build_scripts.quality.gates", description=__doc__.split("\n")[0])
    ap.add_argument("--no-lighthouse", action="store_true", help="skip the (slow) Lighthouse runs")
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page; the median is printed (default 3)")
    ap.add_argument("--pages", default="", help="comma-separated page templates to measure (default: all)")
    ap.add_argument(
        "--reports",
        type=Path,
        help="keep each Lighthouse run's JSON report in this directory (<page>-<run>.json)",
    )
    ap.add_argument(
        "--root",
        type=Path,
        help="the data root to build and measure (its corpus/ and data/; default: the project's), "
        "e.g. a synthetic project of 1,000 articles (build_scripts/quality/synthetic.py)",
    )
    args = ap.parse_args(argv)
    if not chromium.find():
        print("no Chromium: run scripts/install-test-tools.sh or set CHROMIUM_PATH", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright  # here: --help and a missing Chromium answer at once

    failures: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rpdc-gates-") as tmp:
        port = server.free_port()
        site = localsite.build(Path(tmp) / "site", port, args.root)
        pages = templates.resolve(site)
        if args.pages:
            pages = {k: v for k, v in pages.items() if k in args.pages.split(",")}
        with server.serve(site, port) as base:
            internal, external, broken = links.check(site, base)
            print(f"links: {internal} internal checked, {external} external not followed, {len(broken)} broken")
            failures += [f"link: {b}" for b in broken]
            print(
                f"\n{'page':<13} {'axe':>4}  {'total':>7} {'html':>6} {'css':>6} {'js':>7} {'font':>5} {'img':>5}"
                f" {'data':>6}  (KiB, gzip, empty cache)"
            )
            with sync_playwright() as pw:
                browser = probe.launch(pw)
                for name, path in pages.items():
                    report, page, context = probe.load(browser, base + path)
                    # axe in both states: the drawings of the build (no interaction yet), then the
                    # interactive charts (scrolling into view is an interaction: plotly.js draws them).
                    violations = probe.axe(page)
                    n_charts = _charts_drawn(page)
                    if n_charts:
                        probe.settle(page)
                        page.evaluate("window.scrollTo(0, 0)")
                        # as tests/browser/test_gates_axe.py: back at the top, Material fades the site
                        # name back into the header; axe must not catch it half-transparent.
                        page.wait_for_function("!document.querySelector('.md-header__title--active')")
                        page.wait_for_timeout(500)
                        violations += probe.axe(page)
                    context.close()
                    k = report.bytes_by_kind
                    print(
                        f"{name:<13} {len(violations):>4}  {report.total_bytes / KB:7.1f} {k.get('document', 0) / KB:6.1f}"
                        f" {k.get('stylesheet', 0) / KB:6.1f} {k.get('script', 0) / KB:7.1f} {k.get('font', 0) / KB:5.1f}"
                        f" {k.get('image', 0) / KB:5.1f} {k.get('data', 0) / KB:6.1f}"
                    )
                    if len(violations) > budgets.AXE_MAX_VIOLATIONS:
                        print(probe.describe_violations(violations))
                        failures.append(f"axe: /{path}: " + ", ".join(f"{v['id']}({v['impact']})" for v in violations))
                    failures += [f"weight: /{path}: {o}" for o in budgets.over_budget(k, n_charts > 0)]
                    failures += [f"console: /{path}: {e}" for e in report.console_errors]
                    failures += [f"foreign request: /{path}: {u}" for u in report.foreign_requests]
                browser.close()
            if not args.no_lighthouse:
                print(
                    f"\n{'page':<13} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}  {'FCP':>6} {'LCP':>6} {'TBT':>5}"
                    "   CLS  load  cpu  (Lighthouse mobile, median of the runs; perf printed, not gated;"
                    " load: the machine's 1-min load average before the runs, cpu: Lighthouse's benchmark index)"
                )
                for name, path in pages.items():
                    load = os.getloadavg()[0]
                    runs = [
                        lighthouse.run(
                            base + path, keep=args.reports / f"{name}-{i + 1}.json" if args.reports else None
                        )
                        for i in range(max(args.runs, 1))
                    ]
                    s = median_run(runs)
                    sc, m = s.scores, s.metrics
                    perfs = ", ".join(str(r.scores["performance"]) for r in runs)
                    print(
                        f"{name:<13} {sc['performance']:>4} {sc['accessibility']:>4} {sc['best-practices']:>4}"
                        f" {sc['seo']:>4}  {m['FCP ms'] or 0:6.0f} {m['LCP ms'] or 0:6.0f} {m['TBT ms'] or 0:5.0f}"
                        f" {m['CLS'] or 0:5.3f} {load:5.1f} {m.get('benchmark') or 0:4.0f}  runs: {perfs}",
                        flush=True,
                    )
                    for cat, bar in budgets.LIGHTHOUSE_MIN.items():
                        if sc[cat] < bar:
                            failures.append(
                                f"lighthouse: /{path}: {cat} {sc[cat]} < {bar} ({', '.join(s.failing.get(cat, []))})"
                            )
                    if (m["CLS"] or 0) > 0:
                        failures.append(f"lighthouse: /{path}: CLS {m['CLS']:.3f} > 0")
    print(f"\n{len(failures)} gate failure(s) in {time.perf_counter() - started:.0f} s")
    for f in failures:
        print("  FAIL " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
