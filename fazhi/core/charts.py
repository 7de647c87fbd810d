"""Charts for pages and documents, drawn from one description.

A ``Chart`` (categories, one or more series, vertical or horizontal bars) is laid out once
into shapes (rectangles, lines, texts) in a coordinate space of ``width`` units; ``svg()``
writes those shapes as inline SVG for a page or a PDF (WeasyPrint draws SVG), ``png()`` paints
the same shapes with Pillow for a Word document (which takes no SVG). So the chart on the
page is the chart in the report: the same bars, labels, values and legend.

Readable by rule: every text is at least 12 units (the SVG is sized in ``em``, so a unit is
a CSS pixel at the normal text size and grows with the large-text mode; a narrow phone
scrolls the chart sideways instead of shrinking it), axes with ticks at round numbers, the
value at the end of every bar, a legend whenever there is more than one series, colours from
the Okabe-Ito palette (told apart by people with colour-blindness).

Why our own module (ARCHITECTURE.md): two kinds of bars are all the pages and reports need;
the SVG is text (searchable, translated, no script, allowed by the page's CSP) and the PNG
comes from Pillow, which Fazhi already has; a charting library would bring a script bundle
for pages and still need a second renderer for documents.
"""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
TEXT = "#1f2328"
MUTED = "#57606a"
GRID = "#d0d7de"
FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"
LABEL = 13  # axis labels, values and legend (at least 12: issue 13)
TITLE = 16


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


@dataclass(frozen=True)
class Chart:
    """``kind``: "columns" (categories along the bottom, e.g. months) or "bars" (categories
    down the left, e.g. communities)."""

    title: str
    categories: list[str]
    series: list[Series]
    kind: str = "columns"
    unit: str = ""
    width: int = 640

    @property
    def empty(self) -> bool:
        return not self.categories or not any(v for s in self.series for v in s.values)


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    tip: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: int = LABEL
    anchor: str = "start"  # start | middle | end
    fill: str = TEXT
    bold: bool = False


@dataclass
class Layout:
    width: float
    height: float
    shapes: list[Any] = field(default_factory=list)


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round tick values from 0 covering ``top`` (0, 50, 100, ...)."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _text_width(text: str, size: int) -> float:
    """Estimated width: a Chinese character is one em, a Latin one about half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.58 for ch in text)


def _legend(chart: Chart, y: float, shapes: list[Any]) -> float:
    if len(chart.series) < 2:
        return y
    x = 0.0
    for i, s in enumerate(chart.series):
        shapes.append(Rect(x, y - 11, 12, 12, PALETTE[i % len(PALETTE)]))
        shapes.append(Text(x + 17, y, s.name))
        x += 17 + _text_width(s.name, LABEL) + 18
    return y + 22


def layout(chart: Chart) -> Layout:
    shapes: list[Any] = [Text(0, TITLE + 2, chart.title, TITLE, bold=True)]
    y = _legend(chart, TITLE + 26, shapes) if len(chart.series) > 1 else TITLE + 16
    top = max((v for s in chart.series for v in s.values), default=0)
    ticks = nice_ticks(top)
    if chart.kind == "bars":
        return _bars(chart, shapes, y, ticks)
    return _columns(chart, shapes, y, ticks)


def _columns(chart: Chart, shapes: list[Any], y0: float, ticks: list[float]) -> Layout:
    axis_w = max(_text_width(_number(t), LABEL) for t in ticks) + 8
    plot_top, plot_h = y0 + 18, 180.0
    left, right = axis_w, chart.width - 4
    bottom = plot_top + plot_h
    scale = plot_h / ticks[-1]
    for t in ticks:
        ty = bottom - t * scale
        shapes.append(Line(left, ty, right, ty))
        shapes.append(Text(left - 6, ty + 4, _number(t), anchor="end", fill=MUTED))
    slot = (right - left) / max(len(chart.categories), 1)
    n = len(chart.series)
    bar_w = min(slot * 0.8 / n, 40)
    group_w = bar_w * n
    for c, label in enumerate(chart.categories):
        x0 = left + c * slot + (slot - group_w) / 2
        for i, s in enumerate(chart.series):
            value = s.values[c] if c < len(s.values) else 0
            h = (value or 0) * scale
            x = x0 + i * bar_w
            shapes.append(Rect(x, bottom - h, bar_w - 1, h, PALETTE[i % len(PALETTE)],
                               f"{label} {s.name}: {_number(value)}{chart.unit}"))
            if value:
                shapes.append(Text(x + bar_w / 2, bottom - h - 4, _number(value),
                                   size=12, anchor="middle"))
        shapes.append(Text(left + c * slot + slot / 2, bottom + 18, label, anchor="middle"))
    shapes.append(Line(left, bottom, right, bottom, MUTED))
    shapes.append(Line(left, plot_top - 8, left, bottom, MUTED))
    return Layout(chart.width, bottom + 28, shapes)


def _bars(chart: Chart, shapes: list[Any], y0: float, ticks: list[float]) -> Layout:
    label_w = max((_text_width(c, LABEL) for c in chart.categories), default=0) + 10
    left, right = label_w, chart.width - 48
    n = len(chart.series)
    bar_h = 16.0
    row_h = bar_h * n + 10
    plot_top = y0 + 4
    scale = (right - left) / ticks[-1]
    bottom = plot_top + row_h * len(chart.categories)
    for t in ticks:
        tx = left + t * scale
        shapes.append(Line(tx, plot_top, tx, bottom))
        shapes.append(Text(tx, bottom + 16, _number(t), anchor="middle", fill=MUTED))
    for c, label in enumerate(chart.categories):
        ry = plot_top + c * row_h + 5
        shapes.append(Text(left - 8, ry + row_h / 2 + 0, label, anchor="end"))
        for i, s in enumerate(chart.series):
            value = s.values[c] if c < len(s.values) else 0
            w = (value or 0) * scale
            by = ry + i * bar_h
            shapes.append(Rect(left, by, w, bar_h - 2, PALETTE[i % len(PALETTE)],
                               f"{label} {s.name}: {_number(value)}{chart.unit}"))
            shapes.append(Text(left + w + 4, by + 12, _number(value), size=12))
    shapes.append(Line(left, plot_top, left, bottom, MUTED))
    return Layout(chart.width, bottom + 24, shapes)


def svg(chart: Chart) -> SafeString:
    """The chart as inline SVG (text escaped), sized in em so it follows the text size."""
    lay = layout(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'aria-label="{escape(chart.title)}" viewBox="0 0 {lay.width:.0f} {lay.height:.0f}" '
             f'width="{lay.width / 16:.2f}em" height="{lay.height / 16:.2f}em" '
             f'font-family="{FONT_FAMILY}">']
    for shape in lay.shapes:
        if isinstance(shape, Rect):
            tip = f"<title>{escape(shape.tip)}</title>" if shape.tip else ""
            parts.append(f'<rect x="{shape.x:.1f}" y="{shape.y:.1f}" width="{shape.w:.1f}" '
                         f'height="{shape.h:.1f}" fill="{shape.fill}">{tip}</rect>')
        elif isinstance(shape, Line):
            parts.append(f'<line x1="{shape.x1:.1f}" y1="{shape.y1:.1f}" x2="{shape.x2:.1f}" '
                         f'y2="{shape.y2:.1f}" stroke="{shape.stroke}" stroke-width="1"/>')
        else:
            weight = ' font-weight="bold"' if shape.bold else ""
            parts.append(f'<text x="{shape.x:.1f}" y="{shape.y:.1f}" font-size="{shape.size}" '
                         f'text-anchor="{shape.anchor}" fill="{shape.fill}"{weight}>'
                         f'{escape(shape.text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


@cache
def cjk_font() -> tuple[str, int] | None:
    """(file, index) of a font with Chinese glyphs that fontconfig knows, or None (then a PDF
    or chart image would print empty boxes; the caller says so plainly)."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    try:
        out = subprocess.run([fc_match, "-f", "%{file}|%{index}|%{lang}",  # noqa: S603
                              "sans-serif:lang=zh-cn"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _sep, rest = out.partition("|")
    index, _sep, langs = rest.partition("|")
    if not path or "zh-cn" not in langs.split("|"):
        return None
    return path, int(index or 0)


def png(chart: Chart, scale: int = 2) -> bytes | None:
    """The same chart as a PNG (for DOCX), or None when no Chinese font is installed."""
    font = cjk_font()
    if font is None:
        return None
    from PIL import Image, ImageDraw, ImageFont

    lay = layout(chart)
    image = Image.new("RGB", (math.ceil(lay.width * scale), math.ceil(lay.height * scale)),
                      "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[int, Any] = {}
    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for shape in lay.shapes:
        if isinstance(shape, Rect):
            if shape.w > 0 and shape.h > 0:
                draw.rectangle([shape.x * scale, shape.y * scale, (shape.x + shape.w) * scale,
                                (shape.y + shape.h) * scale], fill=shape.fill)
        elif isinstance(shape, Line):
            draw.line([shape.x1 * scale, shape.y1 * scale, shape.x2 * scale, shape.y2 * scale],
                      fill=shape.stroke, width=max(1, scale // 2))
        else:
            size = shape.size * scale
            if size not in fonts:
                fonts[size] = ImageFont.truetype(font[0], size, index=font[1])
            draw.text((shape.x * scale, shape.y * scale), shape.text, fill=shape.fill,
                      font=fonts[size], anchor=anchors[shape.anchor],
                      stroke_width=1 if shape.bold else 0, stroke_fill=shape.fill)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
