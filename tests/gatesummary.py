"""The quality-gate figures of the run (tests/browser/gatefigures.py), printed at its end.

The figures come with the test reports (user property "gate-figures"), in the process that
prints the summary: pytest's own, or the controller of `make test`'s pytest-xdist workers.
"""

from __future__ import annotations

KINDS = ("lighthouse", "axe", "weight", "js_before", "reader")
RECEIVED: dict[str, dict] = {k: {} for k in KINDS}


def collect(report) -> None:
    for key, value in getattr(report, "user_properties", ()):
        if key == "gate-figures":
            for kind, figures in value.items():
                RECEIVED[kind].update(figures)


def _in_order(figures: dict) -> dict:
    """The page templates in their usual order (pytest-xdist may run the tests in another)."""
    from build_scripts.quality.gates.templates import NAMES

    return dict(sorted(figures.items(), key=lambda kv: NAMES.index(kv[0]) if kv[0] in NAMES else len(NAMES)))


def lines() -> list[str]:
    lh, axe, weight, js_before, reader = (RECEIVED[k] if k == "reader" else _in_order(RECEIVED[k]) for k in KINDS)
    out: list[str] = []
    if lh:
        out.append("Lighthouse (mobile): perf a11y bp seo   [perf is a benchmark, not gated]")
        for name, s in lh.items():
            sc, m = s["scores"], s["metrics"]
            out.append(
                f"  {name:<13} {sc['performance']:>4} {sc['accessibility']:>4} "
                f"{sc['best-practices']:>3} {sc['seo']:>4}   LCP {m['LCP ms'] or 0:.0f} ms"
                f"  TBT {m['TBT ms'] or 0:.0f} ms"
                + (f"   failing: {s['failing']}" if any(k != "performance" for k in s["failing"]) else "")
            )
    if axe:
        out.append("axe-core violations (rules / elements):")
        for name, v in axe.items():
            out.append(
                f"  {name:<13} {len(v):>3} / {sum(len(x['nodes']) for x in v):<4} "
                + ", ".join(f"{x['id']}({x['impact']})" for x in v)
            )
    if weight:
        out.append("bytes shipped (gzip, empty cache), KiB: total  html  css  js  font  img  data")
        for name, r in weight.items():
            k = r["bytes_by_kind"]
            kib = lambda n: f"{n / 1024:6.1f}"  # noqa: E731
            out.append(
                f"  {name:<13} {kib(r['total_bytes'])} {kib(k.get('document', 0))} {kib(k.get('stylesheet', 0))}"
                f" {kib(k.get('script', 0))} {kib(k.get('font', 0))} {kib(k.get('image', 0))}"
                f" {kib(k.get('data', 0))}"
            )
    if js_before:
        out.append("JavaScript before any interaction (gzip, KiB; budget 60):")
        for name, n in js_before.items():
            out.append(f"  {name:<13} {n / 1024:6.1f}")
    if reader:
        out.append("reader's figures (390 px): page height px, Tab presses to the first chart:")
        for name, v in reader.items():
            out.append(f"  {name:<13} {v}")
    return out
