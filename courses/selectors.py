"""Read queries for courses and the progress dashboard.

Every dashboard number is aggregated by the database over the course's slice of submissions
("graded Submit of an enrolled student on a listed exercise"). Python only reshapes results
that are already small: at most students × exercises grouped rows, never raw submissions.
The few queries the ORM cannot express portably (a per-student "first pass" join, unnesting
the verdict's test list) are raw SQL with one variant per database we support.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth import get_user_model
from django.core.cache import cache
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
    Sum,
)
from django.db.models.expressions import CombinedExpression
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from catalog.models import Exercise, Lesson, lesson_body_fields
from courses.access import ALL_STAFF
from courses.models import (
    Course,
    CourseExercise,
    CourseQuiz,
    CourseStaff,
    Enrollment,
    Extension,
    ItemResult,
    ScoreOverride,
    StaffRole,
)
from courses.scoring import GradebookItem, gradebook_items
from exercises.models import HelpUsed, Submission
from mlquiz import sql as dialect
from quizzes.analysis import ItemRow, quiz_item_analysis
from quizzes.models import Attempt, AttemptQuestion, Quiz

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django_stubs_ext import WithAnnotations

HEATMAP_PAGE_SIZE = 100
INACTIVE_DAYS = 7
STRUGGLE_WINDOW_DAYS = 14
STRUGGLE_MIN_FAILURES = 10
ACTIVITY_DAYS = 60
ACTIVITY_CACHE_SECONDS = 26 * 3600  # the key names the day; this only bounds stale entries
TOP_N = 10

SORTS = (
    "name",
    "-name",
    "points",
    "-points",
    "solved",
    "-solved",
    "attempts",
    "activity",
    "-activity",
)


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
    rows = (
        CourseExercise.objects.filter(course=course)
        .select_related("exercise__lesson")
        .defer(*lesson_body_fields("exercise__lesson"))
    )
    if lesson_id is not None:
        rows = rows.filter(exercise__lesson_id=lesson_id)
    return list(rows)


def course_lessons(*, course: Course) -> list[Lesson]:
    """Lessons the course's exercises belong to (the heatmap's filter options)."""
    return list(
        Lesson.objects.filter(exercises__courses=course)
        .defer(*lesson_body_fields())
        .distinct()
        .order_by("order", "title")
    )


def _course_submissions(course: Course, exercise_ids: list[int]) -> QuerySet[Submission]:
    return Submission.objects.filter(
        kind=Submission.Kind.SUBMIT,
        status=Submission.Status.GRADED,
        exercise_id__in=exercise_ids,
        user_id__in=Enrollment.objects.filter(course=course).values("user_id"),
    )


# ------------------------------------------------------------------------------------------
# Per (student, item) results: ItemResult rows, kept current by courses.scoring
# ------------------------------------------------------------------------------------------


def _at_epoch(value: float) -> datetime:
    return datetime.fromtimestamp(float(value), tz=UTC)


def _from_epoch(value: float | None) -> datetime | None:
    return None if value is None else _at_epoch(value)


def _db_datetime(value: datetime) -> Any:
    """A datetime as the backend stores it (SQLite compares naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def _placeholders(values: list[Any]) -> str:
    return ", ".join(["%s"] * len(values))


@dataclass(frozen=True)
class ScoreCell:
    """One student's standing on one item, as the heatmap shows it."""

    points: float  # credited (late policy applied) or the override
    possible: float
    late: bool
    overridden: bool
    attempts: int
    solved: bool  # exercises: passed at some time; quizzes: full marks

    @property
    def fraction(self) -> float:
        return self.points / self.possible if self.possible else 0.0

    @property
    def band(self) -> str:
        """Colour band of the score: zero, low (< 50 %), mid (< 100 %), full."""
        fraction = self.fraction
        if fraction >= 0.9999:
            return "full"
        if fraction >= 0.5:
            return "mid"
        return "low" if fraction > 0 else "zero"


def result_cells(
    *, course: Course, items: list[GradebookItem], user_ids: list[int]
) -> dict[tuple[int, str], ScoreCell]:
    """(student, item key) → cell for ``user_ids`` on ``items``: two indexed queries (the
    results and the overrides of these students), whatever the size of the class."""
    if not user_ids or not items:
        return {}
    by_exercise = {item.item_id: item for item in items if item.kind == "exercise"}
    by_quiz = {item.item_id: item for item in items if item.kind == "quiz"}

    def item_of(exercise_id: int | None, quiz_id: int | None) -> GradebookItem | None:
        return by_exercise.get(exercise_id) if exercise_id else by_quiz.get(quiz_id or 0)

    cells: dict[tuple[int, str], ScoreCell] = {}
    results = ItemResult.objects.filter(course=course, user_id__in=user_ids).values_list(
        "user_id", "exercise_id", "quiz_id", "fraction", "late", "attempts", "solved_at", "best_raw"
    )
    for user_id, exercise_id, quiz_id, fraction, late, attempts, solved_at, best_raw in results:
        item = item_of(exercise_id, quiz_id)
        if item is None:
            continue
        cells[(user_id, item.key)] = ScoreCell(
            points=round(fraction * item.points_possible, 4),
            possible=item.points_possible,
            late=late,
            overridden=False,
            attempts=attempts,
            solved=solved_at is not None if exercise_id else best_raw >= 1.0,
        )
    overrides = ScoreOverride.objects.filter(course=course, user_id__in=user_ids).values_list(
        "user_id", "exercise_id", "quiz_id", "points"
    )
    for user_id, exercise_id, quiz_id, points in overrides:
        item = item_of(exercise_id, quiz_id)
        if item is None:
            continue
        previous = cells.get((user_id, item.key))
        cells[(user_id, item.key)] = ScoreCell(
            points=points,
            possible=item.points_possible,
            late=previous.late if previous else False,
            overridden=True,
            attempts=previous.attempts if previous else 0,
            solved=previous.solved if previous else False,
        )
    return cells


# ------------------------------------------------------------------------------------------
# Heatmap
# ------------------------------------------------------------------------------------------


@dataclass
class HeatmapRow:
    student: User
    points: float
    solved: int
    attempts: int
    last_at: datetime | None
    cells: list[ScoreCell | None]
    url: str = ""  # the drill-down, reversed once per row rather than once per cell


@dataclass
class Heatmap:
    columns: list[GradebookItem]  # the lesson's exercises, or all exercises then quizzes
    rows: list[HeatmapRow]
    page: Page[Any]
    sort: str
    lesson_id: int | None
    points_possible: float = 0.0


@dataclass(frozen=True)
class StudentTotals:
    student: User
    solved: int
    attempts: int
    last_at: datetime | None
    recent_failures: int
    recent_passes: int
    points: float = 0.0


_TOTALS_ORDER = {
    "name": "LOWER(u.username), u.id",
    "-name": "LOWER(u.username) DESC, u.id",
    "points": "COALESCE(t.points, 0) DESC, LOWER(u.username), u.id",
    "-points": "COALESCE(t.points, 0), LOWER(u.username), u.id",
    "solved": "COALESCE(t.solved, 0) DESC, LOWER(u.username), u.id",
    "-solved": "COALESCE(t.solved, 0), LOWER(u.username), u.id",
    "attempts": "COALESCE(t.attempts, 0) DESC, LOWER(u.username), u.id",
    "activity": "CASE WHEN t.last_at IS NULL THEN 1 ELSE 0 END, t.last_at DESC, u.id",
    "-activity": "CASE WHEN t.last_at IS NULL THEN 0 ELSE 1 END, t.last_at, u.id",
    "risk": "CASE WHEN t.last_at IS NULL THEN 0 ELSE 1 END, t.last_at,"
    " COALESCE(t.recent_failures, 0) DESC, u.id",
}


def _item_filter(alias: str, items: list[GradebookItem]) -> tuple[str, list[Any]]:
    """SQL "this row is about one of ``items``" for a table with exercise_id / quiz_id."""
    exercise_ids = [item.item_id for item in items if item.kind == "exercise"] or [0]
    quiz_ids = [item.item_id for item in items if item.kind == "quiz"] or [0]
    sql = (
        f"({alias}.exercise_id IN ({_placeholders(exercise_ids)})"
        f" OR {alias}.quiz_id IN ({_placeholders(quiz_ids)}))"
    )
    return sql, [*exercise_ids, *quiz_ids]


def _points_values(items: list[GradebookItem]) -> tuple[str, list[Any]]:
    """SQL rows (item, points possible) of ``items``, item being the exercise id or minus the
    quiz id, for a join: at 85 items a CASE with a branch per item cost more than the rest
    of the overview's aggregation (docs/dashboard-performance.md)."""
    rows = [(i.item_id if i.kind == "exercise" else -i.item_id, i.points_possible) for i in items]
    rows = rows or [(0, 0.0)]  # ids are positive: matches nothing
    return "VALUES " + ", ".join(["(%s, %s)"] * len(rows)), [v for row in rows for v in row]


def student_totals(
    *,
    course: Course,
    items: list[GradebookItem],
    sort: str = "name",
    limit: int | None = None,
    offset: int = 0,
    recent_since: datetime | None = None,
    at_risk_before: datetime | None = None,
) -> list[StudentTotals]:
    """Enrolled students with their totals on ``items``, sorted and sliced in SQL.

    Read from ``ItemResult`` (one row per student × item, kept current when verdicts arrive)
    and the overrides, never from the submissions: points (late policy applied, an override
    replacing the computed score), exercises solved, Submits, last activity. Students without
    any work are included. ``at_risk_before`` keeps only students inactive since then, or
    with many attempts on exercises they worked on since ``recent_since`` without solving them
    and no exercise solved since then.
    """
    result = ItemResult._meta.db_table
    override = ScoreOverride._meta.db_table
    enrollment = Enrollment._meta.db_table
    user_table = get_user_model()._meta.db_table
    recent = _db_datetime(recent_since or timezone.now() - timedelta(days=STRUGGLE_WINDOW_DAYS))
    possible, possible_params = _points_values(items)
    # Redundant with the join on `possible`, but lets a few items (one lesson's) use the
    # index on exercise_id instead of reading the whole course's results.
    in_items, in_items_params = _item_filter("r", items)
    overridden, overridden_params = _item_filter("o", items)
    params: list[Any] = [
        *possible_params,
        recent,
        recent,
        course.pk,
        *in_items_params,
        course.pk,
        *overridden_params,
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
        WITH possible(item, points) AS ({possible})
        SELECT u.id, t.solved, t.attempts, {dialect.epoch("t.last_at")},
               t.recent_failures, t.recent_passes, t.points
        FROM {enrollment} e
        JOIN {user_table} u ON u.id = e.user_id
        LEFT JOIN (
            SELECT x.user_id, SUM(x.solved) AS solved, SUM(x.attempts) AS attempts,
                   MAX(x.last_at) AS last_at, SUM(x.recent_failures) AS recent_failures,
                   SUM(x.recent_passes) AS recent_passes, SUM(x.points) AS points
            FROM (
                SELECT r.user_id,
                       CASE WHEN r.exercise_id IS NOT NULL AND r.solved_at IS NOT NULL
                            THEN 1 ELSE 0 END AS solved,
                       CASE WHEN r.exercise_id IS NOT NULL THEN r.attempts ELSE 0 END
                           AS attempts,
                       r.last_at,
                       CASE WHEN r.exercise_id IS NOT NULL AND r.solved_at IS NULL
                                 AND r.last_at >= %s THEN r.attempts ELSE 0 END
                           AS recent_failures,
                       CASE WHEN r.solved_at >= %s THEN 1 ELSE 0 END AS recent_passes,
                       CASE WHEN o.id IS NULL THEN r.fraction * p.points ELSE 0 END AS points
                FROM {result} r
                JOIN possible p ON p.item = COALESCE(r.exercise_id, -r.quiz_id)
                LEFT JOIN {override} o
                       ON o.course_id = r.course_id AND o.user_id = r.user_id
                      AND (o.exercise_id = r.exercise_id OR o.quiz_id = r.quiz_id)
                WHERE r.course_id = %s AND {in_items}
                UNION ALL
                SELECT o.user_id, 0, 0, NULL, 0, 0, o.points
                FROM {override} o
                WHERE o.course_id = %s AND {overridden}
            ) x
            GROUP BY x.user_id
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
            points=round(float(row[6] or 0.0), 4),
        )
        for row in rows
    ]


def heatmap_columns(*, course: Course, lesson_id: int | None = None) -> list[GradebookItem]:
    """The course's exercises then its quizzes (only the lesson's exercises when filtered)."""
    items = gradebook_items(course=course)
    if lesson_id is None:
        return items
    in_lesson = set(
        CourseExercise.objects.filter(course=course, exercise__lesson_id=lesson_id).values_list(
            "exercise_id", flat=True
        )
    )
    return [item for item in items if item.kind == "exercise" and item.item_id in in_lesson]


def course_heatmap(
    *,
    course: Course,
    lesson_id: int | None = None,
    sort: str = "name",
    page_number: int | str = 1,
    page_size: int = HEATMAP_PAGE_SIZE,
) -> Heatmap:
    """Students × items (exercises and quizzes), one page of students sorted by the database,
    each cell the student's credited score from ItemResult (or the override)."""
    sort = sort if sort in SORTS else "name"
    columns = heatmap_columns(course=course, lesson_id=lesson_id)
    total = Enrollment.objects.filter(course=course).count()
    # The paginator only does the page arithmetic; the page's rows come from SQL.
    page = Paginator(range(total), page_size).get_page(page_number)
    totals = student_totals(
        course=course,
        items=columns,
        sort=sort,
        limit=page_size,
        offset=page.start_index() - 1 if total else 0,
    )
    cells = result_cells(course=course, items=columns, user_ids=[t.student.pk for t in totals])
    rows = [
        HeatmapRow(
            student=t.student,
            points=t.points,
            solved=t.solved,
            attempts=t.attempts,
            last_at=t.last_at,
            cells=[cells.get((t.student.pk, item.key)) for item in columns],
            url=reverse("courses:student_detail", args=[course.pk, t.student.pk]),
        )
        for t in totals
    ]
    return Heatmap(
        columns=columns,
        rows=rows,
        page=page,
        sort=sort,
        lesson_id=lesson_id,
        points_possible=sum(item.points_possible for item in columns),
    )


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
    mean_fraction: float | None = None  # credited score of those who attempted, 0..1

    @property
    def exercise(self) -> Exercise:
        return self.course_exercise.exercise

    @property
    def solve_rate(self) -> float:
        return self.solved / self.students if self.students else 0.0

    @property
    def points(self) -> float:
        entry = self.course_exercise
        return float(entry.points if entry.points is not None else entry.exercise.points)

    @property
    def mean_points(self) -> float | None:
        return None if self.mean_fraction is None else self.mean_fraction * self.points


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _enrolled_results(course: Course) -> QuerySet[ItemResult]:
    return ItemResult.objects.filter(
        course=course, user_id__in=Enrollment.objects.filter(course=course).values("user_id")
    )


def _exercise_medians_postgres(
    course: Course, exercise_ids: list[int]
) -> dict[int, tuple[int, int, float | None, float | None, float | None]]:
    """Per exercise: attempted, solved, median attempts and seconds to solve, mean credit —
    all in SQL over ItemResult (PostgreSQL's ordered-set aggregates). Seconds come from
    ``date_part``, a float: ``EXTRACT`` returns numeric since PostgreSQL 14, and sorting
    150,000 numerics cost a third of the query."""
    result = ItemResult._meta.db_table
    enrollment = Enrollment._meta.db_table
    solved = "FILTER (WHERE r.solved_at IS NOT NULL)"
    sql = f"""
        SELECT r.exercise_id, COUNT(*), COUNT(r.solved_at),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY r.attempts_to_solve) {solved},
               percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY date_part('epoch', r.solved_at - r.first_at)
               ) {solved},
               AVG(r.fraction)
        FROM {result} r
        WHERE r.course_id = %s AND r.attempts > 0
          AND r.exercise_id IN ({_placeholders(exercise_ids)})
          AND r.user_id IN (SELECT e.user_id FROM {enrollment} e WHERE e.course_id = %s)
        GROUP BY r.exercise_id
    """  # noqa: S608 - table names come from models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [course.pk, *exercise_ids, course.pk])
        return {
            row[0]: (
                int(row[1]),
                int(row[2]),
                None if row[3] is None else float(row[3]),
                None if row[4] is None else float(row[4]),
                None if row[5] is None else float(row[5]),
            )
            for row in cursor.fetchall()
        }


# (attempts_to_solve, first_at, solved_at, fraction) of one student on one exercise.
type ResultRow = tuple[int, datetime | None, datetime | None, float]


def _fill_stats(stats: ExerciseStats, results: list[ResultRow]) -> None:
    """Attempted, solved, medians and mean credit from (attempts_to_solve, first_at,
    solved_at, fraction) rows of one exercise."""
    attempts: list[float] = []
    seconds: list[float] = []
    fractions: list[float] = []
    for to_solve, first_at, solved_at, fraction in results:
        stats.attempted += 1
        fractions.append(fraction)
        if solved_at is not None:
            stats.solved += 1
            attempts.append(to_solve)
            seconds.append((solved_at - first_at).total_seconds() if first_at else 0.0)
    stats.median_attempts = _median(attempts)
    minutes = _median(seconds)
    stats.median_minutes = None if minutes is None else minutes / 60
    stats.mean_fraction = statistics.fmean(fractions) if fractions else None


def course_exercise_stats(*, course: Course) -> list[ExerciseStats]:
    """Per exercise of the course: attempted, solved, median attempts and time to solve,
    mean credited score — from ItemResult (one grouped query on PostgreSQL)."""
    exercises = course_exercises(course=course)
    students = Enrollment.objects.filter(course=course).count()
    stats = {
        row.exercise_id: ExerciseStats(course_exercise=row, students=students) for row in exercises
    }
    exercise_ids = list(stats)
    if not exercise_ids:
        return []
    if dialect.has_percentiles():
        medians = _exercise_medians_postgres(course, exercise_ids)
        for exercise_id, (attempted, solved, attempts, seconds, mean) in medians.items():
            item = stats[exercise_id]
            item.attempted, item.solved, item.median_attempts = attempted, solved, attempts
            item.median_minutes = None if seconds is None else seconds / 60
            item.mean_fraction = mean
        return list(stats.values())
    rows: dict[int, list[ResultRow]] = defaultdict(list)
    for exercise_id, to_solve, first_at, solved_at, fraction in (
        _enrolled_results(course)
        .filter(exercise_id__in=exercise_ids, attempts__gt=0)
        .values_list("exercise_id", "attempts_to_solve", "first_at", "solved_at", "fraction")
    ):
        if exercise_id is not None:
            rows[exercise_id].append((to_solve, first_at, solved_at, fraction))
    for exercise_id, item in stats.items():
        _fill_stats(item, rows[exercise_id])
    return list(stats.values())


@dataclass(frozen=True)
class FailureRow:
    label: str  # the test name, or the message with its numbers replaced by "#"
    tests: int  # how many different tests it occurred on
    count: int  # failures (a test failing in one submission counts once)
    students: int  # distinct students who met it
    example_id: int  # a submission showing it


def _verdict_tests_sql(group: str) -> str:
    submission = Submission._meta.db_table
    enrollment = Enrollment._meta.db_table
    tests, name, message, failed = dialect.verdict_tests("s")
    label = name if group == "test" else dialect.number_free(message)
    return f"""
        SELECT {label}, COUNT(DISTINCT {name}), COUNT(*), COUNT(DISTINCT s.user_id), MIN(s.id)
        FROM {submission} s {tests}
        WHERE s.exercise_id = %s AND s.kind = %s AND s.status = %s AND NOT s.passed
          AND s.user_id IN (SELECT e.user_id FROM {enrollment} e WHERE e.course_id = %s)
          AND {failed}
        GROUP BY 1
        ORDER BY COUNT(DISTINCT s.user_id) DESC, COUNT(*) DESC, 1
        LIMIT %s
    """  # noqa: S608 - table names come from models, values are parameters


def exercise_failures(
    *, course: Course, exercise_id: int, group: str = "test", limit: int = TOP_N
) -> list[FailureRow]:
    """The tests that fail most (``group="test"``) or the commonest messages (``"message"``),
    ranked by how many distinct students met them (one student resubmitting twenty times is
    one student). Messages that differ only in their numbers ("max abs error 2.0" / "0.5")
    are one row: numeric literals become "#"."""
    params: list[int | str] = [
        exercise_id,
        Submission.Kind.SUBMIT,
        Submission.Status.GRADED,
        course.pk,
        limit,
    ]
    dialect.prepare_number_free()
    with connection.cursor() as cursor:
        cursor.execute(_verdict_tests_sql(group), params)
        rows = cursor.fetchall()
    return [
        FailureRow(
            label=str(row[0] or "—"),
            tests=int(row[1] or 0),
            count=int(row[2]),
            students=int(row[3]),
            example_id=int(row[4]),
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
    help: HelpSummary | None = None


@dataclass(frozen=True)
class HelpSummary:
    """How the class used the way forward on one exercise (exercises.HelpUsed)."""

    hint_students: int  # revealed at least one hint
    hints_revealed: int  # in all
    solution_students: int  # opened the worked solution before solving
    solved_after_hint: int  # of those with a hint, how many solved


def exercise_help(*, course: Course, exercise_id: int) -> HelpSummary:
    """Hint and solution use among the course's students on one exercise (two queries)."""
    rows = HelpUsed.objects.filter(
        exercise_id=exercise_id, user__enrollments__course=course
    ).values_list("user_id", "hints_shown", "solution_shown_at")
    hinted = {user_id for user_id, hints, _ in rows if hints}
    solved = set(
        _enrolled_results(course)
        .filter(exercise_id=exercise_id, solved=True, user_id__in=hinted)
        .values_list("user_id", flat=True)
    )
    return HelpSummary(
        hint_students=len(hinted),
        hints_revealed=sum(hints for _, hints, _ in rows),
        solution_students=sum(1 for _, _, at in rows if at is not None),
        solved_after_hint=len(solved),
    )


def course_exercise_detail(*, course: Course, exercise_id: int) -> ExerciseDetail:
    row = (
        CourseExercise.objects.filter(course=course, exercise_id=exercise_id)
        .select_related("exercise__lesson")
        .defer(*lesson_body_fields("exercise__lesson"))
        .first()
    )
    if row is None:
        raise Http404("This exercise is not part of the course")
    students = Enrollment.objects.filter(course=course).count()
    results = list(
        _enrolled_results(course)
        .filter(exercise_id=exercise_id, attempts__gt=0)
        .values_list("attempts_to_solve", "first_at", "solved_at", "fraction")
    )
    stats = ExerciseStats(course_exercise=row, students=students)
    _fill_stats(stats, results)
    buckets: dict[str, int] = {label: 0 for label in ("1", "2", "3", "4–5", "6–10", "11+")}
    for n, _, solved_at, _ in results:
        if solved_at is None:
            continue
        key = str(n) if n <= 3 else "4–5" if n <= 5 else "6–10" if n <= 10 else "11+"
        buckets[key] += 1
    return ExerciseDetail(
        stats=stats,
        failing_tests=exercise_failures(course=course, exercise_id=exercise_id, group="test"),
        messages=exercise_failures(course=course, exercise_id=exercise_id, group="message"),
        attempts_histogram=list(buckets.items()),
        help=exercise_help(course=course, exercise_id=exercise_id),
    )


# ------------------------------------------------------------------------------------------
# Activity, students at risk, drill-down, gradebook
# ------------------------------------------------------------------------------------------


def _activity_counts(
    course: Course, exercise_ids: list[int], since: datetime, until: datetime | None
) -> dict[date, tuple[int, int]]:
    """(submissions, passing) per UTC day of the course's graded Submits in [since, until)."""
    day = dialect.utc_date("s.created_at")
    before = "AND s.created_at < %s" if until is not None else ""
    sql = f"""
        SELECT {day}, COUNT(*), SUM(CASE WHEN s.passed THEN 1 ELSE 0 END)
        FROM {Submission._meta.db_table} s
        WHERE s.kind = %s AND s.status = %s AND s.created_at >= %s {before}
          AND s.exercise_id IN ({_placeholders(exercise_ids)})
          AND s.user_id IN (
              SELECT e.user_id FROM {Enrollment._meta.db_table} e WHERE e.course_id = %s
          )
        GROUP BY 1
    """  # noqa: S608 - table names come from models, values are parameters
    params: list[Any] = [Submission.Kind.SUBMIT, Submission.Status.GRADED, _db_datetime(since)]
    if until is not None:
        params.append(_db_datetime(until))
    params += [*exercise_ids, course.pk]
    counts: dict[date, tuple[int, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for bucket, n, ok in cursor.fetchall():
            key = bucket if isinstance(bucket, date) else date.fromisoformat(str(bucket))
            counts[key] = (int(n), int(ok or 0))
    return counts


def course_activity(*, course: Course, days: int = ACTIVITY_DAYS) -> list[tuple[date, int, int]]:
    """(day, submissions, passing submissions) for the last ``days`` days (UTC), zeros included.

    Raw SQL for the day bucket: Django's TruncDate is a Python function per row on SQLite
    (seconds for 50,000 rows); the stored UTC text's first ten characters are the day.

    The days before today are counted once a day and cached: counting them is a pass over
    every submission of the class (500,000 rows at 5,000 students, about a second of
    database time), and they hardly change once over (a submission graded after midnight
    shows in its day's count the next day). The cache key holds what would change
    them — the exercise list and the enrolled students (their count and the sum of their ids)
    — so a student joining or leaving, or new material, counts again. Today is always live.
    """
    today = timezone.now().date()
    start = today - timedelta(days=days - 1)
    exercise_ids = sorted(
        CourseExercise.objects.filter(course=course).values_list("exercise_id", flat=True)
    )
    counts: dict[date, tuple[int, int]] = {}
    if exercise_ids:
        since = datetime.combine(start, datetime.min.time(), tzinfo=UTC)
        midnight = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
        who = Enrollment.objects.filter(course=course).aggregate(n=Count("pk"), ids=Sum("user_id"))
        fingerprint = hashlib.sha256(
            f"{exercise_ids}:{who['n']}:{who['ids']}".encode()
        ).hexdigest()[:16]
        key = f"course-activity:{course.pk}:{start}:{today}:{fingerprint}"
        past: dict[str, tuple[int, int]] | None = cache.get(key)
        if past is None:
            closed = _activity_counts(course, exercise_ids, since, midnight)
            past = {day.isoformat(): value for day, value in closed.items()}
            cache.set(key, past, timeout=ACTIVITY_CACHE_SECONDS)
        counts = {date.fromisoformat(day): (n, ok) for day, (n, ok) in past.items()}
        counts.update(_activity_counts(course, exercise_ids, midnight, None))
    return [
        (day, *counts.get(day, (0, 0))) for day in (start + timedelta(days=i) for i in range(days))
    ]


def course_activity_warm() -> int:
    """Fill the activity cache of every course that is not archived and has students; returns
    how many. Run by Celery beat just after midnight (UTC, the chart's days)."""
    courses = Course.objects.filter(archived_at__isnull=True, enrollments__isnull=False).distinct()
    count = 0
    for course in courses:
        course_activity(course=course)
        count += 1
    return count


@dataclass(frozen=True)
class AtRisk:
    student: User
    reason: str
    last_at: datetime | None
    recent_failures: int
    solved: int
    points: float = 0.0


def course_students_at_risk(*, course: Course, limit: int = 50) -> list[AtRisk]:
    """No work for a week, or many attempts on exercises still unsolved and worked on in the
    last two weeks with nothing solved in them (read from ItemResult, not the submissions)."""
    now = timezone.now()
    inactive_since = now - timedelta(days=INACTIVE_DAYS)
    window = now - timedelta(days=STRUGGLE_WINDOW_DAYS)
    students = student_totals(
        course=course,
        items=gradebook_items(course=course),
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
                points=student.points,
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


@dataclass(frozen=True)
class StudentScore:
    item: GradebookItem
    cell: ScoreCell | None


@dataclass
class StudentScores:
    scores: list[StudentScore]
    points: float
    points_possible: float


def student_scores(*, course: Course, student: User) -> StudentScores:
    """The student's standing on every course item (exercises, then quizzes), from
    ItemResult and the overrides: the drill-down's score table."""
    items = gradebook_items(course=course)
    cells = result_cells(course=course, items=items, user_ids=[student.pk])
    scores = [StudentScore(item, cells.get((student.pk, item.key))) for item in items]
    return StudentScores(
        scores=scores,
        points=round(sum(s.cell.points for s in scores if s.cell is not None), 4),
        points_possible=sum(item.points_possible for item in items),
    )


def student_quiz_attempts(*, course: Course, student: User) -> QuerySet[Attempt]:
    """The student's attempts (open ones included) on the course's quizzes, newest first."""
    return (
        Attempt.objects.filter(
            user=student,
            quiz_id__in=CourseQuiz.objects.filter(course=course).values("quiz_id"),
        )
        .select_related("quiz")
        .order_by("-started_at", "-pk")
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
    # The student's own due date where staff extended it.
    from courses.models import Extension

    extended = {
        (course_id, exercise_id): due_at
        for course_id, exercise_id, due_at in Extension.objects.filter(
            user=user, exercise__isnull=False, due_at__isnull=False
        ).values_list("course_id", "exercise_id", "due_at")
    }
    due = [
        CourseDue(
            course=row.course,
            exercise=row.exercise,
            due_at=extended.get((row.course_id, row.exercise_id), row.due_at),
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
    """(quiz, student, best submitted percent) for the course's students, from ItemResult
    (``best_raw``: the best attempt before any late rule), not from the attempts."""
    rows = (
        _enrolled_results(course)
        .filter(quiz_id__in=quiz_ids, attempts__gt=0)
        .values_list("quiz_id", "user_id", "best_raw")
    )
    return [(quiz_id, user_id, 100.0 * best) for quiz_id, user_id, best in rows if quiz_id]


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
    quiz_ids = [row.quiz_id for row in rows]
    if dialect.has_percentiles():
        summed = _quiz_summaries_postgres(course, quiz_ids)
    else:
        best: dict[int, list[float]] = defaultdict(list)
        for quiz_id, _, percent in quiz_best_percents(course=course, quiz_ids=quiz_ids):
            best[quiz_id].append(percent)
        summed = {
            quiz_id: (len(values), statistics.fmean(values), _median(values))
            for quiz_id, values in best.items()
        }
    summaries = []
    for row in rows:
        attempted, mean, median = summed.get(row.quiz_id, (0, None, None))
        summaries.append(
            QuizSummary(
                course_quiz=row,
                students=students,
                attempted=attempted,
                mean=mean,
                median=median,
            )
        )
    return summaries


def _quiz_summaries_postgres(
    course: Course, quiz_ids: list[int]
) -> dict[int, tuple[int, float | None, float | None]]:
    """Per quiz: students who submitted, mean and median best percent, in SQL over ItemResult
    rather than 25,000 rows read into Python (5,000 students × 5 quizzes)."""
    if not quiz_ids:
        return {}
    result = ItemResult._meta.db_table
    enrollment = Enrollment._meta.db_table
    sql = f"""
        SELECT r.quiz_id, COUNT(*), AVG(100.0 * r.best_raw),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY 100.0 * r.best_raw)
        FROM {result} r
        WHERE r.course_id = %s AND r.attempts > 0
          AND r.quiz_id IN ({_placeholders(quiz_ids)})
          AND r.user_id IN (SELECT e.user_id FROM {enrollment} e WHERE e.course_id = %s)
        GROUP BY r.quiz_id
    """  # noqa: S608 - table names come from models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [course.pk, *quiz_ids, course.pk])
        return {row[0]: (int(row[1]), float(row[2]), float(row[3])) for row in cursor.fetchall()}


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
    from quizzes.bank import TOPICS
    from quizzes.models import Question

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
    per_generator = list(
        AttemptQuestion.objects.filter(
            attempt__quiz_id=quiz_id,
            attempt__status=Attempt.Status.SUBMITTED,
            attempt__user_id__in=Enrollment.objects.filter(course=course).values("user_id"),
        )
        .values("generator")
        .annotate(n=Count("id"), mean=Avg("fraction"))
        .order_by("mean")
    )
    known = {
        q.slug: q
        for q in Question.objects.filter(slug__in=[item["generator"] for item in per_generator])
    }
    questions = []
    for item in per_generator:
        generator = known.get(item["generator"])
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


def course_quiz_item_analysis(*, course: Course, quiz_id: int) -> list[ItemRow]:
    """Item analysis of a course quiz over its students' submitted attempts (every attempt,
    as the difficulty table above counts them)."""
    attempts = Attempt.objects.filter(
        quiz_id=quiz_id,
        status=Attempt.Status.SUBMITTED,
        user_id__in=Enrollment.objects.filter(course=course).values("user_id"),
    ).values_list("pk", flat=True)
    return quiz_item_analysis(attempt_ids=attempts)


@dataclass(frozen=True)
class MyQuizResult:
    quiz: Quiz
    attempts: int
    best: float | None
    due_at: datetime | None
    time_zone: str = "UTC"  # the course's, to show due_at on its clock


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
    listed = CourseQuiz.objects.filter(
        course__enrollments__user=user, course__archived_at__isnull=True
    ).values_list("quiz_id", "due_at", "course__time_zone")
    from courses.models import Extension

    extended = dict(
        Extension.objects.filter(user=user, quiz__isnull=False, due_at__isnull=False).values_list(
            "quiz_id", "due_at"
        )
    )
    due = {quiz_id: extended.get(quiz_id, due_at) for quiz_id, due_at, _ in listed}
    zones = {quiz_id: zone for quiz_id, _, zone in listed}
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
                time_zone=zones.get(quiz.pk, "UTC"),
            )
        )
    return results


def courses_with_role(*, user: User) -> list[tuple[Course, str]]:
    """The live (not archived) courses ``user`` teaches, with their staff role, then the ones
    they take, with the role "student": what a script needs to find a course id."""
    staff = (
        CourseStaff.objects.filter(user=user, course__archived_at__isnull=True)
        .select_related("course")
        .order_by("-course__created_at")
    )
    rows: list[tuple[Course, str]] = [(row.course, str(row.role)) for row in staff]
    teaching = {course.pk for course, _ in rows}
    taking = (
        Course.objects.filter(enrollments__user=user, archived_at__isnull=True)
        .exclude(pk__in=teaching)
        .order_by("-created_at")
    )
    rows += [(course, "student") for course in taking]
    return rows


def course_student_by_username(*, course: Course, username: str) -> User | None:
    """An enrolled student of the course by username (None: not one)."""
    found: User | None = (
        get_user_model().objects.filter(enrollments__course=course, username=username).first()
    )
    return found


def course_extensions(*, course: Course) -> list[Extension]:
    """The course's extensions, with their student and item, by student then item."""
    rows = Extension.objects.filter(course=course).select_related("user", "exercise", "quiz")
    return list(rows.order_by("user__username", "exercise_id", "quiz_id"))


def course_overrides(*, course: Course) -> list[ScoreOverride]:
    """The course's score overrides, with their student and item, by student then item."""
    rows = ScoreOverride.objects.filter(course=course).select_related("user", "exercise", "quiz")
    return list(rows.order_by("user__username", "exercise_id", "quiz_id"))
