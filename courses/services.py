"""Write operations on courses: create/edit, material and due dates, joining with a code."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max, Q

from catalog.access import editable_library_ids
from catalog.models import Exercise, Library
from courses import scoring
from courses.models import (
    AuditEntry,
    Course,
    CourseExercise,
    CourseLesson,
    CourseQuiz,
    CourseStaff,
    Enrollment,
    LatePolicy,
    new_join_code,
)
from quizzes.models import Quiz

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class LateRule:
    """How one course item treats late work, and its points (None: the item's own)."""

    policy: str = LatePolicy.PENALTY
    penalty_percent: int = 0
    points: int | None = None

    def fields(self) -> dict[str, object]:
        return {
            "late_policy": self.policy,
            "late_penalty_percent": min(max(self.penalty_percent, 0), 100),
            "points": self.points,
        }


class JoinRefused(Exception):
    """A join code that does not open a course; the message is shown to the student."""


def course_create(
    *,
    owner: User,
    title: str,
    description: str = "",
    lesson_ids: Iterable[int] = (),
    exercise_ids: Iterable[int] = (),
    due: Mapping[int, datetime | None] | None = None,
    quiz_ids: Iterable[int] = (),
    quiz_due: Mapping[int, datetime | None] | None = None,
    time_zone: str | None = None,
    rules: Mapping[int, LateRule] | None = None,
    quiz_rules: Mapping[int, LateRule] | None = None,
) -> Course:
    with transaction.atomic():
        course = Course.objects.create(
            owner=owner,
            title=title.strip(),
            description=description,
            time_zone=time_zone or settings.TIME_ZONE,
        )
        course_set_material(
            course=course,
            lesson_ids=lesson_ids,
            exercise_ids=exercise_ids,
            due=due,
            quiz_ids=quiz_ids,
            quiz_due=quiz_due,
            rules=rules,
            quiz_rules=quiz_rules,
        )
    return course


def course_update(
    *, course: Course, title: str, description: str, is_open: bool, time_zone: str | None = None
) -> Course:
    course.title, course.description, course.is_open = title.strip(), description, is_open
    fields = ["title", "description", "is_open"]
    if time_zone:  # the form validated it against zoneinfo's list
        course.time_zone = time_zone
        fields.append("time_zone")
    course.save(update_fields=fields)
    return course


def course_set_material(
    *,
    course: Course,
    lesson_ids: Iterable[int],
    exercise_ids: Iterable[int],
    due: Mapping[int, datetime | None] | None = None,
    quiz_ids: Iterable[int] = (),
    quiz_due: Mapping[int, datetime | None] | None = None,
    rules: Mapping[int, LateRule] | None = None,
    quiz_rules: Mapping[int, LateRule] | None = None,
) -> None:
    """Replace the course's lessons, exercises and quizzes; the given order is kept. Items
    without a ``rules`` / ``quiz_rules`` entry keep their late policy and points."""
    due, quiz_due = due or {}, quiz_due or {}
    rules, quiz_rules = rules or {}, quiz_rules or {}
    quiz_ids = list(dict.fromkeys(quiz_ids))
    lesson_ids = list(dict.fromkeys(lesson_ids))
    exercise_ids = list(dict.fromkeys(exercise_ids))
    with transaction.atomic():
        CourseLesson.objects.filter(course=course).exclude(lesson_id__in=lesson_ids).delete()
        CourseExercise.objects.filter(course=course).exclude(exercise_id__in=exercise_ids).delete()
        for order, lesson_id in enumerate(lesson_ids):
            CourseLesson.objects.update_or_create(
                course=course, lesson_id=lesson_id, defaults={"order": order}
            )
        for order, exercise_id in enumerate(exercise_ids):
            CourseExercise.objects.update_or_create(
                course=course,
                exercise_id=exercise_id,
                defaults={
                    "order": order,
                    "due_at": due.get(exercise_id),
                    **(rules[exercise_id].fields() if exercise_id in rules else {}),
                },
            )
        CourseQuiz.objects.filter(course=course).exclude(quiz_id__in=quiz_ids).delete()
        for order, quiz_id in enumerate(quiz_ids):
            CourseQuiz.objects.update_or_create(
                course=course,
                quiz_id=quiz_id,
                defaults={
                    "order": order,
                    "due_at": quiz_due.get(quiz_id),
                    **(quiz_rules[quiz_id].fields() if quiz_id in quiz_rules else {}),
                },
            )
        # Due dates and the item list decide every score: recompute them.
        scoring.results_rebuild(course=course)


def course_new_join_code(*, course: Course) -> str:
    """Issue a fresh code (the old one leaked, or a new term starts); members stay."""
    course.join_code = new_join_code()
    course.save(update_fields=["join_code"])
    return course.join_code


def enrollment_join(*, user: User, code: str) -> Course:
    normalized = "".join(code.split()).upper()
    course = Course.objects.filter(join_code=normalized).first() if normalized else None
    if course is None:
        raise JoinRefused("No course has this join code. Check it with your instructor.")
    if not course.is_open:
        raise JoinRefused("This course is closed to new students.")
    if course.owner_id == user.pk:
        raise JoinRefused("You teach this course; students join it with the code.")
    try:
        with transaction.atomic():
            _, joined = Enrollment.objects.get_or_create(course=course, user=user)
    except IntegrityError:  # a double click raced the unique constraint: already joined
        joined = False
    if joined:  # work done before joining (site-library exercises) counts in the course
        scoring.results_rebuild(course=course, user_id=user.pk)
    return course


# --- Adding one item, enrolling by username (the token API's writes, reusable by pages) ---


class ItemRefused(Exception):
    """An item that cannot be added to the course; the message names it and says why."""


def due_in_course_zone(*, course: Course, due: datetime | None) -> datetime | None:
    """A due date as an aware datetime: a naive one is wall-clock time in the course's time
    zone (what an instructor typing "2026-03-01T23:59" means), an aware one is kept."""
    if due is None or due.tzinfo is not None:
        return due
    try:
        zone = ZoneInfo(course.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return due.replace(tzinfo=zone)


def _usable_q(user: User) -> Q:
    """Material a course's teacher may list: the published, active site library, and anything
    active in a library the user may edit (their own, their courses')."""
    editable = editable_library_ids(user)
    return Q(archived_at__isnull=True) & (
        Q(library__kind=Library.Kind.SITE) | Q(library_id__in=editable)
    )


def course_item_add(
    *,
    course: Course,
    actor: User,
    exercise_slug: str | None = None,
    quiz_slug: str | None = None,
    due: datetime | None = None,
    points: int | None = None,
) -> tuple[CourseExercise | CourseQuiz, bool]:
    """List one exercise or quiz in the course (at the end), or update the due date and
    points of one already listed. Returns the entry and whether it was created.

    An item the actor may not use is refused with the same message as an unknown slug, so a
    slug of someone else's private library is not confirmed to exist.
    """
    if (exercise_slug is None) == (quiz_slug is None):
        raise ItemRefused('Give exactly one of "exercise" or "quiz".')
    if course.archived_at is not None:
        raise ItemRefused("This course is archived; restore it before adding items.")
    due = due_in_course_zone(course=course, due=due)
    defaults: dict[str, object] = {"due_at": due, "points": points}
    with transaction.atomic():
        entry: CourseExercise | CourseQuiz
        if exercise_slug is not None:
            exercise = (
                Exercise.objects.filter(_usable_q(actor), slug=exercise_slug, is_active=True)
                .exclude(library__kind=Library.Kind.SITE, status=Exercise.Status.DRAFT)
                .first()
            )
            if exercise is None:
                raise ItemRefused(f"Unknown exercise: {exercise_slug!r}.")
            last = CourseExercise.objects.filter(course=course).aggregate(m=Max("order"))["m"]
            entry, created = CourseExercise.objects.update_or_create(
                course=course,
                exercise=exercise,
                defaults=defaults,
                create_defaults={**defaults, "order": (last or 0) + 1},
            )
            label = f"exercise {exercise.slug}"
        else:
            quiz = (
                Quiz.objects.filter(_usable_q(actor), slug=quiz_slug)
                .exclude(library__kind=Library.Kind.SITE, is_published=False)
                .first()
            )
            if quiz is None:
                raise ItemRefused(f"Unknown quiz: {quiz_slug!r}.")
            last = CourseQuiz.objects.filter(course=course).aggregate(m=Max("order"))["m"]
            entry, created = CourseQuiz.objects.update_or_create(
                course=course,
                quiz=quiz,
                defaults=defaults,
                create_defaults={**defaults, "order": (last or 0) + 1},
            )
            label = f"quiz {quiz.slug}"
        # A new item, a new due date or new points change what work on it is worth.
        if isinstance(entry, CourseExercise):
            scoring.results_rebuild(course=course, exercise_id=entry.exercise_id)
        else:
            scoring.results_rebuild(course=course, quiz_id=entry.quiz_id)
        AuditEntry.objects.create(
            course=course,
            actor=actor,
            action="item_add" if created else "item_update",
            summary=f"{'Added' if created else 'Updated'} {label}"
            + (f", due {due.isoformat()}" if due else "")
            + (f", {points} points" if points is not None else ""),
            detail={"due": due.isoformat() if due else None, "points": points},
        )
    return entry, created


@dataclass(frozen=True)
class EnrollResult:
    enrolled: list[str]  # now in the course (newly or already)
    unknown: list[str]  # no active account by that name
    skipped: list[str]  # staff of this course: they teach it, they do not take it


def course_students_enroll(
    *, course: Course, actor: User, usernames: Iterable[str]
) -> EnrollResult:
    """Enrol existing accounts by username (exact match), for staff who know their class
    list; joining with the code is not required. Idempotent: enrolling twice is harmless."""
    wanted = list(dict.fromkeys(name.strip() for name in usernames if name.strip()))
    found = dict(
        get_user_model()
        .objects.filter(username__in=wanted, is_active=True)
        .values_list("username", "pk")
    )
    staff = set(CourseStaff.objects.filter(course=course).values_list("user_id", flat=True))
    enrolled = [name for name in wanted if name in found and found[name] not in staff]
    skipped = [name for name in wanted if name in found and found[name] in staff]
    unknown = [name for name in wanted if name not in found]
    with transaction.atomic():
        before = set(
            Enrollment.objects.filter(
                course=course, user_id__in=[found[n] for n in enrolled]
            ).values_list("user_id", flat=True)
        )
        Enrollment.objects.bulk_create(
            [Enrollment(course=course, user_id=found[name]) for name in enrolled],
            ignore_conflicts=True,
        )
        new = [name for name in enrolled if found[name] not in before]
        if new:
            # Work they did before (site-library exercises) counts in the course, as when
            # joining with the code: one rebuild for the class, not one per student.
            scoring.results_rebuild(course=course)
            AuditEntry.objects.create(
                course=course,
                actor=actor,
                action="enroll",
                summary=f"Enrolled {len(new)} student(s) by username",
                detail={"usernames": new[:500]},
            )
    return EnrollResult(enrolled=enrolled, unknown=unknown, skipped=skipped)
