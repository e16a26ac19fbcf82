"""Where Chromium is, and the flags every headless run needs on this machine.

Debian's `chromium` package is used (browser downloads such as `playwright install`
do not work here); CHROMIUM_PATH (or CHROME_PATH) overrides the usual paths.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CANDIDATES = (
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/lib/chromium/chromium",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
)

# Without the background-networking flags Chromium stalls on component updates,
# safe-browsing lists and sync (no network here).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
)


def find() -> str | None:
    """The Chromium binary to use, or None when there is none on this machine."""
    for var in ("CHROMIUM_PATH", "CHROME_PATH"):
        value = os.environ.get(var)
        if value:
            return value if os.access(value, os.X_OK) else None
    for path in CANDIDATES:
        if os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    return found


def playwright_args() -> list[str]:
    """Launch args for Playwright (which adds --headless itself)."""
    return [f for f in FLAGS if f != "--headless"]


def node_tools() -> Path:
    """tools/node_modules of this checkout (installed by scripts/install-test-tools.sh)."""
    return Path(__file__).resolve().parents[3] / "tools" / "node_modules"
