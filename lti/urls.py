"""LTI routes: the endpoints an LMS calls, and the staff page of a course's grade sync."""

from __future__ import annotations

from django.urls import path

from lti import views

app_name = "lti"

course = "instructor/courses/<int:course_id>/lti/"

urlpatterns = [
    path("lti/login/", views.login, name="login"),
    path("lti/launch/", views.launch, name="launch"),
    path("lti/jwks/", views.jwks, name="jwks"),
    path("lti/register/", views.register, name="register"),
    path("lti/deep-link/", views.deep_link, name="deep_link"),
    path(course, views.course_sync, name="course_sync"),
    path(course + "retry", views.course_sync_retry, name="course_sync_retry"),
    path(course + "roster", views.course_roster_sync, name="course_roster_sync"),
]
