from __future__ import annotations

from django.contrib import admin

from quizzes.models import Attempt, AttemptQuestion, Quiz, QuizSlot


class QuizSlotInline(admin.TabularInline):
    model = QuizSlot
    extra = 0


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
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


class AttemptQuestionInline(admin.TabularInline):
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
class AttemptAdmin(admin.ModelAdmin):
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
