"""Quiz pages: thin views that parse input, call one service or selector, and render."""

from __future__ import annotations

import csv
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.decorators import AuthenticatedHttpRequest, instructor_required
from catalog.access import can_edit, editable_libraries, staff_library_ids
from catalog.deadlines import deadline_notice
from catalog.rendering import render_markdown
from quizzes import copying, selectors, services
from quizzes.bank import POOL_SIZE, UnknownGenerator, all_generators, get_generator
from quizzes.checking import join_response
from quizzes.forms import QuizForm, SlotFormSet
from quizzes.models import Attempt

MAX_PREVIEW_SEED = 2**63 - 1


def _responses(request: HttpRequest) -> dict[int, str]:
    """Each question's response from the form: `answer-<position>` for a single input,
    `answer-<position>-<part>` for each part of a multi-part question (joined into JSON by
    `checking.join_response`). A group of checkboxes posts one value per ticked box, after a
    hidden empty one (so unticking them all is a change); they are joined with commas."""
    responses: dict[int, str] = {}
    parts: dict[int, dict[str, str]] = {}
    for key in request.POST:
        number, _, part = key.removeprefix("answer-").partition("-")
        if not key.startswith("answer-") or not (number.isascii() and number.isdigit()):
            continue
        value = ",".join(v for v in request.POST.getlist(key) if v)
        if part:
            parts.setdefault(int(number), {})[part] = value
        else:
            responses[int(number)] = value
    for position, values in parts.items():
        responses[position] = join_response(values)
    return responses


def _own_attempt(request: AuthenticatedHttpRequest, pk: int) -> Attempt:
    """The student's own attempt, or one that staff who teach that student may read.
    Anybody else's attempt is indistinguishable from a missing one."""
    attempt = selectors.attempt_get(pk=pk)
    if attempt is None or not selectors.attempt_readable_by(viewer=request.user, attempt=attempt):
        raise Http404("No such attempt.")
    return attempt


@require_GET
def quiz_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.quiz_rows_for_user(user=request.user)
    return render(request, "quizzes/quiz_list.html", {"rows": rows})


@require_GET
def quiz_detail(request: HttpRequest, slug: str) -> HttpResponse:
    quiz = get_object_or_404(selectors.quizzes_visible(user=request.user), slug=slug)
    attempts = (
        selectors.attempts_for_user(user=request.user, quiz=quiz)
        if request.user.is_authenticated
        else []
    )
    open_attempt = next((a for a in attempts if a.is_open), None)
    left = None if not quiz.attempts_allowed else max(0, quiz.attempts_allowed - len(attempts))
    user = request.user if request.user.is_authenticated else None
    window = services.start_window(user=user, quiz=quiz) if user else None
    refusal = window.refusal if window else ""
    multiplier = window.time_multiplier if window else 1.0
    context = {
        "quiz": quiz,
        "description_html": render_markdown(quiz.description) if quiz.description else "",
        "attempts": attempts,
        "open_attempt": open_attempt,
        "attempts_left": left,
        "is_open": quiz.is_open() if user is None else not refusal,
        "refusal": refusal,
        # An extension's extra time: the limit this student gets, in minutes.
        "extended_minutes": (
            round(quiz.time_limit_minutes * multiplier, 1)
            if quiz.time_limit_minutes and multiplier > 1
            else None
        ),
        "deadlines": (
            deadline_notice(user=user, kind="quiz", item_id=quiz.pk) if user is not None else None
        ),
    }
    return render(request, "quizzes/quiz_detail.html", context)


@login_required
@require_POST
def quiz_start(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    quiz = get_object_or_404(selectors.quizzes_visible(user=request.user), slug=slug)
    try:
        attempt = services.attempt_start(user=request.user, quiz=quiz)
    except services.QuizError as exc:
        messages.error(request, str(exc))
        return redirect("quizzes:quiz_detail", slug=quiz.slug)
    return redirect("quizzes:attempt_take", pk=attempt.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attempt_take(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if attempt.user_id != request.user.pk:
        return redirect("quizzes:attempt_review", pk=pk)
    if services.attempt_close_if_expired(attempt=attempt):
        messages.warning(request, "Time is up: the attempt was submitted with your saved answers.")
        return redirect("quizzes:attempt_review", pk=pk)
    if not attempt.is_open:
        return redirect("quizzes:attempt_review", pk=pk)
    unreadable: list[services.UnreadableAnswer] = []
    if request.method == "POST":
        responses = _responses(request)
        try:
            if request.POST.get("action") == "submit":
                services.attempt_submit(attempt=attempt, responses=responses)
                messages.success(request, "Submitted.")
                return redirect("quizzes:attempt_review", pk=pk)
            services.attempt_save(attempt=attempt, responses=responses)
            messages.success(request, "Progress saved.")
            return redirect("quizzes:attempt_take", pk=pk)
        except services.UnreadableAnswers as exc:
            # Shown as a summary naming each question (no flash message: it would say less).
            unreadable = exc.problems
        except services.AttemptClosed as exc:
            messages.warning(request, str(exc))
            return redirect("quizzes:attempt_review", pk=pk)
        attempt = _own_attempt(request, pk)
    questions = selectors.question_views(attempt=attempt, with_solutions=False)
    seconds_left = None
    if attempt.deadline is not None:
        # The page counts down from this, not from the browser's clock, which may be off.
        seconds_left = max(0, int((attempt.deadline - timezone.now()).total_seconds()))
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": questions,
        "answered": sum(1 for q in questions if q.question.response.strip()),
        "seconds_left": seconds_left,
        "unreadable": unreadable,
    }
    # A refused submission is the student's input to fix: 422, with everything they typed kept.
    return render(request, "quizzes/attempt_take.html", context, status=422 if unreadable else 200)


@login_required
@require_POST
def attempt_autosave(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """Background save from the page's script; answers the same way a form save would."""
    attempt = _own_attempt(request, pk)
    if attempt.user_id != request.user.pk:
        raise Http404("No such attempt.")
    review = reverse("quizzes:attempt_review", kwargs={"pk": pk})
    responses = _responses(request)
    try:
        problems = services.attempt_save(attempt=attempt, responses=responses)
    except services.AttemptClosed as exc:
        return JsonResponse({"closed": True, "message": str(exc), "redirect": review})
    return JsonResponse(
        {
            "saved": True,
            "problems": {str(p.position): p.message for p in problems},
            "previews": selectors.attempt_previews(attempt=attempt, positions=responses.keys()),
        }
    )


@login_required
@require_GET
def attempt_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    attempt = _own_attempt(request, pk)
    if attempt.is_open and services.attempt_close_if_expired(attempt=attempt):
        attempt = _own_attempt(request, pk)
    if attempt.is_open and attempt.user_id == request.user.pk:
        return redirect("quizzes:attempt_take", pk=pk)
    # Staff who teach the student may look at the attempt, including one still in progress
    # (no grades yet); _own_attempt let nobody else in.
    is_staff_view = attempt.user_id != request.user.pk
    show = not attempt.is_open and (selectors.solutions_visible(attempt=attempt) or is_staff_view)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": selectors.question_views(attempt=attempt, with_solutions=show),
        "show_solutions": show,
    }
    return render(request, "quizzes/attempt_review.html", context)


# -- instructor ----------------------------------------------------------------------------


@instructor_required
@require_GET
def manage_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    quizzes = selectors.quizzes_for_instructor(user=request.user)
    editable = {quiz.pk for quiz in quizzes}
    # Site quizzes the instructor cannot edit: they change a copy instead.
    site = [quiz for quiz in copying.site_quizzes_to_copy() if quiz.pk not in editable]
    return render(request, "quizzes/manage_list.html", {"quizzes": quizzes, "site_quizzes": site})


@instructor_required
@require_http_methods(["GET", "POST"])
def quiz_compose(request: AuthenticatedHttpRequest, slug: str | None = None) -> HttpResponse:
    """Compose a new quiz (in a library the instructor chooses) or edit one they may edit.

    A quiz with attempts saves only with the "I understand N attempts exist" box ticked;
    without it the form comes back with a 400 and nothing is saved."""
    quiz = selectors.quiz_get_editable(user=request.user, slug=slug) if slug else None
    libraries = None if quiz else editable_libraries(request.user)
    attempts = selectors.quiz_attempt_count(quiz=quiz) if quiz else 0
    pickable = staff_library_ids(request.user)  # besides the site's questions
    status = 200
    if request.method == "POST":
        form = QuizForm(request.POST, instance=quiz, libraries=libraries, attempts=attempts)
        slots = SlotFormSet(request.POST, prefix="slots", form_kwargs={"library_ids": pickable})
        status = 400
        if form.is_valid() and slots.is_valid():
            specs = [
                services.SlotSpec(s["generator"], s["count"], s["points"])
                for s in slots.cleaned_data
                if s and s.get("generator") and not s.get("DELETE")
            ]
            if not specs:
                messages.error(request, "Add at least one question.")
            else:
                fields = {
                    k: v
                    for k, v in form.cleaned_data.items()
                    if k not in ("slug", "library", "confirm_attempts")
                }
                if quiz is None and libraries:
                    fields["library_id"] = form.cleaned_data["library"] or libraries[0].pk
                try:
                    saved = services.quiz_save(
                        slug=form.cleaned_data["slug"],
                        fields=fields,
                        slots=specs,
                        created_by=request.user,
                    )
                except services.QuizError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, f"Saved “{saved.title}”.")
                    return redirect("quizzes:quiz_results", slug=saved.slug)
    else:
        form = QuizForm(instance=quiz, libraries=libraries, attempts=attempts)
        initial = [
            {"generator": s.generator, "count": s.count, "points": s.points}
            for s in (quiz.slots.all() if quiz else [])
        ]
        slots = SlotFormSet(initial=initial, prefix="slots", form_kwargs={"library_ids": pickable})
    generators = [g.describe() for g in all_generators(library_ids=pickable)]
    context = {
        "form": form,
        "slots": slots,
        "quiz": quiz,
        "generators": generators,
        "attempts": attempts,
    }
    return render(request, "quizzes/quiz_compose.html", context, status=status)


@instructor_required
@require_POST
def quiz_archive(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Archive (``archive=1``) or bring back (``archive=0``) a quiz: students no longer see
    an archived quiz; its attempts stay."""
    quiz = selectors.quiz_get_editable(user=request.user, slug=slug)
    archive = request.POST.get("archive", "1") != "0"
    services.quiz_archive(quiz=quiz, archived=archive)
    messages.success(request, f"“{quiz.title}” {'archived' if archive else 'restored'}.")
    return redirect("quizzes:manage_list")


@instructor_required
@require_GET
def generator_preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A fresh variant (prompt, answer, solution) of one generator, as an HTML fragment."""
    name = request.GET.get("generator", "")
    seed_text = request.GET.get("seed", "")
    # ASCII digits only and a bounded length: int() of a 5000-digit or Unicode-digit string
    # would raise, and a preview must never 500.
    valid = seed_text.isascii() and seed_text.isdigit() and len(seed_text) <= 19
    # Without a seed: one of the stored pool, so a preview starts no jail.
    fresh = secrets.randbelow(POOL_SIZE)
    seed = int(seed_text) if valid and int(seed_text) <= MAX_PREVIEW_SEED else fresh
    pickable = all_generators(library_ids=staff_library_ids(request.user))
    try:
        get_generator(name)
        if name not in {g.name for g in pickable}:  # another instructor's question
            raise UnknownGenerator(name)
    except UnknownGenerator:
        return HttpResponse(
            '<p class="empty">Choose a question type to preview it.</p>', status=200
        )
    context = selectors.variant_preview(name=name, seed=seed)
    return render(request, "quizzes/_preview.html", context)


@login_required
@require_GET
def quiz_results_csv(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """The attempts the viewer may read, one row each (see ``selectors.attempts_readable``)."""
    quiz = selectors.quiz_get_for_staff(user=request.user, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{quiz.slug}-results.csv"'
    writer = csv.writer(response)
    for row in selectors.quiz_results_csv_rows(quiz=quiz, viewer=request.user):
        # A username starting with =, +, - or @ would be a formula in a spreadsheet.
        writer.writerow(["'" + cell if cell[:1] in ("=", "+", "-", "@") else cell for cell in row])
    return response


def _generator_title(name: str) -> str:
    try:
        return get_generator(name).title
    except UnknownGenerator:
        return "(removed question type)"


@login_required
@require_GET
def quiz_results(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Staff of the quiz's library or of a course listing it (TAs included): the results of
    their own students. Anyone else: 404."""
    quiz = selectors.quiz_get_for_staff(user=request.user, slug=slug)
    stats = selectors.quiz_question_stats(quiz=quiz, viewer=request.user)
    fired = selectors.quiz_feedback_counts(quiz=quiz, viewer=request.user)
    slots = [
        (
            slot,
            _generator_title(slot.generator),
            stats.get(slot.generator),
            fired.get(slot.generator, []),
        )
        for slot in quiz.slots.all()
    ]
    context = {
        "quiz": quiz,
        "slots": slots,
        "results": selectors.quiz_results(quiz=quiz, viewer=request.user),
        "stats": selectors.quiz_stats(quiz=quiz, viewer=request.user),
        "can_edit": can_edit(request.user, quiz.library_id),
    }
    return render(request, "quizzes/quiz_results.html", context)
