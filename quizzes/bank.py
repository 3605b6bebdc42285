"""The question bank on the trusted side: questions by name, their variants, grading a response.

A question's code (its folder's generator.py) runs only in the authors' jail
(`grader.questions`); what it returned for a (version, seed) is stored in `QuestionVariant`.
Sync fills a pool of `POOL_SIZE` seeds per version in one jail run, new attempts draw their
seeds from that pool (`quizzes.services.variant_seed`), so starting a quiz and showing or
grading its questions reads rows and starts no jail. A seed not stored yet (an attempt from
before the pool, a preview) is generated on demand: one jail per question version for all of
the seeds missing in a request, then stored.

Quiz slots and attempts name a question by its slug, as they named generators before
questions were content (`get_generator` keeps that name for the callers).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q

from catalog.models import Library, Topic
from grader.questions import GeneratedVariant, generate_variants
from quizzes.checking import AnswerSpec, CheckResult, FeedbackRule, check_answer
from quizzes.models import Question, QuestionVariant, QuestionVersion

POOL_SIZE = 256  # seeds precomputed per version at sync
# The pool is split: graded attempts draw from the first part, practice shows only the rest,
# so no number of "New variant" clicks reveals the solution of a variant a quiz can hand out.
GRADED_SEEDS = range(0, 192)
PRACTICE_SEEDS = range(192, POOL_SIZE)
TOPICS: dict[str, str] = dict(Topic.choices)  # slug -> title, in teaching order


class UnknownGenerator(KeyError):
    """No active question of that name (its folder was removed or never synced)."""


@dataclass(frozen=True)
class Variant:
    """One concrete question: a question version's generator evaluated at a seed."""

    name: str
    seed: int
    params: dict[str, Any]
    prompt: str  # Markdown, with the expected precision stated at the end
    answer: AnswerSpec
    solution: str
    feedback: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seed": self.seed,
            "params": self.params,
            "prompt": self.prompt,
            "answer": self.answer.text(),
            "solution": self.solution,
            # A number's tolerance mode; for the other kinds, the kind (choice, symbolic, parts).
            "mode": self.answer.mode if self.answer.kind == "number" else self.answer.kind,
        }


def _significant_figures(tol: float) -> int:
    # Rounding to n significant figures errs by at most 0.5 * 10^(1-n) relative (leading 1).
    return max(1, math.ceil(1 - math.log10(2 * tol) - 1e-9))


def _decimals(tol: float) -> int:
    # Rounding to d decimals errs by at most 0.5 * 10^-d.
    return max(0, math.ceil(-math.log10(2 * tol) - 1e-9))


def precision_text(spec: AnswerSpec) -> str:
    """The precision a student must give, in words, from the answer's mode and tolerance
    (issue #17's audit: every prompt says it; relative 1e-3 accepts 4 significant figures).
    "" for a choice, a formula or a multi-part answer: each input's format hint says it."""
    if spec.kind != "number":
        return ""
    each = "each entry " if spec.shape else ""
    tol = spec.tolerance
    if spec.mode == "exact":
        return "Give exact integers." if spec.shape else "Give the exact integer."
    if spec.mode == "sigfigs":
        return f"Give {each}to {int(tol)} significant figures."
    if tol <= 0:
        return f"Give {each}exactly."
    if spec.mode == "absolute":
        return (
            f"Give {each}to at least {_decimals(tol)} decimal places (within ±{tol:g} is accepted)."
        )
    return (
        f"Give {each}to at least {_significant_figures(tol)} significant figures "
        f"(within {100 * tol:g}% is accepted)."
    )


def variant_from_generated(name: str, data: GeneratedVariant | QuestionVariant) -> Variant:
    if isinstance(data, QuestionVariant):
        params, prompt, solution = data.params, data.prompt_md, data.solution_md
        answer, rules, seed = data.answer, data.feedback, data.seed
    else:
        params, prompt, solution = data.params, data.prompt, data.solution
        answer, rules, seed = data.answer, list(data.feedback), data.seed
    spec = with_rules(AnswerSpec.from_dict(answer), rules)
    precision = precision_text(spec)
    return Variant(
        name=name,
        seed=int(seed),
        params=params,
        prompt=f"{prompt.rstrip()}\n\n*{precision}*" if precision else prompt.rstrip(),
        answer=spec,
        solution=solution,
        feedback=tuple(rules),
    )


def with_rules(spec: AnswerSpec, rules: Iterable[dict[str, Any]]) -> AnswerSpec:
    """The spec with a generator's top-level `feedback` list (questionlib.feedback: name,
    value, message, credit) folded in as its FeedbackRules, after any the answer itself
    carries, so `check_answer` is the one place anticipated wrong answers are matched.
    A rule of the wrong form (a vector for a number) is a ValueError."""
    extra = tuple(
        FeedbackRule(
            value=rule["value"],
            message=str(rule["message"]),
            credit=float(rule.get("credit", 0.0)),
            id=str(rule.get("name") or rule.get("id") or ""),
        )
        for rule in rules
    )
    if not extra:
        return spec
    return replace(spec, feedback=spec.feedback + extra)  # validated by __post_init__


def grade_response(variant: Variant, text: str) -> CheckResult:
    """Grade a student's response to a variant: `check_answer` on its spec, which carries the
    question's feedback rules (the message, partial credit and the rule's id for the
    dashboard come from there; `CheckResult.feedback`)."""
    return check_answer(variant.answer, text)


def _store(version: QuestionVersion, generated: Iterable[GeneratedVariant]) -> None:
    rows = [
        QuestionVariant(
            version=version,
            seed=item.seed,
            params=item.params,
            prompt_md=item.prompt,
            solution_md=item.solution,
            answer=item.answer,
            feedback=list(item.feedback),
        )
        for item in generated
    ]
    try:
        with transaction.atomic():
            QuestionVariant.objects.bulk_create(rows, ignore_conflicts=True)
    except IntegrityError:  # a version deleted meanwhile: the rows are not needed
        pass


def pool_fill(*, version: QuestionVersion, generated: Iterable[GeneratedVariant] = ()) -> None:
    """Store the version's pool: what sync already generated, and any seed of the pool
    still missing (one jail run)."""
    generated = list(generated)
    _store(version, generated)
    have = set(version.variants.values_list("seed", flat=True))
    missing = [seed for seed in range(POOL_SIZE) if seed not in have]
    if missing:
        batch = generate_variants(
            slug=version.question.slug, source=version.generator_code, seeds=missing
        )
        _store(version, batch.variants)


# What a generator returned is a pure function of (its folder's content, seed): a process keeps
# the most recent ones, so a page shown twice reads no row and a test suite runs each
# (version, seed) through the jail once.
_MEMO: dict[tuple[str, int], GeneratedVariant | QuestionVariant] = {}
_MEMO_SIZE = 4096


def _remember(content_hash: str, seed: int, data: GeneratedVariant | QuestionVariant) -> None:
    if len(_MEMO) >= _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))
    _MEMO[(content_hash, seed)] = data


def _questions(names: Iterable[str]) -> dict[str, Question]:
    return {
        q.slug: q
        for q in Question.objects.filter(
            slug__in=set(names), is_active=True, current_version__isnull=False
        ).select_related("current_version")
    }


def variants_get(pairs: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Variant]:
    """The variants of (question name, seed) pairs: one query for the stored ones, one jail
    run per question version for the rest (stored for next time). Unknown names are left
    out of the result."""
    pairs = list(dict.fromkeys((str(name), int(seed)) for name, seed in pairs))
    questions = _questions(name for name, _ in pairs)
    wanted: dict[int, set[int]] = {}
    for name, seed in pairs:
        if name in questions:
            wanted.setdefault(questions[name].current_version_id or 0, set()).add(seed)
    found: dict[tuple[int, int], Any] = {}
    hashes = {
        q.current_version_id: q.current_version.content_hash
        for q in questions.values()
        if q.current_version is not None
    }
    for version_id, group in wanted.items():
        for seed in group:
            memo = _MEMO.get((hashes.get(version_id, ""), seed))
            if memo is not None:
                found[(version_id, seed)] = memo
    unseen = {v: {s for s in group if (v, s) not in found} for v, group in wanted.items()}
    unseen = {v: group for v, group in unseen.items() if group}
    if unseen:
        seeds = {seed for group in unseen.values() for seed in group}
        for row in QuestionVariant.objects.filter(version_id__in=unseen, seed__in=seeds):
            found[(row.version_id, row.seed)] = row
            _remember(hashes.get(row.version_id, ""), row.seed, row)
    for question in questions.values():
        version = question.current_version
        assert version is not None  # filtered above
        missing = sorted(s for s in wanted.get(version.pk, ()) if (version.pk, s) not in found)
        for start in range(0, len(missing), 256):
            batch = generate_variants(
                slug=question.slug,
                source=version.generator_code,
                seeds=missing[start : start + 256],
            )
            _store(version, batch.variants)
            for item in batch.variants:
                found[(version.pk, item.seed)] = item
                _remember(version.content_hash, item.seed, item)
    result: dict[tuple[str, int], Variant] = {}
    for name, seed in pairs:
        known = questions.get(name)
        if known is None:
            continue
        data = found.get((known.current_version_id or 0, seed))
        if data is not None:
            result[(name, seed)] = variant_from_generated(name, data)
    return result


@dataclass(frozen=True)
class QuestionHandle:
    """A question as quiz code sees it: name, topic, title, and its variants by seed."""

    name: str
    topic: str
    title: str
    points: int = 1

    def generate(self, seed: int) -> Variant:
        found = variants_get([(self.name, seed)])
        if (self.name, int(seed)) not in found:
            raise UnknownGenerator(self.name)
        return found[(self.name, int(seed))]

    def describe(self) -> dict[str, str]:
        return {"name": self.name, "topic": self.topic, "title": self.title}


def _handle(question: Question) -> QuestionHandle:
    return QuestionHandle(question.slug, question.topic, question.title, question.points)


def get_generator(name: str) -> QuestionHandle:
    """The active question called `name`, or UnknownGenerator."""
    question = _questions([name]).get(name)
    if question is None:
        raise UnknownGenerator(name)
    return _handle(question)


def all_generators(*, library_ids: set[int] | None = None) -> list[QuestionHandle]:
    """Every active question, grouped by topic in teaching order, then by name; with
    `library_ids`, only the site's and those libraries' (what a quiz editor may pick)."""
    order = {topic: i for i, topic in enumerate(TOPICS)}
    rows = Question.objects.filter(is_active=True, current_version__isnull=False)
    if library_ids is not None:
        rows = rows.filter(Q(library__kind=Library.Kind.SITE) | Q(library_id__in=library_ids))
    handles = [_handle(q) for q in rows]
    return sorted(handles, key=lambda h: (order.get(h.topic, len(order)), h.name))


def generate_variant(name: str, seed: int) -> Variant:
    return get_generator(name).generate(seed)
