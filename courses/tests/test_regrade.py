"""Regrades through the real grader: "scores may only go up" never lowers a score, "recompute"
can; quiz answers are re-checked; the job records progress, runs as the Celery task (eager in
laptop mode, after commit) and leaves an audit entry."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.services import user_create
from catalog.models import Exercise, ExerciseVersion
from courses import regrade
from courses.models import AuditEntry, Course, CourseStaff, ItemResult, RegradeJob, StaffRole
from courses.services import course_create, enrollment_join
from exercises import services as exercise_services
from exercises.models import Submission
from exercises.tests.test_services import CASES, GOOD, REFERENCE, make_exercise
from quizzes import services as quiz_services
from quizzes.models import Attempt, AttemptQuestion, Quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("student_results_checked")]

# "Fixed" reference: twice the old one. GOOD (right for v1) is now wrong, DOUBLED is right.
REFERENCE_V2 = REFERENCE.replace("return np.exp(x - x.max())", "return 2 * np.exp(x - x.max())")
DOUBLED = "import numpy as np\n\ndef scaled_exp(x):\n    return 2 * np.exp(x - np.max(x))\n"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _graded(user: User, exercise: Exercise, code: str) -> Submission:
    """A submit stored by the real service and graded in-process by the real grader."""
    submission = exercise_services.submission_create(
        user=user, exercise=exercise, code=code, kind=Submission.Kind.SUBMIT
    )
    assert exercise_services.submission_grade(submission_id=submission.pk).action == "graded"
    submission.refresh_from_db()
    return submission


def _publish_v2(exercise: Exercise) -> None:
    assert REFERENCE_V2 != REFERENCE
    old = exercise.current_version
    assert old is not None
    version = ExerciseVersion.objects.create(
        exercise=exercise,
        number=2,
        function_name=old.function_name,
        statement_md=old.statement_md,
        starter_code=old.starter_code,
        reference_code=REFERENCE_V2,
        cases_code=CASES,
        meta=old.meta,
        message="Fix: the reference was off by a factor of two",
        content_hash=hashlib.sha256(REFERENCE_V2.encode()).hexdigest(),
    )
    exercise.current_version = version
    exercise.save(update_fields=["current_version"])


@pytest.fixture
def world(instructor: User) -> dict[str, Any]:
    exercise = make_exercise()
    quiz = quiz_services.quiz_save(
        slug="rg-quiz",
        fields={"title": "Regrade quiz"},
        slots=[quiz_services.SlotSpec("dot-product", points=2)],
    )
    course = course_create(
        owner=instructor, title="Numerics", exercise_ids=[exercise.pk], quiz_ids=[quiz.pk]
    )
    ann = user_create(username="ann", password="pw-ann-12345")
    ben = user_create(username="ben", password="pw-ben-12345")
    outsider = user_create(username="zed", password="pw-zed-12345")
    for user in (ann, ben):
        enrollment_join(user=user, code=course.join_code)
    return {
        "exercise": exercise,
        "quiz": quiz,
        "course": course,
        "ann": ann,
        "ben": ben,
        "outsider": outsider,
    }


def _run(course: Course, actor: User, item: str, policy: str, student: User | None = None) -> Any:
    job = regrade.regrade_start(
        course=course,
        actor=actor,
        item=item,
        student_id=student.pk if student else None,
        policy=policy,
    )
    return regrade.regrade_run(job_id=job.pk)


def test_up_only_never_lowers_and_raises_what_the_fix_makes_right(
    world: dict[str, Any], instructor: User
) -> None:
    exercise, course = world["exercise"], world["course"]
    good = _graded(world["ann"], exercise, GOOD)
    doubled = _graded(world["ben"], exercise, DOUBLED)
    assert (good.passed, doubled.passed) == (True, False)
    _publish_v2(exercise)
    job = _run(course, instructor, f"exercise:{exercise.pk}", RegradeJob.Policy.UP_ONLY)
    assert (job.status, job.total, job.done, job.changed) == ("done", 2, 2, 1)
    good.refresh_from_db()
    doubled.refresh_from_db()
    assert good.passed and good.score == 1.0  # kept: up only
    assert doubled.passed and doubled.score == 1.0  # raised by the fix
    assert good.regraded_at is not None and doubled.regraded_at is not None
    assert doubled.exercise_version_id == exercise.current_version_id
    entry = AuditEntry.objects.get(course=course, action="regrade")
    assert entry.detail["changed"] == 1 and "scores may only go up" in entry.summary


def test_recompute_can_lower_a_score(world: dict[str, Any], instructor: User) -> None:
    exercise, course = world["exercise"], world["course"]
    good = _graded(world["ann"], exercise, GOOD)
    result = ItemResult.objects.get(course=course, user=world["ann"], exercise=exercise)
    assert result.solved and result.fraction == 1.0  # written when the verdict was stored
    _publish_v2(exercise)
    job = _run(course, instructor, f"exercise:{exercise.pk}", RegradeJob.Policy.RECOMPUTE)
    assert (job.done, job.changed) == (1, 1)
    good.refresh_from_db()
    assert not good.passed and good.score is not None and good.score < 1.0
    assert good.verdict is not None and good.verdict["status"] == "failed"
    # The course's results follow the regrade (courses.scoring.results_rebuild).
    result = ItemResult.objects.get(course=course, user=world["ann"], exercise=exercise)
    assert not result.solved and result.fraction == pytest.approx(good.score)


def test_one_student_only_and_never_outside_the_course(
    world: dict[str, Any], instructor: User
) -> None:
    exercise, course = world["exercise"], world["course"]
    ann_sub = _graded(world["ann"], exercise, GOOD)
    ben_sub = _graded(world["ben"], exercise, GOOD)
    outsider_sub = _graded(world["outsider"], exercise, GOOD)
    _publish_v2(exercise)
    job = _run(
        course, instructor, f"exercise:{exercise.pk}", RegradeJob.Policy.RECOMPUTE, world["ann"]
    )
    assert (job.total, job.changed) == (1, 1)
    for submission in (ann_sub, ben_sub, outsider_sub):
        submission.refresh_from_db()
    assert not ann_sub.passed
    assert ben_sub.passed and ben_sub.regraded_at is None
    assert outsider_sub.passed and outsider_sub.regraded_at is None


def _quiz_attempt(user: User, quiz: Quiz, response: str) -> Attempt:
    attempt = quiz_services.attempt_start(user=user, quiz=quiz)
    question = attempt.questions.get()
    return quiz_services.attempt_submit(attempt=attempt, responses={question.position: response})


def test_quiz_regrade_rechecks_answers_under_both_policies(
    world: dict[str, Any], instructor: User
) -> None:
    from quizzes.bank import get_generator

    quiz, course = world["quiz"], world["course"]
    attempt = _quiz_attempt(world["ann"], quiz, "12345")
    assert attempt.score == 0
    # A checking bug had given full marks to a wrong answer: "fixing" it would lower the score.
    Attempt.objects.filter(pk=attempt.pk).update(score=2)
    AttemptQuestion.objects.filter(attempt=attempt).update(fraction=1, status="correct")
    job = _run(course, instructor, f"quiz:{quiz.pk}", RegradeJob.Policy.UP_ONLY)
    attempt.refresh_from_db()
    assert (job.done, job.changed, attempt.score) == (1, 0, 2)
    assert AttemptQuestion.objects.get(attempt=attempt).fraction == 1  # rolled back whole
    job = _run(course, instructor, f"quiz:{quiz.pk}", RegradeJob.Policy.RECOMPUTE)
    attempt.refresh_from_db()
    assert (job.changed, attempt.score) == (1, 0)
    # And a right answer marked wrong goes up under up_only.
    question = attempt.questions.get()
    right = get_generator("dot-product").generate(question.seed).to_json()["answer"]
    AttemptQuestion.objects.filter(pk=question.pk).update(response=str(right))
    job = _run(course, instructor, f"quiz:{quiz.pk}", RegradeJob.Policy.UP_ONLY)
    attempt.refresh_from_db()
    assert (job.changed, attempt.score) == (1, 2)


def test_the_page_starts_the_task_after_commit_and_polls_progress(
    world: dict[str, Any], instructor: User, django_capture_on_commit_callbacks: Any
) -> None:
    exercise, course = world["exercise"], world["course"]
    _graded(world["ann"], exercise, GOOD)
    _publish_v2(exercise)
    owner = _client(instructor)
    url = reverse("courses:regrade_new", kwargs={"course_id": course.pk})
    form = owner.get(url)
    assert form.status_code == 200 and "Scores may only go up" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = owner.post(
            url, {"item": f"exercise:{exercise.pk}", "student": "", "policy": "recompute"}
        )
    assert len(callbacks) == 1  # queued only once the job row is committed
    job = RegradeJob.objects.get(course=course)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "courses:regrade_detail", kwargs={"course_id": course.pk, "job_id": job.pk}
    )
    progress = owner.get(
        reverse("courses:regrade_progress", kwargs={"course_id": course.pk, "job_id": job.pk})
    ).json()
    assert progress["status"] == "done" and progress["finished"] is True
    assert (progress["done"], progress["total"], progress["changed"], progress["percent"]) == (
        1,
        1,
        1,
        100,
    )
    page = owner.get(response["Location"]).content.decode()
    assert "data-progress-url" in page and "data-done>1<" in page


def test_bad_regrade_requests_are_form_errors_and_tas_get_404(
    world: dict[str, Any], instructor: User, other_student: User
) -> None:
    course, exercise = world["course"], world["exercise"]
    owner = _client(instructor)
    url = reverse("courses:regrade_new", kwargs={"course_id": course.pk})
    other_exercise = make_exercise("not-in-course")
    for data in (
        {"item": f"exercise:{other_exercise.pk}", "policy": "recompute"},
        {"item": "exercise:99999999999999999999999", "policy": "recompute"},
        {"item": f"exercise:{exercise.pk}", "policy": "sideways"},
        {"item": f"exercise:{exercise.pk}", "policy": "recompute", "student": "abc"},
        {
            "item": f"exercise:{exercise.pk}",
            "policy": "recompute",
            "student": str(other_student.pk),
        },
    ):
        assert owner.post(url, data).status_code == 400, data
    assert not RegradeJob.objects.exists()
    CourseStaff.objects.create(course=course, user=other_student, role=StaffRole.TA)
    ta = _client(other_student)
    assert ta.get(url).status_code == 404
    assert (
        ta.post(url, {"item": f"exercise:{exercise.pk}", "policy": "recompute"}).status_code == 404
    )


def test_a_second_regrade_of_the_same_item_waits(world: dict[str, Any], instructor: User) -> None:
    course, exercise = world["course"], world["exercise"]
    regrade.regrade_start(
        course=course,
        actor=instructor,
        item=f"exercise:{exercise.pk}",
        student_id=None,
        policy="up_only",
    )
    with pytest.raises(regrade.RegradeError, match="already running"):
        regrade.regrade_start(
            course=course,
            actor=instructor,
            item=f"exercise:{exercise.pk}",
            student_id=None,
            policy="up_only",
        )


def _running_since(job: RegradeJob, minutes: float, restarts: int = 0) -> None:
    """What a worker that claimed the job and then died (kill -9) leaves behind."""
    RegradeJob.objects.filter(pk=job.pk).update(
        status=RegradeJob.Status.RUNNING,
        heartbeat_at=timezone.now() - timedelta(minutes=minutes),
        restarts=restarts,
    )


def test_a_regrade_whose_worker_died_is_queued_again_and_finishes(
    world: dict[str, Any], instructor: User
) -> None:
    exercise, course = world["exercise"], world["course"]
    _graded(world["ann"], exercise, GOOD)
    _publish_v2(exercise)
    job = regrade.regrade_start(
        course=course,
        actor=instructor,
        item=f"exercise:{exercise.pk}",
        student_id=None,
        policy="recompute",
    )
    _running_since(job, minutes=6)
    # The redelivered message finds the job running: it does nothing (the old dead end).
    assert regrade.regrade_run(job_id=job.pk).status == "running"
    # The sweep queues it again; here the task runs eagerly, as in laptop mode.
    assert regrade.regrades_sweep_stalled() == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.done, job.changed, job.restarts) == ("done", 1, 1, 1)


def test_the_sweep_leaves_live_jobs_alone_and_gives_up_after_three_restarts(
    world: dict[str, Any], instructor: User
) -> None:
    course, exercise = world["course"], world["exercise"]
    live = regrade.regrade_start(
        course=course,
        actor=instructor,
        item=f"exercise:{exercise.pk}",
        student_id=None,
        policy="up_only",
    )
    _running_since(live, minutes=1)
    hopeless = regrade.regrade_start(
        course=course,
        actor=instructor,
        item=f"quiz:{world['quiz'].pk}",
        student_id=None,
        policy="up_only",
    )
    _running_since(hopeless, minutes=30, restarts=regrade.MAX_RESTARTS)
    assert regrade.regrades_sweep_stalled() == []
    live.refresh_from_db()
    hopeless.refresh_from_db()
    assert live.status == "running" and live.restarts == 0
    assert hopeless.status == "failed" and "stopped 4 times" in hopeless.error
    assert hopeless.finished_at is not None
