"""Course scores: late policies, extensions, overrides, quizzes in the totals, and results kept
up to date by real verdicts (the worker's path, through the sandbox)."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone

from accounts.services import user_create
from catalog.models import Exercise
from catalog.sync import content_sync
from courses import scoring
from courses.models import (
    Course,
    CourseExercise,
    CourseQuiz,
    Extension,
    ItemResult,
    LatePolicy,
    ScoreOverride,
    StudentResults,
)
from courses.scoring import Standing, standing
from courses.services import course_create, enrollment_join
from courses.staff import enrollment_remove
from exercises.models import Submission
from exercises.services import submission_create
from quizzes.models import Attempt, Quiz, QuizSlot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("student_results_checked")]


@pytest.mark.parametrize(
    ("on_time", "late", "policy", "penalty", "expected"),
    [
        (None, None, LatePolicy.PENALTY, 20, Standing(0.0, 0.0, late=False)),
        (0.5, None, LatePolicy.PENALTY, 20, Standing(0.5, 0.5, late=False)),
        (0.5, 1.0, LatePolicy.PENALTY, 20, Standing(0.8, 1.0, late=True)),
        (0.9, 1.0, LatePolicy.PENALTY, 20, Standing(0.9, 1.0, late=True)),
        (0.5, 1.0, LatePolicy.PENALTY, 0, Standing(1.0, 1.0, late=True)),
        (0.5, 1.0, LatePolicy.PENALTY, 100, Standing(0.5, 1.0, late=False)),
        (0.5, 1.0, LatePolicy.NO_CREDIT, 0, Standing(0.5, 1.0, late=True)),
        (None, 1.0, LatePolicy.CLOSED, 0, Standing(0.0, 1.0, late=True)),
        (1.0, 0.5, LatePolicy.NO_CREDIT, 0, Standing(1.0, 1.0, late=False)),
    ],
)
def test_late_policies(
    on_time: float | None, late: float | None, policy: str, penalty: int, expected: Standing
) -> None:
    result = standing(on_time=on_time, late=late, policy=policy, penalty_percent=penalty)
    assert result.fraction == pytest.approx(expected.fraction)
    assert (result.best_raw, result.late) == (expected.best_raw, expected.late)


def _cell(course: Course, user: User, key: str) -> scoring.GradebookCell | None:
    book = scoring.gradebook(course=course)
    row = next(r for r in book.rows if r.user_id == user.pk)
    return row.cells.get(key)


def test_late_work_is_marked_and_penalised_and_an_extension_makes_it_on_time(
    course: Course, student: User, submit: Callable[..., Submission]
) -> None:
    enrollment_join(user=student, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")
    entry = CourseExercise.objects.get(course=course, exercise=dot)
    entry.due_at = timezone.now() - timedelta(days=1)
    entry.late_penalty_percent = 25
    entry.save()
    submit(student, dot, passed=False, when=entry.due_at - timedelta(hours=1))  # 0.5 on time
    submit(student, dot, passed=True)  # 1.0, a day late
    scoring.results_rebuild(course=course)
    # 10 points: late 1.0 less 25 % beats the on-time 0.5.
    assert _cell(course, student, "exercise:dot-product") == scoring.GradebookCell(
        points=7.5, late=True, overridden=False
    )

    entry.late_policy = LatePolicy.NO_CREDIT
    entry.save()
    scoring.results_rebuild(course=course, exercise_id=dot.pk)
    assert _cell(course, student, "exercise:dot-product") == scoring.GradebookCell(
        points=5.0, late=True, overridden=False
    )

    Extension.objects.create(
        course=course, user=student, exercise=dot, due_at=timezone.now() + timedelta(days=1)
    )
    scoring.results_rebuild(course=course, exercise_id=dot.pk, user_id=student.pk)
    assert _cell(course, student, "exercise:dot-product") == scoring.GradebookCell(
        points=10.0, late=False, overridden=False
    )


def test_an_override_wins_and_totals_include_quizzes(
    course: Course, student: User, instructor: User, submit: Callable[..., Submission]
) -> None:
    enrollment_join(user=student, code=course.join_code)
    quiz = Quiz.objects.create(slug="q1", title="Quiz one")
    QuizSlot.objects.create(quiz=quiz, generator="dot-product", count=2, points=3)
    CourseQuiz.objects.create(course=course, quiz=quiz, order=5)
    Attempt.objects.create(
        quiz=quiz,
        user=student,
        number=1,
        status=Attempt.Status.SUBMITTED,
        submitted_at=timezone.now(),
        score=4,
        max_score=6,
    )
    dot = course.exercises.get(slug="dot-product")
    submit(student, dot, passed=False)  # 0.5 of 10
    scoring.results_rebuild(course=course)
    book = scoring.gradebook(course=course)
    assert [item.key for item in book.items] == [
        "exercise:dot-product",
        "exercise:matrix-inverse",
        "quiz:q1",
    ]
    assert [item.points_possible for item in book.items] == [10, 20, 6]
    row = book.rows[0]
    assert row.cells["quiz:q1"].points == pytest.approx(4.0)
    assert row.total == pytest.approx(9.0)
    assert "exercise:matrix-inverse" not in row.cells  # no work: no score

    ScoreOverride.objects.create(
        course=course,
        user=student,
        exercise=dot,
        points=9,
        reason="regrade by hand",
        set_by=instructor,
    )
    row = scoring.gradebook(course=course).rows[0]
    assert row.cells["exercise:dot-product"] == scoring.GradebookCell(9.0, False, True)
    assert row.total == pytest.approx(13.0)


def test_work_before_joining_counts_once_the_student_joins(
    course: Course, student: User, submit: Callable[..., Submission]
) -> None:
    dot = course.exercises.get(slug="dot-product")
    submit(student, dot, passed=True)
    assert not ItemResult.objects.filter(user=student).exists()
    enrollment_join(user=student, code=course.join_code)
    result = ItemResult.objects.get(course=course, user=student, exercise=dot)
    assert (result.fraction, result.solved, result.attempts) == (1.0, True, 1)


@pytest.fixture
def dot_product(tmp_path: Path) -> Exercise:
    content = Path(django_settings.BASE_DIR) / "content"
    (tmp_path / "lessons").mkdir()
    shutil.copytree(content / "exercises" / "dot-product", tmp_path / "exercises" / "dot-product")
    # The lesson's header only (its body renders plots, which takes seconds), same uuid.
    lesson = (content / "lessons" / "linear-algebra.md").read_text()
    header = lesson[: lesson.index("---", 3) + 3]
    (tmp_path / "lessons" / "linear-algebra.md").write_text(header + "\nVectors.\n")
    content_sync(content_dir=tmp_path, jobs=1)
    return Exercise.objects.get(slug="dot-product", current_version__isnull=False)


@pytest.fixture
def laptop_mode(settings: Any) -> Iterator[None]:
    from mlquiz.celery import app

    settings.REDIS_URL = ""
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = saved


@pytest.mark.django_db(transaction=True)
def test_a_real_verdict_updates_the_result_in_every_course_listing_the_exercise(
    dot_product: Exercise, laptop_mode: None
) -> None:
    teacher = user_create(username="t-real", password="pw-t-real-1", instructor=True)
    learner = user_create(username="s-real", password="pw-s-real-1")
    courses = [
        course_create(owner=teacher, title=f"Course {n}", exercise_ids=[dot_product.pk])
        for n in range(2)
    ]
    for course in courses:
        enrollment_join(user=learner, code=course.join_code)
    wrong = "import numpy as np\n\ndef dot_product(a, b):\n    return 0.0\n"
    right = (
        Path(django_settings.BASE_DIR) / "content/exercises/dot-product/reference.py"
    ).read_text()
    version = dot_product.current_version
    assert version is not None
    first = submission_create(user=learner, exercise=dot_product, code=wrong, kind="submit")
    assert Submission.objects.get(pk=first.pk).status == Submission.Status.GRADED
    rows = ItemResult.objects.filter(user=learner, exercise=dot_product)
    assert rows.count() == 2 and all(not r.solved and r.attempts == 1 for r in rows)
    second = submission_create(user=learner, exercise=dot_product, code=right, kind="submit")
    assert Submission.objects.get(pk=second.pk).passed
    assert all(r.solved and r.fraction == 1.0 and r.attempts == 2 for r in rows.all())
    # A run (examples only) is not graded work: nothing changes.
    submission_create(user=learner, exercise=dot_product, code=wrong, kind="run")
    assert all(r.attempts == 2 for r in rows.all())


def test_a_rebuild_announces_effective_scores_inside_its_transaction(
    course: Course, student: User, instructor: User, submit: Callable[..., Submission]
) -> None:
    from django.db import connection

    from courses.signals import ResultScore, results_rebuilt

    enrollment_join(user=student, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")
    inverse = course.exercises.get(slug="matrix-inverse")
    submit(student, dot, passed=False)
    ScoreOverride.objects.create(
        course=course,
        user=student,
        exercise=inverse,
        points=15,
        reason="oral exam",
        set_by=instructor,
    )
    heard: list[tuple[int, list[ResultScore], bool]] = []

    def listen(sender: object, *, course_id: int, results: list[ResultScore], **_: Any) -> None:
        heard.append((course_id, results, connection.in_atomic_block))

    results_rebuilt.connect(listen)
    try:
        scoring.results_rebuild(course=course)
    finally:
        results_rebuilt.disconnect(listen)
    ((course_id, results, in_transaction),) = heard
    assert course_id == course.pk and in_transaction
    assert sorted(results, key=lambda r: r.exercise_id or 0) == [
        ResultScore(student.pk, dot.pk, None, 0.5, 10.0, late=False),
        ResultScore(student.pk, inverse.pk, None, 0.75, 20.0, late=False),  # the override
    ]


def test_the_gradebook_reads_each_students_folded_results(
    course: Course,
    student: User,
    other_student: User,
    instructor: User,
    submit: Callable[..., Submission],
) -> None:
    """``StudentResults``: one row per student with results, rewritten with them (the
    ``student_results_checked`` fixture compares every row with ``ItemResult`` afterwards); a
    departed student's row and the result of an item no longer listed are not shown."""
    for user in (student, other_student):
        enrollment_join(user=user, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")  # 10 points
    inverse = course.exercises.get(slug="matrix-inverse")  # 20 points
    submit(student, dot, passed=True)
    submit(student, inverse, passed=False)
    submit(other_student, dot, passed=False)
    scoring.results_rebuild(course=course)
    assert StudentResults.objects.filter(course=course).count() == 2

    def totals() -> dict[str, float]:
        return {row.username: row.total for row in scoring.gradebook(course=course).rows}

    assert totals() == {student.username: 20.0, other_student.username: 5.0}
    submit(other_student, inverse, passed=True)  # as a verdict does: that student, that item
    scoring.results_rebuild(course=course, exercise_id=inverse.pk, user_id=other_student.pk)
    assert totals() == {student.username: 20.0, other_student.username: 25.0}

    enrollment_remove(course=course, actor=instructor, user_id=other_student.pk)
    assert totals() == {student.username: 20.0}
    enrollment_join(user=other_student, code=course.join_code)
    assert totals() == {student.username: 20.0, other_student.username: 25.0}

    # An item taken out of the course without a rebuild (the admin): its results are skipped.
    CourseExercise.objects.filter(course=course, exercise=inverse).delete()
    book = scoring.gradebook(course=course)
    assert [item.key for item in book.items] == ["exercise:dot-product"]
    assert {row.username: (row.total, list(row.cells)) for row in book.rows} == {
        student.username: (10.0, ["exercise:dot-product"]),
        other_student.username: (5.0, ["exercise:dot-product"]),
    }


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer in at a time anyway"
)
@pytest.mark.django_db(transaction=True)
def test_two_verdicts_of_one_student_at_once_both_reach_the_gradebook(
    course: Course, student: User, submit: Callable[..., Submission]
) -> None:
    """Two rebuilds of one student's results in overlapping transactions (two workers storing
    verdicts on two exercises): the second waits for the first, then folds both results,
    instead of failing on the row the first one has not committed yet."""
    enrollment_join(user=student, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")
    inverse = course.exercises.get(slug="matrix-inverse")
    submit(student, dot, passed=True)
    submit(student, inverse, passed=True)
    started, errors = threading.Event(), []

    def rebuild(exercise: Exercise, *, hold: bool) -> None:
        try:
            with transaction.atomic():
                scoring.results_rebuild(course=course, exercise_id=exercise.pk, user_id=student.pk)
                if hold:  # keep the transaction open while the other one starts
                    started.set()
                    time.sleep(0.5)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    first = threading.Thread(target=rebuild, args=(dot,), kwargs={"hold": True})
    first.start()
    assert started.wait(10)
    second = threading.Thread(target=rebuild, args=(inverse,), kwargs={"hold": False})
    second.start()
    first.join(20)
    second.join(20)
    assert errors == []
    (row,) = scoring.gradebook(course=course).rows
    assert set(row.cells) == {"exercise:dot-product", "exercise:matrix-inverse"}
    assert row.total == 30.0
