"""Migrations keep existing data: a database filled at an earlier layout migrates intact.

The database is taken back to the layout before the catalog app existed (lessons,
exercises and versions in the exercises app), filled there through the historical models,
then migrated forward to today's layout; every row must still be there, with its links.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The last migration of every app at the commit before the catalog app (the old layout).
BEFORE_CATALOG = [
    ("accounts", "0001_instructor_group"),
    ("exercises", "0004_authoring_dashboard_index_user_first"),
    ("quizzes", "0001_initial"),
    ("courses", "0002_course_quizzes"),
]


def _migrate(targets: list[tuple[str, str]], *, unapply: tuple[str, ...] = ()) -> Any:
    """Migrate the test database to `targets` (and the apps in `unapply` to none of their
    migrations); returns the historical app registry there."""
    executor = MigrationExecutor(connection)
    executor.migrate([*targets, *((app, None) for app in unapply)])
    return executor.loader.project_state(targets).apps


def _fill_old_layout(apps: Any) -> dict[str, Any]:
    user_model = apps.get_model("auth", "User")
    lesson_model = apps.get_model("exercises", "Lesson")
    exercise_model = apps.get_model("exercises", "Exercise")
    version_model = apps.get_model("exercises", "ExerciseVersion")
    submission_model = apps.get_model("exercises", "Submission")
    quiz_model = apps.get_model("quizzes", "Quiz")
    slot_model = apps.get_model("quizzes", "QuizSlot")
    attempt_model = apps.get_model("quizzes", "Attempt")
    question_model = apps.get_model("quizzes", "AttemptQuestion")
    course_model = apps.get_model("courses", "Course")

    teacher = user_model.objects.create(username="old-teacher")
    student = user_model.objects.create(username="old-student")
    lesson = lesson_model.objects.create(
        uuid=uuid.uuid4(), slug="old-lesson", title="Old lesson", body_md="# Hi", order=3
    )
    exercise = exercise_model.objects.create(
        uuid=uuid.uuid4(),
        slug="old-exercise",
        title="Old exercise",
        lesson=lesson,
        topic="linear-algebra",
        points=7,
    )
    versions = [
        version_model.objects.create(
            exercise=exercise,
            number=n,
            function_name="f",
            statement_md=f"v{n}",
            starter_code="def f(x):\n    pass\n",
            reference_code="def f(x):\n    return x\n",
            cases_code="def cases(rng):\n    return []\n",
            meta={"title": "Old", "n": n},
            content_hash=f"hash-{n}",
        )
        for n in (1, 2)
    ]
    exercise.current_version = versions[1]
    exercise.save()
    submissions = [
        submission_model.objects.create(
            user=student,
            exercise=exercise,
            exercise_version=version,
            code=f"# try {i}",
            status="graded",
            score=0.5 * i,
            passed=i == 2,
            verdict={"status": "ok", "i": i},
        )
        for i, version in enumerate(versions, start=1)
    ]
    quiz = quiz_model.objects.create(slug="old-quiz", title="Old quiz", lesson=lesson)
    slot = slot_model.objects.create(quiz=quiz, generator="dot-product", count=2, points=3)
    attempt = attempt_model.objects.create(
        quiz=quiz,
        user=student,
        number=1,
        status="submitted",
        submitted_at=timezone.now(),
        score=3,
        max_score=6,
    )
    question_model.objects.create(
        attempt=attempt,
        slot=slot,
        position=1,
        generator="dot-product",
        seed=42,
        points=3,
        response="12",
        status="correct",
        fraction=1.0,
    )
    course = course_model.objects.create(title="Old course", owner=teacher, join_code="OLD12345")
    apps.get_model("courses", "CourseLesson").objects.create(course=course, lesson=lesson)
    due = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    apps.get_model("courses", "CourseExercise").objects.create(
        course=course, exercise=exercise, due_at=due
    )
    apps.get_model("courses", "CourseQuiz").objects.create(course=course, quiz=quiz)
    apps.get_model("courses", "Enrollment").objects.create(course=course, user=student)
    return {
        "lesson": lesson.pk,
        "exercise": exercise.pk,
        "versions": [v.pk for v in versions],
        "submissions": [s.pk for s in submissions],
        "quiz": quiz.pk,
        "attempt": attempt.pk,
        "course": course.pk,
        "student": student.pk,
        "teacher": teacher.pk,
        "due": due,
    }


@pytest.mark.django_db(transaction=True)
def test_a_database_filled_before_the_catalog_app_migrates_with_nothing_lost() -> None:
    old_apps = _migrate(BEFORE_CATALOG, unapply=("catalog",))
    ids = _fill_old_layout(old_apps)
    content_type = old_apps.get_model("contenttypes", "ContentType")
    # A database of that time had never heard of the catalog app.
    content_type.objects.filter(app_label="catalog").delete()
    for model in ("lesson", "exercise", "exerciseversion"):
        content_type.objects.get_or_create(app_label="exercises", model=model)
    old_type_ids = {
        ct.model: ct.pk
        for ct in content_type.objects.filter(
            app_label="exercises", model__in=["lesson", "exercise", "exerciseversion"]
        )
    }

    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from django.contrib.contenttypes.models import ContentType

    from catalog.models import Exercise, ExerciseVersion, Lesson
    from courses.models import Course
    from exercises.models import Submission
    from quizzes.models import Attempt, Quiz

    exercise = Exercise.objects.select_related("lesson", "current_version").get(pk=ids["exercise"])
    assert exercise.slug == "old-exercise" and exercise.points == 7
    assert exercise.lesson is not None and exercise.lesson.pk == ids["lesson"]
    assert exercise.lesson.body_md == "# Hi" and exercise.lesson.order == 3
    assert exercise.current_version is not None
    assert exercise.current_version.pk == ids["versions"][1]
    assert sorted(exercise.versions.values_list("pk", flat=True)) == sorted(ids["versions"])
    assert ExerciseVersion.objects.get(pk=ids["versions"][0]).meta == {"title": "Old", "n": 1}

    submissions = Submission.objects.filter(pk__in=ids["submissions"]).order_by("pk")
    assert [(s.exercise_id, s.exercise_version_id, s.score, s.passed) for s in submissions] == [
        (ids["exercise"], ids["versions"][0], 0.5, False),
        (ids["exercise"], ids["versions"][1], 1.0, True),
    ]
    assert submissions[1].verdict == {"status": "ok", "i": 2}
    assert [s.seed for s in submissions] == [0, 0]  # graded when every submission had seed 0

    quiz = Quiz.objects.get(pk=ids["quiz"])
    assert quiz.lesson_id == ids["lesson"]
    assert quiz.uuid is not None and quiz.source_path == ""  # later layouts' columns, filled
    assert list(Lesson.objects.get(pk=ids["lesson"]).quizzes.all()) == [quiz]
    attempt = Attempt.objects.get(pk=ids["attempt"])
    assert (attempt.score, attempt.max_score, attempt.user_id) == (3, 6, ids["student"])
    assert list(attempt.questions.values_list("response", "fraction")) == [("12", 1.0)]

    course = Course.objects.get(pk=ids["course"])
    assert list(course.lessons.values_list("pk", flat=True)) == [ids["lesson"]]
    assert list(course.exercises.values_list("pk", flat=True)) == [ids["exercise"]]
    assert list(course.quizzes.values_list("pk", flat=True)) == [ids["quiz"]]
    assert list(course.students.values_list("pk", flat=True)) == [ids["student"]]
    assert course.course_exercises.get().due_at == ids["due"]

    # Courses v2: what existed becomes the site library's; each course gets its own library
    # and its owner an owner's staff row.
    from catalog.models import Library
    from courses.models import CourseStaff

    site = Library.objects.get(kind="site")
    assert exercise.library_id == site.pk and exercise.lesson.library_id == site.pk
    assert quiz.library_id == site.pk
    assert course.library is not None and course.library.kind == "course"
    assert list(CourseStaff.objects.filter(course=course).values_list("user_id", "role")) == [
        (ids["teacher"], "owner")
    ]
    # The gradebook keeps every score: results are filled from the existing work, and folded
    # per student (courses 0008_student_results), which is what the gradebook reads.
    from courses.models import StudentResults
    from courses.scoring import gradebook

    assert StudentResults.objects.filter(course=course).count() == 1

    book = gradebook(course=course)
    assert [item.key for item in book.items] == ["exercise:old-exercise", "quiz:old-quiz"]
    (row,) = book.rows
    assert row.user_id == ids["student"]
    assert row.cells["exercise:old-exercise"].points == 7.0  # best of 0.5 and 1.0, of 7 points
    assert not row.cells["exercise:old-exercise"].late
    assert row.cells["quiz:old-quiz"].points == 3.0  # 3 of 6
    assert row.total == 10.0
    # Attempts to solve (courses 0006_h-book) come from the submissions: passed at the second.
    from courses.models import ItemResult

    assert ItemResult.objects.get(course=course, exercise=exercise).attempts_to_solve == 2

    # The admin's history and permissions follow the models to their new app.
    moved = {ct.model: ct.pk for ct in ContentType.objects.filter(app_label="catalog")}
    assert moved == old_type_ids
    assert ContentType.objects.get_for_model(Exercise).pk == old_type_ids["exercise"]

    # The moved models still write: a new version and a submission against it.
    version = ExerciseVersion.objects.create(
        exercise=exercise,
        number=3,
        function_name="f",
        statement_md="v3",
        starter_code="s",
        reference_code="r",
        cases_code="c",
        content_hash="hash-3",
    )
    Submission.objects.create(
        user_id=ids["student"], exercise=exercise, exercise_version=version, code="# new"
    )
    assert exercise.submissions.count() == 3


@pytest.mark.django_db(transaction=True)
def test_submissions_from_before_seeds_varied_keep_seed_0() -> None:
    """Submission.seed arrives with 0 for every existing row: the one seed they were graded
    with, so grading one again (the sweep, a regrade) meets the same hidden cases."""
    before = [("exercises", "0005_material_moved_to_catalog"), ("catalog", "0001_initial")]
    old_apps = _migrate(before)
    user = old_apps.get_model("auth", "User").objects.create(username="seedless")
    exercise = old_apps.get_model("catalog", "Exercise").objects.create(
        uuid=uuid.uuid4(), slug="seedless", title="Seedless", topic="linear-algebra"
    )
    version = old_apps.get_model("catalog", "ExerciseVersion").objects.create(
        exercise=exercise, number=1, function_name="f", content_hash="h"
    )
    old = old_apps.get_model("exercises", "Submission").objects.create(
        user=user, exercise=exercise, exercise_version=version, code="# old", status="queued"
    )
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())

    from exercises import services
    from exercises.models import Submission

    assert Submission.objects.get(pk=old.pk).seed == 0
    claimed = services._claim(old.pk)
    assert claimed is not None and claimed["seed"] == 0
