"""Lesson history (issue #21): every change of title, summary or body is a version with its
author and message, from the browser or from sync_content; staff see a diff and roll back."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.services import user_create
from catalog.access import personal_library
from catalog.models import Lesson, LessonVersion

pytestmark = pytest.mark.django_db


def _editor() -> tuple[User, Client]:
    user = user_create(username="ines", password="pw-ines-12345", instructor=True)
    client = Client()
    client.force_login(user)
    return user, client


def _save(client: Client, slug: str | None, body: str, message: str) -> None:
    url = (
        reverse("catalog:lesson_authoring_edit", args=[slug])
        if slug
        else reverse("catalog:lesson_new")
    )
    data = {"slug": "gradients", "title": "Gradients", "summary": "s", "body_md": body}
    response = client.post(url, {**data, "message": message})
    assert response.status_code == 302, response.content.decode()[:500]


def test_saves_make_versions_the_history_shows_a_diff_and_roll_back_restores() -> None:
    user, client = _editor()
    _save(client, None, "The gradient points uphill.\n", "First draft")
    _save(client, "gradients", "The gradient points uphill.\n", "Nothing changed")  # no version
    _save(client, "gradients", "The gradient points up the steepest slope.\n", "Clearer")
    lesson = Lesson.objects.get(slug="gradients")
    assert lesson.library_id == personal_library(user).pk
    versions = list(lesson.versions.order_by("number").values_list("number", "message"))
    assert versions == [(1, "First draft"), (2, "Clearer")]
    assert set(lesson.versions.values_list("author", flat=True)) == {user.pk}

    history = client.get(reverse("catalog:lesson_history", args=["gradients"]))
    html = history.content.decode()
    assert history.status_code == 200
    assert "Clearer" in html and "ines" in html
    assert "-The gradient points uphill." in html
    assert "+The gradient points up the steepest slope." in html

    rolled = client.post(reverse("catalog:lesson_rollback", args=["gradients"]), {"version": 1})
    assert rolled.status_code == 302
    lesson.refresh_from_db()
    assert lesson.body_md == "The gradient points uphill.\n"
    assert "uphill" in lesson.body_html  # rendered again, what students read
    latest = lesson.versions.order_by("-number").first()
    assert latest is not None and (latest.number, latest.message) == (3, "Rolled back to v1")
    bad = client.post(reverse("catalog:lesson_rollback", args=["gradients"]), {"version": 9})
    assert bad.status_code == 400 and b"does not exist" in bad.content


def test_markup_in_a_lesson_diff_is_shown_as_text() -> None:
    _, client = _editor()
    _save(client, None, "safe\n", "one")
    _save(client, "gradients", "<script>alert(1)</script>\n", "two")
    html = client.get(reverse("catalog:lesson_history", args=["gradients"])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_sync_records_a_version_when_a_lesson_file_changes(tmp_path) -> None:
    from django.core.management import call_command

    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (tmp_path / "exercises").mkdir()
    head = "---\nuuid: 0b7f6f8e-5b8e-4c53-9d3e-2f2a4d4b1c11\ntitle: Sync me\norder: 1\n---\n"
    (lessons / "sync-me.md").write_text(head + "First.\n")
    call_command("sync_content", content_dir=tmp_path, quiet=True)
    (lessons / "sync-me.md").write_text(head + "Second.\n")
    call_command("sync_content", content_dir=tmp_path, quiet=True)
    call_command("sync_content", content_dir=tmp_path, quiet=True)  # unchanged: no version
    lesson = Lesson.objects.get(slug="sync-me")
    versions = list(LessonVersion.objects.filter(lesson=lesson).order_by("number"))
    assert [v.body_md.strip() for v in versions] == ["First.", "Second."]
    assert versions[1].message == "Synced from content/lessons/sync-me.md"
