from __future__ import annotations

from django.contrib import admin

from catalog.models import Exercise, ExerciseVersion, Lesson


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin[Lesson]):
    list_display = ["order", "title", "slug", "is_active"]


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin[Exercise]):
    list_display = ["title", "slug", "lesson", "topic", "difficulty", "status", "is_active"]
    list_filter = ["topic", "difficulty", "status", "is_active"]


@admin.register(ExerciseVersion)
class ExerciseVersionAdmin(admin.ModelAdmin[ExerciseVersion]):
    list_display = ["exercise", "number", "created_at"]
