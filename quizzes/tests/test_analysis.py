"""Item analysis: difficulty, discrimination (point-biserial against the rest of the quiz),
feedback-rule counts and parameter buckets, on hand-built attempts."""

from __future__ import annotations

import numpy as np
import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.services import user_create
from courses.models import Course, CourseQuiz, Enrollment
from quizzes.analysis import (
    BucketSpec,
    Response,
    _fired_rules,
    bucket_spec_parse,
    item_analysis,
    point_biserial,
    quiz_item_analysis,
)
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionVariant, Quiz, QuizSlot

# Six attempts at a three-question quiz: (fraction of q1, q2, q3); q1 is worth 1 point,
# q2 2 points, q3 1 point. q1 is answered right by the strong attempts, q3 by the weak ones.
SCORES = [
    (1.0, 1.0, 0.0),
    (1.0, 0.5, 0.0),
    (1.0, 1.0, 0.0),
    (0.0, 0.5, 1.0),
    (0.0, 0.0, 1.0),
    (0.0, 0.0, 1.0),
]
POINTS = {"q1": 1, "q2": 2, "q3": 1}


def _responses() -> list[Response]:
    return [
        Response(attempt_id=a, question=name, fraction=f, points=POINTS[name])
        for a, row in enumerate(SCORES)
        for name, f in zip(("q1", "q2", "q3"), row, strict=True)
    ]


def _rest(index: int) -> list[float]:
    """The rest of each attempt's points without question `index`, computed directly."""
    weights = list(POINTS.values())
    return [
        sum(w * f for j, (w, f) in enumerate(zip(weights, row, strict=True)) if j != index)
        for row in SCORES
    ]


def test_point_biserial_matches_numpy_corrcoef() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        x = rng.integers(0, 2, 30).astype(float)
        y = rng.normal(size=30) + x
        assert point_biserial(list(x), list(y)) == pytest.approx(np.corrcoef(x, y)[0, 1])


def test_point_biserial_undefined_without_spread() -> None:
    assert point_biserial([1.0, 1.0, 1.0], [0.0, 1.0, 2.0]) is None
    assert point_biserial([1.0], [2.0]) is None
    with pytest.raises(ValueError):
        point_biserial([1.0, 0.0], [1.0])


def test_difficulty_and_discrimination_against_the_rest_of_the_quiz() -> None:
    items = {item.question: item for item in item_analysis(_responses())}
    for index, name in enumerate(("q1", "q2", "q3")):
        scores = [row[index] for row in SCORES]
        assert items[name].answered == 6
        assert items[name].difficulty == pytest.approx(np.mean(scores))
        rest = _rest(index)
        if np.std(rest) == 0:  # q2: q1 + q3 is 1 in every attempt, r is undefined
            assert name == "q2" and items[name].discrimination is None
        else:
            expected = np.corrcoef(scores, rest)[0, 1]
            assert items[name].discrimination == pytest.approx(expected)
    # Known values, worked by hand: q1's rest is (2, 1, 2, 2, 1, 1), r = 0.5 / 1.5;
    # q3's rest is (3, 2, 3, 1, 0, 0), r = -3.5 / sqrt(1.5 * 9.5).
    assert items["q1"].difficulty == pytest.approx(0.5)
    assert items["q2"].difficulty == pytest.approx(3 / 6)
    assert items["q1"].discrimination == pytest.approx(1 / 3)
    assert items["q3"].discrimination == pytest.approx(-3.5 / (1.5 * 9.5) ** 0.5)
    # Correlating with the whole score (this question included) would give another value.
    with_self = [sum(POINTS[n] * f for n, f in zip(POINTS, row, strict=True)) for row in SCORES]
    assert items["q3"].discrimination != pytest.approx(
        np.corrcoef([row[2] for row in SCORES], with_self)[0, 1]
    )


def test_rules_counted_and_declared_rules_listed_at_zero() -> None:
    responses = [
        Response(1, "q", 0.0, 1, "incorrect", rules=("divided-by-n",)),
        Response(2, "q", 0.5, 1, "partial", rules=("divided-by-n",)),
        Response(3, "q", 0.0, 1, "incorrect"),
        Response(4, "q", 1.0, 1, "correct"),
        Response(5, "q", 0.0, 1, "blank"),
    ]
    [item] = item_analysis(responses, rules={"q": ["divided-by-n", "forgot-mean"]})
    assert item.rules == [("divided-by-n", 2), ("forgot-mean", 0)]
    assert item.other_wrong == 1  # the blank answer is not a wrong one


def test_buckets() -> None:
    spec, problems = bucket_spec_parse({"param": "prior", "edges": [0.01, 0.05]})
    assert problems == [] and spec == BucketSpec("prior", (0.01, 0.05))
    assert spec.labels() == ["< 0.01", "0.01–0.05", "≥ 0.05"]
    assert [spec.index(v) for v in (0.001, 0.01, 0.03, 0.05, 0.2)] == [0, 1, 1, 2, 2]
    responses = [
        Response(1, "q", 0.0, 1, params={"prior": 0.002}),
        Response(2, "q", 1.0, 1, params={"prior": 0.005}),
        Response(3, "q", 1.0, 1, params={"prior": 0.1}),
        Response(4, "q", 1.0, 1, params={"prior": [0.1]}),  # not a number
        Response(5, "q", 1.0, 1, params=None),  # variant not stored
    ]
    [item] = item_analysis(responses, buckets={"q": spec})
    assert [(b.label, b.answered, b.mean_fraction) for b in item.buckets] == [
        ("< 0.01", 2, 0.5),
        ("0.01–0.05", 0, None),
        ("≥ 0.05", 1, 1.0),
    ]
    assert item.unbucketed == 2


@pytest.mark.parametrize(
    "data",
    [
        {"param": "n"},
        {"param": "n", "edges": []},
        {"param": "n", "edges": [2, 1]},
        {"param": "n", "edges": [1, True]},
        {"param": "", "edges": [1]},
        {"param": "n", "edges": [1], "extra": 1},
        ["n", [1]],
    ],
)
def test_bad_bucket_specs_are_refused(data: object) -> None:
    spec, problems = bucket_spec_parse(data)
    assert spec is None and problems


# -- from the database --------------------------------------------------------------------


def _store_variant(
    name: str, seed: int, *, params: dict[str, float], rules: list[dict[str, object]]
) -> None:
    question = Question.objects.get(slug=name)
    assert question.current_version is not None
    QuestionVariant.objects.create(
        version=question.current_version,
        seed=seed,
        params=params,
        prompt_md="p",
        solution_md="s",
        answer={"value": 1.0, "mode": "relative", "tol": 1e-3},
        feedback=rules,
    )


MESSAGE = "You divided by n."
RULE: dict[str, object] = {"name": "divided-by-n", "value": 2.0, "message": MESSAGE, "credit": 0.5}


@pytest.mark.django_db
def test_quiz_item_analysis_reads_rules_and_buckets_from_stored_variants(
    instructor: User,
) -> None:
    version = Question.objects.get(slug="bayes-posterior").current_version
    assert version is not None
    version.meta = {**version.meta, "buckets": {"param": "prior", "edges": [0.01]}}
    version.save()
    quiz = Quiz.objects.create(slug="stats", title="Stats")
    for order, name in enumerate(("sample-covariance", "bayes-posterior")):
        QuizSlot.objects.create(quiz=quiz, order=order, generator=name)
    course = Course.objects.create(owner=instructor, title="C")
    CourseQuiz.objects.create(course=course, quiz=quiz)
    _store_variant("sample-covariance", 1, params={}, rules=[RULE])
    _store_variant("bayes-posterior", 1, params={"prior": 0.005}, rules=[])
    _store_variant("bayes-posterior", 2, params={"prior": 0.1}, rules=[])
    table = [  # (sample-covariance: seed, status, fraction, message), (bayes: seed, fraction)
        ((1, "partial", 0.5, MESSAGE), (1, 0.0)),
        ((1, "incorrect", 0.0, "Not quite."), (2, 1.0)),
        ((1, "correct", 1.0, "Correct."), (2, 1.0)),
        ((9, "partial", 0.5, MESSAGE), (1, 0.0)),  # variant not stored
    ]
    for number, ((seed, status, fraction, message), (bseed, bfraction)) in enumerate(table):
        user = user_create(username=f"s{number}", password="x")
        Enrollment.objects.create(course=course, user=user)
        attempt = Attempt.objects.create(
            quiz=quiz, user=user, number=1, status=Attempt.Status.SUBMITTED
        )
        AttemptQuestion.objects.create(
            attempt=attempt,
            position=0,
            generator="sample-covariance",
            seed=seed,
            status=status,
            fraction=fraction,
            message=message,
        )
        AttemptQuestion.objects.create(
            attempt=attempt, position=1, generator="bayes-posterior", seed=bseed, fraction=bfraction
        )
    rows = {
        row.stats.question: row
        for row in quiz_item_analysis(attempt_ids=Attempt.objects.values_list("pk", flat=True))
    }
    cov = rows["sample-covariance"].stats
    assert cov.rules == [("divided-by-n", 1)]  # the unstored variant's message is not guessed
    assert cov.other_wrong == 2
    bayes = rows["bayes-posterior"].stats
    assert [(b.answered, b.mean_fraction) for b in bayes.buckets] == [(2, 0.0), (2, 1.0)]
    assert bayes.discrimination == pytest.approx(
        np.corrcoef([0.0, 1.0, 1.0, 0.0], [0.5, 0.0, 1.0, 0.5])[0, 1]
    )

    client = Client()
    client.force_login(instructor)
    page = client.get(f"/instructor/courses/{course.pk}/quizzes/{quiz.pk}/").content.decode()
    assert "data-item-analysis" in page and 'data-rule="divided-by-n"' in page
    assert "mean points earned (%) by prior" in page  # the bucket chart's accessible title
    assert "<desc>1. " in page  # the item chart lists every question as text


@pytest.mark.django_db
def test_the_database_sums_give_what_the_answers_one_by_one_give() -> None:
    """``quiz_item_analysis`` adds up in SQL; ``item_analysis`` over the same answers, read
    one by one, is the reference: counts, rules (stored ids, matched messages), other wrong
    answers, blanks, buckets and the correlation must agree."""
    version = Question.objects.get(slug="bayes-posterior").current_version
    assert version is not None
    version.meta = {**version.meta, "buckets": {"param": "prior", "edges": [0.01, 0.05]}}
    version.save()
    names = ("sample-covariance", "bayes-posterior", "softmax-stability")
    quiz = Quiz.objects.create(slug="mixed", title="Mixed")
    for seed in (1, 2):
        _store_variant("sample-covariance", seed, params={}, rules=[RULE])
        _store_variant("bayes-posterior", seed, params={"prior": 0.02 * seed}, rules=[])
    rng = np.random.default_rng(3)
    user = user_create(username="many", password="x")
    for number in range(40):
        attempt = Attempt.objects.create(
            quiz=quiz, user=user, number=number + 1, status=Attempt.Status.SUBMITTED
        )
        for position, name in enumerate(names):
            kind = int(rng.integers(5))
            fraction = [1.0, 0.5, 0.0, 0.0, 0.25][kind]
            AttemptQuestion.objects.create(
                attempt=attempt,
                position=position,
                generator=name,
                seed=int(rng.integers(1, 4)),  # 3: not stored
                points=position + 1,
                status=["correct", "partial", "blank", "incorrect", "partial"][kind],
                fraction=fraction,
                message=[("Correct."), MESSAGE, "No answer given.", "Not quite.", MESSAGE][kind],
                feedback=["b:forgot-bias"] if kind == 4 else [],
            )
    found = {
        row.stats.question: row.stats
        for row in quiz_item_analysis(attempt_ids=Attempt.objects.values_list("pk", flat=True))
    }
    variants = {
        (v.version.question.slug, v.seed): v
        for v in QuestionVariant.objects.select_related("version__question")
    }
    responses = []
    for answer in AttemptQuestion.objects.order_by("attempt_id", "position"):
        variant = variants.get((answer.generator, answer.seed))
        responses.append(
            Response(
                attempt_id=answer.attempt_id,
                question=answer.generator,
                fraction=answer.fraction,
                points=answer.points,
                status=answer.status,
                rules=_fired_rules(answer, variant.feedback if variant else None),
                params=variant.params if variant else None,
            )
        )
    spec = BucketSpec("prior", (0.01, 0.05))
    expected = {
        item.question: item
        for item in item_analysis(
            responses,
            rules={"sample-covariance": ["divided-by-n"]},
            buckets={"bayes-posterior": spec},
        )
    }
    assert set(found) == set(expected) == set(names)
    for name in names:
        got, want = found[name], expected[name]
        assert (got.answered, got.rules, got.other_wrong, got.unbucketed) == (
            want.answered,
            want.rules,
            want.other_wrong,
            want.unbucketed,
        )
        assert got.difficulty == pytest.approx(want.difficulty)
        assert got.discrimination == pytest.approx(want.discrimination)
        assert [(b.label, b.answered) for b in got.buckets] == [
            (b.label, b.answered) for b in want.buckets
        ]
        assert [b.mean_fraction for b in got.buckets] == pytest.approx(
            [b.mean_fraction for b in want.buckets]
        )
    assert dict(found["sample-covariance"].rules)["divided-by-n"] > 0  # matched by message
    assert dict(found["bayes-posterior"].rules)["b:forgot-bias"] > 0  # stored ids
    assert found["bayes-posterior"].unbucketed > 0 and found["bayes-posterior"].buckets


def test_fired_rules_by_stored_ids_else_by_message() -> None:
    from types import SimpleNamespace

    from quizzes.analysis import _fired_rules

    rules: list[dict[str, object]] = [RULE, {"name": "other", "message": "Other."}]
    by_message = SimpleNamespace(status="partial", message=MESSAGE)
    assert _fired_rules(by_message, rules) == ("divided-by-n",)
    assert _fired_rules(by_message, None) == ()  # variant not stored: not guessed
    right = SimpleNamespace(status="correct", message=MESSAGE)
    assert _fired_rules(right, rules) == ()
    # Once grading stores the matched rule ids with the answer (multi-part: "b:name").
    stored = SimpleNamespace(status="partial", message="", feedback=["a:other", "b:forgot-bias"])
    assert _fired_rules(stored, rules) == ("a:other", "b:forgot-bias")
