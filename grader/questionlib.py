"""The library a question's generator.py imports as `questionlib`, inside the authors' jail.

`grader.questions` sends this file's *text* with the driver (`grader/_question.py`); in the
jail it becomes the module `questionlib`, so a generator writes::

    from questionlib import answer, feedback, mat, num, require, vec
    from questionlib import choice, expression, part, parts  # other answer kinds

Helpers to typeset numbers, vectors and matrices in LaTeX, `require` to ask for a fresh
draw, and `answer`/`feedback` to build the plain data `generate(rng)` returns. Imports only
the standard library and NumPy (what a jail has); the trusted side imports it only for its
own tests of the typesetting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


class Degenerate(Exception):
    """Raised inside generate(rng) to ask for a fresh draw (singular matrix, zero variance...);
    the driver calls generate again with the same generator, up to 200 times."""


def require(condition: bool | np.bool_) -> None:
    """Reject the current draw unless `condition` holds (a NumPy comparison's bool too)."""
    if not condition:
        raise Degenerate


def _plain(value: Any) -> Any:
    """Floats in nested lists (what AnswerSpec.to_dict() holds)."""
    return np.asarray(value, dtype=float).tolist()


def answer(
    value: Any,
    *,
    mode: str = "relative",
    tol: float | None = None,
    partial: bool = False,
    unordered: bool = False,
    hint: str = "",
    feedback: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A number, vector or matrix answer as the trusted side's AnswerSpec.to_dict() shape
    (tol None: the mode's default there). `feedback` (a part's anticipated wrong answers):
    `feedback(...)` dicts; a whole question's go in the returned dict's `feedback`."""
    data: dict[str, Any] = {
        "value": _plain(value),
        "mode": mode,
        "tol": None if tol is None else float(tol),
        "partial": bool(partial),
        "unordered": bool(unordered),
        "hint": str(hint),
    }
    if feedback:
        data["feedback"] = list(feedback)
    return data


def choice(
    correct: int | Sequence[int],
    options: Sequence[str],
    *,
    multiple: bool = False,
    partial: bool = False,
    shuffle: bool = True,
    hint: str = "",
    feedback: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A multiple-choice answer: `options` are Markdown, `correct` the index (or, with
    `multiple`, the indices) of the right ones in that order. The page shuffles them per
    variant unless `shuffle=False`. A feedback rule's value is an option index."""
    indices = [int(correct)] if isinstance(correct, int | np.integer) else [int(i) for i in correct]
    data: dict[str, Any] = {
        "kind": "choice",
        "value": indices,
        "options": [str(option) for option in options],
        "multiple": bool(multiple),
        "partial": bool(partial),
        "shuffle": bool(shuffle),
        "hint": str(hint),
    }
    if feedback:
        data["feedback"] = list(feedback)
    return data


def expression(
    value: str,
    variables: Sequence[str],
    *,
    domain: tuple[float, float] = (-2.0, 2.0),
    hint: str = "",
    feedback: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A symbolic answer: the expected expression in `variables` (`"2*x*cos(x^2)"`), judged
    equivalent at random points of `domain` on the trusted side. A feedback rule's value is
    an expression too."""
    data: dict[str, Any] = {
        "kind": "symbolic",
        "value": str(value),
        "variables": [str(name) for name in variables],
        "domain": [float(domain[0]), float(domain[1])],
        "hint": str(hint),
    }
    if feedback:
        data["feedback"] = list(feedback)
    return data


def part(
    name: str, answer: dict[str, Any], *, points: float = 1, label: str = ""
) -> dict[str, Any]:
    """One part of a multi-part answer: a short name (the key of the stored response), any
    other answer, its points (a weight) and the label shown before its input."""
    return {"name": str(name), "answer": answer, "points": float(points), "label": str(label)}


def parts(*items: dict[str, Any]) -> dict[str, Any]:
    """A multi-part answer from `part(...)`s; anticipated wrong answers belong to the parts."""
    return {"kind": "parts", "parts": list(items)}


def feedback(name: str, value: Any, message: str, credit: float = 0.0) -> dict[str, Any]:
    """An anticipated wrong answer: `value` computed from the parameters the wrong way (a
    number, vector or matrix; an expression string; an option index), the `message` a
    student who typed it sees, and the partial `credit` (0 <= credit < 1). `name` must be
    listed under `feedback:` in question.yaml."""
    plain = value if isinstance(value, str) else _plain(value)
    return {"name": str(name), "value": plain, "message": str(message), "credit": credit}


# ------------------------------------------------------------------------------------------
# Typesetting
# ------------------------------------------------------------------------------------------


def num(x: float, digits: int = 4) -> str:
    """An integer as an integer, otherwise rounded to `digits` decimals without trailing zeros."""
    x = float(x)
    if abs(x - round(x)) < 1e-12 and abs(x) < 1e15:
        return str(round(x))
    text = f"{x:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if text == "0" or text == "-0":
        return f"{x:.{digits}g}"
    return text


def sig(x: float, digits: int = 6) -> str:
    """Significant-figure formatting for results that may be very small or large."""
    return f"{float(x):.{digits}g}"


def paren(x: float, digits: int = 4) -> str:
    """A number wrapped in parentheses when negative, for use inside products."""
    text = num(x, digits)
    return f"({text})" if text.startswith("-") else text


def vec(values: Sequence[float] | np.ndarray, digits: int = 4) -> str:
    """A column vector."""
    body = r" \\ ".join(num(v, digits) for v in np.asarray(values, dtype=float))
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def rowvec(values: Sequence[float] | np.ndarray, digits: int = 4) -> str:
    """A tuple-like row `(1, 2, 3)`."""
    return "(" + ", ".join(num(v, digits) for v in np.asarray(values, dtype=float)) + ")"


def mat(values: Sequence[Sequence[float]] | np.ndarray, digits: int = 4) -> str:
    rows = np.asarray(values, dtype=float)
    body = r" \\ ".join(" & ".join(num(v, digits) for v in row) for row in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def poly(coefficients: Sequence[float], var: str = "x") -> str:
    """`[a, b, c]` (highest power first) as `a x^2 + b x + c`, skipping zero terms."""
    degree = len(coefficients) - 1
    parts: list[str] = []
    for i, c in enumerate(coefficients):
        power = degree - i
        if c == 0:
            continue
        magnitude = abs(c)
        coef = "" if magnitude == 1 and power > 0 else num(magnitude)
        term = coef + (var if power >= 1 else "") + (f"^{power}" if power > 1 else "")
        sign = "-" if c < 0 else "+"
        parts.append(f"{sign} {term}")
    if not parts:
        return "0"
    text = " ".join(parts)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


def terms(pairs: Sequence[tuple[float, str]]) -> str:
    """`[(-3, "x^2"), (1, "xy"), (0, "y")]` as `-3x^2 + xy`: signs merged, 1s and 0s tidied."""
    parts: list[str] = []
    for coef, var in pairs:
        if coef == 0:
            continue
        magnitude = abs(coef)
        body = (num(magnitude) if magnitude != 1 or not var else "") + var
        parts.append(("- " if coef < 0 else "+ ") + body)
    if not parts:
        return "0"
    text = " ".join(parts)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]
