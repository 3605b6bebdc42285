"""Questions written in the browser (issue #17): preview, validate and save run the generator
in the authors' jail only; a hostile generator shows a clean error; questions are owned like
other material; a saved version is what new quiz attempts get."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.services import user_create
from catalog.access import personal_library
from grader import questions as jail
from quizzes import question_authoring, question_folders, services
from quizzes.bank import POOL_SIZE, variants_get
from quizzes.models import Question, QuestionVariant

pytestmark = pytest.mark.django_db

GENERATOR = textwrap.dedent(
    """
    from questionlib import answer, feedback, num


    def generate(rng):
        n = int(rng.integers(3, 9))
        return dict(
            params={"n": n},
            prompt=f"WORDING-ONE: what is ${num(n)} \\\\times 2$?",
            answer=answer(2 * n, mode="exact"),
            feedback=[feedback("added", n + 2, "You added 2 instead of doubling.")],
            solution=f"$$2 \\\\cdot {num(n)} = {num(2 * n)}$$",
        )
    """
)


def _form(**changes: str) -> dict[str, str]:
    data = {
        "slug": "double-it",
        "title": "Double it",
        "topic": "linear-algebra",
        "lesson": "",
        "tags": "arithmetic, warm-up",
        "points": "2",
        "answer_type": "integer",
        "mode": "exact",
        "tol": "0",
        "feedback": "added",
        "generator": GENERATOR,
        "message": "first draft",
        "action": "save",
    }
    return {**data, **changes}


def _results(page: str) -> str:
    """What the page shows above the form: previews, validation and save problems."""
    return page[page.index('<div class="author-head">') : page.index('class="author-form"')]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second(db: None) -> User:
    return user_create(username="second", password="pw-second-123", instructor=True)


@pytest.fixture
def saved(instructor_client: Client) -> Question:
    response = instructor_client.post(reverse("quizzes:question_new"), _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    return Question.objects.get(slug="double-it")


def test_preview_shows_fresh_variants_with_answers_solutions_and_wrong_answers(
    instructor_client: Client,
) -> None:
    response = instructor_client.post(reverse("quizzes:question_new"), _form(action="preview"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="variant-card"') == question_authoring.PREVIEW_VARIANTS
    assert "WORDING-ONE" in page
    assert "Give the exact integer." in page  # the precision sentence a student sees
    assert "You added 2 instead of doubling." in page
    assert 'class="math' in page or "katex" in page.lower() or "$" in page
    assert not Question.objects.filter(slug="double-it").exists()  # a preview saves nothing


def test_preview_and_validate_go_through_the_jail_function(
    instructor_client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generator would write the marker if it ran in this (the web) process."""
    tmp_path.chmod(0o777)
    marker = tmp_path / "ran-in-the-web-process"
    calls: list[dict[str, Any]] = []
    real = jail.generate_variants

    def recording(**kwargs: Any) -> jail.GeneratedBatch:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(question_authoring, "generate_variants", recording)
    monkeypatch.setattr(question_folders, "generate_variants", recording)
    source = f"open({str(marker)!r}, 'w').write('escaped')\n" + GENERATOR
    url = reverse("quizzes:question_new")
    preview = instructor_client.post(url, _form(action="preview", generator=source))
    validate = instructor_client.post(url, _form(action="validate", generator=source))
    assert [len(call["seeds"]) for call in calls] == [
        question_authoring.PREVIEW_VARIANTS,
        len(question_folders.CHECK_SEEDS),
    ]
    assert not marker.exists()
    # In the jail the write failed, so loading generator.py failed: a clean message.
    for response in (preview, validate):
        page = response.content.decode()
        assert "loading generator.py failed" in page
        assert "Traceback" not in page


def test_a_hostile_generator_finds_nothing_and_shows_only_a_clean_error(
    instructor_client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It looks for the environment, the settings (file and module) and writes a file; what
    it found is put in its prompt, which the preview shows: nothing may be there. Then it
    crashes: the page shows the message, never a traceback."""
    monkeypatch.setenv("MLQUIZ_CANARY", "canary-4f1e9b")
    tmp_path.chmod(0o777)
    marker = tmp_path / "pwned"
    settings_file = Path(settings.BASE_DIR) / "mlquiz" / "settings.py"
    hostile = textwrap.dedent(
        f"""
        import os
        from questionlib import answer

        def _probe():
            found = ["env:" + ",".join(sorted(os.environ))]
            try:
                open({str(marker)!r}, "w").write("written")
                found.append("wrote")
            except OSError:
                pass
            try:
                found.append(open({str(settings_file)!r}).read())
            except OSError:
                pass
            try:
                from django.conf import settings as s
                found.append("key:" + s.SECRET_KEY)
            except Exception:
                pass
            return " ".join(found)

        def generate(rng):
            found = _probe()
            if CRASH:
                raise RuntimeError("cannot go on")
            return dict(prompt="FOUND " + found, solution="s", answer=answer(1.0))
        """
    )
    url = reverse("quizzes:question_new")
    form = _form(answer_type="number", mode="relative", tol="0.001", feedback="")
    looked = instructor_client.post(
        url, {**form, "action": "preview", "generator": "CRASH = False\n" + hostile}
    )
    page = _results(looked.content.decode())  # the page also holds the source, in the editor
    assert page.count("FOUND env:") == question_authoring.PREVIEW_VARIANTS
    for secret in ("canary-4f1e9b", "MLQUIZ_CANARY", settings.SECRET_KEY, "key:", "wrote"):
        assert secret not in page, secret
    assert "DJANGO_SETTINGS_MODULE" not in page and "INSTALLED_APPS" not in page
    for action in ("preview", "validate", "save"):
        response = instructor_client.post(
            url, {**form, "action": action, "generator": "CRASH = True\n" + hostile}
        )
        page = _results(response.content.decode())
        assert "failed on seed" in page and "RuntimeError: cannot go on" in page, action
        assert "Traceback" not in page and 'File "' not in page
    assert not marker.exists()
    assert not Question.objects.filter(slug="double-it").exists()


def test_validate_reports_what_sync_content_check_reports(instructor_client: Client) -> None:
    broken = GENERATOR.replace("n + 2", "2 * n")  # the "wrong" answer is the right one
    response = instructor_client.post(
        reverse("quizzes:question_new"), _form(action="validate", generator=broken)
    )
    page = response.content.decode()
    assert 'data-validation="failed"' in page
    assert "feedback rule added matches the correct answer: it never fires" in page
    ok = instructor_client.post(reverse("quizzes:question_new"), _form(action="validate"))
    assert 'data-validation="ok"' in ok.content.decode()


def test_save_makes_a_version_with_author_message_and_pool(
    instructor: User, instructor_client: Client, saved: Question
) -> None:
    version = saved.current_version
    assert version is not None
    assert (version.number, version.author, version.message) == (1, instructor, "first draft")
    assert saved.library == personal_library(instructor)
    assert saved.source_path == ""
    assert (saved.points, saved.tags) == (2, ["arithmetic", "warm-up"])
    assert QuestionVariant.objects.filter(version=version).count() == POOL_SIZE
    edit = reverse("quizzes:question_edit", args=[saved.slug])
    # Saving needs a message; saving a broken edit keeps the current version.
    no_message = instructor_client.post(edit, _form(message=""))
    assert no_message.status_code == 400
    broken = instructor_client.post(edit, _form(generator="def generate(rng):\n    return 1\n"))
    assert broken.status_code == 400
    assert "must return a dict" in broken.content.decode()
    saved.refresh_from_db()
    assert saved.current_version == version
    page = instructor_client.get(edit).content.decode()
    assert "first draft" in page and "WORDING-ONE" in page


def test_a_saved_version_is_what_a_new_quiz_attempt_gets(
    instructor: User, instructor_client: Client, student: User, saved: Question
) -> None:
    compose = instructor_client.get(reverse("quizzes:quiz_new")).content.decode()
    assert 'value="double-it"' in compose  # the quiz editor's picker lists it
    quiz = services.quiz_save(
        slug="doubling",
        fields={"title": "Doubling", "library_id": saved.library_id, "attempts_allowed": 0},
        slots=[services.SlotSpec("double-it", count=1, points=2)],
        created_by=instructor,
    )
    first = services.attempt_start(user=student, quiz=quiz)
    question = first.questions.get()
    variant = variants_get([(question.generator, question.seed)])[("double-it", question.seed)]
    assert "WORDING-ONE" in variant.prompt
    n = variant.params["n"]
    services.attempt_submit(attempt=first, responses={question.position: str(n + 2)})
    question.refresh_from_db()
    assert question.message == "You added 2 instead of doubling."
    response = instructor_client.post(
        reverse("quizzes:question_edit", args=[saved.slug]),
        _form(generator=GENERATOR.replace("WORDING-ONE", "WORDING-TWO"), message="reworded"),
    )
    assert response.status_code == 302
    second = services.attempt_start(user=student, quiz=quiz).questions.get()
    again = variants_get([("double-it", second.seed)])[("double-it", second.seed)]
    assert "WORDING-TWO" in again.prompt


def test_others_questions_are_404_and_site_questions_read_only(
    instructor: User, second: User, saved: Question
) -> None:
    intruder = _client(second)
    edit = reverse("quizzes:question_edit", args=[saved.slug])
    assert intruder.get(edit).status_code == 404
    assert intruder.post(edit, _form(message="hijack")).status_code == 404
    assert intruder.get(reverse("quizzes:question_copy", args=[saved.slug])).status_code == 404
    assert "double-it" not in intruder.get(reverse("quizzes:question_list")).content.decode()
    assert 'value="double-it"' not in intruder.get(reverse("quizzes:quiz_new")).content.decode()
    site = reverse("quizzes:question_edit", args=["dot-product"])
    page = intruder.get(site)
    assert page.status_code == 200
    assert "data-read-only" in page.content.decode()
    assert "data-save" not in page.content.decode()
    assert intruder.post(site, _form(slug="dot-product", message="x")).status_code == 404
    copied = intruder.post(
        reverse("quizzes:question_copy", args=["dot-product"]),
        {"library": str(personal_library(second).pk)},
    )
    assert copied.status_code == 302
    copy = Question.objects.get(copied_from__slug="dot-product")
    assert copy.library == personal_library(second)
    assert copy.current_version is not None
    assert copy.current_version.author == second
    assert intruder.get(reverse("quizzes:question_edit", args=[copy.slug])).status_code == 200
    assert (
        _client(instructor).get(reverse("quizzes:question_edit", args=[copy.slug])).status_code
        == 404
    )


def test_students_cannot_author(student_client: Client) -> None:
    response = student_client.get(reverse("quizzes:question_new"))
    assert response.status_code in (302, 403, 404)


def test_sync_leaves_questions_written_in_the_browser_alone(saved: Question) -> None:
    question_folders.questions_sync(Path(settings.CONTENT_DIR), generate=False)
    saved.refresh_from_db()
    assert saved.is_active


def test_history_shows_the_diff_and_rollback_makes_the_old_version_current(
    instructor: User, instructor_client: Client, second: User, saved: Question
) -> None:
    edit = reverse("quizzes:question_edit", args=[saved.slug])
    reworded = GENERATOR.replace("WORDING-ONE", "WORDING-TWO")
    assert (
        instructor_client.post(edit, _form(generator=reworded, message="reworded")).status_code
        == 302
    )
    history = reverse("quizzes:question_history", args=[saved.slug])
    page = instructor_client.get(history).content.decode()
    assert "reworded" in page and "first draft" in page
    assert re.search(r'class="diff-del">-\s+prompt=f&quot;WORDING-ONE', page)
    assert re.search(r'class="diff-add">\+\s+prompt=f&quot;WORDING-TWO', page)
    rollback = reverse("quizzes:question_rollback", args=[saved.slug])
    assert _client(second).get(history).status_code == 404
    assert _client(second).post(rollback, {"version": "1"}).status_code == 404
    assert instructor_client.post(rollback, {"version": "1"}).status_code == 302
    saved.refresh_from_db()
    current = saved.current_version
    assert current is not None
    assert (current.number, current.author, current.message) == (3, instructor, "Rolled back to v1")
    assert QuestionVariant.objects.filter(version=current).count() == POOL_SIZE
    seed = 7
    assert "WORDING-ONE" in variants_get([(saved.slug, seed)])[(saved.slug, seed)].prompt
    assert instructor_client.post(rollback, {"version": "3"}).status_code == 400  # current


def test_a_content_folder_never_takes_the_name_of_a_browser_question(
    saved: Question, tmp_path: Path
) -> None:
    folder = tmp_path / "questions" / "linear-algebra" / "double-it"
    folder.mkdir(parents=True)
    source = Path(settings.CONTENT_DIR) / "questions" / "linear-algebra" / "dot-product"
    meta = (source / "question.yaml").read_text()
    meta = re.sub(r"uuid: .*", "uuid: 0b7e7f6e-3c55-4a43-9d56-6f1f5d1f2a10", meta)
    (folder / "question.yaml").write_text(meta)
    (folder / "generator.py").write_text((source / "generator.py").read_text())
    reports = question_folders.questions_sync(tmp_path, generate=False)
    report = next(r for r in reports if r.slug == "double-it")
    assert report.action == "error"
    assert "written in the browser" in report.errors[0]
    saved.refresh_from_db()
    assert (saved.slug, saved.is_active) == ("double-it", True)


def test_the_composer_preview_of_another_instructors_question_is_empty(
    instructor_client: Client, second: User, saved: Question
) -> None:
    url = reverse("quizzes:generator_preview")
    assert "WORDING-ONE" in instructor_client.get(url, {"generator": "double-it"}).content.decode()
    page = _client(second).get(url, {"generator": "double-it"}).content.decode()
    assert "WORDING-ONE" not in page and "Choose a question type" in page


def test_the_preview_is_sanitized(instructor_client: Client) -> None:
    hostile_markup = GENERATOR.replace(
        "WORDING-ONE:", "WORDING-ONE <script>alert(1)</script><img src=x onerror=alert(2)>"
    )
    response = instructor_client.post(
        reverse("quizzes:question_new"), _form(action="preview", generator=hostile_markup)
    )
    shown = _results(response.content.decode())
    assert shown.count("WORDING-ONE") == question_authoring.PREVIEW_VARIANTS
    # Escaped or dropped, never markup: no script element, no image with a handler.
    assert "<script" not in shown and "<img" not in shown
