"""Instructor pages to write, validate and publish exercises, and to edit lessons.

Views parse the form, call one service from ``catalog.authoring``, and render. Material
belongs to a library (issue #21): an instructor edits only the libraries ``catalog.access``
says they may (their own, their courses', the site's for a maintainer); anything else is a
404, as if it did not exist. The site library is shown read-only with "Copy to…".
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import AuthenticatedHttpRequest, instructor_required
from catalog import authoring, selectors
from catalog.access import can_edit, editable_libraries
from catalog.forms import (
    CopyForm,
    chosen_library,
    editor_module,
    small_int,
    split_list,
    versions_to_compare,
)
from catalog.models import Difficulty, Exercise, Lesson, Library, Topic
from catalog.rendering import render_document

MAX_PREVIEW_CHARS = 200_000


class ExerciseForm(forms.Form):
    slug = forms.SlugField(max_length=80, help_text="Part of the URL; cannot change later.")
    title = forms.CharField(max_length=200)
    function = forms.CharField(max_length=100, help_text="The function the student defines.")
    lesson = forms.ChoiceField(help_text="sync_content needs every exercise in a lesson.")
    topic = forms.ChoiceField(choices=Topic.choices)
    difficulty = forms.ChoiceField(choices=Difficulty.choices)
    points = forms.IntegerField(min_value=0, initial=10)
    order = forms.IntegerField(min_value=0, initial=0)
    tags = forms.CharField(required=False, help_text="Comma-separated.")
    rtol = forms.FloatField(required=False, min_value=0, label="Default rtol")
    atol = forms.FloatField(required=False, min_value=0, label="Default atol")
    cpu_seconds = forms.FloatField(
        required=False, min_value=0.1, max_value=30, label="CPU seconds", help_text="Default 2."
    )
    wall_seconds = forms.FloatField(
        required=False,
        min_value=0.1,
        max_value=60,
        label="Wall-clock seconds",
        help_text="Default 5.",
    )
    memory_mb = forms.IntegerField(
        required=False, min_value=64, max_value=2048, label="Memory (MB)", help_text="Default 512."
    )
    banned = forms.CharField(
        required=False,
        help_text='Calls the student may not use, comma-separated: np.linalg.inv, np.dot, "@".',
    )
    banned_reason = forms.CharField(required=False, max_length=300)
    statement_md = forms.CharField(
        strip=False, label="Statement (Markdown, $math$)", widget=forms.Textarea
    )
    starter = forms.CharField(strip=False, widget=forms.Textarea, label="starter.py")
    reference = forms.CharField(strip=False, widget=forms.Textarea, label="reference.py")
    cases = forms.CharField(strip=False, widget=forms.Textarea, label="cases.py")
    solution_md = forms.CharField(
        strip=False, required=False, widget=forms.Textarea, label="Solution (Markdown, optional)"
    )
    message = forms.CharField(
        max_length=300,
        required=False,
        label="What changed",
        help_text="Recorded with the version, shown in its history (e.g. “fix tolerance”).",
    )

    def __init__(
        self,
        *args: Any,
        editing: bool = False,
        libraries: list[Library] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        lesson_field = self.fields["lesson"]
        assert isinstance(lesson_field, forms.ChoiceField)
        lesson_field.choices = [("", "— choose a lesson —")] + [
            (lesson.slug, lesson.title)
            for lesson in Lesson.objects.filter(archived_at__isnull=True).order_by("order", "title")
        ]
        if editing:
            self.fields["slug"].disabled = True
            # Every saved version says why it exists.
            self.fields["message"].required = True
        if libraries is not None:
            # Not required: without a choice, the first one (the instructor's own library).
            self.fields["library"] = forms.TypedChoiceField(
                choices=[(lib.pk, lib.title) for lib in libraries],
                coerce=int,
                required=False,
                empty_value=None,
                help_text="Who owns it: you, a course you teach, or the site library.",
            )

    def content(self) -> authoring.ExerciseContent:
        # Browsers send textarea lines as CRLF; files in git (and sync_content) use LF.
        data: dict[str, Any] = {
            key: value.replace("\r\n", "\n") if isinstance(value, str) else value
            for key, value in self.cleaned_data.items()
        }
        limits = {
            key: data[key]
            for key in ("cpu_seconds", "wall_seconds", "memory_mb")
            if data.get(key) is not None
        }
        return authoring.ExerciseContent(
            title=data["title"],
            function=data["function"],
            topic=data["topic"],
            difficulty=data["difficulty"],
            lesson_slug=data["lesson"] or "",
            points=data["points"],
            order=data["order"],
            tags=split_list(data["tags"]),
            rtol=data["rtol"],
            atol=data["atol"],
            limits=limits,
            banned=tuple(b.strip('"') for b in split_list(data["banned"])),
            banned_reason=data["banned_reason"],
            statement_md=data["statement_md"],
            starter=data["starter"],
            reference=data["reference"],
            cases=data["cases"],
            solution_md=data["solution_md"],
        )

    @staticmethod
    def initial_from(exercise: Exercise, content: authoring.ExerciseContent) -> dict[str, Any]:
        return {
            "slug": exercise.slug,
            "title": content.title,
            "function": content.function,
            "lesson": content.lesson_slug,
            "topic": content.topic,
            "difficulty": content.difficulty,
            "points": content.points,
            "order": content.order,
            "tags": ", ".join(content.tags),
            "rtol": content.rtol,
            "atol": content.atol,
            **content.limits,
            "banned": ", ".join(content.banned),
            "banned_reason": content.banned_reason,
            "statement_md": content.statement_md,
            "starter": content.starter,
            "reference": content.reference,
            "cases": content.cases,
            "solution_md": content.solution_md,
        }


STARTER_TEMPLATE = {
    "statement_md": "Write `f(x)` that returns ...\n\n$$y = x$$\n",
    "starter": "import numpy as np\n\n\ndef f(x):\n    raise NotImplementedError\n",
    "reference": "import numpy as np\n\n\ndef f(x):\n    return np.asarray(x, dtype=float)\n",
    "cases": (
        "import numpy as np\n\nfrom grader.cases import Case\n\n\n"
        "def cases(rng: np.random.Generator) -> list[Case]:\n    return [\n"
        '        Case("example: small", args=(np.array([1.0, 2.0]),), visible=True),\n'
        '        Case("hidden: random n=50", args=(rng.normal(size=50),)),\n    ]\n'
    ),
}


@instructor_required
def exercise_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    groups = selectors.authoring_exercise_groups(user=request.user)
    return render(request, "catalog/authoring/exercise_list.html", {"groups": groups})


@instructor_required
@require_http_methods(["GET", "POST"])
def exercise_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    libraries = editable_libraries(request.user)
    form = ExerciseForm(
        request.POST or None,
        initial={"topic": "linear-algebra", **STARTER_TEMPLATE},
        libraries=libraries,
    )
    if request.method == "POST" and form.is_valid():
        try:
            exercise = authoring.exercise_create(
                slug=form.cleaned_data["slug"],
                content=form.content(),
                library=chosen_library(libraries, form.cleaned_data["library"]),
                author=request.user,
                message=form.cleaned_data["message"] or "Created",
            )
        except authoring.AuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draft saved. Validate it, then publish.")
            return redirect("catalog:exercise_edit", slug=exercise.slug)
    return render(
        request,
        "catalog/authoring/exercise_form.html",
        {"form": form, "editor_module": editor_module()},
    )


@instructor_required
@require_http_methods(["GET", "POST"])
def exercise_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    exercise = selectors.exercise_get_editable(user=request.user, slug=slug)
    working = authoring.exercise_working_version(exercise)
    initial = (
        ExerciseForm.initial_from(
            exercise, authoring.ExerciseContent.from_version(exercise, working)
        )
        if working
        else {"slug": exercise.slug}
    )
    form = ExerciseForm(request.POST or None, initial=initial, editing=True)
    validation = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "save")
        try:
            content = form.content()
            if working is not None:  # keep the exercise.yaml keys the form does not show
                extra = authoring.ExerciseContent.from_version(exercise, working).extra
                content = dataclasses.replace(content, extra=extra)
            working = authoring.exercise_save_draft(
                exercise=exercise,
                content=content,
                author=request.user,
                message=form.cleaned_data["message"],
            )
        except authoring.AuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            exercise.refresh_from_db()
            if action == "validate":
                validation = authoring.version_validate(exercise=exercise, version=working)
            elif action == "publish":
                validation = authoring.exercise_publish(exercise=exercise, version=working)
                if validation.ok:
                    messages.success(
                        request, f"Published version {working.number}: students now get it."
                    )
                    return redirect("catalog:exercise_edit", slug=exercise.slug)
            else:
                messages.success(request, f"Saved (version {working.number}, not published).")
                return redirect("catalog:exercise_edit", slug=exercise.slug)
    context = {
        "form": form,
        "editor_module": editor_module(),
        "exercise": exercise,
        "working": working,
        "pending": authoring.exercise_has_pending(exercise),
        "validation": validation,
        "versions": selectors.exercise_versions(exercise=exercise)[:10],
        "origin": selectors.exercise_origin(exercise=exercise),
    }
    return render(
        request,
        "catalog/authoring/exercise_form.html",
        context,
        status=400 if request.method == "POST" and form.errors else 200,
    )


@login_required
@require_GET
def exercise_history(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Every version (author, message, date, submissions graded against it) and the diff of
    two of them (``?a=<n>&b=<n>``, default: the two newest). Editors and TAs of the
    exercise's library read it; anyone else gets 404."""
    exercise = selectors.exercise_get_for_staff(user=request.user, slug=slug)
    versions = list(selectors.exercise_versions(exercise=exercise))
    old, new = versions_to_compare(versions, request.GET)
    diff = authoring.version_diff(old=old, new=new) if old and new else []
    context = {
        "exercise": exercise,
        "versions": versions,
        "old": old,
        "new": new,
        "diff": diff,
        "can_edit": can_edit(request.user, exercise.library_id),
    }
    return render(request, "catalog/authoring/exercise_history.html", context)


@instructor_required
@require_POST
def exercise_rollback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Make a new version equal to an older one (``version=<n>``), current at once."""
    exercise = selectors.exercise_get_editable(user=request.user, slug=slug)
    number = small_int(request.POST.get("version"))
    if number is None:
        return HttpResponse("Say which version to roll back to (version=<number>).", status=400)
    try:
        version = authoring.exercise_rollback(exercise=exercise, number=number, author=request.user)
    except authoring.AuthoringError as exc:
        return HttpResponse(str(exc), status=400)
    messages.success(request, f"Rolled back to v{number}: students now get v{version.number}.")
    return redirect("catalog:exercise_history", slug=exercise.slug)


@instructor_required
@require_POST
def exercise_archive(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Archive (``archive=1``) or bring back (``archive=0``); submissions are kept."""
    exercise = selectors.exercise_get_editable(user=request.user, slug=slug)
    archive = request.POST.get("archive", "1") != "0"
    authoring.exercise_archive(exercise=exercise, archived=archive)
    messages.success(request, f"“{exercise.title}” {'archived' if archive else 'restored'}.")
    return redirect("catalog:exercise_authoring_list")


@instructor_required
@require_http_methods(["GET", "POST"])
def exercise_copy(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Copy a site (or own) exercise into one's own library or a course one teaches."""
    source = selectors.exercise_get_copyable(user=request.user, slug=slug)
    targets = selectors.copy_targets(user=request.user)
    form = CopyForm(request.POST or None, libraries=targets)
    if request.method == "POST" and form.is_valid():
        try:
            copy = authoring.exercise_copy(
                source=source,
                library=chosen_library(targets, form.cleaned_data["library"]),
                author=request.user,
            )
        except authoring.AuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Copied as {copy.slug}: a draft you can edit.")
            return redirect("catalog:exercise_edit", slug=copy.slug)
    context = {"form": form, "source": source, "kind": "exercise", "targets": targets}
    status = 400 if form.errors else 200
    return render(request, "catalog/authoring/copy.html", context, status=status)


@instructor_required
@require_POST
def markdown_preview(request: HttpRequest) -> JsonResponse:
    """Rendered (sanitized) HTML of posted Markdown: the live preview of the editors."""
    try:
        text = json.loads(request.body or b"{}").get("markdown", "")
    except (ValueError, AttributeError, RecursionError):  # RecursionError: absurdly deep JSON
        return JsonResponse({"error": 'send JSON like {"markdown": "..."}'}, status=400)
    if not isinstance(text, str) or len(text) > MAX_PREVIEW_CHARS:
        return JsonResponse(
            {"error": "markdown must be a string under 200,000 characters"}, status=400
        )
    doc = render_document(text)
    return JsonResponse({"html": doc.html, "errors": doc.errors})


class LessonForm(forms.Form):
    slug = forms.SlugField(max_length=80)
    title = forms.CharField(max_length=200)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    body_md = forms.CharField(strip=False, label="Body (Markdown, $math$)", widget=forms.Textarea)
    is_published = forms.BooleanField(
        required=False,
        label="Published",
        help_text="A draft is seen by the library's staff only.",
    )
    message = forms.CharField(
        max_length=300,
        required=False,
        label="What changed",
        help_text="Recorded with the version, shown in the lesson's history.",
    )

    def __init__(self, *args: Any, libraries: list[Library] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if libraries is not None:
            # Not required: without a choice, the first one (the instructor's own library).
            self.fields["library"] = forms.TypedChoiceField(
                choices=[(lib.pk, lib.title) for lib in libraries],
                coerce=int,
                required=False,
                empty_value=None,
                help_text="Who owns it: you, a course you teach, or the site library.",
            )


@instructor_required
@require_http_methods(["GET", "POST"])
def lesson_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        lesson = Lesson.objects.filter(pk=small_int(request.POST.get("lesson")) or 0).first()
        if lesson is None or not can_edit(request.user, lesson.library_id):
            raise Http404("No such lesson")
        authoring.lesson_move(
            lesson=lesson, direction=-1 if request.POST.get("move") == "up" else 1
        )
        return redirect("catalog:lesson_authoring_list")
    groups = selectors.authoring_lesson_groups(user=request.user)
    return render(request, "catalog/authoring/lesson_list.html", {"groups": groups})


@instructor_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: AuthenticatedHttpRequest, slug: str | None = None) -> HttpResponse:
    lesson = selectors.lesson_get_editable(user=request.user, slug=slug) if slug else None
    libraries = None if lesson else editable_libraries(request.user)
    initial = (
        {
            "slug": lesson.slug,
            "title": lesson.title,
            "summary": lesson.summary,
            "body_md": lesson.body_md,
            "is_published": lesson.is_published,
        }
        if lesson
        else {}
    )
    form = LessonForm(request.POST or None, initial=initial, libraries=libraries)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lesson = authoring.lesson_save(
                lesson=lesson,
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"].replace("\r\n", "\n"),
                body_md=data["body_md"].replace("\r\n", "\n"),
                library=chosen_library(libraries, data["library"]) if libraries else None,
                is_published=data["is_published"],
                author=request.user,
                message=data["message"],
            )
        except authoring.AuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            state = "published" if lesson.is_published else "saved as a draft"
            messages.success(request, f"Lesson {state}.")
            return redirect("catalog:lesson_authoring_edit", slug=lesson.slug)
    status = 400 if request.method == "POST" and form.errors else 200
    context = {"form": form, "lesson": lesson}
    return render(request, "catalog/authoring/lesson_form.html", context, status=status)


@instructor_required
@require_GET
def lesson_history(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Every version of a lesson (author, message, date) and the diff of two of them
    (``?a=<n>&b=<n>``, default: the two newest). Its editors only; anyone else gets 404."""
    lesson = selectors.lesson_get_editable(user=request.user, slug=slug)
    versions = list(lesson.versions.select_related("author").order_by("-number"))
    old, new = versions_to_compare(versions, request.GET)
    diff = authoring.lesson_version_diff(old=old, new=new) if old and new else []
    context = {"lesson": lesson, "versions": versions, "old": old, "new": new, "diff": diff}
    return render(request, "catalog/authoring/lesson_history.html", context)


@instructor_required
@require_POST
def lesson_rollback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Make a new version equal to an older one (``version=<n>``), current at once."""
    lesson = selectors.lesson_get_editable(user=request.user, slug=slug)
    number = small_int(request.POST.get("version"))
    if number is None:
        return HttpResponse("Say which version to roll back to (version=<number>).", status=400)
    try:
        version = authoring.lesson_rollback(lesson=lesson, number=number, author=request.user)
    except authoring.AuthoringError as exc:
        return HttpResponse(str(exc), status=400)
    messages.success(
        request, f"Rolled back to v{number}: the lesson now reads as v{version.number}."
    )
    return redirect("catalog:lesson_history", slug=lesson.slug)


@instructor_required
@require_POST
def lesson_archive(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    lesson = selectors.lesson_get_editable(user=request.user, slug=slug)
    archive = request.POST.get("archive", "1") != "0"
    authoring.lesson_archive(lesson=lesson, archived=archive)
    messages.success(request, f"“{lesson.title}” {'archived' if archive else 'restored'}.")
    return redirect("catalog:lesson_authoring_list")


@instructor_required
@require_http_methods(["GET", "POST"])
def lesson_copy(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    source = selectors.lesson_get_copyable(user=request.user, slug=slug)
    targets = selectors.copy_targets(user=request.user)
    form = CopyForm(request.POST or None, libraries=targets)
    if request.method == "POST" and form.is_valid():
        copy = authoring.lesson_copy(
            source=source, library=chosen_library(targets, form.cleaned_data["library"])
        )
        messages.success(request, f"Copied as {copy.slug}: a draft you can edit.")
        return redirect("catalog:lesson_authoring_edit", slug=copy.slug)
    context = {"form": form, "source": source, "kind": "lesson", "targets": targets}
    status = 400 if form.errors else 200
    return render(request, "catalog/authoring/copy.html", context, status=status)
