"""Instructor pages to write randomized questions in the browser (issue #17).

The form is a question folder: question.yaml's fields and generator.py in the code editor
the exercise editor uses. "Preview" shows fresh variants, "Validate" runs sync_content's
checks on its seeds, "Save" makes a new version with its pool of variants; every one of them
runs the generator in the authors' jail (``quizzes.question_authoring``), never here. A site
question is read-only (copy it); another instructor's question is a 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import AuthenticatedHttpRequest, instructor_required
from catalog.access import can_edit, editable_libraries
from catalog.forms import (
    CopyForm,
    chosen_library,
    editor_module,
    small_int,
    split_list,
    versions_to_compare,
)
from catalog.models import Lesson, Library, Topic
from catalog.selectors import copy_targets
from quizzes import question_authoring as authoring
from quizzes.question_folders import ANSWER_TYPES, CHECK_SEEDS, MODES

STARTER_GENERATOR = '''"""A new question: replace the numbers, the prompt and the solution."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    x = rng.integers(1, 10, 4).astype(float)
    value = float(x.var(ddof=1))
    require(value > 0.5)  # a useless draw: generate is called again
    listing = ", ".join(num(v) for v in x)
    return dict(
        params={"x": x},
        prompt=f"Compute the sample variance of $x = ({listing})$.",
        answer=answer(value, mode="relative", tol=1e-3),
        feedback=[
            feedback(
                "divided-by-n",
                float(x.var()),
                "You divided by n. The sample variance divides by n - 1.",
                credit=0.5,
            ),
        ],
        solution=f"$$s^2 = \\\\frac{{1}}{{n-1}}\\\\sum_i (x_i - \\\\bar x)^2 = {num(value)}.$$",
    )
'''


class QuestionForm(forms.Form):
    slug = forms.SlugField(
        max_length=80, help_text="The question's name in quizzes; cannot change later."
    )
    title = forms.CharField(max_length=200)
    topic = forms.ChoiceField(choices=Topic.choices)
    lesson = forms.ChoiceField(required=False)
    tags = forms.CharField(required=False, help_text="Comma-separated.")
    points = forms.IntegerField(min_value=1, max_value=100, initial=1)
    answer_type = forms.ChoiceField(
        choices=[(t, t) for t in ANSWER_TYPES], label="Answer type", initial="number"
    )
    mode = forms.ChoiceField(
        choices=[(m, m) for m in MODES],
        initial="relative",
        help_text="relative: tol is rtol; absolute: atol; sigfigs: digits; exact: integers.",
    )
    tol = forms.FloatField(
        min_value=0, initial=0.001, label="Tolerance", help_text="Default 0.001 (4 sig. figs)."
    )
    partial = forms.BooleanField(required=False, help_text="Credit per entry (vector, matrix).")
    unordered = forms.BooleanField(required=False, help_text="Entries compared as a multiset.")
    feedback = forms.CharField(
        required=False,
        label="Anticipated wrong answers",
        help_text="The names the generator's feedback(...) rules use, comma-separated.",
    )
    generator = forms.CharField(
        strip=False, widget=forms.Textarea, label="generator.py", max_length=100_000
    )
    message = forms.CharField(
        max_length=300,
        required=False,
        label="What changed",
        help_text="Recorded with the version, shown in its history.",
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
        lesson_field.choices = [("", "— none —")] + [
            (lesson.slug, lesson.title)
            for lesson in Lesson.objects.filter(archived_at__isnull=True).order_by("order", "title")
        ]
        if editing:
            self.fields["slug"].disabled = True
        if libraries is not None:
            self.fields["library"] = forms.TypedChoiceField(
                choices=[(lib.pk, lib.title) for lib in libraries],
                coerce=int,
                required=False,
                empty_value=None,
                help_text="Who owns it: you, a course you teach, or the site library.",
            )

    def draft(self) -> authoring.QuestionDraft:
        data = self.cleaned_data
        return authoring.QuestionDraft(
            title=data["title"].strip(),
            topic=data["topic"],
            lesson=data["lesson"] or None,
            tags=split_list(data["tags"]),
            points=data["points"],
            answer_type=data["answer_type"],
            mode=data["mode"],
            tol=data["tol"],
            partial=data["partial"],
            unordered=data["unordered"],
            feedback=split_list(data["feedback"]),
            # Browsers send textarea lines as CRLF; files in git use LF.
            source=data["generator"].replace("\r\n", "\n"),
        )

    @staticmethod
    def initial_from(slug: str, draft: authoring.QuestionDraft) -> dict[str, Any]:
        return {
            "slug": slug,
            "title": draft.title,
            "topic": draft.topic,
            "lesson": draft.lesson or "",
            "tags": ", ".join(draft.tags),
            "points": draft.points,
            "answer_type": draft.answer_type,
            "mode": draft.mode,
            "tol": draft.tol,
            "partial": draft.partial,
            "unordered": draft.unordered,
            "feedback": ", ".join(draft.feedback),
            "generator": draft.source,
        }


@instructor_required
def question_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine, site = authoring.questions_for_author(user=request.user)
    context = {"mine": mine.select_related("current_version"), "site": site}
    return render(request, "quizzes/authoring/question_list.html", context)


def _act(request: AuthenticatedHttpRequest, form: QuestionForm, slug: str) -> dict[str, Any]:
    """Preview or Validate (nothing saved): what the page shows under the form."""
    draft = form.draft()
    if request.POST.get("action") == "validate":
        problems = authoring.question_validate(slug=slug, draft=draft)
        return {"validation": {"problems": problems, "seeds": len(CHECK_SEEDS)}}
    return {"preview": authoring.question_preview(slug=slug, draft=draft)}


@instructor_required
@require_http_methods(["GET", "POST"])
def question_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    libraries = editable_libraries(request.user)
    form = QuestionForm(
        request.POST or None,
        initial={
            "topic": "statistics",
            "generator": STARTER_GENERATOR,
            "tol": 0.001,
            "feedback": "divided-by-n",
        },
        libraries=libraries,
    )
    context: dict[str, Any] = {"form": form, "editor_module": editor_module()}
    if request.method == "POST" and form.is_valid():
        slug = form.cleaned_data["slug"]
        if request.POST.get("action") in ("preview", "validate"):
            context |= _act(request, form, slug)
        else:
            try:
                version = authoring.question_save(
                    question=None,
                    slug=slug,
                    draft=form.draft(),
                    library=chosen_library(libraries, form.cleaned_data["library"]),
                    author=request.user,
                    message=form.cleaned_data["message"] or "Created",
                )
            except authoring.QuestionAuthoringError as exc:
                context["save_problems"] = exc.problems
            else:
                messages.success(request, f"Saved version {version.number}: quizzes can use it.")
                return redirect("quizzes:question_edit", slug=slug)
    failed = form.errors or "save_problems" in context
    status = 400 if request.method == "POST" and failed else 200
    return render(request, "quizzes/authoring/question_form.html", context, status=status)


@instructor_required
@require_http_methods(["GET", "POST"])
def question_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Edit a question of a library one may edit; a site question is shown read-only (with
    "Copy to…"); anyone else's is a 404. A POST needs the right to edit."""
    if request.method == "POST":
        question = authoring.question_get_editable(user=request.user, slug=slug)
    else:
        question = authoring.question_get_readable(user=request.user, slug=slug)
    editable = can_edit(request.user, question.library_id)
    current = question.current_version
    initial = (
        QuestionForm.initial_from(slug, authoring.QuestionDraft.from_version(current))
        if current
        else {"slug": slug}
    )
    form = QuestionForm(request.POST or None, initial=initial, editing=True)
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    context: dict[str, Any] = {
        "form": form,
        "question": question,
        "editable": editable,
        "editor_module": editor_module(),
        "versions": authoring.question_versions(question=question)[:20],
    }
    if request.method == "POST" and form.is_valid():
        if request.POST.get("action") in ("preview", "validate"):
            context |= _act(request, form, slug)
        elif not form.cleaned_data["message"].strip():
            form.add_error("message", "Say what changed: it is recorded with the version.")
        else:
            try:
                version = authoring.question_save(
                    question=question,
                    slug=slug,
                    draft=form.draft(),
                    library=None,
                    author=request.user,
                    message=form.cleaned_data["message"].strip(),
                )
            except authoring.QuestionAuthoringError as exc:
                context["save_problems"] = exc.problems
            else:
                messages.success(request, f"Saved version {version.number}: new attempts get it.")
                return redirect("quizzes:question_edit", slug=slug)
    failed = form.errors or "save_problems" in context
    status = 400 if request.method == "POST" and failed else 200
    return render(request, "quizzes/authoring/question_form.html", context, status=status)


@instructor_required
@require_http_methods(["GET", "POST"])
def question_copy(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Copy a site (or own) question into one's own library or a course one teaches."""
    source = authoring.question_get_readable(user=request.user, slug=slug)
    targets = copy_targets(user=request.user)
    form = CopyForm(request.POST or None, libraries=targets)
    if request.method == "POST" and form.is_valid():
        try:
            copy = authoring.question_copy(
                source=source,
                library=chosen_library(targets, form.cleaned_data["library"]),
                author=request.user,
            )
        except authoring.QuestionAuthoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Copied as {copy.slug}: yours to edit.")
            return redirect("quizzes:question_edit", slug=copy.slug)
    context = {"form": form, "source": source, "targets": targets}
    status = 400 if form.errors else 200
    return render(request, "quizzes/authoring/question_copy.html", context, status=status)


@instructor_required
@require_GET
def question_history(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Every version (author, message, date) and the diff of two (``?a=<n>&b=<n>``, default:
    the two newest). Readable as the question is: its editors, and instructors for a site
    question; anyone else gets 404."""
    question = authoring.question_get_readable(user=request.user, slug=slug)
    versions = list(authoring.question_versions(question=question))
    old, new = versions_to_compare(versions, request.GET)
    context = {
        "question": question,
        "versions": versions,
        "old": old,
        "new": new,
        "diff": authoring.question_version_diff(old=old, new=new) if old and new else [],
        "can_edit": can_edit(request.user, question.library_id),
    }
    return render(request, "quizzes/authoring/question_history.html", context)


@instructor_required
@require_POST
def question_rollback(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Make a new version equal to an older one (``version=<n>``), current at once."""
    question = authoring.question_get_editable(user=request.user, slug=slug)
    number = small_int(request.POST.get("version"))
    if number is None:
        return HttpResponse("Say which version to roll back to (version=<number>).", status=400)
    try:
        version = authoring.question_rollback(question=question, number=number, author=request.user)
    except authoring.QuestionAuthoringError as exc:
        return HttpResponse(str(exc), status=400)
    messages.success(request, f"Rolled back to v{number}: new attempts get v{version.number}.")
    return redirect("quizzes:question_history", slug=question.slug)
