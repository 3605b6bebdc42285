"""Read queries and the view models pages render."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypedDict

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Avg, Count, Max, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from catalog.access import editable_library_ids, staff_item_q, student_ids_q, visible_q
from catalog.rendering import render_markdown
from quizzes.bank import Variant, get_generator, grade_response, variants_get
from quizzes.checking import (
    AnswerField,
    AnswerSpec,
    chosen_options,
    response_fields,
    split_response,
    symbolic_previews,
)
from quizzes.models import Attempt, AttemptQuestion, Question, Quiz


@dataclass(frozen=True)
class QuizRow:
    quiz: Quiz
    attempts_used: int
    best_score: float | None
    open_attempt: Attempt | None

    @property
    def attempts_left(self) -> int | None:
        if not self.quiz.attempts_allowed:
            return None
        return max(0, self.quiz.attempts_allowed - self.attempts_used)


def quizzes_published() -> QuerySet[Quiz]:
    """Published, not archived quizzes, whoever owns them (student pages use
    ``quizzes_visible``)."""
    return (
        Quiz.objects.filter(is_published=True, archived_at__isnull=True)
        .select_related("lesson")
        .prefetch_related("slots")
        .order_by("lesson__order", "title")
    )


def quizzes_visible(*, user: User | AnonymousUser) -> QuerySet[Quiz]:
    """The published quizzes ``user`` may open and start: the site library's, and those of
    the courses the user joined or teaches (``catalog.access.visible_q``)."""
    return quizzes_published().filter(visible_q(user, "quiz"))


def quiz_rows_for_user(*, user: User | AnonymousUser) -> list[QuizRow]:
    quizzes = list(quizzes_visible(user=user))
    attempts: dict[int, list[Attempt]] = {}
    if user.is_authenticated:
        for attempt in Attempt.objects.filter(user=user, quiz__in=quizzes):
            attempts.setdefault(attempt.quiz_id, []).append(attempt)
    rows = []
    for quiz in quizzes:
        mine = attempts.get(quiz.pk, [])
        done = [a.score for a in mine if not a.is_open]
        rows.append(
            QuizRow(
                quiz=quiz,
                attempts_used=len(mine),
                best_score=max(done) if done else None,
                open_attempt=next((a for a in mine if a.is_open), None),
            )
        )
    return rows


def attempts_for_user(*, user: User, quiz: Quiz) -> list[Attempt]:
    return list(Attempt.objects.filter(user=user, quiz=quiz).order_by("number"))


def attempt_get(*, pk: int) -> Attempt | None:
    return (
        Attempt.objects.select_related("quiz", "user")
        .prefetch_related(
            Prefetch("questions", queryset=AttemptQuestion.objects.order_by("position"))
        )
        .filter(pk=pk)
        .first()
    )


def solutions_visible(*, attempt: Attempt, now: datetime | None = None) -> bool:
    if attempt.is_open:
        return False
    policy = attempt.quiz.show_solutions
    if policy == Quiz.Solutions.AFTER_SUBMIT:
        return True
    if policy == Quiz.Solutions.AFTER_CLOSE:
        now = now or timezone.now()
        return attempt.quiz.closes_at is not None and now >= attempt.quiz.closes_at
    return False


@dataclass(frozen=True)
class QuestionView:
    question: AttemptQuestion
    title: str
    prompt_html: str
    format_hint: str
    solution_html: str = ""
    answer_text: str = ""
    parse_message: str = ""
    # The inputs (text box, radio buttons, checkboxes; one per part), option texts rendered.
    fields: tuple[AnswerField, ...] = ()
    # Rendered for the result page: the correct answer and the response (options as their
    # text, parts labelled), and the checker's message (a feedback rule's may hold math).
    answer_html: str = ""
    response_html: str = ""
    message_html: str = ""
    parts: tuple[PartRow, ...] = ()  # a graded multi-part answer, one row per part


@dataclass(frozen=True)
class PartRow:
    title: str
    points: float
    status: str  # the part's CheckResult status ("blank" when left empty)
    earned: float  # of the question's points, like `points`
    response_html: str
    answer_html: str  # "" unless solutions are shown
    message_html: str
    feedback: bool  # an anticipated mistake's message


def _inline_markdown(text: str) -> str:
    """An option's Markdown as phrasing content (it sits inside a <label>): a single
    paragraph loses its <p>."""
    html = render_markdown(text).strip()
    inner = html.removeprefix("<p>").removesuffix("</p>")
    return inner if html.startswith("<p>") and "<p>" not in inner else html


def answer_html(spec: AnswerSpec, response: str | None = None) -> str:
    """A response (the correct one by default) for a result page: chosen options as their
    rendered text, typed answers as code, each part labelled."""
    text = spec.text() if response is None else response
    if spec.kind == "choice":
        chosen = chosen_options(spec, text)
        if not chosen:
            return format_html("<code>{}</code>", text)
        return "; ".join(_inline_markdown(spec.options[i]) for i in chosen)
    if spec.kind == "parts":
        typed = split_response(spec, text)
        pieces = []
        for part in spec.parts:
            piece = part.answer.text() if response is None else typed.get(part.name, "")
            # answer_html's pieces are escaped (format_html) or sanitized (render_markdown).
            shown = mark_safe(answer_html(part.answer, piece)) if piece.strip() else "—"
            pieces.append(format_html('<span class="part-answer">{} {}</span>', part.title, shown))
        return " ".join(pieces)
    return format_html("<code>{}</code>", text)


def _part_rows(
    variant: Variant, question: AttemptQuestion, with_solutions: bool
) -> tuple[PartRow, ...]:
    spec = variant.answer
    if spec.kind != "parts" or not question.status or not question.response.strip():
        return ()
    typed = split_response(spec, question.response)
    result = grade_response(variant, question.response)
    # Parts' points are weights; shown in the question's own points (the slot's).
    scale = question.points / sum(part.points for part in spec.parts)
    rows = []
    for part in spec.parts:
        sub = result.parts.get(part.name)
        text = typed.get(part.name, "")
        points = part.points * scale
        if sub is None or not text.strip():
            rows.append(PartRow(part.title, points, "blank", 0.0, "", "", "", False))
        else:
            rows.append(
                PartRow(
                    title=part.title,
                    points=points,
                    status=sub.status,
                    earned=points * sub.score,
                    response_html=answer_html(part.answer, text),
                    answer_html="",
                    message_html=_inline_markdown(sub.message),
                    feedback=bool(sub.feedback),
                )
            )
        if with_solutions:
            rows[-1] = replace(rows[-1], answer_html=answer_html(part.answer))
    return tuple(rows)


def _answer_fields(variant: Variant, response: str) -> tuple[AnswerField, ...]:
    fields = response_fields(variant.answer, seed=variant.seed, response=response)
    return tuple(
        replace(
            field,
            choices=tuple(
                replace(choice, text=_inline_markdown(choice.text)) for choice in field.choices
            ),
        )
        for field in fields
    )


def attempt_previews(*, attempt: Attempt, positions: Collection[int]) -> dict[str, str]:
    """LaTeX of each formula answer among the questions at `positions` as it was read, by
    input name (`answer-3`, `answer-3-b`): what the page shows under those boxes after a save."""
    previews: dict[str, str] = {}
    # Read afresh: the attempt's prefetched questions predate the save this answers.
    questions = list(
        AttemptQuestion.objects.filter(attempt=attempt, position__in=list(positions)).order_by(
            "position"
        )
    )
    variants = variants_get((q.generator, q.seed) for q in questions)
    for question in questions:
        variant = variants.get((question.generator, question.seed))
        if variant is None:
            continue
        for name, tex in symbolic_previews(variant.answer, question.response).items():
            key = f"answer-{question.position}" + (f"-{name}" if name else "")
            previews[key] = tex
    return previews


def question_views(*, attempt: Attempt, with_solutions: bool) -> list[QuestionView]:
    questions = list(attempt.questions.all())
    # One batch: stored variants in one query, missing seeds in one jail run per question.
    variants = variants_get((q.generator, q.seed) for q in questions)
    titles = dict(
        Question.objects.filter(slug__in={q.generator for q in questions}).values_list(
            "slug", "title"
        )
    )
    views = []
    for question in questions:
        variant = variants.get((question.generator, question.seed))
        if variant is None:
            views.append(QuestionView(question, "Removed question", "", ""))
            continue
        parse_message = ""
        if attempt.is_open and question.response.strip():
            result = grade_response(variant, question.response)
            if result.status == "invalid":
                parse_message = result.message
        views.append(
            QuestionView(
                question=question,
                title=titles.get(question.generator, question.generator),
                prompt_html=render_markdown(variant.prompt),
                format_hint=variant.answer.format_hint(),
                solution_html=render_markdown(variant.solution) if with_solutions else "",
                answer_text=variant.answer.display() if with_solutions else "",
                parse_message=parse_message,
                fields=_answer_fields(variant, question.response),
                answer_html=answer_html(variant.answer) if with_solutions else "",
                response_html=answer_html(variant.answer, question.response),
                message_html=_inline_markdown(question.message) if question.message else "",
                parts=_part_rows(variant, question, with_solutions),
            )
        )
    return views


class VariantPreview(TypedDict):
    variant: Variant
    prompt_html: str
    solution_html: str
    answer_text: str
    answer_html: str
    format_hint: str


def variant_preview(*, name: str, seed: int) -> VariantPreview:
    """Everything the composer's live preview shows for one fresh variant."""
    variant = get_generator(name).generate(seed)
    return {
        "variant": variant,
        "prompt_html": render_markdown(variant.prompt),
        "solution_html": render_markdown(variant.solution),
        "answer_text": variant.answer.display(),
        "answer_html": answer_html(variant.answer),
        "format_hint": variant.answer.format_hint(),
    }


def quizzes_for_instructor(*, user: User) -> QuerySet[Quiz]:
    """The quizzes ``user`` may edit (their libraries', their courses', the site's for a
    maintainer), archived ones included, with attempt counts."""
    return (
        Quiz.objects.filter(library_id__in=editable_library_ids(user))
        .select_related("lesson", "library")
        .prefetch_related("slots")
        .annotate(n_attempts=Count("attempts"), n_students=Count("attempts__user", distinct=True))
        .order_by("title")
    )


def quiz_get_editable(*, user: User, slug: str) -> Quiz:
    """A quiz ``user`` may edit, or 404 (another owner's quiz is indistinguishable from a
    missing one)."""
    quiz = Quiz.objects.filter(slug=slug, library_id__in=editable_library_ids(user)).first()
    if quiz is None:
        raise Http404("No such quiz")
    return quiz


def quiz_get_for_staff(*, user: User, slug: str) -> Quiz:
    """A quiz whose results ``user`` may read (staff of its library or of a course listing
    it; site maintainers: any), or 404."""
    quiz = (
        Quiz.objects.filter(staff_item_q(user, "quiz"), slug=slug).prefetch_related("slots").first()
    )
    if quiz is None:
        raise Http404("No such quiz")
    return quiz


def attempts_readable(*, viewer: User, quiz: Quiz) -> QuerySet[Attempt]:
    """The attempts at ``quiz`` that ``viewer`` may read as staff: those of the students of
    the courses ``viewer`` is staff of (everybody's for a site maintainer). An instructor
    whose course lists a site quiz sees their own students, not the whole server."""
    students = get_user_model().objects.filter(student_ids_q(viewer)).values("pk")
    return Attempt.objects.filter(quiz=quiz, user_id__in=students)


def attempt_readable_by(*, viewer: User, attempt: Attempt) -> bool:
    """The attempt's own student, or staff who teach that student with this quiz."""
    if attempt.user_id == viewer.pk:
        return True
    return (
        Quiz.objects.filter(staff_item_q(viewer, "quiz"), pk=attempt.quiz_id).exists()
        and attempts_readable(viewer=viewer, quiz=attempt.quiz).filter(pk=attempt.pk).exists()
    )


def quiz_attempt_count(*, quiz: Quiz) -> int:
    """All attempts, whoever's: what an editor is warned about before changing the quiz."""
    return Attempt.objects.filter(quiz=quiz).count()


@dataclass(frozen=True)
class StudentResult:
    username: str
    attempts: list[Attempt]
    best: float | None


def quiz_results(*, quiz: Quiz, viewer: User) -> list[StudentResult]:
    attempts = (
        attempts_readable(viewer=viewer, quiz=quiz)
        .select_related("user")
        .order_by("user__username", "number")
    )
    by_user: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_user.setdefault(attempt.user.get_username(), []).append(attempt)
    results = []
    for username, mine in by_user.items():
        done = [a.score for a in mine if not a.is_open]
        results.append(StudentResult(username, mine, max(done) if done else None))
    return results


@dataclass(frozen=True)
class QuestionStat:
    generator: str
    answered: int
    mean_fraction: float | None


def quiz_question_stats(*, quiz: Quiz, viewer: User) -> dict[str, QuestionStat]:
    """Per generator: how many submitted answers, and the mean fraction of points earned
    (over the attempts ``viewer`` may read)."""
    attempts = attempts_readable(viewer=viewer, quiz=quiz).filter(status=Attempt.Status.SUBMITTED)
    rows = (
        AttemptQuestion.objects.filter(attempt__in=attempts)
        .values("generator")
        .annotate(n=Count("id"), mean=Avg("fraction"))
    )
    return {row["generator"]: QuestionStat(row["generator"], row["n"], row["mean"]) for row in rows}


def quiz_feedback_counts(*, quiz: Quiz, viewer: User) -> dict[str, list[tuple[str, int]]]:
    """Per generator: how often each feedback rule (anticipated wrong answer) fired in the
    submitted attempts ``viewer`` may read, most frequent first."""
    attempts = attempts_readable(viewer=viewer, quiz=quiz).filter(status=Attempt.Status.SUBMITTED)
    counts: dict[str, Counter[str]] = {}
    rows = (
        AttemptQuestion.objects.filter(attempt__in=attempts)
        .exclude(feedback=[])
        .values_list("generator", "feedback")
    )
    for generator, fired in rows:
        counts.setdefault(generator, Counter()).update(str(rule) for rule in fired)
    return {generator: counter.most_common() for generator, counter in counts.items()}


def quiz_results_csv_rows(*, quiz: Quiz, viewer: User) -> list[list[str]]:
    header = ["student", "attempt", "status", "started_at", "submitted_at", "auto_submitted"]
    header += ["score", "max_score"]
    rows = [header]
    for attempt in (
        attempts_readable(viewer=viewer, quiz=quiz)
        .select_related("user")
        .order_by("user__username", "number")
    ):
        rows.append(
            [
                attempt.user.get_username(),
                str(attempt.number),
                attempt.status,
                attempt.started_at.isoformat(),
                attempt.submitted_at.isoformat() if attempt.submitted_at else "",
                "yes" if attempt.auto_submitted else "no",
                f"{attempt.score:g}",
                f"{attempt.max_score:g}",
            ]
        )
    return rows


class QuizStats(TypedDict):
    submitted: int
    best: float | None
    mean: float | None


def quiz_stats(*, quiz: Quiz, viewer: User) -> QuizStats:
    submitted = attempts_readable(viewer=viewer, quiz=quiz).filter(status=Attempt.Status.SUBMITTED)
    agg = submitted.aggregate(best=Max("score"), n=Count("id"))
    scores = [a.score for a in submitted]
    mean = sum(scores) / len(scores) if scores else None
    return {"submitted": agg["n"], "best": agg["best"], "mean": mean}
