"""Runs inside an authors' jail: an exercise's cases.py, reference.py and MISTAKES.

This file is never imported to run author code on the trusted side: `grader.authors` sends
its *text*, with the exercise's sources, as the program of a jail (the same jail students'
code runs in), and calls `mlquiz_author_run` there. What comes back is data only (through
the codec, never pickle): every case's inputs and settings, the reference's expected value
(or the exception it raised, for must-raise cases), each known mistake's output on each
case, and the problems found, in the words `grader.grading` has always used.

Imports only the standard library and NumPy (what a jail has).
"""

from __future__ import annotations

import builtins
import copy
import sys
import types
from typing import Any

import numpy as np

# Filled in by grader.authors when it builds the program.
CASES_LIBRARY = ""  # the text of grader/cases.py: `from grader.cases import Case` works
CASES_SOURCE = ""
REFERENCE_SOURCE = ""


class _Broken(Exception):
    """The exercise is broken; the message says how (sent back as data)."""


def _module(name: str, source: str, filename: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    exec(compile(source, filename, "exec", dont_inherit=True), module.__dict__)  # noqa: S102
    return module


def _library() -> Any:
    package = types.ModuleType("grader")
    package.__path__ = []
    sys.modules["grader"] = package
    library = _module("grader.cases", CASES_LIBRARY, "grader/cases.py")
    package.cases = library  # type: ignore[attr-defined]  # a module attribute set at run time
    return library


def _builtin_name(klass: type) -> str:
    """The nearest built-in exception class's name (what a student's error reports as)."""
    for base in klass.__mro__:
        if getattr(builtins, base.__name__, None) is base:
            name: str = base.__name__  # annotated: the `is` test narrows base to Any
            return name
    return "BaseException"


def _quiet_call(func: Any, case: Any) -> Any:
    args = copy.deepcopy(case.args)
    kwargs = copy.deepcopy(case.kwargs)
    with np.errstate(all="ignore"):
        return func(*args, **kwargs)


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, tuple | list):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(_same_value(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_same_value(a[key], b[key]) for key in a)
        )
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return type(a) is type(b) and bool(a == b)


def _settings(case: Any) -> tuple[Any, ...]:
    return (
        case.name,
        case.raises,
        case.raises_exactly,
        case.check,
        case.rtol,
        case.atol,
        case.visible,
        case.kind,
    )


def _determinism_problems(first: list[Any], second: list[Any], seed: int) -> list[str]:
    if len(first) != len(second):
        return [
            f"cases() is not deterministic for seed {seed}: {len(first)} vs {len(second)} cases"
        ]
    problems: list[str] = []
    names = [case.name for case in first]
    if len(set(names)) != len(names):
        problems.append("two cases share a name; names identify tests to students")
    if not any(case.visible for case in first):
        problems.append("no visible case: Run would grade nothing")
    for a, b in zip(first, second, strict=True):
        if _settings(a) != _settings(b) or not (
            _same_value(a.args, b.args) and _same_value(a.kwargs, b.kwargs)
        ):
            problems.append(
                f"cases() is not deterministic for seed {seed}: case {a.name!r} differs"
            )
            break
    return problems


def _build_cases(library: Any, make_cases: Any, slug: str, seed: int) -> list[Any]:
    try:
        raw = make_cases(np.random.default_rng(seed))
    except Exception as exc:
        raise _Broken(f"{slug}: cases(rng) failed: {type(exc).__name__}: {exc}") from None
    if not isinstance(raw, list | tuple) or not raw:
        raise _Broken(f"{slug}: cases(rng) must return a non-empty list of Case")
    for index, case in enumerate(raw):
        if not isinstance(case, library.Case):
            raise _Broken(f"cases() item {index} is {type(case).__name__}, not grader.cases.Case")
        if not isinstance(case.args, tuple) or not isinstance(case.kwargs, dict):
            raise _Broken(f"case {case.name!r}: args must be a tuple and kwargs a dict")
        if case.raises is not None and not (
            isinstance(case.raises, type) and issubclass(case.raises, BaseException)
        ):
            raise _Broken(f"case {case.name!r}: raises must be an exception class like ValueError")
        if case.raises_exactly and (
            case.raises is None or getattr(builtins, case.raises.__name__, None) is not case.raises
        ):
            raise _Broken(
                f"case {case.name!r}: raises_exactly needs raises set to a built-in exception "
                "class like ValueError"
            )
    return list(raw)


def _expected(reference: Any, case: Any, slug: str) -> Any:
    if case.raises is not None:
        try:
            value = _quiet_call(reference, case)
        except case.raises as exc:
            if case.raises_exactly and type(exc) is not case.raises:
                raise _Broken(
                    f"{slug}: case {case.name!r}: the reference raised {type(exc).__name__}, "
                    f"a subclass of {case.raises.__name__}, but the case has raises_exactly"
                ) from None
            return None
        except Exception as exc:
            raise _Broken(
                f"{slug}: case {case.name!r}: the reference raised {type(exc).__name__}, "
                f"not {case.raises.__name__}"
            ) from None
        raise _Broken(
            f"{slug}: case {case.name!r}: the reference returned {_short(value)} "
            f"instead of raising {case.raises.__name__}"
        )
    try:
        value = _quiet_call(reference, case)
    except Exception as exc:
        raise _Broken(
            f"{slug}: case {case.name!r}: the reference raised {type(exc).__name__}: {exc}"
        ) from None
    if not _crossable(value):
        raise _Broken(
            f"{slug}: case {case.name!r}: the reference returned a {type(value).__name__}; "
            "use NumPy arrays, numbers, strings, booleans, None, or tuples/lists of these"
        )
    return value


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _crossable(value: Any, depth: int = 0) -> bool:
    """Whether the codec can carry `value` (what a student's function may return, too)."""
    if depth > 16:
        return False
    if value is None or isinstance(value, bool | int | float | str):
        return True
    if isinstance(value, np.ndarray | np.generic):
        return np.asarray(value).dtype.kind in "biufc"
    if isinstance(value, tuple | list):
        return all(_crossable(item, depth + 1) for item in value)
    return False


def _mistake_output(mistake: Any, case: Any) -> tuple[bool, Any]:
    try:
        value = _quiet_call(mistake.wrong, case)
    except Exception:
        return False, None  # a wrong implementation may well fail on some inputs
    # A value no student's function could return (a complex from a negative base to a
    # fractional power, a dict...) can match nothing: leave it out.
    return (True, value) if _crossable(value) else (False, None)


def _case_data(case: Any, expected: Any, mistakes: list[Any]) -> tuple[Any, ...]:
    return (
        str(case.name),
        case.args,
        tuple((str(key), value) for key, value in case.kwargs.items()),
        bool(case.visible),
        case.kind,
        None if case.raises is None else _builtin_name(case.raises),
        bool(case.raises_exactly),
        case.rtol,
        case.atol,
        case.check,
        case.dtype,
        case.reason,
        expected,
        tuple(_mistake_output(mistake, case) for mistake in mistakes),
    )


def mlquiz_author_run(slug: str, function: str, seed: int, twice: bool) -> tuple[Any, ...]:
    """("ok", cases, mistakes, nonfinite hint, problems) or ("broken", message).

    With `twice`, only cases.py runs: its cases are built two times from `seed` and the
    differences are the problems (the reference is left to grading to judge).
    """
    try:
        library = _library()
        cases_module = _load("exercise_cases", CASES_SOURCE, slug, "cases.py")
        make_cases = getattr(cases_module, "cases", None)
        if not callable(make_cases):
            raise _Broken(f"{slug}: cases.py must define cases(rng)")
        cases = _build_cases(library, make_cases, slug, seed)
        if twice:
            again = _build_cases(library, make_cases, slug, seed)
            return ("ok", (), (), "", tuple(_determinism_problems(cases, again, seed)))
        reference_module = _load("exercise_reference", REFERENCE_SOURCE, slug, "reference.py")
        reference = getattr(reference_module, function, None)
        if not callable(reference):
            raise _Broken(f"{slug}: reference.py does not define `{function}`")
        mistakes = list(getattr(cases_module, "MISTAKES", ()) or ())
        if not all(isinstance(m, library.Mistake) for m in mistakes):
            raise _Broken(f"{slug}: MISTAKES must be a list of grader.cases.Mistake")
        data = tuple(_case_data(case, _expected(reference, case, slug), mistakes) for case in cases)
        hint = getattr(cases_module, "NONFINITE_HINT", "") or ""
        names = tuple((str(m.name), str(m.hint)) for m in mistakes)
        return ("ok", data, names, str(hint), ())
    except _Broken as broken:
        return ("broken", str(broken))


def _load(name: str, source: str, slug: str, filename: str) -> types.ModuleType:
    try:
        return _module(name, source, f"{slug}/{filename}")
    except Exception as exc:
        raise _Broken(
            f"{slug}: loading cases.py/reference.py failed: {type(exc).__name__}: {exc}"
        ) from None
