"""Item analysis of a quiz's questions (issue #17): how hard each question was, whether it
tells strong students from weak ones, which anticipated wrong answers students gave, and how
the score varies with a parameter the question declares buckets for.

The statistics are pure functions of `Response`s (one graded answer each) so that tests can
check them on hand-built attempts; `quiz_item_analysis` reads those from the database.

- difficulty: the mean fraction of the question's points earned (1.0: everybody right);
- discrimination: the point-biserial correlation between the question's score and the rest
  of the quiz (the attempt's points minus this question's), over the attempts that answered
  it. It is Pearson's r, which is the point-biserial coefficient when the question is scored
  right/wrong and stays meaningful with partial credit. Leaving the question out of the total
  keeps it from correlating with itself (a short quiz would inflate it otherwise).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from mlquiz.gcpause import collector_paused

MIN_FOR_DISCRIMINATION = 3  # fewer answers than this: no correlation is shown


@dataclass(frozen=True)
class BucketSpec:
    """question.yaml's optional `buckets:` — a parameter name and increasing edges. The
    edges cut the line into len(edges) + 1 buckets: below the first edge, between two
    edges (lower edge included), and from the last edge up."""

    param: str
    edges: tuple[float, ...]

    def index(self, value: float) -> int:
        return bisect.bisect_right(self.edges, value)

    def labels(self) -> list[str]:
        e = [f"{edge:g}" for edge in self.edges]
        return [f"< {e[0]}", *(f"{lo}–{hi}" for lo, hi in itertools.pairwise(e)), f"≥ {e[-1]}"]


def bucket_spec_parse(data: Any) -> tuple[BucketSpec | None, list[str]]:
    """`buckets: {param: n, edges: [10, 20]}` from question.yaml, and what is wrong with it."""
    if data is None:
        return None, []
    problem = "buckets must be a mapping with `param:` (a parameter's name) and `edges:`"
    if not isinstance(data, dict) or set(data) != {"param", "edges"}:
        return None, [problem]
    param, edges = data["param"], data["edges"]
    if not isinstance(param, str) or not param:
        return None, [problem]
    if (
        not isinstance(edges, list)
        or not edges
        or not all(
            isinstance(e, int | float) and not isinstance(e, bool) and math.isfinite(e)
            for e in edges
        )
        or any(b <= a for a, b in itertools.pairwise(edges))
    ):
        return None, ["buckets: edges must be a non-empty list of increasing numbers"]
    return BucketSpec(param, tuple(float(e) for e in edges)), []


def bucket_value(spec: BucketSpec, params: dict[str, Any]) -> float | None:
    """The bucketed parameter of one variant: a finite number, or None."""
    value = params.get(spec.param)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class Response:
    """One graded answer in a submitted attempt."""

    attempt_id: int
    question: str  # the question's name (slug)
    fraction: float  # 0..1 of its points
    points: int
    status: str = ""  # correct | partial | incorrect | wrong_shape | blank | invalid
    rules: tuple[str, ...] = ()  # the anticipated wrong answers it matched, if known
    params: dict[str, Any] | None = None  # the variant's parameters, if stored


@dataclass(frozen=True)
class BucketStat:
    label: str
    answered: int
    mean_fraction: float | None


@dataclass
class ItemStats:
    question: str
    answered: int
    difficulty: float
    discrimination: float | None  # None: too few answers or no spread
    rules: list[tuple[str, int]] = field(default_factory=list)  # (name, times it fired)
    other_wrong: int = 0  # wrong answers that matched no rule
    buckets: list[BucketStat] = field(default_factory=list)
    unbucketed: int = 0  # answers whose variant's parameter is unknown


def point_biserial(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's correlation of two equally long samples; None when it is undefined (fewer
    than two values, or either sample constant)."""
    n = len(x)
    if n != len(y):
        raise ValueError("samples of different lengths")
    if n < 2:
        return None
    # NumPy, not Python sums: a quiz of a 5,000-student course has ~45,000 answers.
    dx = np.asarray(x, dtype=float)
    dy = np.asarray(y, dtype=float)
    dx, dy = dx - dx.mean(), dy - dy.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-12 * n or syy <= 1e-12 * n:
        return None
    return max(-1.0, min(1.0, float(dx @ dy) / math.sqrt(sxx * syy)))


def item_analysis(
    responses: Iterable[Response],
    *,
    rules: dict[str, list[str]] | None = None,
    buckets: dict[str, BucketSpec] | None = None,
) -> list[ItemStats]:
    """Per question, in order of first appearance. `rules` lists each question's declared
    feedback rules (shown with a count of 0 when none fired); `buckets` its BucketSpec."""
    responses = list(responses)
    rules, buckets = rules or {}, buckets or {}
    totals: dict[int, float] = defaultdict(float)
    for r in responses:
        totals[r.attempt_id] += r.fraction * r.points
    by_question: dict[str, list[Response]] = {}
    for r in responses:
        by_question.setdefault(r.question, []).append(r)
    result = []
    for name, mine in by_question.items():
        scores = [r.fraction for r in mine]
        rest = [totals[r.attempt_id] - r.fraction * r.points for r in mine]
        fired = Counter(rule for r in mine for rule in r.rules)
        declared = rules.get(name, [])
        stats = ItemStats(
            question=name,
            answered=len(mine),
            difficulty=math.fsum(scores) / len(scores),
            discrimination=(
                point_biserial(scores, rest) if len(mine) >= MIN_FOR_DISCRIMINATION else None
            ),
            rules=[(rule, fired.get(rule, 0)) for rule in declared]
            + sorted((rule, n) for rule, n in fired.items() if rule not in declared),
            other_wrong=sum(
                1 for r in mine if not r.rules and r.fraction < 1 and r.status != "blank"
            ),
        )
        spec = buckets.get(name)
        if spec is not None:
            groups: dict[int, list[float]] = defaultdict(list)
            for r in mine:
                value = bucket_value(spec, r.params) if r.params is not None else None
                if value is None:
                    stats.unbucketed += 1
                else:
                    groups[spec.index(value)].append(r.fraction)
            stats.buckets = [
                BucketStat(
                    label,
                    len(groups[i]),
                    math.fsum(groups[i]) / len(groups[i]) if groups[i] else None,
                )
                for i, label in enumerate(spec.labels())
            ]
        result.append(stats)
    return result


# -- reading attempts -------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRow:
    """A question's statistics with what the page shows beside them."""

    stats: ItemStats
    title: str
    topic: str
    bucket_param: str = ""


class _Answer(NamedTuple):
    """The columns of an AttemptQuestion the analysis reads."""

    pk: int
    attempt_id: int
    generator: str
    seed: int
    fraction: float
    points: int
    status: str
    message: str
    feedback: Any


def _fired_rules(row: Any, rules: list[dict[str, Any]] | None) -> tuple[str, ...]:
    """The anticipated wrong answers a graded answer matched: grading stores their ids with
    the answer (`AttemptQuestion.feedback`). Answers graded before that field existed are
    recognised by the message, which grading copies verbatim from the matched rule."""
    stored = getattr(row, "feedback", None)
    if isinstance(stored, list) and stored:
        return tuple(str(rule) for rule in stored)
    if row.status not in ("incorrect", "partial", "wrong_shape") or not rules:
        return ()
    return tuple(str(r["name"]) for r in rules if r.get("message") == row.message)[:1]


def quiz_item_analysis(*, attempt_ids: Iterable[int]) -> list[ItemRow]:
    """Item analysis over the given (submitted) attempts, hardest question first. Reads the
    stored variants for parameters and feedback rules (never runs a generator): an answer whose
    variant is not stored counts in difficulty and discrimination but not in buckets."""
    from quizzes.models import AttemptQuestion, Question, QuestionVariant

    # Tuples, not model instances, and the attempts as a subquery (not thousands of ids):
    # a 5,000-student course has ~45,000 answers per quiz (docs/dashboard-performance.md).
    answers = AttemptQuestion.objects.filter(attempt_id__in=attempt_ids)
    # The fired rules are read only where there are some: decoding 45,000 empty JSON lists
    # was a third of the page's time.
    fired = dict(answers.exclude(feedback=[]).values_list("pk", "feedback"))
    columns = [name for name in _Answer._fields if name != "feedback"]
    with collector_paused():
        rows = [
            _Answer._make((*values, fired.get(values[0])))
            for values in answers.order_by("attempt_id", "position").values_list(*columns)
        ]
    names = {row.generator for row in rows}
    questions = {
        q.slug: q for q in Question.objects.filter(slug__in=names).select_related("current_version")
    }
    stored: dict[tuple[str, int], Any] = {}  # .values() rows
    current = {q.current_version_id for q in questions.values()}
    variants = (
        QuestionVariant.objects.filter(
            version__question__slug__in=names, seed__in=answers.values("seed")
        )
        .order_by("version__number")
        .values("version_id", "version__question__slug", "seed", "params", "feedback")
    )
    for variant in variants:
        key = (variant["version__question__slug"], variant["seed"])
        # The current version's row wins; else the newest version that stored this seed.
        if key not in stored or variant["version_id"] in current:
            stored[key] = variant
    responses = []
    for row in rows:
        found = stored.get((row.generator, row.seed))
        responses.append(
            Response(
                attempt_id=row.attempt_id,
                question=row.generator,
                fraction=row.fraction,
                points=row.points,
                status=row.status,
                rules=_fired_rules(row, found["feedback"] if found else None),
                params=found["params"] if found else None,
            )
        )
    declared: dict[str, list[str]] = {}
    specs: dict[str, BucketSpec] = {}
    for name, question in questions.items():
        meta = question.current_version.meta if question.current_version else {}
        declared[name] = [str(n) for n in meta.get("feedback") or []]
        spec, _ = bucket_spec_parse(meta.get("buckets"))
        if spec is not None:
            specs[name] = spec
    items = item_analysis(responses, rules=declared, buckets=specs)
    out = [
        ItemRow(
            stats=item,
            title=questions[item.question].title if item.question in questions else item.question,
            topic=questions[item.question].topic if item.question in questions else "",
            bucket_param=specs[item.question].param if item.question in specs else "",
        )
        for item in items
    ]
    return sorted(out, key=lambda r: (r.stats.difficulty, r.stats.question))
