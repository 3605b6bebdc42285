"""content/quizzes/*.yaml: the ready-made quizzes, loaded by `sync_content` with the rest of
content/ (the quizzes app registers this section with the catalog's sync when it starts).

Like lessons and exercises, a quiz file is matched to its row by the `uuid` in it, so renaming
a file or its slug keeps the quiz and every attempt; a file without a uuid is matched by slug
(files written before quizzes had uuids keep working). One broken file is reported and
skipped, never aborting the others; a quiz whose file disappeared is unpublished, not deleted.
"""

from __future__ import annotations

import uuid as uuid_lib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from catalog.models import Lesson
from catalog.sync import ItemReport
from quizzes.models import Question, Quiz
from quizzes.question_folders import read_question_folders
from quizzes.services import QuizError, SlotSpec, quiz_save

FOLDER = "quizzes"
_FIELDS = {
    "title",
    "description",
    "topic",
    "attempts_allowed",
    "time_limit_minutes",
    "show_solutions",
    "is_published",
}


@dataclass(frozen=True)
class QuizFile:
    """One checked content/quizzes/*.yaml file."""

    path: Path
    slug: str
    uuid: uuid_lib.UUID | None
    fields: dict[str, Any]
    slots: list[SlotSpec]
    lesson: str | None


def known_questions(content_dir: Path | None = None) -> set[str]:
    """The question names a quiz file may use: the folders of content/questions/ when the
    content has them (sync loads them before quizzes and hides questions without a folder),
    otherwise the active questions in the database."""
    if content_dir is not None and (content_dir / "questions").is_dir():
        return {item.slug for item in read_question_folders(content_dir) if not item.errors}
    return set(Question.objects.filter(is_active=True).values_list("slug", flat=True))


def parse_quiz_file(path: Path, *, known: set[str] | None = None) -> QuizFile:
    """Read and check one file; raises QuizError saying what to fix. `known`: the question
    names it may use (default: the database's)."""
    if known is None:
        known = known_questions()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise QuizError(f"cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise QuizError("expected a mapping at the top level")
    unknown = set(data) - _FIELDS - {"uuid", "slug", "slots", "lesson"}
    if unknown:
        raise QuizError(f"unknown keys: {', '.join(sorted(unknown))}")
    quiz_uuid = None
    if "uuid" in data:
        try:
            quiz_uuid = uuid_lib.UUID(str(data["uuid"]))
        except ValueError:
            raise QuizError(
                f"uuid must be a UUID like 3f0c1f8e-..., got {data['uuid']!r}"
            ) from None
    slug = str(data.get("slug") or path.stem)
    slots = []
    for i, raw in enumerate(data.get("slots") or []):
        if not isinstance(raw, dict) or "generator" not in raw:
            raise QuizError(f"slot {i + 1}: needs a generator")
        if str(raw["generator"]) not in known:
            raise QuizError(f"slot {i + 1}: unknown generator {raw['generator']!r}")
        try:
            count, points = int(raw.get("count", 1)), int(raw.get("points", 1))
        except (TypeError, ValueError):
            raise QuizError(f"slot {i + 1}: count and points must be whole numbers") from None
        slots.append(SlotSpec(str(raw["generator"]), count, points))
    if not slots:
        raise QuizError("a quiz needs at least one slot")
    lesson = data.get("lesson")
    if lesson is not None and not isinstance(lesson, str):
        raise QuizError(f"lesson must be a lesson's slug, got {lesson!r}")
    fields = {k: v for k, v in data.items() if k in _FIELDS}
    fields["description"] = fields.get("description") or ""
    fields["topic"] = fields.get("topic") or ""
    return QuizFile(path, slug, quiz_uuid, fields, slots, lesson)


def _read_folder(
    content_dir: Path, *, lesson_slugs: set[str]
) -> list[tuple[Path, QuizFile | None, list[str]]]:
    """Every file with what is wrong with it; duplicate uuids and slugs are errors."""
    found: list[tuple[Path, QuizFile | None, list[str]]] = []
    known = known_questions(content_dir)
    for path in sorted((content_dir / FOLDER).glob("*.yaml")):
        try:
            quiz = parse_quiz_file(path, known=known)
        except QuizError as exc:
            found.append((path, None, [str(exc)]))
            continue
        errors: list[str] = []
        if quiz.lesson is not None and quiz.lesson not in lesson_slugs:
            errors.append(f"lesson {quiz.lesson!r} has no content/lessons/ file")
        found.append((path, quiz, errors))
    seen: dict[object, str] = {}
    for path, parsed, errors in found:
        if parsed is None:
            continue
        keys: list[tuple[object, str]] = [(("slug", parsed.slug), "slug")]
        if parsed.uuid is not None:
            keys.insert(0, (parsed.uuid, f"uuid {parsed.uuid}"))
        for key, what in keys:
            if key in seen:
                errors.append(f"{what} is already used by {seen[key]}")
            else:
                seen[key] = path.name
    return found


def _slug(path: Path, quiz: QuizFile | None) -> str:
    return quiz.slug if quiz else path.stem


def _matching_row(quiz: QuizFile) -> Quiz | None:
    row = Quiz.objects.filter(uuid=quiz.uuid).first() if quiz.uuid else None
    if row is not None:
        return row
    # Before quiz files had uuids, quizzes were matched by slug: such a row takes the file's
    # uuid the first time, unless it is another file's quiz.
    row = Quiz.objects.filter(slug=quiz.slug).first()
    if row is not None and quiz.uuid and row.source_path not in ("", quiz.path.name):
        raise QuizError(f"slug {quiz.slug!r} is taken by the quiz of {row.source_path}")
    return row


def _state(row: Quiz | None) -> tuple[Any, ...] | None:
    if row is None:
        return None
    slots = [(s.generator, s.count, s.points) for s in row.slots.all()]
    values = [getattr(row, name) for name in sorted(_FIELDS | {"slug", "uuid", "lesson_id"})]
    return (*values, slots)


def _sync_file(quiz: QuizFile) -> str:
    """Create or update the quiz of one valid file; the action for the report."""
    with transaction.atomic():
        row = _matching_row(quiz)
        before = _state(row)
        fields = dict(quiz.fields)
        fields["lesson"] = Lesson.objects.filter(slug=quiz.lesson).first() if quiz.lesson else None
        fields["source_path"] = quiz.path.name
        if quiz.uuid:
            fields["uuid"] = quiz.uuid
        saved = quiz_save(
            slug=quiz.slug, fields=fields, slots=quiz.slots, quiz=row or Quiz(slug=quiz.slug)
        )
    if before is None:
        return "created"
    return "unchanged" if _state(saved) == before else "updated"


class QuizSection:
    """content/quizzes/ as a section of `sync_content` (see catalog.sync.ContentSection)."""

    kind = "quiz"
    link_prefix = FOLDER

    def check(self, content_dir: Path, *, lesson_slugs: set[str]) -> list[ItemReport] | None:
        if not (content_dir / FOLDER).is_dir():
            return None
        return [
            ItemReport(self.kind, _slug(path, quiz), "error" if errors else "ok", errors)
            for path, quiz, errors in _read_folder(content_dir, lesson_slugs=lesson_slugs)
        ]

    def sync(self, content_dir: Path, *, lesson_slugs: set[str]) -> list[ItemReport]:
        if not (content_dir / FOLDER).is_dir():
            return []
        reports: list[ItemReport] = []
        on_disk: set[str] = set()
        for path, quiz, errors in _read_folder(content_dir, lesson_slugs=lesson_slugs):
            on_disk.add(path.name)
            if quiz is None or errors:
                reports.append(ItemReport(self.kind, _slug(path, quiz), "error", errors))
                continue
            try:
                action = _sync_file(quiz)
            except (QuizError, ValidationError) as exc:
                reports.append(ItemReport(self.kind, quiz.slug, "error", [str(exc)]))
                continue
            reports.append(ItemReport(self.kind, quiz.slug, action))
        # A quiz whose file is gone is unpublished (its attempts stay); quizzes composed in
        # the browser have no file and are left alone.
        for row in Quiz.objects.exclude(source_path="").exclude(source_path__in=on_disk):
            if row.is_published:
                row.is_published = False
                row.save(update_fields=["is_published"])
                reports.append(ItemReport(self.kind, row.slug, "deactivated"))
        return reports
