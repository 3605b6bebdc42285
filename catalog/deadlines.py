"""When one student's work on one exercise or quiz is due, asked by the pages that take it.

Due dates, late policies and extensions belong to courses, which the exercises and quizzes
apps must not import. The courses app registers a ``DeadlinePolicy`` here instead
(``courses/apps.py``), the same inversion ``catalog.access`` uses: the lower apps ask
``deadlines_for(user=, kind=, item_id=)`` and get one small ``Deadline`` per course of the
student that lists the item, with the student's extension already applied.

The rules the callers share live here too, so that the exercise submit, the quiz start and the
pages that warn about them cannot disagree:
- ``closing_deadline``: work is refused only when *every* course of the student that lists the
  item closes it (policy "closed") and its (extended) due date has passed. A student in two
  courses, one of which still accepts late work, may still submit.
- ``late_deadlines``: the courses in which work sent now would count as late (shown as a
  warning before the student submits or starts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

if TYPE_CHECKING:
    from catalog.access import AnyUser

type DeadlineKind = Literal["exercise", "quiz"]

# The values of courses.models.LatePolicy (catalog cannot import them).
PENALTY = "penalty"
NO_CREDIT = "no_credit"
CLOSED = "closed"


def due_display(value: datetime, tz_name: str) -> str:
    """A due date as a person reads it, in the course's time zone:
    "Sat 12 Dec 2026, 23:59 CET". The zone's abbreviation tells a student abroad which clock
    the date is on; an unknown zone name falls back to UTC rather than failing a page."""
    try:
        zone = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = value.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname() or tz_name}"


@dataclass(frozen=True)
class Deadline:
    """One course's due date for one student on one item (the extension applied)."""

    course_id: int
    course_title: str
    due_at: datetime | None  # the student's due date: an extension's when one moved it
    time_zone: str  # the course's, for display
    late_policy: str  # PENALTY, NO_CREDIT or CLOSED
    penalty_percent: int
    extended: bool = False  # an extension moved the due date
    time_multiplier: float | None = None  # an extension's extra time on a timed quiz

    @property
    def due_text(self) -> str:
        return due_display(self.due_at, self.time_zone) if self.due_at else ""

    def is_past(self, now: datetime | None = None) -> bool:
        return self.due_at is not None and (now or timezone.now()) > self.due_at

    @property
    def late_text(self) -> str:
        """What late work gets under this policy, for the warning before submitting."""
        if self.late_policy == CLOSED:
            return "closed after the due date"
        if self.late_policy == NO_CREDIT:
            return "late work gets no credit"
        if self.penalty_percent:
            return f"late work gets {self.penalty_percent} % off"
        return "late work is accepted in full but marked late"

    @property
    def upcoming_text(self) -> str:
        """What happens after the due date, for a date still ahead."""
        if self.late_policy == CLOSED:
            return "nothing is accepted after it"
        return self.late_text


class DeadlinePolicy(Protocol):
    def deadlines(self, *, user: AnyUser, kind: DeadlineKind, item_id: int) -> list[Deadline]:
        """The due dates of this item in every course of ``user`` that lists it."""
        ...


_policies: list[DeadlinePolicy] = []


def policy_register(policy: DeadlinePolicy) -> None:
    """Called from an AppConfig.ready(); registering the same policy twice is harmless."""
    if not any(type(existing) is type(policy) for existing in _policies):
        _policies.append(policy)


def deadlines_for(*, user: AnyUser, kind: DeadlineKind, item_id: int) -> list[Deadline]:
    """Every course deadline of this student on this item (none for strangers and staff)."""
    if not user.is_authenticated:
        return []
    found: list[Deadline] = []
    for policy in _policies:
        found += policy.deadlines(user=user, kind=kind, item_id=item_id)
    return found


def closing_deadline(deadlines: list[Deadline], now: datetime | None = None) -> Deadline | None:
    """The deadline that closes the item to this student now, or None while any course of
    theirs still takes work (no due date, not yet due, or a policy that accepts late work).
    When several close it, the latest one is named (the most generous date they missed)."""
    if not deadlines:
        return None
    now = now or timezone.now()
    if all(d.late_policy == CLOSED and d.is_past(now) for d in deadlines):
        return max(deadlines, key=lambda d: d.due_at or now)
    return None


def late_deadlines(deadlines: list[Deadline], now: datetime | None = None) -> list[Deadline]:
    """The courses in which work sent now is late but still accepted (for the warning)."""
    now = now or timezone.now()
    return [d for d in deadlines if d.is_past(now) and d.late_policy != CLOSED]


def upcoming_deadlines(deadlines: list[Deadline], now: datetime | None = None) -> list[Deadline]:
    """The courses whose due date is still ahead (shown as "Due …" on the page)."""
    now = now or timezone.now()
    return [d for d in deadlines if d.due_at is not None and not d.is_past(now)]


def extended_until(deadlines: list[Deadline]) -> datetime | None:
    """The latest date an extension gave this student, or None: a quiz's own closing time
    gives way to it (staff granting a date after the close mean the student may still start)."""
    dates = [d.due_at for d in deadlines if d.extended and d.due_at is not None]
    return max(dates) if dates else None


def courses_close_at(deadlines: list[Deadline]) -> datetime | None:
    """When the courses stop taking this item from this student: the latest (extended) due
    date when every course closes it after the due date, else None (some course takes late
    work, or has no due date). A timed attempt ends there at the latest."""
    if not deadlines or any(d.late_policy != CLOSED or d.due_at is None for d in deadlines):
        return None
    return max(d.due_at for d in deadlines if d.due_at is not None)


def time_multiplier(deadlines: list[Deadline]) -> float:
    """The largest extra-time factor any course granted this student on this quiz (1: none)."""
    factors = [d.time_multiplier for d in deadlines if d.time_multiplier]
    return max([1.0, *factors])


@dataclass(frozen=True)
class DeadlineNotice:
    """What the exercise or quiz page tells a student about due dates before they act."""

    closed: Deadline | None  # every course closed it: work is refused
    late: list[Deadline]  # courses in which work sent now counts as late
    upcoming: list[Deadline]  # courses whose due date is still ahead

    def __bool__(self) -> bool:
        return bool(self.closed or self.late or self.upcoming)


def deadline_notice(
    *, user: AnyUser, kind: DeadlineKind, item_id: int, now: datetime | None = None
) -> DeadlineNotice:
    now = now or timezone.now()
    deadlines = deadlines_for(user=user, kind=kind, item_id=item_id)
    closed = closing_deadline(deadlines, now)
    return DeadlineNotice(
        closed=closed,
        late=[] if closed else late_deadlines(deadlines, now),
        upcoming=[] if closed else upcoming_deadlines(deadlines, now),
    )
