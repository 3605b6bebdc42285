"""Exercise pages and the submission endpoints (thin: parse, call one service, respond)."""

from __future__ import annotations

import contextlib
import time

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.decorators import signed_in_user
from catalog.deadlines import deadline_notice
from catalog.models import Exercise, ExerciseVersion
from catalog.selectors import exercise_get_published, exercise_next
from exercises import selectors, services, trying
from exercises.forms import SubmissionForm, raw_code_field
from exercises.models import Submission

MAX_WAIT_MS = 5000


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _int_param(request: HttpRequest, name: str) -> int | None:
    try:
        value = int(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if value > 0 else None


@require_GET
def exercise_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.exercise_index(user=request.user)
    return render(request, "exercises/exercise_list.html", {"groups": groups})


@require_GET
@never_cache
def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    exercise = exercise_get_published(slug=slug, user=request.user)
    return render(request, "exercises/exercise_detail.html", _page_context(request, exercise))


def _page_context(request: HttpRequest, exercise: Exercise) -> dict[str, object]:
    version = exercise.current_version
    if version is None:  # exercises_published() has none without one; a race with an unpublish
        raise Http404("No such exercise")
    context: dict[str, object] = {
        "exercise": exercise,
        "version": version,
        "code": version.starter_code,
        "shown": None,
        "history": [],
        "solved": False,
        "next_exercise": exercise_next(exercise=exercise, user=request.user),
    }
    user = signed_in_user(request)
    if user is not None:
        context.update(_student_context(request, user, exercise, version))
    return context


def _student_context(
    request: HttpRequest, user: User, exercise: Exercise, version: ExerciseVersion
) -> dict[str, object]:
    """Which code the editor opens with and which verdict is shown.

    ?from=<id> restores an earlier attempt's code (history "Restore" without JavaScript),
    ?starter=1 resets to the starter code, ?submission=<id> shows that attempt's verdict;
    by default the editor holds the newest attempt's code (the server is the source of truth).
    """
    starter = version.starter_code
    latest = selectors.submission_latest(user=user, exercise=exercise)
    code = latest.code if latest else starter
    shown = latest
    restore_draft = True
    for name in ("from", "submission"):
        wanted = _int_param(request, name)
        if wanted is None:
            continue
        try:
            chosen = selectors.submission_get_for_user(user=user, submission_id=wanted)
        except Http404:
            continue
        if chosen.exercise_id != exercise.pk:
            continue
        shown = chosen
        if name == "from":
            code = chosen.code
            restore_draft = False
    if request.GET.get("starter"):
        code = starter
        restore_draft = False
    solved = selectors.user_has_solved(user_id=user.pk, exercise_id=exercise.pk)
    shown_payload = selectors.submission_payload(submission=shown, solved=solved) if shown else None
    pending = selectors.submission_pending(user=user, exercise=exercise)
    page_data = {
        "starter": starter,
        "draftKey": f"mlquiz:draft:{user.pk}:{exercise.slug}",
        "baseSubmissionId": latest.pk if latest else None,
        "restoreDraft": restore_draft,
        "pending": (
            {
                "id": pending.pk,
                "url": reverse("exercises:submission_detail", args=[pending.pk]),
                "status": pending.status,
                "kind": pending.kind,
            }
            if pending
            else None
        ),
    }
    return {
        "help": selectors.help_state(user=user, exercise=exercise, version=version, solved=solved),
        "code": code,
        "shown": shown_payload,
        "history": selectors.submission_history(user=user, exercise=exercise),
        "solved": solved,
        "page_data": page_data,
        "deadlines": deadline_notice(user=user, kind="exercise", item_id=exercise.pk),
    }


@require_POST
def exercise_submit(request: HttpRequest, slug: str) -> HttpResponse:
    wants_json = _wants_json(request)
    user = signed_in_user(request)
    if user is None:
        if wants_json:
            return JsonResponse({"error": "Log in to run your code."}, status=401)
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    exercise = selectors.exercise_get_for_submit(slug=slug, user=user)
    form = SubmissionForm(request.POST)
    form.is_valid()  # every field is optional; the service validates the code
    raw = raw_code_field(request)
    # Straight from POST, not cleaned_data: the form field would silently drop code with a NUL
    # character, and the service gives the student a precise message instead.
    code: str | bytes = raw if raw is not None else request.POST.get("code", "")
    try:
        submission = services.submission_create(
            user=user,
            exercise=exercise,
            code=code,
            kind=form.cleaned_data.get("kind") or Submission.Kind.SUBMIT,
        )
    except services.SubmissionRejected as rejection:
        return _rejected(request, exercise, rejection, code=code, wants_json=wants_json)
    if wants_json:
        # `?wait=<ms>`: answer with the verdict itself when it comes quickly (the usual case),
        # saving the page a round trip; otherwise 202 and the page polls.
        wait_ms = min(_int_param(request, "wait") or 0, MAX_WAIT_MS)
        solved = None
        if wait_ms:
            _wait_until_finished(user, submission.pk, wait_ms)
            row = selectors.submission_get_for_payload(user=user, submission_id=submission.pk)
            submission, solved = row.submission, row.solved
        payload = selectors.submission_payload(submission=submission, solved=solved)
        return JsonResponse(payload, status=200 if payload["done"] else 202)
    # Without JavaScript: back to the page, which shows this attempt (and refreshes while
    # it is being graded).
    url = reverse("exercises:exercise_detail", args=[exercise.slug])
    return redirect(f"{url}?submission={submission.pk}")


def _rejected(
    request: HttpRequest,
    exercise: Exercise,
    rejection: services.SubmissionRejected,
    *,
    code: str | bytes,
    wants_json: bool,
) -> HttpResponse:
    if wants_json:
        body: dict[str, object] = {"error": rejection.message}
        if isinstance(rejection, services.GradingInFlight):
            body["pending"] = selectors.submission_payload(submission=rejection.pending)
        response: HttpResponse = JsonResponse(body, status=rejection.status_code)
    else:
        # Without JavaScript: the same page, the message on top, and the code as sent, so
        # that nothing typed is lost.
        context = _page_context(request, exercise)
        if isinstance(code, bytes):
            code = code.decode("utf-8", errors="replace").replace("\x00", "")
        context.update(code=code, form_error=rejection.message)
        response = render(
            request, "exercises/exercise_detail.html", context, status=rejection.status_code
        )
    if isinstance(rejection, services.RateLimited):
        response["Retry-After"] = str(rejection.retry_after)
    return response


def _wait_until_finished(user: User, pk: int, wait_ms: int) -> None:
    """Hold the request until the submission's verdict is stored or `wait_ms` has passed."""
    deadline = time.monotonic() + wait_ms / 1000
    if services.submission_wait_finished(submission_id=pk, timeout=wait_ms / 1000):
        return
    # Without Redis (laptop) the wait is a short sleep: check again until the deadline.
    while time.monotonic() < deadline:
        status = selectors.submission_status(user=user, submission_id=pk)
        if status is None or status not in services.IN_FLIGHT:
            return
        remaining = deadline - time.monotonic()
        with contextlib.suppress(Exception):
            services.submission_wait_finished(submission_id=pk, timeout=min(remaining, 0.25))


@require_GET
@never_cache
def submission_detail(request: HttpRequest, pk: int) -> JsonResponse:
    """A submission as JSON, for its owner only (anyone else gets 404).

    `?wait=<ms>` long-polls: while the submission is queued or running, the request is held
    until its verdict is stored or the wait is over, so a page sees the verdict the moment it
    exists without hammering the server. `?code=1` adds the code (for "Restore").
    """
    user = signed_in_user(request)
    if user is None:
        return JsonResponse({"error": "Not found."}, status=404)
    status = selectors.submission_status(user=user, submission_id=pk)
    if status is None:
        return JsonResponse({"error": "Not found."}, status=404)
    wait_ms = min(_int_param(request, "wait") or 0, MAX_WAIT_MS)
    if wait_ms and status in services.IN_FLIGHT:
        _wait_until_finished(user, pk, wait_ms)
    include_code = request.GET.get("code") == "1"
    row = selectors.submission_get_for_payload(
        user=user, submission_id=pk, include_code=include_code
    )
    payload = selectors.submission_payload(
        submission=row.submission, include_code=include_code, solved=row.solved
    )
    return JsonResponse(payload)


@require_POST
def exercise_hint(request: HttpRequest, slug: str) -> HttpResponse:
    """Reveal the exercise's next authored hint to the signed-in student."""
    user = signed_in_user(request)
    if user is None:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    exercise = exercise_get_published(slug=slug, user=request.user)
    if exercise.current_version is None:
        raise Http404("No such exercise")
    services.help_reveal_hint(user=user, exercise=exercise, version=exercise.current_version)
    return redirect(reverse("exercises:exercise_detail", args=[slug]) + "#hints")


@require_POST
def exercise_solution(request: HttpRequest, slug: str) -> HttpResponse:
    """Show the worked solution before solving; the page asks for confirmation first."""
    user = signed_in_user(request)
    if user is None:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    exercise = exercise_get_published(slug=slug, user=request.user)
    services.help_reveal_solution(user=user, exercise=exercise)
    return redirect(reverse("exercises:exercise_detail", args=[slug]) + "#solution")


@require_POST
def exercise_try(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Try it": run the student's function and the reference on typed arguments.

    JSON (the page's script): 200 with the result when it comes within the wait, else 202 and
    the URL to poll. Without JavaScript: the exercise page again, with the code as sent, the
    input and the result."""
    wants_json = _wants_json(request)
    user = signed_in_user(request)
    if user is None:
        if wants_json:
            return JsonResponse({"error": "Log in to try your code."}, status=401)
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    exercise = selectors.exercise_get_for_submit(slug=slug, user=user)
    raw = raw_code_field(request)
    code: str | bytes = raw if raw is not None else request.POST.get("code", "")
    args_text = request.POST.get("args", "")
    try:
        token = trying.try_start(user=user, exercise=exercise, code=code, args_text=args_text)
    except services.SubmissionRejected as rejection:
        return _rejected(request, exercise, rejection, code=code, wants_json=wants_json)
    wait_ms = min(_int_param(request, "wait") or 0, MAX_WAIT_MS) if wants_json else MAX_WAIT_MS
    entry = trying.try_result(user=user, token=token, wait_ms=wait_ms) or {"done": False}
    poll = reverse("exercises:try_detail", args=[token])
    if wants_json:
        return JsonResponse({**entry, "url": poll}, status=200 if entry.get("done") else 202)
    exercise = exercise_get_published(slug=slug, user=request.user)
    context = _page_context(request, exercise)
    if isinstance(code, bytes):
        code = code.decode("utf-8", errors="replace")
    context.update(code=code, try_args=args_text, try_entry=entry, try_url=poll)
    return render(request, "exercises/exercise_detail.html", context)


@require_GET
@never_cache
def try_detail(request: HttpRequest, token: str) -> JsonResponse:
    """A try's result, for the student who asked for it (404 for anyone else); `?wait=<ms>`
    long-polls."""
    user = signed_in_user(request)
    if user is None:
        return JsonResponse({"error": "Not found."}, status=404)
    wait_ms = min(_int_param(request, "wait") or 0, MAX_WAIT_MS)
    entry = trying.try_result(user=user, token=token, wait_ms=wait_ms)
    if entry is None:
        return JsonResponse({"error": "Not found (a try's result is kept 10 minutes)."}, status=404)
    return JsonResponse(entry, status=200 if entry.get("done") else 202)
