from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from catalog.manifest import load_exercise_dir, read_test_solutions
from catalog.models import Exercise, ExerciseVersion, Lesson
from catalog.sync import content_check, content_sync
from exercises.models import Submission
from grader.validation import check_cases_deterministic, check_exercise
from grader.verdict import TestResult, Verdict

LESSON_UUID = "6f1e7c1a-3a57-4a43-9a0e-6a7f3f1b2c01"
OTHER_LESSON_UUID = "6f1e7c1a-3a57-4a43-9a0e-6a7f3f1b2c02"
EXERCISE_UUID = "0b9d5c1e-2f0a-4c49-8f55-3d2b9e7a1c10"


def write_lesson(root: Path, slug: str, uuid: str, order: int, body: str = "") -> None:
    (root / "lessons").mkdir(parents=True, exist_ok=True)
    body = body or f"## Intro\n\nAbout {slug}: $a^2 + b^2 = c^2$.\n\n```python\nx = 1\n```\n"
    (root / "lessons" / f"{slug}.md").write_text(
        f"---\nuuid: {uuid}\ntitle: Lesson {slug}\norder: {order}\nsummary: S {slug}\n---\n{body}"
    )


def write_exercise(root: Path, slug: str, uuid: str = EXERCISE_UUID, **overrides: str) -> Path:
    folder = root / "exercises" / slug
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "exercise.yaml": textwrap.dedent(
            f"""\
            uuid: {uuid}
            title: Add two arrays
            function: add
            lesson: basics
            topic: linear-algebra
            difficulty: easy
            points: 10
            order: 1
            tags: [warm-up]
            """
        ),
        "statement.md": "Write `add(a, b)` returning $a + b$.\n",
        "starter.py": "def add(a, b):\n    raise NotImplementedError\n",
        "reference.py": "def add(a, b):\n    return a + b\n",
        "cases.py": textwrap.dedent(
            """\
            import numpy as np
            from grader.cases import Case

            def cases(rng):
                return [
                    Case("example: ones", args=(np.ones(3), np.ones(3)), visible=True),
                    Case("hidden: random", args=(rng.normal(size=5), rng.normal(size=5))),
                ]
            """
        ),
        "solution.md": "Just `a + b`.\n",
    }
    files.update(overrides)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def fake_grade(spec: Any, code: str, *, mode: str = "submit", seed: int = 0) -> Verdict:
    """Stands in for the sandbox in tests of the sync bookkeeping: the reference passes."""
    return _fake_verdict(code == spec.reference_source)


def _fake_verdict(ok: bool) -> Verdict:
    return Verdict(
        status="passed" if ok else "failed",
        score=1.0 if ok else 0.0,
        tests=[TestResult("hidden: random", "hidden", ok, "" if ok else "wrong value")],
    )


@pytest.fixture
def content(tmp_path: Path) -> Path:
    write_lesson(tmp_path, "basics", LESSON_UUID, 1)
    write_lesson(tmp_path, "more", OTHER_LESSON_UUID, 2)
    write_exercise(tmp_path, "add-arrays")
    return tmp_path


def sync(root: Path) -> Any:
    return content_sync(content_dir=root, grade=fake_grade, jobs=1)


@pytest.mark.django_db
def test_sync_loads_lessons_and_exercises_with_rendered_html(content: Path) -> None:
    report = sync(content)
    assert report.ok, [item.line() for item in report.items]
    lesson = Lesson.objects.get(slug="basics")
    assert str(lesson.uuid) == LESSON_UUID
    assert 'class="math inline"' in lesson.body_html and 'class="highlight"' in lesson.body_html
    assert lesson.toc == [{"id": "intro", "title": "Intro", "level": 2}]
    exercise = Exercise.objects.get(slug="add-arrays")
    assert exercise.lesson == lesson
    assert exercise.current_version is not None
    assert exercise.current_version.number == 1
    assert 'class="math inline"' in exercise.current_version.statement_html
    assert exercise.current_version.solution_html.startswith("<p>Just")
    assert exercise.current_version.meta["tags"] == ["warm-up"]


@pytest.mark.django_db
def test_resync_of_unchanged_content_writes_nothing(content: Path) -> None:
    sync(content)
    stamps = list(Lesson.objects.values_list("updated_at", flat=True))
    report = sync(content)
    assert {item.action for item in report.items} == {"unchanged"}
    assert ExerciseVersion.objects.count() == 1
    assert list(Lesson.objects.values_list("updated_at", flat=True)) == stamps


@pytest.mark.django_db
def test_changed_content_makes_a_new_version_and_keeps_the_old(content: Path) -> None:
    sync(content)
    (content / "exercises/add-arrays/statement.md").write_text("Now with $b + a$.\n")
    report = sync(content)
    assert [i.action for i in report.items if i.kind == "exercise"] == ["new version"]
    exercise = Exercise.objects.get(slug="add-arrays")
    assert exercise.current_version is not None
    assert exercise.current_version.number == 2
    assert "b" in exercise.current_version.statement_md
    assert exercise.versions.count() == 2


@pytest.mark.django_db
def test_renamed_folder_keeps_the_row_and_its_submissions(content: Path, student: Any) -> None:
    sync(content)
    exercise = Exercise.objects.get(slug="add-arrays")
    assert exercise.current_version is not None
    Submission.objects.create(
        user=student, exercise=exercise, exercise_version=exercise.current_version, code="x"
    )
    shutil.move(content / "exercises/add-arrays", content / "exercises/vector-add")
    report = sync(content)
    renamed = [i for i in report.items if i.kind == "exercise"]
    assert renamed[0].action == "renamed" and "add-arrays" in renamed[0].detail
    exercise.refresh_from_db()
    assert exercise.slug == "vector-add"
    assert exercise.submissions.count() == 1
    assert Exercise.objects.count() == 1


@pytest.mark.django_db
def test_removed_items_are_hidden_not_deleted(content: Path, student: Any) -> None:
    sync(content)
    exercise = Exercise.objects.get(slug="add-arrays")
    assert exercise.current_version is not None
    Submission.objects.create(
        user=student, exercise=exercise, exercise_version=exercise.current_version, code="x"
    )
    shutil.rmtree(content / "exercises/add-arrays")
    (content / "lessons/more.md").unlink()
    report = sync(content)
    assert {(i.kind, i.slug) for i in report.items if i.action == "deactivated"} == {
        ("exercise", "add-arrays"),
        ("lesson", "more"),
    }
    exercise.refresh_from_db()
    assert not exercise.is_active
    assert exercise.submissions.count() == 1
    assert not Lesson.objects.get(slug="more").is_active
    # Putting the folder back brings the same row back.
    write_exercise(content, "add-arrays")
    sync(content)
    exercise.refresh_from_db()
    assert exercise.is_active


@pytest.mark.django_db
def test_a_broken_exercise_is_reported_and_the_rest_still_load(content: Path) -> None:
    write_exercise(
        content,
        "broken",
        uuid="0b9d5c1e-2f0a-4c49-8f55-3d2b9e7a1c11",
        **{"reference.py": "def add(a, b)\n    return a + b\n"},
    )
    report = sync(content)
    broken = next(i for i in report.items if i.slug == "broken")
    assert broken.action == "error"
    assert "reference.py line 1" in broken.errors[0]
    assert not report.ok
    assert Exercise.objects.filter(slug="add-arrays").exists()
    assert not Exercise.objects.filter(slug="broken").exists()


@pytest.mark.django_db
def test_breaking_an_existing_exercise_keeps_its_last_good_version(content: Path) -> None:
    sync(content)
    (content / "exercises/add-arrays/cases.py").write_text("def cases(rng):\n    return []\n")
    report = sync(content)
    item = next(i for i in report.items if i.slug == "add-arrays")
    assert item.action == "error"
    assert "non-empty list" in item.errors[0]
    exercise = Exercise.objects.get(slug="add-arrays")
    assert exercise.is_active
    assert exercise.current_version is not None
    assert exercise.current_version.number == 1
    assert "non-empty list" in exercise.sync_errors


@pytest.mark.django_db
def test_check_validates_without_writing(content: Path) -> None:
    write_lesson(
        content,
        "links",
        "6f1e7c1a-3a57-4a43-9a0e-6a7f3f1b2c03",
        3,
        body=(
            "## A\n\nSee [x](/exercises/nope/), [y](/lessons/basics/#missing), "
            "[z](/lessons/more/#intro), [q](/quizzes/no-quiz/), [ok](/quizzes/basics-quiz/) "
            "and $\\frac{1}{$.\n\n```plot no-such-plot\n```\n"
        ),
    )
    write_exercise(
        content,
        "orphan",
        uuid="0b9d5c1e-2f0a-4c49-8f55-3d2b9e7a1c12",
        **{
            "exercise.yaml": (content / "exercises/add-arrays/exercise.yaml")
            .read_text()
            .replace(EXERCISE_UUID, "0b9d5c1e-2f0a-4c49-8f55-3d2b9e7a1c12")
            .replace("lesson: basics", "lesson: nowhere")
        },
    )
    (content / "quizzes").mkdir()
    slots = "slots:\n  - {generator: dot-product}\n"
    (content / "quizzes/a.yaml").write_text("slug: basics-quiz\nlesson: basics\n" + slots)
    (content / "quizzes/b.yaml").write_text("slug: lost-quiz\nlesson: gone\n" + slots)
    report = content_check(content_dir=content, grade=fake_grade, jobs=1)
    by_slug = {item.slug: item for item in report.items}
    assert by_slug["basics-quiz"].action == "ok"
    assert "lesson 'gone'" in by_slug["lost-quiz"].errors[0]
    errors = " | ".join(by_slug["links"].errors)
    assert "unknown exercise /exercises/nope/" in errors
    assert "lesson basics has no section #missing" in errors
    assert "#intro" not in errors  # that anchor exists
    assert "unknown quiz /quizzes/no-quiz/" in errors
    assert "basics-quiz" not in errors
    assert "cannot typeset" in errors
    assert "unknown plot" in errors
    assert "lesson 'nowhere'" in by_slug["orphan"].errors[0]
    assert by_slug["add-arrays"].action == "ok"
    assert Lesson.objects.count() == 0 and Exercise.objects.count() == 0


def test_duplicate_uuids_are_errors(content: Path) -> None:
    write_exercise(content, "twin")  # same uuid as add-arrays
    report = content_check(content_dir=content, grade=fake_grade, jobs=1)
    twin = next(i for i in report.items if i.slug == "twin")
    assert "already used by exercise add-arrays" in twin.errors[0]


def test_nondeterministic_cases_are_caught(tmp_path: Path) -> None:
    folder = write_exercise(
        tmp_path,
        "flaky",
        **{
            "cases.py": textwrap.dedent(
                """\
                import numpy as np
                from grader.cases import Case

                def cases(rng):
                    noise = np.random.default_rng().normal(size=3)  # ignores the seed
                    return [Case("example", args=(noise, noise), visible=True)]
                """
            )
        },
    )
    errors = check_cases_deterministic(load_exercise_dir(folder))
    assert errors and "not deterministic" in errors[0]
    good = write_exercise(tmp_path, "steady")
    assert check_cases_deterministic(load_exercise_dir(good)) == []


def test_real_grader_accepts_a_good_exercise_and_rejects_bad_ones(tmp_path: Path) -> None:
    good = load_exercise_dir(write_exercise(tmp_path, "good"))
    assert check_exercise(good, grade=_real_grade(), seeds=(0,)).errors == []

    solved_starter = load_exercise_dir(
        write_exercise(tmp_path, "solved", **{"starter.py": "def add(a, b):\n    return a + b\n"})
    )
    assert check_exercise(solved_starter, grade=_real_grade(), seeds=(0,)).errors == [
        "the starter already scores 100%: it must leave work for the student"
    ]

    banned_reference = load_exercise_dir(
        write_exercise(
            tmp_path,
            "banned",
            **{
                "exercise.yaml": (tmp_path / "exercises/good/exercise.yaml").read_text()
                + "banned: [np.add]\n",
                "reference.py": "import numpy as np\n\ndef add(a, b):\n    return np.add(a, b)\n",
            },
        )
    )
    errors = check_exercise(banned_reference, grade=_real_grade(), seeds=(0,)).errors
    assert errors and errors[0].startswith("the reference scores 0% (failed) with seed 0")


def test_tests_solutions_must_pass_or_fail_on_every_seed(tmp_path: Path) -> None:
    folder = write_exercise(tmp_path, "checked")
    (folder / "tests").mkdir()
    (folder / "tests/ok_loop.py").write_text(
        "import numpy as np\n\ndef add(a, b):\n"
        "    return np.array([x + y for x, y in zip(a, b, strict=True)])\n"
    )
    (folder / "tests/bad_minus.py").write_text("def add(a, b):\n    return a - b\n")
    spec = load_exercise_dir(folder)
    solutions = read_test_solutions(folder)
    assert sorted(solutions) == ["tests/bad_minus.py", "tests/ok_loop.py"]
    assert check_exercise(spec, grade=_real_grade(), seeds=(0, 1), solutions=solutions).ok

    # Right on the example and whenever the hidden input's first entry is below 1 (seeds 0-2,
    # not 3): caught as an ok_ solution (it must pass every seed) and as a bad_ one (it must
    # fail every seed).
    lucky = "def add(a, b):\n    return a + b if a[0] < 1 or len(a) == 3 else a + b + 1\n"
    seeds = tuple(range(20))
    errors = check_exercise(
        spec, grade=_real_grade(), seeds=seeds, solutions={"tests/ok_lucky.py": lucky}
    ).errors
    assert len(errors) == 1 and errors[0].startswith("tests/ok_lucky.py scores 50% with seed 3:")
    assert "hidden: random: wrong value" in errors[0]
    errors = check_exercise(
        spec, grade=_real_grade(), seeds=seeds, solutions={"tests/bad_lucky.py": lucky}
    ).errors
    assert errors == [
        "tests/bad_lucky.py passes every test with seed 0: a wrong solution must fail on every "
        "seed (do the hidden cases catch its mistake?)"
    ]


def test_tests_folder_is_read_by_sync_and_misnamed_files_are_errors(content: Path) -> None:
    tests = content / "exercises/add-arrays/tests"
    tests.mkdir()
    (tests / "ok_same.py").write_text("def add(a, b):\n    return a + b\n")
    (tests / "bad_minus.py").write_text("def add(a, b):\n    return a - b\n")
    seen: list[tuple[str, int]] = []

    def grade(spec: Any, code: str, *, mode: str = "submit", seed: int = 0) -> Verdict:
        seen.append((code, seed))
        return _fake_verdict("a + b" in code)

    report = content_check(content_dir=content, grade=grade, jobs=1, seeds=(0, 5, 7))
    assert report.ok, [item.line() for item in report.items]
    for source in ("def add(a, b):\n    return a - b\n",):
        assert [seed for code, seed in seen if code == source] == [0, 5, 7]

    (tests / "OK_typo.py").write_text("def add(a, b):\n    return a + b\n")
    (tests / "notes.txt").write_text("x")
    report = content_check(content_dir=content, grade=grade, jobs=1, seeds=(0,))
    errors = next(item for item in report.items if item.slug == "add-arrays").errors
    assert len(errors) == 2 and all("ok_<what>.py (must pass)" in e for e in errors)
    assert "tests/OK_typo.py" in errors[0] and "tests/notes.txt" in errors[1]


@pytest.mark.django_db
def test_sync_checks_tests_solutions_even_when_the_version_is_unchanged(content: Path) -> None:
    assert sync(content).ok
    tests = content / "exercises/add-arrays/tests"
    tests.mkdir()
    (tests / "ok_wrong.py").write_text("def add(a, b):\n    return a * b\n")
    report = sync(content)  # same graded content: the version is unchanged, the file is new
    item = next(item for item in report.items if item.slug == "add-arrays")
    assert item.errors and item.errors[0].startswith("tests/ok_wrong.py scores 0% with seed 0")
    exercise = Exercise.objects.get(slug="add-arrays")
    assert exercise.current_version is not None and exercise.current_version.number == 1


def _real_grade() -> Any:
    from grader.grading import grade

    return grade


def test_repository_content_renders_links_resolve_and_cases_are_deterministic() -> None:
    """Everything `sync_content --check` verifies about content/, except grading: the grader's
    own test_all_exercises runs every reference and starter through the sandbox, and CI runs
    the full `sync_content --check` as well, so grading a third time here would only cost."""
    content_dir = Path(settings.CONTENT_DIR)
    ok_sources = {
        source
        for folder in (content_dir / "exercises").iterdir()
        if folder.is_dir()
        for name, source in read_test_solutions(folder).items()
        if name.startswith("tests/ok_")
    }

    def grade(spec: Any, code: str, *, mode: str = "submit", seed: int = 0) -> Verdict:
        return _fake_verdict(code == spec.reference_source or code in ok_sources)

    report = content_check(content_dir=content_dir, grade=grade, jobs=1)
    failures = [item.line() for item in report.failed]
    assert not failures, "\n".join(failures)
    assert sum(item.kind == "exercise" for item in report.items) >= 25
    assert sum(item.kind == "lesson" for item in report.items) >= 8


@pytest.mark.django_db
def test_command_prints_a_report_and_fails_on_errors(content: Path, capsys: Any) -> None:
    (content / "exercises/add-arrays/statement.md").write_text("$x^{$\n")
    with pytest.raises(CommandError, match="1 item"):
        call_command("sync_content", "--check", "--jobs", "1", content_dir=content)
    out = capsys.readouterr().out
    assert "add-arrays" in out and "cannot typeset" in out
    assert "lesson   basics" in out


@pytest.mark.django_db
def test_command_sync_succeeds_on_good_content(tmp_path: Path, capsys: Any) -> None:
    write_lesson(tmp_path, "basics", LESSON_UUID, 1)
    call_command("sync_content", "--quiet", content_dir=tmp_path)
    assert "1 items: 1 created" in capsys.readouterr().out
    assert Lesson.objects.filter(slug="basics", is_active=True).exists()


def test_same_value_compares_arrays_by_dtype_and_nan() -> None:
    from grader._author import _same_value

    assert _same_value((np.array([1.0, np.nan]),), (np.array([1.0, np.nan]),))
    assert not _same_value(np.array([1, 2]), np.array([1.0, 2.0]))
    assert not _same_value([1, 2], (1, 2))
    assert _same_value({"k": 1.5}, {"k": 1.5})


def test_the_authoring_readme_is_not_a_lesson(content: Path) -> None:
    (content / "lessons/README.md").write_text("# How to write lessons\n")
    report = content_check(content_dir=content, grade=fake_grade, jobs=1)
    assert {item.slug for item in report.items if item.kind == "lesson"} == {"basics", "more"}


@pytest.mark.django_db
def test_two_lessons_can_swap_file_names(content: Path) -> None:
    sync(content)
    basics, more = content / "lessons/basics.md", content / "lessons/more.md"
    basics_text, more_text = basics.read_text(), more.read_text()
    basics.write_text(more_text)
    more.write_text(basics_text)
    report = sync(content)
    assert report.ok, [item.line() for item in report.items]
    assert str(Lesson.objects.get(slug="basics").uuid) == OTHER_LESSON_UUID
    assert str(Lesson.objects.get(slug="more").uuid) == LESSON_UUID
    assert Lesson.objects.filter(is_active=True).count() == 2


def test_a_folder_without_a_statement_is_an_error_not_a_crash(content: Path) -> None:
    (content / "exercises/add-arrays/statement.md").unlink()
    report = content_check(content_dir=content, grade=fake_grade, jobs=1)
    item = next(i for i in report.items if i.slug == "add-arrays")
    assert item.action == "error" and "statement" in item.errors[0]


def test_broken_lesson_front_matter_is_an_error_not_a_crash(content: Path) -> None:
    (content / "lessons/more.md").write_text("---\nuuid: [unclosed\n---\nBody\n")
    (content / "lessons/third.md").write_text("No front matter at all.\n")
    report = content_check(content_dir=content, grade=fake_grade, jobs=1)
    by_slug = {item.slug: item for item in report.items}
    assert by_slug["more"].errors[0].startswith("front matter:")
    assert "uuid must be a UUID" in by_slug["third"].errors[0]
    assert by_slug["basics"].action == "ok"


@pytest.mark.django_db
def test_a_statement_repeating_the_title_is_an_error(content: Path) -> None:
    write_exercise(
        content,
        "titled",
        uuid="5d0c8f6e-7b1a-4e8e-9a53-2c4f1b7d9e21",
        **{"statement.md": "# Add two arrays\n\nWrite `add(a, b)`.\n"},
    )
    report = sync(content)
    titled = next(i for i in report.items if i.slug == "titled")
    assert titled.action == "error"
    assert "starts with a '# ' heading" in titled.errors[0]
