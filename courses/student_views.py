"""The students' side of courses: "My courses" and one course's page.

Only the course's enrolled students and its staff open a course page; anyone else gets a 404
(nothing says the course exists). An archived course disappears for its students.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from accounts.decorators import AuthenticatedHttpRequest
from courses import course_page as pages


@login_required
def my_courses(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "courses/my_courses.html", {"courses": pages.my_courses(user=request.user)}
    )


@login_required
def course_detail(request: AuthenticatedHttpRequest, course_id: int) -> HttpResponse:
    course, is_staff = pages.course_get_for_member(user=request.user, course_id=course_id)
    page = pages.course_page(course=course, user=request.user, is_staff=is_staff)
    return render(request, "courses/course_page.html", {"course": course, "page": page})
