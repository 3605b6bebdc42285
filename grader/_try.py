"""Runs inside an authors' jail for "Try it": evaluate the student's input, call the reference.

Never imported to run anything on the trusted side: `grader.tryit` sends this file's *text*,
with the exercise's reference.py, as the program of a jail. The input is typed by a student,
so it is evaluated here, in the jail, never by the trusted side: a Python literal or a NumPy
expression, with NumPy, math and a few harmless builtins. What goes back is data only.

Imports only the standard library and NumPy (what a jail has).
"""

from __future__ import annotations

import builtins
import copy
import math
import types
from typing import Any

import numpy as np

# Filled in by grader.tryit when it builds the program.
REFERENCE_SOURCE = ""

# fmt: off
_SAFE_NAMES = [
    "abs", "all", "any", "bool", "complex", "dict", "divmod", "enumerate", "float", "int",
    "len", "list", "max", "min", "pow", "range", "reversed", "round", "set", "slice",
    "sorted", "str", "sum", "tuple", "zip", "True", "False", "None",
]
# fmt: on
_SAFE_BUILTINS = {name: getattr(builtins, name) for name in _SAFE_NAMES}


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def mlquiz_try_reference(text: str, function: str) -> tuple[Any, ...]:
    """("ok", args, expected) | ("input", message) | ("raised", args, type name, message)."""
    namespace = {"np": np, "numpy": np, "math": math, "__builtins__": _SAFE_BUILTINS}
    try:
        value = eval(compile(text, "<your input>", "eval"), namespace)  # noqa: S307 - jailed
    except BaseException as exc:
        return ("input", f"your input could not be evaluated: {_describe(exc)}")
    args = value if isinstance(value, tuple) else (value,)
    if any(callable(arg) or isinstance(arg, types.ModuleType) for arg in args):
        return ("input", "the arguments must be values (numbers, lists, arrays), not functions")
    module = types.ModuleType("exercise_reference")
    exec(compile(REFERENCE_SOURCE, "reference.py", "exec"), module.__dict__)  # noqa: S102
    reference = getattr(module, function)
    try:
        expected = reference(*copy.deepcopy(args))
    except BaseException as exc:
        return ("raised", args, type(exc).__name__, str(exc))
    return ("ok", args, expected)
