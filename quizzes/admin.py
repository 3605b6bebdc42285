from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin

from quizzes.models import Attempt, AttemptQuestion, Question, Quiz, QuizSlot

# django-stubs makes the admin classes generic in their models, but Django's own classes are
# not subscriptable at run time (nothing calls django_stubs_ext.monkeypatch()), so the
# parametrised bases exist for the type checker only.
if TYPE_CHECKING:
    _QuizSlotInlineBase = admin.TabularInline[QuizSlot, Quiz]
    _QuizAdminBase = admin.ModelAdmin[Quiz]
    _AttemptQuestionInlineBase = admin.TabularInline[AttemptQuestion, Attempt]
    _AttemptAdminBase = admin.ModelAdmin[Attempt]
    _QuestionAdminBase = admin.ModelAdmin[Question]
else:
    _QuizSlotInlineBase = _AttemptQuestionInlineBase = admin.TabularInline
    _QuizAdminBase = _AttemptAdminBase = _QuestionAdminBase = admin.ModelAdmin


class QuizSlotInline(_QuizSlotInlineBase):
    model = QuizSlot
    extra = 0


@admin.register(Quiz)
class QuizAdmin(_QuizAdminBase):
    list_display = [
        "title",
        "slug",
        "lesson",
        "attempts_allowed",
        "time_limit_minutes",
        "is_published",
    ]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuizSlotInline]


class AttemptQuestionInline(_AttemptQuestionInlineBase):
    model = AttemptQuestion
    extra = 0
    can_delete = False
    readonly_fields = [
        "position",
        "generator",
        "seed",
        "points",
        "response",
        "status",
        "fraction",
        "message",
    ]
    exclude = ["slot", "saved_at"]


@admin.register(Attempt)
class AttemptAdmin(_AttemptAdminBase):
    list_display = ["quiz", "user", "number", "status", "score", "max_score", "started_at"]
    list_filter = ["status", "quiz"]
    readonly_fields = [
        "quiz",
        "user",
        "number",
        "started_at",
        "deadline",
        "submitted_at",
        "score",
        "max_score",
    ]
    inlines = [AttemptQuestionInline]


@admin.register(Question)
class QuestionAdmin(_QuestionAdminBase):
    """Read-only: questions are content/questions/ folders, loaded by `sync_content`."""

    list_display = ["slug", "title", "topic", "points", "current_version", "is_active"]
    list_filter = ["topic", "is_active"]
    search_fields = ["slug", "title"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
