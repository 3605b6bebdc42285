"""Write operations on quizzes and attempts (views and tasks call these, nothing else writes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog import deadlines
from quizzes.bank import GRADED_SEEDS, UnknownGenerator, Variant, get_generator, grade_response
from quizzes.bank import variants_get as _variants_get
from quizzes.models import Attempt, AttemptQuestion, Quiz, QuizSlot
from quizzes.signals import attempt_graded

MAX_RESPONSE_CHARS = 5000  # stored as typed (the parser rejects > 2000 with a message)
UNREADABLE_PREFIX = "Could not read the answer: "  # how checking.check_answer words "invalid"


class QuizError(Exception):
    """An action the student cannot take right now; the message is shown to them."""


class AttemptClosed(QuizError):
    pass


@dataclass(frozen=True)
class UnreadableAnswer:
    position: int
    message: str  # the checker's sentence, shown under the answer field
    response: str = ""  # what was typed, so a summary can quote it

    @property
    def reason(self) -> str:
        """The parser's own words ("unexpected ',' at position 4"), for a summary line that
        already says it could not read the answer."""
        return self.message.removeprefix(UNREADABLE_PREFIX).rstrip(".") or self.message


class UnreadableAnswers(QuizError):
    """Submission refused because some answers cannot be parsed; nothing is used up."""

    def __init__(self, problems: list[UnreadableAnswer]) -> None:
        super().__init__("Some answers could not be read; fix them and submit again.")
        self.problems = problems


def variant_seed(
    *, user_id: int, quiz_id: int, attempt_number: int, slot_id: int, index: int
) -> int:
    """A seed of the question's pool for graded attempts (`GRADED_SEEDS`: the rest of the pool
    is practice's) derived from (student, quiz, attempt, slot, copy).

    Keyed with SECRET_KEY so a student cannot compute another student's seed, and hashed so
    neighbouring ids give unrelated variants. Seeds come from the pool that sync generated
    and stored, so starting and showing a quiz starts no jail; two students share a variant
    with probability 1/len(GRADED_SEEDS) per question. (Attempts from before the pool keep their
    63-bit seeds: their variants are generated on demand and stored.)
    """
    message = f"mlquiz-quiz-variant|{user_id}|{quiz_id}|{attempt_number}|{slot_id}|{index}"
    key = hashlib.sha256(settings.SECRET_KEY.encode()).digest()
    digest = hashlib.blake2b(message.encode(), key=key, digest_size=8).digest()
    return GRADED_SEEDS[(int.from_bytes(digest, "big") >> 1) % len(GRADED_SEEDS)]


def attempts_used(*, user: User, quiz: Quiz) -> int:
    return Attempt.objects.filter(user=user, quiz=quiz).count()


@dataclass(frozen=True)
class StartWindow:
    """When this student may start this quiz, from the quiz's own dates and the due dates of
    the courses they joined (``catalog.deadlines``: courses register them; quizzes cannot
    import courses)."""

    refusal: str  # why a start is refused now ("" when it is allowed)
    closes_at: datetime | None  # the quiz's close, moved later by an extension's date
    courses_close_at: datetime | None  # every course closes it at its due date: the latest
    time_multiplier: float  # an extension's extra time on a timed quiz (1: none)


def start_window(*, user: User, quiz: Quiz, now: datetime | None = None) -> StartWindow:
    """Whether a new attempt may start now. A quiz closes at its own ``closes_at`` (unless an
    extension gives this student a later date) and, when every course of the student that
    lists it closes it after the due date, at that (extended) due date."""
    now = now or timezone.now()
    found = deadlines.deadlines_for(user=user, kind="quiz", item_id=quiz.pk)
    closes_at = quiz.closes_at
    extended = deadlines.extended_until(found)
    if closes_at is not None and extended is not None and extended > closes_at:
        closes_at = extended
    refusal = ""
    closed = deadlines.closing_deadline(found, now)
    if quiz.opens_at and now < quiz.opens_at:
        refusal = "This quiz has not opened yet."
    elif closes_at and now >= closes_at:
        refusal = "This quiz is closed."
    elif closed is not None:
        refusal = (
            f"This quiz closed on {closed.due_text} ({closed.course_title}): it cannot be "
            "started after the due date."
        )
    return StartWindow(
        refusal=refusal,
        closes_at=closes_at,
        courses_close_at=deadlines.courses_close_at(found),
        time_multiplier=deadlines.time_multiplier(found),
    )


def attempt_start(*, user: User, quiz: Quiz, now: datetime | None = None) -> Attempt:
    """Start a new attempt, or return the one already in progress (resume)."""
    now = now or timezone.now()
    current = Attempt.objects.filter(
        user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS
    ).first()
    if current is not None:
        if attempt_close_if_expired(attempt=current, now=now):
            current.refresh_from_db()
        else:
            return current
    if not quiz.is_published:
        raise QuizError("This quiz is not available.")
    window = start_window(user=user, quiz=quiz, now=now)
    if window.refusal:
        raise QuizError(window.refusal)
    slots = list(quiz.slots.all())
    if not slots:
        raise QuizError("This quiz has no questions yet.")
    used = attempts_used(user=user, quiz=quiz)
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise QuizError("You have used all your attempts for this quiz.")

    deadline = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes * window.time_multiplier)
    for cap in (window.closes_at, window.courses_close_at):
        if cap is not None:
            deadline = min(deadline, cap) if deadline else cap
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz, user=user, number=used + 1, started_at=now, deadline=deadline
            )
            questions: list[AttemptQuestion] = []
            for slot in slots:
                taken: set[int] = set()  # the copies of one slot are different variants
                for index in range(slot.count):
                    seed = variant_seed(
                        user_id=user.pk,
                        quiz_id=quiz.pk,
                        attempt_number=attempt.number,
                        slot_id=slot.pk,
                        index=index,
                    )
                    while seed in taken and len(taken) < len(GRADED_SEEDS):
                        seed = GRADED_SEEDS[(seed + 1 - GRADED_SEEDS.start) % len(GRADED_SEEDS)]
                    taken.add(seed)
                    questions.append(
                        AttemptQuestion(
                            attempt=attempt,
                            slot=slot,
                            position=len(questions) + 1,
                            generator=slot.generator,
                            seed=seed,
                            points=slot.points,
                        )
                    )
            AttemptQuestion.objects.bulk_create(questions)
            attempt.max_score = float(sum(q.points for q in questions))
            attempt.save(update_fields=["max_score"])
    except IntegrityError:
        # A concurrent request (double click) created it first: resume that one.
        current = Attempt.objects.filter(
            user=user, quiz=quiz, status=Attempt.Status.IN_PROGRESS
        ).first()
        if current is None:
            raise
        return current
    return attempt


def _store_responses(
    *, attempt: Attempt, responses: dict[int, str], now: datetime
) -> list[AttemptQuestion]:
    questions = list(attempt.questions.all())
    changed = []
    for question in questions:
        if question.position in responses:
            text = str(responses[question.position])[:MAX_RESPONSE_CHARS].replace("\x00", "")
            if text != question.response:
                question.response = text
                question.saved_at = now
                changed.append(question)
    AttemptQuestion.objects.bulk_update(changed, ["response", "saved_at"])
    return questions


def attempt_save(
    *, attempt: Attempt, responses: dict[int, str], now: datetime | None = None
) -> list[UnreadableAnswer]:
    """Save progress. Returns answers that cannot be read yet (informational only)."""
    now = now or timezone.now()
    _refuse_if_closed(attempt, now)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not attempt.is_open:
            raise AttemptClosed(ALREADY_SUBMITTED)
        questions = _store_responses(attempt=attempt, responses=responses, now=now)
    return _unreadable(questions)


ALREADY_SUBMITTED = "This attempt has already been submitted."
TIME_UP = "Time is up: the attempt was submitted with the answers saved before the deadline."


def _refuse_if_closed(attempt: Attempt, now: datetime) -> None:
    # Expiry is committed in its own transaction before refusing: what was saved before the
    # deadline counts, whatever arrives late does not.
    fresh = Attempt.objects.get(pk=attempt.pk)
    if attempt_close_if_expired(attempt=fresh, now=now):
        raise AttemptClosed(TIME_UP)
    if not fresh.is_open:
        raise AttemptClosed(ALREADY_SUBMITTED)


def _variants(questions: list[AttemptQuestion]) -> dict[tuple[str, int], Variant]:
    """The variants of the answered questions, in one batch (stored rows, or one jail run
    per question version for seeds not stored yet)."""
    return _variants_get((q.generator, q.seed) for q in questions if q.response.strip())


def _unreadable(questions: list[AttemptQuestion]) -> list[UnreadableAnswer]:
    problems = []
    variants = _variants(questions)
    for question in questions:
        if not question.response.strip():
            continue
        variant = variants.get((question.generator, question.seed))
        if variant is None:
            continue  # graded as "generator removed" at submission; nothing to fix here
        result = grade_response(variant, question.response)
        if result.status == "invalid":
            problems.append(UnreadableAnswer(question.position, result.message, question.response))
    return problems


def attempt_submit(
    *, attempt: Attempt, responses: dict[int, str], now: datetime | None = None
) -> Attempt:
    """Save the final answers and grade. Unreadable answers refuse the submission."""
    now = now or timezone.now()
    _refuse_if_closed(attempt, now)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not attempt.is_open:
            raise AttemptClosed(ALREADY_SUBMITTED)
        questions = _store_responses(attempt=attempt, responses=responses, now=now)
        problems = _unreadable(questions)
        if not problems:
            _grade(attempt=attempt, now=now, auto=False)
    if problems:
        # Raised after the transaction so the readable answers stay saved.
        raise UnreadableAnswers(problems)
    return attempt


def _grade_question(question: AttemptQuestion, variant: Variant | None) -> None:
    if not question.response.strip():
        question.status, question.fraction, question.message = "blank", 0.0, "No answer given."
        question.feedback = []
        return
    if variant is None:
        question.status, question.fraction = "invalid", 0.0
        question.message = "This question's generator no longer exists."
        question.feedback = []
        return
    result = grade_response(variant, question.response)
    question.status, question.fraction, question.message = (
        result.status,
        result.score,
        result.message,
    )
    question.feedback = list(result.feedback)


def _grade(*, attempt: Attempt, now: datetime, auto: bool) -> None:
    questions = list(attempt.questions.all())
    variants = _variants(questions)
    for question in questions:
        _grade_question(question, variants.get((question.generator, question.seed)))
    AttemptQuestion.objects.bulk_update(questions, ["status", "fraction", "message", "feedback"])
    attempt.score = float(sum(q.earned for q in questions))
    attempt.max_score = float(sum(q.points for q in questions))
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = now
    attempt.auto_submitted = auto
    attempt.save(update_fields=["score", "max_score", "status", "submitted_at", "auto_submitted"])
    # Inside the attempt's transaction (callers hold it): the course results and the LMS scores
    # they queue (courses.signals.results_rebuilt → the LTI outbox) commit with the grading or
    # not at all, so a submitted attempt never misses the gradebook.
    attempt_graded.send(
        sender=Attempt, attempt_id=attempt.pk, user_id=attempt.user_id, quiz_id=attempt.quiz_id
    )


def attempt_close_if_expired(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an in-progress attempt whose deadline has passed. True if it was closed now."""
    now = now or timezone.now()
    if not attempt.is_open or attempt.deadline is None or now < attempt.deadline:
        return False
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return False
        _grade(attempt=locked, now=locked.deadline or now, auto=True)
    return True


def close_expired_attempts(*, now: datetime | None = None) -> int:
    """Auto-submit every in-progress attempt past its deadline; returns how many."""
    now = now or timezone.now()
    closed = 0
    expired = Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lte=now)
    for attempt in expired.iterator():
        closed += attempt_close_if_expired(attempt=attempt, now=now)
    return closed


def attempt_regrade(*, attempt: Attempt) -> Attempt:
    """Regrade a submitted attempt from its stored seeds and responses (after a fix)."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.is_open:
            raise QuizError("Only submitted attempts can be regraded.")
        _grade(
            attempt=attempt, now=attempt.submitted_at or timezone.now(), auto=attempt.auto_submitted
        )
    return attempt


def attempt_regrade_checked(*, attempt_id: int, keep_higher: bool) -> bool:
    """Re-check a submitted attempt's stored answers (same seeds, same responses) after a fix
    to a generator or a tolerance; returns whether its score changed.

    ``keep_higher`` ("scores may only go up"): a regrade that would lower the score is rolled
    back, questions included, so the attempt stays exactly as the student last saw it.
    """
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
        if attempt.is_open:
            raise QuizError("Only submitted attempts can be regraded.")
        before = attempt.score
        try:
            with transaction.atomic():  # a savepoint: undone if the score would go down
                _grade(
                    attempt=attempt,
                    now=attempt.submitted_at or timezone.now(),
                    auto=attempt.auto_submitted,
                )
                if keep_higher and attempt.score < before:
                    raise _ScoreWouldDrop
        except _ScoreWouldDrop:
            return False
    return attempt.score != before


class _ScoreWouldDrop(Exception):
    """Rolls back an up-only regrade that would lower a score."""


def quiz_regrade(*, quiz: Quiz, user_id: int | None = None, keep_higher: bool = False) -> int:
    """Regrade every submitted attempt of ``quiz`` (of one student if given); returns how
    many scores changed. The ``quiz_regrade`` command is this service."""
    attempts = Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED)
    if user_id is not None:
        attempts = attempts.filter(user_id=user_id)
    return sum(
        attempt_regrade_checked(attempt_id=pk, keep_higher=keep_higher)
        for pk in attempts.order_by("pk").values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class SlotSpec:
    generator: str
    count: int = 1
    points: int = 1


def quiz_save(
    *,
    slug: str,
    fields: dict[str, Any],
    slots: list[SlotSpec],
    created_by: User | None = None,
    quiz: Quiz | None = None,
) -> Quiz:
    """Create or update a quiz and replace its slots (used by the composer and the loader).

    The composer names the quiz by slug; the loader passes the row it matched by uuid (or a
    new one), whose slug then follows the file's.
    """
    for spec in slots:
        try:
            get_generator(spec.generator)
        except UnknownGenerator:
            raise QuizError(f"unknown question generator {spec.generator!r}") from None
        if spec.count < 1 or spec.points < 1:
            raise QuizError("count and points must be at least 1")
    with transaction.atomic():
        if quiz is None:
            quiz = Quiz.objects.filter(slug=slug).first() or Quiz(slug=slug, created_by=created_by)
        quiz.slug = slug
        for name, value in fields.items():
            setattr(quiz, name, value)
        try:
            quiz.full_clean()
        except ValidationError as exc:
            raise QuizError("; ".join(exc.messages)) from None
        quiz.save()
        existing = list(quiz.slots.all())
        wanted = [(s.generator, s.count, s.points) for s in slots]
        if [(s.generator, s.count, s.points) for s in existing] != wanted:
            # Attempts keep their own copy of generator, seed and points, so replacing slots
            # never changes an attempt already started.
            quiz.slots.all().delete()
            QuizSlot.objects.bulk_create(
                QuizSlot(quiz=quiz, order=i, generator=g, count=c, points=p)
                for i, (g, c, p) in enumerate(wanted)
            )
    return quiz


def quiz_archive(*, quiz: Quiz, archived: bool) -> Quiz:
    """Archive a quiz (hidden from students and course pickers; attempts kept) or bring it
    back. Archiving twice keeps the first date."""
    if archived and quiz.archived_at is None:
        quiz.archived_at = timezone.now()
    elif not archived:
        quiz.archived_at = None
    quiz.save(update_fields=["archived_at", "updated_at"])
    return quiz
