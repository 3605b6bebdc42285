from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from catalog.models import Exercise, ExerciseVersion, Lesson
from catalog.rendering import render_markdown_with_toc
from exercises.models import Submission

pytestmark = pytest.mark.django_db

BODY = "## Vectors\n\nThe norm $\\lVert x \\rVert$.\n\n### Dot product\n\n```python\nx @ y\n```\n"


def make_lesson(slug: str, order: int, *, active: bool = True) -> Lesson:
    html, toc = render_markdown_with_toc(BODY)
    return Lesson.objects.create(
        slug=slug,
        title=f"Lesson {slug}",
        order=order,
        summary=f"All about {slug}.",
        body_md=BODY,
        body_html=html,
        toc=toc,
        is_active=active,
    )


def make_exercise(slug: str, lesson: Lesson, order: int, **fields: Any) -> Exercise:
    exercise = Exercise.objects.create(
        slug=slug,
        title=f"Exercise {slug}",
        lesson=lesson,
        topic="linear-algebra",
        order=order,
        **fields,
    )
    exercise.current_version = ExerciseVersion.objects.create(
        exercise=exercise,
        number=1,
        function_name="f",
        statement_md="s",
        starter_code="def f(): pass",
        reference_code="def f(): return 1",
        cases_code="",
        content_hash=slug,
    )
    exercise.save()
    return exercise


def submit(user: Any, exercise: Exercise, *, passed: bool) -> None:
    assert exercise.current_version is not None
    Submission.objects.create(
        user=user,
        exercise=exercise,
        exercise_version=exercise.current_version,
        code="def f(): ...",
        status=Submission.Status.GRADED,
        passed=passed,
        score=1.0 if passed else 0.5,
    )


@pytest.fixture
def course() -> dict[str, Any]:
    second = make_lesson("second", 2)
    first = make_lesson("first", 1)
    third = make_lesson("third", 3)
    hidden = make_lesson("hidden", 4, active=False)
    solved = make_exercise("ex-solved", first, 1)
    tried = make_exercise("ex-tried", first, 2, difficulty="hard")
    draft = make_exercise("ex-draft", first, 3, status=Exercise.Status.DRAFT)
    return locals()


def test_list_is_ordered_and_hides_inactive_lessons(client: Client, course: dict[str, Any]) -> None:
    html = client.get(reverse("courses:lesson_list")).content.decode()
    titles = re.findall(r">Lesson (\w+)</a></h2>", html)
    assert titles == ["first", "second", "third"]
    assert "2 exercises" in html  # the draft is not counted
    assert "solved" not in html  # anonymous visitors see counts, not progress


def test_list_shows_the_students_own_progress(
    student_client: Client, student: Any, other_student: Any, course: dict[str, Any]
) -> None:
    submit(student, course["solved"], passed=True)
    submit(student, course["tried"], passed=False)
    submit(other_student, course["tried"], passed=True)  # someone else's success: not mine
    html = student_client.get(reverse("courses:lesson_list")).content.decode()
    assert "1 / 2 exercises solved" in html
    assert 'aria-valuenow="1"' in html
    assert 'style="width: 50%"' in html


def test_detail_has_body_toc_practice_and_pager(
    student_client: Client, student: Any, course: dict[str, Any]
) -> None:
    submit(student, course["solved"], passed=True)
    submit(student, course["tried"], passed=False)
    response = student_client.get(reverse("courses:lesson_detail", args=["first"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="math inline"' in html and '<div class="highlight">' in html
    assert '<a href="#vectors">Vectors</a>' in html
    assert '<a href="#dot-product">Dot product</a>' in html
    assert 'id="vectors"' in html
    practice = html[html.index('id="practice"') :]
    assert practice.index("ex-solved") < practice.index("ex-tried")
    assert "✓ Solved" in practice and "Attempted" in practice
    assert "ex-draft" not in practice
    assert "1 / 2 exercises solved" in html
    assert 'rel="next"' in html and "/lessons/second/" in html
    assert 'rel="prev"' not in html
    assert "Lesson 1 of 3" in html


def test_middle_lesson_links_both_ways(client: Client, course: dict[str, Any]) -> None:
    html = client.get(reverse("courses:lesson_detail", args=["second"])).content.decode()
    assert re.search(r'href="/lessons/first/" rel="prev"', html)
    assert re.search(r'href="/lessons/third/" rel="next"', html)
    assert "No exercises for this lesson yet." in html


def test_detail_lists_published_quizzes_of_the_lesson(
    client: Client, course: dict[str, Any]
) -> None:
    from quizzes.models import Quiz

    Quiz.objects.create(slug="vectors-quiz", title="Vectors quiz", lesson=course["first"])
    Quiz.objects.create(
        slug="secret-quiz", title="Secret quiz", lesson=course["first"], is_published=False
    )
    Quiz.objects.create(slug="other-quiz", title="Other quiz", lesson=course["second"])
    html = client.get(reverse("courses:lesson_detail", args=["first"])).content.decode()
    assert "/quizzes/vectors-quiz/" in html
    assert "Secret quiz" not in html and "Other quiz" not in html


@pytest.mark.parametrize("slug", ["hidden", "missing"])
def test_inactive_or_unknown_lesson_is_404(
    client: Client, course: dict[str, Any], slug: str
) -> None:
    assert client.get(reverse("courses:lesson_detail", args=[slug])).status_code == 404


def test_empty_list_explains_how_to_load_lessons(client: Client) -> None:
    html = client.get(reverse("courses:lesson_list")).content.decode()
    assert "sync_content" in html


# Every topic of the source articles (shared/seeds/README.md) is taught by the lesson named here.
SYLLABUS = {
    "linear-algebra": [
        "dot product", "norm", "cosine similarity", "matrix multiplication", "transpose",
        "determinant", "inverse", "rank", "linear system", "least squares", "pseudoinverse",
    ],
    "eigen-svd": [
        "eigenvalue", "eigenvector", "power iteration", "pagerank", "singular value decomposition",
        "low-rank approximation", "principal component analysis",
    ],
    "calculus": [
        "derivative", "product rule", "chain rule", "partial derivative", "gradient", "jacobian",
        "hessian", "backpropagation",
    ],
    "optimization": ["gradient descent", "learning rate", "convex", "momentum", "adam"],
    "probability": [
        "conditional probability", "bayes", "bernoulli", "binomial", "poisson", "uniform",
        "normal", "multivariate normal", "expectation", "variance",
    ],
    "statistics": [
        "mean", "median", "outlier", "ddof", "standard deviation", "z-score", "covariance",
        "correlation", "maximum likelihood",
    ],
    "information-theory": ["entropy", "cross-entropy", "kl divergence"],
    "numerics": [
        "float64", "float32", "float16", "overflow", "stable softmax", "log-softmax",
        "solve instead of invert",
    ],
    "linear-models": ["normal equation", "ridge", "lasso", "logistic regression", "attention"],
    "model-evaluation": [
        "confusion matrix", "precision", "recall", "f1", "roc curve", "auc", "ties",
        "coefficient of determination", "train/test split", "cross-validation",
    ],
    "clustering-neighbours": [
        "k-means", "lloyd", "inertia", "k-means++", "nearest neighbour", "information gain",
        "gini", "naive bayes", "log-sum-exp", "mutual information",
    ],
    "deep-learning-layers": [
        "convolution", "cross-correlation", "padding", "stride", "output size formula",
        "max pooling", "batch normalisation", "layer normalisation", "running statistics",
        "dropout", "inverted", "gelu", "leaky relu", "positional encoding",
        "multi-head attention", "split heads", "mask", "recurrent", "tanh",
    ],
    "sampling-monte-carlo": [
        "pseudo-random", "seed", "inverse transform", "box–muller", "rejection sampling",
        "monte carlo", "standard error", "confidence interval", "central limit theorem",
        "importance sampling", "bootstrap", "percentile interval", "bias", "variance", "coverage",
    ],
    "matrix-decompositions": [
        "orthogonal projection", "schmidt", "qr decomposition", "householder", "least squares",
        "normal equation", "condition number", "cholesky", "positive definite",
        "partial pivoting", "back substitution",
    ],
    "newton-constrained": [
        "taylor", "newton's method", "quadratic convergence", "hessian", "irls",
        "logistic regression", "lagrange multiplier", "kkt", "complementary slackness",
        "mini-batch", "stochastic gradient descent", "epoch",
    ],
}  # fmt: skip


@pytest.mark.parametrize("slug", sorted(SYLLABUS))
def test_each_lesson_teaches_its_part_of_the_syllabus(slug: str) -> None:
    from django.conf import settings

    from catalog.rendering import split_front_matter

    text = (settings.CONTENT_DIR / "lessons" / f"{slug}.md").read_text().lower()
    _meta, body = split_front_matter(text)
    missing = [term for term in SYLLABUS[slug] if term not in body]
    assert not missing, f"{slug} never mentions {missing}"
    assert len(body.split()) > 1000, "a lesson is real teaching prose, not a stub"
    assert "```plot " in body, "every lesson has at least one plot"
