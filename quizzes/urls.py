from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from quizzes import authoring_views, copy_views, practice_views, views

app_name = "quizzes"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.quiz_list, name="quiz_list"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/new/", views.quiz_compose, name="quiz_new"),
    path("manage/preview/", views.generator_preview, name="generator_preview"),
    path("manage/<slug:slug>/edit/", views.quiz_compose, name="quiz_edit"),
    path("manage/<slug:slug>/archive/", views.quiz_archive, name="quiz_archive"),
    path("manage/<slug:slug>/copy/", copy_views.quiz_copy, name="quiz_copy"),
    path("manage/<slug:slug>/results/", views.quiz_results, name="quiz_results"),
    path("manage/<slug:slug>/results.csv", views.quiz_results_csv, name="quiz_results_csv"),
    path("attempts/<int:pk>/", views.attempt_take, name="attempt_take"),
    path("attempts/<int:pk>/autosave/", views.attempt_autosave, name="attempt_autosave"),
    path("attempts/<int:pk>/review/", views.attempt_review, name="attempt_review"),
    path("<slug:slug>/", views.quiz_detail, name="quiz_detail"),
    path("<slug:slug>/start/", views.quiz_start, name="quiz_start"),
    # Questions written in the browser (issue #17).
    path("manage/questions/", authoring_views.question_list, name="question_list"),
    path("manage/questions/new/", authoring_views.question_new, name="question_new"),
    path("manage/questions/<slug:slug>/", authoring_views.question_edit, name="question_edit"),
    path("manage/questions/<slug:slug>/copy/", authoring_views.question_copy, name="question_copy"),
    path(
        "manage/questions/<slug:slug>/history/",
        authoring_views.question_history,
        name="question_history",
    ),
    path(
        "manage/questions/<slug:slug>/rollback/",
        authoring_views.question_rollback,
        name="question_rollback",
    ),
]

# Practice mode (issue #17): three-segment paths under practice/, so that the quiz pages'
# `<slug>/` and `<slug>/start/` above never match them.
urlpatterns += [
    path("practice/lessons/<slug:slug>/", practice_views.practice_lesson, name="practice_lesson"),
    path(
        "practice/questions/<slug:name>/",
        practice_views.practice_question,
        name="practice_question",
    ),
]
