"""Staff pages of a course: who teaches it (owner only changes that), its students (remove,
bulk-enrol), archiving, and regrades.

Views parse input, call one service from ``courses.staff`` or ``courses.regrade`` and render or
redirect; a refused change (``StaffError``, ``RegradeError``) becomes a message, never a 500.
Who may do what is in each ``course_view(roles=...)``: anyone else on the staff gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from accounts.decorators import AuthenticatedHttpRequest
from courses import regrade, staff
from courses.access import OWNER_ONLY, TEACHERS
from courses.models import Course, StaffRole
from courses.staff_forms import BulkEnrollForm, RegradeForm, StaffInviteForm, StaffRoleForm
from courses.views import course_view


def _staff_context(course: Course, role: StaffRole, invite: StaffInviteForm) -> dict[str, object]:
    return {
        "course": course,
        "staff_rows": staff.staff_list(course=course),
        "invite": invite,
        "is_owner": role == StaffRole.OWNER,
        "role_form": StaffRoleForm(),
        "audit": staff.audit_recent(course=course),
    }


@course_view
def staff_page(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    role: StaffRole = getattr(request, "course_role")  # noqa: B009 - set by course_view
    return render(request, "courses/staff.html", _staff_context(course, role, StaffInviteForm()))


@course_view(methods=["POST"], roles=OWNER_ONLY)
def staff_invite(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    form = StaffInviteForm(request.POST)
    if form.is_valid():
        try:
            row = staff.staff_invite(
                course=course,
                actor=request.user,
                identifier=form.cleaned_data["identifier"],
                role=form.cleaned_data["role"],
            )
        except staff.StaffError as exc:
            form.add_error("identifier", str(exc))
        else:
            messages.success(
                request, f"{row.user.username} is now {StaffRole(row.role).label.lower()}."
            )
            return redirect("courses:staff", course_id=course.pk)
    context = _staff_context(course, StaffRole.OWNER, form)
    return render(request, "courses/staff.html", context, status=400)


@course_view(methods=["POST"], roles=OWNER_ONLY)
def staff_update(request: AuthenticatedHttpRequest, course: Course, staff_id: int) -> HttpResponse:
    form = StaffRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose instructor or teaching assistant.")
        return redirect("courses:staff", course_id=course.pk)
    try:
        row = staff.staff_set_role(
            course=course, actor=request.user, staff_id=staff_id, role=form.cleaned_data["role"]
        )
    except staff.StaffError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"{row.user.username} is now {StaffRole(row.role).label.lower()}."
        )
    return redirect("courses:staff", course_id=course.pk)


@course_view(methods=["POST"], roles=OWNER_ONLY)
def staff_remove(request: AuthenticatedHttpRequest, course: Course, staff_id: int) -> HttpResponse:
    try:
        staff.staff_remove(course=course, actor=request.user, staff_id=staff_id)
    except staff.StaffError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Removed from the course's staff.")
    return redirect("courses:staff", course_id=course.pk)


@course_view(methods=["POST"], roles=OWNER_ONLY)
def course_archive(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    archived = request.POST.get("archived") == "1"
    staff.course_set_archived(course=course, actor=request.user, archived=archived)
    messages.success(
        request,
        "Course archived: students no longer see it and nobody can join."
        if archived
        else "Course unarchived: students see it again.",
    )
    return redirect("courses:dashboard", course_id=course.pk)


# --- students ------------------------------------------------------------------------------------


def _roster_response(
    request: AuthenticatedHttpRequest,
    course: Course,
    form: BulkEnrollForm,
    result: staff.BulkResult | None = None,
    status: int = 200,
) -> HttpResponse:
    role: StaffRole = getattr(request, "course_role")  # noqa: B009 - set by course_view
    return render(
        request,
        "courses/roster.html",
        {
            "course": course,
            "enrollments": staff.roster_list(course=course),
            "form": form,
            "result": result,
            "can_manage": role in TEACHERS,
        },
        status=status,
    )


@course_view
def roster(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    return _roster_response(request, course, BulkEnrollForm())


@course_view(methods=["POST"], roles=TEACHERS)
def roster_bulk(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    form = BulkEnrollForm(request.POST, request.FILES)
    if not form.is_valid():
        return _roster_response(request, course, form, status=400)
    try:
        result = staff.enrollment_bulk(
            course=course, actor=request.user, text=form.cleaned_data["text"]
        )
    except staff.StaffError as exc:
        form.add_error(None, str(exc))
        return _roster_response(request, course, form, status=400)
    return _roster_response(request, course, BulkEnrollForm(), result)


@course_view(methods=["GET", "POST"], roles=TEACHERS)
def roster_remove(request: AuthenticatedHttpRequest, course: Course, user_id: int) -> HttpResponse:
    """GET asks for confirmation; POST removes (submissions are kept)."""
    from courses.selectors import course_student_get

    student = course_student_get(course=course, user_id=user_id)  # 404 unless enrolled
    if request.method == "POST":
        try:
            staff.enrollment_remove(course=course, actor=request.user, user_id=student.pk)
        except staff.StaffError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"{student.username} was removed from the course; their work is kept."
            )
        return redirect("courses:roster", course_id=course.pk)
    return render(request, "courses/roster_remove.html", {"course": course, "student": student})


# --- regrades ------------------------------------------------------------------------------------


def _regrade_form(course: Course, data: object = None) -> RegradeForm:
    return RegradeForm(
        data,
        items=regrade.regrade_item_choices(course=course),
        students=regrade.regrade_student_choices(course=course),
    )


@course_view(methods=["GET", "POST"], roles=TEACHERS)
def regrade_new(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    form = _regrade_form(course, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            job = regrade.regrade_start(
                course=course,
                actor=request.user,
                item=form.cleaned_data["item"],
                student_id=form.cleaned_data["student"],
                policy=form.cleaned_data["policy"],
            )
        except regrade.RegradeError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("courses:regrade_detail", course_id=course.pk, job_id=job.pk)
    return render(
        request,
        "courses/regrade_form.html",
        {"course": course, "form": form, "jobs": regrade.regrade_jobs(course=course)},
        status=400 if form.errors else 200,
    )


@course_view(roles=TEACHERS)
def regrade_detail(request: AuthenticatedHttpRequest, course: Course, job_id: int) -> HttpResponse:
    job = regrade.regrade_job_get(course=course, job_id=job_id)
    return render(request, "courses/regrade_detail.html", {"course": course, "job": job})


@course_view(roles=TEACHERS)
def regrade_progress(
    request: AuthenticatedHttpRequest, course: Course, job_id: int
) -> HttpResponse:
    job = regrade.regrade_job_get(course=course, job_id=job_id)
    return JsonResponse(regrade.regrade_payload(job))
