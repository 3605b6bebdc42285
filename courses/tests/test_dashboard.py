"""The progress dashboard: numbers, misconceptions, CSV, and bounded query counts."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.services import user_create
from catalog.models import Exercise
from courses import scoring, selectors
from courses.models import Course, Enrollment, ItemResult
from courses.services import course_set_material, enrollment_join
from exercises.models import Submission
from quizzes.models import Attempt, AttemptQuestion, Quiz, QuizSlot

pytestmark = pytest.mark.django_db

# Two real question generators of one topic.
CONTENT_QUESTIONS = Path(settings.CONTENT_DIR) / "questions"

GENERATORS = sorted(p.name for p in (CONTENT_QUESTIONS / "linear-algebra").iterdir())[:2]

SIGN = ("hidden: random n=50", "max abs error 2.0: check the sign of the off-diagonal terms")
SHAPE = ("edge: column vector", "wrong shape: expected (3,), got (3, 1)")


@dataclass(frozen=True)
class ClassHistory:
    dot: Exercise
    start: datetime


@pytest.fixture
def class_history(
    course: Course, student: User, other_student: User, submit: Callable[..., Submission]
) -> ClassHistory:
    """student: 3 attempts then solved dot-product; other: 2 failures, never solved."""
    enrollment_join(user=student, code=course.join_code)
    enrollment_join(user=other_student, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")
    start = timezone.now() - timedelta(hours=5)
    submit(student, dot, passed=False, failing=(SIGN,), when=start)
    submit(student, dot, passed=False, failing=(SIGN, SHAPE), when=start + timedelta(minutes=10))
    submit(student, dot, passed=True, when=start + timedelta(minutes=30))
    submit(student, dot, passed=True, when=start + timedelta(minutes=40))  # after solving
    submit(student, dot, passed=False, kind="run", when=start)  # Runs are not attempts
    submit(other_student, dot, passed=False, failing=(SIGN,), when=start)
    submit(other_student, dot, passed=False, failing=(SHAPE,), when=start + timedelta(hours=1))
    # These rows skip the grading path whose signal keeps ItemResult current: rebuild once.
    scoring.results_rebuild(course=course)
    return ClassHistory(dot=dot, start=start)


def test_exercise_stats_solve_rate_median_attempts_and_time(
    course: Course, class_history: ClassHistory
) -> None:
    stats = {s.exercise.slug: s for s in selectors.course_exercise_stats(course=course)}
    dot = stats["dot-product"]
    assert (dot.students, dot.attempted, dot.solved) == (2, 2, 1)
    assert dot.solve_rate == 0.5
    assert dot.median_attempts == 3  # the pass was the third Submit
    assert dot.median_minutes == pytest.approx(30, abs=0.01)
    assert stats["matrix-inverse"].attempted == 0


def test_most_failing_tests_and_common_feedback(
    course: Course, class_history: ClassHistory
) -> None:
    detail = selectors.course_exercise_detail(course=course, exercise_id=class_history.dot.pk)
    tests = [(row.label, row.students, row.count) for row in detail.failing_tests]
    assert tests == [(SIGN[0], 2, 3), (SHAPE[0], 2, 2)]
    messages = [(row.label, row.tests, row.students, row.count) for row in detail.messages]
    assert messages[0] == ("max abs error #: check the sign of the off-diagonal terms", 1, 2, 3)
    assert messages[1] == ("wrong shape: expected (#,), got (#, #)", 1, 2, 2)
    assert all(row.example_id for row in detail.failing_tests)


def test_misconceptions_ignore_numbers_and_count_distinct_students(
    course: Course, class_history: ClassHistory, submit: Callable[..., Submission]
) -> None:
    """A message that differs only in its numbers is one row; one student resubmitting the
    same mistake many times weighs less than two students meeting another one once each."""
    dot = class_history.dot
    third = user_create(username="student3", password="x")
    enrollment_join(user=third, code=course.join_code)
    sign_again = (SIGN[0], "max abs error 0.5: check the sign of the off-diagonal terms")
    stubborn = ("edge: empty input", "returned None for an empty array of length 0")
    for _ in range(5):
        submit(third, dot, passed=False, failing=(sign_again, stubborn))
    detail = selectors.course_exercise_detail(course=course, exercise_id=dot.pk)
    rows = {row.label: (row.students, row.count) for row in detail.messages}
    assert rows["max abs error #: check the sign of the off-diagonal terms"] == (3, 8)
    assert rows["returned None for an empty array of length #"] == (1, 5)
    labels = [row.label for row in detail.messages]
    # Shape: 2 students twice in all; the empty-input message: 1 student 5 times.
    assert labels.index("wrong shape: expected (#,), got (#, #)") < labels.index(
        "returned None for an empty array of length #"
    )
    page = Client()
    page.force_login(course.owner)
    body = page.get(f"/instructor/courses/{course.pk}/exercises/{dot.pk}/").content.decode()
    assert "max abs error #: check the sign" in body and "max abs error 0.5" not in body


def test_heatmap_scores_sorting_and_lesson_filter(
    instructor_client: Client, course: Course, class_history: ClassHistory, student: User
) -> None:
    data = selectors.course_heatmap(course=course, sort="points")
    assert [row.student.username for row in data.rows] == ["student1", "student2"]
    assert [row.points for row in data.rows] == [10, 5]
    first = data.rows[0].cells[0]
    assert first is not None and first.band == "full" and first.attempts == 4
    assert data.rows[0].cells[1] is None  # matrix-inverse: not started
    second = data.rows[1].cells[0]
    assert second is not None and (second.points, second.band, second.attempts) == (5, "mid", 2)
    reverse = selectors.course_heatmap(course=course, sort="-points")
    assert [row.student.username for row in reverse.rows] == ["student2", "student1"]
    by_solved = selectors.course_heatmap(course=course, sort="-solved")
    assert [row.student.username for row in by_solved.rows] == ["student2", "student1"]
    response = instructor_client.get(f"/instructor/courses/{course.pk}/heatmap?sort=points")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-band="full"' in body and 'data-band="mid"' in body
    # The full title is the column's tooltip and accessible name, and each cell says its item.
    assert 'title="Dot Product (exercise, 10 points)"' in body
    assert 'aria-label="Dot Product: 5 of 10 points, 2 attempts"' in body
    other_lesson = selectors.course_heatmap(course=course, lesson_id=999999)
    assert other_lesson.columns == []
    for junk in ("9223372036854775808", "-1", "x", "１"):
        url = f"/instructor/courses/{course.pk}/heatmap?lesson={junk}&page={junk}&sort={junk}"
        assert instructor_client.get(url).status_code == 200


def test_activity_and_students_at_risk(
    course: Course, class_history: ClassHistory, submit: Callable[..., Submission], instructor: User
) -> None:
    days = selectors.course_activity(course=course, days=3)
    assert sum(n for _, n, _ in days) == 6  # Submits only
    idle = user_create(username="idle", password="x")
    enrollment_join(user=idle, code=course.join_code)
    risky = {
        row.student.username: row.reason for row in selectors.course_students_at_risk(course=course)
    }
    assert risky == {"idle": "no submission yet"}
    dot = class_history.dot
    gone = user_create(username="gone", password="x")
    enrollment_join(user=gone, code=course.join_code)
    submit(gone, dot, passed=True, when=timezone.now() - timedelta(days=10, hours=1))
    stuck = user_create(username="stuck", password="x")
    enrollment_join(user=stuck, code=course.join_code)
    for hour in range(10):
        submit(stuck, dot, passed=False, when=timezone.now() - timedelta(hours=hour + 1))
    scoring.results_rebuild(course=course)  # what the verdicts' signal does in production
    risky = {
        row.student.username: row.reason for row in selectors.course_students_at_risk(course=course)
    }
    assert risky == {
        "idle": "no submission yet",
        "gone": "inactive for 10 days",
        "stuck": "10 failed submissions, no pass in 14 days",
    }


def test_activity_counts_again_when_the_class_changes(
    course: Course, class_history: ClassHistory, submit: Callable[..., Submission]
) -> None:
    """Closed days are cached; a student joining (or new material) is a new count."""

    def total() -> int:
        return sum(n for _, n, _ in selectors.course_activity(course=course, days=5))

    before = total()
    newcomer = user_create(username="newcomer", password="x")
    submit(newcomer, class_history.dot, passed=True, when=timezone.now() - timedelta(days=2))
    assert total() == before  # not in the course yet
    enrollment_join(user=newcomer, code=course.join_code)
    assert total() == before + 1


def test_the_nightly_warm_up_counts_closed_days_before_anyone_looks(
    course: Course, class_history: ClassHistory
) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from courses.tasks import warm_course_activity

    def closed_day_counts() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.course_activity(course=course)
        return sum("s.created_at <" in q["sql"] for q in queries.captured_queries)

    cache.clear()
    assert closed_day_counts() == 1  # the first view of the day counts the closed days
    cache.clear()
    assert warm_course_activity() >= 1  # the beat task, run as Celery would
    assert closed_day_counts() == 0  # the dashboard then only counts today


def test_dashboard_page_renders_with_chart(
    instructor_client: Client, course: Course, class_history: ClassHistory
) -> None:
    response = instructor_client.get(f"/instructor/courses/{course.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and "Submissions per day" in body
    assert course.join_code in body
    page = instructor_client.get(
        f"/instructor/courses/{course.pk}/exercises/{class_history.dot.pk}/"
    )
    assert "max abs error #: check the sign of the off-diagonal terms" in page.content.decode()


def test_gradebook_csv(
    instructor_client: Client, course: Course, class_history: ClassHistory
) -> None:
    """Numbers, not words: points per item (the layouts are tested in test_gradebook_export)."""
    evil = user_create(username="=cmd", password="x", email="@evil")
    enrollment_join(user=evil, code=course.join_code)
    response = instructor_client.get(f"/instructor/courses/{course.pk}/gradebook.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_name = {row["username"]: row for row in rows}
    assert set(by_name) == {"Points Possible", "student1", "student2", "'=cmd"}
    s1 = by_name["student1"]
    assert (s1["exercise:dot-product"], s1["exercise:matrix-inverse"], s1["total"]) == (
        "10",
        "",
        "10",
    )
    assert by_name["student2"]["exercise:dot-product"] == "5"  # best 0.5 of 10 points
    assert by_name["'=cmd"]["email"] == "'@evil"  # formula neutralized


def _pages(course: Course) -> list[str]:
    course_exercise = course.course_exercises.first()
    enrollment = Enrollment.objects.filter(course=course).first()
    course_quiz = course.course_quizzes.first()
    assert course_exercise and enrollment and course_quiz
    exercise, student, quiz = course_exercise.exercise_id, enrollment.user_id, course_quiz.quiz_id
    base = f"/instructor/courses/{course.pk}/"
    return [
        base,
        base + "heatmap",
        base + "heatmap?sort=-solved&page=2",
        base + f"heatmap?lesson={course_exercise.exercise.lesson_id}",
        base + "gradebook.csv",
        base + "gradebook.csv?layout=canvas",
        base + "gradebook.csv?layout=moodle",
        base + f"exercises/{exercise}/",
        base + f"students/{student}/",
        base + f"quizzes/{quiz}/",
        "/instructor/courses/",
    ]


def make_quiz(slug: str = "la-check") -> Quiz:
    quiz = Quiz.objects.create(slug=slug, title="Linear algebra check")
    for order, name in enumerate(GENERATORS):
        QuizSlot.objects.create(quiz=quiz, order=order, generator=name, count=1, points=2)
    return quiz


def take(quiz: Quiz, user: User, fractions: list[float], number: int = 1) -> Attempt:
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        status=Attempt.Status.SUBMITTED,
        score=2 * sum(fractions),
        max_score=2 * len(fractions),
    )
    for position, (name, fraction) in enumerate(zip(GENERATORS, fractions, strict=True)):
        AttemptQuestion.objects.create(
            attempt=attempt,
            position=position,
            generator=name,
            seed=position,
            points=2,
            fraction=fraction,
        )
    return attempt


def test_quiz_distribution_question_difficulty_and_topics(
    instructor_client: Client, course: Course, student: User, other_student: User
) -> None:
    quiz = make_quiz()
    course_set_material(
        course=course,
        lesson_ids=[],
        exercise_ids=[row.exercise_id for row in course.course_exercises.all()],
        quiz_ids=[quiz.pk],
    )
    enrollment_join(user=student, code=course.join_code)
    enrollment_join(user=other_student, code=course.join_code)
    take(quiz, student, [1.0, 0.0])
    take(quiz, student, [1.0, 1.0], number=2)  # best attempt counts: 100%
    take(quiz, other_student, [1.0, 0.0])  # 50%
    outsider = user_create(username="outsider", password="x")
    take(quiz, outsider, [0.0, 0.0])  # not in the course: ignored
    scoring.results_rebuild(course=course)
    detail = selectors.course_quiz_detail(course=course, quiz_id=quiz.pk)
    assert detail.summary.attempted == 2
    assert detail.summary.mean == pytest.approx(75.0)
    assert dict(detail.histogram)["50–60"] == 1 and dict(detail.histogram)["90–100"] == 1
    [summary] = selectors.course_quiz_stats(course=course)  # the overview's line
    assert summary.attempted == 2
    assert summary.mean == pytest.approx(75.0) and summary.median == pytest.approx(75.0)
    by_generator = {q.generator: q for q in detail.questions}
    assert by_generator[GENERATORS[0]].mean_fraction == pytest.approx(1.0)
    assert by_generator[GENERATORS[1]].mean_fraction == pytest.approx(1 / 3)
    assert detail.questions[0].generator == GENERATORS[1]  # hardest first
    [(_topic, answers, mean)] = detail.topics
    assert answers == 6 and mean == pytest.approx(4 / 6)
    page = instructor_client.get(f"/instructor/courses/{course.pk}/quizzes/{quiz.pk}/")
    assert page.status_code == 200 and b"<svg" in page.content
    gradebook = instructor_client.get(f"/instructor/courses/{course.pk}/gradebook.csv")
    rows = list(csv.DictReader(io.StringIO(gradebook.content.decode())))
    assert {row["username"]: row["quiz:la-check"] for row in rows} == {
        "Points Possible": "4",
        "student1": "4",  # the best attempt, in points
        "student2": "2",
    }
    mine = Client()
    mine.force_login(student)
    [result] = mine.get("/progress/").context["quizzes"]
    assert (result.attempts, result.best) == (2, pytest.approx(100.0))


MAX_QUERIES = 20


def _query_counts(course: Course) -> dict[str, int]:
    client = Client()
    client.force_login(course.owner)
    counts = {}
    for path in _pages(course):
        page = re.sub(r"\d+", "#", path.removeprefix(f"/instructor/courses/{course.pk}/"))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[page] = len(queries.captured_queries)
    return counts


def test_staff_pages_make_as_many_queries_for_30_students_as_for_3(db: None) -> None:
    """Every staff page asks the database the same questions whatever the class size."""
    make_quiz()
    call_command("seed_demo", students=3, submissions=3 * 12, stdout=io.StringIO())
    call_command("seed_demo", students=30, submissions=30 * 12, stdout=io.StringIO())
    small, large = Course.objects.order_by("pk")
    assert large.enrollments.count() == 30
    assert Attempt.objects.filter(quiz__courses=large).exists()
    assert ItemResult.objects.filter(course=large).count() > 30  # seeding filled results
    small_counts, large_counts = _query_counts(small), _query_counts(large)
    assert small_counts == large_counts
    assert max(large_counts.values()) <= MAX_QUERIES, large_counts


def test_pages_that_list_exercises_do_not_read_lesson_bodies(db: None) -> None:
    """A lesson's text is tens of KB; pages that name an exercise's lesson need its title.
    The overview of an 80-exercise course read 7 MB of lesson text per view before."""
    make_quiz()
    call_command("seed_demo", students=3, submissions=3 * 12, stdout=io.StringIO())
    course = Course.objects.get()
    staff = Client()
    staff.force_login(course.owner)
    student = Client()
    student.force_login(Enrollment.objects.filter(course=course).earliest("pk").user)
    visits = [(staff, path) for path in _pages(course)]
    visits += [(student, "/exercises/"), (staff, "/instructor/exercises/")]
    for client, path in visits:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        body_read = [q["sql"] for q in queries.captured_queries if '"body_html"' in q["sql"]]
        assert body_read == [], (path, body_read)
    # The lesson page itself does read it.
    lesson = course.course_exercises.earliest("pk").exercise.lesson
    assert lesson is not None
    with CaptureQueriesContext(connection) as queries:
        assert student.get(f"/lessons/{lesson.slug}/").status_code == 200
    assert any('"body_html"' in q["sql"] for q in queries.captured_queries)


def test_seed_demo_builds_a_class(db: None) -> None:
    out = io.StringIO()
    call_command("seed_demo", students=20, submissions=400, stdout=out)
    course = Course.objects.get()
    assert course.enrollments.count() == 20
    from exercises.models import Submission

    assert Submission.objects.count() == 400
    assert Submission.objects.filter(passed=True).exists()
    assert Submission.objects.filter(passed=False).exists()
    assert "20 students, 400 submissions" in out.getvalue()


def test_exercise_stats_show_hint_and_solution_use_of_the_class(
    instructor_client: Client,
    course: Course,
    student: User,
    other_student: User,
    submit: Callable[..., Submission],
) -> None:
    """Hints revealed and solutions read (exercises.HelpUsed) count students of this course
    only, and say how many of those who took a hint went on to solve it."""
    from courses.scoring import results_rebuild
    from exercises.models import HelpUsed

    enrollment_join(user=student, code=course.join_code)
    dot = course.exercises.get(slug="dot-product")
    HelpUsed.objects.create(user=student, exercise=dot, hints_shown=2)
    # Not in the course: never counted.
    HelpUsed.objects.create(
        user=other_student, exercise=dot, hints_shown=3, solution_shown_at=timezone.now()
    )
    submit(student, dot, passed=True)
    results_rebuild(course=course)
    help_used = selectors.exercise_help(course=course, exercise_id=dot.pk)
    assert help_used == selectors.HelpSummary(
        hint_students=1, hints_revealed=2, solution_students=0, solved_after_hint=1
    )
    body = instructor_client.get(f"/instructor/courses/{course.pk}/exercises/{dot.pk}/")
    text = body.content.decode()
    assert "students revealed hints (2 in all); 1 of them solved it" in text
