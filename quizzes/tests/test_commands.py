from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizzes.bank import get_generator
from quizzes.models import Question

pytestmark = pytest.mark.django_db


def _run(*args: str) -> Any:
    """The command's --json output, parsed: any JSON value (a dict or a list here)."""
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def _lines(*args: str) -> list[Any]:
    """A batch command's output: one JSON value per line."""
    out = StringIO()
    call_command(*args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_quiz_sample_list() -> None:
    rows = _run("quiz_sample", "--list", "--json")
    assert isinstance(rows, list) and len(rows) == Question.objects.count() >= 53
    assert all(set(row) == {"name", "topic", "title"} for row in rows)


@pytest.mark.parametrize("name", ["dot-product", "inverse-2x2", "eigenvalues-symmetric-2x2"])
def test_sample_then_check_round_trip(name: str) -> None:
    sample = _run("quiz_sample", name, "--seed", "7", "--json")
    assert set(sample) == {"name", "seed", "params", "prompt", "answer", "solution", "mode"}
    assert sample["name"] == name and sample["seed"] == 7
    assert sample == _run("quiz_sample", name, "--seed", "7", "--json")
    verdict = _run("quiz_check", name, "--seed", "7", "--answer", sample["answer"], "--json")
    assert verdict == {"correct": True, "score": 1.0, "message": "Correct."}


def test_sample_all_prints_one_line_per_question_and_seed() -> None:
    lines = _lines("quiz_sample", "--all", "--seeds", "1,2,3", "--json")
    names = list(Question.objects.filter(is_active=True).values_list("slug", flat=True))
    assert len(lines) == 3 * len(names) >= 3 * 53
    assert {(line["name"], line["seed"]) for line in lines} == {
        (name, seed) for name in names for seed in (1, 2, 3)
    }
    assert all(
        set(line) == {"name", "seed", "params", "prompt", "answer", "solution", "mode"}
        for line in lines
    )
    single = _run("quiz_sample", "vector-norms", "--seed", "2", "--json")
    assert single in lines


def test_check_many_answers_prints_one_line_each_in_order() -> None:
    right = _run("quiz_sample", "sample-covariance", "--seed", "4", "--json")
    variant = get_generator("sample-covariance").generate(4)
    by_n = variant.feedback[0]["value"]
    lines = _lines(
        "quiz_check",
        "sample-covariance",
        "--seed",
        "4",
        "--answer",
        right["answer"],
        "--answer",
        "banana",
        "--answer",
        str(by_n),
        "--json",
    )
    assert [line["correct"] for line in lines] == [True, False, False]
    assert "Could not read" in lines[1]["message"]
    assert "n - 1" in lines[2]["message"] and lines[2]["score"] == 0.5


def test_check_reports_wrong_and_unreadable_answers() -> None:
    wrong = _run("quiz_check", "dot-product", "--seed", "1", "--answer", "[1, 2]", "--json")
    assert wrong["correct"] is False and wrong["score"] == 0 and "single number" in wrong["message"]
    junk = _run(
        "quiz_check", "dot-product", "--seed", "1", "--answer", "__import__('os')", "--json"
    )
    assert junk["correct"] is False and "Could not read" in junk["message"]


def test_unknown_generator_is_a_clean_error() -> None:
    with pytest.raises(CommandError, match="unknown question"):
        call_command("quiz_sample", "no-such-thing", "--json", stdout=StringIO())


def test_quiz_regrade_command(student) -> None:
    from quizzes import services
    from quizzes.models import AttemptQuestion

    quiz = services.quiz_save(
        slug="rg", fields={"title": "RG"}, slots=[services.SlotSpec("dot-product", points=2)]
    )
    attempt = services.attempt_start(user=student, quiz=quiz)
    question = attempt.questions.get()
    answer = _run("quiz_sample", "dot-product", "--seed", str(question.seed), "--json")["answer"]
    services.attempt_submit(attempt=attempt, responses={1: answer})
    AttemptQuestion.objects.filter(pk=question.pk).update(fraction=0)
    out = StringIO()
    call_command("quiz_regrade", "rg", stdout=out)
    assert "regraded 1 attempts" in out.getvalue()
    attempt.refresh_from_db()
    assert attempt.score == 2
