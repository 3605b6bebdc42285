from __future__ import annotations

from django.urls import path

from exercises import views

app_name = "exercises"

urlpatterns = [
    path("exercises/", views.exercise_list, name="exercise_list"),
    path("exercises/submissions/<int:pk>", views.submission_detail, name="submission_detail"),
    path("exercises/try/<str:token>", views.try_detail, name="try_detail"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise_detail"),
    path("exercises/<slug:slug>/submit", views.exercise_submit, name="exercise_submit"),
    path("exercises/<slug:slug>/hint", views.exercise_hint, name="exercise_hint"),
    path("exercises/<slug:slug>/try", views.exercise_try, name="exercise_try"),
    path("exercises/<slug:slug>/solution", views.exercise_solution, name="exercise_solution"),
]
