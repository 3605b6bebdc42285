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
# The answer kinds (quizzes.checking.AnswerSpec; integer, vector and matrix are numbers).
NUMBER_KINDS = ("number", "integer", "vector", "matrix")
CHOICE_KINDS = ("choice", "multiple_choice")
SYMBOLIC_KINDS = ("symbolic", "expression")
KINDS = (*NUMBER_KINDS, *CHOICE_KINDS, *SYMBOLIC_KINDS, "parts")
MAX_PARTS = 12
MAX_OPTIONS = 26
MAX_RULES = 20
MAX_EXPRESSION_CHARS = 500
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
    answer: dict[str, Any]  # AnswerSpec.to_dict()'s shape (any kind; rules inside use "id")
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


def _short_text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _indices(value: Any) -> list[int] | None:
    """Option indices (an int, or a list of them); None if they are not."""
    items = value if isinstance(value, list) else [value]
    if not items or len(items) > MAX_OPTIONS:
        return None
    out = []
    for item in items:
        if isinstance(item, bool):
            return None
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        if not isinstance(item, int) or not 0 <= item < MAX_OPTIONS:
            return None
        out.append(item)
    return out


def _rule_value(kind: str, value: Any) -> bool:
    """Whether a feedback rule's value has the form of the answer's value for `kind`."""
    if kind in SYMBOLIC_KINDS:
        return _short_text(value, MAX_EXPRESSION_CHARS)
    if kind in CHOICE_KINDS:
        return _indices(value) is not None
    return _finite_numbers(value)


def _flag(data: dict[str, Any], key: str, default: bool, where: str) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise QuestionError(f"{where}: answer `{key}` must be true or false")
    return value


def _answer(data: Any, where: str, *, depth: int = 0) -> dict[str, Any]:
    """An answer dict (AnswerSpec.to_dict()'s shape) checked field by field and rebuilt from
    the known keys only. Kinds: number (also integer, vector, matrix), choice, symbolic,
    parts (whose parts hold answers of the other kinds). What needs the app's code (that an
    expression parses, a rule's shape) is checked when the spec is built (quizzes.bank)."""
    if not isinstance(data, dict):
        raise QuestionError(f"{where}: `answer` must be a dict (questionlib.answer)")
    kind = data.get("kind", data.get("type", "number"))
    if kind not in KINDS:
        raise QuestionError(f"{where}: answer kind {kind!r} is not one of {', '.join(KINDS)}")
    hint = data.get("hint", "")
    if not isinstance(hint, str) or len(hint) > 500:
        raise QuestionError(f"{where}: answer `hint` must be text of at most 500 characters")
    out: dict[str, Any] = {"kind": kind, "hint": hint}
    if kind == "parts":
        if depth:
            raise QuestionError(f"{where}: a part cannot have parts of its own")
        items = data.get("parts")
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_PARTS:
            raise QuestionError(f"{where}: a multi-part answer has 1..{MAX_PARTS} parts")
        if data.get("feedback"):
            raise QuestionError(f"{where}: feedback of a multi-part answer belongs to its parts")
        out["parts"] = []
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not _short_text(item.get("name"), 20):
                raise QuestionError(f"{where}: part {index + 1} needs a short `name`")
            points = item.get("points", 1.0)
            if (
                isinstance(points, bool)
                or not isinstance(points, int | float)
                or not math.isfinite(points)
                or not 0 < points <= 1000
            ):
                raise QuestionError(f"{where}: part {item['name']}'s points must be in (0, 1000]")
            label = item.get("label", "")
            if not isinstance(label, str) or len(label) > 200:
                raise QuestionError(f"{where}: part {item['name']}'s label is too long")
            out["parts"].append(
                {
                    "name": item["name"],
                    "points": float(points),
                    "label": label,
                    "answer": _answer(
                        item.get("answer"), f"{where}: part {item['name']}", depth=depth + 1
                    ),
                }
            )
        return out
    if "value" not in data:
        raise QuestionError(f"{where}: the answer needs a `value`")
    value = data["value"]
    if kind in CHOICE_KINDS:
        options = data.get("options")
        if (
            not isinstance(options, list)
            or not 2 <= len(options) <= MAX_OPTIONS
            or not all(_short_text(option, 2000) for option in options)
        ):
            raise QuestionError(f"{where}: a choice has 2..{MAX_OPTIONS} options, each text")
        indices = _indices(value)
        if indices is None or any(i >= len(options) for i in indices):
            raise QuestionError(f"{where}: a choice's value must be indices of its options")
        out.update(
            value=indices,
            options=options,
            multiple=_flag(data, "multiple", False, where),
            partial=_flag(data, "partial", False, where),
            shuffle=_flag(data, "shuffle", True, where),
        )
    elif kind in SYMBOLIC_KINDS:
        if not _short_text(value, MAX_EXPRESSION_CHARS):
            raise QuestionError(
                f"{where}: a symbolic answer's value is an expression of at most "
                f"{MAX_EXPRESSION_CHARS} characters"
            )
        variables = data.get("variables", [])
        if isinstance(variables, str):
            variables = [variables]
        if not isinstance(variables, list) or not all(_short_text(v, 20) for v in variables):
            raise QuestionError(f"{where}: a symbolic answer's variables are a list of names")
        domain = data.get("domain", [-2.0, 2.0])
        if (
            not isinstance(domain, list)
            or len(domain) != 2
            or not _finite_numbers(domain)
            or not domain[0] < domain[1]
        ):
            raise QuestionError(f"{where}: a symbolic answer's domain is [low, high], low < high")
        out.update(value=value, variables=variables, domain=[float(x) for x in domain])
    else:
        if not _finite_numbers(value):
            raise QuestionError(
                f"{where}: the answer's value must be finite numbers, got {value!r:.80}"
            )
        mode = data.get("mode", "exact" if kind == "integer" else "relative")
        if mode not in MODES:
            raise QuestionError(f"{where}: answer mode {mode!r} is not one of {', '.join(MODES)}")
        tol = data.get("tol")
        if tol is not None and (
            isinstance(tol, bool)
            or not isinstance(tol, int | float)
            or not math.isfinite(tol)
            or tol < 0
        ):
            raise QuestionError(f"{where}: answer tol must be a non-negative number or None")
        out.update(
            value=value,
            mode=mode,
            tol=None if tol is None else float(tol),
            partial=_flag(data, "partial", False, where),
            unordered=_flag(data, "unordered", False, where),
        )
        atol = data.get("atol", 0.0)
        if isinstance(atol, bool) or not isinstance(atol, int | float) or not 0 <= atol < 1e300:
            raise QuestionError(f"{where}: answer atol must be a non-negative number")
        if atol:
            out["atol"] = float(atol)
    rules = _feedback(data.get("feedback"), where, kind)
    if rules:
        out["feedback"] = [
            {"id": r["name"], "value": r["value"], "message": r["message"], "credit": r["credit"]}
            for r in rules
        ]
    return out


def _feedback(data: Any, where: str, kind: str = "number") -> tuple[dict[str, Any], ...]:
    if data is None:
        return ()
    if not isinstance(data, list) or len(data) > MAX_RULES:
        raise QuestionError(
            f"{where}: `feedback` must be a list of at most {MAX_RULES} (questionlib.feedback)"
        )
    rules = []
    for index, rule in enumerate(data):
        if not isinstance(rule, dict) or not isinstance(rule.get("message"), str):
            raise QuestionError(f"{where}: feedback {index + 1} needs a value and a message")
        if not _rule_value(kind, rule.get("value")):
            raise QuestionError(
                f"{where}: feedback {index + 1}'s value must have the answer's form "
                "(finite numbers; an expression; option indices)"
            )
        credit = rule.get("credit", 0.0)
        if isinstance(credit, bool) or not isinstance(credit, int | float) or not 0 <= credit < 1:
            raise QuestionError(f"{where}: feedback {index + 1}'s credit must be in [0, 1)")
        value = rule["value"]
        if kind in CHOICE_KINDS:
            value = _indices(value)
        rules.append(
            {
                "name": str(rule.get("name", rule.get("id", ""))),
                "value": value,
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
    answer = _answer(data.get("answer"), where)
    if answer["kind"] == "parts" and data.get("feedback"):
        raise QuestionError(f"{where}: feedback of a multi-part answer belongs to its parts")
    return GeneratedVariant(
        seed=seed,
        params=params,
        prompt=data["prompt"],
        solution=data["solution"],
        answer=answer,
        feedback=_feedback(data.get("feedback"), where, answer["kind"]),
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
