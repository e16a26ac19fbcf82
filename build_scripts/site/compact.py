"""The built pages without the indentation the theme's templates leave in them.

In: a built site directory. Out: its .html files rewritten in place, each run of white space
that holds a line break made one line break, between two tags (``>\\n        <`` becomes
``>\\n<``) and in the text between them (Material's ``<span class="md-ellipsis">`` holds its
word between eight lines of indentation). Material's templates indent every element of the
frame (header, navigation, search, footer, scripts): at 1,000 articles that white space was
4 MB of the site between tags and 0.8 MB more in their text (issue #15).

A browser draws the page the same: outside <pre>, <textarea>, <code> and <kbd> (white-space:
pre-wrap in the theme's CSS, where a line break shows), white space that holds a line break
is drawn as one space, or as nothing at the start or end of a line, whatever its length; one
line break is drawn the same. The text (an article's words, a quotation's) keeps its odd
spaces: runs of spaces without a line break, no-break spaces, are left as they are, and so
are tags and their attributes (a title="" keeps its line breaks), and the insides of <pre>,
<textarea>, <code>, <kbd>, <script>, <style> and <svg> (white space in SVG text counts
differently). Running it twice changes nothing.

An apostrophe written as a character reference in the text (``&#x27;``, as Python's
html.escape writes it, or ``&#39;``) is written as itself: 0.6 MB at 1,000 articles, where
the French text has one in most sentences. Between tags an apostrophe is text and nothing
else (it delimits nothing outside a tag); inside a tag, where it could end an attribute's
value, the reference is left as it is, and so are ``&lt;``, ``&gt;``, ``&amp;`` and ``&quot;``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from build_scripts.site import workers

# The elements whose insides are copied as they are.
KEEP = re.compile(r"<(pre|textarea|code|kbd|script|style|svg)\b.*?</\1\s*>", re.S | re.I)
# A tag, copied as it is (its attributes' white space and references included); outside any tag,
# a run of white space with a line break in it, made one line break, or an apostrophe's reference.
TAG_BREAK_OR_APOSTROPHE = re.compile(r"(<[^>]*>)|([ \t\r\n]*\n[ \t\r\n]*)|&#(?:x27|39);")


# The same, faster, where no tag holds a line break (a title="" on two lines: then the pass above):
# the text cut at its line breaks, each line stripped of the white space around it, the lines left
# empty dropped; then each apostrophe's reference not inside a tag written as the apostrophe. A tag
# is as above: from a "<" to the next ">".
TAG_WITH_BREAK = re.compile(r"<[^>]*\n[^>]*>")
APOSTROPHE = re.compile(r"&#(?:x27|39);")
SPACES = " \t\r"


def _piece(m: re.Match[str]) -> str:
    return m[1] or ("\n" if m[2] else "'")


def _stretch(text: str) -> str:
    if TAG_WITH_BREAK.search(text):
        return TAG_BREAK_OR_APOSTROPHE.sub(_piece, text)
    return _apostrophes(_breaks(text))


def _breaks(text: str) -> str:
    """Each run of white space that holds a line break made one line break (no tag holds one)."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    inner = [line.strip(SPACES) for line in lines[1:-1]]
    return "\n".join([lines[0].rstrip(SPACES), *[line for line in inner if line], lines[-1].lstrip(SPACES)])


def _apostrophes(text: str) -> str:
    """Each apostrophe's reference written as the apostrophe, except inside a tag."""
    if "&#" not in text:
        return text
    last_close = text.rfind(">")
    out = []
    at = 0
    for m in APOSTROPHE.finditer(text):
        x = m.start()
        if text.rfind("<", 0, x) > text.rfind(">", 0, x) and last_close > x:
            continue  # inside a tag: a "<" since the last ">", and a ">" to end it
        out += [text[at:x], "'"]
        at = m.end()
    out.append(text[at:])
    return "".join(out)


def compact(html: str) -> str:
    """The page without the indentation between its tags (see the module's docstring)."""
    out = []
    at = 0
    for m in KEEP.finditer(html):
        out += [_stretch(html[at : m.start()]), m.group(0)]
        at = m.end()
    out.append(_stretch(html[at:]))
    return "".join(out)


def compact_site(site_dir: Path) -> int:
    """Compact every page of a built site in place (the engine's output, written whole before this
    step: plain writes), on every core for a large site (workers.py); the number of pages rewritten."""
    return sum(workers.map_parts(_compact_files, sorted(Path(site_dir).rglob("*.html"))))


def start(site_dir: Path) -> workers.Pending[list[bool]]:
    """``compact_site`` started in another process (for a large site), to go on meanwhile; its
    result, a list saying whether each page changed. One process: meanwhile the finish improves
    the search index on this core and another (search.improve), then compresses it here alone; a
    second compacting process only made the four share the two cores the longer (at 1,000
    articles the finish took 2.9 to 3.1 s so, 2.75 to 2.85 s now).
    """
    paths = sorted(Path(site_dir).rglob("*.html"))
    return workers.start(functools.partial(_compact_files, paths), size=len(paths))


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
