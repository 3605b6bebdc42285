"""Building blocks for an exercise's `cases.py` (see docs/exercise-format.md).

These objects live only on the trusted side: they hold the inputs and the
checks. The sandbox receives the inputs, never a `Case`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

CaseKind = Literal["example", "hidden", "edge"]
CheckName = Literal["allclose", "exact", "sign_invariant_columns", "scalar"]


@dataclass(frozen=True)
class Case:
    """One call of the student's function and how to judge its result."""

    name: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    visible: bool = False
    kind: CaseKind | None = None
    raises: type[BaseException] | None = None
    # With `raises`: only that very class counts, not a subclass. NumPy's LinAlgError is a
    # ValueError, so a statement promising "ValueError for a singular matrix" needs this to
    # tell the student's own check from np.linalg.solve failing for them.
    raises_exactly: bool = False
    rtol: float | None = None
    atol: float | None = None
    check: CheckName | tuple[CheckName, ...] = "allclose"
    dtype: Literal["float", "int", "bool"] | None = None
    # Words completing "expected ValueError for ...", e.g. "a singular matrix".
    # Optional: without it the must-raise message names the case instead.
    reason: str | None = None

    @property
    def label(self) -> CaseKind:
        if self.kind is not None:
            return self.kind
        return "example" if self.visible else "hidden"


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: when the student's output matches `wrong(*args, **kwargs)`,
    the failing test's message carries `hint`."""

    name: str
    wrong: Callable[..., Any]
    hint: str
