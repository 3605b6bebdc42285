"""The "Copy to…" page of a quiz: a thin view over quizzes.copying."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts.decorators import AuthenticatedHttpRequest, instructor_required
from catalog.forms import CopyForm, chosen_library
from catalog.selectors import copy_targets
from quizzes import copying


@instructor_required
@require_http_methods(["GET", "POST"])
def quiz_copy(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Copy a site (or own) quiz into one's own library or a course one teaches."""
    source = copying.quiz_get_copyable(user=request.user, slug=slug)
    targets = copy_targets(user=request.user)
    form = CopyForm(request.POST or None, libraries=targets)
    if request.method == "POST" and form.is_valid():
        copy = copying.quiz_copy(
            source=source,
            library=chosen_library(targets, form.cleaned_data["library"]),
            author=request.user,
        )
        messages.success(request, f"Copied as {copy.slug}: a draft you can edit and publish.")
        return redirect("quizzes:quiz_edit", slug=copy.slug)
    context = {"form": form, "source": source, "kind": "quiz", "targets": targets}
    return render(
        request, "catalog/authoring/copy.html", context, status=400 if form.errors else 200
    )
