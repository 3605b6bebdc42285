"""Lesson pages: the ordered list with per-lesson progress, and one lesson with its practice.

Lessons are rendered to HTML at sync time (``catalog.sync``); these views only read. They
live in the courses app because a lesson page gathers from three others: the lesson
(catalog), the student's progress (exercises) and the lesson's quizzes (quizzes).
The two read helpers below are the lesson pages' selectors; they reuse the student flow's
``exercise_index`` so "solved" means the same thing on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from catalog.models import Lesson
from catalog.selectors import lessons_visible
from exercises.selectors import ExerciseRow, exercise_index
from quizzes.models import Quiz
from quizzes.practice import practice_questions_visible
from quizzes.selectors import quizzes_visible

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass
class LessonProgress:
    lesson: Lesson
    rows: list[ExerciseRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def solved(self) -> int:
        return sum(row.state == "solved" for row in self.rows)

    @property
    def percent(self) -> int:
        return round(100 * self.solved / self.total) if self.total else 0


def lessons_with_progress(*, user: User | AnonymousUser) -> list[LessonProgress]:
    """The lessons ``user`` may read, in order, each with its published exercises and the
    user's state (drafts only for the library's staff; course lessons only for the course)."""
    rows_by_lesson = {
        group.lesson.pk: group.rows for group in exercise_index(user=user) if group.lesson
    }
    return [
        LessonProgress(lesson=lesson, rows=rows_by_lesson.get(lesson.pk, []))
        for lesson in lessons_visible(user=user)
    ]


def lesson_quizzes(*, lesson: Lesson, user: User | AnonymousUser) -> list[Quiz]:
    """Published quizzes attached to the lesson that ``user`` may open."""
    return list(quizzes_visible(user=user).filter(lesson=lesson))


def lesson_list(request: HttpRequest) -> HttpResponse:
    lessons = lessons_with_progress(user=request.user)
    return render(request, "courses/lesson_list.html", {"lessons": lessons})


def lesson_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # A draft, an archived lesson or another course's lesson is a 404, as a missing one.
    lesson = get_object_or_404(lessons_visible(user=request.user), slug=slug)
    lessons = lessons_with_progress(user=request.user)
    index = next(i for i, item in enumerate(lessons) if item.lesson.pk == lesson.pk)
    context = {
        "lesson": lesson,
        "progress": lessons[index],
        "previous": lessons[index - 1].lesson if index > 0 else None,
        "next": lessons[index + 1].lesson if index + 1 < len(lessons) else None,
        "position": index + 1,
        "count": len(lessons),
        "quizzes": lesson_quizzes(lesson=lesson, user=request.user),
        "practice_count": (
            practice_questions_visible(user=request.user).filter(lesson=lesson).count()
            if request.user.is_authenticated
            else 0
        ),
    }
    return render(request, "courses/lesson_detail.html", context)
