from __future__ import annotations

from collections.abc import Container
from datetime import timedelta

import pytest
from django.utils import timezone

from quizzes import services
from quizzes.bank import POOL_SIZE, get_generator
from quizzes.models import Attempt, AttemptQuestion
from quizzes.services import SlotSpec


def _answers(attempt: Attempt, *, wrong: Container[int] = frozenset()) -> dict[int, str]:
    out = {}
    for q in attempt.questions.all():
        text = get_generator(q.generator).generate(q.seed).answer.text()
        out[q.position] = (
            "[0, 0, 0]"
            if q.position in wrong and q.generator == "vector-norms"
            else ("123456" if q.position in wrong else text)
        )
    return out


def test_variant_seed_is_stable_and_distinct() -> None:
    base = dict(user_id=1, quiz_id=2, attempt_number=1, slot_id=3, index=0)
    assert services.variant_seed(**base) == services.variant_seed(**base)
    seeds = {
        services.variant_seed(**{**base, key: value}) for key in base for value in range(5, 25)
    }
    # Seeds come from the stored pool: spread over it, never outside it.
    assert all(0 <= seed < POOL_SIZE for seed in seeds)
    assert len(seeds) > 60
    assert all(0 <= s < 2**63 for s in seeds)


def test_start_creates_questions_with_stored_seeds(quiz, student, other_student) -> None:
    mine = services.attempt_start(user=student, quiz=quiz)
    theirs = services.attempt_start(user=other_student, quiz=quiz)
    assert [q.generator for q in mine.questions.all()] == [
        "dot-product",
        "dot-product",
        "vector-norms",
    ]
    assert mine.max_score == 5
    my_seeds = [q.seed for q in mine.questions.all()]
    assert len(set(my_seeds)) == 3
    # Another student's seeds are drawn for them: the same three (in order) has odds of
    # 1 in 192**3. (Sharing one seed is not rare: 3 x 3 pairs of 192, ~5 %; the spread is
    # test_two_students_almost_never_share_a_whole_quiz's subject.)
    assert my_seeds != [q.seed for q in theirs.questions.all()]
    # Starting again resumes the open attempt instead of opening a second one.
    assert services.attempt_start(user=student, quiz=quiz).pk == mine.pk


def test_save_resume_and_submit_scores(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    answers = _answers(attempt)
    services.attempt_save(attempt=attempt, responses={1: answers[1]})
    assert AttemptQuestion.objects.get(attempt=attempt, position=1).response == answers[1]
    graded = services.attempt_submit(attempt=attempt, responses=answers)
    assert graded.status == Attempt.Status.SUBMITTED
    assert graded.score == 5 and graded.max_score == 5


def test_partial_credit_and_wrong_answers(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    answers = _answers(attempt, wrong={2})
    norms = get_generator("vector-norms").generate(attempt.questions.get(position=3).seed)
    l1, l2, _ = norms.answer.value
    answers[3] = f"[{l1}, {l2}, 999]"  # two of three components right
    graded = services.attempt_submit(attempt=attempt, responses=answers)
    assert graded.score == pytest.approx(1 + 0 + 2)
    statuses = {q.position: q.status for q in graded.questions.all()}
    assert statuses == {1: "correct", 2: "incorrect", 3: "partial"}


def test_unreadable_answer_refuses_submission_without_cost(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    answers = _answers(attempt)
    answers[2] = "two and a half"
    with pytest.raises(services.UnreadableAnswers) as info:
        services.attempt_submit(attempt=attempt, responses=answers)
    assert [p.position for p in info.value.problems] == [2]
    attempt.refresh_from_db()
    assert attempt.is_open
    # The readable answers were kept.
    assert attempt.questions.get(position=1).response == answers[1]


def test_wrong_shape_is_graded_as_wrong_not_unreadable(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    answers = _answers(attempt)
    answers[3] = "7"
    graded = services.attempt_submit(attempt=attempt, responses=answers)
    q3 = graded.questions.get(position=3)
    assert q3.status == "wrong_shape" and "vector of 3" in q3.message


def test_attempt_limit(quiz, student) -> None:
    for _ in range(2):
        attempt = services.attempt_start(user=student, quiz=quiz)
        services.attempt_submit(attempt=attempt, responses={})
    with pytest.raises(services.QuizError, match="used all"):
        services.attempt_start(user=student, quiz=quiz)


def test_closed_and_unopened_quizzes(quiz, student) -> None:
    now = timezone.now()
    quiz.opens_at = now + timedelta(days=1)
    quiz.save()
    with pytest.raises(services.QuizError, match="not opened"):
        services.attempt_start(user=student, quiz=quiz)
    quiz.opens_at, quiz.closes_at = None, now - timedelta(seconds=1)
    quiz.save()
    with pytest.raises(services.QuizError, match="closed"):
        services.attempt_start(user=student, quiz=quiz)


def test_deadline_auto_submits_with_saved_answers(timed_quiz, student) -> None:
    start = timezone.now()
    attempt = services.attempt_start(user=student, quiz=timed_quiz, now=start)
    assert attempt.deadline == start + timedelta(minutes=10)
    answers = _answers(attempt)
    services.attempt_save(attempt=attempt, responses=answers, now=start + timedelta(minutes=5))
    late = start + timedelta(minutes=11)
    # A submission arriving after the deadline is refused, but what was saved counts.
    with pytest.raises(services.AttemptClosed):
        services.attempt_submit(attempt=attempt, responses={1: "0"}, now=late)
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.auto_submitted
    assert attempt.score == 2
    assert attempt.submitted_at == attempt.deadline


def test_close_expired_attempts_task(timed_quiz, student, other_student) -> None:
    from quizzes.tasks import close_expired_attempts

    start = timezone.now() - timedelta(minutes=30)
    expired = services.attempt_start(user=student, quiz=timed_quiz, now=start)
    fresh = services.attempt_start(user=other_student, quiz=timed_quiz)
    assert close_expired_attempts() == 1
    expired.refresh_from_db()
    fresh.refresh_from_db()
    assert expired.status == Attempt.Status.SUBMITTED and expired.auto_submitted
    assert expired.score == 0
    assert fresh.is_open
    assert close_expired_attempts() == 0


def test_regrade_reproduces_the_same_variant(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    graded = services.attempt_submit(attempt=attempt, responses=_answers(attempt))
    AttemptQuestion.objects.filter(attempt=graded).update(fraction=0, status="")
    regraded = services.attempt_regrade(attempt=graded)
    assert regraded.score == 5


def test_quiz_save_rejects_unknown_generators(db) -> None:
    with pytest.raises(services.QuizError, match="unknown question generator"):
        services.quiz_save(slug="x", fields={"title": "X"}, slots=[SlotSpec("nope")])


def test_editing_slots_does_not_touch_started_attempts(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    before = [(q.generator, q.seed) for q in attempt.questions.all()]
    services.quiz_save(slug=quiz.slug, fields={"title": "Warm-up"}, slots=[SlotSpec("z-score")])
    after = [(q.generator, q.seed) for q in attempt.questions.all()]
    assert before == after


def test_beat_schedule_names_the_registered_task() -> None:
    from django.conf import settings

    from mlquiz.celery import app
    from quizzes import tasks

    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.close_expired_attempts.name in names
    assert tasks.close_expired_attempts.name in app.tasks


def test_two_students_almost_never_share_a_whole_quiz(db) -> None:
    from pathlib import Path

    from django.conf import settings

    from quizzes.loader import parse_quiz_file

    slots = parse_quiz_file(
        Path(settings.CONTENT_DIR) / "quizzes" / "linear-algebra-basics.yaml"
    ).slots
    papers = set()
    for user_id in range(1, 201):
        paper = tuple(
            get_generator(slot.generator)
            .generate(
                services.variant_seed(
                    user_id=user_id, quiz_id=1, attempt_number=1, slot_id=i, index=0
                )
            )
            .prompt
            for i, slot in enumerate(slots)
        )
        papers.add(paper)
    assert len(papers) == 200


def test_a_removed_generator_does_not_break_an_attempt(quiz, student) -> None:
    attempt = services.attempt_start(user=student, quiz=quiz)
    answers = _answers(attempt)
    AttemptQuestion.objects.filter(attempt=attempt, position=1).update(generator="gone")
    assert services.attempt_save(attempt=attempt, responses={1: "3", 2: answers[2]}) == []
    graded = services.attempt_submit(attempt=attempt, responses={})
    assert graded.questions.get(position=1).message == "This question's generator no longer exists."
