"""Instructor pages to write, validate and publish exercises, and to edit lessons.

Views parse the form, call one service from ``catalog.authoring``, and render.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import instructor_required
from catalog import authoring
from catalog.models import Difficulty, Exercise, Lesson, Topic
from catalog.rendering import render_document

MAX_PREVIEW_CHARS = 200_000


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())


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

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lesson_field = self.fields["lesson"]
        assert isinstance(lesson_field, forms.ChoiceField)
        lesson_field.choices = [("", "— choose a lesson —")] + [
            (lesson.slug, lesson.title) for lesson in Lesson.objects.order_by("order", "title")
        ]
        if editing:
            self.fields["slug"].disabled = True

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
            tags=_split(data["tags"]),
            rtol=data["rtol"],
            atol=data["atol"],
            limits=limits,
            banned=tuple(b.strip('"') for b in _split(data["banned"])),
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


def _editor_module() -> str:
    """URL of the CodeMirror module if the front-end bundle provides one, else ""."""
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    return static("dist/editor.js") if finders.find("dist/editor.js") else ""


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
def exercise_list(request: HttpRequest) -> HttpResponse:
    exercises = Exercise.objects.select_related("lesson", "current_version").order_by(
        "status", "lesson__order", "order", "title"
    )
    return render(request, "catalog/authoring/exercise_list.html", {"exercises": exercises})


@instructor_required
@require_http_methods(["GET", "POST"])
def exercise_new(request: HttpRequest) -> HttpResponse:
    form = ExerciseForm(
        request.POST or None, initial={"topic": "linear-algebra", **STARTER_TEMPLATE}
    )
    if request.method == "POST" and form.is_valid():
        try:
            exercise = authoring.exercise_create(
                slug=form.cleaned_data["slug"], content=form.content()
            )
        except authoring.AuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Draft saved. Validate it, then publish.")
            return redirect("catalog:exercise_edit", slug=exercise.slug)
    return render(
        request,
        "catalog/authoring/exercise_form.html",
        {"form": form, "editor_module": _editor_module()},
    )


@instructor_required
@require_http_methods(["GET", "POST"])
def exercise_edit(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = get_object_or_404(Exercise.objects.select_related("current_version"), slug=slug)
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
            working = authoring.exercise_save_draft(exercise=exercise, content=content)
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
        "editor_module": _editor_module(),
        "exercise": exercise,
        "working": working,
        "pending": authoring.exercise_has_pending(exercise),
        "validation": validation,
        "versions": exercise.versions.order_by("-number")[:10],
    }
    return render(request, "catalog/authoring/exercise_form.html", context)


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


@instructor_required
@require_http_methods(["GET", "POST"])
def lesson_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        lesson = get_object_or_404(Lesson, pk=request.POST.get("lesson") or 0)
        authoring.lesson_move(
            lesson=lesson, direction=-1 if request.POST.get("move") == "up" else 1
        )
        return redirect("catalog:lesson_authoring_list")
    lessons = Lesson.objects.filter(is_active=True).order_by("order", "title")
    return render(request, "catalog/authoring/lesson_list.html", {"lessons": lessons})


@instructor_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    lesson = get_object_or_404(Lesson, slug=slug) if slug else None
    initial = (
        {
            "slug": lesson.slug,
            "title": lesson.title,
            "summary": lesson.summary,
            "body_md": lesson.body_md,
        }
        if lesson
        else {}
    )
    form = LessonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {k: v.replace("\r\n", "\n") for k, v in form.cleaned_data.items()}
            lesson = authoring.lesson_save(lesson=lesson, **fields)
        except authoring.AuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Lesson saved.")
            return redirect("catalog:lesson_authoring_edit", slug=lesson.slug)
    return render(request, "catalog/authoring/lesson_form.html", {"form": form, "lesson": lesson})
