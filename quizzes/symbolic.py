"""Symbolic answers: a formula in named variables, such as the derivative `2*x*cos(x^2)`.

Student text is parsed by the small recursive-descent parser of `quizzes.answers` (its tokenizer,
limits and error messages), extended with variables, and turned into a SymPy expression tree one
node at a time (`sympy.Add`, `sympy.Mul`, `sympy.cos`, ...). Nothing is handed to `eval`,
`sympify` or `parse_expr`, and nothing reaches SymPy before the limits below are checked:

- input length, token count and nesting depth (`answers.MAX_*`);
- every constant sub-expression is also computed in floats while parsing, and must stay below
  `MAX_CONSTANT` (so `9^9^9^9` or `10^10^10` is refused before SymPy would build a big integer);
- a constant exponent is at most `MAX_EXPONENT` in size (`x^100000` is refused: expanding or
  differentiating it is not what a student meant);
- number literals have at most three exponent digits (`1e-99999` would be an exact huge
  denominator).

Trees are built unevaluated (`evaluate=False`): SymPy's automatic canonicalization (collecting
terms, denesting radicals) takes unpredictable time on odd input. Equivalence is then decided in
three steps, cheapest first: the two trees are identical (the same text); else both are evaluated
with NumPy at random points of the variables' domain (a walk over the SymPy tree, no `lambdify`,
which would `exec` generated code); only if too few points are defined for the expected answer
(the domain is mostly outside where it is real) does SymPy `simplify` the difference, and only
for small expressions with small exponents.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
import sympy

from quizzes.answers import (
    _REPLACEMENTS,
    MAX_TOKENS,
    AnswerParseError,
    _Cursor,
    _Token,
    _tokenize,
)

MAX_SYMBOLIC_CHARS = 500
MAX_CONSTANT = 1e100
MAX_EXPONENT = 64
MAX_LITERAL_EXPONENT = 300
SAMPLE_POINTS = 16
MIN_DEFINED_POINTS = 8
RTOL = 1e-7
ATOL = 1e-9
SIMPLIFY_MAX_OPS = 40
SIMPLIFY_MAX_EXPONENT = 6

_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]{0,15}$")  # what the tokenizer reads as a name

# Unary functions a student may use, and how each is computed at sample points.
_SYMPY_FUNCTIONS: dict[str, Callable[..., sympy.Expr]] = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "asin": sympy.asin,
    "acos": sympy.acos,
    "atan": sympy.atan,
    "arcsin": sympy.asin,
    "arccos": sympy.acos,
    "arctan": sympy.atan,
    "sinh": sympy.sinh,
    "cosh": sympy.cosh,
    "tanh": sympy.tanh,
    "exp": sympy.exp,
    "log": sympy.log,
    "ln": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
}
_FLOAT_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "asin": math.asin,
    "acos": math.acos,
    "atan": math.atan,
    "arcsin": math.asin,
    "arccos": math.acos,
    "arctan": math.atan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "exp": math.exp,
    "log": math.log,
    "ln": math.log,
    "sqrt": math.sqrt,
    "abs": abs,
}
# The SymPy function classes the numeric walk knows, with their NumPy counterparts.
_NUMPY_FUNCTIONS: dict[type, Callable[[np.ndarray], np.ndarray]] = {
    sympy.sin: np.sin,
    sympy.cos: np.cos,
    sympy.tan: np.tan,
    sympy.asin: np.arcsin,
    sympy.acos: np.arccos,
    sympy.atan: np.arctan,
    sympy.sinh: np.sinh,
    sympy.cosh: np.cosh,
    sympy.tanh: np.tanh,
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.Abs: np.abs,
}


@dataclass(frozen=True)
class _Node:
    """A parsed sub-expression: its SymPy tree, its float value when it is a constant, and
    LaTeX that mirrors what was typed (the live preview shows how the input was read)."""

    expr: sympy.Expr
    const: float | None
    tex: str = ""


def _const(value: float) -> float:
    if not math.isfinite(value) or abs(value) > MAX_CONSTANT:
        raise AnswerParseError("a number in the answer is too large")
    return value


class _SymbolicParser(_Cursor):
    """The grammar of `quizzes.answers` for one expression (no vectors), plus variables."""

    def __init__(self, tokens: list[_Token], variables: Sequence[str]) -> None:
        super().__init__(tokens)
        self.symbols = {name: sympy.Symbol(name, real=True) for name in variables}

    def answer(self) -> _Node:
        node = self.expr()
        token = self.peek()
        if token.kind != "end":
            raise AnswerParseError(f"unexpected {token.text!r} at position {token.pos + 1}")
        return node

    def expr(self) -> _Node:
        self.enter()
        node = self.term()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            rhs = self.term()
            tex = f"{node.tex} {op} {rhs.tex}"
            if op == "-":
                rhs = _Node(_mul(sympy.Integer(-1), rhs.expr), _neg(rhs.const))
            node = _Node(_add(node.expr, rhs.expr), _both(node, rhs, lambda a, b: a + b), tex)
        self.leave()
        return node

    def term(self) -> _Node:
        node = self.unary()
        while True:
            token = self.peek()
            if token.text == "*":
                self.take()
                rhs = self.unary()
                node = _Node(
                    _mul(node.expr, rhs.expr),
                    _both(node, rhs, lambda a, b: a * b),
                    f"{node.tex} \\cdot {rhs.tex}",
                )
            elif token.text == "/":
                self.take()
                rhs = self.unary()
                if rhs.const == 0:
                    raise AnswerParseError("division by zero")
                node = _Node(
                    _mul(node.expr, _pow(rhs.expr, sympy.Integer(-1))),
                    _both(node, rhs, lambda a, b: a / b),
                    f"\\frac{{{node.tex}}}{{{rhs.tex}}}",
                )
            elif token.kind == "name" or token.text == "(":
                # Implicit multiplication: `2x`, `x sin(x)`, `2(x+1)`, `(x+1)(x-1)`; never
                # `2 3`, a likely typo.
                rhs = self.power()
                node = _Node(
                    _mul(node.expr, rhs.expr),
                    _both(node, rhs, lambda a, b: a * b),
                    f"{node.tex}\\,{rhs.tex}",
                )
            else:
                return node

    def unary(self) -> _Node:
        token = self.peek()
        if token.text in ("+", "-"):
            self.take()
            self.enter()
            node = self.unary()
            self.leave()
            if token.text == "-":
                return _Node(_mul(sympy.Integer(-1), node.expr), _neg(node.const), f"-{node.tex}")
            return node
        return self.power()

    def power(self) -> _Node:
        base = self.atom()
        if self.peek().text in ("^", "**"):
            self.take()
            self.enter()
            exponent = self.unary()
            self.leave()
            return _power(base, exponent)
        return base

    def atom(self) -> _Node:
        token = self.take()
        if token.kind == "number":
            return _number(token.text)
        if token.kind == "name":
            return self.name(token)
        if token.text == "(":
            node = self.expr()
            self.expect(")")
            return replace(node, tex=f"\\left({node.tex}\\right)")
        if token.kind == "end":
            raise AnswerParseError("the answer ends too early")
        raise AnswerParseError(f"unexpected {token.text!r} at position {token.pos + 1}")

    def name(self, token: _Token) -> _Node:
        name = token.text
        if name in self.symbols:
            return _Node(self.symbols[name], None, _name_tex(name))
        lower = name.lower()
        if lower in _SYMPY_FUNCTIONS:
            self.expect("(")
            arg = self.expr()
            self.expect(")")
            return _call(lower, arg)
        if lower == "pi":
            return _Node(sympy.pi, math.pi, "\\pi")
        if lower == "e":
            return _Node(sympy.E, math.e, "e")
        # `xy` for x*y when x and y are one-letter variables.
        if all(ch in self.symbols for ch in name):
            return _Node(_mul(*(self.symbols[ch] for ch in name)), None, " ".join(name))
        allowed = ", ".join(sorted(self.symbols)) or "none"
        raise AnswerParseError(
            f"unknown name {name!r}; variables: {allowed}; functions: "
            + ", ".join(sorted(set(_SYMPY_FUNCTIONS) - {"arcsin", "arccos", "arctan"}))
        )


# Trees are built with evaluate=False: SymPy's automatic canonicalization (collecting terms,
# denesting radicals, computing constant powers) costs unpredictable time on student input;
# equivalence is decided numerically instead.
def _add(*args: sympy.Expr) -> sympy.Expr:
    return sympy.Add(*args, evaluate=False)


def _mul(*args: sympy.Expr) -> sympy.Expr:
    return sympy.Mul(*args, evaluate=False)


def _pow(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    return sympy.Pow(base, exponent, evaluate=False)


_GREEK = frozenset(
    (
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
        "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega",
    )
)  # fmt: skip
_TEX_FUNCTIONS = {"asin": "arcsin", "acos": "arccos", "atan": "arctan", "ln": "ln", "log": "log"}


def _name_tex(name: str) -> str:
    if name in _GREEK:
        return f"\\{name}"
    if len(name) == 1:
        return name
    match = re.fullmatch(r"([A-Za-z])(\d+)", name)
    if match:  # x1 -> x_1
        return f"{match[1]}_{{{match[2]}}}"
    return f"\\mathrm{{{name}}}"


def _call_tex(name: str, arg: str) -> str:
    if name == "sqrt":
        return f"\\sqrt{{{arg}}}"
    if name == "abs":
        return f"\\left|{arg}\\right|"
    operator = _TEX_FUNCTIONS.get(name, name)
    return f"\\{operator}\\left({arg}\\right)"


def _neg(value: float | None) -> float | None:
    return None if value is None else -value


def _both(a: _Node, b: _Node, op: Callable[[float, float], float]) -> float | None:
    if a.const is None or b.const is None:
        return None
    try:
        return _const(op(a.const, b.const))
    except ZeroDivisionError:
        raise AnswerParseError("division by zero") from None
    except OverflowError:
        raise AnswerParseError("a number in the answer is too large") from None


def _number(text: str) -> _Node:
    _, _, exponent = text.lower().partition("e")
    if exponent and abs(int(exponent)) > MAX_LITERAL_EXPONENT:
        raise AnswerParseError(f"the number {text} is out of range")
    value = _const(float(text))
    exact = Fraction(text)
    return _Node(sympy.Rational(exact.numerator, exact.denominator), value, text)


def _power(base: _Node, exponent: _Node) -> _Node:
    if exponent.const is not None and abs(exponent.const) > MAX_EXPONENT:
        raise AnswerParseError(f"the exponent {exponent.const:g} is too large")
    const = None
    if base.const is not None and exponent.const is not None:
        try:
            const = _const(math.pow(base.const, exponent.const))
        except OverflowError:
            raise AnswerParseError("a number in the answer is too large") from None
        except (ValueError, ZeroDivisionError):
            raise AnswerParseError(
                f"{base.const:g}^{exponent.const:g} is not a real number"
            ) from None
    return _Node(_pow(base.expr, exponent.expr), const, f"{{{base.tex}}}^{{{exponent.tex}}}")


def _call(name: str, arg: _Node) -> _Node:
    const = None
    if arg.const is not None:
        try:
            const = _const(float(_FLOAT_FUNCTIONS[name](arg.const)))
        except OverflowError:
            raise AnswerParseError(f"{name}({arg.const:g}) is too large") from None
        except ValueError:
            raise AnswerParseError(f"{name}({arg.const:g}) is not defined") from None
    return _Node(_SYMPY_FUNCTIONS[name](arg.expr, evaluate=False), const, _call_tex(name, arg.tex))


def preview_tex(text: str, variables: Sequence[str]) -> str:
    """LaTeX of `text` as the parser reads it (`1/2x` shows as a half times x), or "" when it
    cannot be read. Shown under the box as the student types."""
    try:
        tokens = _checked_tokens(text)
        return _SymbolicParser(tokens, variables).answer().tex
    except (AnswerParseError, RecursionError):
        return ""


def check_variables(variables: Sequence[str]) -> None:
    """Variable names an author may declare (raises ValueError for a bad spec)."""
    for name in variables:
        if not _NAME_RE.match(name) or name.lower() in _SYMPY_FUNCTIONS or name in ("pi", "e"):
            raise ValueError(f"invalid variable name {name!r}")


def parse_symbolic(text: str, variables: Sequence[str]) -> sympy.Expr:
    """Parse `text` into a SymPy expression in `variables`.

    Raises `AnswerParseError` (a message for the student) and nothing else.
    """
    tokens = _checked_tokens(text)
    try:
        node = _SymbolicParser(tokens, variables).answer()
    except RecursionError:  # pragma: no cover - depth is bounded well below the limit
        raise AnswerParseError("the answer is nested too deeply") from None
    return node.expr


def _checked_tokens(text: str) -> list[_Token]:
    if not isinstance(text, str):
        raise AnswerParseError("the answer must be text")
    if len(text) > MAX_SYMBOLIC_CHARS:
        raise AnswerParseError(f"the answer is longer than {MAX_SYMBOLIC_CHARS} characters")
    for old, new in _REPLACEMENTS.items():
        text = text.replace(old, new)
    text = text.strip()
    if not text:
        raise AnswerParseError("the answer is empty")
    tokens = _tokenize(text)
    if len(tokens) > MAX_TOKENS:  # pragma: no cover - _tokenize stops earlier
        raise AnswerParseError("the answer is too long")
    for token in tokens:
        if token.text in ("[", "]", ",", ";"):
            raise AnswerParseError("write a single expression, not a vector")
    return tokens


# -- numeric evaluation ------------------------------------------------------------------


class _NotNumeric(Exception):
    """The tree holds something the NumPy walk cannot compute (never from our parser)."""


def evaluate(expr: sympy.Expr, values: dict[sympy.Symbol, np.ndarray]) -> np.ndarray:
    """`expr` at many points at once: a walk over the SymPy tree with NumPy (no lambdify)."""
    with np.errstate(all="ignore"):
        return np.asarray(_walk(expr, values), dtype=float)


def _walk(expr: sympy.Basic, values: dict[sympy.Symbol, np.ndarray]) -> np.ndarray | float:
    if isinstance(expr, sympy.Symbol):
        if expr not in values:
            raise _NotNumeric(str(expr))
        return values[expr]
    if expr.is_Number or isinstance(expr, sympy.NumberSymbol):
        return float(expr)  # real: the parser makes no imaginary unit
    if isinstance(expr, sympy.Add):
        total: np.ndarray | float = 0.0
        for arg in expr.args:
            total = total + _walk(arg, values)
        return total
    if isinstance(expr, sympy.Mul):
        product: np.ndarray | float = 1.0
        for arg in expr.args:
            product = product * _walk(arg, values)
        return product
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        powered: np.ndarray = np.power(_as_array(_walk(base, values)), _walk(exponent, values))
        return powered
    function = _NUMPY_FUNCTIONS.get(type(expr))
    if function is not None and len(expr.args) == 1:
        return function(_as_array(_walk(expr.args[0], values)))
    raise _NotNumeric(type(expr).__name__)


def _as_array(value: np.ndarray | float) -> np.ndarray:
    return np.asarray(value, dtype=float)


@dataclass(frozen=True)
class Comparison:
    equivalent: bool
    how: str  # "identical", "points", "simplify", "different", "undecided"


def _sample(
    variables: Sequence[str], domain: tuple[float, float], key: str
) -> dict[str, np.ndarray]:
    # Seeded from the expected answer, so a check is a pure function of (spec, text).
    rng = np.random.default_rng(zlib.crc32(key.encode()))
    low, high = domain
    return {name: rng.uniform(low, high, SAMPLE_POINTS) for name in variables}


def compare(
    expected: sympy.Expr,
    got: sympy.Expr,
    *,
    variables: Sequence[str],
    domain: tuple[float, float],
) -> Comparison:
    if expected == got:
        return Comparison(True, "identical")
    symbols = {sympy.Symbol(name, real=True): name for name in variables}
    points = _sample(variables, domain, sympy.srepr(expected))
    values = {symbol: points[name] for symbol, name in symbols.items()}
    try:
        want = evaluate(expected, values)
        have = evaluate(got, values)
    except _NotNumeric:
        return _by_simplify(expected, got)
    want = np.broadcast_to(want, (SAMPLE_POINTS,))
    have = np.broadcast_to(have, (SAMPLE_POINTS,))
    defined = np.isfinite(want)
    if defined.sum() < MIN_DEFINED_POINTS:
        return _by_simplify(expected, got)
    want, have = want[defined], have[defined]
    scale = np.maximum(np.abs(want), 1.0)
    close = np.isfinite(have) & (np.abs(have - want) <= RTOL * scale + ATOL)
    return Comparison(bool(close.all()), "points" if close.all() else "different")


def _small_powers(expr: sympy.Expr) -> bool:
    return all(
        not power.exp.is_Number or abs(float(power.exp)) <= SIMPLIFY_MAX_EXPONENT
        for power in expr.atoms(sympy.Pow)
    )


def _by_simplify(expected: sympy.Expr, got: sympy.Expr) -> Comparison:
    cheap = (
        sympy.count_ops(expected) + sympy.count_ops(got) <= SIMPLIFY_MAX_OPS
        and _small_powers(expected)
        and _small_powers(got)
    )
    if not cheap:
        return Comparison(False, "undecided")
    difference = sympy.simplify(expected - got)
    return Comparison(bool(difference == 0), "simplify")
