"""LTI write operations: accepting a launch, registering platforms, the score outbox, the
roster.

A launch has been validated by pylti1p3 (lti/tool.py) before anything here runs; these
services decide what it means for mlquiz: which local account, which course and role, which
item, and where that student's score goes. Every check that can refuse a launch runs before
the first write, so a refused launch leaves no account, course or session behind.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from lti_tool.models import (
    LtiContext,
    LtiDeployment,
    LtiLaunch,
    LtiMembership,
    LtiRegistration,
    LtiUser,
)
from lti_tool.utils import sync_data_from_launch
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.names_roles import NamesRolesProvisioningService

from accounts.roles import instructor_group
from catalog.models import Exercise, Lesson, Library
from courses.models import (
    Course,
    CourseExercise,
    CourseLesson,
    CourseQuiz,
    CourseStaff,
    Enrollment,
    StaffRole,
)
from courses.scoring import item_points, results_rebuild
from courses.signals import ResultScore
from lti.models import (
    ContextCourse,
    GradeLink,
    ResourceLinkItem,
    ScoreOutbox,
    ScoreStatus,
    UsedNonce,
)
from lti.tool import LaunchRejected, service_connector, tool_key_ensure
from quizzes.models import Quiz

logger = logging.getLogger("mlquiz.lti")

AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"

type CourseRole = Literal["instructor", "ta", "learner"]
type ItemKind = Literal["exercise", "quiz", "lesson"]


# --- items -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """A linkable item, named by the contract ``"<kind>:<slug>"`` (docs/lti.md)."""

    kind: ItemKind
    exercise: Exercise | None = None
    quiz: Quiz | None = None
    lesson: Lesson | None = None

    @property
    def slug(self) -> str:
        found = self.exercise or self.quiz or self.lesson
        assert found is not None
        return found.slug

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.slug}"

    @property
    def title(self) -> str:
        found = self.exercise or self.quiz or self.lesson
        assert found is not None
        return found.title

    @property
    def url(self) -> str:
        """The page the launch lands on."""
        if self.exercise is not None:
            return reverse("exercises:exercise_detail", kwargs={"slug": self.slug})
        if self.quiz is not None:
            return reverse("quizzes:quiz_detail", kwargs={"slug": self.slug})
        return reverse("courses:lesson_detail", kwargs={"slug": self.slug})

    @property
    def gradable(self) -> bool:
        return self.kind != "lesson"


def item_resolve(value: str | None) -> Item:
    """The item a link's custom ``item`` claim names, or LaunchRejected (404) saying why."""
    if not value:
        raise LaunchRejected(
            "This link does not say which item to open.",
            "Its custom parameters need item=exercise:<slug>, quiz:<slug> or lesson:<slug>.",
            400,
        )
    kind, _, slug = str(value).strip().partition(":")
    not_found = LaunchRejected("This link opens an item mlquiz does not have.", value, 404)
    if not slug:
        raise not_found
    if kind == "exercise":
        exercise = Exercise.objects.filter(slug=slug, archived_at__isnull=True).first()
        if exercise is None:
            raise not_found
        return Item("exercise", exercise=exercise)
    if kind == "quiz":
        quiz = Quiz.objects.filter(slug=slug, archived_at__isnull=True).first()
        if quiz is None:
            raise not_found
        return Item("quiz", quiz=quiz)
    if kind == "lesson":
        lesson = Lesson.objects.filter(slug=slug, archived_at__isnull=True).first()
        if lesson is None:
            raise not_found
        return Item("lesson", lesson=lesson)
    raise not_found


def item_linkable(*, item: Item, course: Course | None) -> bool:
    """Whether an LMS link may open the item for this course: it is in the site library, in
    the course's own library, or already on the course's list."""
    found = item.exercise or item.quiz or item.lesson
    assert found is not None
    if found.library.kind == Library.Kind.SITE:
        return True
    if course is None:
        return False
    if found.library_id == course.library_id:
        return True
    listed = {
        "exercise": CourseExercise.objects.filter(course=course, exercise_id=found.pk),
        "quiz": CourseQuiz.objects.filter(course=course, quiz_id=found.pk),
        "lesson": CourseLesson.objects.filter(course=course, lesson_id=found.pk),
    }[item.kind]
    return listed.exists()


def item_points_possible(*, course: Course, item: Item) -> float:
    """The points the course gives the item (the line item's scoreMaximum)."""
    if item.exercise is not None:
        entry = CourseExercise.objects.filter(course=course, exercise=item.exercise).first()
        default = float(item.exercise.points)
        return item_points(entry, default) if entry else default
    if item.quiz is not None:
        quiz_entry = CourseQuiz.objects.filter(course=course, quiz=item.quiz).first()
        default = float(item.quiz.max_points)
        return item_points(quiz_entry, default) if quiz_entry else default
    return 0.0


def course_item_add(*, course: Course, item: Item) -> bool:
    """Put the item on the course's list if it is missing, so its scores count; True if added."""
    if item.exercise is not None:
        _, added = CourseExercise.objects.get_or_create(
            course=course,
            exercise=item.exercise,
            defaults={"order": CourseExercise.objects.filter(course=course).count()},
        )
    elif item.quiz is not None:
        _, added = CourseQuiz.objects.get_or_create(
            course=course,
            quiz=item.quiz,
            defaults={"order": CourseQuiz.objects.filter(course=course).count()},
        )
    else:
        assert item.lesson is not None
        _, added = CourseLesson.objects.get_or_create(
            course=course,
            lesson=item.lesson,
            defaults={"order": CourseLesson.objects.filter(course=course).count()},
        )
    return added


def deep_link_resources(
    *, course: Course, picked: list[tuple[Item, float]], launch_url: str
) -> list[DeepLinkResource]:
    """The deep linking answer's content items: one LTI resource link per picked item, on the
    launch URL, named by ``custom.item``; gradable items worth points carry a line item whose
    maximum is the course's points (an empty quiz has none and is linked ungraded). The picked
    items are also put on the course, so their scores count."""
    resources = []
    for item, points in picked:
        course_item_add(course=course, item=item)
        resource = (
            DeepLinkResource()
            .set_url(launch_url)
            .set_title(item.title)
            .set_custom_params({"item": item.key})
        )
        if item.gradable and points > 0:
            resource.set_lineitem(
                LineItem()
                .set_label(item.title)
                .set_score_maximum(points)
                .set_resource_id(item.key)
                .set_tag("mlquiz")
            )
        resources.append(resource)
    return resources


# --- roles and accounts ------------------------------------------------------------------------


def course_role(roles: list[str] | None) -> CourseRole | None:
    """The course role LMS roles map to: TeachingAssistant → TA, Instructor (or the context's
    Administrator) → instructor, Learner → learner; institution and system roles do not
    count (an institution's faculty member is a learner in a course they take)."""
    names = set()
    for role in roles or []:
        if role.startswith(MEMBERSHIP) or "/" not in role:
            names.add(role.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    if "TeachingAssistant" in names:
        return "ta"
    if names & {"Instructor", "Administrator"}:
        return "instructor"
    if "Learner" in names:
        return "learner"
    return None


def lti_username(*, issuer: str, sub: str, name: str = "") -> str:
    """A local username for an LMS user, readable where staff see it (gradebook, dashboard):
    the name or the email's local part, then a hash of (issuer, sub) that keeps it unique (LMS
    subjects can be long and contain anything). Only chosen once: accounts are found through
    ``LtiUser.auth_user``, never by this name."""
    readable = slugify(name)[:40].strip("-") or "lti"
    digest = hashlib.sha256(f"{issuer}\n{sub}".encode()).hexdigest()
    return f"{readable}-{digest[:10]}"


def local_user(*, lti_user: LtiUser, instructor: bool) -> User:
    """The passwordless local account of an LMS user, created on first sight, its name and email
    kept as the LMS last said."""
    user: User | None = lti_user.auth_user
    if user is None:
        username = lti_username(
            issuer=lti_user.registration.issuer,
            sub=lti_user.sub,
            name=lti_user.name or lti_user.email.partition("@")[0],
        )
        # Never adopt an existing account that happens to have this name (someone could sign
        # up under the name a known (issuer, sub) maps to, and receive that student's work).
        while User.objects.filter(username=username).exists():
            username = f"{username[:140]}-{secrets.token_hex(3)}"
        user = User(username=username)
        user.set_unusable_password()
        user.save()
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user", "datetime_modified"])
    given, family = lti_user.given_name, lti_user.family_name
    if not (given or family) and lti_user.name:
        given, _, family = lti_user.name.partition(" ")
    user.first_name, user.last_name = given[:150], family[:150]
    user.email = lti_user.email or user.email
    user.save()
    if instructor:
        user.groups.add(instructor_group())
    return user


def course_role_grant(*, course: Course, user: User, role: CourseRole) -> None:
    """Give the user their LMS role in the course (never demoting the owner)."""
    if role == "learner":
        Enrollment.objects.get_or_create(course=course, user=user)
        return
    staff_role = StaffRole.INSTRUCTOR if role == "instructor" else StaffRole.TA
    existing = CourseStaff.objects.filter(course=course, user=user).first()
    if existing is None:
        CourseStaff.objects.create(course=course, user=user, role=staff_role)
    elif existing.role != StaffRole.OWNER and existing.role != staff_role:
        existing.role = staff_role
        existing.save(update_fields=["role"])


# --- launches ----------------------------------------------------------------------------------


@dataclass
class LaunchOutcome:
    """What an accepted launch did: whom to sign in and where to send them."""

    user: User
    course: Course
    redirect_url: str
    # Set on an instructor's launch when the LMS offers its roster (sync after commit).
    roster_context_course_id: int | None = None
    deep_link: bool = False
    notes: list[str] = field(default_factory=list)


def launch_accept(*, lti_launch: LtiLaunch) -> LaunchOutcome:
    """Turn a validated launch into an mlquiz session's worth of state.

    Refusals (replayed nonce, inactive deployment, no usable role, no course yet, unknown item)
    are raised before any write that would survive them: the whole service is one transaction.
    """
    body: dict[str, Any] = lti_launch.get_launch_data()
    deployment: LtiDeployment = lti_launch.deployment
    with transaction.atomic():
        try:
            with transaction.atomic():
                UsedNonce.objects.create(nonce=str(body.get("nonce", ""))[:255])
        except IntegrityError:
            raise LaunchRejected(
                "This launch was already used.",
                "The id_token's nonce has been spent: a replayed or re-posted launch.",
            ) from None
        if not deployment.is_active:
            raise LaunchRejected(
                "This LMS deployment is registered but not active in mlquiz.",
                f"deployment {deployment.deployment_id}: an administrator activates it.",
            )
        role = course_role(lti_launch.roles_claim)
        if role is None:
            raise LaunchRejected(
                "mlquiz needs an Instructor, Teaching assistant or Learner role in this course.",
                ", ".join(lti_launch.roles_claim or []) or "the launch carries no roles",
            )
        context = lti_launch.context_claim
        if not context or not context.get("id"):
            raise LaunchRejected("The launch names no course (context claim).", "", 400)
        is_deep_link = bool(lti_launch.is_deep_link_launch)
        item: Item | None = None
        if is_deep_link:
            if role != "instructor":
                raise LaunchRejected("Only instructors can pick mlquiz items for the LMS.")
        elif lti_launch.is_resource_launch:
            item = item_resolve(lti_launch.get_custom_claim("item"))
        else:
            raise LaunchRejected("mlquiz does not handle this kind of LTI message.", "", 400)
        existing = (
            ContextCourse.objects.filter(
                context__deployment=deployment, context__id_on_platform=context["id"]
            )
            .select_related("course")
            .first()
        )
        if item is not None and not item_linkable(
            item=item, course=existing.course if existing else None
        ):
            # A hand-typed link may name any slug: only the site library's items, and items
            # the course already has (its own library's included), open from an LMS; private
            # material is added to the course in mlquiz (or by deep linking) first.
            raise LaunchRejected("This link opens an item mlquiz does not have.", item.key, 404)
        if existing is None and role != "instructor":
            raise LaunchRejected(
                "This course is not set up in mlquiz yet.",
                "An instructor opens any mlquiz link of the course once; then it works.",
                409,
            )

        sync_data_from_launch(lti_launch)
        lti_user = lti_launch.user
        # Launching from the course proves membership, whatever an older roster said.
        LtiMembership.objects.filter(user=lti_user, context=lti_launch.context).update(
            is_active=True
        )
        user = local_user(lti_user=lti_user, instructor=role == "instructor")
        if existing is None:
            title = context.get("title") or context.get("label") or "LMS course"
            course = Course.objects.create(owner=user, title=str(title)[:200])
            binding = ContextCourse.objects.create(context=lti_launch.context, course=course)
        else:
            binding, course = existing, existing.course
        course_role_grant(course=course, user=user, role=role)
        outcome = LaunchOutcome(user=user, course=course, redirect_url="", deep_link=is_deep_link)
        if role == "instructor" and lti_launch.context.memberships_url:
            outcome.roster_context_course_id = binding.pk
        if is_deep_link:
            outcome.redirect_url = reverse("lti:deep_link")
            return outcome
        assert item is not None
        _resource_link_record(lti_launch, course=course, item=item)
        if role == "instructor" and course_item_add(course=course, item=item):
            outcome.notes.append(f"{item.title} was added to the course {course.title}.")
        if role == "learner" and item.gradable:
            _grade_link_record(lti_launch, user=user, lti_user=lti_user, course=course, item=item)
        outcome.redirect_url = item.url
    return outcome


def _resource_link_record(lti_launch: LtiLaunch, *, course: Course, item: Item) -> None:
    ResourceLinkItem.objects.update_or_create(
        resource_link=lti_launch.resource_link,
        defaults={
            "course": course,
            "item": item.key,
            "exercise": item.exercise,
            "quiz": item.quiz,
            "lesson": item.lesson,
        },
    )


def _grade_link_record(
    lti_launch: LtiLaunch, *, user: User, lti_user: LtiUser, course: Course, item: Item
) -> None:
    """Keep the launch's line item for this student and link; then queue their current score
    there (a score earned before the first launch, or before the link changed, is sent too)."""
    ags = lti_launch.get_claim(AGS_CLAIM) or {}
    lineitem = ags.get("lineitem")
    if not lineitem or SCORE_SCOPE not in (ags.get("scope") or []):
        return
    link, created = GradeLink.objects.get_or_create(
        user=user,
        resource_link=lti_launch.resource_link,
        defaults={
            "lti_user": lti_user,
            "course": course,
            "exercise": item.exercise,
            "quiz": item.quiz,
            "lineitem_url": lineitem,
        },
    )
    if not created and (link.lineitem_url, link.exercise, link.quiz) != (
        lineitem,
        item.exercise,
        item.quiz,
    ):
        link.lineitem_url, link.exercise, link.quiz = lineitem, item.exercise, item.quiz
        link.save(update_fields=["lineitem_url", "exercise", "quiz"])
    if (
        item.exercise is not None
        and not CourseExercise.objects.filter(course=course, exercise=item.exercise).exists()
    ):
        return
    if (
        item.quiz is not None
        and not CourseQuiz.objects.filter(course=course, quiz=item.quiz).exists()
    ):
        return
    results_rebuild(
        course=course,
        exercise_id=item.exercise.pk if item.exercise else None,
        quiz_id=item.quiz.pk if item.quiz else None,
        user_id=user.pk,
    )


# --- registration ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlatformSpec:
    issuer: str
    client_id: str
    deployment_ids: tuple[str, ...]
    auth_login_url: str
    auth_token_url: str
    key_set_url: str
    name: str = ""
    audience: str = ""


def platform_register(*, spec: PlatformSpec) -> tuple[LtiRegistration, bool]:
    """Register (or update: the same issuer + client id is the same registration) a platform
    and its deployments, active. Returns the registration and whether it was created."""
    with transaction.atomic():
        registration, created = LtiRegistration.objects.update_or_create(
            issuer=spec.issuer,
            client_id=spec.client_id,
            defaults={
                "name": spec.name or spec.issuer,
                "auth_url": spec.auth_login_url,
                "token_url": spec.auth_token_url,
                "keyset_url": spec.key_set_url,
                "audience": spec.audience,
                "is_active": True,
            },
        )
        for deployment_id in spec.deployment_ids:
            LtiDeployment.objects.update_or_create(
                registration=registration,
                deployment_id=deployment_id,
                defaults={"is_active": True},
            )
        tool_key_ensure()
    return registration, created


def tool_keys_rotate(*, keep_days: int) -> tuple[str, int]:
    """A new signing key becomes current; keys older than ``keep_days`` stop being published.
    Platforms cache our JWKS, so the previous key stays published meanwhile for tokens they
    still verify. Returns the new key's kid and how many keys were retired."""
    from lti_tool.models import Key

    with transaction.atomic():
        new_key = Key.objects.generate()
        retired = (
            Key.objects.active()
            .exclude(pk=new_key.pk)
            .filter(datetime_created__lt=timezone.now() - timedelta(days=keep_days))
            .update(is_active=False)
        )
    return str(new_key), retired


# --- the score outbox --------------------------------------------------------------------------


def _rounded(value: float) -> float:
    return round(value, 6)


def outbox_record(*, course_id: int, results: list[ResultScore]) -> list[int]:
    """Queue a score for each linked (student, item) whose effective score differs from the
    last one queued or sent there. Runs inside the transaction that changed the scores (the
    receiver of courses.signals.results_rebuilt), so the outbox commits with them; the rows are
    sent after commit. Returns the new rows' ids."""
    user_ids = {r.user_id for r in results}
    latest = ScoreOutbox.objects.filter(link=OuterRef("pk")).order_by("-pk")
    links = (
        GradeLink.objects.filter(course_id=course_id, user_id__in=user_ids)
        .annotate(
            last_given=Subquery(latest.values("score_given")[:1]),
            last_maximum=Subquery(latest.values("score_maximum")[:1]),
        )
        .order_by("pk")
    )
    by_item: dict[tuple[int, int | None, int | None], list[Any]] = {}
    for link in links:
        by_item.setdefault((link.user_id, link.exercise_id, link.quiz_id), []).append(link)
    if not by_item:
        return []
    now = timezone.now()
    created: list[ScoreOutbox] = []
    for result in results:
        for link in by_item.get((result.user_id, result.exercise_id, result.quiz_id), []):
            given = _rounded(result.fraction * result.points_possible)
            maximum = _rounded(result.points_possible)
            if (link.last_given, link.last_maximum) == (given, maximum):
                continue
            created.append(
                ScoreOutbox(
                    link=link,
                    score_given=given,
                    score_maximum=maximum,
                    produced_at=now,
                    next_attempt_at=now,
                )
            )
    if not created:
        return []
    # A newer score makes an unsent older one pointless (the LMS keeps the latest).
    ScoreOutbox.objects.filter(
        link_id__in={row.link_id for row in created}, status=ScoreStatus.PENDING
    ).update(status=ScoreStatus.SUPERSEDED, claimed_until=None)
    rows = ScoreOutbox.objects.bulk_create(created)
    ids = [row.pk for row in rows]
    transaction.on_commit(lambda: outbox_enqueue(outbox_ids=ids))
    return ids


def outbox_enqueue(*, outbox_ids: list[int]) -> None:
    """Send each row by a task; if the broker is down the periodic drain sends them later."""
    from lti.tasks import send_score

    for outbox_id in outbox_ids:
        try:
            send_score.delay(outbox_id)
        except Exception:
            logger.warning("could not enqueue score %s; the drain will send it", outbox_id)


def _backoff(attempts: int) -> timedelta:
    seconds = settings.LTI_SCORE_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.LTI_SCORE_RETRY_MAX_SECONDS))


CLAIM_SECONDS = 120


def score_send(*, outbox_id: int) -> str:
    """Post one outbox row to its line item, exactly once: the row is claimed by one
    conditional UPDATE (a second task or the drain finds it claimed or sent and does nothing),
    marked sent when the LMS accepted it, or rescheduled with backoff when it did not.
    Returns what happened: sent, retry, failed or skipped."""
    now = timezone.now()
    claimed = (
        ScoreOutbox.objects.filter(
            pk=outbox_id, status=ScoreStatus.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    if not claimed:
        return "skipped"
    row = ScoreOutbox.objects.select_related(
        "link__lti_user", "link__resource_link__context__deployment__registration"
    ).get(pk=outbox_id)
    link = row.link
    registration = link.resource_link.context.deployment.registration
    grade = (
        Grade()
        .set_score_given(row.score_given)
        .set_score_maximum(row.score_maximum)
        .set_timestamp(row.produced_at.isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_user_id(link.lti_user.sub)
    )
    from pylti1p3.assignments_grades import AssignmentsGradesService

    ags = AssignmentsGradesService(
        service_connector(registration),
        {
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
            "lineitem": link.lineitem_url,
        },
    )
    try:
        ags.put_grade(grade)
    except (LtiException, LtiServiceException, requests.RequestException, ValueError) as error:
        return _send_failed(row, error)
    ScoreOutbox.objects.filter(pk=row.pk).update(
        status=ScoreStatus.SENT,
        sent_at=timezone.now(),
        attempts=row.attempts + 1,
        claimed_until=None,
        last_error="",
    )
    return "sent"


def _send_failed(row: ScoreOutbox, error: Exception) -> str:
    attempts = row.attempts + 1
    give_up = attempts >= settings.LTI_SCORE_MAX_ATTEMPTS
    message = str(error) or error.__class__.__name__
    response = getattr(error, "response", None)
    if response is not None and hasattr(response, "status_code"):
        message = f"HTTP {response.status_code} from {response.url}"
    elif error.args and hasattr(error.args[0], "status_code"):  # LtiServiceException(response)
        message = f"HTTP {error.args[0].status_code} from {error.args[0].url}"
    ScoreOutbox.objects.filter(pk=row.pk).update(
        attempts=attempts,
        last_error=message[:500],
        claimed_until=None,
        next_attempt_at=timezone.now() + _backoff(attempts),
        status=ScoreStatus.FAILED if give_up else ScoreStatus.PENDING,
    )
    logger.info("score %s not accepted (attempt %s): %s", row.pk, attempts, message)
    return "failed" if give_up else "retry"


def outbox_drain(*, limit: int = 500) -> dict[str, int]:
    """Send every pending row that is due (scores produced while the LMS or the broker was
    down). Run by Celery beat every minute; returns counts by outcome."""
    due = list(
        ScoreOutbox.objects.filter(status=ScoreStatus.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts: dict[str, int] = {}
    for outbox_id in due:
        outcome = score_send(outbox_id=outbox_id)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def outbox_retry_now(*, course: Course, exercise_id: int | None, quiz_id: int | None) -> list[int]:
    """Staff's "retry now": every unsent score of the item, failed ones included, becomes due
    at once and is sent after commit. Returns the rows' ids."""
    item = Q(link__exercise_id=exercise_id) if exercise_id else Q(link__quiz_id=quiz_id)
    rows = ScoreOutbox.objects.filter(
        item,
        link__course=course,
        status__in=[ScoreStatus.PENDING, ScoreStatus.FAILED],
    )
    ids = list(rows.values_list("pk", flat=True))
    now = timezone.now()
    ScoreOutbox.objects.filter(pk__in=ids).update(
        status=ScoreStatus.PENDING, next_attempt_at=now, claimed_until=None
    )
    transaction.on_commit(lambda: outbox_enqueue(outbox_ids=ids))
    return ids


# --- the roster (NRPS) -------------------------------------------------------------------------


@dataclass
class RosterReport:
    enrolled: int = 0
    staff: int = 0
    dropped: int = 0
    error: str = ""


def roster_sync(*, binding_id: int) -> RosterReport:
    """Fetch the context's members from the LMS (NRPS) and apply them: new learners get an
    account and an enrollment, instructors and TAs their staff role; members the LMS no longer
    lists (or lists as inactive) are marked inactive, their work kept. The outcome is kept on
    the binding for the staff page."""
    binding = ContextCourse.objects.select_related(
        "course", "context__deployment__registration"
    ).get(pk=binding_id)
    context: LtiContext = binding.context
    report = RosterReport()
    if not context.memberships_url:
        report.error = "The LMS offers no roster for this course (no NRPS claim)."
    else:
        nrps = NamesRolesProvisioningService(
            service_connector(context.deployment.registration),
            {"context_memberships_url": context.memberships_url},
        )
        try:
            members: list[dict[str, Any]] = [dict(m) for m in nrps.get_members()]
        except (LtiException, LtiServiceException, requests.RequestException, ValueError) as e:
            report.error = f"The LMS roster could not be fetched: {_describe(e)}"[:500]
        else:
            with transaction.atomic():
                _roster_apply(binding, context, members, report)
    ContextCourse.objects.filter(pk=binding.pk).update(
        roster_synced_at=timezone.now() if not report.error else binding.roster_synced_at,
        roster_error=report.error,
    )
    return report


def _describe(error: Exception) -> str:
    if error.args and hasattr(error.args[0], "status_code"):
        return f"HTTP {error.args[0].status_code}"
    return str(error) or error.__class__.__name__


def _roster_apply(
    binding: ContextCourse, context: LtiContext, members: list[dict[str, Any]], report: RosterReport
) -> None:
    context.update_memberships([m for m in members if "user_id" in m and "roles" in m])
    listed = {str(m["user_id"]) for m in members if "user_id" in m}
    LtiMembership.objects.filter(context=context, is_active=True).exclude(
        user__sub__in=listed
    ).update(is_active=False)
    report.dropped = LtiMembership.objects.filter(context=context, is_active=False).count()
    by_sub = {str(m["user_id"]): m for m in members if "user_id" in m}
    for membership in LtiMembership.objects.filter(context=context, is_active=True).select_related(
        "user__registration", "user__auth_user"
    ):
        role = course_role(by_sub.get(membership.user.sub, {}).get("roles"))
        if role is None:
            continue
        user = local_user(lti_user=membership.user, instructor=role == "instructor")
        course_role_grant(course=binding.course, user=user, role=role)
        if role == "learner":
            report.enrolled += 1
        else:
            report.staff += 1


# --- LTI Dynamic Registration ------------------------------------------------------------------


class RegistrationFailed(Exception):
    """Dynamic registration could not complete; the message is shown to the administrator."""


TOOL_SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
)


def _json_from(response: requests.Response, what: str) -> dict[str, Any]:
    if not response.ok:
        raise RegistrationFailed(f"The LMS answered HTTP {response.status_code} to {what}.")
    try:
        data = response.json()
    except ValueError:
        raise RegistrationFailed(f"The LMS's {what} is not JSON.") from None
    if not isinstance(data, dict):
        raise RegistrationFailed(f"The LMS's {what} is not a JSON object.")
    return data


def platform_register_dynamic(
    *, openid_configuration: str, registration_token: str, tool_url: str, activate: bool
) -> LtiRegistration:
    """LTI Dynamic Registration: read the platform's OpenID configuration, send it mlquiz's
    tool configuration, store the client id (and deployment) it answers with.

    Anyone can open the registration URL, so what it creates stays inactive until a site
    maintainer activates it in the admin, unless a signed-in site maintainer ran it
    (``activate``): otherwise a stranger's "LMS" could make its users instructors here."""
    from lti.tool import TimeoutSession

    session = TimeoutSession()
    parsed = urlsplit(openid_configuration)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise RegistrationFailed("openid_configuration is not a URL.")
    try:
        config = _json_from(session.get(openid_configuration), "OpenID configuration")
        issuer = str(config.get("issuer", ""))
        endpoints = {
            name: str(config.get(name, ""))
            for name in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        }
        registration_endpoint = str(config.get("registration_endpoint", ""))
        if not issuer or not all(endpoints.values()) or not registration_endpoint:
            raise RegistrationFailed(
                "The LMS's OpenID configuration lacks the issuer or an endpoint."
            )
        # The issuer must be the configuration's own site (LTI DR 1.0, 3.5.1).
        if urlsplit(issuer).netloc != parsed.netloc:
            raise RegistrationFailed(
                f"The issuer {issuer} does not match the configuration's site {parsed.netloc}."
            )
        launch_url = f"{tool_url}/lti/launch/"
        body: dict[str, Any] = {
            "application_type": "web",
            "response_types": ["id_token"],
            "grant_types": ["implicit", "client_credentials"],
            "initiate_login_uri": f"{tool_url}/lti/login/",
            "redirect_uris": [launch_url],
            "client_name": "mlquiz",
            "jwks_uri": f"{tool_url}/lti/jwks/",
            "token_endpoint_auth_method": "private_key_jwt",
            "scope": " ".join(TOOL_SCOPES),
            "https://purl.imsglobal.org/spec/lti-tool-configuration": {
                "domain": urlsplit(tool_url).netloc,
                "target_link_uri": launch_url,
                "claims": ["iss", "sub", "name", "given_name", "family_name", "email"],
                "messages": [
                    {"type": "LtiResourceLinkRequest", "target_link_uri": launch_url},
                    {
                        "type": "LtiDeepLinkingRequest",
                        "target_link_uri": launch_url,
                        "label": "mlquiz exercises and quizzes",
                    },
                ],
            },
        }
        headers = {"Authorization": f"Bearer {registration_token}"} if registration_token else {}
        answer = _json_from(
            session.post(registration_endpoint, json=body, headers=headers), "registration"
        )
    except requests.RequestException as error:
        raise RegistrationFailed(
            f"The LMS could not be reached: {error.__class__.__name__}."
        ) from error
    client_id = str(answer.get("client_id", ""))
    if not client_id:
        raise RegistrationFailed("The LMS's registration answer has no client_id.")
    tool_config = answer.get("https://purl.imsglobal.org/spec/lti-tool-configuration") or {}
    deployment_id = (
        str(tool_config.get("deployment_id", "")) if isinstance(tool_config, dict) else ""
    )
    product = config.get("https://purl.imsglobal.org/spec/lti-platform-configuration") or {}
    name = product.get("product_family_code", "") if isinstance(product, dict) else ""
    was_active = LtiRegistration.objects.filter(
        issuer=issuer, client_id=client_id, is_active=True
    ).exists()
    registration, _created = platform_register(
        spec=PlatformSpec(
            issuer=issuer,
            client_id=client_id,
            deployment_ids=(deployment_id,) if deployment_id else (),
            auth_login_url=endpoints["authorization_endpoint"],
            auth_token_url=endpoints["token_endpoint"],
            key_set_url=endpoints["jwks_uri"],
            name=f"{name or issuer} (dynamic registration)",
        )
    )
    if not activate and not was_active:
        LtiRegistration.objects.filter(pk=registration.pk).update(is_active=False)
        registration.is_active = False
    return registration
