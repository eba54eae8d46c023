"""Small inline SVG charts for the printable report: no scripts, no fonts or files fetched.

Each chart is a horizontal bar chart whose width follows the page (``viewBox``),
labels in the SVG as text, and an accessible ``<title>`` per bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..text import format_number

__all__ = ["Bar", "Segment", "stacked_bars", "wrap"]

WIDTH = 760
LABEL_W = 330
VALUE_W = 110
ROW_H = 22
LINE_H = 13
BAR_H = 15
FONT = 11


@dataclass(frozen=True)
class Segment:
    """One part of a bar: how many, its colour, and what it is."""

    count: float
    colour: str
    label: str
    text: str | None = None  # shown inside the segment; the count when not given, nothing when ""


@dataclass(frozen=True)
class Bar:
    """One row of a chart: a label, its parts and the text shown after the bar."""

    label: str
    segments: Sequence[Segment]
    value_text: str


def wrap(text: str, chars: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``chars`` characters, cut with "…" if longer."""
    out: list[str] = []
    current = ""
    words = [w[i : i + chars] for w in text.split() for i in range(0, len(w), chars)]  # a long word is cut
    for word in words:
        if current and len(current) + 1 + len(word) > chars:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: chars - 1].rstrip() + "…"
    return out or [""]


def stacked_bars(bars: Sequence[Bar], *, title: str, label_chars: int = 46) -> Markup:
    """Bars each filling the width in proportion to their segments (100% stacked); labels wrap on two lines."""
    labels = [wrap(bar.label, label_chars) for bar in bars]
    heights = [ROW_H + (len(lines) - 1) * LINE_H for lines in labels]
    height = sum(heights) + 8
    plot_w = WIDTH - LABEL_W - VALUE_W
    out = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
    ]
    top = 4
    for bar, lines, row_h in zip(bars, labels, heights, strict=True):
        y = top + (row_h - ROW_H) // 2
        top += row_h
        total = sum(s.count for s in bar.segments)
        first = y + BAR_H - 4 - (len(lines) - 1) * LINE_H / 2
        spans = "".join(
            f'<tspan x="{LABEL_W - 8}" y="{first + k * LINE_H:.1f}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        out.append(f'<text text-anchor="end"><title>{escape(bar.label)}</title>{spans}</text>')
        out.append(
            f'<rect x="{LABEL_W}" y="{y}" width="{plot_w}" height="{BAR_H}" fill="#ffffff" stroke="#8c8c8c" '
            'stroke-width="0.6"/>'
        )
        x = float(LABEL_W)
        for seg in bar.segments:
            if total <= 0 or seg.count <= 0:
                continue
            w = plot_w * seg.count / total
            out.append(
                f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{BAR_H}" fill="#{seg.colour}">'
                f"<title>{escape(seg.label)}</title></rect>"
            )
            inside = seg.text if seg.text is not None else format_number(seg.count)
            if inside and w >= 7 * len(inside) + 4:
                out.append(
                    f'<text x="{x + w / 2:.2f}" y="{y + BAR_H - 4}" text-anchor="middle" fill="#1a1a1a">'
                    f"{escape(inside)}</text>"
                )
            x += w
        out.append(f'<text x="{LABEL_W + plot_w + 6}" y="{y + BAR_H - 4}">{escape(bar.value_text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
