"""Admin for what lti adds (platform registrations and deployments are lti_tool's admin)."""

from __future__ import annotations

from django.contrib import admin

from lti.models import ContextCourse, GradeLink, ScoreOutbox


@admin.register(ContextCourse)
class ContextCourseAdmin(admin.ModelAdmin[ContextCourse]):
    list_display = ["context", "course", "roster_synced_at", "roster_error"]
    raw_id_fields = ["context", "course"]


@admin.register(GradeLink)
class GradeLinkAdmin(admin.ModelAdmin[GradeLink]):
    list_display = ["user", "course", "exercise", "quiz", "lineitem_url"]
    raw_id_fields = ["user", "lti_user", "resource_link", "course", "exercise", "quiz"]


@admin.register(ScoreOutbox)
class ScoreOutboxAdmin(admin.ModelAdmin[ScoreOutbox]):
    list_display = ["link", "score_given", "score_maximum", "status", "attempts", "sent_at"]
    list_filter = ["status"]
    raw_id_fields = ["link"]
