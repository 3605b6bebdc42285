"""Submission services: validation, limits, the claim/store protocol and the sweep."""

from __future__ import annotations

import hashlib
import textwrap
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Exercise, ExerciseVersion, Lesson
from exercises import services
from exercises.models import Submission
from grader.grading import EXAMPLES_SEED, SEED_POOL_SIZE, prepare

REFERENCE = textwrap.dedent(
    """
    import numpy as np

    def scaled_exp(x):
        x = np.asarray(x, dtype=float)
        return np.exp(x - x.max())
    """
)
CASES = textwrap.dedent(
    """
    import numpy as np
    from grader.cases import Case

    def cases(rng):
        return [
            Case("example: three values", args=(np.array([1.0, 2.0, 3.0]),), visible=True),
            Case("hidden: random", args=(rng.normal(size=5),)),
            Case("edge: large", args=(np.array([1000.0, 1001.0]),), kind="edge"),
        ]

    NONFINITE_HINT = "overflow in exp: subtract the maximum first"
    """
)
STARTER = "def scaled_exp(x):\n    raise NotImplementedError\n"
GOOD = "import numpy as np\n\ndef scaled_exp(x):\n    return np.exp(x - np.max(x))\n"
NAIVE = "import numpy as np\n\ndef scaled_exp(x):\n    return np.exp(x) / np.exp(np.max(x))\n"


def make_exercise(
    slug: str = "scaled-exp",
    *,
    title: str = "Scaled exp",
    lesson: Lesson | None = None,
    reference: str = REFERENCE,
    cases: str = CASES,
    starter: str = STARTER,
) -> Exercise:
    """A small exercise stored the way sync_content stores one."""
    exercise = Exercise.objects.create(slug=slug, title=title, topic="numerics", lesson=lesson)
    version = ExerciseVersion.objects.create(
        exercise=exercise,
        number=1,
        function_name="scaled_exp",
        statement_md="Return exp(x - max x).",
        statement_html="<p>Return exp(x − max x).</p>",
        starter_code=starter,
        reference_code=reference,
        cases_code=cases,
        solution_md="Subtract the max.",
        solution_html="<p>Subtract the <em>max</em>.</p>",
        meta={"function": "scaled_exp", "title": title, "topic": "numerics"},
        content_hash=hashlib.sha256((slug + reference + cases).encode()).hexdigest(),
    )
    exercise.current_version = version
    exercise.save(update_fields=["current_version"])
    return exercise


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("x" * (64 * 1024 + 1), "limit is 64 KiB"),
        (b"def f():\n    return '\xff'\n", "not valid UTF-8"),
        ("def f():\n    pass\x00\n", "NUL character (line 2)"),
        ("   \n\n", "empty"),
        ("s = '\ud800'", "not valid UTF-8"),
    ],
)
def test_code_validate_rejects_with_a_clear_message(code: str | bytes, fragment: str) -> None:
    with pytest.raises(services.CodeInvalid) as info:
        services.code_validate(code)
    assert fragment in info.value.message
    assert info.value.status_code == 400


def test_code_validate_accepts_exactly_64_kib_and_unicode() -> None:
    code = "# é\n" + "x" * (64 * 1024 - len("# é\n".encode()))
    assert len(code.encode()) == 64 * 1024
    assert services.code_validate(code) == code
    assert services.code_validate(code.encode()) == code


@pytest.mark.django_db
def test_rejected_code_stores_nothing(student: User, exercise: Exercise) -> None:
    with pytest.raises(services.CodeInvalid):
        services.submission_create(user=student, exercise=exercise, code="a\x00", kind="submit")
    assert Submission.objects.count() == 0


@pytest.mark.django_db
def test_unknown_kind_is_refused(student: User, exercise: Exercise) -> None:
    with pytest.raises(services.SubmissionRejected):
        services.submission_create(user=student, exercise=exercise, code=GOOD, kind="grade")


# --- create -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_row_is_written_before_the_task_is_enqueued(
    student: User, exercise: Exercise, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    sent: list[tuple[int, str]] = []

    def fake_apply_async(args: tuple[int], **options: object) -> None:
        # The row must already exist with status queued when the message goes out.
        sent.append((args[0], Submission.objects.get(pk=args[0]).status))

    from exercises.tasks import grade_submission

    monkeypatch.setattr(grade_submission, "apply_async", fake_apply_async)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = services.submission_create(
            user=student, exercise=exercise, code=GOOD, kind="run"
        )
    assert sent == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert sent == [(submission.pk, "queued")]
    assert submission.exercise_version_id == exercise.current_version_id
    assert submission.kind == "run"


@pytest.mark.django_db
def test_broker_failure_keeps_the_row_for_the_sweep(
    student: User, exercise: Exercise, monkeypatch
) -> None:
    from exercises.tasks import grade_submission

    def broken(*args: object, **kwargs: object) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(grade_submission, "apply_async", broken)
    submission = services.submission_create(
        user=student, exercise=exercise, code=GOOD, kind="submit"
    )
    assert services.submission_enqueue(submission_id=submission.pk) is False
    submission.refresh_from_db()
    assert submission.status == "queued"
    assert submission.enqueued_at is None


@pytest.mark.django_db
def test_one_grading_in_flight_per_user_and_exercise(
    student: User, other_student: User, exercise: Exercise
) -> None:
    first = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    with pytest.raises(services.GradingInFlight) as info:
        services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    assert info.value.pending.pk == first.pk
    assert info.value.status_code == 409
    # Another student, or another exercise, is not blocked.
    services.submission_create(user=other_student, exercise=exercise, code=GOOD, kind="run")
    services.submission_create(
        user=student, exercise=make_exercise("other-one"), code=GOOD, kind="run"
    )
    # Once graded, the next one is accepted.
    Submission.objects.filter(pk=first.pk).update(status="graded")
    services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")


@pytest.mark.django_db
def test_database_rejects_a_second_in_flight_row(student: User, exercise: Exercise) -> None:
    """The race the pre-check cannot see is stopped by the partial unique constraint."""
    from django.db import IntegrityError, transaction

    version = exercise.current_version
    assert version is not None
    Submission.objects.create(user=student, exercise=exercise, exercise_version=version, code="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        Submission.objects.create(
            user=student, exercise=exercise, exercise_version=version, code="b", status="running"
        )


@pytest.mark.django_db
def test_unpublished_exercise_is_refused(student: User, exercise: Exercise) -> None:
    exercise.status = Exercise.Status.DRAFT
    exercise.save()
    with pytest.raises(services.ExerciseUnavailable):
        services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")


# --- rate limit ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rate_limit_allows_twenty_per_minute_then_429(
    student: User, other_student: User, exercise: Exercise, settings
) -> None:
    settings.GRADING_RATE_LIMIT_PER_MINUTE = 20
    now = 1_000_020.0  # 20 s into a minute
    for _ in range(20):
        services._rate_limit_check(user_id=student.pk, now=now)
    with pytest.raises(services.RateLimited) as info:
        services._rate_limit_check(user_id=student.pk, now=now)
    assert info.value.status_code == 429
    assert "try again in" in info.value.message
    assert 1 <= info.value.retry_after <= 60
    # Per user: somebody else is unaffected.
    services._rate_limit_check(user_id=other_student.pk, now=now)
    # The sliding window: early in the next minute most of the previous count still applies...
    with pytest.raises(services.RateLimited):
        services._rate_limit_check(user_id=student.pk, now=now + 45)
    # ...and a full minute later the budget is back.
    for _ in range(20):
        services._rate_limit_check(user_id=student.pk, now=now + 120)


@pytest.mark.django_db
def test_rate_limit_applies_to_submission_create(
    student: User, exercise: Exercise, settings
) -> None:
    settings.GRADING_RATE_LIMIT_PER_MINUTE = 2
    for _ in range(2):
        sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
        Submission.objects.filter(pk=sub.pk).update(status="graded")
    with pytest.raises(services.RateLimited):
        services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    assert Submission.objects.count() == 2


# --- claim and store (fake verdicts: what is under test is the protocol, not the grader) ------


class FakeVerdict:
    def __init__(self, status: str = "passed", score: float = 1.0) -> None:
        self.status = status
        self.score = score

    def to_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "score": self.score,
            "tests": [],
            "output": "",
            "message": "",
            "sandbox_mode": "test",
        }


@pytest.fixture
def fake_grade(monkeypatch) -> list[int]:
    calls: list[int] = []

    def grade(spec: object, code: str, *, kind: str, seed: int) -> FakeVerdict:
        calls.append(seed)
        return FakeVerdict()

    monkeypatch.setattr(services, "_grade", grade)
    return calls


@pytest.mark.django_db
def test_grade_stores_verdict_once_and_skips_redelivery(
    student: User, exercise: Exercise, fake_grade: list[int]
) -> None:
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    first = services.submission_grade(submission_id=sub.pk)
    second = services.submission_grade(submission_id=sub.pk)
    assert (first.action, second.action) == ("graded", "skipped")
    sub.refresh_from_db()
    assert fake_grade == [sub.seed]  # graded once, with the seed stored at submit time
    assert sub.status == "graded"
    assert sub.passed is True and sub.score == 1.0
    assert sub.verdict is not None
    assert "sandbox_mode" not in sub.verdict
    assert sub.started_at is not None and sub.finished_at is not None
    assert sub.started_at <= sub.finished_at
    assert sub.grading_attempts == 1


@pytest.mark.django_db
def test_a_passing_run_does_not_count_as_solved(
    student: User, exercise: Exercise, fake_grade: list[int]
) -> None:
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    services.submission_grade(submission_id=sub.pk)
    sub.refresh_from_db()
    assert sub.status == "graded" and sub.passed is False


@pytest.mark.django_db(transaction=True)
def test_grading_writes_commit_on_their_own_and_exactly_once(
    student: User, exercise: Exercise, fake_grade: list[int]
) -> None:
    """Outside any transaction, as in a worker: the task is sent as soon as the INSERT is
    committed (eager here), and the claim and the store are one statement each, with relaxed
    durability on PostgreSQL (a submit's store shares its transaction with the course results
    and LTI scores it changes: that whole transaction is relaxed)."""
    with CaptureQueriesContext(connection) as queries:
        sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    sub.refresh_from_db()
    assert (sub.status, sub.passed, sub.grading_attempts) == ("graded", True, 1)
    assert services.submission_grade(submission_id=sub.pk).action == "skipped"
    assert fake_grade == [sub.seed]
    updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 2, updates  # claim, store
    if connection.vendor == "postgresql":
        assert all(sql.endswith("SET LOCAL synchronous_commit TO OFF") for sql in updates)


@pytest.mark.django_db
def test_eager_grading_leaves_the_callers_connection_alone(
    student: User, exercise: Exercise, fake_grade: list[int], django_capture_on_commit_callbacks
) -> None:
    """Laptop mode grades eagerly inside the web request: the workers' per-task connection
    recycling must not close the request's connection (here: inside a transaction)."""
    with django_capture_on_commit_callbacks(execute=True):
        sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    sub.refresh_from_db()
    assert sub.status == "graded" and fake_grade == [sub.seed]


@pytest.mark.parametrize(
    "in_transaction",
    [
        pytest.param(True, marks=pytest.mark.django_db),
        pytest.param(False, marks=pytest.mark.django_db(transaction=True)),
    ],
)
def test_a_superseded_claim_does_not_overwrite(
    student: User, exercise: Exercise, monkeypatch, in_transaction: bool
) -> None:
    """A slow worker whose row the sweep handed to another worker must not store its result."""
    monkeypatch.setattr(services, "submission_enqueue", lambda submission_id: True)
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    assert connection.in_atomic_block is in_transaction

    def slow_grade(spec: object, code: str, *, kind: str, seed: int) -> FakeVerdict:
        # While "we" grade, the sweep decides we are dead and a second worker grades the row.
        Submission.objects.filter(pk=sub.pk).update(status="queued")
        monkeypatch.setattr(services, "_grade", lambda *a, **k: FakeVerdict("failed", 0.5))
        assert services.submission_grade(submission_id=sub.pk).action == "graded"
        return FakeVerdict("passed", 1.0)

    monkeypatch.setattr(services, "_grade", slow_grade)
    outcome = services.submission_grade(submission_id=sub.pk)
    assert outcome.action == "superseded"
    sub.refresh_from_db()
    assert sub.verdict is not None
    assert sub.verdict["status"] == "failed" and sub.score == 0.5
    assert sub.grading_attempts == 2


@pytest.mark.django_db
def test_grader_crash_becomes_an_error_with_a_reason(
    student: User, exercise: Exercise, monkeypatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(services, "_grade", boom)
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    assert services.submission_grade(submission_id=sub.pk).action == "error"
    sub.refresh_from_db()
    assert sub.status == "error"
    assert "submit again" in sub.error_reason


# --- sweep -----------------------------------------------------------------------------------


def _aged(sub: Submission, **fields: object) -> None:
    Submission.objects.filter(pk=sub.pk).update(**fields)


@pytest.mark.django_db
def test_sweep_requeues_stuck_rows_and_gives_up_after_max_attempts(
    student: User, other_student: User, exercise: Exercise, monkeypatch
) -> None:
    enqueued: list[int] = []
    monkeypatch.setattr(
        services, "submission_enqueue", lambda *, submission_id: enqueued.append(submission_id)
    )
    now = timezone.now()
    old = now - timedelta(minutes=5)
    dead_worker = services.submission_create(
        user=student, exercise=exercise, code=GOOD, kind="submit"
    )
    _aged(dead_worker, status="running", started_at=old, grading_attempts=1)
    hopeless = services.submission_create(
        user=other_student, exercise=exercise, code=GOOD, kind="submit"
    )
    _aged(hopeless, status="running", started_at=old, grading_attempts=3)
    ex2 = make_exercise("second")
    never_sent = services.submission_create(user=student, exercise=ex2, code=GOOD, kind="run")
    _aged(never_sent, enqueued_at=None)
    ex3 = make_exercise("third")
    lost_message = services.submission_create(user=student, exercise=ex3, code=GOOD, kind="run")
    _aged(lost_message, enqueued_at=old)
    ex4 = make_exercise("fourth")
    fresh = services.submission_create(user=student, exercise=ex4, code=GOOD, kind="run")
    ex5 = make_exercise("fifth")
    ancient = services.submission_create(user=student, exercise=ex5, code=GOOD, kind="run")
    _aged(ancient, created_at=now - timedelta(hours=2), enqueued_at=now - timedelta(hours=2))

    report = services.submissions_sweep_stuck(
        queued_after=timedelta(minutes=1),
        running_after=timedelta(minutes=1),
        max_attempts=3,
        give_up_after=timedelta(minutes=30),
        now=now,
    )
    assert sorted(report.requeued) == sorted([dead_worker.pk, never_sent.pk, lost_message.pk])
    assert sorted(report.failed) == sorted([hopeless.pk, ancient.pk])
    assert sorted(enqueued) == sorted(report.requeued)
    assert fresh.pk not in enqueued
    dead_worker.refresh_from_db()
    assert dead_worker.status == "queued" and dead_worker.started_at is None
    hopeless.refresh_from_db()
    assert hopeless.status == "error" and "3 times" in hopeless.error_reason
    ancient.refresh_from_db()
    assert ancient.status == "error" and "unavailable" in ancient.error_reason

    # Running it again right away does nothing more: the requeued rows were just enqueued.
    enqueued.clear()
    again = services.submissions_sweep_stuck(
        queued_after=timedelta(minutes=1), running_after=timedelta(minutes=1), now=now
    )
    assert again.requeued == [] and again.failed == [] and enqueued == []


@pytest.mark.django_db
def test_sweep_then_grade_ends_graded(
    student: User, exercise: Exercise, fake_grade: list[int], monkeypatch
) -> None:
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    _aged(
        sub, status="running", started_at=timezone.now() - timedelta(minutes=5), grading_attempts=1
    )
    services.submissions_sweep_stuck(running_after=timedelta(minutes=1))
    assert services.submission_grade(submission_id=sub.pk).action == "graded"
    sub.refresh_from_db()
    assert sub.status == "graded" and sub.grading_attempts == 2
    assert fake_grade == [sub.seed]  # the retry meets the cases drawn at submit time


@pytest.mark.django_db
def test_each_submit_draws_a_seed_from_the_pool_and_run_takes_the_examples_seed(
    student: User, exercise: Exercise, settings
) -> None:
    settings.GRADING_RATE_LIMIT_PER_MINUTE = 0
    seeds = []
    for _ in range(40):
        sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
        seeds.append(sub.seed)
        Submission.objects.filter(pk=sub.pk).update(status="graded")  # next one may go in
    assert all(0 <= seed < SEED_POOL_SIZE for seed in seeds)
    assert len(set(seeds)) > 10  # drawn per submission (40 draws from 64: ~28 distinct)
    run = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    assert run.seed == EXAMPLES_SEED
    assert Submission.objects.get(pk=run.pk).seed == EXAMPLES_SEED


@pytest.mark.django_db
def test_grading_uses_the_seed_stored_on_the_row(
    student: User, exercise: Exercise, fake_grade: list[int], monkeypatch
) -> None:
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    Submission.objects.filter(pk=sub.pk).update(seed=37)
    services.submission_grade(submission_id=sub.pk)
    assert fake_grade == [37]


@pytest.mark.django_db
def test_the_worker_grades_hidden_cases_of_the_stored_seed(
    student: User, exercise: Exercise, monkeypatch
) -> None:
    """Through the real grader: a submission that is right only for seed 3's hidden input
    passes with seed 3 stored, and fails with another."""
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)
    spec = services._spec_for_version(exercise.current_version_id)
    hidden = prepare(spec, seed=3).cases[1]
    assert hidden.case.name == "hidden: random"
    table = textwrap.dedent(
        f"""
        import numpy as np

        def scaled_exp(x):
            if len(x) == 5:
                return np.array({hidden.expected.tolist()!r})
            return np.exp(x - np.max(x))
        """
    )
    verdicts = {}
    for seed in (3, 4):
        sub = services.submission_create(user=student, exercise=exercise, code=table, kind="submit")
        Submission.objects.filter(pk=sub.pk).update(seed=seed)
        services.submission_grade(submission_id=sub.pk)
        sub.refresh_from_db()
        verdicts[seed] = sub.verdict
    assert verdicts[3] is not None and verdicts[3]["status"] == "passed"
    assert verdicts[4] is not None and verdicts[4]["status"] == "failed"


@pytest.mark.django_db
def test_refused_in_flight_submissions_do_not_use_the_rate_budget(
    student: User, exercise: Exercise, settings
) -> None:
    settings.GRADING_RATE_LIMIT_PER_MINUTE = 2
    first = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    for _ in range(3):
        with pytest.raises(services.GradingInFlight):
            services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    Submission.objects.filter(pk=first.pk).update(status="graded")
    second = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    Submission.objects.filter(pk=second.pk).update(status="graded")
    with pytest.raises(services.RateLimited):
        services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")


@pytest.mark.django_db
def test_sweep_with_zero_delay_takes_a_just_enqueued_row(
    student: User, exercise: Exercise, monkeypatch
) -> None:
    """`queued_after=timedelta(0)` means "now", not "the 60 s default"."""
    enqueued: list[int] = []
    monkeypatch.setattr(
        services, "submission_enqueue", lambda *, submission_id: enqueued.append(submission_id)
    )
    now = timezone.now()
    sub = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    _aged(sub, enqueued_at=now - timedelta(seconds=1))
    enqueued.clear()
    report = services.submissions_sweep_stuck(queued_after=timedelta(0), now=now)
    assert report.requeued == [sub.pk]
    assert enqueued == [sub.pk]
