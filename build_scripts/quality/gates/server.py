"""Serve a built site on 127.0.0.1 like GitHub Pages: gzip for text, 404.html, /dir -> /dir/.

    with serve(site_dir, port=0) as base_url:   # "http://127.0.0.1:PORT/"
        ...

A threaded server in a daemon thread of the calling process; it stops when the block ends.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import posixpath
import socket
import sys
import threading
import urllib.parse
from pathlib import Path

COMPRESSED = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/manifest+json",
)
TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".webmanifest": "application/manifest+json",
    ".csv": "text/csv",
    ".gz": "application/gzip",
}


def content_type(path: Path) -> str:
    ctype = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype in ("application/json", "image/svg+xml"):
        ctype += "; charset=utf-8"
    return ctype


def gzipped(body: bytes) -> bytes:
    """The body as GitHub Pages would send it (gzip, level 6)."""
    return gzip.compress(body, compresslevel=6, mtime=0)


def _handler(root: Path):
    cache: dict[tuple[Path, int], bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "rpdc-gates"

        def log_message(self, fmt, *args):  # quiet: the gates print what matters
            pass

        def _file(self) -> tuple[int, Path] | str:
            """(status, file to send), or the location a directory without its slash moves to."""
            raw = urllib.parse.urlsplit(self.path).path
            parts = [p for p in posixpath.normpath(urllib.parse.unquote(raw)).split("/") if p not in ("", ".", "..")]
            target = root.joinpath(*parts)
            if target.is_dir():
                if not raw.endswith("/"):
                    return raw + "/"
                target = target / "index.html"
            if target.is_file():
                return 200, target
            return 404, root / "404.html"

        def _serve(self, head: bool) -> None:
            found = self._file()
            if isinstance(found, str):
                self.send_response(301)
                self.send_header("Location", found)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            status, path = found
            if path.is_file():
                body, ctype = path.read_bytes(), content_type(path)
            else:
                body, ctype = b"404 Not Found", "text/plain; charset=utf-8"
            encoding = None
            if ctype.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", ""):
                key = (path, len(body))
                if key not in cache:
                    cache[key] = gzipped(body)
                body, encoding = cache[key], "gzip"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.send_header("Vary", "Accept-Encoding")
            if encoding:
                self.send_header("Content-Encoding", encoding)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def do_GET(self):
            self._serve(head=False)

        def do_HEAD(self):
            self._serve(head=True)

    return Handler


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser closing a connection it no longer needs is not an error of the site.

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path, port: int = 0):
    """Serve site_dir on 127.0.0.1:port (0: a free one); yields the base URL, ending in '/'."""
    root = Path(site_dir).resolve()
    if not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root}: no index.html, build the site first (make site)")
    server = _Server(("127.0.0.1", port), _handler(root))
    thread = threading.Thread(target=server.serve_forever, name="gates-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def free_port() -> int:

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
