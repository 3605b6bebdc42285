"""Copying a quiz (issue #21): site quizzes are read-only for instructors, who copy them into
their own library or a course; the copy keeps the questions and settings, remembers where it
came from, starts as a draft, and the original is untouched."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from catalog.access import personal_library
from mlquiz.tests.matrix_world import world_make
from quizzes.models import Quiz

pytestmark = pytest.mark.django_db


def test_an_instructor_copies_a_site_quiz_into_a_course_and_edits_the_copy() -> None:
    world = world_make()
    owner = world.user("owner")
    client = Client()
    client.force_login(owner)
    listing = client.get(reverse("quizzes:manage_list")).content.decode()
    url = reverse("quizzes:quiz_copy", args=[world.quiz.slug])
    assert url in listing  # the site quiz is offered for copying
    page = client.get(url)
    assert page.status_code == 200 and world.course.title in page.content.decode()
    slots_before = list(world.quiz.slots.values_list("generator", "count", "points"))
    response = client.post(url, {"library": world.course.library_id})
    copy = Quiz.objects.get(copied_from=world.quiz)
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:quiz_edit", args=[copy.slug])
    assert copy.library_id == world.course.library_id and copy.slug != world.quiz.slug
    assert not copy.is_published and copy.created_by == owner
    assert copy.title == world.quiz.title
    assert list(copy.slots.values_list("generator", "count", "points")) == slots_before
    assert client.get(reverse("quizzes:quiz_edit", args=[copy.slug])).status_code == 200
    world.quiz.refresh_from_db()
    assert world.quiz.is_published and world.quiz.copied_from is None


def test_a_course_quiz_is_copied_by_its_teachers_only_and_never_into_a_strangers_library() -> None:
    world = world_make()
    url = reverse("quizzes:quiz_copy", args=[world.course_quiz.slug])
    expected = {"coinstructor": 200, "owner": 200, "other_instructor": 404, "maintainer": 404}
    for role, status in expected.items():
        assert world.client(role).get(url).status_code == status, role
    # A library that is not among the copier's targets is a form error, and nothing is made.
    rival_library = personal_library(world.user("other_instructor"))
    refused = world.client("owner").post(url, {"library": rival_library.pk})
    assert refused.status_code == 400
    assert not Quiz.objects.filter(copied_from=world.course_quiz).exists()
