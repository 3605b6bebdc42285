"""Course pages: the instructor's courses and dashboard, joining a course, "My progress".

Views parse input, call one selector or service, and render.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import wraps
from typing import Any, Concatenate, overload

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods

from accounts.decorators import AuthenticatedHttpRequest, instructor_required
from accounts.roles import is_instructor
from courses import charts, course_page, exports, scoring, selectors, services
from courses.access import ALL_STAFF, TEACHERS
from courses.adjustment_forms import adjustment_context
from courses.forms import CourseForm, JoinForm, MaterialForm
from courses.models import Course, Enrollment, StaffRole
from quizzes.analysis import ItemRow

SUBMISSIONS_PAGE_SIZE = 50

# A course page as written: the signed-in instructor's request, their course, then the
# page's own URL arguments (exercise_id, user_id, ...).
type CourseView[**P] = Callable[Concatenate[AuthenticatedHttpRequest, Course, P], HttpResponse]


@overload
def course_view[**P](view: CourseView[P], /) -> Callable[..., HttpResponse]: ...
@overload
def course_view[**P](
    *, methods: Collection[str] | None = None, roles: Collection[StaffRole] = ALL_STAFF
) -> Callable[[CourseView[P]], Callable[..., HttpResponse]]: ...
def course_view[**P](
    view: CourseView[P] | None = None,
    /,
    *,
    methods: Collection[str] | None = None,
    roles: Collection[StaffRole] = ALL_STAFF,
) -> Callable[..., HttpResponse] | Callable[[CourseView[P]], Callable[..., HttpResponse]]:
    """A staff page about one course: `course_id` from the URL becomes the Course, or a 404 if
    the signed-in user is not on its staff with one of `roles` (no hint that it exists).

    The checks run in this order: signed in (else the login page), the HTTP method if
    `methods` is given (else 405), and only then the course and the role. The role is on
    ``request.course_role`` for templates. The result is typed `Callable[..., HttpResponse]`
    because the URL resolver calls it with `course_id` as a keyword, which a ParamSpec cannot
    add to the view's own parameters.
    """

    def decorate(view: CourseView[P]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def resolve(
            request: AuthenticatedHttpRequest, /, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            course_id = kwargs.pop("course_id")
            if not isinstance(course_id, int):  # only an <int:course_id> route can reach here
                raise TypeError(f"{view.__name__} needs an <int:course_id> URL argument")
            course, role = selectors.course_get_for_staff(
                user=request.user, course_id=course_id, roles=roles
            )
            setattr(request, "course_role", role)  # noqa: B010 - read by templates
            return view(request, course, *args, **kwargs)

        if methods is not None:
            resolve = require_http_methods(methods)(resolve)
        guarded = login_required(resolve)
        setattr(guarded, "course_staff_only", frozenset(roles))  # noqa: B010 - for the matrix
        return guarded

    return decorate if view is None else decorate(view)


def _int_or_none(value: str | None) -> int | None:
    """A positive id from the query string, or None (junk and out-of-range ids included:
    SQLite's driver raises OverflowError on integers beyond 64 bits)."""
    if not value or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


@login_required
def course_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The courses the user teaches, with their role in each. Open to anyone on some course's
    staff (a TA need not be in the Instructors group); other students get 403 as before."""
    courses = list(selectors.courses_for_instructor(user=request.user))
    if not courses and not is_instructor(request.user):
        raise PermissionDenied("This page is for instructors.")
    return render(request, "courses/course_list.html", {"courses": courses})


@instructor_required
@require_http_methods(["GET", "POST"])
def course_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    material = MaterialForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and material.is_valid():
        course = services.course_create(
            owner=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            lesson_ids=[lesson.pk for lesson in material.cleaned_data["lessons"]],
            exercise_ids=[exercise.pk for exercise in material.cleaned_data["exercises"]],
            due=material.due_dates(),
            quiz_ids=[quiz.pk for quiz in material.cleaned_data["quizzes"]],
            quiz_due=material.quiz_due_dates(),
            time_zone=form.cleaned_data["time_zone"],
            rules=material.late_rules(),
            quiz_rules=material.quiz_late_rules(),
        )
        messages.success(
            request, f"Course created. Students join with the code {course.join_code}."
        )
        return redirect("courses:dashboard", course_id=course.pk)
    return render(request, "courses/course_form.html", {"form": form, "material": material})


@course_view(methods=["GET", "POST"], roles=TEACHERS)
def course_edit(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    if course.archived_at is not None:
        messages.error(request, "This course is archived and read-only. Unarchive it first.")
        return redirect("courses:dashboard", course_id=course.pk)
    form = CourseForm(request.POST or None, instance=course)
    material = MaterialForm(request.POST or None, course=course, user=request.user)
    if request.method == "POST" and form.is_valid() and material.is_valid():
        services.course_update(
            course=course,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            is_open=form.cleaned_data["is_open"],
            time_zone=form.cleaned_data["time_zone"],
        )
        services.course_set_material(
            course=course,
            lesson_ids=[lesson.pk for lesson in material.cleaned_data["lessons"]],
            exercise_ids=[exercise.pk for exercise in material.cleaned_data["exercises"]],
            due=material.due_dates(),
            quiz_ids=[quiz.pk for quiz in material.cleaned_data["quizzes"]],
            quiz_due=material.quiz_due_dates(),
            rules=material.late_rules(),
            quiz_rules=material.quiz_late_rules(),
        )
        messages.success(request, "Course saved.")
        return redirect("courses:dashboard", course_id=course.pk)
    return render(
        request, "courses/course_form.html", {"form": form, "material": material, "course": course}
    )


@course_view(methods=["POST"], roles=TEACHERS)
def course_join_code(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    if course.archived_at is not None:
        messages.error(request, "This course is archived and read-only. Unarchive it first.")
        return redirect("courses:dashboard", course_id=course.pk)
    code = services.course_new_join_code(course=course)
    messages.success(request, f"New join code: {code}. The old code no longer works.")
    return redirect("courses:dashboard", course_id=course.pk)


@course_view
def dashboard(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    stats = selectors.course_exercise_stats(course=course)
    activity = selectors.course_activity(course=course)
    chart = charts.bar_chart(
        [(day.strftime("%b %d"), n) for day, n, _ in activity],
        overlay=[ok for _, _, ok in activity],
        title="Submissions per day (green: passing)",
        label_every=7,
        width=1100,
        height=220,
    )
    context: dict[str, Any] = {
        "course": course,
        "stats": stats,
        "meters": [charts.meter(s.solve_rate, label=f"{s.solve_rate:.0%} solved") for s in stats],
        "activity_chart": chart,
        "activity_total": sum(n for _, n, _ in activity),
        "at_risk": selectors.course_students_at_risk(course=course),
        "quizzes": selectors.course_quiz_stats(course=course),
        "student_count": Enrollment.objects.filter(course=course).count(),
        "join_url": request.build_absolute_uri("/courses/join/"),
    }
    context["rows"] = list(zip(stats, context["meters"], strict=True))
    return render(request, "courses/dashboard.html", context)


@course_view
def heatmap(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    data = selectors.course_heatmap(
        course=course,
        lesson_id=_int_or_none(request.GET.get("lesson")),
        sort=request.GET.get("sort", "name"),
        page_number=request.GET.get("page", 1),
    )
    return render(
        request,
        "courses/heatmap.html",
        {"course": course, "heatmap": data, "lessons": selectors.course_lessons(course=course)},
    )


@course_view
def exercise_stats(
    request: AuthenticatedHttpRequest, course: Course, exercise_id: int
) -> HttpResponse:
    detail = selectors.course_exercise_detail(course=course, exercise_id=exercise_id)
    chart = charts.bar_chart(
        detail.attempts_histogram, title="Attempts needed to solve", width=420, height=180
    )
    return render(
        request,
        "courses/exercise_stats.html",
        {"course": course, "detail": detail, "attempts_chart": chart},
    )


@course_view
def quiz_stats(request: AuthenticatedHttpRequest, course: Course, quiz_id: int) -> HttpResponse:
    detail = selectors.course_quiz_detail(course=course, quiz_id=quiz_id)
    chart = charts.bar_chart(
        detail.histogram, title="Best score per student (%)", width=520, height=200
    )
    items = selectors.course_quiz_item_analysis(course=course, quiz_id=quiz_id)
    return render(
        request,
        "courses/quiz_stats.html",
        {
            "course": course,
            "detail": detail,
            "score_chart": chart,
            "item_chart": charts.item_chart(
                [(i.title, i.stats.difficulty, i.stats.discrimination) for i in items],
                title="Questions by mean points earned (across) and discrimination (up)",
            ),
            "item_rows": [(i, _bucket_chart(i)) for i in items],
        },
    )


def _bucket_chart(item: ItemRow) -> SafeString | None:
    """Mean points earned per bucket of the parameter the question declares buckets for."""
    if not item.stats.buckets:
        return None
    return charts.bar_chart(
        [(b.label, round(100 * (b.mean_fraction or 0.0))) for b in item.stats.buckets],
        title=f"{item.title}: mean points earned (%) by {item.bucket_param}",
        unit="%",
        width=360,
        height=160,
    )


@course_view
def student_detail(request: AuthenticatedHttpRequest, course: Course, user_id: int) -> HttpResponse:
    student = selectors.course_student_get(course=course, user_id=user_id)
    context = student_detail_context(course=course, student=student, page=request.GET.get("page"))
    return render(request, "courses/student_detail.html", context)


def student_detail_context(
    *, course: Course, student: Any, page: str | None = None, **forms: Any
) -> dict[str, Any]:
    """Everything the drill-down shows: scores with due dates, extensions and overrides (and
    their forms, as given when one was refused), quiz attempts, a page of submissions."""
    submissions = Paginator(
        selectors.student_submissions(course=course, student=student), SUBMISSIONS_PAGE_SIZE
    ).get_page(page or 1)
    scores = selectors.student_scores(course=course, student=student)
    return {
        "course": course,
        "student": student,
        "page": submissions,
        "scores": scores,
        "attempts_by_key": {
            f"{score.item.kind}:{score.item.item_id}": score.cell.attempts
            for score in scores.scores
            if score.cell is not None
        },
        "quiz_attempts": selectors.student_quiz_attempts(course=course, student=student),
        **adjustment_context(course=course, student=student, **forms),
    }


@course_view
def submission_detail(
    request: AuthenticatedHttpRequest, course: Course, submission_id: int
) -> HttpResponse:
    submission = selectors.course_submission_get(course=course, submission_id=submission_id)
    return render(
        request, "courses/submission_detail.html", {"course": course, "submission": submission}
    )


def _csv_cell(value: object) -> str:
    """Neutralize spreadsheet formulas (kept for other CSV views; see courses.exports)."""
    return exports.formula_safe(value)


@course_view
def gradebook_csv(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    """The gradebook in the layout asked for (``?layout=plain|canvas|moodle``, default plain);
    the layouts are described in ``courses/exports.py``."""
    layout = request.GET.get("layout") or "plain"
    if layout not in exports.LAYOUTS:
        return HttpResponse(
            f"Unknown layout. Choose one of: {', '.join(exports.LAYOUTS)}.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    book = scoring.gradebook(course=course)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.now().strftime("%Y%m%d")
    name = f"gradebook-{course.pk}-{layout}-{stamp}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    exports.gradebook_write(book, layout=layout, out=response)
    return response


# ------------------------------------------------------------------------------------------
# Students
# ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def join(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            course = services.enrollment_join(user=request.user, code=form.cleaned_data["code"])
        except services.JoinRefused as exc:
            form.add_error("code", str(exc))
        else:
            messages.success(request, f"You joined {course.title}.")
            return redirect("courses:course_page", course_id=course.pk)
    return render(request, "courses/join.html", {"form": form})


@login_required
def my_progress(request: AuthenticatedHttpRequest) -> HttpResponse:
    progress = selectors.my_progress(user=request.user)
    quizzes = selectors.my_quiz_results(user=request.user)
    # Progress counts per course (issue #21): each course's own "N of M", not the catalog's.
    my_courses = course_page.my_courses(user=request.user)
    return render(
        request,
        "courses/my_progress.html",
        {"progress": progress, "quizzes": quizzes, "my_courses": my_courses},
    )
