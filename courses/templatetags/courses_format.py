"""Small display filters of the course pages."""

from __future__ import annotations

from datetime import datetime

from django import template

from catalog.deadlines import due_display

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


@register.filter
def due_in(value: datetime | None, time_zone: str) -> str:
    """A due date on the course's clock, with the zone: "Sat 12 Dec 2026, 23:59 CET
    (Europe/Berlin)"; "—" when there is none."""
    return due_display(value, time_zone) if value else "—"


@register.filter
def lookup(mapping: dict[str, object], key: str) -> object:
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key) if isinstance(mapping, dict) else None
