"""Forms of the course pages."""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django.forms.boundfield import BoundField, BoundWidget
from django.utils import timezone

from catalog.models import Exercise, Lesson, lesson_body_fields
from courses.models import Course, CourseExercise, CourseQuiz, LatePolicy
from courses.services import LateRule
from quizzes.models import Quiz

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_PK = 2**63 - 1


class PkMultipleChoiceField[M: Model](forms.ModelMultipleChoiceField[M]):
    """Rejects ids no database column can hold before they reach the query.

    A posted "9223372036854775808" would otherwise raise OverflowError in the SQLite driver
    (a 500) instead of the field's "not one of the choices" message.
    """

    def clean(self, value: Any) -> QuerySet[M]:
        # The parent prepares the value the same way; an empty value or one that is not a
        # list never reaches its lookups ("required", none() or "invalid_list"), so only a
        # list needs the guard.
        prepared = self.prepare_value(value)
        if isinstance(prepared, list | tuple):
            for pk in prepared:
                text = str(pk).strip()
                if not text.isdigit() or int(text) > MAX_PK:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


@functools.cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Every IANA zone this Python knows, sorted (the select of the course form)."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def valid_time_zone(name: object) -> str | None:
    return name if isinstance(name, str) and name in zoneinfo.available_timezones() else None


class DueDateField(forms.DateTimeField):
    """A due date in a datetime-local input. Years are kept to 1970-9998: "9999-12-31T23:59"
    in a zone west of UTC is in the year 10000 in UTC, which PostgreSQL refuses (a 500
    instead of a message)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateTimeInput(attrs={"type": "datetime-local"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> datetime | None:
        cleaned: datetime | None = super().clean(value)
        if cleaned is not None and not 1970 <= cleaned.year <= 9998:
            raise forms.ValidationError("Enter a date between the years 1970 and 9998.")
        return cleaned


class CourseForm(forms.ModelForm[Course]):
    # Not required: a post without it (a script, an older page) keeps the course's zone.
    time_zone = forms.ChoiceField(
        required=False,
        choices=time_zone_choices,
        label="Time zone",
        help_text=(
            "Due dates are entered and shown in this zone. Changing it keeps their clock time "
            "(23:59 stays 23:59 in the new zone)."
        ),
    )

    class Meta:
        model = Course
        fields = ["title", "description", "is_open", "time_zone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"is_open": "Open to new students"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:  # a new course starts on the server's clock
            self.initial.setdefault("time_zone", settings.TIME_ZONE)


def _lesson_choices() -> QuerySet[Lesson]:
    return Lesson.objects.filter(is_active=True).order_by("order", "title")


def _exercise_choices() -> QuerySet[Exercise]:
    return (
        Exercise.objects.filter(is_active=True)
        .select_related("lesson")
        .defer(*lesson_body_fields("lesson"))
    )


def _quiz_choices() -> QuerySet[Quiz]:
    return Quiz.objects.order_by("title")


@dataclass(frozen=True)
class MaterialRow:
    """One exercise or quiz of the material form: its checkbox and its item settings."""

    box: BoundWidget
    due: BoundField
    policy: BoundField
    penalty: BoundField
    points: BoundField

    @property
    def errors(self) -> list[str]:
        return [
            str(e) for f in (self.due, self.policy, self.penalty, self.points) for e in f.errors
        ]


class MaterialForm(forms.Form):
    """Which lessons, exercises and quizzes a course uses, with a due date, a late policy and
    optional points per exercise and quiz.

    Due dates are read and shown in the course's time zone: the one posted with the course
    form when it is valid (so changing the zone and the dates in one save agree), else the
    course's, else the server's.
    """

    lessons = PkMultipleChoiceField(
        queryset=_lesson_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    exercises = PkMultipleChoiceField(
        queryset=_exercise_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    quizzes = PkMultipleChoiceField(
        queryset=_quiz_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, course: Course | None = None, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self._offer_only_usable(user, course)
        posted_zone = valid_time_zone(self.data.get("time_zone")) if self.is_bound else None
        self.time_zone = posted_zone or (course.time_zone if course else settings.TIME_ZONE)
        zone = zoneinfo.ZoneInfo(self.time_zone)
        entries: dict[str, dict[int, CourseExercise | CourseQuiz]] = {"": {}, "quiz": {}}
        if course is not None and not self.is_bound:
            self.initial["lessons"] = list(course.lessons.values_list("pk", flat=True))
            self.initial["exercises"] = list(course.exercises.values_list("pk", flat=True))
            self.initial["quizzes"] = list(course.quizzes.values_list("pk", flat=True))
            entries[""] = {e.exercise_id: e for e in CourseExercise.objects.filter(course=course)}
            entries["quiz"] = {e.quiz_id: e for e in CourseQuiz.objects.filter(course=course)}
        # One set of item fields per choice the checkboxes offer (the same queries).
        for prefix, choices in (("quiz", _quiz_choices()), ("", _exercise_choices())):
            for item in choices:
                self._add_item_fields(
                    prefix, item.pk, item.title, entries[prefix].get(item.pk), zone
                )

    def _add_item_fields(
        self,
        prefix: str,
        pk: int,
        title: str,
        entry: CourseExercise | CourseQuiz | None,
        zone: zoneinfo.ZoneInfo,
    ) -> None:
        due = f"{prefix}due_{pk}"
        self.fields[due] = DueDateField(required=False, label=f"Due: {title}")
        self.fields[f"{prefix}policy_{pk}"] = forms.ChoiceField(
            required=False,  # not posted: the item keeps its policy, penalty and points
            choices=LatePolicy.choices,
            initial=LatePolicy.PENALTY,
            label=f"After the due date: {title}",
        )
        self.fields[f"{prefix}penalty_{pk}"] = forms.IntegerField(
            required=False,
            min_value=0,
            max_value=100,
            initial=0,
            label=f"Late penalty (%): {title}",
            widget=forms.NumberInput(attrs={"class": "input-narrow"}),
        )
        self.fields[f"{prefix}points_{pk}"] = forms.IntegerField(
            required=False,
            min_value=0,
            max_value=100_000,
            label=f"Points (empty: the item's own): {title}",
            widget=forms.NumberInput(attrs={"class": "input-narrow"}),
        )
        if entry is not None:
            if entry.due_at:
                self.initial[due] = timezone.localtime(entry.due_at, zone).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            self.initial[f"{prefix}policy_{pk}"] = entry.late_policy
            self.initial[f"{prefix}penalty_{pk}"] = entry.late_penalty_percent
            self.initial[f"{prefix}points_{pk}"] = entry.points

    def full_clean(self) -> None:
        # A naive "2026-12-12T23:59" is read on the course's clock, not the server's.
        with timezone.override(zoneinfo.ZoneInfo(self.time_zone)):
            super().full_clean()

    def _offer_only_usable(self, user: User, course: Course | None) -> None:
        """Offer (and accept) only material ``user`` may put in a course: the site library's
        and that of the libraries they are staff of, not archived, plus what the course
        already lists. Another course's own material is not a choice, so a forged form cannot
        show it to this course's students (issue #21)."""
        from catalog.access import staff_library_ids

        usable = Q(library__kind="site") | Q(library_id__in=staff_library_ids(user))
        usable &= Q(archived_at__isnull=True)
        for name, listed in (
            ("lessons", course.lessons.all() if course else None),
            ("exercises", course.exercises.all() if course else None),
            ("quizzes", course.quizzes.all() if course else None),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            allowed = usable | Q(pk__in=listed.values("pk")) if listed is not None else usable
            assert field.queryset is not None
            field.queryset = field.queryset.filter(allowed)

    def due_dates(self) -> dict[int, datetime | None]:
        return {
            exercise.pk: self.cleaned_data.get(f"due_{exercise.pk}")
            for exercise in self.cleaned_data.get("exercises", [])
        }

    def quiz_due_dates(self) -> dict[int, datetime | None]:
        return {
            quiz.pk: self.cleaned_data.get(f"quizdue_{quiz.pk}")
            for quiz in self.cleaned_data.get("quizzes", [])
        }

    def _rules(self, prefix: str, items: list[Any]) -> dict[int, LateRule]:
        rules = {}
        for item in items:
            policy = self.cleaned_data.get(f"{prefix}policy_{item.pk}")
            if policy:
                rules[item.pk] = LateRule(
                    policy=policy,
                    penalty_percent=self.cleaned_data.get(f"{prefix}penalty_{item.pk}") or 0,
                    points=self.cleaned_data.get(f"{prefix}points_{item.pk}"),
                )
        return rules

    def late_rules(self) -> dict[int, LateRule]:
        """Late policy, penalty and points of every chosen exercise whose policy was posted
        (the others keep theirs)."""
        return self._rules("", list(self.cleaned_data.get("exercises", [])))

    def quiz_late_rules(self) -> dict[int, LateRule]:
        return self._rules("quiz", list(self.cleaned_data.get("quizzes", [])))

    def _rows(self, prefix: str, boxes: BoundField) -> list[MaterialRow]:
        rows = []
        for box in boxes:
            pk = box.data["value"]
            rows.append(
                MaterialRow(
                    box=box,
                    due=self[f"{prefix}due_{pk}"],
                    policy=self[f"{prefix}policy_{pk}"],
                    penalty=self[f"{prefix}penalty_{pk}"],
                    points=self[f"{prefix}points_{pk}"],
                )
            )
        return rows

    def quiz_rows(self) -> list[MaterialRow]:
        return self._rows("quiz", self["quizzes"])

    def exercise_rows(self) -> list[MaterialRow]:
        """One row per exercise checkbox with its due date, policy, penalty and points."""
        return self._rows("", self["exercises"])


class JoinForm(forms.Form):
    code = forms.CharField(
        max_length=32,
        label="Join code",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
