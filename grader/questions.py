"""Question generators run in an authors' jail; the trusted side receives their variants as data.

A question folder's `generator.py` is content, as untrusted as an exercise's `cases.py`: no
web, worker or command process executes it. `generate_variants` sends `grader/_question.py`
with `grader/questionlib.py` and the generator's text to one jail, which generates a whole
batch of seeds and returns each variant as JSON text; here that text is parsed and checked
field by field (`GeneratedVariant`), and anything malformed is a `QuestionError` for the
author. Rendering and sanitizing the Markdown is the caller's job (quizzes.bank).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.authors import AUTHOR_LIMITS
from grader.sandbox import Call, run_in_sandbox

_HERE = Path(__file__).resolve().parent
_DRIVER = (_HERE / "_question.py").read_text(encoding="utf-8")
_LIBRARY = (_HERE / "questionlib.py").read_text(encoding="utf-8")
ENTRY = "mlquiz_question_run"
MODES = ("relative", "absolute", "sigfigs", "exact")
MAX_SEEDS_PER_RUN = 256
MAX_VARIANT_CHARS = 64 * 1024  # a variant's JSON text; real ones are 1-3 KiB


class QuestionError(Exception):
    """The generator is broken or sent something that is not a variant; says what to fix."""


@dataclass(frozen=True)
class GeneratedVariant:
    """One variant as the jail sent it, checked: plain data, nothing rendered yet."""

    seed: int
    params: dict[str, Any]
    prompt: str  # Markdown with $..$ math
    solution: str
    answer: dict[str, Any]  # AnswerSpec.to_dict()'s shape
    feedback: tuple[dict[str, Any], ...]  # {"name", "value", "message", "credit"}


@dataclass(frozen=True)
class GeneratedBatch:
    variants: tuple[GeneratedVariant, ...]
    problems: tuple[str, ...]  # from the determinism check, when asked for


def program(source: str) -> str:
    """The jail's program: the driver with the library and this generator filled in."""
    return f"{_DRIVER}\n\nQUESTIONLIB = {_LIBRARY!r}\nGENERATOR_SOURCE = {source!r}\n"


def _finite_numbers(value: Any, depth: int = 0) -> bool:
    if depth > 4:
        return False
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return math.isfinite(value)
    if isinstance(value, list) and value:
        return all(_finite_numbers(item, depth + 1) for item in value)
    return False


def _answer(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict) or "value" not in data:
        raise QuestionError(f"{where}: `answer` must be a dict with a `value` (questionlib.answer)")
    if not _finite_numbers(data["value"]):
        raise QuestionError(
            f"{where}: the answer's value must be finite numbers, got {data['value']!r:.80}"
        )
    mode = data.get("mode", "relative")
    if mode not in MODES:
        raise QuestionError(f"{where}: answer mode {mode!r} is not one of {', '.join(MODES)}")
    tol = data.get("tol")
    if tol is not None and (not isinstance(tol, int | float) or not math.isfinite(tol) or tol < 0):
        raise QuestionError(f"{where}: answer tol must be a non-negative number or None")
    return {
        "value": data["value"],
        "mode": mode,
        "tol": None if tol is None else float(tol),
        "partial": bool(data.get("partial", False)),
        "unordered": bool(data.get("unordered", False)),
        "hint": str(data.get("hint", "")),
    }


def _feedback(data: Any, where: str) -> tuple[dict[str, Any], ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        raise QuestionError(f"{where}: `feedback` must be a list (questionlib.feedback)")
    rules = []
    for index, rule in enumerate(data):
        if not isinstance(rule, dict) or not isinstance(rule.get("message"), str):
            raise QuestionError(f"{where}: feedback {index + 1} needs a value and a message")
        if not _finite_numbers(rule.get("value")):
            raise QuestionError(f"{where}: feedback {index + 1}'s value must be finite numbers")
        credit = rule.get("credit", 0.0)
        if not isinstance(credit, int | float) or not 0 <= credit < 1:
            raise QuestionError(f"{where}: feedback {index + 1}'s credit must be in [0, 1)")
        rules.append(
            {
                "name": str(rule.get("name", "")),
                "value": rule["value"],
                "message": rule["message"],
                "credit": float(credit),
            }
        )
    return tuple(rules)


def _variant(seed: int, text: Any, slug: str) -> GeneratedVariant:
    where = f"{slug}: seed {seed}"
    if not isinstance(text, str) or len(text) > MAX_VARIANT_CHARS:
        raise QuestionError(f"{where}: the variant is missing or larger than 64 KiB")
    try:
        data = json.loads(text)
    except ValueError:
        raise QuestionError(f"{where}: the jail sent malformed JSON") from None
    if not isinstance(data, dict):
        raise QuestionError(f"{where}: generate(rng) must return a dict")
    unknown = set(data) - {"params", "prompt", "solution", "answer", "feedback"}
    if unknown:
        raise QuestionError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise QuestionError(f"{where}: `params` must be a dict")
    for key in ("prompt", "solution"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise QuestionError(f"{where}: `{key}` must be non-empty Markdown text")
    return GeneratedVariant(
        seed=seed,
        params=params,
        prompt=data["prompt"],
        solution=data["solution"],
        answer=_answer(data.get("answer"), where),
        feedback=_feedback(data.get("feedback"), where),
    )


def generate_variants(
    *, slug: str, source: str, seeds: Sequence[int], check_determinism: bool = False
) -> GeneratedBatch:
    """The variants of `source` for `seeds`, generated in ONE authors' jail; raises
    QuestionError when the generator is broken (a crash, a timeout, malformed data)."""
    seeds = [int(seed) for seed in seeds]
    if not seeds:
        return GeneratedBatch((), ())
    if len(seeds) > MAX_SEEDS_PER_RUN:
        raise ValueError(f"at most {MAX_SEEDS_PER_RUN} seeds per run")
    result = run_in_sandbox(
        program(source), ENTRY, [Call(args=(slug, seeds, check_determinism))], AUTHOR_LIMITS
    )
    outcome = result.outcomes[0] if result.outcomes else None
    if result.status != "ok" or outcome is None or not outcome.returned:
        why = result.message or (outcome.error_message if outcome else "") or result.status
        raise QuestionError(f"{slug}: running generator.py failed: {why}")
    reply = outcome.value
    if isinstance(reply, tuple) and len(reply) == 2 and reply[0] == "broken":
        raise QuestionError(str(reply[1]))
    if not (isinstance(reply, tuple) and len(reply) == 3 and reply[0] == "ok"):
        raise QuestionError(f"{slug}: the authors' jail sent a malformed reply")
    _, texts, problems = reply
    if not isinstance(texts, list | tuple) or len(texts) != len(seeds):
        raise QuestionError(f"{slug}: the jail sent {len(texts)} variants for {len(seeds)} seeds")
    variants = tuple(_variant(seed, text, slug) for seed, text in zip(seeds, texts, strict=True))
    return GeneratedBatch(variants, tuple(str(problem) for problem in problems))
