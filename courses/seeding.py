"""Generate a large, plausible class for demos and for measuring the dashboard.

Students progress through the course's exercises in order; each Submit passes with a
probability that grows with the student's skill and falls with the exercise's difficulty;
some students give up on hard exercises and some stop coming (they appear "at risk").
Failed verdicts name real tests and draw their messages from a short, per-exercise list of
misconceptions, so "the tests that fail most" and "the commonest feedback" mean something.
Everything is inserted with bulk_create in batches (submissions with executemany); then the
course's ``ItemResult`` rows are computed set-based (``scoring.results_rebuild``, one aggregate
query per item) and the tables written are ANALYZEd, so the planner does not plan the first
page views for the empty tables it saw before the load.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.services import user_create
from catalog.models import Exercise, ExerciseVersion, Lesson
from courses import scoring
from courses.models import Course, CourseExercise, Enrollment, ItemResult, StudentResults
from exercises.models import Submission
from mlquiz import sql as dialect
from quizzes.models import Attempt, AttemptQuestion

if TYPE_CHECKING:
    from django.contrib.auth.models import User

STUDENT_PREFIX = "demo-student-"
TEACHER = "demo-teacher"
COURSE_TITLE = "Demo class: mathematics of ML"
BATCH = 2000
DAYS = 60

MISTAKES = [
    "max abs error 0.5 at index (0,): check the sign convention",
    "wrong shape: expected (3,), got (3, 1) — return a 1-D array",
    "output contains NaN or inf where the expected output is finite: overflow in exp",
    "expected ValueError to be raised for incompatible shapes",
    "values differ by a constant factor: did you divide by n instead of n - 1?",
    "off by one: the result skips the last element",
    "returned a Python list; return a NumPy array",
]
FALLBACK_TESTS = [
    ("example: small input", "example"),
    ("example: identity", "example"),
    ("hidden: random n=50", "hidden"),
    ("hidden: random n=1000", "hidden"),
    ("edge: empty input", "edge"),
    ("edge: incompatible shapes", "edge"),
]
DIFFICULTY = {"easy": 0.0, "medium": 0.25, "hard": 0.45}


@dataclass
class SeedReport:
    students: int
    submissions: int
    exercises: int
    course: Course
    quiz_attempts: int = 0


def _demo_exercises(count: int = 12) -> list[Exercise]:
    """Placeholder exercises for an empty database (no grading happens in a seed)."""
    lesson, _ = Lesson.objects.get_or_create(
        slug="demo-lesson", defaults={"title": "Demo lesson", "order": 999}
    )
    exercises = []
    for i in range(count):
        exercise, created = Exercise.objects.get_or_create(
            slug=f"demo-exercise-{i + 1:02d}",
            defaults={
                "title": f"Demo exercise {i + 1}",
                "lesson": lesson,
                "topic": "linear-algebra",
                "difficulty": ("easy", "medium", "hard")[i % 3],
                "order": i,
            },
        )
        if created or exercise.current_version is None:
            code = "def f(x):\n    return x\n"
            exercise.current_version = ExerciseVersion.objects.create(
                exercise=exercise,
                number=1,
                function_name="f",
                statement_md="Return x.",
                statement_html="<p>Return x.</p>",
                starter_code="def f(x):\n    raise NotImplementedError\n",
                reference_code=code,
                cases_code="",
                meta={},
                content_hash=hashlib.sha256(code.encode()).hexdigest(),
            )
            exercise.save(update_fields=["current_version"])
        exercises.append(exercise)
    return exercises


def _version(exercise: Exercise) -> ExerciseVersion:
    """The version a seeded submission is made against: every seeded exercise has one
    (seed_demo selects only such exercises, and _demo_exercises creates one)."""
    if exercise.current_version is None:
        raise ValueError(f"exercise {exercise.slug} has no current version to seed")
    return exercise.current_version


def _case_names(version: ExerciseVersion) -> list[tuple[str, str]]:
    """The exercise's real test names (its cases.py runs in the authors' jail, like all
    content code)."""
    from catalog.manifest import grading_spec
    from grader.grading import prepare

    try:
        spec = grading_spec(
            slug=version.exercise.slug,
            data={"title": version.exercise.title, "function": version.function_name},
            reference=version.reference_code,
            cases=version.cases_code,
            starter=version.starter_code,
        )
        names: list[tuple[str, str]] = [
            (pc.case.name, pc.case.label) for pc in prepare(spec, seed=0).cases
        ]
    except Exception:  # any failure (no sandbox here...): a demo falls back to generic names
        return FALLBACK_TESTS
    return names[:8] or FALLBACK_TESTS


def seed_reset() -> None:
    User = get_user_model()
    with transaction.atomic():
        Course.objects.filter(owner__username=TEACHER).delete()
        User.objects.filter(username__startswith=STUDENT_PREFIX).delete()


def seed_demo(*, students: int, submissions: int, seed: int = 0) -> SeedReport:
    rng = np.random.default_rng(seed)
    User = get_user_model()
    now = timezone.now()
    exercises = (
        list(
            Exercise.objects.filter(is_active=True, current_version__isnull=False)
            .select_related("current_version")
            .order_by("lesson__order", "order", "title")
        )
        or _demo_exercises()
    )
    teacher = User.objects.filter(username=TEACHER).first() or user_create(
        username=TEACHER,
        password="demo-teacher-pw",  # noqa: S106 - a demo account
        instructor=True,
    )
    course = Course.objects.create(owner=teacher, title=COURSE_TITLE)
    CourseExercise.objects.bulk_create(
        CourseExercise(
            course=course,
            exercise=exercise,
            order=i,
            due_at=now + timedelta(days=int(i * 7 - 28)),
        )
        for i, exercise in enumerate(exercises)
    )
    course.lessons.set({e.lesson_id for e in exercises if e.lesson_id})

    # Demo students never log in (the demo is the instructor's view); hashing 500 real
    # passwords with PBKDF2 would take longer than everything else together.
    password = make_password(None)
    start = User.objects.filter(username__startswith=STUDENT_PREFIX).count()
    users = User.objects.bulk_create(
        User(
            username=f"{STUDENT_PREFIX}{start + i + 1:04d}",
            password=password,
            email=f"student{start + i + 1}@demo.invalid",
        )
        for i in range(students)
    )
    if not users[0].pk:  # databases without RETURNING on bulk insert
        users = list(
            User.objects.filter(username__startswith=STUDENT_PREFIX).order_by("-pk")[:students]
        )
    Enrollment.objects.bulk_create(Enrollment(course=course, user=user) for user in users)

    tests = {e.pk: _case_names(_version(e)) for e in exercises}
    # Each exercise has its own typical failing test and misconception mix.
    fail_weights = {e.pk: rng.dirichlet(np.ones(len(tests[e.pk])) * 0.6) + 1e-3 for e in exercises}
    mistake_weights = {e.pk: rng.dirichlet(np.ones(len(MISTAKES)) * 0.5) for e in exercises}

    skill = rng.beta(2.2, 1.8, size=students)
    share = rng.gamma(2.0, 1.0, size=students)
    budget = rng.multinomial(submissions, share / share.sum())
    rows: list[tuple[Any, ...]] = []
    created = 0
    for index, user in enumerate(users):
        rows.extend(
            _student_history(
                rng,
                user,
                exercises,
                tests,
                fail_weights,
                mistake_weights,
                skill=float(skill[index]),
                budget=int(budget[index]),
                now=now,
            )
        )
        if len(rows) >= BATCH:
            created += _insert_submissions(rows)
            rows = []
    created += _insert_submissions(rows)
    attempts = _seed_quizzes(rng, course, users, skill, now)
    # Raw inserts bypass the verdict signals that keep results current: compute them once.
    scoring.results_rebuild(course=course)
    dialect.analyze(
        [
            get_user_model()._meta.db_table,
            Enrollment._meta.db_table,
            Submission._meta.db_table,
            ItemResult._meta.db_table,
            StudentResults._meta.db_table,
            Attempt._meta.db_table,
            AttemptQuestion._meta.db_table,
        ]
    )
    return SeedReport(
        students=len(users),
        submissions=created,
        exercises=len(exercises),
        course=course,
        quiz_attempts=attempts,
    )


def _student_history(
    rng: np.random.Generator,
    user: User,
    exercises: list[Exercise],
    tests: dict[int, list[tuple[str, str]]],
    fail_weights: dict[int, np.ndarray],
    mistake_weights: dict[int, np.ndarray],
    *,
    skill: float,
    budget: int,
    now: datetime,
) -> list[tuple[Any, ...]]:
    if budget == 0:
        return []
    # A tenth of the class stopped coming one to five weeks ago.
    stopped = rng.random() < 0.1
    end = (
        now - timedelta(days=float(rng.uniform(8, 35)))
        if stopped
        else now - timedelta(hours=float(rng.uniform(0, 72)))
    )
    begin = end - timedelta(days=float(rng.uniform(10, DAYS - 10)))
    offsets = np.sort(rng.random(budget))
    times = [begin + (end - begin) * float(x) for x in offsets]
    result: list[tuple[Any, ...]] = []
    position, fails_here = 0, 0
    # Drawn up front: one vectorized call per student instead of several per submission.
    rolls, extra_fails = rng.random(budget), rng.poisson(0.7, size=budget)
    mistake_rolls = rng.random(budget)
    mistake_cumulative = {pk: np.cumsum(w) for pk, w in mistake_weights.items()}
    for step, when in enumerate(times):
        if position >= len(exercises):
            position = int(rng.integers(len(exercises)))  # revisits a solved exercise
        exercise = exercises[position]
        p = 0.15 + 0.6 * skill - DIFFICULTY.get(exercise.difficulty, 0.2)
        passed = bool(rolls[step] < max(p, 0.04))
        names = tests[exercise.pk]
        failing: set[int] = set()
        if not passed:
            k = int(min(len(names), 1 + extra_fails[step]))
            # Weighted sampling without replacement (Efraimidis–Spirakis keys u^(1/w)).
            keys = rng.random(len(names)) ** (1.0 / fail_weights[exercise.pk])
            failing = set(np.argsort(-keys)[:k].tolist())
        cumulative = mistake_cumulative[exercise.pk]
        message = MISTAKES[
            min(int(np.searchsorted(cumulative, mistake_rolls[step])), len(MISTAKES) - 1)
        ]
        results = [
            {
                "name": name,
                "kind": kind,
                "passed": i not in failing,
                "message": "" if i not in failing else message,
            }
            for i, (name, kind) in enumerate(names)
        ]
        score = (len(names) - len(failing)) / len(names)
        verdict = {
            "status": "passed" if passed else "failed",
            "score": score,
            "tests": results,
            "output": "",
            "message": "",
        }
        code = f"def {_version(exercise).function_name}(*args):\n    ...  # attempt {step}\n"
        result.append(
            (
                user.pk,
                exercise.pk,
                exercise.current_version_id,
                code,
                Submission.Kind.SUBMIT,
                Submission.Status.GRADED,
                verdict,
                score,
                passed,
                "",
                1,
                when,
                when,
                when,
                when + timedelta(milliseconds=120),
            )
        )
        if passed:
            position, fails_here = position + 1, 0
        else:
            fails_here += 1
            if fails_here >= 6 and rng.random() < 0.3:  # gives up and moves on
                position, fails_here = position + 1, 0
    return result


_COLUMNS = (
    "user_id",
    "exercise_id",
    "exercise_version_id",
    "code",
    "kind",
    "status",
    "verdict",
    "score",
    "passed",
    "error_reason",
    "grading_attempts",
    "created_at",
    "enqueued_at",
    "started_at",
    "finished_at",
)


def _insert_submissions(rows: list[tuple[Any, ...]]) -> int:
    """executemany of plain tuples: bulk_create's per-object compilation would take 5× longer.

    Values are adapted by each model field (JSON, datetimes), exactly as the ORM would.
    """
    if not rows:
        return 0
    by_column = {f.column: f for f in Submission._meta.concrete_fields}
    fields = [by_column[name] for name in _COLUMNS]
    # Only JSON and datetimes need the backend's adaptation; the rest are plain values.
    adapt = [
        f.get_db_prep_save if f.get_internal_type() in ("JSONField", "DateTimeField") else None
        for f in fields
    ]
    prepared = [
        tuple(
            value if prep is None else prep(value, connection)
            for prep, value in zip(adapt, row, strict=True)
        )
        for row in rows
    ]
    table = connection.ops.quote_name(Submission._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in _COLUMNS)
    placeholders = ", ".join(["%s"] * len(fields))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 - model names
            prepared,
        )
    return len(rows)


def _seed_quizzes(
    rng: np.random.Generator, course: Course, users: list[User], skill: np.ndarray, now: datetime
) -> int:
    """Submitted attempts on up to five published quizzes (if any are loaded)."""
    from courses.models import CourseQuiz
    from quizzes.models import Quiz

    quizzes = list(Quiz.objects.filter(is_published=True).prefetch_related("slots")[:5])
    if not quizzes:
        return 0
    CourseQuiz.objects.bulk_create(
        CourseQuiz(course=course, quiz=quiz, order=i, due_at=now + timedelta(days=7 * i - 14))
        for i, quiz in enumerate(quizzes)
    )
    attempts: list[Attempt] = []
    plans: list[list[tuple[str, int, float]]] = []  # (generator, points, fraction) per question
    for quiz in quizzes:
        slots = [
            (slot.generator, slot.points) for slot in quiz.slots.all() for _ in range(slot.count)
        ]
        if not slots:
            continue
        # Each question family has its own difficulty for the whole class.
        hardness = {name: float(rng.uniform(-0.3, 0.3)) for name, _ in slots}
        for index, user in enumerate(users):
            if rng.random() < 0.15:
                continue  # did not take it
            for number in range(1, 1 + int(rng.integers(1, 3))):
                when = now - timedelta(days=float(rng.uniform(0, 40)))
                p = np.clip(
                    skill[index] + 0.1 * number - 0.1 + np.array([hardness[n] for n, _ in slots]),
                    0.02,
                    0.98,
                )
                fractions = (rng.random(len(slots)) < p).astype(float)
                score = float(sum(f * pts for f, (_, pts) in zip(fractions, slots, strict=True)))
                attempts.append(
                    Attempt(
                        quiz=quiz,
                        user=user,
                        number=number,
                        status=Attempt.Status.SUBMITTED,
                        started_at=when,
                        submitted_at=when + timedelta(minutes=12),
                        score=score,
                        max_score=float(sum(pts for _, pts in slots)),
                    )
                )
                plans.append(
                    [(name, pts, float(fractions[i])) for i, (name, pts) in enumerate(slots)]
                )
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    if attempts and not attempts[0].pk:
        return len(attempts)  # no RETURNING: skip the per-question rows
    questions = [
        AttemptQuestion(
            attempt=attempt,
            position=position,
            generator=name,
            points=pts,
            seed=int(rng.integers(2**31)),
            status="graded",
            fraction=float(fraction),
            response="1",
        )
        for attempt, plan in zip(attempts, plans, strict=True)
        for position, (name, pts, fraction) in enumerate(plan)
    ]
    AttemptQuestion.objects.bulk_create(questions, batch_size=BATCH)
    return len(attempts)
