"""Practice mode pages: a lesson's questions, and one question with "New variant", an
answer box, then the feedback and the worked solution. Nothing here is graded or stored
beyond the session's current seed (quizzes.practice)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import AuthenticatedHttpRequest
from catalog.rendering import render_markdown
from catalog.selectors import lessons_visible
from quizzes import practice
from quizzes.bank import grade_response
from quizzes.services import MAX_RESPONSE_CHARS


def _session_key(name: str) -> str:
    return f"practice-seed:{name}"


@login_required
@require_GET
def practice_lesson(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    lesson = get_object_or_404(lessons_visible(user=request.user), slug=slug)
    questions = practice.practice_questions_visible(user=request.user).filter(lesson=lesson)
    return render(
        request,
        "quizzes/practice_lesson.html",
        {"lesson": lesson, "questions": list(questions.order_by("title"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def practice_question(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    question = practice.practice_question_get(user=request.user, name=name)
    context: dict[str, object] = {"question": question}
    if practice.practice_blocked(user=request.user, question=question):
        context["blocked"] = True
        return render(request, "quizzes/practice_question.html", context, status=409)
    key = _session_key(question.slug)
    seed = request.session.get(key)
    if request.method == "POST" and request.POST.get("action") == "new":
        request.session[key] = practice.practice_seed_new(question=question, previous=seed)
        return redirect("quizzes:practice_question", name=question.slug)
    variant = practice.practice_variant(question=question, seed=seed) if seed is not None else None
    if variant is None:  # first visit, or the question changed since
        seed = practice.practice_seed_new(question=question)
        if seed is None:
            return render(request, "quizzes/practice_question.html", context)
        request.session[key] = seed
        variant = practice.practice_variant(question=question, seed=seed)
        assert variant is not None  # the seed was read from the stored rows
    context.update(
        variant=variant,
        prompt_html=render_markdown(variant.prompt),
        format_hint=variant.answer.format_hint(),
    )
    if request.method == "POST":
        response = request.POST.get("answer", "")[:MAX_RESPONSE_CHARS]
        result = grade_response(variant, response)
        context.update(response=response, result=result)
        # The answer and the solution only after a readable answer (an unreadable one costs
        # nothing and reveals nothing).
        if result.counts_as_attempt:
            context.update(
                answer_text=variant.answer.text(),
                solution_html=render_markdown(variant.solution),
            )
    return render(request, "quizzes/practice_question.html", context)
