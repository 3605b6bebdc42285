"""Small display filters of the course pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def minutes(value: float | None) -> str:
    """A duration in minutes, in the unit a person would say: 9 min, 5.2 h, 3.1 days."""
    if value is None:
        return "—"
    if value < 90:
        return f"{value:.0f} min"
    if value < 48 * 60:
        return f"{value / 60:.1f} h"
    return f"{value / 1440:.1f} days"
