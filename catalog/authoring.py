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
from catalog.models import Exercise, ExerciseVersion, Lesson, LessonVersion, Library
from catalog.rendering import render_document
from grader.validation import ExerciseCheck, GradeFunction, check_exercise

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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


def exercise_create(
    *,
    slug: str,
    content: ExerciseContent,
    library: Library | None = None,
    author: User | None = None,
    message: str = "Created",
) -> Exercise:
    """A new draft exercise with version 1, in ``library`` (the site library if None, as
    for everything ``sync_content`` loads)."""
    if not SLUG_RE.match(slug):
        raise AuthoringError("The slug is lowercase letters, digits and hyphens, like dot-product.")
    if Exercise.objects.filter(slug=slug).exists():
        raise AuthoringError(f"An exercise with the slug {slug!r} already exists.")
    with transaction.atomic():
        exercise = Exercise(slug=slug, status=Exercise.Status.DRAFT)
        if library is not None:
            exercise.library = library
        _apply_exercise_fields(exercise, content)
        fields = _version_fields(exercise, content)
        exercise.save()
        exercise.current_version = ExerciseVersion.objects.create(
            exercise=exercise, number=1, author=author, message=message.strip()[:300], **fields
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


def exercise_save_draft(
    *,
    exercise: Exercise,
    content: ExerciseContent,
    author: User | None = None,
    message: str = "",
) -> ExerciseVersion:
    """Save the editor's content without changing what students see; the version records
    who saved it and what they say changed (the last save's, for a draft edited in place)."""
    with transaction.atomic():
        exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
        fields = _version_fields(exercise, content)
        fields.update(author=author, message=message.strip()[:300])
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
    *,
    lesson: Lesson | None,
    slug: str,
    title: str,
    summary: str,
    body_md: str,
    library: Library | None = None,
    is_published: bool | None = None,
    author: User | None = None,
    message: str = "",
) -> Lesson:
    """Create or update a lesson. A new lesson goes to ``library`` and is a draft unless
    ``is_published`` says otherwise: nothing is live for students on its first save. A
    change of title, summary or body is a new version, with its author and message."""
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
        lesson = Lesson(order=(last or 0) + 1, is_published=False)
        if library is not None:
            lesson.library = library
    if is_published is not None:
        lesson.is_published = is_published
    lesson.slug, lesson.title, lesson.summary = slug, title.strip(), summary.strip()
    lesson.body_md, lesson.body_html, lesson.toc = body_md, doc.html, doc.toc
    with transaction.atomic():
        lesson.save()
        lesson_version_record(lesson=lesson, author=author, message=message)
    return lesson


def lesson_version_record(*, lesson: Lesson, author: User | None, message: str) -> bool:
    """A new version if the lesson's title, summary or body differ from its latest version
    (or it has none); True if one was made. The browser's saves and ``sync_content`` call it."""
    latest = lesson.versions.order_by("-number").first()
    content = {"title": lesson.title, "summary": lesson.summary, "body_md": lesson.body_md}
    if latest is not None and all(getattr(latest, k) == v for k, v in content.items()):
        return False
    _lesson_version_add(lesson=lesson, author=author, message=message)
    return True


def _lesson_version_add(*, lesson: Lesson, author: User | None, message: str) -> LessonVersion:
    """The lesson's next version, holding what it says now. The lesson row is locked while
    the number is chosen, so two saves at once cannot both take the same number."""
    with transaction.atomic():
        Lesson.objects.select_for_update().filter(pk=lesson.pk).exists()
        latest = lesson.versions.order_by("-number").values_list("number", flat=True).first()
        return LessonVersion.objects.create(
            lesson=lesson,
            number=(latest or 0) + 1,
            author=author,
            message=message.strip()[:300],
            title=lesson.title,
            summary=lesson.summary,
            body_md=lesson.body_md,
        )


def lesson_rollback(*, lesson: Lesson, number: int, author: User) -> LessonVersion:
    """A new version equal to version ``number``, made current (rendered again)."""
    target = lesson.versions.filter(number=number).first()
    if target is None:
        raise AuthoringError(f"Version {number} does not exist.")
    doc = render_document(target.body_md)
    with transaction.atomic():
        lesson.title, lesson.summary = target.title, target.summary
        lesson.body_md, lesson.body_html, lesson.toc = target.body_md, doc.html, doc.toc
        lesson.save()
        return _lesson_version_add(
            lesson=lesson, author=author, message=f"Rolled back to v{number}"
        )


def lesson_move(*, lesson: Lesson, direction: int) -> None:
    """Swap with the neighbour above (-1) or below (+1) in the same library (moving one's own
    lesson never reorders another owner's); that library's orders are renumbered."""
    with transaction.atomic():
        lessons = list(
            Lesson.objects.select_for_update()
            .filter(is_active=True, library_id=lesson.library_id or 0)
            .order_by("order", "title")
        )
        index = next((i for i, row in enumerate(lessons) if row.pk == lesson.pk), None)
        if index is None:
            return
        target = index + direction
        if 0 <= target < len(lessons):
            lessons[index], lessons[target] = lessons[target], lessons[index]
        # Reuse the slots the library's lessons already had, so other libraries' lessons
        # keep their places between them.
        slots = sorted(row.order for row in lessons)
        for order, row in zip(slots, lessons, strict=True):
            if row.order != order:
                row.order = order
                row.save(update_fields=["order"])


# ------------------------------------------------------------------------------------------
# Copies, history, rollback, archive (issue #21)
# ------------------------------------------------------------------------------------------

COPY_SUFFIX = "-copy"


def _free_slug(model: type[Exercise] | type[Lesson], base: str) -> str:
    """``<base>-copy``, then ``-copy-2``, ``-copy-3``...: the first slug nobody uses."""
    stem = f"{base[: 80 - len(COPY_SUFFIX) - 4]}{COPY_SUFFIX}"
    slug, n = stem, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{stem}-{n}"
    return slug


def exercise_copy(*, source: Exercise, library: Library, author: User) -> Exercise:
    """A new exercise in ``library`` whose first version is the source's current one.

    The copy has its own slug and uuid (so ``sync_content`` never mistakes it for the
    source's folder) and remembers where it came from; it starts as a draft, so nothing
    reaches students before its new owner publishes it.
    """
    version = source.current_version or source.versions.order_by("-number").first()
    if version is None:
        raise AuthoringError("This exercise has no version to copy yet.")
    with transaction.atomic():
        copy = Exercise.objects.create(
            slug=_free_slug(Exercise, source.slug),
            title=source.title,
            lesson=source.lesson if source.lesson_id else None,
            topic=source.topic,
            difficulty=source.difficulty,
            points=source.points,
            order=source.order,
            tags=list(source.tags),
            status=Exercise.Status.DRAFT,
            library=library,
            copied_from=source,
        )
        meta = {**(version.meta or {}), "uuid": str(copy.uuid)}
        first = ExerciseVersion(
            exercise=copy,
            number=1,
            function_name=version.function_name,
            statement_md=version.statement_md,
            statement_html=version.statement_html,
            starter_code=version.starter_code,
            reference_code=version.reference_code,
            cases_code=version.cases_code,
            solution_md=version.solution_md,
            solution_html=version.solution_html,
            meta=meta,
            content_hash="",
            author=author,
            message=(f"Copied from {source.library.title} {source.slug} v{version.number}")[:300],
        )
        first.content_hash = export_hash(copy, first)
        first.save()
        copy.current_version = first
        copy.save(update_fields=["current_version"])
    return copy


def lesson_copy(*, source: Lesson, library: Library) -> Lesson:
    """A draft copy of a lesson in ``library`` (its exercises are copied one by one)."""
    last = Lesson.objects.aggregate(n=Max("order"))["n"]
    return Lesson.objects.create(
        slug=_free_slug(Lesson, source.slug),
        title=source.title,
        order=(last or 0) + 1,
        summary=source.summary,
        body_md=source.body_md,
        body_html=source.body_html,
        toc=source.toc,
        is_published=False,
        library=library,
        copied_from=source,
    )


def exercise_rollback(*, exercise: Exercise, number: int, author: User) -> ExerciseVersion:
    """A new version equal to version ``number``, made current: what students get from now
    on. Earlier versions and the submissions graded against them stay as they are."""
    with transaction.atomic():
        exercise = Exercise.objects.select_for_update().get(pk=exercise.pk)
        target = exercise.versions.filter(number=number).first()
        if target is None:
            raise AuthoringError(f"Version {number} does not exist.")
        content = ExerciseContent.from_version(exercise, target)
        next_number = (exercise.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ExerciseVersion.objects.create(
            exercise=exercise,
            number=next_number,
            author=author,
            message=f"Rolled back to v{number}",
            **{
                name: getattr(target, name)
                for name in (*_CONTENT_FIELDS, "statement_html", "solution_html", "content_hash")
            },
        )
        _apply_exercise_fields(exercise, content)
        exercise.current_version = version
        exercise.save()
        # The export differs from the target's by the status line only, if at all.
        ExerciseVersion.objects.filter(pk=version.pk).update(
            content_hash=export_hash(exercise, version)
        )
    return version


def exercise_archive(*, exercise: Exercise, archived: bool) -> None:
    """Archive (hidden from students and lists; submissions kept) or bring back."""
    from django.utils import timezone

    if archived and exercise.archived_at is None:
        exercise.archived_at = timezone.now()
    elif not archived:
        exercise.archived_at = None
    exercise.save(update_fields=["archived_at", "updated_at"])


def lesson_archive(*, lesson: Lesson, archived: bool) -> None:
    from django.utils import timezone

    if archived and lesson.archived_at is None:
        lesson.archived_at = timezone.now()
    elif not archived:
        lesson.archived_at = None
    lesson.save(update_fields=["archived_at", "updated_at"])


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "add", "del", "hunk" or "same"
    text: str


@dataclass(frozen=True)
class FileDiff:
    name: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.kind in ("add", "del") for line in self.lines)


def _version_files(version: ExerciseVersion) -> dict[str, str]:
    import yaml

    return {
        "statement.md": version.statement_md,
        "starter.py": version.starter_code,
        "reference.py": version.reference_code,
        "cases.py": version.cases_code,
        "solution.md": version.solution_md,
        "exercise.yaml": yaml.safe_dump(version.meta or {}, sort_keys=True, allow_unicode=True),
    }


def version_diff(*, old: ExerciseVersion, new: ExerciseVersion) -> list[FileDiff]:
    """A unified diff (difflib) of each file between two versions, as lines the template
    escapes (never raw HTML: statements and code are author input)."""
    return files_diff(_version_files(old), _version_files(new), old.number, new.number)


def lesson_version_diff(*, old: LessonVersion, new: LessonVersion) -> list[FileDiff]:
    def files(version: LessonVersion) -> dict[str, str]:
        return {"title": version.title, "summary": version.summary, "body.md": version.body_md}

    return files_diff(files(old), files(new), old.number, new.number)


def files_diff(
    before: dict[str, str], after: dict[str, str], old_number: int, new_number: int
) -> list[FileDiff]:
    import difflib

    diffs = []
    for name in before:
        lines = []
        for raw in difflib.unified_diff(
            before[name].splitlines(),
            after[name].splitlines(),
            fromfile=f"v{old_number}/{name}",
            tofile=f"v{new_number}/{name}",
            lineterm="",
            n=3,
        ):
            if raw.startswith(("---", "+++")):
                continue
            kind = {"@": "hunk", "+": "add", "-": "del"}.get(raw[:1], "same")
            lines.append(DiffLine(kind, raw))
        diffs.append(FileDiff(name, lines))
    return diffs
