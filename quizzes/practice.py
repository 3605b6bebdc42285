"""Practice mode (issue #17): a student opens a question outside any graded quiz, gets fresh
variants, answers, and sees the feedback and the worked solution. Nothing is stored but the
current variant's seed in the session; no grade, no attempt, no gradebook entry.

Variants come only from the rows sync stored (the pool): a practice page never starts the
authors' jail. Practice shows only the pool's `PRACTICE_SEEDS` and graded attempts draw from
`GRADED_SEEDS`, so "New variant" clicked any number of times never shows the solution of a
variant a quiz can hand out (before, during or after an attempt). A question is also not
practised while the student has an open attempt that contains it.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import Http404

from catalog.models import lesson_body_fields
from catalog.selectors import lessons_visible
from quizzes.bank import PRACTICE_SEEDS, Variant, variant_from_generated
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionVariant, QuizSlot
from quizzes.selectors import quizzes_visible


def practice_questions_visible(*, user: User | AnonymousUser) -> QuerySet[Question]:
    """Active questions ``user`` may practise: those of a lesson they may read, and those a
    quiz they may open uses (catalog.access.visible_q through both)."""
    in_quizzes = QuizSlot.objects.filter(quiz__in=quizzes_visible(user=user)).values("generator")
    return (
        Question.objects.filter(
            Q(lesson__in=lessons_visible(user=user)) | Q(slug__in=in_quizzes),
            is_active=True,
            current_version__isnull=False,
        )
        .select_related("current_version", "lesson")
        .defer(*lesson_body_fields("lesson"))
    )


def practice_question_get(*, user: User | AnonymousUser, name: str) -> Question:
    """A question ``user`` may practise, or 404 (a hidden one looks like a missing one)."""
    question = practice_questions_visible(user=user).filter(slug=name).first()
    if question is None:
        raise Http404("No such question")
    return question


def practice_blocked(*, user: User, question: Question) -> bool:
    """True while ``user`` has an open quiz attempt that contains this question."""
    return AttemptQuestion.objects.filter(
        attempt__user=user,
        attempt__status=Attempt.Status.IN_PROGRESS,
        generator=question.slug,
    ).exists()


def practice_seed_new(*, question: Question, previous: int | None = None) -> int | None:
    """A random stored practice seed of the question's current version, other than
    ``previous`` when there is another; None when nothing is stored yet."""
    seeds = list(
        QuestionVariant.objects.filter(
            version_id=question.current_version_id,
            seed__gte=PRACTICE_SEEDS.start,
            seed__lt=PRACTICE_SEEDS.stop,
        ).values_list("seed", flat=True)
    )
    others = [seed for seed in seeds if seed != previous] or seeds
    return secrets.choice(others) if others else None


def practice_variant(*, question: Question, seed: int) -> Variant | None:
    """The stored variant (None if that seed is not a stored practice seed of the current
    version)."""
    if seed not in PRACTICE_SEEDS:
        return None
    row = QuestionVariant.objects.filter(version_id=question.current_version_id, seed=seed).first()
    return variant_from_generated(question.slug, row) if row is not None else None
