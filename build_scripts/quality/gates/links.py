"""Broken internal links and anchors of a built site, read from its files.

Every href/src of every HTML page that points into the site (relative, root-relative or
under the site's own address) must name a file of the site, and its #fragment an id (or
a named anchor) of the target page. Links to other hosts are counted, not followed (no
network here; they are the articles' addresses and the issue form).

Written here rather than taken from linkinator: linkinator 7 checks a URL once, so a
broken #fragment on a page already visited without it goes unreported (tried).
"""

from __future__ import annotations

import dataclasses
import html.parser
import urllib.parse
from functools import cache
from pathlib import Path

LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@dataclasses.dataclass
class Broken:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link} -> {self.reason}"


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        attr = LINK_ATTRS.get(tag)
        if attr and a.get(attr):
            if tag == "link" and not set((a.get("rel") or "").split()) & {
                "stylesheet",
                "icon",
                "canonical",
                "prev",
                "next",
                "preload",
                "manifest",
            }:
                return
            self.links.append(a[attr])


@cache
def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, url_path: str) -> Path | None:
    rel = urllib.parse.unquote(url_path).lstrip("/")
    candidate = site / rel
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check(site_dir: Path, site_url: str = "http://127.0.0.1/") -> tuple[int, int, list[Broken]]:
    """(internal links checked, external links seen, broken internal links) of the site in site_dir.

    site_url is the address the site was built for: absolute links under it are internal.
    """
    site = Path(site_dir).resolve()
    _parse.cache_clear()
    origin = urllib.parse.urlsplit(site_url)
    base_path = origin.path if origin.path.endswith("/") else origin.path + "/"
    internal = external = 0
    broken: list[Broken] = []
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        page_url = urllib.parse.urljoin(f"{origin.scheme}://{origin.netloc}{base_path}", rel)
        page = _parse(html_file)
        for link in page.links:
            url = urllib.parse.urljoin(urllib.parse.urljoin(page_url, page.base or ""), link)
            parts = urllib.parse.urlsplit(url)
            if parts.scheme not in ("http", "https") or parts.netloc != origin.netloc:
                if parts.scheme in ("http", "https"):
                    external += 1
                continue
            if not parts.path.startswith(base_path):
                broken.append(Broken(rel, link, "outside the site"))
                continue
            internal += 1
            target = _target(site, parts.path[len(base_path) :])
            if target is None:
                broken.append(Broken(rel, link, "no such file"))
                continue
            if parts.fragment and target.suffix == ".html":
                fragment = urllib.parse.unquote(parts.fragment)
                if fragment not in _parse(target).ids:
                    broken.append(Broken(rel, link, f"no id '{fragment}' in {target.relative_to(site).as_posix()}"))
    return internal, external, broken
