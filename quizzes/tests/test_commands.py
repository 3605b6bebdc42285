from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quizzes.generators import REGISTRY


def _run(*args: str) -> Any:
    """The command's --json output, parsed: any JSON value (a dict or a list here)."""
    out = StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_quiz_sample_list() -> None:
    rows = _run("quiz_sample", "--list", "--json")
    assert isinstance(rows, list) and len(rows) == len(REGISTRY) >= 30
    assert all(set(row) == {"name", "topic", "title"} for row in rows)


@pytest.mark.parametrize("name", ["dot-product", "inverse-2x2", "eigenvalues-symmetric-2x2"])
def test_sample_then_check_round_trip(name: str) -> None:
    sample = _run("quiz_sample", name, "--seed", "7", "--json")
    assert set(sample) == {"name", "seed", "params", "prompt", "answer", "solution"}
    assert sample["name"] == name and sample["seed"] == 7
    assert sample == _run("quiz_sample", name, "--seed", "7", "--json")
    verdict = _run("quiz_check", name, "--seed", "7", "--answer", sample["answer"], "--json")
    assert verdict == {"correct": True, "score": 1.0, "message": "Correct."}


def test_check_reports_wrong_and_unreadable_answers() -> None:
    wrong = _run("quiz_check", "dot-product", "--seed", "1", "--answer", "[1, 2]", "--json")
    assert wrong["correct"] is False and wrong["score"] == 0 and "single number" in wrong["message"]
    junk = _run(
        "quiz_check", "dot-product", "--seed", "1", "--answer", "__import__('os')", "--json"
    )
    assert junk["correct"] is False and "Could not read" in junk["message"]


def test_unknown_generator_is_a_clean_error() -> None:
    with pytest.raises(CommandError, match="unknown generator"):
        call_command("quiz_sample", "no-such-thing", "--json", stdout=StringIO())


def test_quiz_regrade_command(db, student) -> None:
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
