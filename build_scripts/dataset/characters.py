"""Characters that text from outside must not carry into the data, the terminal or a page.

In: any string. Out: where the first unwanted character is, what kind it is, its name
(``U+202E (RIGHT-TO-LEFT OVERRIDE)``), and a copy of the string safe to print.

- control characters (C0 but tab and line feed, DEL, C1): an ESC read from a file
  would drive the editor's terminal; a NUL breaks spreadsheets reading the CSV;
- bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C): a
  right-to-left override inside a quote reverses the site's own words after it;
- lone surrogates (U+D800-U+DFFF): no UTF-8 file can hold them, so the export would fail.

Data files refuse all three; articles, which are kept verbatim, are flagged instead.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SURROGATE = "\ud800-\udfff"
FORBIDDEN = re.compile(f"[{_CONTROL}{_BIDI}{_SURROGATE}]")
# what a terminal must never receive raw (line ends included: one problem, one line)
_UNPRINTABLE = re.compile(f"[\n\t{_CONTROL}{_BIDI}{_SURROGATE}]")
BIDI = re.compile(f"[{_BIDI}]")
CONTROL = re.compile(f"[{_CONTROL}]")
SURROGATE = re.compile(f"[{_SURROGATE}]")

_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x07": "BELL",
    "\x08": "BACKSPACE",
    "\x0b": "VERTICAL TAB",
    "\x0c": "FORM FEED",
    "\x0d": "CARRIAGE RETURN",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
}
_NAMES = {"\u00a0": "NO-BREAK SPACE", "\u202f": "NARROW NO-BREAK SPACE", "\u200b": "ZERO WIDTH SPACE"}


def name(ch: str) -> str:
    """``U+00A0 (NO-BREAK SPACE)``: the code point and its Unicode name."""
    label = _NAMES.get(ch) or unicodedata.name(ch, "")
    if not label and unicodedata.category(ch) == "Cc":
        label = _CONTROL_NAMES.get(ch) or ("C1 control" if ord(ch) >= 0x80 else "control")
    if not label and SURROGATE.match(ch):
        label = "lone surrogate"
    return f"U+{ord(ch):04X} ({label})" if label else f"U+{ord(ch):04X}"


def first_forbidden(text: str) -> int | None:
    """Index of the first character that data must not hold, or None."""
    m = FORBIDDEN.search(text)
    return m.start() if m else None


def classify(ch: str) -> tuple[str, str, str]:
    """(problem code, what it is, how to fix it) for a character that FORBIDDEN matches."""
    if BIDI.match(ch):
        return (
            "bidi-control",
            "the invisible bidirectional control",
            "delete it (retype the text around it): it would reverse the order of the words shown after it.",
        )
    if SURROGATE.match(ch):
        return (
            "lone-surrogate",
            "the half character",
            "write the character itself, not its \\u escape (an emoji is one \\U0001xxxx escape, not two \\u ones).",
        )
    return (
        "control-character",
        "the invisible control character",
        "delete it (retype the text around it; it often comes with text pasted from a PDF or a terminal).",
    )


def printable(text: str) -> str:
    """The text with line ends, tabs and every invisible control written out (``\\n``, ``<U+001B>``)."""

    def show(m: re.Match) -> str:
        ch = m[0]
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or f"<U+{ord(ch):04X}>"

    return _UNPRINTABLE.sub(show, text)


def without_controls(text: str) -> str:
    """The text with control characters and lone surrogates replaced by U+FFFD (for downloads)."""
    return SURROGATE.sub("\ufffd", CONTROL.sub("\ufffd", text))


def invisible(ch: str) -> bool:
    """A character that looks like a plain space or like nothing (no-break, zero-width...)."""
    return ch != " " and (ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Cc"))


def clip(text: str, n: int = 60) -> str:
    text = printable(text)
    return text if len(text) <= n else text[: n - 1] + "…"
