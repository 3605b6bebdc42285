"""Grading a typed answer against an expected value with a tolerance mode.

The result tells three situations apart, because they need different feedback: the input could
not be read at all (`invalid`, which must not cost the student anything), it has the wrong shape
(a number where a vector was asked, a 3-vector for a 2-vector), or it has the right shape and some
components are off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from quizzes.answers import AnswerParseError, format_answer, parse_answer

Mode = Literal["relative", "absolute", "sigfigs", "exact"]
Status = Literal["correct", "partial", "incorrect", "wrong_shape", "invalid"]

DEFAULT_TOLERANCE: dict[str, float] = {
    "relative": 1e-3,
    "absolute": 1e-3,
    "sigfigs": 3,
    "exact": 0,
}
FORMAT_HINTS: dict[str, str] = {
    "relative": "a number; fractions, sqrt(...), pi and e are fine",
    "absolute": "a number; fractions, sqrt(...), pi and e are fine",
    "sigfigs": "a number, correct to {tol:g} significant figures",
    "exact": "an integer",
}


@dataclass(frozen=True)
class AnswerSpec:
    """What the correct answer is and how closely it must be matched.

    `tol` means: relative tolerance (`relative`), absolute tolerance (`absolute`), number of
    significant figures (`sigfigs`); it is ignored for `exact` (integers must match exactly).
    `unordered` compares vectors as multisets (e.g. "the two eigenvalues"); `partial` gives credit
    per correct component.
    """

    value: Any  # float or nested list of floats
    mode: Mode = "relative"
    tol: float | None = None
    partial: bool = False
    unordered: bool = False
    hint: str = ""  # extra format instruction, e.g. "as [x, y]"
    digits: int = 10

    @property
    def tolerance(self) -> float:
        return DEFAULT_TOLERANCE[self.mode] if self.tol is None else float(self.tol)

    @property
    def array(self) -> np.ndarray:
        return np.asarray(self.value, dtype=float)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.array.shape)

    def text(self) -> str:
        """A string that, typed by a student, is graded correct."""
        return format_answer(self.array, self.digits)

    def format_hint(self) -> str:
        base = FORMAT_HINTS[self.mode].format(tol=self.tolerance)
        shape = self.shape
        if len(shape) == 1:
            base = f"a vector of {shape[0]} numbers like [1, 2]; each entry " + base
        elif len(shape) == 2:
            base = f"a {shape[0]}x{shape[1]} matrix like [[1, 2], [3, 4]]; each entry " + base
        return f"{base}. {self.hint}".strip() if self.hint else base

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.array.tolist(),
            "mode": self.mode,
            "tol": self.tolerance,
            "partial": self.partial,
            "unordered": self.unordered,
            "hint": self.hint,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerSpec:
        return cls(
            value=data["value"],
            mode=data.get("mode", "relative"),
            tol=data.get("tol"),
            partial=bool(data.get("partial", False)),
            unordered=bool(data.get("unordered", False)),
            hint=data.get("hint", ""),
        )


@dataclass(frozen=True)
class CheckResult:
    status: Status
    score: float  # 0..1
    message: str
    component_ok: list[bool] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    @property
    def counts_as_attempt(self) -> bool:
        return self.status != "invalid"

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "score": self.score, "message": self.message}


def _close(got: float, want: float, mode: Mode, tol: float) -> bool:
    if mode == "exact":
        return abs(got - round(got)) < 1e-9 and round(got) == round(want)
    if mode == "absolute":
        return abs(got - want) <= tol + 1e-12
    if mode == "sigfigs":
        if want == 0:
            return abs(got) < 1e-12
        # Half a unit in the last required digit: 0.1234 to 3 s.f. accepts [0.12335, 0.12345].
        digits = max(1, int(tol))
        unit = 10.0 ** (math.floor(math.log10(abs(want))) - digits + 1)
        return abs(got - want) <= 0.5 * unit * (1 + 1e-9)
    # relative, with no absolute floor: a floor of 1e-12 was larger than tiny answers (a
    # float's spacing, 2^-52) and accepted 0 for them (issue #17). An expected 0 needs 0.
    return abs(got - want) <= tol * abs(want)


def _match_unordered(got: list[float], want: list[float], mode: Mode, tol: float) -> list[bool]:
    """For each expected value, whether some not-yet-used typed value matches it.

    Greedy matching is enough: answers are a handful of well-separated values (eigenvalues).
    """
    unused = list(got)
    ok = []
    for w in want:
        hit = next((i for i, g in enumerate(unused) if _close(g, w, mode, tol)), None)
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


def check_answer(spec: AnswerSpec, text: str) -> CheckResult:
    """Grade `text` against `spec`. Never raises on any input string."""
    try:
        got = parse_answer(text)
    except AnswerParseError as exc:
        return CheckResult("invalid", 0.0, f"Could not read the answer: {exc}.")
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
    if spec.unordered:
        ok = _match_unordered(got_flat, want_flat, spec.mode, spec.tolerance)
    else:
        ok = [
            _close(g, w, spec.mode, spec.tolerance)
            for g, w in zip(got_flat, want_flat, strict=True)
        ]
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
