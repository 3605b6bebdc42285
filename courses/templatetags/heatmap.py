"""The heatmap's cells, rendered in Python: a 100 × N grid through the template engine cost
about 1 ms per ten cells, most of the page's time."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from courses.exports import number
from courses.scoring import GradebookItem
from courses.selectors import HeatmapRow, ScoreCell

register = template.Library()


def cell_label(title: str, cell: ScoreCell) -> str:
    """What a cell says to a screen reader and in its tooltip: the item, the points, why."""
    parts = [f"{title}: {number(cell.points)} of {number(cell.possible)} points"]
    if cell.attempts:
        parts.append(f"{cell.attempts} attempt{'s' if cell.attempts != 1 else ''}")
    if cell.late:
        parts.append("late")
    if cell.overridden:
        parts.append("score set by staff")
    return ", ".join(parts)


@register.simple_tag
def heatmap_cells(row: HeatmapRow, columns: list[GradebookItem]) -> SafeString:
    url = escape(row.url)
    parts = []
    for item, cell in zip(columns, row.cells, strict=True):
        if cell is None:
            parts.append('<td><span class="cell cell-none">·</span></td>')
            continue
        label = escape(cell_label(item.title, cell))
        marks = ('<sup aria-hidden="true">L</sup>' if cell.late else "") + (
            '<sup aria-hidden="true">*</sup>' if cell.overridden else ""
        )
        late = " cell-late" if cell.late else ""
        parts.append(
            f'<td><a class="cell cell-{cell.band}{late}" data-band="{cell.band}" '
            f'data-item="{escape(item.key)}" href="{url}" title="{label}" '
            f'aria-label="{label}">{round(100 * cell.fraction)}{marks}</a></td>'
        )
    return mark_safe("".join(parts))  # numbers, escaped labels and URL only
