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


@dataclass
class _Tally:
    """Sums one question's statistics are computed from: the database adds them up for a
    whole class (``quiz_item_analysis``), ``item_analysis`` for hand-built responses.
    x is the fraction of the question's points earned, y the rest of the attempt's points."""

    answered: int = 0
    sum_x: float = 0.0
    sum_xx: float = 0.0
    sum_y: float = 0.0
    sum_yy: float = 0.0
    sum_xy: float = 0.0
    fired: Counter[str] = field(default_factory=Counter)
    other_wrong: int = 0
    bucketed: dict[int, list[float]] = field(default_factory=dict)  # index: [answers, sum of x]
    unbucketed: int = 0

    def add_bucket(self, index: int, answered: int, sum_x: float) -> None:
        found = self.bucketed.setdefault(index, [0, 0.0])
        found[0] += answered
        found[1] += sum_x


def correlation_from_sums(
    n: int, sx: float, sxx: float, sy: float, syy: float, sxy: float
) -> float | None:
    """Pearson's correlation from the counts and sums of x, x², y, y² and xy (what an SQL
    GROUP BY returns); None when undefined, as in ``point_biserial``."""
    if n < 2:
        return None
    cxx, cyy, cxy = sxx - sx * sx / n, syy - sy * sy / n, sxy - sx * sy / n
    if cxx <= 1e-12 * n or cyy <= 1e-12 * n:
        return None
    return max(-1.0, min(1.0, cxy / math.sqrt(cxx * cyy)))


def _stats(name: str, tally: _Tally, declared: list[str], spec: BucketSpec | None) -> ItemStats:
    t = tally
    stats = ItemStats(
        question=name,
        answered=t.answered,
        difficulty=t.sum_x / t.answered,
        discrimination=(
            correlation_from_sums(t.answered, t.sum_x, t.sum_xx, t.sum_y, t.sum_yy, t.sum_xy)
            if t.answered >= MIN_FOR_DISCRIMINATION
            else None
        ),
        rules=[(rule, t.fired.get(rule, 0)) for rule in declared]
        + sorted((rule, n) for rule, n in t.fired.items() if rule not in declared),
        other_wrong=t.other_wrong,
    )
    if spec is not None:
        stats.unbucketed = t.unbucketed
        empty = [0, 0.0]
        stats.buckets = [
            BucketStat(
                label,
                int(t.bucketed.get(i, empty)[0]),
                t.bucketed[i][1] / t.bucketed[i][0] if t.bucketed.get(i, empty)[0] else None,
            )
            for i, label in enumerate(spec.labels())
        ]
    return stats


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
    tallies: dict[str, _Tally] = {}
    for r in responses:
        t = tallies.setdefault(r.question, _Tally())
        x, y = r.fraction, totals[r.attempt_id] - r.fraction * r.points
        t.answered += 1
        t.sum_x += x
        t.sum_xx += x * x
        t.sum_y += y
        t.sum_yy += y * y
        t.sum_xy += x * y
        t.fired.update(r.rules)
        if not r.rules and r.fraction < 1 and r.status != "blank":
            t.other_wrong += 1
        spec = buckets.get(r.question)
        if spec is not None:
            value = bucket_value(spec, r.params) if r.params is not None else None
            if value is None:
                t.unbucketed += 1
            else:
                t.add_bucket(spec.index(value), 1, x)
    return [_stats(name, t, rules.get(name, []), buckets.get(name)) for name, t in tallies.items()]


# -- reading attempts -------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemRow:
    """A question's statistics with what the page shows beside them."""

    stats: ItemStats
    title: str
    topic: str
    bucket_param: str = ""


class _Group(NamedTuple):
    """Answers of one question that count the same way for fired rules (``_fired_rules``)."""

    status: str
    message: str | None  # only when it may name a rule of the answer's variant
    feedback: Any


WRONG = ("incorrect", "partial", "wrong_shape")  # statuses whose message may name a rule


def _fired_rules(row: Any, rules: list[dict[str, Any]] | None) -> tuple[str, ...]:
    """The anticipated wrong answers a graded answer matched: grading stores their ids with
    the answer (`AttemptQuestion.feedback`). Answers graded before that field existed are
    recognised by the message, which grading copies verbatim from the matched rule."""
    stored = getattr(row, "feedback", None)
    if isinstance(stored, list) and stored:
        return tuple(str(rule) for rule in stored)
    if row.status not in WRONG or not rules:
        return ()
    return tuple(str(r["name"]) for r in rules if r.get("message") == row.message)[:1]


def quiz_item_analysis(*, attempt_ids: Iterable[int]) -> list[ItemRow]:
    """Item analysis over the given (submitted) attempts, hardest question first. Reads the
    stored variants for parameters and feedback rules (never runs a generator): an answer whose
    variant is not stored counts in difficulty and discrimination but not in buckets.

    The database adds up what the statistics need, per question (counts and sums, including
    the sums of products the correlation needs) and per group of answers that count alike for
    rules and buckets: a 5,000-student course has ~45,000 answers per quiz, which Python no
    longer sees one by one (docs/dashboard-performance.md)."""
    from django.db import connection
    from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Sum, Value, When

    from quizzes.models import Attempt, AttemptQuestion, Question, QuestionVariant

    attempts = (
        attempt_ids
        if isinstance(attempt_ids, QuerySet)
        else Attempt.objects.filter(pk__in=list(attempt_ids)).values_list("pk", flat=True)
    )
    answers = AttemptQuestion.objects.filter(attempt_id__in=attempts)
    tallies = _moments(connection, AttemptQuestion._meta.db_table, attempts)
    names = set(tallies)
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
    declared: dict[str, list[str]] = {}
    specs: dict[str, BucketSpec] = {}
    for name, question in questions.items():
        meta = question.current_version.meta if question.current_version else {}
        declared[name] = [str(n) for n in meta.get("feedback") or []]
        spec, _ = bucket_spec_parse(meta.get("buckets"))
        if spec is not None:
            specs[name] = spec

    # Fired rules and other wrong answers, by group of answers that count alike. An answer
    # without stored rule ids is matched by its message (``_fired_rules``): the message and
    # seed only split groups where the message is one of a stored rule's.
    rule_messages = {
        rule.get("message")
        for variant in stored.values()
        if isinstance(variant["feedback"], list)
        for rule in variant["feedback"]
        if isinstance(rule, dict)
    }
    rule_messages = {m for m in rule_messages if isinstance(m, str)}
    wrong = Q(fraction__lt=1) & ~Q(status="blank")
    legacy = Q(feedback=[], status__in=WRONG, message__in=sorted(rule_messages))
    groups = (
        answers.filter(~Q(feedback=[]) | wrong | legacy)
        .annotate(
            wrong=Case(
                When(wrong, then=Value(True)), default=Value(False), output_field=BooleanField()
            ),
            matched=Case(When(legacy, then=F("message")), default=Value(None)),
            variant_seed=Case(When(legacy, then=F("seed")), default=Value(None)),
        )
        .values_list("generator", "status", "feedback", "wrong", "matched", "variant_seed")
        .annotate(n=Count("id"))
        .order_by()
    )
    for name, status, feedback, is_wrong, matched, seed, n in groups:
        found = stored.get((name, seed)) if matched is not None else None
        rules = _fired_rules(
            _Group(status, matched, feedback), found["feedback"] if found else None
        )
        tally = tallies[name]
        for rule in rules:
            tally.fired[rule] += n
        if not rules and is_wrong:
            tally.other_wrong += n
    if specs:
        by_variant = (
            answers.filter(generator__in=list(specs))
            .values_list("generator", "seed")
            .annotate(n=Count("id"), sx=Sum("fraction"))
            .order_by()
        )
        for name, seed, n, sx in by_variant:
            found = stored.get((name, seed))
            value = bucket_value(specs[name], found["params"]) if found else None
            if value is None:
                tallies[name].unbucketed += n
            else:
                tallies[name].add_bucket(specs[name].index(value), n, sx)
    out = [
        ItemRow(
            stats=_stats(name, tally, declared.get(name, []), specs.get(name)),
            title=questions[name].title if name in questions else name,
            topic=questions[name].topic if name in questions else "",
            bucket_param=specs[name].param if name in specs else "",
        )
        for name, tally in tallies.items()
    ]
    return sorted(out, key=lambda r: (r.stats.difficulty, r.stats.question))


def _moments(connection: Any, table: str, attempts: Any) -> dict[str, _Tally]:
    """Per question: answers and the sums of x, x², y, y² and xy (x: the fraction earned, y:
    the rest of the attempt's points), in one grouped query over the attempts' answers."""
    inner, params = attempts.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH a AS (SELECT attempt_id, generator, fraction AS x, fraction * points AS earned "  # noqa: S608
            f"FROM {table} WHERE attempt_id IN ({inner})), "
            "t AS (SELECT attempt_id, SUM(earned) AS total FROM a GROUP BY attempt_id) "
            "SELECT generator, COUNT(*), SUM(x), SUM(x * x), SUM(y), SUM(y * y), SUM(x * y) "
            "FROM (SELECT a.generator, a.x, t.total - a.earned AS y "
            "FROM a JOIN t ON t.attempt_id = a.attempt_id) r GROUP BY generator",
            params,
        )
        return {
            name: _Tally(int(n), float(sx), float(sxx), float(sy), float(syy), float(sxy))
            for name, n, sx, sxx, sy, syy, sxy in cursor.fetchall()
        }
