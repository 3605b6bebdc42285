"""LTI read queries: what a deep-linking instructor may pick, and the grade sync status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Max, Q
from lti_tool.models import LtiMembership

from catalog.access import visible_q
from catalog.models import Exercise, Lesson
from courses.models import Course
from lti.models import ContextCourse, GradeLink, ScoreOutbox, ScoreStatus
from lti.services import Item
from quizzes.models import Quiz


@dataclass(frozen=True)
class Pickable:
    item: Item
    points: float
    in_course: bool


def deep_link_choices(*, user: User, course: Course) -> list[Pickable]:
    """Items the instructor may link from the LMS: the course's own first, then the libraries
    they can see (the site library, their courses' libraries)."""
    from lti.services import item_points_possible

    in_course = {
        "exercise": set(course.exercises.values_list("pk", flat=True)),
        "quiz": set(course.quizzes.values_list("pk", flat=True)),
        "lesson": set(course.lessons.values_list("pk", flat=True)),
    }
    items: list[Item] = [
        Item("exercise", exercise=e)
        for e in Exercise.objects.filter(visible_q(user, "exercise")).order_by("title")
    ]
    items += [
        Item("quiz", quiz=q) for q in Quiz.objects.filter(visible_q(user, "quiz")).order_by("title")
    ]
    items += [
        Item("lesson", lesson=lesson)
        for lesson in Lesson.objects.filter(visible_q(user, "lesson")).order_by("order", "title")
    ]
    choices = []
    for item in items:
        found = item.exercise or item.quiz or item.lesson
        assert found is not None
        choices.append(
            Pickable(
                item=item,
                points=item_points_possible(course=course, item=item),
                in_course=found.pk in in_course[item.kind],
            )
        )
    return sorted(choices, key=lambda c: not c.in_course)


@dataclass(frozen=True)
class ItemSync:
    """Grade passback of one course item: how many of its students' scores reached the LMS."""

    kind: str
    item_id: int
    title: str
    links: int
    sent: int
    pending: int
    failed: int
    last_sent_at: datetime | None
    last_error: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.item_id}"


def sync_status(*, course: Course) -> list[ItemSync]:
    """Per linked item: students linked, and the state of their latest scores (the latest row
    per link counts; superseded rows are history)."""
    latest_ids = (
        GradeLink.objects.filter(course=course)
        .annotate(latest=Max("scores__pk"))
        .values_list("latest", flat=True)
    )
    latest = ScoreOutbox.objects.filter(pk__in=[pk for pk in latest_ids if pk is not None])
    counts = (
        latest.values("link__exercise_id", "link__quiz_id")
        .annotate(
            sent=Count("pk", filter=Q(status=ScoreStatus.SENT)),
            pending=Count("pk", filter=Q(status=ScoreStatus.PENDING)),
            failed=Count("pk", filter=Q(status=ScoreStatus.FAILED)),
            last_sent_at=Max("sent_at"),
        )
        .order_by()
    )
    by_item: dict[tuple[int | None, int | None], dict[str, Any]] = {
        (c["link__exercise_id"], c["link__quiz_id"]): dict(c) for c in counts
    }
    errors: dict[tuple[int | None, int | None], str] = {}
    for row in (
        latest.exclude(last_error="")
        .order_by("-pk")
        .values("link__exercise_id", "link__quiz_id", "last_error")
    ):
        errors.setdefault((row["link__exercise_id"], row["link__quiz_id"]), row["last_error"])
    links = (
        GradeLink.objects.filter(course=course)
        .values("exercise_id", "quiz_id", "exercise__title", "quiz__title")
        .annotate(n=Count("pk"))
        .order_by("exercise__title", "quiz__title")
    )
    result = []
    for link in links:
        key = (link["exercise_id"], link["quiz_id"])
        c: dict[str, Any] = by_item.get(key, {})
        result.append(
            ItemSync(
                kind="exercise" if link["exercise_id"] else "quiz",
                item_id=link["exercise_id"] or link["quiz_id"],
                title=link["exercise__title"] or link["quiz__title"],
                links=link["n"],
                sent=c.get("sent", 0),
                pending=c.get("pending", 0),
                failed=c.get("failed", 0),
                last_sent_at=c.get("last_sent_at"),
                last_error=errors.get(key, ""),
            )
        )
    return result


@dataclass(frozen=True)
class RosterStatus:
    binding: ContextCourse | None
    active: int
    dropped: list[str]


def roster_status(*, course: Course) -> RosterStatus:
    binding = ContextCourse.objects.filter(course=course).select_related("context").first()
    if binding is None:
        return RosterStatus(binding=None, active=0, dropped=[])
    members = LtiMembership.objects.filter(context=binding.context).select_related("user")
    dropped = [
        m.user.name or m.user.email or m.user.sub for m in members.filter(is_active=False)[:200]
    ]
    return RosterStatus(
        binding=binding, active=members.filter(is_active=True).count(), dropped=dropped
    )
