"""What the grader grades against: an `ExerciseSpec`.

The spec carries sources, not live objects: `reference.py` and `cases.py` are
authors' code, as untrusted as students', and run only in a jail
(`grader.authors`); this side receives their cases and expected values as data.
Specs are built from exercise.yaml and the sources by `catalog.manifest`, the
one reader of that format.
"""

from __future__ import annotations

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
