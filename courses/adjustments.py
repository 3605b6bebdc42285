"""What staff change for one student on one course item: extensions and score overrides.

Each write is one service (``extension_grant``, ``extension_remove``, ``override_set``,
``override_remove``) that checks its input, changes the row, writes an ``AuditEntry`` (who,
what, which student, before and after) and recomputes that student's result on that item, all
in one transaction: a refused change leaves nothing behind, not even half an audit trail.

``student_items`` is the read side for the student drill-down: every item of the course with
its due date, the student's extension, override and current points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction

from catalog.deadlines import due_display
from courses import scoring
from courses.models import (
    AuditEntry,
    Course,
    Extension,
    ItemResult,
    ScoreOverride,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_TIME_MULTIPLIER = 10.0
MAX_REASON = 300


class AdjustmentRefused(Exception):
    """Input staff must fix; ``field`` names the form field it is about ("" for the form)."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class CourseItemRef:
    """One exercise or quiz of a course, as the adjustment forms name it ("exercise:<id>")."""

    key: str
    kind: str  # "exercise" or "quiz"
    item_id: int
    slug: str
    title: str
    points_possible: float
    due_at: datetime | None
    timed: bool  # a quiz with a time limit (a time multiplier means something)

    @property
    def target(self) -> dict[str, int]:
        """The lookup of this item on Extension / ScoreOverride / ItemResult rows."""
        return (
            {"exercise_id": self.item_id} if self.kind == "exercise" else {"quiz_id": self.item_id}
        )


def course_items(*, course: Course) -> list[CourseItemRef]:
    """The course's exercises then quizzes, in the course's order (three queries): the
    gradebook's list of items (``scoring.gradebook_items``), named as the forms name them."""
    return [
        CourseItemRef(
            key=f"{item.kind}:{item.item_id}",
            kind=item.kind,
            item_id=item.item_id,
            slug=item.slug,
            title=item.title,
            points_possible=item.points_possible,
            due_at=item.due,
            timed=item.timed,
        )
        for item in scoring.gradebook_items(course=course)
    ]


def course_item_get(*, course: Course, key: str) -> CourseItemRef:
    """The item a form named, or AdjustmentRefused: a key of another course's item (or junk)
    is the same "not in this course" as a missing one."""
    for item in course_items(course=course):
        if item.key == key:
            return item
    raise AdjustmentRefused("Choose an exercise or quiz of this course.", field="item")


def course_item_by_slug(*, course: Course, kind: str, slug: str) -> CourseItemRef:
    """The course's exercise or quiz with this slug (the API names items by slug)."""
    for item in course_items(course=course):
        if item.kind == kind and item.slug == slug:
            return item
    raise AdjustmentRefused(f"This course lists no {kind} {slug!r}.", field=kind)


# --- extensions --------------------------------------------------------------------------------


def _extension_state(extension: Extension | None, course: Course) -> dict[str, Any] | None:
    if extension is None:
        return None
    return {
        "due_at": extension.due_at.isoformat() if extension.due_at else None,
        "due": due_display(extension.due_at, course.time_zone) if extension.due_at else None,
        "time_multiplier": extension.time_multiplier,
        "reason": extension.reason,
    }


def _reason(reason: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise AdjustmentRefused("Give a reason: it is kept in the audit log.", field="reason")
    if len(text) > MAX_REASON:
        raise AdjustmentRefused(f"Keep the reason under {MAX_REASON} characters.", field="reason")
    return text


def extension_grant(
    *,
    course: Course,
    student: User,
    actor: User,
    item: CourseItemRef,
    due_at: datetime | None,
    time_multiplier: float | None,
    reason: str,
) -> Extension:
    """Give ``student`` a later due date on ``item`` and/or more time on a timed quiz (a new
    extension, or a change of the one they have)."""
    text = _reason(reason)
    if due_at is None and time_multiplier is None:
        raise AdjustmentRefused("Give a new due date, a time multiplier, or both.")
    if due_at is not None:
        if item.due_at is None:
            raise AdjustmentRefused(
                "This item has no due date to extend; set one on the course form first.",
                field="due_at",
            )
        if due_at <= item.due_at:
            raise AdjustmentRefused(
                f"The new date must be after the due date "
                f"({due_display(item.due_at, course.time_zone)}).",
                field="due_at",
            )
    if time_multiplier is not None:
        if not item.timed:
            raise AdjustmentRefused(
                "A time multiplier applies to timed quizzes only.", field="time_multiplier"
            )
        if not math.isfinite(time_multiplier) or not 1 < time_multiplier <= MAX_TIME_MULTIPLIER:
            raise AdjustmentRefused(
                f"The time multiplier must be more than 1 and at most {MAX_TIME_MULTIPLIER:g}.",
                field="time_multiplier",
            )
    with transaction.atomic():
        current = (
            Extension.objects.select_for_update()
            .filter(course=course, user=student, **item.target)
            .first()
        )
        before = _extension_state(current, course)
        extension = current or Extension(course=course, user=student, **item.target)
        extension.due_at, extension.time_multiplier = due_at, time_multiplier
        extension.reason, extension.granted_by = text, actor
        _save_once(extension)
        after = _extension_state(extension, course)
        parts = [f"due {after['due']}" if after and after["due"] else ""]
        parts.append(f"×{time_multiplier:g} time" if time_multiplier else "")
        _audit(
            course=course,
            actor=actor,
            student=student,
            action="extension_change" if current else "extension_grant",
            summary=(
                f"{'Changed the extension' if current else 'Extension'} for "
                f"{student.get_username()} on {item.title}: "
                f"{', '.join(p for p in parts if p)} — {text}"
            ),
            item=item,
            before=before,
            after=after,
        )
        scoring.results_rebuild(course=course, user_id=student.pk, **item.target)
    return extension


def extension_remove(*, course: Course, student: User, actor: User, item: CourseItemRef) -> bool:
    """Take the extension back (the course's due date applies again); False if none."""
    with transaction.atomic():
        current = (
            Extension.objects.select_for_update()
            .filter(course=course, user=student, **item.target)
            .first()
        )
        if current is None:
            return False
        before = _extension_state(current, course)
        current.delete()
        _audit(
            course=course,
            actor=actor,
            student=student,
            action="extension_remove",
            summary=f"Removed the extension of {student.get_username()} on {item.title}",
            item=item,
            before=before,
            after=None,
        )
        scoring.results_rebuild(course=course, user_id=student.pk, **item.target)
    return True


# --- score overrides ---------------------------------------------------------------------------


def _override_state(override: ScoreOverride | None) -> dict[str, Any] | None:
    if override is None:
        return None
    return {"points": override.points, "reason": override.reason}


def override_set(
    *,
    course: Course,
    student: User,
    actor: User,
    item: CourseItemRef,
    points: float,
    reason: str,
) -> ScoreOverride:
    """Replace the computed score of ``student`` on ``item`` with ``points`` (0 to the item's
    points possible), with a reason."""
    text = _reason(reason)
    if not math.isfinite(points) or not 0 <= points <= item.points_possible:
        raise AdjustmentRefused(
            f"Points must be between 0 and {item.points_possible:g} (the item's points).",
            field="points",
        )
    computed = _computed_points(course=course, student=student, item=item)
    with transaction.atomic():
        current = (
            ScoreOverride.objects.select_for_update()
            .filter(course=course, user=student, **item.target)
            .first()
        )
        before = _override_state(current)
        override = current or ScoreOverride(course=course, user=student, **item.target)
        override.points, override.reason, override.set_by = points, text, actor
        _save_once(override)
        _audit(
            course=course,
            actor=actor,
            student=student,
            action="override_change" if current else "override_set",
            summary=(
                f"Score of {student.get_username()} on {item.title} set to {points:g} / "
                f"{item.points_possible:g} (computed: {_points_text(computed)}) — {text}"
            ),
            item=item,
            before=before,
            after={**(_override_state(override) or {}), "computed_points": computed},
        )
        scoring.results_rebuild(course=course, user_id=student.pk, **item.target)
    return override


def override_remove(*, course: Course, student: User, actor: User, item: CourseItemRef) -> bool:
    """Back to the computed score; False if there was no override."""
    with transaction.atomic():
        current = (
            ScoreOverride.objects.select_for_update()
            .filter(course=course, user=student, **item.target)
            .first()
        )
        if current is None:
            return False
        before = _override_state(current)
        current.delete()
        _audit(
            course=course,
            actor=actor,
            student=student,
            action="override_remove",
            summary=(
                f"Removed the score override of {student.get_username()} on {item.title} "
                f"(was {current.points:g})"
            ),
            item=item,
            before=before,
            after=None,
        )
        scoring.results_rebuild(course=course, user_id=student.pk, **item.target)
    return True


def _save_once(row: Extension | ScoreOverride) -> None:
    """Save a new or changed row; two staff creating the same student's row at the same moment
    meet the unique constraint, and the second is asked to look again instead of getting a 500."""
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise AdjustmentRefused(
            "Someone else changed this student's item at the same moment; reload the page and "
            "check before saving again."
        ) from None


def _computed_points(*, course: Course, student: User, item: CourseItemRef) -> float | None:
    result = ItemResult.objects.filter(course=course, user=student, **item.target).first()
    return round(result.fraction * item.points_possible, 4) if result else None


def _points_text(points: float | None) -> str:
    return "no work" if points is None else f"{points:g}"


def _audit(
    *,
    course: Course,
    actor: User,
    student: User,
    action: str,
    summary: str,
    item: CourseItemRef,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        course=course,
        actor=actor,
        student=student,
        action=action,
        summary=summary[:500],
        detail={"item": item.key, "item_title": item.title, "before": before, "after": after},
    )


# --- the drill-down's read side ----------------------------------------------------------------


@dataclass(frozen=True)
class StudentItem:
    item: CourseItemRef
    due_at: datetime | None  # the student's: the extension's date when there is one
    extension: Extension | None
    override: ScoreOverride | None
    points: float | None  # what counts: the override, else the computed points (None: no work)
    computed: float | None
    late: bool


def student_items(*, course: Course, student: User) -> list[StudentItem]:
    """Every item of the course for one student: due date (extended), extension, override
    and points. Six queries whatever the number of items."""
    items = course_items(course=course)
    extensions = {
        row.item_key: row for row in Extension.objects.filter(course=course, user=student)
    }
    overrides = {
        row.item_key: row for row in ScoreOverride.objects.filter(course=course, user=student)
    }
    results = {row.item_key: row for row in ItemResult.objects.filter(course=course, user=student)}
    rows = []
    for item in items:
        extension, override = extensions.get(item.key), overrides.get(item.key)
        result = results.get(item.key)
        computed = round(result.fraction * item.points_possible, 4) if result else None
        rows.append(
            StudentItem(
                item=item,
                due_at=extension.due_at if extension and extension.due_at else item.due_at,
                extension=extension,
                override=override,
                points=override.points if override else computed,
                computed=computed,
                late=bool(result and result.late),
            )
        )
    return rows
