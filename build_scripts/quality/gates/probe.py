"""Load a page in Chromium (Playwright) as a reader would, and report what happened.

- console errors and uncaught exceptions;
- requests to any host but 127.0.0.1 (blocked and recorded: the site must work offline);
- failed requests and HTTP errors;
- bytes shipped, by kind, as sent on the wire (gzip), with an empty cache;
- axe-core violations (the npm axe-core in tools/, injected into the page).
"""

from __future__ import annotations

import dataclasses
import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from build_scripts.quality.gates import chromium

if TYPE_CHECKING:  # the types only: playwright is imported by the caller that launches a browser
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

LOCAL_HOSTS = {"127.0.0.1"}
KINDS = {
    "document": "document",
    "stylesheet": "stylesheet",
    "script": "script",
    "font": "font",
    "image": "image",
    "media": "image",
    "fetch": "data",
    "xhr": "data",
}
SETTLE_MS = 800


@dataclasses.dataclass
class PageReport:
    url: str
    console_errors: list[str] = dataclasses.field(default_factory=list)
    foreign_requests: list[str] = dataclasses.field(default_factory=list)
    failed_requests: list[str] = dataclasses.field(default_factory=list)
    bytes_by_kind: dict[str, int] = dataclasses.field(default_factory=dict)
    resources: list[tuple[str, str, int]] = dataclasses.field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes_by_kind.values())


def is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


EXTENSIONS = {
    ".js": "script",
    ".mjs": "script",
    ".css": "stylesheet",
    ".woff2": "font",
    ".woff": "font",
    ".ttf": "font",
    ".png": "image",
    ".svg": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".webp": "image",
    ".avif": "image",
    ".gif": "image",
    ".ico": "image",
}


def kind_of(resource_type: str, url: str) -> str:
    """document, stylesheet, script, font, image or data (what scripts fetch: search index, JSON)."""
    if resource_type in KINDS and KINDS[resource_type] != "data":
        return KINDS[resource_type]
    suffix = Path(urllib.parse.urlsplit(url).path).suffix.lower()
    return EXTENSIONS.get(suffix, "data")


def body_bytes(request, response) -> int | None:
    """Bytes of the body on the wire (after gzip): Content-Length, else what Chromium counted."""
    try:
        length = response.headers.get("content-length")
        if length is not None:
            return int(length)
        return request.sizes()["responseBodySize"]
    except Exception:
        return None


def launch(playwright: Playwright) -> Browser:
    exe = chromium.find()
    if not exe:
        raise RuntimeError(
            "no Chromium: install Debian's chromium (scripts/install-test-tools.sh) or set CHROMIUM_PATH"
        )
    return playwright.chromium.launch(executable_path=exe, headless=True, args=chromium.playwright_args())


def new_context(browser: Browser, width: int = 1280, height: int = 900, **kw) -> BrowserContext:
    return browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR", **kw)


def watch(context, report: PageReport) -> None:
    """Record errors, foreign requests and bytes of everything context loads into report."""

    def block(route):
        report.foreign_requests.append(route.request.url)
        route.abort()

    context.route(lambda url: not is_local(url), block)

    def on_finished(request):
        response = request.response()
        if response is None:
            return
        if response.status >= 400:
            report.failed_requests.append(f"{response.status} {request.url}")
        size = body_bytes(request, response)
        if size is None:
            return
        kind = kind_of(request.resource_type, request.url)
        report.bytes_by_kind[kind] = report.bytes_by_kind.get(kind, 0) + size
        report.resources.append((kind, request.url, size))

    def on_failed(request):
        if is_local(request.url):
            report.failed_requests.append(f"{request.failure} {request.url}")

    context.on("requestfinished", on_finished)
    context.on("requestfailed", on_failed)

    def on_console(message) -> None:
        if message.type == "error":
            report.console_errors.append(message.text[:300])

    def on_page(page):
        page.on("console", on_console)
        page.on("pageerror", lambda e: report.console_errors.append(f"pageerror: {str(e)[:300]}"))

    context.on("page", on_page)


def settle(page) -> None:
    """Wait until the page and what its scripts fetch while loading have arrived."""
    page.wait_for_load_state("load")
    try:
        page.wait_for_load_state("networkidle", timeout=15000)
    except Exception:
        pass
    page.wait_for_timeout(SETTLE_MS)


def load(browser: Browser, url: str, width: int = 1280, height: int = 900) -> tuple[PageReport, Page, BrowserContext]:
    """Open url in a fresh context (empty cache); returns (report, page, context): close the context."""
    report = PageReport(url)
    context = new_context(browser, width, height)
    watch(context, report)
    page = context.new_page()
    page.goto(url, wait_until="load", timeout=60000)
    settle(page)
    return report, page, context


def axe_source() -> str:
    path = chromium.node_tools() / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} missing: run scripts/install-test-tools.sh (npm ci in tools/)")
    return path.read_text(encoding="utf-8")


def axe(page) -> list[dict]:
    """axe-core violations of the page: [{id, impact, help, nodes: [{target, html}]}]."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200)}))}));
    }""")


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']}")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}  {n['html']}")
    return "\n".join(lines)
