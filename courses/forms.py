"""Forms of the course pages."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Model, Q, QuerySet
from django.forms.boundfield import BoundField, BoundWidget

from catalog.models import Exercise, Lesson
from courses.models import Course, CourseExercise, CourseQuiz
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


class CourseForm(forms.ModelForm[Course]):
    class Meta:
        model = Course
        fields = ["title", "description", "is_open"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"is_open": "Open to new students"}


def _lesson_choices() -> QuerySet[Lesson]:
    return Lesson.objects.filter(is_active=True).order_by("order", "title")


def _exercise_choices() -> QuerySet[Exercise]:
    return Exercise.objects.filter(is_active=True).select_related("lesson")


def _quiz_choices() -> QuerySet[Quiz]:
    return Quiz.objects.order_by("title")


class MaterialForm(forms.Form):
    """Which lessons and exercises a course uses, with an optional due date per exercise."""

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
        due: dict[int, datetime | None] = {}
        quiz_due: dict[int, datetime | None] = {}
        if course is not None and not self.is_bound:
            self.initial["lessons"] = list(course.lessons.values_list("pk", flat=True))
            self.initial["exercises"] = list(course.exercises.values_list("pk", flat=True))
            self.initial["quizzes"] = list(course.quizzes.values_list("pk", flat=True))
            due = dict(
                CourseExercise.objects.filter(course=course).values_list("exercise_id", "due_at")
            )
            quiz_due = dict(
                CourseQuiz.objects.filter(course=course).values_list("quiz_id", "due_at")
            )
        # One due-date field per choice the checkboxes offer (the same queries).
        for quiz in _quiz_choices():
            name = f"quizdue_{quiz.pk}"
            self.fields[name] = forms.DateTimeField(
                required=False,
                label=f"Due: {quiz.title}",
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            )
            if quiz_due_at := quiz_due.get(quiz.pk):
                self.initial[name] = quiz_due_at.strftime("%Y-%m-%dT%H:%M")
        for exercise in _exercise_choices():
            name = f"due_{exercise.pk}"
            self.fields[name] = forms.DateTimeField(
                required=False,
                label=f"Due: {exercise.title}",
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
            )
            if due_at := due.get(exercise.pk):
                self.initial[name] = due_at.strftime("%Y-%m-%dT%H:%M")

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

    def quiz_rows(self) -> list[tuple[BoundWidget, BoundField]]:
        return [(box, self[f"quizdue_{box.data['value']}"]) for box in self["quizzes"]]

    def exercise_rows(self) -> list[tuple[BoundWidget, BoundField | None]]:
        """(checkbox, due field) pairs for the template."""
        due_fields = {name: self[name] for name in self.fields if name.startswith("due_")}
        return [(box, due_fields.get(f"due_{box.data['value']}")) for box in self["exercises"]]


class JoinForm(forms.Form):
    code = forms.CharField(
        max_length=32,
        label="Join code",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
