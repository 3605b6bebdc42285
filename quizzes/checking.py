"""Grading a typed answer against an `AnswerSpec`: numbers, vectors and matrices with a tolerance,
multiple choice, symbolic expressions, and multi-part questions, with feedback rules.

The result tells situations apart because they need different feedback: the input could not be
read at all (`invalid`, which must not cost the student anything), it has the wrong shape (a
number where a vector was asked), or it is readable and wrong in some parts. A *feedback rule* is
an anticipated wrong answer computed by the question's generator ("divided by n instead of
n-1"): when the answer matches one, with the same tolerance as the correct answer, the student
reads the rule's message and gets its credit, and the result names the rule so the dashboard
can count how often it fires.

How a response is written down (what the quiz page stores, what `AnswerSpec.text()` gives):
- number, vector, matrix: the typed text (`0.25`, `[1, 2]`, `[[1, 2], [3, 4]]`);
- symbolic: the typed expression (`2*x*cos(x^2)`);
- choice: the chosen options' indices in the author's (unshuffled) order, `2` or `0,3`;
- parts: a JSON object from part name to that part's response, `{"a": "2x", "b": "1"}`.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal, cast, get_args

import numpy as np
import sympy

from quizzes.answers import AnswerParseError, format_answer, parse_answer
from quizzes.symbolic import check_variables, compare, parse_symbolic, preview_tex

Kind = Literal["number", "choice", "symbolic", "parts"]
Mode = Literal["relative", "absolute", "sigfigs", "exact"]
Status = Literal["correct", "partial", "incorrect", "wrong_shape", "invalid"]

# Relative 1e-3 accepts any answer rounded to 4 significant figures (the worst case, 1.0005
# rounded to 1.000, is 5e-4 off); that is the default the format hint states.
DEFAULT_TOLERANCE: dict[str, float] = {
    "relative": 1e-3,
    "absolute": 1e-3,
    "sigfigs": 3,
    "exact": 0,
}
# What other kinds a spec file may name; they are all numeric specs told apart by value shape.
_KIND_ALIASES: dict[str, tuple[Kind, Mode | None]] = {
    "integer": ("number", "exact"),
    "vector": ("number", None),
    "matrix": ("number", None),
    "multiple_choice": ("choice", None),
    "expression": ("symbolic", None),
}
MAX_PARTS = 12
MAX_OPTIONS = 26
MAX_RESPONSE_JSON = 5000
UNREADABLE = "Could not read the answer"
_PART_NAME = re.compile(r"^[A-Za-z0-9_]{1,20}$")
ARITHMETIC = "fractions, sqrt(...), pi and e are fine"


def significant_figures_accepted(rtol: float) -> int:
    """The fewest significant figures whose every rounding is within relative `rtol`.

    Rounding to n figures errs by at most half a unit in the n-th figure, 0.5 * 10^(1-n)
    relative to a mantissa of 1, so n = ceil(1 - log10(2 rtol)).
    """
    if rtol <= 0:
        return 17
    return max(1, math.ceil(1 - math.log10(2 * rtol) - 1e-9))


def decimals_accepted(atol: float) -> int:
    """The fewest decimal places whose every rounding is within `atol` (may be <= 0)."""
    if atol <= 0:
        return 17
    return math.ceil(-math.log10(2 * atol) - 1e-9)


@dataclass(frozen=True)
class FeedbackRule:
    """An anticipated wrong answer: matched like the correct one, with its own message."""

    value: Any  # same form as the spec's value (a number, an expression, option indices)
    message: str
    credit: float = 0.0  # 0..1 of the question (or part) for this answer
    id: str = ""  # a stable name for statistics; the rule's index when empty

    def __post_init__(self) -> None:
        if not isinstance(self.message, str) or not self.message.strip():
            raise ValueError("a feedback rule needs a message")
        if not 0 <= float(self.credit) < 1:
            raise ValueError("a feedback rule's credit must be in [0, 1)")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": _plain(self.value),
            "message": self.message,
            "credit": float(self.credit),
        }
        if self.id:
            data["id"] = self.id
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedbackRule:
        if not isinstance(data, dict) or "value" not in data:
            raise ValueError("a feedback rule is a mapping with value, message and credit")
        return cls(
            value=data["value"],
            message=str(data.get("message", "")),
            credit=float(data.get("credit", 0.0)),
            id=str(data.get("id", "")),
        )


@dataclass(frozen=True)
class Part:
    """One part of a multi-part question, with its own answer spec and points."""

    name: str  # the key in the stored response, e.g. "a"
    answer: AnswerSpec
    points: float = 1.0
    label: str = ""  # shown before the input, e.g. "(a) the mean"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "answer": self.answer.to_dict(),
            "points": self.points,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Part:
        return cls(
            name=str(data["name"]),
            answer=AnswerSpec.from_dict(data["answer"]),
            points=float(data.get("points", 1.0)),
            label=str(data.get("label", "")),
        )

    @property
    def title(self) -> str:
        return self.label or f"({self.name})"


@dataclass(frozen=True)
class AnswerSpec:
    """What the correct answer is and how closely it must be matched.

    `kind` is `number` (a number, vector or matrix, by the shape of `value`), `choice`, `symbolic`
    or `parts`. For numbers, `tol` means: relative tolerance (`relative`), absolute tolerance
    (`absolute`), number of significant figures (`sigfigs`); it is ignored for `exact` (integers
    must match exactly). Relative mode has no absolute floor unless the author sets `atol`: a
    floor larger than a tiny answer would accept 0 for it. `unordered` compares vectors as
    multisets (e.g. "the two eigenvalues"); `partial` gives credit per correct component (and,
    for multiple choice with several answers, per correct option minus wrong ones).
    """

    value: Any = None  # number / nested list; an expression string; correct option indices
    mode: Mode = "relative"
    tol: float | None = None
    partial: bool = False
    unordered: bool = False
    hint: str = ""  # extra format instruction, e.g. "as [x, y]"
    digits: int = 10
    kind: Kind = "number"
    atol: float = 0.0  # relative mode: an explicit absolute floor, chosen by the author
    options: tuple[str, ...] = ()  # choice: Markdown text of each option, in authored order
    multiple: bool = False  # choice: several options may be correct ("choose all that apply")
    shuffle: bool = True  # choice: options shown in a per-variant order
    variables: tuple[str, ...] = ()  # symbolic: the names the expression may use
    domain: tuple[float, float] = (-2.0, 2.0)  # symbolic: where random points are drawn
    parts: tuple[Part, ...] = ()
    feedback: tuple[FeedbackRule, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in get_args(Kind):
            raise ValueError(f"unknown answer kind {self.kind!r}")
        if self.mode not in get_args(Mode):
            raise ValueError(f"unknown tolerance mode {self.mode!r}")
        if self.tol is None:
            # Resolved once, so a spec equals its own to_dict/from_dict round trip.
            object.__setattr__(self, "tol", DEFAULT_TOLERANCE[self.mode])
        if self.kind == "choice":
            self._validate_choice()
        elif self.kind == "symbolic":
            if not isinstance(self.value, str):
                raise ValueError("a symbolic answer's value is an expression string")
            check_variables(self.variables)
            low, high = self.domain
            if not low < high:
                raise ValueError("a symbolic answer's domain is [low, high] with low < high")
            try:
                _parse_cached(self.value, self.variables)
            except AnswerParseError as exc:
                raise ValueError(f"the expected expression {self.value!r}: {exc}") from None
        elif self.kind == "parts":
            names = [part.name for part in self.parts]
            if not all(_PART_NAME.match(name) for name in names):
                raise ValueError("part names are short words of letters, digits and _")
            if not 1 <= len(names) <= MAX_PARTS or len(set(names)) != len(names):
                raise ValueError(f"a multi-part answer has 1..{MAX_PARTS} uniquely named parts")
            if any(part.points <= 0 or part.answer.kind == "parts" for part in self.parts):
                raise ValueError("parts have positive points and are not multi-part themselves")
            if self.feedback:
                raise ValueError("feedback rules of a multi-part answer belong to its parts")
        for index, rule in enumerate(self.feedback):
            self._validate_rule(index, rule)

    def _validate_rule(self, index: int, rule: FeedbackRule) -> None:
        """A rule's value has the answer's form: an expression that parses, valid option
        indices, a number array of the answer's shape."""
        try:
            as_answer = replace(self, value=rule.value, feedback=())
            if self.kind == "number" and as_answer.shape != self.shape:
                raise ValueError(f"shape {as_answer.shape} instead of {self.shape}")
        except ValueError as exc:
            raise ValueError(f"feedback rule {rule.id or index}: {exc}") from None

    def _validate_choice(self) -> None:
        if not 2 <= len(self.options) <= MAX_OPTIONS:
            raise ValueError(f"a multiple-choice answer has 2..{MAX_OPTIONS} options")
        correct = self.correct_options
        if not correct or any(not 0 <= i < len(self.options) for i in correct):
            raise ValueError("a multiple-choice answer's value lists valid option indices")
        if not self.multiple and len(correct) != 1:
            raise ValueError("a single-choice answer has exactly one correct option")

    # -- numbers ----------------------------------------------------------------------------
    @property
    def tolerance(self) -> float:
        return DEFAULT_TOLERANCE[self.mode] if self.tol is None else float(self.tol)

    @property
    def array(self) -> np.ndarray:
        return np.asarray(self.value, dtype=float)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.array.shape)

    # -- choice -----------------------------------------------------------------------------
    @property
    def correct_options(self) -> tuple[int, ...]:
        return _indices(self.value)

    def option_order(self, seed: int, salt: int = 0) -> list[int]:
        """The order the options are shown in for the variant of `seed` (indices into
        `options`). Deterministic, so a variant re-renders the same; `salt` tells two choice
        parts of one question apart."""
        order = list(range(len(self.options)))
        if not self.shuffle:
            return order
        key = zlib.crc32("\x1f".join(self.options).encode())
        rng = np.random.default_rng([int(seed) % 2**63, key, salt])
        return [int(i) for i in rng.permutation(order)]

    # -- texts ------------------------------------------------------------------------------
    def text(self) -> str:
        """A response that, submitted by a student, is graded correct."""
        if self.kind == "choice":
            return ",".join(str(i) for i in self.correct_options)
        if self.kind == "symbolic":
            return str(self.value)
        if self.kind == "parts":
            return json.dumps({part.name: part.answer.text() for part in self.parts})
        return format_answer(self.array, self.digits)

    def display(self, response: str | None = None) -> str:
        """A response (the correct one by default) as a person reads it: option texts rather
        than indices, parts labelled."""
        text = self.text() if response is None else response
        if self.kind == "choice":
            try:
                chosen = _parse_choice(text, len(self.options))
            except AnswerParseError:
                return text
            return "; ".join(self.options[i] for i in sorted(chosen))
        if self.kind == "parts":
            given = _parse_parts(text) if response is not None else None
            pieces = []
            for part in self.parts:
                typed = part.answer.text() if given is None else given.get(part.name, "")
                pieces.append(f"{part.title} {part.answer.display(typed) if typed else '—'}")
            return "; ".join(pieces)
        return text

    def format_hint(self) -> str:
        if self.kind == "choice":
            base = "choose all the options that apply" if self.multiple else "choose one option"
        elif self.kind == "symbolic":
            names = ", ".join(self.variables) if self.variables else "no variables"
            base = (
                f"an expression in {names}, like 2*x*cos(x^2); write powers with ^, products "
                "with * or side by side (2x); sqrt, exp, log, sin, cos, tan, pi and e are fine"
            )
        elif self.kind == "parts":
            base = "answer each part in its own box"
        else:
            base = self._number_hint()
        return f"{base}. {self.hint}".strip() if self.hint else base

    def _number_hint(self) -> str:
        tol = self.tolerance
        if self.mode == "exact":
            base = "an integer"
        elif self.mode == "sigfigs":
            base = f"a number correct to {int(tol)} significant figures; {ARITHMETIC}"
        elif self.mode == "absolute":
            places = decimals_accepted(tol)
            if places > 0:
                base = (
                    f"a number correct to {places} decimal place{'s' if places > 1 else ''} "
                    f"(within ±{tol:g}); {ARITHMETIC}"
                )
            else:
                base = f"a number within ±{tol:g} of the exact value; {ARITHMETIC}"
        else:
            figures = significant_figures_accepted(tol)
            base = (
                f"a number correct to at least {figures} significant figures "
                f"(relative error up to {tol:g}); {ARITHMETIC}"
            )
        shape = self.shape
        if len(shape) == 1:
            base = f"a vector of {shape[0]} numbers like [1, 2]; each entry " + base
        elif len(shape) == 2:
            base = f"a {shape[0]}x{shape[1]} matrix like [[1, 2], [3, 4]]; each entry " + base
        return base

    # -- serialisation ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-able data; `from_dict` reads it back (and every older form of it)."""
        data: dict[str, Any] = {"kind": self.kind, "hint": self.hint}
        if self.kind == "number":
            data.update(
                value=self.array.tolist(),
                mode=self.mode,
                tol=self.tolerance,
                partial=self.partial,
                unordered=self.unordered,
            )
            if self.atol:
                data["atol"] = self.atol
        elif self.kind == "choice":
            data.update(
                value=list(self.correct_options),
                options=list(self.options),
                multiple=self.multiple,
                shuffle=self.shuffle,
                partial=self.partial,
            )
        elif self.kind == "symbolic":
            data.update(value=self.value, variables=list(self.variables), domain=list(self.domain))
        else:
            data["parts"] = [part.to_dict() for part in self.parts]
        if self.feedback:
            data["feedback"] = [rule.to_dict() for rule in self.feedback]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerSpec:
        """Build a spec from `to_dict` data, a stored older spec (value, mode, tol, partial,
        unordered, hint), or a generator's output. Unknown keys are ignored; a malformed
        spec raises ValueError."""
        if not isinstance(data, dict):
            raise ValueError("an answer spec is a mapping")
        try:
            return cls._from_mapping(data)
        except (TypeError, KeyError, IndexError, AttributeError) as exc:
            raise ValueError(f"malformed answer spec ({type(exc).__name__}: {exc})") from None

    @classmethod
    def _from_mapping(cls, data: dict[str, Any]) -> AnswerSpec:
        kind_name = str(data.get("kind") or data.get("type") or "number")
        # An unknown kind or mode is passed on for __post_init__ to refuse with its message.
        kind, implied_mode = _KIND_ALIASES.get(kind_name, (cast(Kind, kind_name), None))
        mode = data.get("mode") or implied_mode or "relative"
        low, high = data.get("domain", (-2.0, 2.0))
        variables = data.get("variables", ())
        if isinstance(variables, str):
            variables = [variables]  # "x", not the letters of "xy"
        return cls(
            value=data.get("value"),
            mode=mode,
            tol=None if data.get("tol") is None else float(data["tol"]),
            partial=bool(data.get("partial", False)),
            unordered=bool(data.get("unordered", False)),
            hint=str(data.get("hint", "")),
            digits=int(data.get("digits", 10)),
            kind=kind,
            atol=float(data.get("atol", 0.0)),
            options=tuple(str(option) for option in data.get("options", ())),
            multiple=bool(data.get("multiple", False)),
            shuffle=bool(data.get("shuffle", True)),
            variables=tuple(str(name) for name in variables),
            domain=(float(low), float(high)),
            parts=tuple(Part.from_dict(part) for part in data.get("parts", ())),
            feedback=tuple(FeedbackRule.from_dict(rule) for rule in data.get("feedback", ())),
        )


@dataclass(frozen=True)
class CheckResult:
    status: Status
    score: float  # 0..1
    message: str
    component_ok: list[bool] = field(default_factory=list)
    # Ids of the feedback rules that fired ("2", or "b:forgot-bias" inside part b).
    feedback: tuple[str, ...] = ()
    parts: dict[str, CheckResult] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def counts_as_attempt(self) -> bool:
        return self.status != "invalid"

    def to_dict(self) -> dict[str, Any]:
        """The `quiz_check --json` verdict (its keys are a documented interface)."""
        return {"correct": self.correct, "score": self.score, "message": self.message}

    def details(self) -> dict[str, Any]:
        """`to_dict` plus the status and the feedback rules that fired, per part too."""
        data = {**self.to_dict(), "status": self.status, "feedback": list(self.feedback)}
        if self.parts:
            data["parts"] = {name: part.details() for name, part in self.parts.items()}
        return data


# -- helpers ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def _indices(value: Any) -> tuple[int, ...]:
    items: Iterable[Any] = value if isinstance(value, (list, tuple)) else [value]
    try:
        return tuple(sorted({int(i) for i in items}))
    except (TypeError, ValueError):
        raise ValueError("option indices must be integers") from None


@lru_cache(maxsize=1024)
def _parse_cached(text: str, variables: tuple[str, ...]) -> sympy.Expr:
    return parse_symbolic(text, variables)


def _invalid(reason: str) -> CheckResult:
    return CheckResult("invalid", 0.0, f"{UNREADABLE}: {reason}.")


def _close(got: float, want: float, mode: Mode, tol: float, atol: float = 0.0) -> bool:
    if mode == "exact":
        return abs(got - round(got)) < 1e-9 and round(got) == round(want)
    if mode == "absolute":
        # The 1e-9 slack only absorbs rounding in the subtraction (0.125 - 0.124 > 0.001).
        return abs(got - want) <= tol * (1 + 1e-9)
    if mode == "sigfigs":
        if want == 0:
            return got == 0
        # Half a unit in the last required digit: 0.1234 to 3 s.f. accepts [0.12335, 0.12345].
        digits = max(1, int(tol))
        unit = 10.0 ** (math.floor(math.log10(abs(want))) - digits + 1)
        return abs(got - want) <= 0.5 * unit * (1 + 1e-9)
    # Relative, with no floor of its own: an expected 2^-52 must not accept 0. An expected 0
    # is matched by 0 exactly, or within the author's explicit `atol`.
    return abs(got - want) <= tol * abs(want) * (1 + 1e-9) + atol


def _match_unordered(
    got: list[float], want: list[float], mode: Mode, tol: float, atol: float
) -> list[bool]:
    """For each expected value, whether some not-yet-used typed value matches it.

    Greedy matching is enough: answers are a handful of well-separated values (eigenvalues).
    """
    unused = list(got)
    ok = []
    for w in want:
        hit = next((i for i, g in enumerate(unused) if _close(g, w, mode, tol, atol)), None)
        ok.append(hit is not None)
        if hit is not None:
            unused.pop(hit)
    return ok


def _describe_shape(shape: tuple[int, ...]) -> str:
    if len(shape) == 0:
        return "a single number"
    if len(shape) == 1:
        return f"a vector of {shape[0]} numbers"
    return f"a {shape[0]}x{shape[1]} matrix"


def chosen_options(spec: AnswerSpec, text: str) -> list[int]:
    """The options a choice response picks (authored indices), [] if it cannot be read."""
    try:
        return sorted(_parse_choice(text, len(spec.options)))
    except AnswerParseError:
        return []


def split_response(spec: AnswerSpec, text: str) -> dict[str, str]:
    """A multi-part response's text per part ({} if it cannot be read)."""
    return _parse_parts(text) or {}


def _parse_choice(text: str, n_options: int) -> set[int]:
    pieces = [piece for piece in text.replace(";", ",").replace(" ", ",").split(",") if piece]
    if not pieces:
        raise AnswerParseError("no option is chosen")
    if len(pieces) > n_options:
        raise AnswerParseError("more options than the question has")
    chosen = set()
    for piece in pieces:
        if not (piece.isascii() and piece.isdigit() and len(piece) <= 3):
            raise AnswerParseError("choose among the options shown")
        index = int(piece)
        if index >= n_options:
            raise AnswerParseError("choose among the options shown")
        chosen.add(index)
    return chosen


def _parse_parts(text: str) -> dict[str, str] | None:
    if len(text) > MAX_RESPONSE_JSON:
        return None
    if not text.lstrip().startswith("{"):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # '{"a":' * 1000 nests past the recursion limit
        return None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return None
    return {str(k): v for k, v in data.items()}


# -- checking per kind -------------------------------------------------------------------------


def _check_number(spec: AnswerSpec, text: str) -> CheckResult:
    try:
        got = parse_answer(text)
    except AnswerParseError as exc:
        return _invalid(str(exc))
    want = spec.array
    if want.ndim == 1 and got.ndim == 2 and 1 in got.shape and got.size == want.size:
        got = got.ravel()  # a column [[1], [2]] or row [[1, 2]] written for a vector is fine
    if got.shape != want.shape:
        return CheckResult(
            "wrong_shape",
            0.0,
            f"Expected {_describe_shape(want.shape)}, but the answer is "
            f"{_describe_shape(got.shape)}.",
        )
    got_flat = [float(g) for g in got.ravel()]
    want_flat = [float(w) for w in want.ravel()]
    tol, atol = spec.tolerance, spec.atol
    if spec.mode == "relative" and want.size > 1:
        # A component 12 orders of magnitude below the largest one is rounding noise of a
        # zero (E[X] computed as -1.1e-16 beside Var(X) = 10.8), so 0 must match it. The floor
        # scales with the answer: a lone tiny answer (2^-52) gets none.
        atol = max(atol, 1e-12 * float(np.abs(want).max()))
    if spec.unordered:
        ok = _match_unordered(got_flat, want_flat, spec.mode, tol, atol)
    else:
        ok = [_close(g, w, spec.mode, tol, atol) for g, w in zip(got_flat, want_flat, strict=True)]
    n_ok = sum(ok)
    if n_ok == len(ok):
        return CheckResult("correct", 1.0, "Correct.", ok)
    if want.ndim == 0:
        return CheckResult("incorrect", 0.0, "Not correct.", ok)
    if n_ok == 0:
        wrong = "none of the entries is correct"
    elif spec.unordered:
        wrong = f"{len(ok) - n_ok} of {len(ok)} values are not correct"
    else:
        positions = [str(i + 1) for i, good in enumerate(ok) if not good]
        wrong = f"entries {', '.join(positions)} (counting row by row) are not correct"
        if len(positions) == 1:
            wrong = f"entry {positions[0]} (counting row by row) is not correct"
    if spec.partial and n_ok:
        score = n_ok / len(ok)
        return CheckResult("partial", score, f"Partly correct: {wrong}.", ok)
    return CheckResult("incorrect", 0.0, f"Not correct: {wrong}.", ok)


def _check_choice(spec: AnswerSpec, text: str) -> CheckResult:
    try:
        chosen = _parse_choice(text, len(spec.options))
    except AnswerParseError as exc:
        return _invalid(str(exc))
    if not spec.multiple and len(chosen) > 1:
        return _invalid("choose only one option")
    correct = set(spec.correct_options)
    ok = [(i in chosen) == (i in correct) for i in range(len(spec.options))]
    if chosen == correct:
        return CheckResult("correct", 1.0, "Correct.", ok)
    if not spec.multiple:
        return CheckResult("incorrect", 0.0, "Not correct.", ok)
    right, wrong = len(chosen & correct), len(chosen - correct)
    missed = len(correct) - right
    detail = (
        f"{right} of {len(correct)} correct options chosen"
        + (f", {wrong} wrong option{'s' if wrong != 1 else ''} chosen" if wrong else "")
        + (f", {missed} missed" if missed else "")
    )
    # Each correct option chosen earns 1/k, each wrong one chosen costs 1/k, never below 0:
    # choosing everything earns nothing.
    score = max(0.0, (right - wrong) / len(correct)) if spec.partial else 0.0
    if score > 0:
        return CheckResult("partial", score, f"Partly correct: {detail}.", ok)
    return CheckResult("incorrect", 0.0, f"Not correct: {detail}.", ok)


def _check_symbolic(spec: AnswerSpec, text: str) -> CheckResult:
    try:
        got = parse_symbolic(text, spec.variables)
    except AnswerParseError as exc:
        return _invalid(str(exc))
    expected = _parse_cached(str(spec.value), spec.variables)
    verdict = compare(expected, got, variables=spec.variables, domain=spec.domain)
    if verdict.equivalent:
        return CheckResult("correct", 1.0, "Correct.")
    if verdict.how == "undecided":
        return CheckResult(
            "incorrect", 0.0, "Not correct: it could not be shown equal to the expected answer."
        )
    return CheckResult("incorrect", 0.0, "Not correct.")


def _check_parts(spec: AnswerSpec, text: str) -> CheckResult:
    given = _parse_parts(text)
    if given is None:
        return _invalid("this question has several parts; answer each in its own box")
    results: dict[str, CheckResult] = {}
    messages: list[str] = []
    fired: list[str] = []
    earned = 0.0
    for part in spec.parts:
        typed = given.get(part.name, "")
        if not typed.strip():
            result = CheckResult("incorrect", 0.0, "No answer given.")
        else:
            result = check_answer(part.answer, typed)
        if result.status == "invalid":
            reason = result.message.removeprefix(f"{UNREADABLE}: ").rstrip(".")
            return _invalid(f"part {part.title}: {reason}")
        results[part.name] = result
        earned += part.points * result.score
        messages.append(f"{part.title}: {result.message}")
        fired.extend(f"{part.name}:{rule}" for rule in result.feedback)
    total = sum(part.points for part in spec.parts)
    score = earned / total
    ok = [result.correct for result in results.values()]
    if all(ok):
        status: Status = "correct"
    else:
        status = "partial" if score > 0 else "incorrect"
    return CheckResult(status, score, " ".join(messages), ok, tuple(fired), results)


def _matching_rule(spec: AnswerSpec, text: str) -> tuple[str, FeedbackRule] | None:
    for index, rule in enumerate(spec.feedback):
        as_correct = replace(spec, value=rule.value, feedback=())  # validated with the spec
        if _check_plain(as_correct, text).correct:
            return rule.id or str(index), rule
    return None


def _check_plain(spec: AnswerSpec, text: str) -> CheckResult:
    if spec.kind == "choice":
        return _check_choice(spec, text)
    if spec.kind == "symbolic":
        return _check_symbolic(spec, text)
    if spec.kind == "parts":
        return _check_parts(spec, text)
    return _check_number(spec, text)


def spec_problems(spec: AnswerSpec) -> list[str]:
    """What an author must fix in a variant's spec (for `sync_content --check` and the
    authoring preview): the spec's own answer is not graded correct, or a feedback rule can
    never fire because the correct answer matches it, or its own value does not match it."""
    problems = []
    if not check_answer(spec, spec.text()).correct:
        problems.append(f"the answer's own text {spec.text()!r} is not graded correct")
    for index, rule in enumerate(spec.feedback):
        name = rule.id or str(index)
        as_answer = replace(spec, value=rule.value, feedback=())
        if _check_plain(as_answer, spec.text()).correct:
            problems.append(f"feedback rule {name} matches the correct answer: it never fires")
        elif check_answer(spec, as_answer.text()).feedback != (name,):
            problems.append(f"feedback rule {name}: its own value does not reach it")
    for part in spec.parts:
        problems.extend(f"part {part.name}: {p}" for p in spec_problems(part.answer))
    return problems


def check_answer(spec: AnswerSpec, text: str) -> CheckResult:
    """Grade `text` against `spec`. Never raises on any input string.

    A correct answer is correct whatever the rules say; a readable wrong one that matches a
    feedback rule gets the rule's message, and its credit if that is more than it had.
    """
    typed: object = text  # a caller's dict or None must not raise either
    if not isinstance(typed, str):
        return _invalid("the answer must be text")
    result = _check_plain(spec, text)
    if result.status in ("correct", "invalid") or not spec.feedback:
        return result
    match = _matching_rule(spec, text)
    if match is None:
        return result
    rule_id, rule = match
    score = max(result.score, float(rule.credit))
    return replace(
        result,
        status="partial" if score > 0 else "incorrect",
        score=score,
        message=rule.message,
        feedback=(rule_id,),
    )


# -- the inputs a quiz page shows ---------------------------------------------------------------

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Choice:
    index: int  # in the author's order: the value stored when chosen
    letter: str  # in the order shown: A, B, C...
    text: str  # Markdown
    checked: bool
    # The option as plain words for assistive technology: typeset math is hidden from the
    # accessibility tree (its MathML does not name a radio button), so "$1.5$" reads "1.5".
    spoken: str = ""


@dataclass(frozen=True)
class AnswerField:
    """One input of a question: a text box, a group of radio buttons or of checkboxes.

    `name` is "" for a single-input question and the part's name inside a multi-part one; the
    page posts it as `answer-<position>` or `answer-<position>-<name>`.
    """

    name: str
    label: str
    control: Literal["text", "radio", "checkbox"]
    value: str
    hint: str
    choices: tuple[Choice, ...] = ()
    symbolic: bool = False
    preview: str = ""  # symbolic: LaTeX of the typed expression as it was read ("" if unread)


def _field(
    spec: AnswerSpec, *, name: str, label: str, typed: str, seed: int, salt: int
) -> AnswerField:
    if spec.kind == "symbolic":
        preview = preview_tex(typed, spec.variables) if typed.strip() else ""
        return AnswerField(
            name, label, "text", typed, spec.format_hint(), symbolic=True, preview=preview
        )
    if spec.kind != "choice":
        return AnswerField(name, label, "text", typed, spec.format_hint())
    try:
        chosen = _parse_choice(typed, len(spec.options)) if typed.strip() else set()
    except AnswerParseError:
        chosen = set()
    choices = tuple(
        Choice(
            index,
            LETTERS[shown],
            spec.options[index],
            index in chosen,
            f"{LETTERS[shown]}: {_spoken(spec.options[index])}",
        )
        for shown, index in enumerate(spec.option_order(seed, salt))
    )
    control: Literal["radio", "checkbox"] = "checkbox" if spec.multiple else "radio"
    return AnswerField(name, label, control, typed, spec.format_hint(), choices)


def _spoken(markdown: str) -> str:
    text = re.sub(r"\\(left|right|,|;|!)", "", markdown)
    text = re.sub(r"\\([A-Za-z]+)", r"\1", text)
    return " ".join(re.sub(r"[$\\{}*_`]", " ", text).split())


def response_fields(spec: AnswerSpec, *, seed: int, response: str) -> list[AnswerField]:
    """The inputs for `spec` on the page of the variant `seed`, filled from a stored response."""
    if spec.kind != "parts":
        return [_field(spec, name="", label="", typed=response, seed=seed, salt=0)]
    given = _parse_parts(response) or {}
    return [
        _field(
            part.answer,
            name=part.name,
            label=part.title,
            typed=given.get(part.name, ""),
            seed=seed,
            salt=salt + 1,
        )
        for salt, part in enumerate(spec.parts)
    ]


def symbolic_previews(spec: AnswerSpec, response: str) -> dict[str, str]:
    """For each formula input of `spec` (by field name), LaTeX of what `response` holds."""
    fields = response_fields(spec, seed=0, response=response)  # the seed only orders choices
    return {field.name: field.preview for field in fields if field.symbolic}


def join_response(values: dict[str, str]) -> str:
    """The stored response of a multi-part question from its parts' inputs ("" when every part
    is blank, so an untouched question stays unanswered)."""
    if not any(value.strip() for value in values.values()):
        return ""
    return json.dumps(values, sort_keys=True)
