"""Staff actions on one student of a course: extensions, score overrides; and the audit log.

Thin views: parse a form, call one service of ``courses.adjustments``, redirect back to the
student's drill-down. A refused change re-shows that page with the form's errors (status 400)
and nothing changed. TAs may do all of it (``ALL_STAFF``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accounts.decorators import AuthenticatedHttpRequest
from courses import adjustments, selectors
from courses.access import ALL_STAFF
from courses.adjustment_forms import (
    ExtensionForm,
    OverrideForm,
    RemoveForm,
)
from courses.models import AuditEntry, Course
from courses.views import _int_or_none, course_view, student_detail_context

AUDIT_PAGE_SIZE = 50


def _student_page(
    request: AuthenticatedHttpRequest, course: Course, student: Any, **forms: Any
) -> HttpResponse:
    """The drill-down again, with the refused form and its errors (nothing was changed)."""
    context = student_detail_context(course=course, student=student, **forms)
    return render(request, "courses/student_detail.html", context, status=400)


def _back(course: Course, student: Any) -> HttpResponse:
    return redirect("courses:student_detail", course_id=course.pk, user_id=student.pk)


def _items(course: Course) -> dict[str, Any]:
    return {"items": adjustments.course_items(course=course), "time_zone": course.time_zone}


@course_view(methods=["POST"], roles=ALL_STAFF)
def extension_save(request: AuthenticatedHttpRequest, course: Course, user_id: int) -> HttpResponse:
    student = selectors.course_student_get(course=course, user_id=user_id)
    form = ExtensionForm(request.POST, prefix="ext", **_items(course))
    if form.is_valid():
        try:
            item = adjustments.course_item_get(course=course, key=form.cleaned_data["item"])
            adjustments.extension_grant(
                course=course,
                student=student,
                actor=request.user,
                item=item,
                due_at=form.cleaned_data["due_at"],
                time_multiplier=form.cleaned_data["time_multiplier"],
                reason=form.cleaned_data["reason"],
            )
        except adjustments.AdjustmentRefused as refusal:
            form.refuse(refusal)
        else:
            messages.success(request, f"Extension saved for {student.get_username()}.")
            return _back(course, student)
    return _student_page(request, course, student, extension_form=form)


def _remove(
    request: AuthenticatedHttpRequest,
    course: Course,
    user_id: int,
    *,
    remove: Callable[..., bool],
    what: str,
) -> HttpResponse:
    """Remove one student's extension or override on one item (``remove`` is the service)."""
    student = selectors.course_student_get(course=course, user_id=user_id)
    form = RemoveForm(request.POST, **_items(course))
    if not form.is_valid():
        messages.error(request, "Choose an exercise or quiz of this course.")
        return _back(course, student)
    item = adjustments.course_item_get(course=course, key=form.cleaned_data["item"])
    if remove(course=course, student=student, actor=request.user, item=item):
        messages.success(request, f"{what.capitalize()} on {item.title} removed.")
    else:
        messages.info(request, f"There was no {what} on {item.title}.")
    return _back(course, student)


@course_view(methods=["POST"], roles=ALL_STAFF)
def extension_delete(
    request: AuthenticatedHttpRequest, course: Course, user_id: int
) -> HttpResponse:
    return _remove(request, course, user_id, remove=adjustments.extension_remove, what="extension")


@course_view(methods=["POST"], roles=ALL_STAFF)
def override_save(request: AuthenticatedHttpRequest, course: Course, user_id: int) -> HttpResponse:
    student = selectors.course_student_get(course=course, user_id=user_id)
    form = OverrideForm(request.POST, prefix="ovr", **_items(course))
    if form.is_valid():
        try:
            item = adjustments.course_item_get(course=course, key=form.cleaned_data["item"])
            adjustments.override_set(
                course=course,
                student=student,
                actor=request.user,
                item=item,
                points=form.cleaned_data["points"],
                reason=form.cleaned_data["reason"],
            )
        except adjustments.AdjustmentRefused as refusal:
            form.refuse(refusal)
        else:
            messages.success(request, f"Score override saved for {student.get_username()}.")
            return _back(course, student)
    return _student_page(request, course, student, override_form=form)


@course_view(methods=["POST"], roles=ALL_STAFF)
def override_delete(
    request: AuthenticatedHttpRequest, course: Course, user_id: int
) -> HttpResponse:
    return _remove(
        request, course, user_id, remove=adjustments.override_remove, what="score override"
    )


@course_view(methods=["GET"], roles=ALL_STAFF)
def audit_log(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    """Newest first, 50 a page; ``?student=<id>`` keeps one student's entries."""
    entries = AuditEntry.objects.filter(course=course).select_related("actor", "student")
    student_id = _int_or_none(request.GET.get("student"))
    if student_id is not None:
        entries = entries.filter(student_id=student_id)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page", 1))
    students = (
        get_user_model()
        .objects.filter(enrollments__course=course)
        .order_by("username")
        .only("pk", "username")
    )
    return render(
        request,
        "courses/audit_log.html",
        {"course": course, "page": page, "students": students, "student_id": student_id},
    )
