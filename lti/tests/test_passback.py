"""Every change of a linked student's score reaches the LMS line item (issue #20): a quiz
submission, a regrade, a late penalty, an extension given and taken back, a changed penalty;
and the outbox row commits with the verdict or the quiz attempt, or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from courses import adjustments, regrade
from courses.models import Course, ItemResult, LatePolicy, RegradeJob
from courses.services import LateRule, course_set_material
from courses.signals import results_rebuilt
from courses.tests.test_regrade import _graded, _publish_v2
from exercises import services as exercise_services
from exercises.models import Submission
from exercises.tests.test_services import GOOD, make_exercise
from lti.models import ScoreOutbox
from lti.tests.conftest import Browser, Lms
from lti.tests.test_grades import user
from lti.tests.test_launch import INSTRUCTOR, LEARNER
from quizzes import services as quiz_services
from quizzes.bank import get_generator
from quizzes.models import Attempt


@pytest.fixture
def linked(lms: Lms, db: None) -> dict[str, Any]:
    """An exercise (10 points) and a quiz (2 points) linked in the LMS course; student-1 has
    opened both links, so each has a line item: li-rl-ex and li-rl-quiz."""
    exercise = make_exercise()
    quiz = quiz_services.quiz_save(
        slug="lti-quiz",
        fields={"title": "LTI quiz"},
        slots=[quiz_services.SlotSpec("dot-product", points=2)],
    )
    for sub, role in (("teacher-1", INSTRUCTOR), ("student-1", LEARNER)):
        for item, rl in (("exercise:scaled-exp", "rl-ex"), ("quiz:lti-quiz", "rl-quiz")):
            response = Browser().open(lms.launch_url(user=sub, role=role, item=item, rl=rl))
            assert response.status_code == 200
    course = Course.objects.get()
    return {
        "exercise": exercise,
        "quiz": quiz,
        "course": course,
        "owner": course.owner,
        "student": user(lms, "student-1"),
    }


def sent(lms: Lms) -> list[tuple[str, float, float]]:
    return [(s["lineitem"], s["scoreGiven"], s["scoreMaximum"]) for s in lms.scores()]


def right_answer(attempt: Attempt) -> str:
    question = attempt.questions.get()
    return str(get_generator("dot-product").generate(question.seed).to_json()["answer"])


def test_a_quiz_submission_is_sent_and_its_outbox_row_commits_with_the_attempt(
    lms: Lms, linked: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    attempt = quiz_services.attempt_start(user=linked["student"], quiz=linked["quiz"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        quiz_services.attempt_submit(
            attempt=attempt, responses={attempt.questions.get().position: right_answer(attempt)}
        )
        # Before the commit: the score to send is already written, with the attempt.
        row = ScoreOutbox.objects.get(link__quiz=linked["quiz"])
        assert (row.score_given, row.score_maximum) == (2, 2)
    assert sent(lms) == []
    for callback in callbacks:  # the commit: the task is queued and posts the score
        callback()
    assert sent(lms) == [("li-rl-quiz", 2, 2)]


def test_a_regrade_sends_the_regraded_score(
    lms: Lms, linked: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    exercise, course = linked["exercise"], linked["course"]
    with django_capture_on_commit_callbacks(execute=True):
        _graded(linked["student"], exercise, GOOD)
    assert sent(lms) == [("li-rl-ex", 10, 10)]
    _publish_v2(exercise)  # the reference was wrong: GOOD fails against the fixed one
    with django_capture_on_commit_callbacks(execute=True):
        job = regrade.regrade_start(
            course=course,
            actor=linked["owner"],
            item=f"exercise:{exercise.pk}",
            student_id=None,
            policy=RegradeJob.Policy.RECOMPUTE,
        )
    job.refresh_from_db()
    assert (job.status, job.changed) == ("done", 1)
    scores = sent(lms)
    assert len(scores) == 2 and scores[1][0] == "li-rl-ex" and scores[1][1] < 10


def test_late_penalty_extensions_and_a_changed_penalty_are_sent(
    lms: Lms, linked: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    exercise, quiz, course = linked["exercise"], linked["quiz"], linked["course"]
    student, owner = linked["student"], linked["owner"]

    def material(penalty_percent: int) -> None:
        course_set_material(
            course=course,
            lesson_ids=[],
            exercise_ids=[exercise.pk],
            quiz_ids=[quiz.pk],
            due={exercise.pk: timezone.now() - timedelta(days=1)},
            rules={exercise.pk: LateRule(LatePolicy.PENALTY, penalty_percent)},
        )

    with django_capture_on_commit_callbacks(execute=True):
        material(50)
        _graded(student, exercise, GOOD)  # a day late: half the points
    item = adjustments.course_item_get(course=course, key=f"exercise:{exercise.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        adjustments.extension_grant(
            course=course,
            student=student,
            actor=owner,
            item=item,
            due_at=timezone.now() + timedelta(days=1),
            time_multiplier=None,
            reason="ill that week",
        )
    with django_capture_on_commit_callbacks(execute=True):
        adjustments.extension_remove(course=course, student=student, actor=owner, item=item)
    with django_capture_on_commit_callbacks(execute=True):
        material(20)
    assert [given for _, given, _ in sent(lms)] == [5, 10, 5, 8]
    assert {(line, maximum) for line, _, maximum in sent(lms)} == {("li-rl-ex", 10)}


@pytest.fixture
def outbox_fails() -> Iterator[None]:
    """A fault while the score changes: the receiver after lti's raises, as a lost database
    connection would in the middle of the transaction."""

    def fail(**_: Any) -> None:
        raise RuntimeError("the database went away")

    results_rebuilt.connect(fail, dispatch_uid="test-outbox-fails")
    try:
        yield
    finally:
        results_rebuilt.disconnect(dispatch_uid="test-outbox-fails")


@pytest.mark.usefixtures("outbox_fails")
def test_a_verdict_is_not_stored_without_its_outbox_row(lms: Lms, linked: dict[str, Any]) -> None:
    """The verdict, the course result and the score to send commit together: a failure
    between them leaves the submission running (the sweep grades it again), not graded with
    its score never sent."""
    submission = exercise_services.submission_create(
        user=linked["student"], exercise=linked["exercise"], code=GOOD, kind=Submission.Kind.SUBMIT
    )
    with pytest.raises(RuntimeError):
        exercise_services.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.RUNNING and submission.verdict is None
    assert not ScoreOutbox.objects.exists() and not ItemResult.objects.exists()


@pytest.mark.usefixtures("outbox_fails")
def test_a_quiz_attempt_is_not_submitted_without_its_outbox_row(
    lms: Lms, linked: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    attempt = quiz_services.attempt_start(user=linked["student"], quiz=linked["quiz"])
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        quiz_services.attempt_submit(
            attempt=attempt, responses={attempt.questions.get().position: right_answer(attempt)}
        )
    attempt.refresh_from_db()
    assert attempt.is_open and not ScoreOutbox.objects.exists()
