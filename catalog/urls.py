"""Instructor authoring of exercises and lessons in the browser."""

from __future__ import annotations

from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("instructor/exercises/", views.exercise_list, name="exercise_authoring_list"),
    path("instructor/exercises/new", views.exercise_new, name="exercise_new"),
    path("instructor/exercises/<slug:slug>/edit", views.exercise_edit, name="exercise_edit"),
    path("instructor/markdown-preview", views.markdown_preview, name="markdown_preview"),
    path("instructor/lessons/", views.lesson_list, name="lesson_authoring_list"),
    path("instructor/lessons/new", views.lesson_edit, name="lesson_new"),
    path("instructor/lessons/<slug:slug>/edit", views.lesson_edit, name="lesson_authoring_edit"),
]
