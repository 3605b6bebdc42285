"""Load the ready-made quizzes in content/quizzes/*.yaml into the database, idempotently.

Quizzes are matched by slug; a file with errors is reported and skipped, the others still load.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError

from catalog.models import Lesson
from quizzes.generators import UnknownGenerator, get_generator
from quizzes.models import Quiz
from quizzes.services import QuizError, SlotSpec, quiz_save

_FIELDS = {
    "title",
    "description",
    "topic",
    "attempts_allowed",
    "time_limit_minutes",
    "show_solutions",
    "is_published",
}


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, str] = field(default_factory=dict)


def default_quiz_dir() -> Path:
    return Path(settings.BASE_DIR) / "content" / "quizzes"


def parse_quiz_file(path: Path) -> tuple[str, dict[str, Any], list[SlotSpec], str | None]:
    """Validate one file; returns (slug, fields, slots, lesson slug). Raises QuizError."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuizError(f"cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise QuizError("expected a mapping at the top level")
    slug = data.get("slug") or path.stem
    unknown = set(data) - _FIELDS - {"slug", "slots", "lesson"}
    if unknown:
        raise QuizError(f"unknown keys: {', '.join(sorted(unknown))}")
    slots = []
    for i, raw in enumerate(data.get("slots") or []):
        if not isinstance(raw, dict) or "generator" not in raw:
            raise QuizError(f"slot {i + 1}: needs a generator")
        try:
            get_generator(str(raw["generator"]))
        except UnknownGenerator:
            raise QuizError(f"slot {i + 1}: unknown generator {raw['generator']!r}") from None
        slots.append(
            SlotSpec(str(raw["generator"]), int(raw.get("count", 1)), int(raw.get("points", 1)))
        )
    if not slots:
        raise QuizError("a quiz needs at least one slot")
    fields = {k: v for k, v in data.items() if k in _FIELDS}
    fields["description"] = fields.get("description") or ""
    fields["topic"] = fields.get("topic") or ""
    return str(slug), fields, slots, data.get("lesson")


def load_quizzes(*, directory: Path | None = None, check: bool = False) -> LoadReport:
    directory = directory or default_quiz_dir()
    report = LoadReport()
    for path in sorted(directory.glob("*.yaml")):
        try:
            slug, fields, slots, lesson_slug = parse_quiz_file(path)
            if check:
                report.loaded.append(slug)
                continue
            lesson = Lesson.objects.filter(slug=lesson_slug).first() if lesson_slug else None
            if lesson_slug and lesson is None:
                report.warnings[path.name] = f"lesson {lesson_slug!r} not found; quiz not linked"
            fields["lesson"] = lesson
            quiz_save(slug=slug, fields=fields, slots=slots)
            report.loaded.append(slug)
        except (QuizError, ValidationError, ValueError, TypeError) as exc:
            report.errors[path.name] = str(exc)
    return report


def quiz_count() -> int:
    return Quiz.objects.count()
