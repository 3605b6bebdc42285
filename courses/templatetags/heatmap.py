"""The heatmap's cells, rendered in Python: a 100 × N grid through the template engine cost
about 1 ms per ten cells, most of the page's time."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from courses.selectors import HeatmapRow

register = template.Library()


@register.simple_tag
def heatmap_cells(row: HeatmapRow) -> SafeString:
    url = escape(row.url)
    parts = []
    for cell in row.cells:
        if cell is None:
            parts.append('<td><span class="cell cell-none">·</span></td>')
        elif cell.solved_at is not None:
            n = cell.attempts_to_solve
            parts.append(
                f'<td><a class="cell cell-solved" data-state="solved" href="{url}" '
                f'title="solved at attempt {n}">{n}</a></td>'
            )
        else:
            n = cell.attempts
            parts.append(
                f'<td><a class="cell cell-attempted" data-state="attempted" href="{url}" '
                f'title="{n} attempts, not solved">{n}</a></td>'
            )
    return mark_safe("".join(parts))  # integers and an escaped URL only
