"""Read queries for courses and the progress dashboard.

Every dashboard number is aggregated by the database over the course's slice of submissions
("graded Submit of an enrolled student on a listed exercise"). Python only reshapes results
that are already small: at most students × exercises grouped rows, never raw submissions.
The few queries the ORM cannot express portably (a per-student "first pass" join, unnesting
the verdict's test list) are raw SQL with one variant per database we support.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from catalog.models import Exercise, Lesson
from courses.access import ALL_STAFF
from courses.models import Course, CourseExercise, CourseQuiz, CourseStaff, Enrollment, StaffRole
from exercises.models import Submission
from mlquiz import sql as dialect
from quizzes.models import Attempt, AttemptQuestion, Quiz

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import WithAnnotations

HEATMAP_PAGE_SIZE = 100
INACTIVE_DAYS = 7
STRUGGLE_WINDOW_DAYS = 14
STRUGGLE_MIN_FAILURES = 10
ACTIVITY_DAYS = 60
TOP_N = 10

SORTS = ("name", "-name", "solved", "-solved", "attempts", "activity", "-activity")


# ------------------------------------------------------------------------------------------
# Courses
# ------------------------------------------------------------------------------------------


class CourseCounts(TypedDict):
    student_count: int
    exercise_count: int
    role: str


def courses_for_instructor(*, user: User) -> QuerySet[WithAnnotations[Course, CourseCounts]]:
    """The courses ``user`` is staff of (any role), archived ones included, with the user's
    role in each (``role``: owner / instructor / ta)."""
    my_role = CourseStaff.objects.filter(course=OuterRef("pk"), user=user).values("role")[:1]
    return Course.objects.filter(staff__user=user).annotate(
        student_count=Count("enrollments", distinct=True),
        exercise_count=Count("course_exercises", distinct=True),
        role=Subquery(my_role),
    )


def course_get_for_staff(
    *, user: User, course_id: int, roles: Collection[StaffRole] = ALL_STAFF
) -> tuple[Course, StaffRole]:
    """The course and the user's role in it if that role is one of ``roles``; 404 otherwise
    (no hint that it exists, nor that a TA lacks the right)."""
    row = (
        CourseStaff.objects.filter(course_id=course_id, user=user, role__in=list(roles))
        .select_related("course")
        .first()
    )
    if row is None:
        raise Http404("No such course")
    return row.course, StaffRole(row.role)


def course_get_for_instructor(*, user: User, course_id: int) -> Course:
    """The course if ``user`` is on its staff; 404 otherwise."""
    return course_get_for_staff(user=user, course_id=course_id)[0]


def course_student_get(*, course: Course, user_id: int) -> User:
    """A student of this course, or 404: the drill-down never shows anyone else."""
    user = get_user_model().objects.filter(pk=user_id, enrollments__course=course).first()
    if user is None:
        raise Http404("No such student in this course")
    return user


def course_exercises(*, course: Course, lesson_id: int | None = None) -> list[CourseExercise]:
    rows = CourseExercise.objects.filter(course=course).select_related("exercise__lesson")
    if lesson_id is not None:
        rows = rows.filter(exercise__lesson_id=lesson_id)
    return list(rows)


def course_lessons(*, course: Course) -> list[Lesson]:
    """Lessons the course's exercises belong to (the heatmap's filter options)."""
    return list(
        Lesson.objects.filter(exercises__courses=course).distinct().order_by("order", "title")
    )


def _course_submissions(course: Course, exercise_ids: list[int]) -> QuerySet[Submission]:
    return Submission.objects.filter(
        kind=Submission.Kind.SUBMIT,
        status=Submission.Status.GRADED,
        exercise_id__in=exercise_ids,
        user_id__in=Enrollment.objects.filter(course=course).values("user_id"),
    )


# ------------------------------------------------------------------------------------------
# Per (student, exercise) cells: one grouped query feeds the heatmap and per-exercise stats
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    user_id: int
    exercise_id: int
    attempts: int
    attempts_to_solve: int  # submissions up to and including the first pass (0 if unsolved)
    first_at: datetime
    solved_at: datetime | None
    last_at: datetime

    @property
    def state(self) -> str:
        return "solved" if self.solved_at else "attempted"

    @property
    def seconds_to_solve(self) -> float | None:
        if self.solved_at is None:
            return None
        return (self.solved_at - self.first_at).total_seconds()


def _at_epoch(value: float) -> datetime:
    return datetime.fromtimestamp(float(value), tz=UTC)


def _from_epoch(value: float | None) -> datetime | None:
    return None if value is None else _at_epoch(value)


def _db_datetime(value: datetime) -> Any:
    """A datetime as the backend stores it (SQLite compares naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def _placeholders(values: list[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def _cells_sql(
    course: Course, exercise_ids: list[int], user_ids: list[int] | None
) -> tuple[str, list[Any]]:
    """SQL of the (student, exercise) groups: user_id, exercise_id, attempts,
    attempts_to_solve, first_at, solved_at, last_at (timestamps as stored)."""
    submission = Submission._meta.db_table
    enrollment = Enrollment._meta.db_table
    params: list[Any] = [Submission.Kind.SUBMIT, Submission.Status.GRADED, *exercise_ids, course.pk]
    only_users = ""
    if user_ids is not None:
        only_users = f"AND s.user_id IN ({_placeholders(user_ids)})"
        params.extend(user_ids)
    # One pass: number each student's submissions per exercise in time order (a window
    # function), then group; "attempts to solve" is the number of the first passing row.
    # No correlated subquery and no self-join, which SQLite's planner handles badly.
    sql = f"""
        SELECT w.user_id, w.exercise_id, COUNT(*) AS attempts,
               MIN(CASE WHEN w.passed THEN w.rn END) AS attempts_to_solve,
               MIN(w.created_at) AS first_at,
               MIN(CASE WHEN w.passed THEN w.created_at END) AS solved_at,
               MAX(w.created_at) AS last_at
        FROM (
            SELECT s.user_id, s.exercise_id, s.created_at, s.passed,
                   ROW_NUMBER() OVER (
                       PARTITION BY s.user_id, s.exercise_id ORDER BY s.created_at
                   ) AS rn
            FROM {submission} s
            WHERE s.kind = %s AND s.status = %s
              AND s.exercise_id IN ({_placeholders(exercise_ids)})
              AND s.user_id IN (SELECT e.user_id FROM {enrollment} e WHERE e.course_id = %s)
              {only_users}
        ) w
        GROUP BY w.user_id, w.exercise_id
    """  # noqa: S608 - table names come from models, values are parameters
    return sql, params


def course_cells(
    *, course: Course, exercise_ids: list[int], user_ids: list[int] | None = None
) -> list[Cell]:
    """Grouped (student, exercise) rows for the course, one query."""
    if not exercise_ids or (user_ids is not None and not user_ids):
        return []
    inner, params = _cells_sql(course, exercise_ids, user_ids)
    sql = f"""
        SELECT c.user_id, c.exercise_id, c.attempts, c.attempts_to_solve,
               {dialect.epoch("c.first_at")}, {dialect.epoch("c.solved_at")},
               {dialect.epoch("c.last_at")}
        FROM ({inner}) c
    """  # noqa: S608 - composed of our own SQL
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [
        Cell(
            user_id=row[0],
            exercise_id=row[1],
            attempts=int(row[2]),
            attempts_to_solve=int(row[3] or 0),
            first_at=_at_epoch(row[4]),  # MIN/MAX over a non-empty group: never NULL
            solved_at=_from_epoch(row[5]),
            last_at=_at_epoch(row[6]),
        )
        for row in rows
    ]


def _exercise_medians_postgres(
    course: Course, exercise_ids: list[int]
) -> dict[int, tuple[int, int, float | None, float | None]]:
    """Per exercise: attempted, solved, median attempts and seconds to solve — all in SQL.

    PostgreSQL has ordered-set aggregates; elsewhere the medians are taken in Python over
    the grouped cells (at most students × exercises small rows).
    """
    inner, params = _cells_sql(course, exercise_ids, None)
    solved = "FILTER (WHERE c.solved_at IS NOT NULL)"
    sql = f"""
        SELECT c.exercise_id, COUNT(*), COUNT(c.solved_at),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY c.attempts_to_solve) {solved},
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY EXTRACT(EPOCH FROM c.solved_at - c.first_at)
               ) {solved}
        FROM ({inner}) c
        GROUP BY c.exercise_id
    """  # noqa: S608 - composed of our own SQL
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            row[0]: (
                int(row[1]),
                int(row[2]),
                None if row[3] is None else float(row[3]),
                None if row[4] is None else float(row[4]),
            )
            for row in cursor.fetchall()
        }


# ------------------------------------------------------------------------------------------
# Heatmap
# ------------------------------------------------------------------------------------------


@dataclass
class HeatmapRow:
    student: User
    solved: int
    attempts: int
    last_at: datetime | None
    cells: list[Cell | None]
    url: str = ""  # the drill-down, reversed once per row rather than once per cell


@dataclass
class Heatmap:
    exercises: list[CourseExercise]
    rows: list[HeatmapRow]
    page: Page[Any]
    sort: str
    lesson_id: int | None


@dataclass(frozen=True)
class StudentTotals:
    student: User
    solved: int
    attempts: int
    last_at: datetime | None
    recent_failures: int
    recent_passes: int


_TOTALS_ORDER = {
    "name": "LOWER(u.username), u.id",
    "-name": "LOWER(u.username) DESC, u.id",
    "solved": "COALESCE(t.solved, 0) DESC, LOWER(u.username), u.id",
    "-solved": "COALESCE(t.solved, 0), LOWER(u.username), u.id",
    "attempts": "COALESCE(t.attempts, 0) DESC, LOWER(u.username), u.id",
    "activity": "CASE WHEN t.last_at IS NULL THEN 1 ELSE 0 END, t.last_at DESC, u.id",
    "-activity": "CASE WHEN t.last_at IS NULL THEN 0 ELSE 1 END, t.last_at, u.id",
    "risk": "CASE WHEN t.last_at IS NULL THEN 0 ELSE 1 END, t.last_at,"
    " COALESCE(t.recent_failures, 0) DESC, u.id",
}


def student_totals(
    *,
    course: Course,
    exercise_ids: list[int],
    sort: str = "name",
    limit: int | None = None,
    offset: int = 0,
    recent_since: datetime | None = None,
    at_risk_before: datetime | None = None,
) -> list[StudentTotals]:
    """Enrolled students with their totals on ``exercise_ids``, sorted and sliced in SQL.

    One grouped pass over the course's submissions, joined to the enrollments (students
    without any submission included). ``at_risk_before`` keeps only students inactive since
    then, or with many failures and no pass since ``recent_since``.
    """
    submission = Submission._meta.db_table
    enrollment = Enrollment._meta.db_table
    user_table = get_user_model()._meta.db_table
    recent_since = recent_since or timezone.now() - timedelta(days=STRUGGLE_WINDOW_DAYS)
    ids = exercise_ids or [0]
    params: list[Any] = [
        _db_datetime(recent_since),
        _db_datetime(recent_since),
        Submission.Kind.SUBMIT,
        Submission.Status.GRADED,
        *ids,
        course.pk,
        course.pk,
    ]
    where = ""
    if at_risk_before is not None:
        where = (
            "AND (t.last_at IS NULL OR t.last_at < %s"
            " OR (t.recent_failures >= %s AND t.recent_passes = 0))"
        )
        params.extend([_db_datetime(at_risk_before), STRUGGLE_MIN_FAILURES])
    page = ""
    if limit is not None:
        page = "LIMIT %s OFFSET %s"
        params.extend([limit, offset])
    sql = f"""
        SELECT u.id, t.solved, t.attempts, {dialect.epoch("t.last_at")},
               t.recent_failures, t.recent_passes
        FROM {enrollment} e
        JOIN {user_table} u ON u.id = e.user_id
        LEFT JOIN (
            SELECT s.user_id,
                   COUNT(DISTINCT CASE WHEN s.passed THEN s.exercise_id END) AS solved,
                   COUNT(*) AS attempts,
                   MAX(s.created_at) AS last_at,
                   SUM(CASE WHEN s.created_at >= %s AND NOT s.passed THEN 1 ELSE 0 END)
                       AS recent_failures,
                   SUM(CASE WHEN s.created_at >= %s AND s.passed THEN 1 ELSE 0 END)
                       AS recent_passes
            FROM {submission} s
            WHERE s.kind = %s AND s.status = %s
              AND s.exercise_id IN ({_placeholders(ids)})
              AND s.user_id IN (SELECT e2.user_id FROM {enrollment} e2 WHERE e2.course_id = %s)
            GROUP BY s.user_id
        ) t ON t.user_id = u.id
        WHERE e.course_id = %s {where}
        ORDER BY {_TOTALS_ORDER.get(sort, _TOTALS_ORDER["name"])}
        {page}
    """  # noqa: S608 - table names come from models, ORDER BY from a fixed table
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    users = get_user_model().objects.in_bulk([row[0] for row in rows])
    return [
        StudentTotals(
            student=users[row[0]],
            solved=int(row[1] or 0),
            attempts=int(row[2] or 0),
            last_at=_from_epoch(row[3]),
            recent_failures=int(row[4] or 0),
            recent_passes=int(row[5] or 0),
        )
        for row in rows
    ]


def course_heatmap(
    *,
    course: Course,
    lesson_id: int | None = None,
    sort: str = "name",
    page_number: int | str = 1,
    page_size: int = HEATMAP_PAGE_SIZE,
) -> Heatmap:
    """Students × exercises, one page of students, sorted by the database."""
    sort = sort if sort in SORTS else "name"
    exercises = course_exercises(course=course, lesson_id=lesson_id)
    exercise_ids = [row.exercise_id for row in exercises]
    total = Enrollment.objects.filter(course=course).count()
    # The paginator only does the page arithmetic; the page's rows come from SQL.
    page = Paginator(range(total), page_size).get_page(page_number)
    totals = student_totals(
        course=course,
        exercise_ids=exercise_ids,
        sort=sort,
        limit=page_size,
        offset=page.start_index() - 1 if total else 0,
    )
    cells = course_cells(
        course=course, exercise_ids=exercise_ids, user_ids=[t.student.pk for t in totals]
    )
    by_key = {(cell.user_id, cell.exercise_id): cell for cell in cells}
    rows = [
        HeatmapRow(
            student=t.student,
            solved=t.solved,
            attempts=t.attempts,
            last_at=t.last_at,
            cells=[by_key.get((t.student.pk, ex_id)) for ex_id in exercise_ids],
            url=reverse("courses:student_detail", args=[course.pk, t.student.pk]),
        )
        for t in totals
    ]
    return Heatmap(exercises=exercises, rows=rows, page=page, sort=sort, lesson_id=lesson_id)


# ------------------------------------------------------------------------------------------
# Per-exercise statistics
# ------------------------------------------------------------------------------------------


@dataclass
class ExerciseStats:
    course_exercise: CourseExercise
    students: int
    attempted: int = 0
    solved: int = 0
    median_attempts: float | None = None
    median_minutes: float | None = None

    @property
    def exercise(self) -> Exercise:
        return self.course_exercise.exercise

    @property
    def solve_rate(self) -> float:
        return self.solved / self.students if self.students else 0.0


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def course_exercise_stats(*, course: Course) -> list[ExerciseStats]:
    exercises = course_exercises(course=course)
    students = Enrollment.objects.filter(course=course).count()
    stats = {
        row.exercise_id: ExerciseStats(course_exercise=row, students=students) for row in exercises
    }
    exercise_ids = list(stats)
    if dialect.has_percentiles() and exercise_ids:
        for exercise_id, (
            attempted,
            solved,
            median_attempts,
            median_seconds,
        ) in _exercise_medians_postgres(course, exercise_ids).items():
            item = stats[exercise_id]
            item.attempted, item.solved, item.median_attempts = attempted, solved, median_attempts
            item.median_minutes = None if median_seconds is None else median_seconds / 60
        return list(stats.values())
    attempts: dict[int, list[float]] = defaultdict(list)
    seconds: dict[int, list[float]] = defaultdict(list)
    for cell in course_cells(course=course, exercise_ids=exercise_ids):
        item = stats[cell.exercise_id]
        item.attempted += 1
        if cell.solved_at is not None:
            item.solved += 1
            attempts[cell.exercise_id].append(cell.attempts_to_solve)
            seconds[cell.exercise_id].append(cell.seconds_to_solve or 0.0)
    for exercise_id, item in stats.items():
        item.median_attempts = _median(attempts[exercise_id])
        minutes = _median(seconds[exercise_id])
        item.median_minutes = None if minutes is None else minutes / 60
    return list(stats.values())


@dataclass(frozen=True)
class FailureRow:
    label: str  # the test name, or the message
    tests: int  # how many different tests it occurred on
    count: int
    example_id: int  # a submission showing it


def _verdict_tests_sql(group: str) -> str:
    submission = Submission._meta.db_table
    enrollment = Enrollment._meta.db_table
    tests, name, message, failed = dialect.verdict_tests("s")
    label = name if group == "test" else message
    return f"""
        SELECT {label}, COUNT(DISTINCT {name}), COUNT(*), MIN(s.id)
        FROM {submission} s {tests}
        WHERE s.exercise_id = %s AND s.kind = %s AND s.status = %s AND NOT s.passed
          AND s.user_id IN (SELECT e.user_id FROM {enrollment} e WHERE e.course_id = %s)
          AND {failed}
        GROUP BY {label}
        ORDER BY COUNT(*) DESC, {label}
        LIMIT %s
    """  # noqa: S608 - table names come from models, values are parameters


def exercise_failures(
    *, course: Course, exercise_id: int, group: str = "test", limit: int = TOP_N
) -> list[FailureRow]:
    """The tests that fail most (``group="test"``) or the commonest messages (``"message"``)."""
    params: list[int | str] = [
        exercise_id,
        Submission.Kind.SUBMIT,
        Submission.Status.GRADED,
        course.pk,
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_verdict_tests_sql(group), params)
        rows = cursor.fetchall()
    return [
        FailureRow(
            label=str(row[0] or "—"),
            tests=int(row[1] or 0),
            count=int(row[2]),
            example_id=int(row[3]),
        )
        for row in rows
    ]


@dataclass
class ExerciseDetail:
    stats: ExerciseStats
    failing_tests: list[FailureRow]
    messages: list[FailureRow]
    attempts_histogram: list[tuple[str, int]]
    unsolved: list[Any] = field(default_factory=list)


def course_exercise_detail(*, course: Course, exercise_id: int) -> ExerciseDetail:
    row = (
        CourseExercise.objects.filter(course=course, exercise_id=exercise_id)
        .select_related("exercise__lesson")
        .first()
    )
    if row is None:
        raise Http404("This exercise is not part of the course")
    students = Enrollment.objects.filter(course=course).count()
    cells = course_cells(course=course, exercise_ids=[exercise_id])
    stats = ExerciseStats(course_exercise=row, students=students)
    buckets: dict[str, int] = {label: 0 for label in ("1", "2", "3", "4–5", "6–10", "11+")}
    solved_attempts: list[float] = []
    solved_seconds: list[float] = []
    for cell in cells:
        stats.attempted += 1
        if cell.solved_at is None:
            continue
        stats.solved += 1
        solved_attempts.append(cell.attempts_to_solve)
        solved_seconds.append(cell.seconds_to_solve or 0.0)
        n = cell.attempts_to_solve
        key = str(n) if n <= 3 else "4–5" if n <= 5 else "6–10" if n <= 10 else "11+"
        buckets[key] += 1
    stats.median_attempts = _median(solved_attempts)
    minutes = _median(solved_seconds)
    stats.median_minutes = None if minutes is None else minutes / 60
    return ExerciseDetail(
        stats=stats,
        failing_tests=exercise_failures(course=course, exercise_id=exercise_id, group="test"),
        messages=exercise_failures(course=course, exercise_id=exercise_id, group="message"),
        attempts_histogram=list(buckets.items()),
    )


# ------------------------------------------------------------------------------------------
# Activity, students at risk, drill-down, gradebook
# ------------------------------------------------------------------------------------------


def course_activity(*, course: Course, days: int = ACTIVITY_DAYS) -> list[tuple[date, int, int]]:
    """(day, submissions, passing submissions) for the last ``days`` days (UTC), zeros included.

    Raw SQL for the day bucket: Django's TruncDate is a Python function per row on SQLite
    (seconds for 50,000 rows); the stored UTC text's first ten characters are the day.
    """
    today = timezone.now().date()
    start = today - timedelta(days=days - 1)
    exercise_ids = list(
        CourseExercise.objects.filter(course=course).values_list("exercise_id", flat=True)
    )
    counts: dict[date, tuple[int, int]] = {}
    if exercise_ids:
        day = dialect.utc_date("s.created_at")
        sql = f"""
            SELECT {day}, COUNT(*), SUM(CASE WHEN s.passed THEN 1 ELSE 0 END)
            FROM {Submission._meta.db_table} s
            WHERE s.kind = %s AND s.status = %s AND s.created_at >= %s
              AND s.exercise_id IN ({_placeholders(exercise_ids)})
              AND s.user_id IN (
                  SELECT e.user_id FROM {Enrollment._meta.db_table} e WHERE e.course_id = %s
              )
            GROUP BY 1
        """  # noqa: S608 - table names come from models, values are parameters
        since = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
        params = [
            Submission.Kind.SUBMIT,
            Submission.Status.GRADED,
            _db_datetime(since),
            *exercise_ids,
            course.pk,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for bucket, n, ok in cursor.fetchall():
                key = bucket if isinstance(bucket, date) else date.fromisoformat(str(bucket))
                counts[key] = (int(n), int(ok or 0))
    return [
        (day, *counts.get(day, (0, 0))) for day in (start + timedelta(days=i) for i in range(days))
    ]


@dataclass(frozen=True)
class AtRisk:
    student: User
    reason: str
    last_at: datetime | None
    recent_failures: int
    solved: int


def course_students_at_risk(*, course: Course, limit: int = 50) -> list[AtRisk]:
    """No graded submission for a week, or many recent failures and no recent pass."""
    now = timezone.now()
    inactive_since = now - timedelta(days=INACTIVE_DAYS)
    window = now - timedelta(days=STRUGGLE_WINDOW_DAYS)
    exercise_ids = list(
        CourseExercise.objects.filter(course=course).values_list("exercise_id", flat=True)
    )
    students = student_totals(
        course=course,
        exercise_ids=exercise_ids,
        sort="risk",
        limit=limit,
        recent_since=window,
        at_risk_before=inactive_since,
    )
    result = []
    for student in students:  # already at most ``limit`` rows
        if student.last_at is None:
            reason = "no submission yet"
        elif student.last_at < inactive_since:
            reason = f"inactive for {(now - student.last_at).days} days"
        else:
            reason = f"{student.recent_failures} failed submissions, no pass in 14 days"
        result.append(
            AtRisk(
                student=student.student,
                reason=reason,
                last_at=student.last_at,
                recent_failures=student.recent_failures,
                solved=student.solved,
            )
        )
    return result


def student_submissions(*, course: Course, student: User) -> QuerySet[Submission]:
    """Every submission (Run and Submit) of the student on the course's exercises."""
    return (
        Submission.objects.filter(
            user=student,
            exercise_id__in=CourseExercise.objects.filter(course=course).values("exercise_id"),
        )
        .select_related("exercise", "exercise_version")
        .order_by("-created_at")
    )


def course_submission_get(*, course: Course, submission_id: int) -> Submission:
    submission = (
        Submission.objects.filter(
            pk=submission_id,
            user__enrollments__course=course,
            exercise_id__in=CourseExercise.objects.filter(course=course).values("exercise_id"),
        )
        .select_related("user", "exercise", "exercise_version")
        .first()
    )
    if submission is None:
        raise Http404("No such submission in this course")
    return submission


@dataclass
class GradebookRow:
    student: User
    solved: int
    attempted: int
    points: int
    last_at: datetime | None
    states: list[str]


def course_gradebook(*, course: Course) -> tuple[list[CourseExercise], list[GradebookRow]]:
    """Per student: solved/attempted counts, points, last activity, a state per exercise.

    One plain GROUP BY (no "attempts to solve" here, so no window function) and one query
    for the students.
    """
    exercises = course_exercises(course=course)
    exercise_ids = [row.exercise_id for row in exercises]
    points = {row.exercise_id: row.exercise.points for row in exercises}
    groups = (
        _course_submissions(course, exercise_ids)
        .values_list("user_id", "exercise_id")
        .annotate(solved=Count("created_at", filter=Q(passed=True)), last_at=Max("created_at"))
        .order_by()
    )
    by_user: dict[int, dict[int, tuple[bool, datetime]]] = defaultdict(dict)
    for user_id, exercise_id, solved, last_at in groups:
        by_user[user_id][exercise_id] = (solved > 0, last_at)
    rows = []
    students = (
        get_user_model()
        .objects.filter(enrollments__course=course)
        .order_by(Lower("username"), "pk")
    )
    for student in students:
        mine = by_user.get(student.pk, {})
        solved_ids = [ex_id for ex_id, (solved, _) in mine.items() if solved]
        rows.append(
            GradebookRow(
                student=student,
                solved=len(solved_ids),
                attempted=len(mine),
                points=sum(points[ex_id] for ex_id in solved_ids),
                last_at=max((last for _, last in mine.values()), default=None),
                states=[
                    ("solved" if mine[ex_id][0] else "attempted")
                    if ex_id in mine
                    else "not started"
                    for ex_id in exercise_ids
                ],
            )
        )
    return exercises, rows


# ------------------------------------------------------------------------------------------
# A student's own progress
# ------------------------------------------------------------------------------------------


@dataclass
class ProgressGroup:
    key: str
    title: str
    total: int
    solved: int
    attempted: int
    url: str = ""
    points: int = 0  # earned: the points of the solved exercises
    points_possible: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.solved / self.total) if self.total else 0


@dataclass
class CourseDue:
    course: Course
    exercise: Exercise
    due_at: datetime | None
    solved: bool


@dataclass
class MyProgress:
    lessons: list[ProgressGroup]
    topics: list[ProgressGroup]
    total: int
    solved: int
    courses: list[Course]
    due: list[CourseDue]
    points: int = 0
    points_possible: int = 0
    next_exercise: Exercise | None = None  # the first unsolved one, in the list's order


def my_progress(*, user: User) -> MyProgress:
    from catalog.models import Topic
    from catalog.selectors import exercises_in_list_order, exercises_published

    mine = Submission.objects.filter(user=user)
    solved_ids = set(mine.filter(passed=True).values_list("exercise_id", flat=True).distinct())
    attempted_ids = set(mine.values_list("exercise_id", flat=True).distinct())
    published = exercises_published()
    by_lesson = (
        published.values("lesson_id", "lesson__slug", "lesson__title", "lesson__order")
        .annotate(total=Count("id"))
        .order_by("lesson__order", "lesson__title")
    )
    ids_by_lesson: dict[int | None, set[int]] = defaultdict(set)
    ids_by_topic: dict[str, set[int]] = defaultdict(set)
    points_of: dict[int, int] = {}
    for exercise_id, lesson_id, topic, points in published.values_list(
        "id", "lesson_id", "topic", "points"
    ):
        ids_by_lesson[lesson_id].add(exercise_id)
        ids_by_topic[topic].add(exercise_id)
        points_of[exercise_id] = points
    lessons = [
        ProgressGroup(
            key=row["lesson__slug"] or "",
            title=row["lesson__title"] or "Other exercises",
            total=row["total"],
            solved=len(ids_by_lesson[row["lesson_id"]] & solved_ids),
            attempted=len(ids_by_lesson[row["lesson_id"]] & attempted_ids),
            url=f"/lessons/{row['lesson__slug']}/" if row["lesson__slug"] else "",
        )
        for row in by_lesson
    ]
    topic_titles = dict(Topic.choices)
    topics = [
        ProgressGroup(
            key=topic,
            title=topic_titles.get(topic, topic),
            total=len(ids),
            solved=len(ids & solved_ids),
            attempted=len(ids & attempted_ids),
            points=sum(points_of[i] for i in ids & solved_ids),
            points_possible=sum(points_of[i] for i in ids),
        )
        for topic, ids in sorted(
            ids_by_topic.items(), key=lambda kv: topic_titles.get(kv[0], kv[0])
        )
    ]
    courses = list(
        Course.objects.filter(enrollments__user=user, archived_at__isnull=True).select_related(
            "owner"
        )
    )
    due_rows = (
        CourseExercise.objects.filter(course__in=courses, due_at__isnull=False)
        .select_related("course", "exercise")
        .order_by("due_at")
    )
    due = [
        CourseDue(
            course=row.course,
            exercise=row.exercise,
            due_at=row.due_at,
            solved=row.exercise_id in solved_ids,
        )
        for row in due_rows
    ]
    total = sum(len(ids) for ids in ids_by_lesson.values())
    return MyProgress(
        lessons=lessons,
        topics=topics,
        total=total,
        solved=len(solved_ids & set().union(*ids_by_lesson.values())) if ids_by_lesson else 0,
        courses=courses,
        due=due,
        points=sum(points for i, points in points_of.items() if i in solved_ids),
        points_possible=sum(points_of.values()),
        next_exercise=next((e for e in exercises_in_list_order() if e.pk not in solved_ids), None),
    )


# ------------------------------------------------------------------------------------------
# Quizzes
# ------------------------------------------------------------------------------------------


def _percent() -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(F("score") * 100.0 / F("max_score"), output_field=FloatField())


def course_quiz_rows(*, course: Course) -> list[CourseQuiz]:
    return list(CourseQuiz.objects.filter(course=course).select_related("quiz"))


def quiz_best_percents(*, course: Course, quiz_ids: list[int]) -> list[tuple[int, int, float]]:
    """(quiz, student, best submitted percent) for the course's students, grouped in SQL."""
    rows = (
        Attempt.objects.filter(
            quiz_id__in=quiz_ids,
            status=Attempt.Status.SUBMITTED,
            max_score__gt=0,
            user_id__in=Enrollment.objects.filter(course=course).values("user_id"),
        )
        .values("quiz_id", "user_id")
        .annotate(best=Max(_percent()))
        .order_by()
    )
    return [(row["quiz_id"], row["user_id"], float(row["best"])) for row in rows]


@dataclass
class QuizSummary:
    course_quiz: CourseQuiz
    students: int
    attempted: int = 0
    mean: float | None = None
    median: float | None = None

    @property
    def quiz(self) -> Quiz:
        return self.course_quiz.quiz


def course_quiz_stats(*, course: Course) -> list[QuizSummary]:
    rows = course_quiz_rows(course=course)
    students = Enrollment.objects.filter(course=course).count()
    best: dict[int, list[float]] = defaultdict(list)
    for quiz_id, _, percent in quiz_best_percents(
        course=course, quiz_ids=[row.quiz_id for row in rows]
    ):
        best[quiz_id].append(percent)
    summaries = []
    for row in rows:
        values = best[row.quiz_id]
        summaries.append(
            QuizSummary(
                course_quiz=row,
                students=students,
                attempted=len(values),
                mean=statistics.fmean(values) if values else None,
                median=_median(values),
            )
        )
    return summaries


@dataclass(frozen=True)
class QuestionDifficulty:
    generator: str
    title: str
    topic: str
    answered: int
    mean_fraction: float


@dataclass
class QuizDetail:
    summary: QuizSummary
    histogram: list[tuple[str, int]]
    questions: list[QuestionDifficulty]
    topics: list[tuple[str, int, float]]  # (topic title, answers, mean fraction)


def course_quiz_detail(*, course: Course, quiz_id: int) -> QuizDetail:
    from quizzes.generators import REGISTRY
    from quizzes.generators.base import TOPICS

    row = CourseQuiz.objects.filter(course=course, quiz_id=quiz_id).select_related("quiz").first()
    if row is None:
        raise Http404("This quiz is not part of the course")
    students = Enrollment.objects.filter(course=course).count()
    values = [p for _, _, p in quiz_best_percents(course=course, quiz_ids=[quiz_id])]
    buckets = [0] * 10
    for percent in values:
        buckets[min(int(percent // 10), 9)] += 1
    histogram = [(f"{10 * i}–{10 * i + 10}", n) for i, n in enumerate(buckets)]
    summary = QuizSummary(
        course_quiz=row,
        students=students,
        attempted=len(values),
        mean=statistics.fmean(values) if values else None,
        median=_median(values),
    )
    per_generator = (
        AttemptQuestion.objects.filter(
            attempt__quiz_id=quiz_id,
            attempt__status=Attempt.Status.SUBMITTED,
            attempt__user_id__in=Enrollment.objects.filter(course=course).values("user_id"),
        )
        .values("generator")
        .annotate(n=Count("id"), mean=Avg("fraction"))
        .order_by("mean")
    )
    questions = []
    for item in per_generator:
        generator = REGISTRY.get(item["generator"])
        questions.append(
            QuestionDifficulty(
                generator=item["generator"],
                title=generator.title if generator else item["generator"],
                topic=generator.topic if generator else "",
                answered=item["n"],
                mean_fraction=float(item["mean"] or 0.0),
            )
        )
    # Topic averages weight each question family by how often it was answered.
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for q in questions:
        totals[q.topic][0] += q.answered
        totals[q.topic][1] += q.answered * q.mean_fraction
    topics = sorted(
        (
            (TOPICS.get(topic, topic or "—"), int(n), total / n if n else 0.0)
            for topic, (n, total) in totals.items()
        ),
        key=lambda t: t[2],
    )
    return QuizDetail(summary=summary, histogram=histogram, questions=questions, topics=topics)


@dataclass(frozen=True)
class MyQuizResult:
    quiz: Quiz
    attempts: int
    best: float | None
    due_at: datetime | None


def my_quiz_results(*, user: User) -> list[MyQuizResult]:
    """Quizzes the student took or has in a course, with the best submitted percent."""
    taken = {
        row["quiz_id"]: row
        for row in Attempt.objects.filter(user=user)
        .values("quiz_id")
        .annotate(
            n=Count("id"),
            best=Max(_percent(), filter=Q(status=Attempt.Status.SUBMITTED, max_score__gt=0)),
        )
        .order_by()
    }
    due = {
        row.quiz_id: row.due_at
        for row in CourseQuiz.objects.filter(
            course__enrollments__user=user, course__archived_at__isnull=True
        )
    }
    quizzes = Quiz.objects.filter(pk__in=set(taken) | set(due)).order_by("title")
    results = []
    for quiz in quizzes:
        row = taken.get(quiz.pk)
        results.append(
            MyQuizResult(
                quiz=quiz,
                attempts=row["n"] if row is not None else 0,
                best=row["best"] if row is not None else None,
                due_at=due.get(quiz.pk),
            )
        )
    return results
