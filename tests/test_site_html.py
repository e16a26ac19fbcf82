"""Reading a built site for the site tests (no tests here): ids, links and resource URLs of every page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

BASE = "http://site.invalid/"
# Attributes that make the browser fetch something (a request), by tag.
RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "track": ("src",),
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


@dataclass
class Page:
    path: Path
    url: str  # absolute URL under BASE
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, dict]] = field(default_factory=list)  # (tag, url, attrs)
    resources: list[str] = field(default_factory=list)
    text: str = ""


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._style = False
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for key in ("id", "name"):
            if key in a and (key == "id" or tag == "a"):
                self.page.ids.add(a[key])
        if tag == "a" and "href" in a:
            self.page.links.append((tag, a["href"], a))
        if tag == "link" and "href" in a:
            rel = a.get("rel", "")
            self.page.links.append((tag, a["href"], a))
            if rel not in ("canonical", "alternate"):
                self.page.resources.append(a["href"])
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if attr in a:
                for part in a[attr].split(","):
                    if part.strip():
                        self.page.resources.append(part.strip().split()[0])
                if tag in ("script", "img", "iframe", "source"):
                    self.page.links.append((tag, a[attr], a))
        if "style" in a:
            self.page.resources += CSS_URL.findall(a["style"])
        if tag == "style":
            self._style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._style = False

    def handle_data(self, data):
        if self._style:
            self.page.resources += CSS_URL.findall(data)
        else:
            self._text.append(data)


def page_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return BASE + rel


def read_site(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page(path, page_url(site, path))
        p = _Parser(page)
        p.feed(path.read_text(encoding="utf-8"))
        page.text = "".join(p._text)
        pages[page.url] = page
    return pages


def target_file(site: Path, absolute: str) -> Path | None:
    """The file a same-site URL points to, or None when it does not exist."""
    path = unquote(urlsplit(absolute).path)[len(urlsplit(BASE).path) :]
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def is_local(url: str) -> bool:
    s = urlsplit(url)
    return not s.scheme and not s.netloc


def resolve(page: Page, href: str) -> str:
    return urljoin(page.url, href)
