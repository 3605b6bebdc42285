"""Who runs a course and who is in it: staff invitations and roles, removing and bulk-enrolling
students, archiving. Every change here writes an ``AuditEntry`` so the course's staff can see
who did what (issue #21: "both are in an audit log that course staff can read").

Services raise ``StaffError`` with a message meant for the page; views turn it into a form
error or a flash message, never a 500.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from courses.models import AuditEntry, Course, CourseStaff, Enrollment, StaffRole

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Roles the owner may hand out. The owner role itself cannot be given away (not in issue #21).
ASSIGNABLE_ROLES = (StaffRole.INSTRUCTOR, StaffRole.TA)
# A pasted class list larger than this is almost certainly the wrong file.
BULK_MAX_LINES = 5000


class StaffError(Exception):
    """A staff or enrolment change that cannot be made; the message is shown as is."""


def audit_log(
    *,
    course: Course,
    actor: User | None,
    action: str,
    summary: str,
    student: User | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """One line of the course's audit log (who, what, about whom)."""
    return AuditEntry.objects.create(
        course=course,
        actor=actor,
        action=action,
        student=student,
        summary=summary[:500],
        detail=detail or {},
    )


def _refuse_if_archived(course: Course) -> None:
    if course.archived_at is not None:
        raise StaffError("This course is archived and read-only. Unarchive it first.")


def user_find(*, identifier: str) -> User | None:
    """The account named by a username or an email address (case-insensitive), or None.

    An email shared by several accounts names nobody: guessing would enrol the wrong person.
    """
    text = identifier.strip()
    if not text:
        return None
    users = get_user_model().objects
    by_name = users.filter(username__iexact=text).first()
    if by_name is not None:
        return by_name
    if "@" in text:
        matches = list(users.filter(email__iexact=text)[:2])
        if len(matches) == 1:
            return matches[0]
    return None


# --- staff ---------------------------------------------------------------------------------------


def staff_invite(*, course: Course, actor: User, identifier: str, role: str) -> CourseStaff:
    """Add an existing user to the course's staff as instructor or TA."""
    _refuse_if_archived(course)
    if role not in ASSIGNABLE_ROLES:
        raise StaffError("Choose instructor or teaching assistant.")
    user = user_find(identifier=identifier)
    if user is None:
        raise StaffError(
            f"No account has the username or email {identifier.strip()!r}. They must sign up first."
        )
    if CourseStaff.objects.filter(course=course, user=user).exists():
        raise StaffError(f"{user.username} is already on this course's staff.")
    if Enrollment.objects.filter(course=course, user=user).exists():
        raise StaffError(
            f"{user.username} is a student of this course; remove them as a student first."
        )
    try:
        with transaction.atomic():
            row = CourseStaff.objects.create(course=course, user=user, role=role)
    except IntegrityError:  # a double submit raced the unique constraint
        raise StaffError(f"{user.username} is already on this course's staff.") from None
    audit_log(
        course=course,
        actor=actor,
        action="staff_invite",
        summary=f"Added {user.username} as {StaffRole(role).label.lower()}",
        detail={"user_id": user.pk, "role": role},
    )
    return row


def _staff_row(course: Course, staff_id: int) -> CourseStaff:
    row = CourseStaff.objects.filter(course=course, pk=staff_id).select_related("user").first()
    if row is None:
        raise StaffError("This person is not on the course's staff (any more).")
    if row.role == StaffRole.OWNER:
        raise StaffError("The owner's role cannot be changed or removed.")
    return row


def staff_set_role(*, course: Course, actor: User, staff_id: int, role: str) -> CourseStaff:
    _refuse_if_archived(course)
    if role not in ASSIGNABLE_ROLES:
        raise StaffError("Choose instructor or teaching assistant.")
    row = _staff_row(course, staff_id)
    if row.role == role:
        return row
    before = row.role
    row.role = role
    row.save(update_fields=["role"])
    audit_log(
        course=course,
        actor=actor,
        action="staff_role",
        summary=f"{row.user.username}: {StaffRole(before).label.lower()} → "
        f"{StaffRole(role).label.lower()}",
        detail={"user_id": row.user_id, "from": before, "to": role},
    )
    return row


def staff_remove(*, course: Course, actor: User, staff_id: int) -> None:
    _refuse_if_archived(course)
    row = _staff_row(course, staff_id)
    row.delete()
    audit_log(
        course=course,
        actor=actor,
        action="staff_remove",
        summary=f"Removed {row.user.username} ({StaffRole(row.role).label.lower()}) from staff",
        detail={"user_id": row.user_id, "role": row.role},
    )


# --- students ------------------------------------------------------------------------------------


def enrollment_remove(*, course: Course, actor: User, user_id: int) -> User:
    """Take a student out of the course. Their submissions and attempts stay (they belong to
    the student and may count in another course); only the membership goes."""
    _refuse_if_archived(course)
    enrollment = Enrollment.objects.filter(course=course, user_id=user_id).select_related("user")
    row = enrollment.first()
    if row is None:
        raise StaffError("This student is not in the course.")
    row.delete()
    audit_log(
        course=course,
        actor=actor,
        action="student_remove",
        student=row.user,
        summary=f"Removed {row.user.username} from the course",
        detail={"user_id": row.user_id},
    )
    return row.user


@dataclass
class BulkResult:
    enrolled: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)  # course staff are not enrolled as students


def bulk_identifiers(text: str) -> list[str]:
    """Usernames or emails from a pasted list or CSV: one per line, or the column named
    ``username`` or ``email`` (header row, any case); blank lines and duplicates dropped."""
    if len(text.splitlines()) > BULK_MAX_LINES:
        raise StaffError(f"At most {BULK_MAX_LINES} lines at a time, please.")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:4096], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    column = 0
    for name in ("username", "email"):
        if name in header:
            column, rows = header.index(name), rows[1:]
            break
    values = (row[column].strip() if column < len(row) else "" for row in rows)
    return list(dict.fromkeys(v for v in values if v))


def enrollment_bulk(*, course: Course, actor: User, text: str) -> BulkResult:
    """Enrol every known account of the list once; say who was unknown or already in."""
    _refuse_if_archived(course)
    result = BulkResult()
    identifiers = bulk_identifiers(text)
    staff_ids = set(CourseStaff.objects.filter(course=course).values_list("user_id", flat=True))
    seen: set[int] = set()
    lowered = [i.lower() for i in identifiers]
    # Two queries for the whole list: usernames and emails, compared case-insensitively.
    candidates = list(
        get_user_model()
        .objects.annotate(lname=Lower("username"), lemail=Lower("email"))
        .filter(Q(lname__in=lowered) | Q(lemail__in=[i for i in lowered if "@" in i]))
    )
    by_name: dict[str, User] = {u.username.lower(): u for u in candidates}
    by_email: dict[str, list[User]] = {}
    for candidate in candidates:
        if candidate.email:
            by_email.setdefault(candidate.email.lower(), []).append(candidate)
    for identifier, key in zip(identifiers, lowered, strict=True):
        user: User | None = by_name.get(key)
        if user is None and len(by_email.get(key, [])) == 1:  # a shared email names nobody
            user = by_email[key][0]
        if user is None:
            result.unknown.append(identifier)
        elif user.pk in staff_ids:
            result.staff.append(identifier)
        elif user.pk in seen:
            continue
        else:
            seen.add(user.pk)
            _, created = Enrollment.objects.get_or_create(course=course, user=user)
            (result.enrolled if created else result.already).append(user.username)
    audit_log(
        course=course,
        actor=actor,
        action="bulk_enroll",
        summary=f"Bulk enrolment: {len(result.enrolled)} enrolled, "
        f"{len(result.already)} already in, {len(result.unknown)} unknown",
        detail={
            "enrolled": result.enrolled,
            "already": result.already,
            "unknown": result.unknown[:200],
            "staff": result.staff,
        },
    )
    return result


# --- archive -------------------------------------------------------------------------------------


def course_set_archived(*, course: Course, actor: User, archived: bool) -> Course:
    """Archive (hide from students, refuse joins, read-only for staff) or bring back."""
    if archived == (course.archived_at is not None):
        return course
    course.archived_at = timezone.now() if archived else None
    course.save(update_fields=["archived_at"])
    audit_log(
        course=course,
        actor=actor,
        action="course_archive" if archived else "course_unarchive",
        summary="Archived the course" if archived else "Unarchived the course",
    )
    return course


# --- reads ---------------------------------------------------------------------------------------


def staff_list(*, course: Course) -> list[CourseStaff]:
    """The course's staff, owner first, then by when they were added."""
    rows = CourseStaff.objects.filter(course=course).select_related("user").order_by("added_at")
    return sorted(rows, key=lambda row: row.role != StaffRole.OWNER)


def roster_list(*, course: Course) -> list[Enrollment]:
    return list(
        Enrollment.objects.filter(course=course)
        .select_related("user", "user__profile")
        .order_by(Lower("user__username"))
    )


def audit_recent(*, course: Course, limit: int = 20) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(course=course).select_related("actor", "student")[:limit])
