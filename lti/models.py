"""What mlquiz keeps about LMS launches, on top of django-lti's models (lti_tool).

lti_tool already stores the platform registrations and deployments, the tool's keys, and what
launches said: ``LtiUser`` (issuer + sub, with ``auth_user`` pointing at the local account),
``LtiContext`` (the LMS course), ``LtiMembership`` and ``LtiResourceLink``. This app adds the
links to mlquiz's own objects: which course a context is, which item a resource link opens, the
line item each student's score goes to, and the outbox of scores to send.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from lti_tool.models import LtiContext, LtiResourceLink, LtiUser

from catalog.models import Exercise, Lesson
from courses.models import Course
from quizzes.models import Quiz


class ContextCourse(models.Model):
    """The mlquiz course an LMS context maps to, created on the context's first instructor
    launch. The roster sync's outcome is kept here for the staff page."""

    context = models.OneToOneField(LtiContext, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lti_contexts")
    roster_synced_at = models.DateTimeField(null=True, blank=True)
    roster_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"context {self.context_id} → course {self.course_id}"


class UsedNonce(models.Model):
    """A launch's nonce, spent. pylti1p3 checks that a nonce was issued by our login step but
    never forgets it, so the same id_token could be posted again; the unique row makes a second
    use fail in the database, whichever web process it reaches."""

    nonce = models.CharField(max_length=255, unique=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.nonce


class GradeLink(models.Model):
    """Where one student's score on one linked item goes: the AGS line item of the resource link
    they launched (kept per user and resource link, as the launch said it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_grade_links"
    )
    lti_user = models.ForeignKey(LtiUser, on_delete=models.CASCADE, related_name="+")
    resource_link = models.ForeignKey(LtiResourceLink, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lineitem_url = models.URLField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "resource_link"], name="one_grade_link"),
            models.CheckConstraint(
                condition=models.Q(exercise__isnull=False, quiz__isnull=True)
                | models.Q(exercise__isnull=True, quiz__isnull=False),
                name="grade_link_one_item",
            ),
        ]
        indexes = [models.Index(fields=["course", "user"], name="grade_link_course_user")]

    def __str__(self) -> str:
        return f"user {self.user_id} → {self.lineitem_url}"


class ScoreStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    SUPERSEDED = "superseded", "Replaced by a newer score"
    FAILED = "failed", "Gave up"


class ScoreOutbox(models.Model):
    """A score to post to an LMS line item, written in the transaction that changed the score
    (courses.signals.results_rebuilt), so a score is never lost when the LMS or Redis is down:
    a task sends it after commit and the periodic drain retries what is still pending."""

    link = models.ForeignKey(GradeLink, on_delete=models.CASCADE, related_name="scores")
    score_given = models.FloatField()
    score_maximum = models.FloatField()
    # When the score changed: the AGS timestamp, which also orders scores at the LMS.
    produced_at = models.DateTimeField()
    status = models.CharField(
        max_length=12, choices=ScoreStatus.choices, default=ScoreStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A sender holds the row until then; a crashed sender's claim simply runs out.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-produced_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="score_outbox_due"),
            models.Index(fields=["link", "-id"], name="score_outbox_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.score_given}/{self.score_maximum} for link {self.link_id} ({self.status})"


class ResourceLinkItem(models.Model):
    """What a resource link opens (its custom ``item`` claim, resolved), for the staff page."""

    resource_link = models.OneToOneField(
        LtiResourceLink, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=120)
    exercise = models.ForeignKey(
        Exercise, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    quiz = models.ForeignKey(
        Quiz, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    def __str__(self) -> str:
        return self.item
