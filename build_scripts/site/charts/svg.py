"""A chart's Plotly figure drawn as a static SVG at build time, for the page's HTML.

In: a ``ChartSpec`` (its figure: the subset of Plotly the site's charts use: scatter markers and
line segments, horizontal bars, date / linear / category axes, annotations, line shapes).
Out: ``scene(spec, width)`` -> a ``Scene`` (plain data: paths, texts, marks with their hover
text), drawn by the template build_scripts/site/templates/partials/chart_svg.html (autoescape
on: every string is text, never markup).

The reader sees this drawing before any script runs, and with JavaScript off; charts.js later
swaps in the interactive Plotly chart at the same height. The SVG has a viewBox of ``width``
user units by ``spec.height``: the page shows a narrow variant (for phones) or a wide one
(``WIDTHS``), scaled to the column, so that its text stays at about the page's size.

Plotly label markup (``<b>``, ``<br>`` and entities, written by ``spec.text``) is turned back
into plain text here (``plain``) before the template escapes it again.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from dataclasses import dataclass, field
from typing import SupportsFloat

from build_scripts.dataset import wording
from build_scripts.site.charts import style

WIDTHS = {"narrow": 360, "wide": 720}
CHAR_EM = 0.56  # average width of a character of the system sans-serif, in em
EPOCH = dt.date(1970, 1, 1)
# Past this many marks, a mark's hover text in the drawing keeps its first BRIEF_LINES lines (who,
# when, how many): the page shows two drawings of every mark, and at 10,000 articles the event
# titles listed in each of the presence chart's 3,200 marks made the Acteurs page 4 MB, over the
# page budget. The interactive chart and the table under the chart still give them all.
BRIEF_AFTER = 600
BRIEF_LINES = 2


def plain(value: object) -> str:
    """Plotly label markup as plain text: <br> a line break, <b> dropped, entities decoded."""
    s = re.sub(r"</?b>", "", str(value if value is not None else ""))
    return html.unescape(s.replace("<br>", "\n"))


def num(v: float) -> float:
    """A coordinate as written in the SVG: to a tenth, "12" rather than "12.0"."""
    r = round(float(v), 1)
    return int(r) if r == int(r) else r


def text_width(s: str, size: float, bold: bool = False) -> float:
    return max((len(line) for line in s.split("\n")), default=0) * size * (CHAR_EM + (0.05 if bold else 0))


def number(value: object) -> float | None:
    """A number of the figure (a number, or a numeric string) as a float; None for anything else."""
    if not isinstance(value, str | SupportsFloat):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def day_number(value: object) -> float | None:
    """An ISO date (or date-time) as days since 1970-01-01."""
    if value is None:
        return None
    try:
        d = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return float((d - EPOCH).days)


def as_date(days: float) -> dt.date:
    return EPOCH + dt.timedelta(days=round(days))


# --- the scene: what the template draws ----------------------------------------------------


@dataclass
class Text:
    x: float
    y: float
    lines: list[str]
    size: float = 12
    anchor: str = "start"  # start, middle, end
    weight: str = "normal"
    fill: str = style.INK["light"]["font"]
    rotate: float = 0
    baseline: str = "auto"  # "auto" (y is the baseline), "middle", "hanging"
    cls: str = ""

    def __post_init__(self) -> None:
        self.x, self.y, self.size = num(self.x), num(self.y), num(self.size)

    @property
    def dys(self) -> list[float]:
        """The dy of each line's <tspan>: the first from y, the others from the line above."""
        step = num(self.size * 1.2)
        return [num(self.dy[0])] + [step] * (len(self.lines) - 1)

    @property
    def dy(self) -> list[float]:
        """Offset of each line from y, so that the block sits on its baseline option."""
        step = self.size * 1.2
        n = len(self.lines)
        first = {"middle": -(n - 1) * step / 2 + self.size * 0.35, "hanging": self.size * 0.8}.get(
            self.baseline, -(n - 1) * step
        )
        return [first + i * step for i in range(n)]


@dataclass
class Shape:
    d: str  # SVG path data
    fill: str = "none"
    stroke: str = "none"
    width: float = 0
    dash: str = ""
    opacity: float = 1
    cls: str = ""


@dataclass
class Mark:
    """A data mark: its shapes, its hover text (the SVG <title>), the record it stands for."""

    shapes: list[Shape]
    title: str
    ref: str = ""  # the id of the record (customdata), for the tap panel
    page: str = ""  # the page of the record's card, from the site root, when not the chart's own
    cls: str = "rpdc-svg__mark"


@dataclass
class Scene:
    width: float
    height: float
    grid: list[Shape] = field(default_factory=list)
    lines: list[Shape] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)


# --- axes ------------------------------------------------------------------------------------


@dataclass
class Axis:
    kind: str  # "date", "linear" or "category"
    lo: float  # value drawn at the start (left, or bottom)
    hi: float  # value drawn at the end (right, or top)
    ticks: list[tuple[float, str]]
    show_labels: bool
    categories: list[str] = field(default_factory=list)
    font: float = 12

    def value(self, v: object) -> float | None:
        if v is None:
            return None
        if self.kind == "date":
            return day_number(v)
        if self.kind == "category":
            try:
                return float(self.categories.index(str(v)))
            except ValueError:
                return None
        return number(v)


def nice_step(span: float, count: int) -> float:
    raw = span / max(count, 1)
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * mag >= raw:
            return m * mag
    return 10 * mag


def linear_ticks(lo: float, hi: float, count: int) -> list[tuple[float, str]]:
    a, b = min(lo, hi), max(lo, hi)
    step = nice_step(b - a, count)
    first = math.ceil(a / step) * step
    out = []
    v = first
    while v <= b + 1e-9:
        label = f"{v:.0f}" if abs(step) >= 1 else f"{v:g}".replace(".", ",")
        out.append((v, label))
        v += step
    return out


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def date_ticks(lo: float, hi: float, count: int) -> list[tuple[float, str]]:
    """Ticks on the first of a month or a year, at most ``count``, labelled in French."""
    a, b = as_date(min(lo, hi)), as_date(max(lo, hi))
    months = (b.year - a.year) * 12 + b.month - a.month + 1
    for step in (1, 2, 3, 4, 6, 12, 24, 60, 120, 240, 600):
        if months / step <= count:
            break
    out = []
    if step < 12:
        d = dt.date(a.year, a.month, 1)
        while (d.month - 1) % step:
            d = add_months(d, 1)
        while d <= b:
            if d >= a:
                out.append((day_number(d.isoformat()) or 0.0, wording.month(d, short=True)))
            d = add_months(d, step)
    else:
        years = step // 12
        y = a.year + (-a.year) % years
        while dt.date(y, 1, 1) <= b:
            d = dt.date(y, 1, 1)
            if d >= a:
                out.append((day_number(d.isoformat()) or 0.0, str(y)))
            y += years
    return out


def data_values(fig: dict, letter: str) -> list[object]:
    """The values of the traces on an axis; stacked bars count with their stacks' totals."""
    out: list[object] = []
    stacks: dict[str, float] = {}
    for tr in fig.get("data", []):
        if tr.get("type") == "bar" and fig.get("layout", {}).get("barmode") == "stack" and letter == "x":
            for x, y in zip(tr.get("x") or [], tr.get("y") or []):
                stacks[str(y)] = stacks.get(str(y), 0.0) + float(x)
            continue
        out += [v for v in tr.get(letter) or [] if v is not None]
    return out + list(stacks.values())


def make_axis(fig: dict, letter: str, length: float) -> Axis:
    ax = fig.get("layout", {}).get(letter + "axis", {})
    values = data_values(fig, letter)
    font = float((ax.get("tickfont") or {}).get("size", 12))
    show = ax.get("showticklabels", True)
    if ax.get("type") == "category" or (ax.get("categoryarray") and ax.get("type") != "date"):
        cats = [str(c) for c in ax.get("categoryarray") or dict.fromkeys(str(v) for v in values)]
        labels = dict(zip([str(v) for v in ax.get("tickvals") or []], ax.get("ticktext") or []))
        ticks = [(float(i), plain(labels.get(c, c))) for i, c in enumerate(cats)]
        lo, hi = (ax["range"][0], ax["range"][1]) if ax.get("range") else (-0.5, len(cats) - 0.5)
        if ax.get("autorange") == "reversed":
            lo, hi = len(cats) - 0.5, -0.5
        return Axis("category", float(lo), float(hi), ticks, show, cats, font)
    kind = "date" if ax.get("type") == "date" else "linear"

    def conv(v: object) -> float | None:
        if kind == "date":
            return day_number(v)
        return number(v)

    given = [conv(v) for v in ax.get("range") or []]
    if len(given) == 2 and given[0] is not None and given[1] is not None:
        lo, hi = given[0], given[1]
    else:
        nums = [n for n in (conv(v) for v in values) if n is not None] or [0.0, 1.0]
        lo, hi = min(nums), max(nums)
        if ax.get("rangemode") == "tozero":
            lo = min(lo, 0.0)
        pad = (hi - lo) * 0.05 or 1.0
        lo, hi = lo - (0 if ax.get("rangemode") == "tozero" else pad), hi + pad
    if ax.get("tickvals") is not None:
        ticks = [(conv(v) or 0.0, plain(t)) for v, t in zip(ax["tickvals"], ax.get("ticktext") or ax["tickvals"])]
    else:
        count = int(ax.get("nticks") or max(2, length // 90))
        count = min(count, max(2, int(length // 90)))
        ticks = date_ticks(lo, hi, count) if kind == "date" else linear_ticks(lo, hi, count)
    return Axis(kind, lo, hi, ticks, show, [], font)


# --- marker shapes (Plotly's symbols, size = diameter) ------------------------------------------


def polygon(cx: float, cy: float, r: float, n: int, start: float = -90, inner: float | None = None) -> str:
    pts = []
    for i in range(n * (2 if inner else 1)):
        ang = math.radians(start + i * 360 / (n * (2 if inner else 1)))
        rr = r if not inner or i % 2 == 0 else r * inner
        pts.append(f"{cx + rr * math.cos(ang):.1f},{cy + rr * math.sin(ang):.1f}")
    return "M" + "L".join(pts) + "Z"


def symbol_path(symbol: str, cx: float, cy: float, size: float) -> str:
    r = size / 2
    base = symbol.replace("-open-dot", "").replace("-open", "").replace("-dot", "")
    if base == "circle":
        return f"M{cx - r:.1f},{cy:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0Z"
    if base == "square":
        return f"M{cx - r * 0.85:.1f},{cy - r * 0.85:.1f}h{1.7 * r:.1f}v{1.7 * r:.1f}h{-1.7 * r:.1f}Z"
    if base == "diamond":
        return polygon(cx, cy, r * 1.15, 4)
    if base == "diamond-tall":
        return f"M{cx:.1f},{cy - r * 1.2:.1f}L{cx + r * 0.7:.1f},{cy:.1f}L{cx:.1f},{cy + r * 1.2:.1f}L{cx - r * 0.7:.1f},{cy:.1f}Z"
    if base == "triangle-up":
        return polygon(cx, cy + r * 0.15, r * 1.1, 3)
    if base == "triangle-down":
        return polygon(cx, cy - r * 0.15, r * 1.1, 3, start=90)
    if base == "pentagon":
        return polygon(cx, cy, r, 5)
    if base == "hexagon":
        return polygon(cx, cy, r, 6)
    if base in ("star", "hexagram", "star-square", "star-diamond"):
        n = {"star": 5, "hexagram": 6, "star-square": 4, "star-diamond": 4}[base]
        start = {"star-square": -45}.get(base, -90)
        return polygon(cx, cy, r * 1.2, n, start=start, inner={"star": 0.45, "hexagram": 0.58}.get(base, 0.4))
    if base in ("cross", "x"):
        w = r * 0.35
        pts = [
            (-w, -r),
            (w, -r),
            (w, -w),
            (r, -w),
            (r, w),
            (w, w),
            (w, r),
            (-w, r),
            (-w, w),
            (-r, w),
            (-r, -w),
            (-w, -w),
        ]
        if base == "x":
            c, s = math.cos(math.pi / 4), math.sin(math.pi / 4)
            pts = [(x * c - y * s, x * s + y * c) for x, y in pts]
        return "M" + "L".join(f"{cx + x:.1f},{cy + y:.1f}" for x, y in pts) + "Z"
    return symbol_path("circle", cx, cy, size)


def sample(symbol: str, faded: bool = False) -> Mark:
    """A legend sample: ``symbol`` drawn 12 units wide, centred in a 16 x 16 box."""
    return Mark(marker_shapes(symbol, 8, 8, 11, style.colour("grey"), {"width": 2}, 0.45 if faded else 1), "")


def marker_shapes(
    symbol: str, cx: float, cy: float, size: float, colour: str, line: dict, opacity: float
) -> list[Shape]:
    stroke = line.get("color", colour)
    width = float(line.get("width", 1))
    d = symbol_path(symbol, cx, cy, size)
    if "-open" in symbol:
        out = [
            Shape(
                d,
                fill=style.BACKGROUND["light"],
                stroke=colour,
                width=max(width, 1.5),
                opacity=opacity,
                cls="rpdc-svg__open",
            )
        ]
        if symbol.endswith("-dot"):
            out.append(Shape(symbol_path("circle", cx, cy, size * 0.3), fill=colour, opacity=opacity))
        return out
    return [Shape(d, fill=colour, stroke=stroke, width=width, opacity=opacity)]


def pick(value: object, i: int, default: object = None) -> object:
    if isinstance(value, list):
        return value[i] if i < len(value) else default
    return default if value is None else value


DASHES = {"solid": "", "dash": "6 4", "dot": "2 3", "dashdot": "6 3 2 3", "longdash": "10 4"}


# --- the scene ----------------------------------------------------------------------------------


def scene(spec, width: float) -> Scene:
    """The drawing of ``spec``'s figure in a box ``width`` user units wide and ``spec.height`` high."""
    fig = spec.figure
    layout = fig.get("layout", {})
    height = float(spec.height)
    sc = Scene(width, height)
    margin = layout.get("margin", {})
    xa_conf, ya_conf = layout.get("xaxis", {}), layout.get("yaxis", {})
    left = float(margin.get("l", 8))
    right = float(margin.get("r", 12))
    top = float(margin.get("t", 8))
    bottom = float(margin.get("b", 8))
    ya = make_axis(fig, "y", height - top - bottom)
    fixed = xa_conf.get("automargin") is False  # the figure gives its margins: they hold the tick labels
    if ya.show_labels and ya.ticks and ya_conf.get("automargin") is not False:
        left += max(text_width(t, ya.font) for _v, t in ya.ticks) + 6
    xa = make_axis(fig, "x", width - left - right)
    if xa.show_labels and xa.ticks and not fixed:
        if xa_conf.get("tickangle") == -90:
            room = max(text_width(t, xa.font) for _v, t in xa.ticks) + 6
        else:
            room = xa.font * 1.2 * max(len(t.split("\n")) for _v, t in xa.ticks) + 6
        if xa_conf.get("side") == "top":
            top += room
        else:
            bottom += room
    x0, x1, y0, y1 = left, width - right, top, height - bottom

    def px(v: object) -> float | None:
        n = xa.value(v)
        return None if n is None or xa.hi == xa.lo else x0 + (n - xa.lo) / (xa.hi - xa.lo) * (x1 - x0)

    def py(v: object) -> float | None:
        n = ya.value(v)
        return None if n is None or ya.hi == ya.lo else y1 - (n - ya.lo) / (ya.hi - ya.lo) * (y1 - y0)

    ink = style.INK["light"]
    # grid, axis line and tick labels
    if xa_conf.get("showgrid", True) is not False:
        for v, _t in xa.ticks:
            x = x0 + (v - xa.lo) / (xa.hi - xa.lo) * (x1 - x0)
            if x0 - 0.5 <= x <= x1 + 0.5:
                sc.grid.append(Shape(f"M{x:.1f},{y0:.1f}V{y1:.1f}", stroke=ink["grid"], width=1))
    if ya_conf.get("showgrid", True) is not False and ya.kind != "linear":
        for v, _t in ya.ticks:
            y = y1 - (v - ya.lo) / (ya.hi - ya.lo) * (y1 - y0)
            sc.grid.append(Shape(f"M{x0:.1f},{y:.1f}H{x1:.1f}", stroke=ink["grid"], width=1))
    if xa_conf.get("showline"):
        y = y0 if xa_conf.get("side") == "top" else y1
        sc.grid.append(Shape(f"M{x0:.1f},{y:.1f}H{x1:.1f}", stroke=ink["line"], width=1))
    if xa.show_labels:
        for v, t in xa.ticks:
            x = x0 + (v - xa.lo) / (xa.hi - xa.lo) * (x1 - x0)
            if not x0 - 0.5 <= x <= x1 + 0.5:
                continue
            if xa_conf.get("tickangle") == -90:
                sc.texts.append(Text(x, y0 - 6, [t], xa.font, anchor="start", rotate=-90, baseline="middle"))
                continue
            w = text_width(t, xa.font)
            anchor = "middle"
            if x - w / 2 < 0:
                anchor, x = "start", max(x - w / 2, 0)
            elif x + w / 2 > width:
                anchor, x = "end", min(x + w / 2, width)
            if xa_conf.get("side") == "top":
                sc.texts.append(Text(x, y0 - 6, t.split("\n"), xa.font, anchor=anchor))
            else:
                sc.texts.append(Text(x, y1 + 6, t.split("\n"), xa.font, anchor=anchor, baseline="hanging"))
    if ya.show_labels:
        for v, t in ya.ticks:
            y = y1 - (v - ya.lo) / (ya.hi - ya.lo) * (y1 - y0)
            sc.texts.append(Text(x0 - 6, y, t.split("\n"), ya.font, anchor="end", baseline="middle"))
    # shapes and annotations of the layout (lane rules and names)
    for s in layout.get("shapes", []):
        if s.get("type") != "line":
            continue
        ya0, ya1 = py(s.get("y0")), py(s.get("y1"))
        xs = [x0 + float(s.get(k, 0)) * (x1 - x0) if s.get("xref") == "paper" else px(s.get(k)) for k in ("x0", "x1")]
        if None in (ya0, ya1, *xs):
            continue
        sc.grid.append(
            Shape(
                f"M{xs[0]:.1f},{ya0:.1f}L{xs[1]:.1f},{ya1:.1f}",
                stroke=(s.get("line") or {}).get("color", ink["grid"]),
                width=float((s.get("line") or {}).get("width", 1)),
            )
        )
    for a in layout.get("annotations", []):
        ax_ = x0 + float(a.get("x", 0)) * (x1 - x0) if a.get("xref") == "paper" else px(a.get("x"))
        ay = y0 + (1 - float(a.get("y", 0))) * (y1 - y0) if a.get("yref") == "paper" else py(a.get("y"))
        if ax_ is None or ay is None:
            continue
        font = a.get("font") or {}
        anchor = {"left": "start", "right": "end", "center": "middle"}.get(a.get("xanchor", "center"), "middle")
        baseline = {"bottom": "auto", "top": "hanging", "middle": "middle"}.get(a.get("yanchor", "middle"), "middle")
        sc.texts.append(
            Text(
                ax_,
                ay,
                plain(a.get("text", "")).split("\n"),
                float(font.get("size", 12)),
                anchor=anchor,
                baseline=baseline,
                fill=font.get("color", ink["font"]),
                weight="bold" if "<b>" in str(a.get("text", "")) else "normal",
                cls=a.get("_class", ""),
            )
        )
    # traces
    bar_ends: dict[str, float] = {}
    stacked = layout.get("barmode") == "stack"
    for tr in fig.get("data", []):
        if tr.get("type") == "bar":
            draw_bars(sc, tr, layout, xa, ya, px, py, x0, y0, y1, bar_ends if stacked else {})
        elif tr.get("type") == "scatter":
            draw_scatter(sc, tr, px, py, brief=spec.marks > BRIEF_AFTER)
    return sc


def draw_scatter(sc: Scene, tr: dict, px, py, brief: bool = False) -> None:
    xs, ys = tr.get("x") or [], tr.get("y") or []
    mode = tr.get("mode", "markers")
    if "lines" in mode:
        line = tr.get("line") or {}
        d, pen = "", False
        for x, y in zip(xs, ys):
            X, Y = px(x), py(y)
            if X is None or Y is None:
                pen = False
                continue
            d += f"{'L' if pen else 'M'}{X:.1f},{Y:.1f}"
            pen = True
        if d:
            sc.lines.append(
                Shape(
                    d,
                    stroke=line.get("color", style.colour("grey")),
                    width=float(line.get("width", 2)),
                    dash=DASHES.get(line.get("dash", "solid"), ""),
                )
            )
    if "markers" not in mode:
        return
    m = tr.get("marker") or {}
    texts = tr.get("hovertext") or tr.get("text") or []
    refs = tr.get("customdata") or []
    for i, (x, y) in enumerate(zip(xs, ys)):
        X, Y = px(x), py(y)
        if X is None or Y is None:
            continue
        symbol = str(pick(m.get("symbol"), i, "circle"))
        size = number(pick(m.get("size"), i, 8))
        opacity = number(pick(m.get("opacity"), i, 1))
        if size is None or opacity is None:
            raise ValueError(f"a marker's size or opacity is not a number: {m.get('size')!r}, {m.get('opacity')!r}")
        colour = str(pick(m.get("color"), i, style.colour("blue")))
        shapes = marker_shapes(symbol, X, Y, size, colour, m.get("line") or {}, opacity)
        title = plain(pick(texts, i, "")) if isinstance(texts, list) else plain(texts)
        if brief:
            title = "\n".join(title.split("\n")[:BRIEF_LINES])
        ref = pick(refs, i, "")
        meta: dict = tr["meta"] if isinstance(tr.get("meta"), dict) else {}
        # the page of each mark's record when they differ (a chronology cut by year), else the trace's
        page = pick(meta.get("pages"), i, None) if isinstance(meta.get("pages"), list) else meta.get("page")
        sc.marks.append(Mark(shapes, title, ref if isinstance(ref, str) else "", page if isinstance(page, str) else ""))


def draw_bars(
    sc: Scene,
    tr: dict,
    layout: dict,
    xa: Axis,
    ya: Axis,
    px,
    py,
    x0: float,
    y0: float,
    y1: float,
    ends: dict[str, float],
) -> None:
    step = abs((y1 - y0) / (ya.hi - ya.lo)) if ya.hi != ya.lo else 0
    thick = step * (1 - float(layout.get("bargap", 0.2)))
    m = tr.get("marker") or {}
    texts = tr.get("hovertext") or []
    labels = tr.get("text") or []
    for i, (x, y) in enumerate(zip(tr.get("x") or [], tr.get("y") or [])):
        start = ends.get(str(y), 0.0)
        a, b, cy = px(start), px(start + float(x)), py(y)
        if a is None or b is None or cy is None:
            continue
        if ends is not None and layout.get("barmode") == "stack":
            ends[str(y)] = start + float(x)
        colour = str(pick(m.get("color"), i, style.colour("blue")))
        d = f"M{a:.1f},{cy - thick / 2:.1f}H{b:.1f}V{cy + thick / 2:.1f}H{a:.1f}Z"
        sc.marks.append(Mark([Shape(d, fill=colour)], plain(pick(texts, i, ""))))
        if labels and tr.get("textposition") == "outside":
            font = tr.get("textfont") or {}
            sc.texts.append(
                Text(b + 4, cy, [plain(pick(labels, i, ""))], float(font.get("size", 12)), baseline="middle")
            )
