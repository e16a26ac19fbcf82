"""The built pages without the indentation the theme's templates leave between tags.

In: a built site directory. Out: its .html files rewritten in place, each run of white space
between two tags that holds a line break (``>\\n        <``) made one line break (``>\\n<``).
Material's templates indent every element of the frame (header, navigation, scripts): at
1,000 articles that white space was 4 MB of the site (issue #15).

A browser draws the page the same: a line break between two tags is white space as the
indentation was, where white space counts (between two inline elements) and where it does
not. Nothing else changes: the text (an article's words, a quotation's, with their odd
spaces), attributes, and the insides of <pre>, <textarea>, <script>, <style> and <svg>
(white space in SVG text counts differently) are left as they are. Running it twice
changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.site import workers

# The elements whose insides are copied as they are.
KEEP = re.compile(r"<(pre|textarea|script|style|svg)\b.*?</\1\s*>", re.S | re.I)
# White space with a line break in it after a tag, up to the next tag (or a kept element's start,
# the end of a stretch between two of them); LEAD, the same at a stretch's start (a kept element's end).
BETWEEN = re.compile(r">[ \t\r\n]*\n[ \t\r\n]*(?=<|\Z)")
LEAD = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*(?=<|\Z)")


def _stretch(text: str, after_tag: bool) -> str:
    text = BETWEEN.sub(">\n", text)
    lead = LEAD.match(text) if after_tag else None
    return "\n" + text[lead.end() :] if lead else text


def compact(html: str) -> str:
    """The page without the indentation between its tags (see the module's docstring)."""
    out = []
    at = 0
    for m in KEEP.finditer(html):
        out += [_stretch(html[at : m.start()], at > 0), m.group(0)]
        at = m.end()
    out.append(_stretch(html[at:], at > 0))
    return "".join(out)


def compact_site(site_dir: Path) -> int:
    """Compact every page of a built site in place (the engine's output, written whole before this
    step: plain writes), on every core for a large site (workers.py); the number of pages rewritten."""
    return sum(workers.map_parts(_compact_files, sorted(Path(site_dir).rglob("*.html"))))


def _compact_files(paths: list[Path]) -> list[bool]:
    """Each file compacted in place; whether it changed."""
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = compact(text)
        if new != text:
            path.write_text(new, encoding="utf-8", newline="")
        changed.append(new != text)
    return changed
