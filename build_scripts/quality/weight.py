"""Weight of each built page: gzip bytes of the JavaScript it ships, and of everything it loads.

``python -c "from build_scripts import weight; weight.main('site')"`` prints one row per page:

- ``js_gzip``: scripts the page links (<script src>) and inline scripts, plus, on pages with
  charts, the plotly.js bundle that charts.js loads when a chart scrolls into view;
- ``charts``: number of chart blocks on the page;
- ``total_gzip``: the HTML, its stylesheets, its scripts, the plotly.js bundle and the chart
  figures (JSON) it would fetch once every chart is drawn.

Each file is gzipped (level 9, as a static host would serve it) once and counted once per page.
Fonts and images are left out (the site uses system fonts and no images).
"""

from __future__ import annotations

import gzip
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.inline_js: list[str] = []
        self.charts: list[dict] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            elif a.get("type", "text/javascript") in ("text/javascript", "module", ""):
                self._in_script = True
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split():
            if a.get("href"):
                self.styles.append(a["href"])
        elif tag == "figure" and "rpdc-chart" in (a.get("class") or "").split():
            self.charts.append(a)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_js.append(data)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def local(site: Path, page: Path, ref: str) -> Path | None:
    """The file of the site a page reference points to (None for other hosts)."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    path = parts.path
    if not path:
        return None
    base = page.parent.relative_to(site).as_posix()
    rel = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
    f = site / rel
    return f if f.is_file() else None


def page_weight(site: Path, page: Path, cache: dict[Path, int]) -> dict:
    html = page.read_bytes()
    refs = _Refs()
    refs.feed(html.decode("utf-8", errors="replace"))

    def size(f: Path | None) -> int:
        if f is None:
            return 0
        if f not in cache:
            cache[f] = gz(f.read_bytes())
        return cache[f]

    scripts = {local(site, page, s) for s in refs.scripts} - {None}
    js = sum(size(f) for f in scripts) + sum(gz(s.encode("utf-8")) for s in refs.inline_js)
    plotly = {local(site, page, c.get("data-plotly-src", "")) for c in refs.charts} - {None} - scripts
    figures = {local(site, page, c.get("data-chart-src", "")) for c in refs.charts} - {None}
    js_all = js + sum(size(f) for f in plotly)
    styles = {local(site, page, s) for s in refs.styles} - {None}
    total = gz(html) + js_all + sum(size(f) for f in styles) + sum(size(f) for f in figures)
    return {
        "page": page.relative_to(site).as_posix(),
        "charts": len(refs.charts),
        "js_gzip_static": js,
        "js_gzip": js_all,
        "total_gzip": total,
    }


def measure(site_dir: Path | str) -> list[dict]:
    site = Path(site_dir).resolve()
    cache: dict[Path, int] = {}
    pages = sorted(p for p in site.rglob("*.html") if p.name == "index.html" or p.parent == site)
    return [page_weight(site, p, cache) for p in pages]


def main(site_dir: Path | str = "site") -> int:
    rows = measure(site_dir)
    if not rows:
        print(f"no HTML page under {site_dir}: build the site first (make site)", file=sys.stderr)
        return 1
    width = max(len(r["page"]) for r in rows)
    print(f"{'page':<{width}}  charts  js_gzip_static  js_gzip(+plotly)  total_gzip")
    for r in rows:
        print(
            f"{r['page']:<{width}}  {r['charts']:>6}  {r['js_gzip_static']:>14}  {r['js_gzip']:>16}  {r['total_gzip']:>10}"
        )
    with_charts = [r for r in rows if r["charts"]]
    print(
        f"{len(rows)} pages, {len(with_charts)} with charts; "
        f"max js_gzip {max(r['js_gzip'] for r in rows)} bytes, "
        f"max js_gzip without charts {max((r['js_gzip'] for r in rows if not r['charts']), default=0)} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else "site"))
