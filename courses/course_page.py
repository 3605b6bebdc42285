"""Reads for the students' side of a course: the course page (its material in the course's
order, with due dates in the course's time zone, status and points) and "My courses".

Per-student results come from one of two sources behind ``student_results``:
``_results_from_item_results`` (the rows ``courses.scoring`` keeps up to date: late policy,
extensions and overrides applied; one indexed read), or ``_results_from_submissions`` (this
student's own submissions and attempts, no late policy), kept as the fallback that
``RESULTS_FROM_ITEM_RESULTS = False`` switches back to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min, Q
from django.http import Http404
from django.urls import reverse

from catalog.deadlines import due_display
from courses.models import (
    Course,
    CourseExercise,
    CourseLesson,
    CourseQuiz,
    CourseStaff,
    Enrollment,
    Extension,
    ItemResult,
    ScoreOverride,
)
from courses.scoring import item_points
from exercises.models import Submission
from quizzes.models import Attempt

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# courses.scoring keeps ItemResult current (verdicts, attempts, joins, material changes).
RESULTS_FROM_ITEM_RESULTS = True

NOT_STARTED, ATTEMPTED, SOLVED, LATE = "not started", "attempted", "solved", "late"


def due_label(due_at: datetime | None, time_zone: str) -> str:
    """A due date as a person in the course reads it: "Fri 12 Dec 2026, 23:59 CET
    (Europe/Berlin)" (``catalog.deadlines.due_display``, the one format); "" for none."""
    return due_display(due_at, time_zone or "UTC") if due_at is not None else ""


@dataclass(frozen=True)
class ItemStanding:
    """One student's standing on one course item, whatever the source."""

    fraction: float  # best credit, 0..1 of the item's points
    attempted: bool
    solved: bool
    late: bool
    last_at: datetime | None
    override_points: float | None = None  # set by staff, replaces fraction × points

    def points(self, possible: float) -> float:
        if self.override_points is not None:
            return self.override_points
        return round(possible * self.fraction, 2)


@dataclass
class CourseEntry:
    kind: str  # "lesson", "exercise", "quiz"
    key: str  # "exercise:<id>", "quiz:<id>", "lesson:<id>"
    title: str
    url: str
    due_at: datetime | None = None
    due: str = ""
    status: str = NOT_STARTED
    points: float = 0.0
    points_possible: float = 0.0
    last_at: datetime | None = None

    @property
    def status_label(self) -> str:
        if self.kind == "quiz" and self.status == SOLVED:
            return "submitted"
        return self.status


@dataclass
class CourseSection:
    lesson: CourseEntry | None  # None: items outside the course's lessons
    items: list[CourseEntry] = field(default_factory=list)


@dataclass
class CoursePage:
    course: Course
    sections: list[CourseSection]
    solved: int
    total: int
    points: float
    points_possible: float
    continue_entry: CourseEntry | None
    is_staff: bool

    @property
    def percent(self) -> int:
        return round(100 * self.solved / self.total) if self.total else 0


def course_get_for_member(*, user: User, course_id: int) -> tuple[Course, bool]:
    """The course for an enrolled student (not archived) or any of its staff, with whether the
    user is staff; 404 for everyone else, as for staff pages."""
    course = Course.objects.filter(pk=course_id).first()
    if course is None:
        raise Http404("No such course")
    if CourseStaff.objects.filter(course=course, user_id=user.pk).exists():
        return course, True
    if course.archived_at is None and Enrollment.objects.filter(course=course, user=user).exists():
        return course, False
    raise Http404("No such course")


# --- per-student results -------------------------------------------------------------------------


def _due_for(course: Course, user: User) -> dict[str, datetime | None]:
    """Each item's due date for this student: the extension's when there is one."""
    due: dict[str, datetime | None] = {}
    for ex_row in CourseExercise.objects.filter(course=course).only("exercise_id", "due_at"):
        due[f"exercise:{ex_row.exercise_id}"] = ex_row.due_at
    for q_row in CourseQuiz.objects.filter(course=course).only("quiz_id", "due_at"):
        due[f"quiz:{q_row.quiz_id}"] = q_row.due_at
    for ext in Extension.objects.filter(course=course, user=user, due_at__isnull=False):
        due[ext.item_key] = ext.due_at
    return due


def _results_from_submissions(course: Course, user: User) -> dict[str, ItemStanding]:
    """The fallback until ItemResult is maintained: this student's submits and submitted
    attempts on the course's items, grouped in SQL (late = first full solve after the due
    date, or only late work)."""
    due = _due_for(course, user)
    standings: dict[str, ItemStanding] = {}
    exercise_ids = CourseExercise.objects.filter(course=course).values("exercise_id")
    groups = (
        Submission.objects.filter(
            user=user,
            exercise_id__in=exercise_ids,
            kind=Submission.Kind.SUBMIT,
            status=Submission.Status.GRADED,
        )
        .values("exercise_id")
        .annotate(
            best=Max("score"),
            first_solved=Min("created_at", filter=Q(passed=True)),
            last_at=Max("created_at"),
            n=Count("id"),
        )
        .order_by()
    )
    for row in groups:
        key = f"exercise:{row['exercise_id']}"
        deadline = due.get(key)
        solved_at = row["first_solved"]
        standings[key] = ItemStanding(
            fraction=float(row["best"] or 0.0),
            attempted=row["n"] > 0,
            solved=solved_at is not None,
            late=bool(deadline and solved_at and solved_at > deadline),
            last_at=row["last_at"],
        )
    quiz_ids = CourseQuiz.objects.filter(course=course).values("quiz_id")
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in Attempt.objects.filter(user=user, quiz_id__in=quiz_ids):
        attempts[attempt.quiz_id].append(attempt)
    for quiz_id, rows in attempts.items():
        key = f"quiz:{quiz_id}"
        deadline = due.get(key)
        submitted = [a for a in rows if a.status == Attempt.Status.SUBMITTED and a.max_score > 0]
        best = max(submitted, key=lambda a: a.score / a.max_score, default=None)
        standings[key] = ItemStanding(
            fraction=best.score / best.max_score if best else 0.0,
            attempted=True,
            solved=best is not None,
            late=bool(deadline and best and best.submitted_at and best.submitted_at > deadline),
            last_at=max((a.submitted_at or a.started_at for a in rows), default=None),
        )
    return standings


def _results_from_item_results(course: Course, user: User) -> dict[str, ItemStanding]:
    """The student's ``ItemResult`` rows; a quiz counts as done once an attempt is submitted
    (its rows count submitted attempts only), an exercise once it is solved for credit."""
    standings = {
        row.item_key: ItemStanding(
            fraction=row.fraction,
            attempted=row.attempts > 0,
            solved=row.solved or (row.quiz_id is not None and row.attempts > 0),
            late=row.late,
            last_at=row.last_at,
        )
        for row in ItemResult.objects.filter(course=course, user=user)
    }
    # A score staff set by hand wins (courses.scoring's rule), with or without work.
    for override in ScoreOverride.objects.filter(course=course, user=user):
        previous = standings.get(override.item_key)
        standings[override.item_key] = ItemStanding(
            fraction=previous.fraction if previous else 0.0,
            attempted=True,
            solved=previous.solved if previous else False,
            late=previous.late if previous else False,
            last_at=previous.last_at if previous else None,
            override_points=override.points,
        )
    # Open quiz attempts are not in ItemResult, but "continue" should find them.
    quiz_ids = CourseQuiz.objects.filter(course=course).values("quiz_id")
    for quiz_id, started_at in Attempt.objects.filter(
        user=user, quiz_id__in=quiz_ids, status=Attempt.Status.IN_PROGRESS
    ).values_list("quiz_id", "started_at"):
        key = f"quiz:{quiz_id}"
        previous = standings.get(key)
        if previous is None:
            standings[key] = ItemStanding(
                fraction=0.0, attempted=True, solved=False, late=False, last_at=started_at
            )
    return standings


def student_results(*, course: Course, user: User) -> dict[str, ItemStanding]:
    """One student's standing per course item, keyed "exercise:<id>" / "quiz:<id>"."""
    if RESULTS_FROM_ITEM_RESULTS:
        return _results_from_item_results(course, user)
    return _results_from_submissions(course, user)


# --- the page ------------------------------------------------------------------------------------


def _status(standing: ItemStanding | None) -> str:
    if standing is None or not standing.attempted:
        return NOT_STARTED
    if standing.late:
        return LATE
    return SOLVED if standing.solved else ATTEMPTED


def course_page(*, course: Course, user: User, is_staff: bool = False) -> CoursePage:
    """The course as one student sees it: lessons in the course's order, each followed by the
    course's exercises and quizzes of that lesson (course order), then the rest."""
    results = student_results(course=course, user=user)
    lessons = list(
        CourseLesson.objects.filter(course=course).select_related("lesson").order_by("order", "id")
    )
    exercises = list(
        CourseExercise.objects.filter(course=course)
        .select_related("exercise")
        .order_by("order", "id")
    )
    quizzes = list(
        CourseQuiz.objects.filter(course=course)
        .select_related("quiz")
        .prefetch_related("quiz__slots")
        .order_by("order", "id")
    )
    sections: dict[int | None, CourseSection] = {}
    for row in lessons:
        sections[row.lesson_id] = CourseSection(
            lesson=CourseEntry(
                kind="lesson",
                key=f"lesson:{row.lesson_id}",
                title=row.lesson.title,
                url=reverse("courses:lesson_detail", kwargs={"slug": row.lesson.slug}),
            )
        )
    items: list[CourseEntry] = []
    for ex in exercises:
        key = f"exercise:{ex.exercise_id}"
        standing = results.get(key)
        possible = item_points(ex, float(ex.exercise.points))
        entry = CourseEntry(
            kind="exercise",
            key=key,
            title=ex.exercise.title,
            url=reverse("exercises:exercise_detail", kwargs={"slug": ex.exercise.slug}),
            due_at=ex.due_at,
            due=due_label(ex.due_at, course.time_zone),
            status=_status(standing),
            points=standing.points(possible) if standing else 0.0,
            points_possible=possible,
            last_at=standing.last_at if standing else None,
        )
        items.append(entry)
        _section(sections, ex.exercise.lesson_id).items.append(entry)
    for qz in quizzes:
        key = f"quiz:{qz.quiz_id}"
        standing = results.get(key)
        possible = item_points(qz, float(qz.quiz.max_points))
        entry = CourseEntry(
            kind="quiz",
            key=key,
            title=qz.quiz.title,
            url=reverse("quizzes:quiz_detail", kwargs={"slug": qz.quiz.slug}),
            due_at=qz.due_at,
            due=due_label(qz.due_at, course.time_zone),
            status=_status(standing),
            points=standing.points(possible) if standing else 0.0,
            points_possible=possible,
            last_at=standing.last_at if standing else None,
        )
        items.append(entry)
        _section(sections, qz.quiz.lesson_id).items.append(entry)
    done = [e for e in items if e.status in (SOLVED, LATE) and results[e.key].solved]
    unfinished = [e for e in items if e not in done]
    # The most recently touched unfinished item, else the first one not yet done.
    touched = [(e.last_at, i, e) for i, e in enumerate(unfinished) if e.last_at is not None]
    continue_entry = (
        max(touched, key=lambda t: (t[0], -t[1]))[2]
        if touched
        else (unfinished[0] if unfinished else None)
    )
    ordered = [s for key, s in sections.items() if key is not None]
    if None in sections:
        ordered.append(sections[None])
    return CoursePage(
        course=course,
        sections=ordered,
        solved=len(done),
        total=len(items),
        points=round(sum(e.points for e in items), 2),
        points_possible=sum(e.points_possible for e in items),
        continue_entry=continue_entry,
        is_staff=is_staff,
    )


def _section(sections: dict[int | None, CourseSection], lesson_id: int | None) -> CourseSection:
    """The lesson's section if the course lists that lesson, else the "more" section."""
    key = lesson_id if lesson_id in sections else None
    if key not in sections:
        sections[key] = CourseSection(lesson=None)
    return sections[key]


@dataclass(frozen=True)
class MyCourse:
    course: Course
    solved: int
    total: int
    points: float
    points_possible: float

    @property
    def percent(self) -> int:
        return round(100 * self.solved / self.total) if self.total else 0


def my_courses(*, user: User) -> list[MyCourse]:
    """The student's current courses (archived ones hidden), each with its own progress."""
    courses = Course.objects.filter(enrollments__user=user, archived_at__isnull=True).order_by(
        "title", "pk"
    )
    summaries = []
    for course in courses.select_related("owner"):
        page = course_page(course=course, user=user)
        summaries.append(
            MyCourse(
                course=course,
                solved=page.solved,
                total=page.total,
                points=page.points,
                points_possible=page.points_possible,
            )
        )
    return summaries
