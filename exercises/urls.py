from __future__ import annotations

from django.urls import path

from exercises import lesson_views

app_name = "exercises"

urlpatterns = [
    path("lessons/", lesson_views.lesson_list, name="lesson_list"),
    path("lessons/<slug:slug>/", lesson_views.lesson_detail, name="lesson_detail"),
]
