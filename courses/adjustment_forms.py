"""The extension and score-override forms of the student drill-down, and the page's part of
the context (``adjustment_context``), shared by its GET view and the POST views that re-show
it with errors."""

from __future__ import annotations

import zoneinfo
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone

from courses import adjustments
from courses.adjustments import MAX_REASON, MAX_TIME_MULTIPLIER, CourseItemRef
from courses.forms import DueDateField

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from courses.models import Course


class _ItemForm(forms.Form):
    item = forms.ChoiceField(label="Item")

    def __init__(
        self, *args: Any, items: list[CourseItemRef], time_zone: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone
        field = self.fields["item"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(i.key, f"{i.title} ({i.kind})") for i in items]

    def full_clean(self) -> None:
        # A datetime-local value is read on the course's clock, not the server's.
        with timezone.override(zoneinfo.ZoneInfo(self.time_zone)):
            super().full_clean()

    def refuse(self, refusal: adjustments.AdjustmentRefused) -> None:
        """Show a service's refusal on the field it names (or on the form)."""
        self.add_error(refusal.field if refusal.field in self.fields else None, refusal.message)


class ExtensionForm(_ItemForm):
    due_at = DueDateField(required=False, label="New due date")
    time_multiplier = forms.FloatField(
        required=False,
        min_value=1,
        max_value=MAX_TIME_MULTIPLIER,
        label="Time multiplier (timed quizzes)",
        help_text="1.5 gives half as much time again.",
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )
    reason = forms.CharField(max_length=MAX_REASON, label="Reason")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_at"].help_text = f"On the course's clock ({self.time_zone})."


class OverrideForm(_ItemForm):
    points = forms.FloatField(label="Points", min_value=0)
    reason = forms.CharField(max_length=MAX_REASON, label="Reason")


class RemoveForm(_ItemForm):
    """Which item's extension or override to remove."""


def adjustment_context(
    *,
    course: Course,
    student: User,
    extension_form: ExtensionForm | None = None,
    override_form: OverrideForm | None = None,
) -> dict[str, Any]:
    """The drill-down's items (due dates, extensions, overrides, points) and its two forms."""
    rows = adjustments.student_items(course=course, student=student)
    items = [row.item for row in rows]
    zone = course.time_zone
    return {
        "student_items": rows,
        "extension_form": extension_form
        or ExtensionForm(prefix="ext", items=items, time_zone=zone),
        "override_form": override_form or OverrideForm(prefix="ovr", items=items, time_zone=zone),
    }
