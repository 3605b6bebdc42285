from __future__ import annotations

from django.contrib import admin

from exercises.models import Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin[Submission]):
    list_display = ["id", "user", "exercise", "kind", "status", "score", "created_at"]
    list_filter = ["status", "kind"]
    raw_id_fields = ["user", "exercise", "exercise_version"]
