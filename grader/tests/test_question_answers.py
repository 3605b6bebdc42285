"""The trusted side's checks of the answer kinds a generator may return (grader.questions):
numbers, choice, symbolic and multi-part answers, and feedback rules in the answer's form.
Plain data in, no jail: `_variant` is what parses each variant the jail sends."""

from __future__ import annotations

import json
from typing import Any

import pytest

from grader.questions import QuestionError, _variant


def _send(answer: Any, feedback: Any = None) -> Any:
    data: dict[str, Any] = {"prompt": "Q", "solution": "S", "answer": answer}
    if feedback is not None:
        data["feedback"] = feedback
    return _variant(0, json.dumps(data), "q")


def _rule(value: Any, name: str = "r") -> dict[str, Any]:
    return {"name": name, "value": value, "message": "m", "credit": 0.25}


def test_the_new_kinds_are_accepted_and_rebuilt_from_known_keys() -> None:
    choice = _send(
        {"kind": "choice", "value": [1.0], "options": ["a", "b", "c"], "junk": 1},
        [_rule(2.0)],
    )
    assert choice.answer["value"] == [1] and "junk" not in choice.answer
    assert choice.feedback[0]["value"] == [2]
    symbolic = _send(
        {"kind": "symbolic", "value": "2*x", "variables": ["x"], "feedback": [_rule("x")]}
    )
    assert symbolic.answer["feedback"] == [
        {"id": "r", "value": "x", "message": "m", "credit": 0.25}
    ]
    parts = _send(
        {
            "kind": "parts",
            "parts": [
                {"name": "a", "points": 2, "answer": {"value": 1.5, "feedback": [_rule(3)]}},
                {"name": "b", "answer": {"kind": "choice", "value": 0, "options": ["x", "y"]}},
            ],
        }
    )
    assert [p["name"] for p in parts.answer["parts"]] == ["a", "b"]
    assert parts.answer["parts"][0]["answer"]["feedback"][0]["id"] == "r"


@pytest.mark.parametrize(
    ("answer", "feedback", "message"),
    [
        ({"kind": "poem", "value": 1}, None, "kind 'poem'"),
        ({"kind": "choice", "value": 3, "options": ["a", "b"]}, None, "indices of its options"),
        ({"kind": "choice", "value": 0, "options": ["a"]}, None, "2..26 options"),
        ({"kind": "choice", "value": 0, "options": ["a", "b"]}, [_rule("x")], "answer's form"),
        ({"kind": "symbolic", "value": 2}, None, "expression"),
        ({"kind": "symbolic", "value": "x" * 501}, None, "expression"),
        ({"kind": "symbolic", "value": "x", "domain": [2, 1]}, None, "domain"),
        ({"kind": "symbolic", "value": "x"}, [_rule(1.0)], "answer's form"),
        ({"value": 1.0}, [_rule("x")], "answer's form"),
        ({"kind": "parts", "parts": []}, None, "1..12 parts"),
        ({"kind": "parts", "parts": [{"name": "a", "answer": {"value": 1}}]}, [_rule(1)], "parts"),
        (
            {"kind": "parts", "parts": [{"name": "a", "answer": {"kind": "parts", "parts": []}}]},
            None,
            "parts of its own",
        ),
        ({"kind": "parts", "parts": [{"name": "a", "points": 0, "answer": {}}]}, None, "points"),
        ({"value": float("inf")}, None, "finite"),
        ({"value": 1, "partial": "yes"}, None, "true or false"),
    ],
)
def test_malformed_answers_are_errors_for_the_author(
    answer: Any, feedback: Any, message: str
) -> None:
    with pytest.raises(QuestionError, match=message):
        _send(answer, feedback)
