"""Instructor authoring of exercises and lessons in the browser."""

from __future__ import annotations

from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("instructor/exercises/", views.exercise_list, name="exercise_authoring_list"),
    path("instructor/exercises/new", views.exercise_new, name="exercise_new"),
    path("instructor/exercises/<slug:slug>/edit", views.exercise_edit, name="exercise_edit"),
    path(
        "instructor/exercises/<slug:slug>/history",
        views.exercise_history,
        name="exercise_history",
    ),
    path(
        "instructor/exercises/<slug:slug>/rollback",
        views.exercise_rollback,
        name="exercise_rollback",
    ),
    path(
        "instructor/exercises/<slug:slug>/archive", views.exercise_archive, name="exercise_archive"
    ),
    path("instructor/exercises/<slug:slug>/copy", views.exercise_copy, name="exercise_copy"),
    path("instructor/markdown-preview", views.markdown_preview, name="markdown_preview"),
    path("instructor/lessons/", views.lesson_list, name="lesson_authoring_list"),
    path("instructor/lessons/new", views.lesson_edit, name="lesson_new"),
    path("instructor/lessons/<slug:slug>/edit", views.lesson_edit, name="lesson_authoring_edit"),
    path("instructor/lessons/<slug:slug>/archive", views.lesson_archive, name="lesson_archive"),
    path("instructor/lessons/<slug:slug>/copy", views.lesson_copy, name="lesson_copy"),
    path("instructor/lessons/<slug:slug>/history", views.lesson_history, name="lesson_history"),
    path("instructor/lessons/<slug:slug>/rollback", views.lesson_rollback, name="lesson_rollback"),
]
