"""Record and article ids: the one slug function (lowercase ASCII words joined by '-')."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """'Choe Son Hui à Moscou' -> 'choe-son-hui-a-moscou' ('x' when nothing is left)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return re.sub(r"-{2,}", "-", text) or "x"
