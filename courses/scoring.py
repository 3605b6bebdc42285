"""Scores in a course: each student's standing on each course item, and the gradebook.

``ItemResult`` holds one row per course × student × item, written here and only here:
- when a verdict is stored or a quiz attempt graded (the ``verdict_stored`` and
  ``attempt_graded`` signals, connected in ``courses/apps.py``), for every course of that
  student that lists the item;
- when something that decides the score changes (a due date, a late policy, an extension, a
  regrade, a student joining): ``results_rebuild`` recomputes the affected rows from the
  submissions, one aggregate query per item.

``StudentResults`` folds each student's rows of a course into one row, which the gradebook
reads (5,000 rows rather than grouping 143,000 at that class size); ``results_rebuild`` rewrites
the rows of the students it touched in the same transaction, so the two never disagree.

The rules, per item (``CourseExercise`` / ``CourseQuiz``):
- the best score before the due date (an extension's date for that student, when granted) is
  always credited in full;
- after it, by ``late_policy``: *penalty* credits the late best less ``late_penalty_percent``
  (when that beats the on-time best, the result is marked late), *no_credit* and *closed* credit
  nothing late (late work still shows as late when it beat the on-time best);
- a ``ScoreOverride`` replaces the computed points (the gradebook marks it).

Points: a course item's ``points`` if set, else the exercise's points or the quiz's total.
"""

from __future__ import annotations

import json
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery

from courses.models import (
    Course,
    CourseExercise,
    CourseQuiz,
    Enrollment,
    Extension,
    ItemResult,
    LatePolicy,
    ScoreOverride,
    StudentResults,
)
from courses.signals import ResultScore, results_rebuilt
from exercises.models import Submission
from mlquiz import sql as dialect
from mlquiz.gcpause import collector_paused
from quizzes.models import Attempt

if TYPE_CHECKING:
    from courses.models import CourseItem

# --- the rule ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """What one student's work on one item is worth, before any override."""

    fraction: float  # credited, 0..1 of the item's points
    best_raw: float  # best score at any time, 0..1, no penalty
    late: bool


def standing(
    *, on_time: float | None, late: float | None, policy: str, penalty_percent: int
) -> Standing:
    """The credit for an on-time best and a late best (None: no such work) under a policy."""
    on_time_score = on_time or 0.0
    late_score = late or 0.0
    best_raw = max(on_time_score, late_score)
    if late is None or late_score <= on_time_score:
        return Standing(on_time_score, best_raw, late=False)
    if policy == LatePolicy.PENALTY:
        discounted = late_score * (1 - min(max(penalty_percent, 0), 100) / 100)
        if discounted > on_time_score:
            return Standing(discounted, best_raw, late=True)
        return Standing(on_time_score, best_raw, late=penalty_percent < 100)
    # no_credit, closed: late work earns nothing, but the gradebook says it was there.
    return Standing(on_time_score, best_raw, late=True)


def item_points(entry: CourseItem, default: float) -> float:
    return float(entry.points) if entry.points is not None else default


# --- keeping ItemResult up to date -------------------------------------------------------------


def _exercise_aggregates(due: datetime | None) -> dict[str, Any]:
    submit = Q(kind=Submission.Kind.SUBMIT, status=Submission.Status.GRADED)
    on_time = submit & Q(created_at__lte=due) if due else submit
    late = submit & Q(created_at__gt=due) if due else Q(pk__in=[])
    # The student's first pass on this exercise: Submits up to it are the attempts it took
    # (the dashboard's "median attempts to solve" reads this instead of numbering submissions).
    first_pass = (
        Submission.objects.filter(
            user_id=OuterRef("user_id"), exercise_id=OuterRef("exercise_id"), passed=True
        )
        .filter(submit)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return {
        "to_solve": Count("pk", filter=submit & Q(created_at__lte=Subquery(first_pass))),
        "on_time": Max("score", filter=on_time),
        "late": Max("score", filter=late),
        "attempts": Count("pk", filter=submit),
        "first_at": Min("created_at", filter=submit),
        "solved_at": Min("created_at", filter=submit & Q(passed=True)),
        "last_at": Max("created_at", filter=submit),
    }


def _due_by_user(course: Course, entry: CourseItem, *, exercise: bool) -> dict[int, datetime]:
    """Extended due dates of this item in this course, by student."""
    key = "exercise_id" if exercise else "quiz_id"
    item_id = getattr(entry, key)
    rows = Extension.objects.filter(course=course, due_at__isnull=False, **{key: item_id})
    return {row.user_id: row.due_at for row in rows if row.due_at is not None}


def _exercise_rows(course: Course, entry: CourseExercise, user_ids: list[int]) -> list[ItemResult]:
    extended = _due_by_user(course, entry, exercise=True)
    groups: list[tuple[datetime | None, list[int]]] = [
        (entry.due_at, [uid for uid in user_ids if uid not in extended])
    ]
    groups += [(due, [uid]) for uid, due in extended.items() if uid in set(user_ids)]
    results = []
    for due, users in groups:
        if not users:
            continue
        aggregated = (
            Submission.objects.filter(exercise_id=entry.exercise_id, user_id__in=users)
            .values("user_id")
            .annotate(**_exercise_aggregates(due))
        )
        rows = cast(Iterable[dict[str, Any]], aggregated)  # the stubs drop annotate's keys
        for row in rows:
            if not row["attempts"]:
                continue
            result = standing(
                on_time=row["on_time"],
                late=row["late"],
                policy=entry.late_policy,
                penalty_percent=entry.late_penalty_percent,
            )
            solved_at = row["solved_at"]
            credited_solve = solved_at is not None and (
                due is None or solved_at <= due or entry.late_policy == LatePolicy.PENALTY
            )
            results.append(
                ItemResult(
                    course=course,
                    user_id=row["user_id"],
                    exercise_id=entry.exercise_id,
                    fraction=result.fraction,
                    best_raw=result.best_raw,
                    late=result.late,
                    attempts=row["attempts"],
                    attempts_to_solve=row["to_solve"] if solved_at is not None else 0,
                    solved=credited_solve,
                    first_at=row["first_at"],
                    solved_at=solved_at,
                    last_at=row["last_at"],
                )
            )
    return results


def _quiz_rows(course: Course, entry: CourseQuiz, user_ids: list[int]) -> list[ItemResult]:
    extended = _due_by_user(course, entry, exercise=False)
    by_user: dict[int, list[tuple[datetime | None, float]]] = {}
    attempts = Attempt.objects.filter(
        quiz_id=entry.quiz_id,
        user_id__in=user_ids,
        status=Attempt.Status.SUBMITTED,
        max_score__gt=0,
    ).values_list("user_id", "submitted_at", "score", "max_score")
    for user_id, submitted_at, score, max_score in attempts:
        by_user.setdefault(user_id, []).append((submitted_at, score / max_score))
    results = []
    for user_id, scored in by_user.items():
        due = extended.get(user_id, entry.due_at)
        on_time = [f for at, f in scored if due is None or (at is not None and at <= due)]
        late = [f for at, f in scored if due is not None and (at is None or at > due)]
        result = standing(
            on_time=max(on_time) if on_time else None,
            late=max(late) if late else None,
            policy=entry.late_policy,
            penalty_percent=entry.late_penalty_percent,
        )
        times = [at for at, _ in scored if at is not None]
        results.append(
            ItemResult(
                course=course,
                user_id=user_id,
                quiz_id=entry.quiz_id,
                fraction=result.fraction,
                best_raw=result.best_raw,
                late=result.late,
                attempts=len(scored),
                solved=result.fraction >= 1.0,
                first_at=min(times) if times else None,
                solved_at=None,
                last_at=max(times) if times else None,
            )
        )
    return results


def results_rebuild(
    *,
    course: Course,
    exercise_id: int | None = None,
    quiz_id: int | None = None,
    user_id: int | None = None,
) -> int:
    """Recompute the results of ``course`` — all items, or one exercise or quiz — for all its
    students or one; returns the number of rows written. One aggregate query per item (and
    per extended student), then one delete and one bulk insert."""
    students = Enrollment.objects.filter(course=course)
    if user_id is not None:
        students = students.filter(user_id=user_id)
    user_ids = list(students.values_list("user_id", flat=True))
    exercises = CourseExercise.objects.filter(course=course).select_related("exercise")
    quizzes = (
        CourseQuiz.objects.filter(course=course)
        .select_related("quiz")
        .prefetch_related("quiz__slots")
    )
    if exercise_id is not None or quiz_id is not None:
        exercises = exercises.filter(exercise_id=exercise_id) if exercise_id else exercises.none()
        quizzes = quizzes.filter(quiz_id=quiz_id) if quiz_id else quizzes.none()
    rows: list[ItemResult] = []
    for entry in exercises:
        rows += _exercise_rows(course, entry, user_ids)
    for quiz_entry in quizzes:
        rows += _quiz_rows(course, quiz_entry, user_ids)
    stale = ItemResult.objects.filter(course=course)
    if user_id is not None:
        stale = stale.filter(user_id=user_id)
    if exercise_id is not None or quiz_id is not None:
        stale = stale.filter(Q(exercise_id=exercise_id) if exercise_id else Q(quiz_id=quiz_id))
    with transaction.atomic():
        stale.delete()
        ItemResult.objects.bulk_create(rows, batch_size=2000)
        _student_results_refresh(course_id=course.pk, user_id=user_id)
        if results_rebuilt.has_listeners():
            overrides = ScoreOverride.objects.filter(course=course, user_id__in=user_ids)
            if exercise_id is not None or quiz_id is not None:
                overrides = overrides.filter(
                    Q(exercise_id=exercise_id) if exercise_id else Q(quiz_id=quiz_id)
                )
            results = _effective(rows, list(overrides), exercises, quizzes)
            if results:
                results_rebuilt.send(sender=ItemResult, course_id=course.pk, results=results)
    return len(rows)


def _student_results_refresh(*, course_id: int, user_id: int | None) -> None:
    """Fold the course's ItemResult rows of one student (or of all) into ``StudentResults``.

    Runs in ``results_rebuild``'s transaction. The students' enrolment rows are locked first
    (in id order), so two rebuilds touching the same student — two verdicts on different
    exercises at once — take turns: the second one's statements start after the first one
    commits and see its results (read committed), instead of deleting a row they cannot see
    yet and writing a summary without the other's result."""
    enrolled = Enrollment.objects.filter(course_id=course_id)
    if user_id is not None:
        enrolled = enrolled.filter(user_id=user_id)
    list(enrolled.select_for_update().order_by("pk").values_list("pk", flat=True))
    where = "course_id = %s" + (" AND user_id = %s" if user_id is not None else "")
    params = [course_id] if user_id is None else [course_id, user_id]
    aggregate = dialect.json_array_agg
    cells = (
        f"'[' || {aggregate('COALESCE(exercise_id, -quiz_id)')} || ',' || "
        f"{aggregate('fraction')} || ',' || {aggregate('late')} || ']'"
    )
    table = StudentResults._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} (course_id, user_id, cells) "  # noqa: S608
            f"SELECT course_id, user_id, {cells} FROM {ItemResult._meta.db_table} "
            f"WHERE {where} GROUP BY course_id, user_id",
            params,
        )


def _effective(
    rows: list[ItemResult],
    overrides: list[ScoreOverride],
    exercises: Iterable[CourseExercise],
    quizzes: Iterable[CourseQuiz],
) -> list[ResultScore]:
    """The rebuilt rows as the gradebook scores them: overrides applied (an override of a
    student with no work counts too), with points."""
    possible: dict[str, float] = {}
    for entry in exercises:
        possible[f"exercise:{entry.exercise_id}"] = item_points(entry, float(entry.exercise.points))
    for quiz_entry in quizzes:
        possible[f"quiz:{quiz_entry.quiz_id}"] = item_points(
            quiz_entry, float(quiz_entry.quiz.max_points)
        )
    overridden = {(o.user_id, o.item_key): o.points for o in overrides}
    scores = []
    for row in rows:
        points = possible.get(row.item_key, 0.0)
        override = overridden.pop((row.user_id, row.item_key), None)
        fraction = row.fraction if override is None or not points else override / points
        scores.append(
            ResultScore(
                user_id=row.user_id,
                exercise_id=row.exercise_id,
                quiz_id=row.quiz_id,
                fraction=fraction,
                points_possible=points,
                late=row.late,
            )
        )
    for (user_id, key), override_points in overridden.items():
        kind, _, item = key.partition(":")
        points = possible.get(key, 0.0)
        scores.append(
            ResultScore(
                user_id=user_id,
                exercise_id=int(item) if kind == "exercise" else None,
                quiz_id=int(item) if kind == "quiz" else None,
                fraction=override_points / points if points else 0.0,
                points_possible=points,
                late=False,
            )
        )
    return scores


def _courses_listing(
    *, user_id: int, exercise_id: int | None = None, quiz_id: int | None = None
) -> Iterable[Course]:
    """The courses of this student that list this exercise or quiz. Asked after every stored
    verdict, most often with no answer (practice outside any course): one written-out query
    finds the ids (composing the ORM query cost more than running it; docs/performance.md),
    and courses are loaded only when there are some."""
    link, column, item = (
        (CourseExercise._meta.db_table, "exercise_id", exercise_id)
        if exercise_id is not None
        else (CourseQuiz._meta.db_table, "quiz_id", quiz_id or 0)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT i.course_id FROM {link} i JOIN {Enrollment._meta.db_table} e "  # noqa: S608
            f"ON e.course_id = i.course_id WHERE i.{column} = %s AND e.user_id = %s",
            [item, user_id],
        )
        ids = [row[0] for row in cursor.fetchall()]
    return Course.objects.filter(pk__in=ids) if ids else []


def on_verdict_stored(
    sender: object, *, submission_id: int, user_id: int, exercise_id: int, **_: Any
) -> None:
    for course in _courses_listing(user_id=user_id, exercise_id=exercise_id):
        results_rebuild(course=course, exercise_id=exercise_id, user_id=user_id)


def on_attempt_graded(
    sender: object, *, attempt_id: int, user_id: int, quiz_id: int, **_: Any
) -> None:
    for course in _courses_listing(user_id=user_id, quiz_id=quiz_id):
        results_rebuild(course=course, quiz_id=quiz_id, user_id=user_id)


# --- the gradebook -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GradebookItem:
    key: str  # "exercise:<slug>" or "quiz:<slug>"
    kind: str  # "exercise" or "quiz"
    item_id: int
    slug: str
    title: str
    points_possible: float
    due: datetime | None
    timed: bool = False  # a quiz with a time limit (a time multiplier means something)


class GradebookCell(NamedTuple):
    """A tuple (cheap to build 150,000 of them) with named fields."""

    points: float | None  # None: no work and no override
    late: bool
    overridden: bool


@dataclass
class GradebookRow:
    user_id: int
    username: str
    name: str
    email: str
    student_id: str
    cells: dict[str, GradebookCell] = field(default_factory=dict)
    total: float = 0.0


@dataclass
class Gradebook:
    items: list[GradebookItem]
    rows: list[GradebookRow]
    total_possible: float


def gradebook_items(*, course: Course) -> list[GradebookItem]:
    """The course's exercises, then its quizzes, each in the course's order (three queries).
    The one list of a course's items: the adjustment forms name these by id
    (``adjustments.course_items``)."""
    items = [
        GradebookItem(
            key=f"exercise:{entry.exercise.slug}",
            kind="exercise",
            item_id=entry.exercise_id,
            slug=entry.exercise.slug,
            title=entry.exercise.title,
            points_possible=item_points(entry, float(entry.exercise.points)),
            due=entry.due_at,
        )
        for entry in CourseExercise.objects.filter(course=course).select_related("exercise")
    ]
    quiz_entries = list(
        CourseQuiz.objects.filter(course=course)
        .select_related("quiz")
        .prefetch_related("quiz__slots")
    )
    items += [
        GradebookItem(
            key=f"quiz:{entry.quiz.slug}",
            kind="quiz",
            item_id=entry.quiz_id,
            slug=entry.quiz.slug,
            title=entry.quiz.title,
            points_possible=item_points(entry, float(entry.quiz.max_points)),
            due=entry.due_at,
            timed=bool(entry.quiz.time_limit_minutes),
        )
        for entry in quiz_entries
    ]
    return items


class _Rounded(dict[float, float]):
    """``round(points, 4)`` once per distinct value: a class's cells repeat a few hundred."""

    def __missing__(self, value: float) -> float:
        rounded = self[value] = round(value, 4)
        return rounded


class _SharedCells(dict[tuple[float, bool], "GradebookCell"]):
    """One computed (not overridden) cell per distinct (points, late): 425,000 cells of a
    class repeat a few hundred values, so the rows share them instead of allocating each."""

    def __missing__(self, key: tuple[float, bool]) -> GradebookCell:
        cell = self[key] = GradebookCell(key[0], bool(key[1]), False)
        return cell


def _results_by_student(course_id: int) -> list[tuple[int, str]]:
    """Each student's ``StudentResults.cells``: one row per student with results."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT user_id, cells FROM {StudentResults._meta.db_table} "  # noqa: S608
            "WHERE course_id = %s",
            [course_id],
        )
        found: list[tuple[int, str]] = cursor.fetchall()
    return found


def _fill_cells(
    rows: dict[int, GradebookRow],
    results: list[tuple[int, str]],
    columns: dict[int, tuple[str, float]],
) -> None:
    """Each student's cells and total from their row of ``_results_by_student``.

    5,000 students × 85 items: every per-cell step is a C-level map; no Python-level code
    runs per cell, and cells are shared, not allocated (docs/dashboard-performance.md).
    """
    key_of = {item: key for item, (key, _) in columns.items()}
    possible_of = {item: possible for item, (_, possible) in columns.items()}
    listed = frozenset(columns)
    rounded = _Rounded()
    shared = _SharedCells()
    loads = json.loads
    for user_id, cells in results:
        row = rows.get(user_id)
        if row is None:  # a result kept for a student who has left
            continue
        items, fractions, lates = loads(cells)
        if not listed.issuperset(items):  # results of an item the course no longer lists
            kept = [i for i, item in enumerate(items) if item in listed]
            items = [items[i] for i in kept]
            fractions = [fractions[i] for i in kept]
            lates = [lates[i] for i in kept]
        products = map(operator.mul, fractions, map(possible_of.__getitem__, items))
        points = list(map(rounded.__getitem__, products))
        row.cells = dict(
            zip(
                map(key_of.__getitem__, items),
                map(shared.__getitem__, zip(points, lates, strict=True)),
                strict=True,
            )
        )
        row.total = sum(points)


def gradebook(*, course: Course) -> Gradebook:
    """Every student of the course × every item: points (partial credit kept, late policy and
    overrides applied), late flags and totals that include quizzes. Four queries plus the
    items', whatever the class size."""
    with collector_paused():  # ~150,000 small acyclic objects (mlquiz/gcpause.py)
        return _gradebook_build(course)


def _gradebook_build(course: Course) -> Gradebook:
    items = gradebook_items(course=course)
    # Tuples, not model instances, all through: at 5,000 students × 36 items, building
    # User and ItemResult objects cost seconds (docs/dashboard-performance.md).
    students = (
        get_user_model()
        .objects.filter(enrollments__course=course)
        .order_by("username")
        .values_list("pk", "username", "first_name", "last_name", "email", "profile__student_id")
    )
    rows = {
        pk: GradebookRow(
            user_id=pk,
            username=username,
            name=f"{first} {last}".strip(),
            email=email,
            student_id=student_id or "",
        )
        for pk, username, first, last, email, student_id in students
    }
    # Exercises by id, quizzes by minus id (ids are positive): one key per item.
    columns = {
        (item.item_id if item.kind == "exercise" else -item.item_id): (
            item.key,
            item.points_possible,
        )
        for item in items
    }
    _fill_cells(rows, _results_by_student(course.pk), columns)
    overrides = ScoreOverride.objects.filter(course=course).values_list(
        "user_id", "exercise_id", "quiz_id", "points"
    )
    for user_id, exercise_id, quiz_id, granted in overrides:
        found = columns.get(exercise_id if exercise_id else -(quiz_id or 0))
        row = rows.get(user_id)
        if found is not None and row is not None:
            key = found[0]
            previous = row.cells.get(key)
            row.cells[key] = GradebookCell(granted, previous.late if previous else False, True)
            row.total += granted - ((previous.points or 0.0) if previous else 0.0)
    for row in rows.values():
        row.total = round(row.total, 4)
    return Gradebook(
        items=items,
        rows=list(rows.values()),
        total_possible=sum(item.points_possible for item in items),
    )
