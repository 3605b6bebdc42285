"""Runs inside an authors' jail: a question folder's generator.py, on a batch of seeds.

Never imported to run author code on the trusted side: `grader.questions` sends this file's
*text*, with `grader/questionlib.py` and the question's generator.py, as the program of a
jail (the same jail students' and exercise authors' code runs in) and calls
`mlquiz_question_run` there. For every seed it calls `generate(np.random.default_rng(seed))`
(again with the same generator while the draw is rejected by `require`) and sends the
variant back as JSON text inside the codec's frame: data only, never pickle. The trusted
side parses and validates it (`grader.questions`) and renders and sanitizes the Markdown.

Imports only the standard library and NumPy (what a jail has).
"""

from __future__ import annotations

import json
import sys
import types
from typing import Any

import numpy as np

# Filled in by grader.questions when it builds the program.
QUESTIONLIB = ""  # the text of grader/questionlib.py: `from questionlib import num` works
GENERATOR_SOURCE = ""
MAX_REDRAWS = 200


class _Broken(Exception):
    """The question is broken; the message says how (sent back as data)."""


def _module(name: str, source: str, filename: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    exec(compile(source, filename, "exec", dont_inherit=True), module.__dict__)  # noqa: S102
    return module


def _plain(value: Any, where: str, depth: int = 0) -> Any:
    """JSON-ready data: NumPy arrays and scalars become lists and numbers."""
    if depth > 16:
        raise _Broken(f"{where} nests too deep")
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, np.ndarray | np.generic):
        if np.asarray(value).dtype.kind not in "biuf":
            raise _Broken(f"{where} holds a {np.asarray(value).dtype} array; use numbers")
        return value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(item, where, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item, where, depth + 1) for key, item in value.items()}
    raise _Broken(f"{where} holds a {type(value).__name__}; use numbers, strings, lists, dicts")


def _one(generate: Any, library: Any, slug: str, seed: int) -> str:
    rng = np.random.default_rng(seed)
    for _ in range(MAX_REDRAWS):
        try:
            with np.errstate(all="ignore"):
                raw = generate(rng)
        except library.Degenerate:
            continue
        except Exception as exc:
            raise _Broken(
                f"{slug}: generate(rng) failed on seed {seed}: {type(exc).__name__}: {exc}"
            ) from None
        if not isinstance(raw, dict):
            raise _Broken(f"{slug}: generate(rng) must return a dict, got {type(raw).__name__}")
        data = _plain(raw, f"{slug}: seed {seed}: the returned dict")
        return json.dumps(data, sort_keys=True)
    raise _Broken(f"{slug}: generate(rng) found no usable draw for seed {seed}")


def mlquiz_question_run(slug: str, seeds: list[int], twice: bool) -> tuple[Any, ...]:
    """("ok", [JSON text per seed], problems) or ("broken", message).

    With `twice`, every seed is generated a second time from a fresh generator and a
    difference is a problem (a generator must be a pure function of its seed).
    """
    try:
        library = _module("questionlib", QUESTIONLIB, "questionlib.py")
        try:
            module = _module("question_generator", GENERATOR_SOURCE, f"{slug}/generator.py")
        except Exception as exc:
            raise _Broken(
                f"{slug}: loading generator.py failed: {type(exc).__name__}: {exc}"
            ) from None
        generate = getattr(module, "generate", None)
        if not callable(generate):
            raise _Broken(f"{slug}: generator.py must define generate(rng)")
        texts = [_one(generate, library, slug, int(seed)) for seed in seeds]
        problems: list[str] = []
        if twice:
            for seed, text in zip(seeds, texts, strict=True):
                if _one(generate, library, slug, int(seed)) != text:
                    problems.append(f"generate(rng) is not deterministic for seed {seed}")
        return ("ok", texts, problems)
    except _Broken as broken:
        return ("broken", str(broken))
