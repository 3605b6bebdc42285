"""The question bank: attempts from before questions were content keep working, variants are
stored per (version, seed), and starting a quiz reads the pool without starting a jail."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from quizzes import bank, selectors, services
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionVariant, Quiz
from quizzes.question_folders import questions_check, questions_sync

pytestmark = pytest.mark.django_db

OLD_SEED = 2**62 + 12345  # a 63-bit seed, as attempts had before the pool
# What quizzes/generators/ (removed) generated at OLD_SEED, recorded from the old code.
BEFORE = {
    "dot-product": ({"a": [-6, -6, 1], "b": [6, -1, 2]}, "-28"),
    "vector-norms": ({"v": [0, -7, -7, 1]}, "[15, 9.949874371, 7]"),
    "determinant-2x2": ({"A": [[0, -9], [-9, 2]]}, "-81"),
}


@pytest.fixture
def old_attempt(quiz: Quiz, student) -> Attempt:
    """An attempt written as the app wrote them before questions were content: generator
    names and 63-bit seeds, no variant stored anywhere."""
    attempt = Attempt.objects.create(quiz=quiz, user=student, number=1, max_score=3)
    for position, name in enumerate(BEFORE, start=1):
        AttemptQuestion.objects.create(
            attempt=attempt, position=position, generator=name, seed=OLD_SEED + position
        )
    return attempt


@pytest.mark.parametrize("name", sorted(BEFORE))
def test_an_old_seed_gives_the_same_question_as_before(name: str) -> None:
    variant = bank.get_generator(name).generate(OLD_SEED)
    params, answer = BEFORE[name]
    assert variant.params == params
    assert variant.answer.text() == answer


def test_an_attempt_from_before_renders_and_grades(old_attempt: Attempt) -> None:
    assert not QuestionVariant.objects.exists()
    views = selectors.question_views(attempt=old_attempt, with_solutions=False)
    assert [v.title for v in views] == [Question.objects.get(slug=name).title for name in BEFORE]
    assert all(v.prompt_html and "Removed" not in v.title for v in views)
    # Generated once, on demand, then stored for the next page.
    assert QuestionVariant.objects.count() == 3
    answers = {
        q.position: bank.get_generator(q.generator).generate(q.seed).answer.text()
        for q in old_attempt.questions.all()
    }
    services.attempt_submit(attempt=old_attempt, responses=answers, now=timezone.now())
    old_attempt.refresh_from_db()
    assert old_attempt.score == 3 and old_attempt.status == Attempt.Status.SUBMITTED


def test_starting_a_quiz_reads_the_pool_and_starts_no_jail(quiz: Quiz, student) -> None:
    # Sync generates each version's pool in one jail run (here for the quiz's two questions).
    for name in ("dot-product", "vector-norms"):
        version = Question.objects.get(slug=name).current_version
        assert version is not None
        bank.pool_fill(version=version)
        assert version.variants.count() == bank.POOL_SIZE
    bank._MEMO.clear()
    with mock.patch("quizzes.bank.generate_variants", side_effect=AssertionError("a jail")):
        attempt = services.attempt_start(user=student, quiz=quiz)
        views = selectors.question_views(attempt=attempt, with_solutions=True)
    assert len(views) == 3 and all(v.answer_text for v in views)
    seeds = [q.seed for q in attempt.questions.all()]
    assert all(0 <= seed < bank.POOL_SIZE for seed in seeds)
    assert seeds[0] != seeds[1]  # two copies of one slot are two variants


def test_a_changed_folder_is_a_new_version_and_old_variants_stay(tmp_path: Path) -> None:
    source = Path(settings.CONTENT_DIR) / "questions" / "linear-algebra" / "dot-product"
    folder = tmp_path / "questions" / "linear-algebra" / "dot-product"
    folder.mkdir(parents=True)
    for name in ("question.yaml", "generator.py"):
        (folder / name).write_text((source / name).read_text())
    question = Question.objects.get(slug="dot-product")
    first = question.current_version
    (folder / "generator.py").write_text(
        (source / "generator.py").read_text().replace("dot product", "inner product")
    )
    with (
        mock.patch("quizzes.question_folders.POOL_SIZE", 4),
        mock.patch("quizzes.bank.POOL_SIZE", 4),
    ):
        reports = questions_sync(tmp_path, generate=True)
    mine = [r for r in reports if r.slug == "dot-product"]
    assert [r.action for r in mine] == ["new version"]
    question.refresh_from_db()
    assert question.current_version is not None and question.current_version != first
    assert question.current_version.variants.count() == 4
    # The other questions' folders are gone from this content dir: hidden, not deleted.
    assert Question.objects.filter(is_active=False).count() == Question.objects.count() - 1


BAD_RULES = """
from questionlib import answer, feedback

def generate(rng):
    x = int(rng.integers(2, 9))
    return dict(
        prompt=f"What is ${x} + {x}$?",
        solution=f"${x} + {x} = {2 * x}$",
        answer=answer(2 * x, mode="exact"),
        feedback=[
            feedback("same-as-answer", 2 * x, "This rule matches the right answer."),
            feedback("not-declared", x * x, "Squared instead of doubled."),
        ],
    )
"""


def test_check_refuses_accepted_or_undeclared_wrong_answers_and_bad_tex(tmp_path: Path) -> None:
    folder = tmp_path / "questions" / "calculus" / "bad-rules"
    folder.mkdir(parents=True)
    (folder / "question.yaml").write_text(
        "uuid: 3e0c1f8e-6a43-4a1e-9a55-0d7b8e3c1a10\ntitle: Bad\ntopic: calculus\nlesson: null\n"
        "points: 1\nanswer: {type: integer, mode: exact, tol: 0}\nfeedback: [same-as-answer]\n"
    )
    (folder / "generator.py").write_text(BAD_RULES.replace("$?", "\\\\frac{{$?"))
    [report] = [r for r in questions_check(tmp_path, seeds=(0, 1)) if r.kind == "question"]
    text = "\n".join(report.errors)
    # checking.spec_problems' wording: the rule is shadowed by the correct answer.
    assert "rule same-as-answer matches the correct answer: it never fires" in text
    assert "'not-declared' is not listed in question.yaml" in text
    assert "cannot typeset" in text
