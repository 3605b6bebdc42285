"""submission_regrade: a stored submit graded again against the current version, in-process
through the real grader (the courses app's regrade jobs call it; see courses/tests)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from catalog.models import Exercise
from exercises import services
from exercises.models import Submission
from exercises.tests.test_services import GOOD, NAIVE, make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def exercise() -> Exercise:
    return make_exercise()


def _graded(user: User, exercise: Exercise, code: str) -> Submission:
    submission = services.submission_create(user=user, exercise=exercise, code=code, kind="submit")
    services.submission_grade(submission_id=submission.pk)
    submission.refresh_from_db()
    return submission


def test_an_unchanged_exercise_regrades_to_the_same_verdict(
    student: User, exercise: Exercise
) -> None:
    naive = _graded(student, exercise, NAIVE)
    assert naive.status == "graded" and not naive.passed
    assert services.submission_regrade(submission_id=naive.pk, keep_higher=False) is False
    regraded = Submission.objects.get(pk=naive.pk)
    assert (regraded.score, regraded.passed) == (naive.score, naive.passed)
    assert regraded.regraded_at is not None


def test_a_lower_score_is_kept_out_under_keep_higher(student: User, exercise: Exercise) -> None:
    good = _graded(student, exercise, GOOD)
    # Pretend an earlier, more lenient grading gave this failing attempt full marks.
    naive = _graded(student, exercise, NAIVE)
    Submission.objects.filter(pk=naive.pk).update(score=1.0, passed=True)
    assert services.submission_regrade(submission_id=naive.pk, keep_higher=True) is False
    kept = Submission.objects.get(pk=naive.pk)
    assert (kept.score, kept.passed) == (1.0, True)
    assert kept.regraded_at is not None
    assert services.submission_regrade(submission_id=naive.pk, keep_higher=False) is True
    lowered = Submission.objects.get(pk=naive.pk)
    assert lowered.score is not None and lowered.score < 1.0 and not lowered.passed
    assert Submission.objects.get(pk=good.pk).regraded_at is None  # only the one asked for


def test_runs_and_unfinished_submissions_are_not_regraded(
    student: User, exercise: Exercise, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="run")
    services.submission_grade(submission_id=run.pk)
    with pytest.raises(services.RegradeSkipped):
        services.submission_regrade(submission_id=run.pk, keep_higher=False)
    monkeypatch.setattr(services, "submission_enqueue", lambda *, submission_id: True)
    queued = services.submission_create(user=student, exercise=exercise, code=GOOD, kind="submit")
    with pytest.raises(services.RegradeSkipped):
        services.submission_regrade(submission_id=queued.pk, keep_higher=False)
    with pytest.raises(services.RegradeSkipped):
        services.submission_regrade(submission_id=10**12, keep_higher=False)
