from __future__ import annotations

from django.urls import path

from exercises import lesson_views, views

app_name = "exercises"

urlpatterns = [
    path("lessons/", lesson_views.lesson_list, name="lesson_list"),
    path("lessons/<slug:slug>/", lesson_views.lesson_detail, name="lesson_detail"),
    path("exercises/", views.exercise_list, name="exercise_list"),
    path("exercises/submissions/<int:pk>", views.submission_detail, name="submission_detail"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise_detail"),
    path("exercises/<slug:slug>/submit", views.exercise_submit, name="exercise_submit"),
]
