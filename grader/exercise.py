"""Loading an exercise (folder or database text) into an `ExerciseSpec`.

The spec carries sources, not live objects: `reference.py` and `cases.py` are
trusted instructor code, exec'd into fresh module namespaces on the trusted
side each time they are needed (`load_trusted_module`), so one grading can
never leak state into the next.
"""

from __future__ import annotations

import functools
import keyword
import re
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from grader.sandbox import Limits

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-8
REQUIRED_FILES = ("exercise.yaml", "statement.md", "starter.py", "reference.py", "cases.py")
_LIMIT_FIELDS = {"cpu_seconds": float, "wall_seconds": float, "memory_mb": int}
# Ceilings so that a typo in exercise.yaml cannot tie up a worker for minutes.
_LIMIT_CEILINGS = {"cpu_seconds": 30.0, "wall_seconds": 60.0, "memory_mb": 2048}


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


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExerciseError(f"{path.parent.name}: missing {path.name}") from None
    except UnicodeDecodeError as exc:
        raise ExerciseError(
            f"{path.parent.name}: {path.name} is not UTF-8 ({exc.reason})"
        ) from None


def read_meta(path: Path) -> dict[str, Any]:
    """Parse exercise.yaml of the folder `path` (safe loader: plain data only)."""
    text = _read(path / "exercise.yaml")
    try:
        meta = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ExerciseError(f"{path.name}: exercise.yaml is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise ExerciseError(f"{path.name}: exercise.yaml must be a mapping of keys to values")
    return meta


def load_exercise_dir(path: Path) -> ExerciseSpec:
    """Build a spec from `content/exercises/<slug>/`; raises ExerciseError with a clear message."""
    path = Path(path)
    if not path.is_dir():
        raise ExerciseError(f"{path}: no such exercise folder")
    meta = read_meta(path)
    return exercise_from_sources(
        slug=path.name,
        meta=meta,
        reference=_read(path / "reference.py"),
        cases=_read(path / "cases.py"),
        starter=_read(path / "starter.py"),
    )


def _positive_float(slug: str, name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        raise ExerciseError(f"{slug}: {name} must be a non-negative number, got {value!r}")
    return float(value)


def _limits(slug: str, raw: Any) -> Limits:
    if raw is None:
        return Limits()
    if not isinstance(raw, dict):
        raise ExerciseError(
            f"{slug}: limits must be a mapping like {{cpu_seconds: 2, wall_seconds: 5}}"
        )
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _LIMIT_FIELDS:
            raise ExerciseError(
                f"{slug}: unknown limit {key!r} (allowed: {', '.join(_LIMIT_FIELDS)})"
            )
        number = _positive_float(slug, f"limits.{key}", value)
        if number <= 0 or number > _LIMIT_CEILINGS[key]:
            raise ExerciseError(
                f"{slug}: limits.{key} must be in (0, {_LIMIT_CEILINGS[key]:g}], got {value!r}"
            )
        values[key] = _LIMIT_FIELDS[key](number)
    return Limits(**values)


def exercise_from_sources(
    *, slug: str, meta: dict[str, Any], reference: str, cases: str, starter: str
) -> ExerciseSpec:
    """Validate metadata and sources (as stored in files or the database) into a spec."""
    if not isinstance(slug, str) or not SLUG_RE.match(slug):
        raise ExerciseError(f"{slug!r}: a slug is lowercase letters, digits and hyphens")
    function = meta.get("function")
    if not isinstance(function, str) or not function.isidentifier() or keyword.iskeyword(function):
        raise ExerciseError(
            f"{slug}: exercise.yaml needs `function:` naming a Python function, got {function!r}"
        )
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ExerciseError(f"{slug}: exercise.yaml needs a non-empty `title:`")
    tolerance = meta.get("tolerance") or {}
    if not isinstance(tolerance, dict) or set(tolerance) - {"rtol", "atol"}:
        raise ExerciseError(f"{slug}: tolerance must be a mapping with rtol and/or atol")
    banned = meta.get("banned") or []
    if not isinstance(banned, list) or not all(isinstance(b, str) and b.strip() for b in banned):
        raise ExerciseError(f'{slug}: banned must be a list of names like np.linalg.inv or "@"')
    for name, source in (("reference.py", reference), ("cases.py", cases), ("starter.py", starter)):
        if not isinstance(source, str) or not source.strip():
            raise ExerciseError(f"{slug}: {name} is empty")
        try:
            compile(source, f"{slug}/{name}", "exec")
        except SyntaxError as exc:
            raise ExerciseError(f"{slug}: {name} line {exc.lineno}: {exc.msg}") from None
    return ExerciseSpec(
        slug=slug,
        title=title.strip(),
        function=function,
        reference_source=reference,
        cases_source=cases,
        starter_source=starter,
        rtol=_positive_float(slug, "tolerance.rtol", tolerance.get("rtol", DEFAULT_RTOL)),
        atol=_positive_float(slug, "tolerance.atol", tolerance.get("atol", DEFAULT_ATOL)),
        limits=_limits(slug, meta.get("limits")),
        banned=tuple(b.strip() for b in banned),
        meta=dict(meta),
    )


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
