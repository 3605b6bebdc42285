"""Browser authoring: drafts, validation through the real sandbox, publishing, versions,
sanitized statements, lessons."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from accounts.roles import maintainer_group
from catalog import authoring
from catalog.access import site_library
from catalog.models import Exercise, Lesson
from exercises.models import Submission

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def basics() -> Lesson:
    return Lesson.objects.create(slug="basics", title="Basics", order=1, body_md="Hi.")


CASES = """import numpy as np
from grader.cases import Case


def cases(rng):
    return [
        Case("example: small", args=(np.array([1.0, 2.0]),), visible=True),
        Case("hidden: random n=20", args=(rng.normal(size=20),)),
    ]
"""
GOOD_REFERENCE = "def double(x):\n    return 2 * x\n"
# The reference computes the expected values, so "broken" means it cannot produce them.
BROKEN_REFERENCE = (
    "def double(x):\n    if x.size > 5:\n        raise ValueError('oops')\n    return 2 * x\n"
)
STARTER = "def double(x):\n    raise NotImplementedError\n"


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "slug": "double-it",
        "title": "Double it",
        "function": "double",
        "lesson": "basics",
        "topic": "linear-algebra",
        "difficulty": "easy",
        "points": 10,
        "order": 1,
        "tags": "warm-up, vectors",
        "rtol": "1e-9",
        "atol": "",
        "cpu_seconds": "",
        "wall_seconds": "",
        "memory_mb": "",
        "banned": "np.multiply",
        "banned_reason": "",
        "statement_md": "Return $2x$ for an array `x`.",
        "starter": STARTER,
        "reference": GOOD_REFERENCE,
        "cases": CASES,
        "solution_md": "",
        "message": "An edit",
    }
    data.update(overrides)
    return data


def test_create_draft_invisible_to_students(
    instructor_client: Client, student_client: Client
) -> None:
    response = instructor_client.post("/instructor/exercises/new", form_data())
    assert response.status_code == 302
    exercise = Exercise.objects.get(slug="double-it")
    assert exercise.status == Exercise.Status.DRAFT
    assert exercise.current_version is not None
    assert exercise.current_version.number == 1
    assert exercise.current_version.meta["banned"] == ["np.multiply"]
    assert exercise.current_version.meta["tolerance"] == {"rtol": 1e-9}
    assert exercise.lesson is not None
    assert exercise.lesson.slug == "basics"
    assert student_client.get("/exercises/double-it/").status_code == 404


def test_validate_shows_per_case_results_of_reference_and_starter(
    instructor_client: Client,
) -> None:
    instructor_client.post("/instructor/exercises/new", form_data())
    response = instructor_client.post(
        "/instructor/exercises/double-it/edit", form_data(action="validate")
    )
    assert response.status_code == 200
    validation = response.context["validation"]
    assert validation.ok, validation.errors
    assert [t.passed for t in validation.reference.tests] == [True, True]
    assert validation.starter.score < 1.0
    assert b'data-validation="ok"' in response.content
    assert b"hidden: random n=20" in response.content
    assert Exercise.objects.get(slug="double-it").status == Exercise.Status.DRAFT


def test_broken_reference_cannot_be_published(instructor_client: Client) -> None:
    instructor_client.post("/instructor/exercises/new", form_data(reference=BROKEN_REFERENCE))
    response = instructor_client.post(
        "/instructor/exercises/double-it/edit",
        form_data(reference=BROKEN_REFERENCE, action="publish"),
    )
    assert response.status_code == 200
    assert not response.context["validation"].ok
    assert "The reference scores" in response.content.decode()
    assert Exercise.objects.get(slug="double-it").status == Exercise.Status.DRAFT


def test_solving_starter_cannot_be_published(instructor_client: Client) -> None:
    instructor_client.post("/instructor/exercises/new", form_data(starter=GOOD_REFERENCE))
    response = instructor_client.post(
        "/instructor/exercises/double-it/edit", form_data(starter=GOOD_REFERENCE, action="publish")
    )
    assert "starter already scores 100%" in response.content.decode()
    assert Exercise.objects.get(slug="double-it").status == Exercise.Status.DRAFT


def test_uncompilable_sources_are_refused_with_a_message(instructor_client: Client) -> None:
    response = instructor_client.post(
        "/instructor/exercises/new", form_data(reference="def double(x:\n")
    )
    assert response.status_code == 200
    assert "reference.py line 1" in response.content.decode()
    assert not Exercise.objects.exists()


def test_editing_a_published_exercise_makes_a_new_version_and_keeps_old_submissions(
    instructor_client: Client, student: User
) -> None:
    instructor_client.post("/instructor/exercises/new", form_data())
    response = instructor_client.post(
        "/instructor/exercises/double-it/edit", form_data(action="publish")
    )
    assert response.status_code == 302
    exercise = Exercise.objects.get(slug="double-it")
    assert exercise.status == Exercise.Status.PUBLISHED
    v1 = exercise.current_version
    assert v1 is not None
    old = Submission.objects.create(
        user=student,
        exercise=exercise,
        exercise_version=v1,
        code=GOOD_REFERENCE,
        status=Submission.Status.GRADED,
        passed=True,
        score=1.0,
    )
    # Saving changes: students still get v1 until the new version is published.
    changed = form_data(statement_md="Return twice `x`.", action="save")
    instructor_client.post("/instructor/exercises/double-it/edit", changed)
    exercise.refresh_from_db()
    assert exercise.current_version == v1
    assert authoring.exercise_has_pending(exercise)
    pending = authoring.exercise_working_version(exercise)
    assert pending is not None
    assert pending.number == 2 and pending.statement_md == "Return twice `x`."
    # Saving again edits the same pending version instead of piling up versions.
    instructor_client.post("/instructor/exercises/double-it/edit", changed)
    assert exercise.versions.count() == 2
    instructor_client.post("/instructor/exercises/double-it/edit", {**changed, "action": "publish"})
    exercise.refresh_from_db()
    assert exercise.current_version is not None
    assert exercise.current_version.number == 2
    old.refresh_from_db()
    assert old.exercise_version == v1
    assert v1.statement_md == "Return $2x$ for an array `x`."  # untouched


def test_script_in_a_statement_is_not_executed(
    instructor: User, instructor_client: Client, student_client: Client
) -> None:
    evil = 'Hi <script>alert("x")</script> <img src=x onerror="alert(1)"> [a](javascript:alert(2))'
    # A site maintainer's exercise in the site library: what every student can open.
    instructor.groups.add(maintainer_group())
    instructor_client.post(
        "/instructor/exercises/new", form_data(statement_md=evil, library=site_library().pk)
    )
    instructor_client.post(
        "/instructor/exercises/double-it/edit", form_data(statement_md=evil, action="publish")
    )
    exercise = Exercise.objects.get(slug="double-it")
    assert exercise.status == Exercise.Status.PUBLISHED
    assert exercise.current_version is not None
    html = exercise.current_version.statement_html
    # Raw HTML is shown as text, never as live markup.
    for bad in ("<script", "<img", 'href="javascript:'):
        assert bad not in html
    page = student_client.get("/exercises/double-it/").content.decode()
    assert "&lt;script&gt;" in page
    assert "<script>alert" not in page and "<img src=x" not in page
    preview = instructor_client.post(
        "/instructor/markdown-preview",
        json.dumps({"markdown": evil}),
        content_type="application/json",
    ).json()
    assert "<script" not in preview["html"] and "<img" not in preview["html"]


def test_preview_renders_math_and_rejects_bad_input(instructor_client: Client) -> None:
    ok = instructor_client.post(
        "/instructor/markdown-preview",
        json.dumps({"markdown": "$x^2$"}),
        content_type="application/json",
    )
    assert '<span class="math inline">x^2</span>' in ok.json()["html"]  # KaTeX, in the page
    bad = instructor_client.post(
        "/instructor/markdown-preview", "not json", content_type="application/json"
    )
    assert bad.status_code == 400
    deep = instructor_client.post(
        "/instructor/markdown-preview", "[" * 100_000, content_type="application/json"
    )
    assert deep.status_code == 400


def test_lessons_create_edit_and_reorder(instructor_client: Client) -> None:
    for slug in ("first", "second"):
        response = instructor_client.post(
            "/instructor/lessons/new",
            {"slug": slug, "title": slug.title(), "summary": "", "body_md": "# Hi\n\n$a+b$"},
        )
        assert response.status_code == 302
    first, second = Lesson.objects.exclude(slug="basics").order_by("order")
    assert (first.slug, second.slug) == ("first", "second")
    assert '<span class="math inline">a+b</span>' in first.body_html
    instructor_client.post("/instructor/lessons/", {"lesson": second.pk, "move": "up"})
    assert list(Lesson.objects.order_by("order").values_list("slug", flat=True)) == [
        "basics",
        "second",
        "first",
    ]
    response = instructor_client.post(
        "/instructor/lessons/first/edit",
        {"slug": "second", "title": "Clash", "summary": "", "body_md": "x"},
    )
    assert "already exists" in response.content.decode()


def test_validate_runs_the_reference_in_a_jail_that_holds_no_secrets(
    instructor_client: Client, settings: Any
) -> None:
    """A hostile reference that reads the settings and the environment and raises what it
    found: the Validate page shows that it found nothing."""
    hostile = (
        "import os\n"
        "def double(x):\n"
        "    found = [os.environ.get('DJANGO_SECRET_KEY', ''), str(sorted(os.environ))]\n"
        "    try:\n"
        "        from django.conf import settings\n"
        "        found.append(settings.SECRET_KEY)\n"
        "    except Exception as exc:\n"
        "        found.append(type(exc).__name__)\n"
        "    raise ValueError('FOUND ' + ' '.join(found))\n"
    )
    instructor_client.post("/instructor/exercises/new", form_data(reference=hostile))
    response = instructor_client.post(
        "/instructor/exercises/double-it/edit", form_data(reference=hostile, action="validate")
    )
    assert response.status_code == 200, response
    page = response.content.decode()
    assert "FOUND" in page  # the reference ran, and its message is shown to its author
    assert settings.SECRET_KEY not in page
    assert "DJANGO_SETTINGS_MODULE" not in page and "PATH" not in page.split("FOUND", 1)[1][:300]
