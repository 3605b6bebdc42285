"""Junk into every form and JSON endpoint: never a 500.

Hypothesis sends each endpoint's own field names (and some it does not expect) filled with
junk: control characters, NUL, huge and negative numbers, dates that do not exist, markup,
repeated values, and raw bodies in odd encodings and content types. The Django test client
re-raises any exception a view lets escape, so "no 500" covers crashes too. Bounded: a few
dozen examples per endpoint, the whole file well under a minute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlquiz.tests.matrix_world import World, world_make

EXAMPLES = 12

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "nan",
    "inf",
    "9" * 40,
    "-" + "9" * 40,
    "1/0",
    "0x10",
    "1_000",
    "٣",
    "１２",
    "\x00",
    "a\x00b",
    "\ufeff1",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "%ff",
    "{{ 7*7 }}",
    "${7*7}",
    "2026-13-45T99:99",
    "2026-02-30T10:00",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "[1, 2",
    "[[1,2],[3]]",
    "1,2;3",
    "__import__('os')",
    "x" * 5000,
    "\r\n" * 50,
    "🙂" * 30,
    "on",
    "true",
    "submit",
    "run",
    "save",
    "DELETE",
]

junk_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),  # lone surrogates cannot be encoded
    max_size=300,
)
junk_value = st.one_of(
    st.sampled_from(NASTY),
    junk_text,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
junk_field = st.one_of(junk_value, st.lists(junk_value, min_size=0, max_size=3))


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str  # "get" (junk query string) or "post" (junk form body)
    role: str
    fields: tuple[str, ...]
    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    json: bool = False  # also try with Accept: application/json
    extra_fields: tuple[str, ...] = field(default=())


def course(world: World) -> dict[str, Any]:
    return {"course_id": world.course.pk}


FORMSET = (
    "slots-TOTAL_FORMS",
    "slots-INITIAL_FORMS",
    "slots-MIN_NUM_FORMS",
    "slots-MAX_NUM_FORMS",
    "slots-0-generator",
    "slots-0-count",
    "slots-0-points",
    "slots-0-DELETE",
    "slots-1-generator",
    "slots-1-count",
    "slots-1-points",
)
QUIZ_FIELDS = (
    "title",
    "slug",
    "description",
    "lesson",
    "topic",
    "attempts_allowed",
    "time_limit_minutes",
    "opens_at",
    "closes_at",
    "show_solutions",
    "is_published",
)

ENDPOINTS = [
    Endpoint(
        "accounts:signup", "post", "anonymous", ("username", "email", "password1", "password2")
    ),
    Endpoint("accounts:login", "post", "anonymous", ("username", "password", "next")),
    Endpoint(
        "accounts:password_change",
        "post",
        "student",
        ("old_password", "new_password1", "new_password2"),
    ),
    Endpoint(
        "exercises:exercise_submit",
        "post",
        "student",
        ("code", "kind"),
        lambda w: {"slug": w.exercise.slug},
        json=True,
    ),
    Endpoint(
        "exercises:exercise_detail",
        "get",
        "student",
        ("from", "submission", "starter"),
        lambda w: {"slug": w.exercise.slug},
    ),
    Endpoint(
        "exercises:submission_detail",
        "get",
        "student",
        ("wait", "code"),
        lambda w: {"pk": w.submission.pk},
        json=True,
    ),
    Endpoint(
        "quizzes:attempt_take",
        "post",
        "student",
        ("answer-1", "answer-2", "answer-0", "answer-999999999999999999999", "action"),
        lambda w: {"pk": w.attempt.pk},
    ),
    Endpoint(
        "quizzes:attempt_autosave",
        "post",
        "student",
        ("answer-1", "answer-2", "answer--1", "answer-1x"),
        lambda w: {"pk": w.attempt.pk},
        json=True,
    ),
    Endpoint("quizzes:quiz_new", "post", "instructor", QUIZ_FIELDS + FORMSET),
    Endpoint(
        "quizzes:quiz_edit",
        "post",
        "instructor",
        QUIZ_FIELDS + FORMSET,
        lambda w: {"slug": w.quiz.slug},
    ),
    Endpoint("quizzes:generator_preview", "get", "instructor", ("generator", "seed")),
    Endpoint(
        "courses:course_create",
        "post",
        "instructor",
        ("title", "description", "is_open", "lessons", "exercises", "due_1", "due_2"),
    ),
    Endpoint(
        "courses:course_edit",
        "post",
        "instructor",
        ("title", "description", "is_open", "lessons", "exercises", "due_1"),
        course,
    ),
    Endpoint("courses:join", "post", "student", ("code",)),
    Endpoint("catalog:markdown_preview", "post", "instructor", ("markdown",), json=True),
    Endpoint(
        "catalog:exercise_new",
        "post",
        "instructor",
        (
            "slug",
            "title",
            "function",
            "lesson",
            "topic",
            "difficulty",
            "points",
            "order",
            "tags",
            "rtol",
            "atol",
            "cpu_seconds",
            "wall_seconds",
            "memory_mb",
            "banned",
            "statement_md",
            "starter",
            "reference",
            "cases",
            "action",
        ),
    ),
    Endpoint(
        "catalog:lesson_new",
        "post",
        "instructor",
        ("slug", "title", "summary", "body_md", "action"),
    ),
    Endpoint("courses:heatmap", "get", "instructor", ("lesson", "sort", "page"), course),
    Endpoint(
        "courses:student_detail",
        "get",
        "instructor",
        ("page",),
        lambda w: {"course_id": w.course.pk, "user_id": w.user("student").pk},
    ),
]


def _fields(endpoint: Endpoint) -> st.SearchStrategy[dict[str, Any]]:
    known = st.fixed_dictionaries({}, optional={name: junk_field for name in endpoint.fields})
    unknown = st.dictionaries(
        st.text(min_size=1, max_size=20).filter(lambda s: "\x00" not in s), junk_value, max_size=3
    )
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


def _fuzz_settings() -> settings:
    return settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,  # no example database in the checkout
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_junk_fields_never_cause_a_500(endpoint: Endpoint) -> None:
    world = world_make()
    client = world.client(endpoint.role)
    url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))

    @_fuzz_settings()
    @given(data=_fields(endpoint), as_json=st.booleans() if endpoint.json else st.just(False))
    def run(data: dict[str, Any], as_json: bool) -> None:
        headers = {"Accept": "application/json"} if as_json else {}
        if endpoint.name == "exercises:submission_detail":
            data.pop("wait", None)  # the long poll is bounded (5 s) but would only slow us
        response = getattr(client, endpoint.method)(url, data, headers=headers)
        assert response.status_code < 500, (endpoint.name, data, response.status_code)

    run()


CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=nonsense",
    "multipart/form-data",
    "multipart/form-data; boundary=xyz",
    "application/json",
    "text/plain",
    "",
]
RAW_TARGETS = [e for e in ENDPOINTS if e.method == "post"]


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", RAW_TARGETS, ids=lambda e: e.name)
def test_raw_junk_bodies_never_cause_a_500(endpoint: Endpoint) -> None:
    world = world_make()
    client = world.client(endpoint.role)
    url = reverse(endpoint.name, kwargs=endpoint.kwargs(world))
    bodies = st.one_of(
        st.binary(max_size=500),
        st.sampled_from(
            [
                b"code=%ff%fe",
                b"code=%00",
                b"code",
                b"&&&==&",
                b"code=" + b"%" * 50,
                b'{"code": "def f(): pass"}',
                b"--xyz\r\nContent-Disposition: form-data;"
                b' name="code"\r\n\r\n\xff\xfe\r\n--xyz--\r\n',
                b"a=1&" * 1200,
            ]
        ),
    )

    @_fuzz_settings()
    @given(body=bodies, content_type=st.sampled_from(CONTENT_TYPES))
    def run(body: bytes, content_type: str) -> None:
        response = client.generic(
            "POST",
            url,
            data=body,
            content_type=content_type,
            headers={"Accept": "application/json"},
        )
        assert response.status_code < 500, (endpoint.name, body[:80], content_type)

    run()


@pytest.mark.django_db
def test_a_claimed_huge_formset_is_capped() -> None:
    """Found by the fuzzer: slots-TOTAL_FORMS=1345 made the composer build and render 1,040
    slot forms (30 s of CPU for one request). The formset now stops at its 40-slot maximum."""
    world = world_make()
    client = world.client("instructor")
    response = client.post(
        reverse("quizzes:quiz_new"),
        {"title": "Big", "slots-TOTAL_FORMS": "100000", "slots-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 400  # the form again, with what to fix
    slots = response.context["slots"]
    assert len(slots.forms) <= 40
    assert not slots.is_valid()


@pytest.mark.django_db
def test_deeply_nested_json_is_refused_not_crashed() -> None:
    """Found here: json.loads raises RecursionError (not a ValueError) on deep nesting."""
    world = world_make()
    client = world.client("instructor")
    client.raise_request_exception = False
    response = client.generic(
        "POST",
        reverse("catalog:markdown_preview"),
        data=b"[" * 100_000,
        content_type="application/json",
    )
    assert response.status_code == 400
