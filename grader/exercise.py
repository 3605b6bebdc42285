"""What the grader grades against: an `ExerciseSpec`.

The spec carries sources, not live objects: `reference.py` and `cases.py` are
trusted instructor code, exec'd into fresh module namespaces on the trusted
side each time they are needed (`load_trusted_module`), so one grading can
never leak state into the next. Specs are built from exercise.yaml and the
sources by `catalog.manifest`, the one reader of that format.
"""

from __future__ import annotations

import functools
import types
from dataclasses import dataclass, field
from typing import Any

from grader.sandbox import Limits

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-8


class ExerciseError(ValueError):
    """An exercise folder or its sources are malformed; the message says what to fix."""


@dataclass(frozen=True)
class ExerciseSpec:
    """Everything the trusted side needs to grade one exercise."""

    slug: str
    title: str
    function: str
    reference_source: str
    cases_source: str
    starter_source: str
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    limits: Limits = field(default_factory=Limits)
    banned: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def banned_reason(self) -> str:
        """Optional words after "`np.linalg.inv` is not allowed here: ..."."""
        return str(self.meta.get("banned_reason") or "")


@functools.lru_cache(maxsize=256)
def _compiled(source: str, filename: str) -> types.CodeType:
    return compile(source, filename, "exec")


def load_trusted_module(source: str, name: str) -> types.ModuleType:
    """Exec trusted instructor code (reference.py / cases.py) into a fresh module.

    Never call this with student code: student code runs only in the sandbox.
    """
    module = types.ModuleType(name)
    module.__file__ = name
    exec(_compiled(source, name), module.__dict__)  # noqa: S102 - trusted, instructor-authored
    return module
