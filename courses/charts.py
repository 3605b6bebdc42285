"""Server-rendered SVG charts: no chart library, no script, nothing fetched at run time.

Each function returns a small accessible SVG (role="img", a <title>, and a <desc> listing
the values) ready to be inlined in a template.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR = "#2f6fde"
BAR_OK = "#1f8a4c"
AXIS = "#6b7280"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return float(step)
    return float(value)


def bar_chart(
    data: Sequence[tuple[str, float]],
    *,
    title: str,
    width: int = 640,
    height: int = 200,
    label_every: int = 1,
    overlay: Sequence[float] | None = None,
    unit: str = "",
) -> SafeString:
    """Vertical bars; ``overlay`` draws a second (e.g. "passed") series inside each bar."""
    left, bottom, top, right = 36, 28, 10, 8
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = _nice_max(max((v for _, v in data), default=0))
    n = max(len(data), 1)
    slot = plot_w / n
    bar_w = max(slot * 0.8, 1.0)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        "<desc>"
        + escape("; ".join(f"{label}: {value:g}{unit}" for label, value in data))
        + "</desc>",
    ]
    for fraction in (0, 0.5, 1):
        y = top + plot_h * (1 - fraction)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="#e1e3e8" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="{AXIS}">{peak * fraction:g}</text>'
        )
    for i, (label, value) in enumerate(data):
        x = left + i * slot + (slot - bar_w) / 2
        h = plot_h * (value / peak)
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}" fill="{BAR}"><title>{escape(label)}: {value:g}{unit}</title></rect>'
        )
        if overlay is not None and i < len(overlay):
            oh = plot_h * (overlay[i] / peak)
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - oh:.1f}" width="{bar_w:.1f}" '
                f'height="{oh:.1f}" fill="{BAR_OK}"/>'
            )
        if i % label_every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'font-size="10" fill="{AXIS}">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def meter(fraction: float, *, label: str, width: int = 80) -> SafeString:
    """A tiny horizontal bar for table cells (solve rates)."""
    fraction = min(max(fraction, 0.0), 1.0)
    return mark_safe(
        f'<svg class="meter" viewBox="0 0 {width} 10" width="{width}" height="10" role="img" '
        f'aria-label="{escape(label)}"><rect width="{width}" height="10" rx="3" fill="#e1e3e8"/>'
        f'<rect width="{width * fraction:.1f}" height="10" rx="3" fill="{BAR_OK}"/></svg>'
    )


def item_chart(
    points: Sequence[tuple[str, float, float | None]],
    *,
    title: str,
    width: int = 520,
    height: int = 260,
) -> SafeString:
    """Item analysis: one numbered dot per question at (difficulty, discrimination), with
    difficulty as 0-100 % earned and discrimination from -1 to 1. Questions without a
    discrimination (too few answers) are listed in the description but not drawn. A dashed
    line at 0.2 marks the usual "worth a look" threshold."""
    left, bottom, top, right = 46, 34, 12, 12
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(difficulty: float) -> float:
        return left + plot_w * min(max(difficulty, 0.0), 1.0)

    def y_of(discrimination: float) -> float:
        return top + plot_h * (1 - (min(max(discrimination, -1.0), 1.0) + 1) / 2)

    described = [
        f"{i}. {label}: {100 * d:.0f}% earned, discrimination "
        + ("not enough answers" if r is None else f"{r:.2f}")
        for i, (label, d, r) in enumerate(points, start=1)
    ]
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        "<desc>" + escape("; ".join(described)) + "</desc>",
    ]
    for value in (-1, -0.5, 0, 0.5, 1):
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{AXIS}" stroke-opacity=".3" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="{AXIS}">{value:g}</text>'
        )
    for value in (0, 0.25, 0.5, 0.75, 1):
        x = x_of(value)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" '
            f'stroke="{AXIS}" stroke-opacity=".3" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle" font-size="10" '
            f'fill="{AXIS}">{100 * value:g}%</text>'
        )
    y = y_of(0.2)
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{AXIS}" '
        f'stroke-width="1" stroke-dasharray="4 3"/>'
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
        f'font-size="10" fill="{AXIS}">mean points earned →</text>'
        f'<text x="10" y="{top + plot_h / 2:.1f}" text-anchor="middle" font-size="10" '
        f'fill="{AXIS}" transform="rotate(-90 10 {top + plot_h / 2:.1f})">discrimination →</text>'
    )
    for i, (_label, difficulty, discrimination) in enumerate(points, start=1):
        if discrimination is None:
            continue
        cx, cy = x_of(difficulty), y_of(discrimination)
        parts.append(
            f'<g><circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="{BAR}" fill-opacity=".85"/>'
            f'<text x="{cx:.1f}" y="{cy + 3.5:.1f}" text-anchor="middle" font-size="10" '
            f'fill="#fff">{i}</text><title>{escape(described[i - 1])}</title></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
