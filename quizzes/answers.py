"""Safe parsing of what a student types as an answer.

Student input is hostile, so this is a small hand-written tokenizer and recursive-descent parser
over an allow-list (numbers, `pi`, `e`, a few functions, `+ - * / ^`, brackets for vectors and
matrices). Nothing is ever handed to `eval`, and every resource is bounded: input length, token
count, nesting depth, and float overflow is caught instead of producing `inf`.

Grammar (`^` and `**` are power, right-associative; juxtaposition multiplies, as in `2pi`):

    answer  := expr | array
    array   := '[' (array | expr) (',' (array | expr))* ','? ']'
    expr    := term (('+' | '-') term)*
    term    := unary (('*' | '/' | implicit) unary)*
    unary   := ('+' | '-') unary | power
    power   := atom (('^' | '**') unary)?
    atom    := NUMBER | CONST | FUNC '(' expr ')' | '(' expr ')'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

MAX_INPUT_CHARS = 2000
MAX_TOKENS = 400
MAX_DEPTH = 30
MAX_ARRAY_ITEMS = 100

CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e}


def _log(x: float) -> float:
    return math.log(x)


FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sqrt": math.sqrt,
    "exp": math.exp,
    "log": _log,
    "ln": _log,
    "log2": math.log2,
    "log10": math.log10,
    "abs": abs,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
}

# Friendly spellings people paste from documents or type on phones.
_REPLACEMENTS = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash
    "\u00d7": "*",  # multiplication sign
    "\u00b7": "*",  # middle dot
    "\u22c5": "*",  # dot operator
    "\u00f7": "/",
    "\u03c0": "pi",
    "\u221a": "sqrt",
}

_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z][A-Za-z0-9]*)
  | (?P<op>\*\*|[-+*/^(),\[\];])
    """,
    re.VERBOSE,
)


class AnswerParseError(ValueError):
    """The input is not a well-formed answer; the message is shown to the student."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "number" | "name" | "op" | "end"
    text: str
    pos: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        if match is None:
            raise AnswerParseError(f"unexpected character {text[pos]!r} at position {pos + 1}")
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(_Token(kind, match.group(), pos))
            if len(tokens) > MAX_TOKENS:
                raise AnswerParseError(f"the answer is too long (more than {MAX_TOKENS} symbols)")
        pos = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise AnswerParseError("a number in the answer is too large")
    return value


class _Cursor:
    """A position in a list of tokens, and how deeply the parse is nested (both parsers:
    this module's numbers and vectors, quizzes.symbolic's expressions)."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, text: str) -> None:
        token = self.take()
        if token.text != text:
            found = "the end of the answer" if token.kind == "end" else repr(token.text)
            raise AnswerParseError(f"expected {text!r} but found {found}")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise AnswerParseError("the answer is nested too deeply")

    def leave(self) -> None:
        self.depth -= 1


class _Parser(_Cursor):
    def answer(self) -> float | list[object]:
        if self.peek().text == "[":
            result: float | list[object] = self.array()
        else:
            result = self.expr()
        token = self.peek()
        if token.text in (",", ";") and not isinstance(result, list):
            raise AnswerParseError("write a vector in brackets, like [1, 2]")
        if token.kind != "end":
            raise AnswerParseError(f"unexpected {token.text!r} at position {token.pos + 1}")
        return result

    def array(self) -> list[object]:
        self.enter()
        self.expect("[")
        items: list[object] = []
        while True:
            if self.peek().text == "]" and items:
                break  # trailing comma
            items.append(self.array() if self.peek().text == "[" else self.expr())
            if len(items) > MAX_ARRAY_ITEMS:
                raise AnswerParseError("too many components")
            if self.peek().text in (",", ";"):
                self.take()
                continue
            break
        self.expect("]")
        self.leave()
        return items

    def expr(self) -> float:
        self.enter()
        value = self.term()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            rhs = self.term()
            value = _finite(value + rhs if op == "+" else value - rhs)
        self.leave()
        return value

    def term(self) -> float:
        value = self.unary()
        while True:
            token = self.peek()
            if token.text == "*":
                self.take()
                value = _finite(value * self.unary())
            elif token.text == "/":
                self.take()
                divisor = self.unary()
                if divisor == 0:
                    raise AnswerParseError("division by zero")
                value = _finite(value / divisor)
            elif token.kind == "name" or token.text == "(":
                # Implicit multiplication: `2pi`, `3sqrt(2)`, `2(1+1)`; never `2 3`, a likely typo.
                value = _finite(value * self.power())
            else:
                return value

    def unary(self) -> float:
        token = self.peek()
        if token.text in ("+", "-"):
            self.take()
            self.enter()
            value = self.unary()
            self.leave()
            return -value if token.text == "-" else value
        return self.power()

    def power(self) -> float:
        base = self.atom()
        if self.peek().text in ("^", "**"):
            self.take()
            self.enter()
            exponent = self.unary()
            self.leave()
            return _power(base, exponent)
        return base

    def atom(self) -> float:
        token = self.take()
        if token.kind == "number":
            return _finite(float(token.text))
        if token.kind == "name":
            name = token.text.lower()
            if name in CONSTANTS:
                return CONSTANTS[name]
            if name in FUNCTIONS:
                self.expect("(")
                arg = self.expr()
                self.expect(")")
                return _call(name, arg)
            raise AnswerParseError(
                f"unknown name {token.text!r}; allowed: numbers, pi, e, "
                + ", ".join(sorted(FUNCTIONS))
            )
        if token.text == "(":
            value = self.expr()
            self.expect(")")
            return value
        if token.text == "[":
            raise AnswerParseError("a vector cannot appear inside an arithmetic expression")
        if token.kind == "end":
            raise AnswerParseError("the answer ends too early")
        raise AnswerParseError(f"unexpected {token.text!r} at position {token.pos + 1}")


def _power(base: float, exponent: float) -> float:
    try:
        result = math.pow(base, exponent)
    except OverflowError:
        raise AnswerParseError("a number in the answer is too large") from None
    except (ValueError, ZeroDivisionError):
        raise AnswerParseError(f"{base:g}^{exponent:g} is not a real number") from None
    return _finite(result)


def _call(name: str, arg: float) -> float:
    try:
        return _finite(float(FUNCTIONS[name](arg)))
    except OverflowError:
        raise AnswerParseError(f"{name}({arg:g}) is too large") from None
    except ValueError:
        raise AnswerParseError(f"{name}({arg:g}) is not defined") from None


def _to_array(value: float | list[object]) -> np.ndarray:
    if isinstance(value, float):
        return np.asarray(value, dtype=float)
    rows = [_to_array(item) for item in value]  # type: ignore[arg-type]
    shapes = {row.shape for row in rows}
    if len({row.ndim for row in rows}) != 1:
        raise AnswerParseError("a matrix row must be in brackets, like [[1, 2], [3, 4]]")
    if len(shapes) != 1:
        raise AnswerParseError("the rows of the matrix have different lengths")
    if rows[0].ndim >= 2:
        raise AnswerParseError("only vectors and matrices are accepted")
    return np.stack(rows)


def parse_answer(text: str) -> np.ndarray:
    """Parse a student's answer into a float array (0-d for a number, 1-d vector, 2-d matrix).

    Raises `AnswerParseError` with a message for the student; never anything else.
    """
    if not isinstance(text, str):
        raise AnswerParseError("the answer must be text")
    if len(text) > MAX_INPUT_CHARS:
        raise AnswerParseError(f"the answer is longer than {MAX_INPUT_CHARS} characters")
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    text = text.strip()
    if not text:
        raise AnswerParseError("the answer is empty")
    parser = _Parser(_tokenize(text))
    try:
        value = parser.answer()
    except RecursionError:  # pragma: no cover - depth is bounded well below the limit
        raise AnswerParseError("the answer is nested too deeply") from None
    return _to_array(value)


def format_number(value: float, digits: int = 10) -> str:
    """A canonical string for a float that parses back to (nearly) the same value."""
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.{digits}g}"


def format_answer(value: np.ndarray | float, digits: int = 10) -> str:
    """The text a student could type for `value` (number, vector or matrix)."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return format_number(float(array), digits)
    return "[" + ", ".join(format_answer(item, digits) for item in array) + "]"
