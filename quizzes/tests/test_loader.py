"""content/quizzes/*.yaml load with the rest of content/ in `sync_content`, matched by uuid."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from catalog.sync import ItemReport, content_check, content_sync
from quizzes.loader import QuizSection
from quizzes.models import Attempt, Quiz

UUID_A = "5d0c3f4e-1b2a-4c3d-8e9f-0a1b2c3d4e5f"
UUID_B = "5d0c3f4e-1b2a-4c3d-8e9f-0a1b2c3d4e60"
SLOTS = "slots:\n  - {generator: dot-product, points: 2}\n"
SHIPPED = Path(settings.CONTENT_DIR) / "quizzes"


def _quiz_folder(root: Path, files: dict[str, str]) -> Path:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    (root / "lessons" / "basics.md").write_text(
        "---\nuuid: 6f1e7c1a-3a57-4a43-9a0e-6a7f3f1b2c99\ntitle: Basics\norder: 1\n---\n# Intro\n"
    )
    folder = root / "quizzes"
    folder.mkdir(exist_ok=True)
    for old in list(folder.glob("*.yaml")):
        old.unlink()
    for name, text in files.items():
        (folder / name).write_text(text)
    return root


def _actions(report_items: list[ItemReport]) -> dict[str, str]:
    return {item.slug: item.action for item in report_items if item.kind == "quiz"}


def test_every_shipped_quiz_file_has_a_unique_uuid() -> None:
    files = sorted(SHIPPED.glob("*.yaml"))
    assert len(files) >= 4
    uuids = [path.read_text().split("\n", 1)[0] for path in files]
    assert all(line.startswith("uuid: ") for line in uuids)
    assert len(set(uuids)) == len(uuids)


def test_sync_content_loads_the_shipped_quizzes_idempotently(db, settings) -> None:
    content = Path(settings.CONTENT_DIR)
    lessons = {path.stem for path in (content / "lessons").glob("*.md")}
    first = QuizSection().sync(content, lesson_slugs=lessons)
    files = sorted(SHIPPED.glob("*.yaml"))
    assert {item.action for item in first} == {"created"}
    assert Quiz.objects.count() == len(files)
    assert all(quiz.source_path for quiz in Quiz.objects.all())
    slots_before = {q.slug: [s.pk for s in q.slots.all()] for q in Quiz.objects.all()}
    second = QuizSection().sync(content, lesson_slugs=lessons)
    assert {item.action for item in second} == {"unchanged"}
    assert Quiz.objects.count() == len(files)
    assert slots_before == {q.slug: [s.pk for s in q.slots.all()] for q in Quiz.objects.all()}


def test_one_run_loads_lessons_and_quizzes_and_links_them(db, tmp_path: Path) -> None:
    root = _quiz_folder(
        tmp_path,
        {"a.yaml": f"uuid: {UUID_A}\nslug: basics-quiz\ntitle: Basics\nlesson: basics\n{SLOTS}"},
    )
    report = content_sync(content_dir=root)
    assert report.ok, [item.line() for item in report.failed]
    quiz = Quiz.objects.get(slug="basics-quiz")
    assert str(quiz.uuid) == UUID_A and quiz.lesson is not None
    assert quiz.lesson.slug == "basics"
    assert [(s.generator, s.points) for s in quiz.slots.all()] == [("dot-product", 2)]


def test_a_renamed_quiz_keeps_its_row_and_attempts(db, tmp_path: Path, student) -> None:
    root = _quiz_folder(tmp_path, {"a.yaml": f"uuid: {UUID_A}\nslug: old-name\ntitle: Q\n{SLOTS}"})
    content_sync(content_dir=root)
    quiz = Quiz.objects.get(slug="old-name")
    Attempt.objects.create(quiz=quiz, user=student, number=1)
    _quiz_folder(tmp_path, {"b.yaml": f"uuid: {UUID_A}\nslug: new-name\ntitle: Q2\n{SLOTS}"})
    report = content_sync(content_dir=root)
    assert _actions(report.items) == {"new-name": "updated"}
    renamed = Quiz.objects.get(pk=quiz.pk)
    assert (renamed.slug, renamed.title, renamed.source_path) == ("new-name", "Q2", "b.yaml")
    assert renamed.attempts.count() == 1 and Quiz.objects.count() == 1


def test_a_quiz_loaded_by_slug_before_uuids_takes_its_files_uuid(db, tmp_path: Path) -> None:
    before = Quiz.objects.create(slug="legacy", title="Legacy")
    root = _quiz_folder(tmp_path, {"legacy.yaml": f"uuid: {UUID_B}\ntitle: Legacy\n{SLOTS}"})
    content_sync(content_dir=root)
    after = Quiz.objects.get()
    assert after.pk == before.pk and str(after.uuid) == UUID_B
    # A file without a uuid still loads, matched by its slug.
    _quiz_folder(tmp_path, {"legacy.yaml": f"title: Legacy again\n{SLOTS}"})
    assert _actions(content_sync(content_dir=root).items) == {"legacy": "updated"}
    assert Quiz.objects.get().title == "Legacy again"


def test_a_removed_file_unpublishes_its_quiz_but_not_composed_ones(db, tmp_path: Path) -> None:
    composed = Quiz.objects.create(slug="composed", title="Made in the browser")
    root = _quiz_folder(tmp_path, {"a.yaml": f"uuid: {UUID_A}\ntitle: A\n{SLOTS}"})
    content_sync(content_dir=root)
    _quiz_folder(tmp_path, {})
    report = content_sync(content_dir=root)
    assert _actions(report.items) == {"a": "deactivated"}
    assert not Quiz.objects.get(slug="a").is_published
    assert Quiz.objects.get(pk=composed.pk).is_published


def test_bad_files_are_reported_per_item_and_others_still_load(db, tmp_path: Path) -> None:
    root = _quiz_folder(
        tmp_path,
        {
            "good.yaml": f"uuid: {UUID_A}\ntitle: Good\n{SLOTS}",
            "bad.yaml": "title: Bad\nslots:\n  - {generator: no-such}\n",
            "broken.yaml": "title: [unclosed\n",
            "twin.yaml": f"uuid: {UUID_A}\ntitle: Twin\n{SLOTS}",
            "lost.yaml": f"title: Lost\nlesson: nowhere\n{SLOTS}",
        },
    )
    check = content_check(content_dir=root)
    errors = {item.slug: " ".join(item.errors) for item in check.items if item.kind == "quiz"}
    assert errors["good"] == ""
    assert "unknown generator 'no-such'" in errors["bad"]
    assert "cannot read" in errors["broken"]
    assert f"uuid {UUID_A} is already used by good.yaml" in errors["twin"]
    assert "lesson 'nowhere' has no content/lessons/ file" in errors["lost"]
    assert Quiz.objects.count() == 0  # --check writes nothing

    report = content_sync(content_dir=root)
    assert _actions(report.items)["good"] == "created"
    assert Quiz.objects.filter(slug="good").exists() and Quiz.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("sync_content", "--content-dir", str(root), "--quiet")


def test_sync_content_honours_the_content_dir_setting(db, tmp_path: Path, settings) -> None:
    root = _quiz_folder(tmp_path / "elsewhere", {"a.yaml": f"uuid: {UUID_A}\ntitle: A\n{SLOTS}"})
    settings.CONTENT_DIR = root
    call_command("sync_content", "--quiet")
    assert list(Quiz.objects.values_list("slug", flat=True)) == ["a"]
