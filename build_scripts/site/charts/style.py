"""Colours and marker shapes of the charts (their French labels come from dataset/wording.py).

Colours come from the Okabe–Ito palette (distinguishable with the common forms of
colour blindness), in two variants: darker for the light theme, the original
brighter tones for the dark theme, so that every mark keeps a 3:1 contrast with the
page background in both (tests/test_charts_style.py checks it). Figures are written
with the light colours; ``layout.meta.themes`` tells charts.js how to swap them when
the reader switches to the dark theme.
"""

from __future__ import annotations

from build_scripts.dataset import wording

# Page backgrounds of Material's two schemes ("default" and "slate").
BACKGROUND = {"light": "#ffffff", "dark": "#1e2129"}

# Named colour slots -> (light theme, dark theme).
COLOURS = {
    "blue": ("#0072B2", "#56B4E9"),
    "orange": ("#9E6A00", "#E69F00"),
    "green": ("#007A5A", "#009E73"),
    "vermillion": ("#D55E00", "#E8743B"),
    "purple": ("#A8467F", "#CC79A7"),
    "grey": ("#5F6368", "#A0A4AB"),
}
# Colours of the text and of the axes' grid in each theme.
INK = {
    "light": {"font": "#1f2328", "grid": "#d7dbe0", "line": "#8a9099", "hover": "#ffffff"},
    "dark": {"font": "#e2e4e9", "grid": "#3b3f4a", "line": "#8a9099", "hover": "#2e303e"},
}

# Event kinds: a family (colour and lane of the timeline) and a marker shape of their own.
FAMILIES = [  # (family, French label, colour slot)
    (family, wording.EVENT_FAMILIES[family], slot)
    for family, slot in (
        ("rencontres", "blue"),
        ("ecrits", "orange"),
        ("accords", "green"),
        ("force", "vermillion"),
        ("projets", "purple"),
    )
]
KINDS = {  # kind -> (family, plotly symbol, French label)
    kind: (family, symbol, wording.kind_label(kind))
    for kind, family, symbol in (
        ("summit", "rencontres", "star"),
        ("meeting", "rencontres", "circle"),
        ("visit", "rencontres", "triangle-up"),
        ("letter", "ecrits", "square"),
        ("statement", "ecrits", "diamond"),
        ("invitation", "ecrits", "pentagon"),
        ("agreement", "accords", "hexagon"),
        ("establishment", "accords", "star-square"),
        ("recognition", "accords", "star-diamond"),
        ("anniversary", "accords", "hexagram"),
        ("military", "force", "triangle-down"),
        ("sanctions", "force", "x"),
        ("project", "projets", "cross"),
        ("inauguration", "projets", "diamond-tall"),
        ("tourism", "projets", "circle"),
    )
}
UNKNOWN_KIND = ("projets", "circle", wording.OTHER_KIND)

# Status of a meeting, summit or visit: how its marks are drawn. Events without a status
# (a statement, a letter) are facts reported as such: drawn like "held".
# status -> (French label for the legend, symbol suffix, opacity, dash of segments)
STATUSES = {
    status: (wording.status_legend(status), suffix, opacity, dash)
    for status, suffix, opacity, dash in (
        ("held", "", 1.0, "solid"),
        ("planned", "-open", 1.0, "dash"),
        ("proposed", "-open-dot", 1.0, "dot"),
        ("alleged", "", 0.45, "dashdot"),
        ("cancelled", "-open", 0.45, "longdash"),
    )
}

# Colours given in turn to the articles of the mentions chart.
SERIES = ["blue", "orange", "green", "vermillion", "purple", "grey"]

FONT = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'


def short(label: str, limit: int = 22) -> str:
    """A label cut to fit a phone's axis (the hover and the table keep it whole)."""
    label = " ".join(str(label).split())
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def colour(slot: str, theme: str = "light") -> str:
    light, dark = COLOURS[slot]
    return light if theme == "light" else dark


def kind_style(kind: str | None) -> tuple[str, str, str]:
    """(family, symbol, label) of an event kind."""
    return KINDS.get(kind or "", UNKNOWN_KIND)


def family_colour(family: str) -> str:
    for fid, _label, slot in FAMILIES:
        if fid == family:
            return colour(slot)
    return colour("grey")


def themes_meta() -> dict:
    """What charts.js needs to re-theme a figure: page inks and light -> dark colour swaps."""
    return {
        "light": dict(INK["light"]),
        "dark": dict(INK["dark"], swap=dict(sorted(COLOURS.values()))),
    }


def base_layout(height: int) -> dict:
    ink = INK["light"]
    return {
        "height": height,
        "autosize": True,
        "separators": ",\u202f",
        "font": {"family": FONT, "size": 13, "color": ink["font"]},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"bgcolor": ink["hover"], "font": {"color": ink["font"], "size": 13}, "align": "left"},
        "hovermode": "closest",
        "dragmode": False,
        "meta": {"themes": themes_meta()},
    }


def axis(**extra) -> dict:
    ink = INK["light"]
    out = {
        "gridcolor": ink["grid"],
        "linecolor": ink["line"],
        "zeroline": False,
        "automargin": True,
        "fixedrange": True,
    }
    out.update(extra)
    return out
