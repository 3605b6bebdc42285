"""Browser authoring of exercises and lessons: drafts, validation through the sandbox,
publishing, versions.

Versions stay immutable once students can see them:

* a new exercise is a ``draft`` whose current version is edited in place (no student can
  open a draft, so nothing was ever graded against it);
* editing a *published* exercise writes a pending version (number above the current one)
  that students do not see; publishing validates it and makes it current. Submissions keep
  pointing at the version they were graded against.

Validation is the same as ``sync_content``'s: cases deterministic, the reference scores 1.0
(on the first 20 seeds of the pool submissions draw from) and the starter scores below 1.0,
all through the real sandbox.
"""

from __future__ import annotations

import uuid as uuid_lib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max

from catalog.export import exercise_files, version_meta
from catalog.manifest import SLUG_RE, ExerciseManifest, ManifestError, folder_hash
from catalog.models import Exercise, ExerciseVersion, Lesson
from catalog.rendering import render_document
from grader.validation import ExerciseCheck, GradeFunction, check_exercise

if TYPE_CHECKING:
    from grader.exercise import ExerciseSpec

# exercise.yaml keys the authoring form owns; `status` lives on the row, not in a version.
FORM_META_KEYS = frozenset(
    {
        "uuid",
        "title",
        "function",
        "lesson",
        "topic",
        "difficulty",
        "points",
        "order",
        "tags",
        "tolerance",
        "limits",
        "banned",
        "banned_reason",
        "status",
    }
)
_CONTENT_FIELDS = (
    "function_name",
    "statement_md",
    "starter_code",
    "reference_code",
    "cases_code",
    "solution_md",
    "meta",
)


class AuthoringError(ValueError):
    """Input that cannot be saved or published; the message says what to fix."""


@dataclass(frozen=True)
class ExerciseContent:
    """Everything the authoring form edits (exercise.yaml fields plus the five files)."""

    title: str
    function: str
    topic: str
    difficulty: str = "easy"
    lesson_slug: str = ""
    points: int = 10
    order: int = 0
    tags: tuple[str, ...] = ()
    rtol: float | None = None
    atol: float | None = None
    limits: dict[str, float] = field(default_factory=dict)
    banned: tuple[str, ...] = ()
    banned_reason: str = ""
    statement_md: str = ""
    starter: str = ""
    reference: str = ""
    cases: str = ""
    solution_md: str = ""
    # exercise.yaml keys the form does not edit (kept as they are, e.g. from a git folder).
    extra: dict[str, Any] = field(default_factory=dict)

    def meta(self, *, exercise_uuid: uuid_lib.UUID) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "uuid": str(exercise_uuid),
            "title": self.title.strip(),
            "function": self.function.strip(),
            "lesson": self.lesson_slug or None,
            "topic": self.topic,
            "difficulty": self.difficulty,
            "points": self.points,
            "order": self.order,
            "tags": list(self.tags),
        }
        tolerance = {k: v for k, v in (("rtol", self.rtol), ("atol", self.atol)) if v is not None}
        if tolerance:
            meta["tolerance"] = tolerance
        if self.limits:
            meta["limits"] = dict(self.limits)
        if self.banned:
            meta["banned"] = list(self.banned)
        if self.banned_reason.strip():
            meta["banned_reason"] = self.banned_reason.strip()
        if meta["lesson"] is None:
            del meta["lesson"]
        return {**self.extra, **meta}

    @classmethod
    def from_version(cls, exercise: Exercise, version: ExerciseVersion) -> ExerciseContent:
        meta = version.meta or {}
        tolerance = meta.get("tolerance") or {}
        return cls(
            title=str(meta.get("title") or exercise.title),
            function=str(meta.get("function") or version.function_name),
            topic=str(meta.get("topic") or exercise.topic),
            difficulty=str(meta.get("difficulty") or exercise.difficulty),
            lesson_slug=str(
                meta.get("lesson") or (exercise.lesson.slug if exercise.lesson else "")
            ),
            points=int(meta.get("points", exercise.points)),
            order=int(meta.get("order", exercise.order)),
            tags=tuple(str(t) for t in meta.get("tags") or ()),
            rtol=tolerance.get("rtol"),
            atol=tolerance.get("atol"),
            limits=dict(meta.get("limits") or {}),
            banned=tuple(str(b) for b in meta.get("banned") or ()),
            banned_reason=str(meta.get("banned_reason") or ""),
            statement_md=version.statement_md,
            starter=version.starter_code,
            reference=version.reference_code,
            cases=version.cases_code,
            solution_md=version.solution_md,
            extra={k: v for k, v in meta.items() if k not in FORM_META_KEYS},
        )


def _spec(slug: str, meta: dict[str, Any], content: ExerciseContent) -> ExerciseSpec:
    try:
        manifest = ExerciseManifest.parse(
            slug=slug,
            data=meta,
            reference=content.reference,
            cases=content.cases,
            starter=content.starter,
        )
    except ManifestError as exc:
        raise AuthoringError(str(exc)) from None
    return manifest.spec


def _version_fields(exercise: Exercise, content: ExerciseContent) -> dict[str, Any]:
    meta = content.meta(exercise_uuid=exercise.uuid)
    _spec(exercise.slug, meta, content)  # metadata and sources must at least compile
    statement = render_document(content.statement_md)
    solution = render_document(content.solution_md)
    fields = {
        "function_name": meta["function"],
        "statement_md": content.statement_md,
        "statement_html": statement.html,
        "starter_code": content.starter,
        "reference_code": content.reference,
        "cases_code": content.cases,
        "solution_md": content.solution_md,
        "solution_html": solution.html,
        "meta": meta,
    }
    fields["content_hash"] = export_hash(exercise, ExerciseVersion(**fields))
    return fields


def export_hash(exercise: Exercise, version: ExerciseVersion) -> str:
    """The hash sync_content computes for this version's exported folder.

    Stored as the version's content_hash, so exporting and syncing back is recognized as
    "unchanged" instead of minting a version nobody authored. It depends on the exercise's
    status (a draft exports ``status: draft``), hence recomputed on publishing.
    """
    files = exercise_files(exercise, version)
    files.setdefault("solution.md", "")
    return folder_hash(files)


def _apply_exercise_fields(exercise: Exercise, content: ExerciseContent) -> None:
    exercise.title = content.title.strip()
    exercise.topic = content.topic
    exercise.difficulty = content.difficulty
    exercise.points = content.points
    exercise.order = content.order
    exercise.tags = list(content.tags)
    exercise.lesson = Lesson.objects.filter(slug=content.lesson_slug).first()


def exercise_create(*, slug: str, content: ExerciseContent) -> Exercise:
    """A new draft exercise with version 1."""
    if not SLUG_RE.match(slug):
        raise AuthoringError("The slug is lowercase letters, digits and hyphens, like dot-product.")
    if Exercise.objects.filter(slug=slug).exists():
        raise AuthoringError(f"An exercise with the slug {slug!r} already exists.")
    with transaction.atomic():
        exercise = Exercise(slug=slug, status=Exercise.Status.DRAFT)
        _apply_exercise_fields(exercise, content)
        fields = _version_fields(exercise, content)
        exercise.save()
        exercise.current_version = ExerciseVersion.objects.create(
            exercise=exercise, number=1, **fields
        )
        exercise.save(update_fields=["current_version"])
    return exercise


def exercise_working_version(exercise: Exercise) -> ExerciseVersion | None:
    """What the editor shows: a pending draft above the current version, else the current."""
    current = exercise.current_version
    if current is None:
        return exercise.versions.order_by("-number").first()
    pending = exercise.versions.filter(number__gt=current.number).order_by("-number").first()
    return pending or current


def exercise_has_pending(exercise: Exercise) -> bool:
    current = exercise.current_version
    return current is not None and exercise.versions.filter(number__gt=current.number).exists()


def exercise_save_draft(*, exercise: Exercise, content: ExerciseContent) -> ExerciseVersion:
    """Save the editor's content without changing what students see."""
    with transaction.atomic():
        exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
        fields = _version_fields(exercise, content)
        working = exercise_working_version(exercise)
        is_draft = exercise.status == Exercise.Status.DRAFT
        if working is not None and (is_draft or working != exercise.current_version):
            # Nobody was ever graded against a draft or a pending version: edit in place.
            ExerciseVersion.objects.filter(pk=working.pk).update(**fields)
            if is_draft:
                _apply_exercise_fields(exercise, content)
                exercise.save()
            working.refresh_from_db()
            return working
        if working is not None and all(
            getattr(working, name) == fields[name] for name in _CONTENT_FIELDS
        ):
            return working  # nothing changed: no version nobody authored
        number = (exercise.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        return ExerciseVersion.objects.create(exercise=exercise, number=number, **fields)


def version_validate(
    *, exercise: Exercise, version: ExerciseVersion, grade: GradeFunction | None = None
) -> ExerciseCheck:
    """Grade the reference and the starter through the sandbox; collect what is wrong."""
    content = ExerciseContent.from_version(exercise, version)
    try:
        spec = _spec(exercise.slug, version_meta(exercise, version), content)
    except AuthoringError as exc:
        return ExerciseCheck([str(exc)])
    return check_exercise(spec, grade=grade)


def exercise_publish(
    *, exercise: Exercise, version: ExerciseVersion, grade: GradeFunction | None = None
) -> ExerciseCheck:
    """Validate ``version`` and, if it passes, make it what students get."""
    validation = version_validate(exercise=exercise, version=version, grade=grade)
    if not validation.ok:
        return validation
    content = ExerciseContent.from_version(exercise, version)
    with transaction.atomic():
        exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
        _apply_exercise_fields(exercise, content)
        exercise.current_version = version
        exercise.status = Exercise.Status.PUBLISHED
        exercise.sync_errors = ""
        exercise.save()
        # Same content, different export (no `status: draft` any more): a derived field.
        ExerciseVersion.objects.filter(pk=version.pk).update(
            content_hash=export_hash(exercise, version)
        )
        # Older pending drafts are superseded by the published one.
        exercise.versions.filter(number__gt=version.number).delete()
    return validation


def exercise_unpublish(*, exercise: Exercise) -> None:
    exercise.status = Exercise.Status.DRAFT
    exercise.save(update_fields=["status"])


# ------------------------------------------------------------------------------------------
# Lessons
# ------------------------------------------------------------------------------------------


def lesson_save(
    *, lesson: Lesson | None, slug: str, title: str, summary: str, body_md: str
) -> Lesson:
    if not SLUG_RE.match(slug):
        raise AuthoringError("The slug is lowercase letters, digits and hyphens.")
    clash = Lesson.objects.filter(slug=slug)
    if lesson is not None:
        clash = clash.exclude(pk=lesson.pk)
    if clash.exists():
        raise AuthoringError(f"A lesson with the slug {slug!r} already exists.")
    doc = render_document(body_md)
    if lesson is None:
        last = Lesson.objects.aggregate(n=Max("order"))["n"]
        lesson = Lesson(order=(last or 0) + 1)
    lesson.slug, lesson.title, lesson.summary = slug, title.strip(), summary.strip()
    lesson.body_md, lesson.body_html, lesson.toc = body_md, doc.html, doc.toc
    lesson.save()
    return lesson


def lesson_move(*, lesson: Lesson, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1); orders are renumbered 1..n."""
    with transaction.atomic():
        lessons = list(
            Lesson.objects.select_for_update().filter(is_active=True).order_by("order", "title")
        )
        index = next((i for i, row in enumerate(lessons) if row.pk == lesson.pk), None)
        if index is None:
            return
        target = index + direction
        if 0 <= target < len(lessons):
            lessons[index], lessons[target] = lessons[target], lessons[index]
        for order, row in enumerate(lessons, start=1):
            if row.order != order:
                row.order = order
                row.save(update_fields=["order"])
