from __future__ import annotations

from django.urls import path

from courses import extension_views, lesson_views, views

app_name = "courses"

course = "instructor/courses/<int:course_id>/"

urlpatterns = [
    path("lessons/", lesson_views.lesson_list, name="lesson_list"),
    path("lessons/<slug:slug>/", lesson_views.lesson_detail, name="lesson_detail"),
    path("progress/", views.my_progress, name="my_progress"),
    path("courses/join/", views.join, name="join"),
    path("instructor/courses/", views.course_list, name="course_list"),
    path("instructor/courses/new", views.course_create, name="course_create"),
    path(course, views.dashboard, name="dashboard"),
    path(course + "edit", views.course_edit, name="course_edit"),
    path(course + "join-code", views.course_join_code, name="course_join_code"),
    path(course + "heatmap", views.heatmap, name="heatmap"),
    path(course + "gradebook.csv", views.gradebook_csv, name="gradebook_csv"),
    path(course + "exercises/<int:exercise_id>/", views.exercise_stats, name="exercise_stats"),
    path(course + "quizzes/<int:quiz_id>/", views.quiz_stats, name="quiz_stats"),
    path(course + "students/<int:user_id>/", views.student_detail, name="student_detail"),
    path(
        course + "submissions/<int:submission_id>/",
        views.submission_detail,
        name="submission_detail",
    ),
    path(
        course + "students/<int:user_id>/extension",
        extension_views.extension_save,
        name="extension_save",
    ),
    path(
        course + "students/<int:user_id>/extension/remove",
        extension_views.extension_delete,
        name="extension_delete",
    ),
    path(
        course + "students/<int:user_id>/override",
        extension_views.override_save,
        name="override_save",
    ),
    path(
        course + "students/<int:user_id>/override/remove",
        extension_views.override_delete,
        name="override_delete",
    ),
    path(course + "audit", extension_views.audit_log, name="audit_log"),
]
