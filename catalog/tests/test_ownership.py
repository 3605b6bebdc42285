"""Material belongs to a library (issue #21): who may edit, copy, read the history of, roll
back and archive an exercise or a lesson, and what students see of drafts and archives.

Everything goes through real requests; exercises are stored the way sync_content stores them
(``make_exercise``) and then moved into the library a test needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.services import user_create
from catalog.access import personal_library, site_library
from catalog.models import Exercise, ExerciseVersion, Lesson
from catalog.tests.test_sync import sync, write_exercise, write_lesson
from courses.models import Course, CourseExercise, CourseLesson, CourseStaff, Enrollment, StaffRole
from exercises.models import Submission
from exercises.tests.test_services import make_exercise

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _edit_form(exercise: Exercise, **changes: object) -> dict[str, object]:
    """What the edit page posts for ``exercise`` as it is now, with ``changes``."""
    assert exercise.current_version is not None
    version = exercise.current_version
    data: dict[str, object] = {
        "slug": exercise.slug,
        "title": exercise.title,
        "function": version.function_name,
        "lesson": exercise.lesson.slug if exercise.lesson else "",
        "topic": exercise.topic,
        "difficulty": exercise.difficulty,
        "points": exercise.points,
        "order": exercise.order,
        "tags": "",
        "statement_md": version.statement_md,
        "starter": version.starter_code,
        "reference": version.reference_code,
        "cases": version.cases_code,
        "solution_md": version.solution_md,
        "message": "an edit",
        "action": "save",
    }
    data.update(changes)
    return data


@pytest.fixture
def first() -> User:
    return user_create(username="first", password="pw-first-123", instructor=True)


@pytest.fixture
def second() -> User:
    return user_create(username="second", password="pw-second-123", instructor=True)


@pytest.fixture
def course(first: User) -> Course:
    return Course.objects.create(owner=first, title="First's course")


@pytest.fixture
def course_exercise(course: Course) -> Exercise:
    lesson = Lesson.objects.create(slug="firsts-lesson", title="L", library=course.library)
    exercise = make_exercise("firsts-exp", title="First's exp", lesson=lesson)
    Exercise.objects.filter(pk=exercise.pk).update(library_id=course.library_id, points=10)
    CourseExercise.objects.create(course=course, exercise=exercise)
    exercise.refresh_from_db()
    return exercise


def test_a_second_instructor_cannot_change_the_first_ones_exercise(
    first: User, second: User, course_exercise: Exercise
) -> None:
    """Issue #21: a second instructor edited and published the first one's exercise (points
    10 → 1). Every way in now ends in a 404 and nothing changes."""
    Course.objects.create(owner=second, title="Second's course")
    intruder = _client(second)
    slug = course_exercise.slug
    versions_before = list(ExerciseVersion.objects.values_list("pk", "content_hash"))
    edit = reverse("catalog:exercise_edit", args=[slug])
    assert intruder.get(edit).status_code == 404
    for action in ("save", "validate", "publish"):
        response = intruder.post(edit, _edit_form(course_exercise, points=1, action=action))
        assert response.status_code == 404, action
    assert intruder.get(reverse("catalog:exercise_history", args=[slug])).status_code == 404
    assert (
        intruder.post(reverse("catalog:exercise_rollback", args=[slug]), {"version": 1}).status_code
        == 404
    )
    assert intruder.post(reverse("catalog:exercise_archive", args=[slug])).status_code == 404
    course_exercise.refresh_from_db()
    assert course_exercise.points == 10 and course_exercise.archived_at is None
    assert list(ExerciseVersion.objects.values_list("pk", "content_hash")) == versions_before
    listing = intruder.get(reverse("catalog:exercise_authoring_list")).content.decode()
    assert "First&#x27;s exp" not in listing and "First's exp" not in listing
    # The owner still edits it.
    assert _client(first).get(edit).status_code == 200


def test_site_material_is_read_only_for_instructors_and_editable_for_maintainers(
    first: User,
) -> None:
    from accounts.roles import maintainer_group

    site = make_exercise("site-exp", title="Site exp")
    instructor = _client(first)
    assert instructor.get(reverse("catalog:exercise_edit", args=[site.slug])).status_code == 404
    listing = instructor.get(reverse("catalog:exercise_authoring_list")).content.decode()
    assert "read-only" in listing and "Site exp" in listing
    assert reverse("catalog:exercise_copy", args=[site.slug]) in listing
    assert reverse("catalog:exercise_edit", args=[site.slug]) not in listing
    first.groups.add(maintainer_group())
    maintainer = _client(first)
    assert maintainer.get(reverse("catalog:exercise_edit", args=[site.slug])).status_code == 200


def test_new_exercise_form_offers_only_editable_libraries(
    first: User, second: User, course: Course
) -> None:
    other = Course.objects.create(owner=second, title="Second's course")
    page = _client(first).get(reverse("catalog:exercise_new")).content.decode()
    assert "first&#x27;s library" in page and "First&#x27;s course" in page
    assert "Second&#x27;s course" not in page and "Site library" not in page
    assert other.library_id is not None


def test_copy_makes_a_draft_that_remembers_its_source(first: User, course: Course) -> None:
    site = make_exercise("site-exp", title="Site exp")
    source_version = site.current_version
    assert source_version is not None
    client = _client(first)
    url = reverse("catalog:exercise_copy", args=[site.slug])
    page = client.get(url)
    assert page.status_code == 200 and "First&#x27;s course" in page.content.decode()
    response = client.post(url, {"library": course.library_id})
    assert response.status_code == 302
    copy = Exercise.objects.get(slug="site-exp-copy")
    assert response["Location"] == reverse("catalog:exercise_edit", args=[copy.slug])
    assert copy.copied_from_id == site.pk and copy.uuid != site.uuid
    assert copy.library_id == course.library_id and copy.status == Exercise.Status.DRAFT
    first_version = copy.versions.get()
    assert first_version.author == first
    assert first_version.message == "Copied from Site library site-exp v1"
    assert first_version.reference_code == source_version.reference_code
    assert first_version.meta["uuid"] == str(copy.uuid)
    edit = client.get(response["Location"]).content.decode()
    assert "Copied from Site library site-exp v1" in edit
    # A second copy gets the next free slug; the source is untouched.
    client.post(url, {"library": personal_library(first).pk})
    assert Exercise.objects.filter(slug="site-exp-copy-2").exists()
    site.refresh_from_db()
    assert site.versions.count() == 1 and site.library_id == site_library().pk
    # Copying into a library one cannot edit is refused.
    stranger = Course.objects.create(
        owner=user_create(username="z", password="pw-z-123456", instructor=True), title="Z"
    )
    refused = client.post(url, {"library": stranger.library_id})
    assert refused.status_code == 400
    assert not Exercise.objects.filter(library=stranger.library).exists()


def test_every_saved_version_records_author_and_message(
    first: User, course_exercise: Exercise
) -> None:
    client = _client(first)
    edit = reverse("catalog:exercise_edit", args=[course_exercise.slug])
    refused = client.post(edit, _edit_form(course_exercise, points=5, message=""))
    assert refused.status_code == 400 and "This field is required" in refused.content.decode()
    assert course_exercise.versions.count() == 1
    response = client.post(
        edit, _edit_form(course_exercise, statement_md="A clearer statement.", message="clarify")
    )
    assert response.status_code == 302
    newest = course_exercise.versions.order_by("-number").first()
    assert newest is not None and newest.number == 2
    assert newest.author == first and newest.message == "clarify"


def test_history_diff_and_rollback(
    first: User, course: Course, course_exercise: Exercise, student: User
) -> None:
    client = _client(first)
    edit = reverse("catalog:exercise_edit", args=[course_exercise.slug])
    client.post(
        edit,
        _edit_form(
            course_exercise,
            statement_md="Now <script>alert(1)</script> with a twist.",
            message="twist",
        ),
    )
    v2 = course_exercise.versions.get(number=2)
    # Publish v2 the way exercise_publish does, without the sandbox: make it current.
    Exercise.objects.filter(pk=course_exercise.pk).update(current_version=v2)
    Submission.objects.create(
        user=student, exercise=course_exercise, exercise_version=v2, code="x", status="graded"
    )
    history = reverse("catalog:exercise_history", args=[course_exercise.slug])
    page = client.get(history)
    html = page.content.decode()
    assert page.status_code == 200
    assert "twist" in html and "first" in html
    assert 'data-version="2"' in html and 'data-version="1"' in html
    # Diff of v1 → v2, escaped: the statement's script is text.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert 'class="diff-add"' in html and 'class="diff-del"' in html
    assert client.get(history, {"a": "1", "b": "9"}).status_code == 404
    assert client.get(history, {"a": "junk", "b": "2"}).status_code == 200
    # A TA of the course reads the history but cannot roll back; a student gets 404.
    ta = user_create(username="tess", password="pw-tess-123")
    CourseStaff.objects.create(course=course, user=ta, role=StaffRole.TA)
    assert _client(ta).get(history).status_code == 200
    rollback = reverse("catalog:exercise_rollback", args=[course_exercise.slug])
    assert _client(ta).post(rollback, {"version": "1"}).status_code == 403
    assert _client(student).get(history).status_code == 404
    assert client.post(rollback, {"version": "abc"}).status_code == 400
    assert client.post(rollback, {"version": "7"}).status_code == 400
    response = client.post(rollback, {"version": "1"})
    assert response.status_code == 302
    course_exercise.refresh_from_db()
    v3 = course_exercise.current_version
    assert v3 is not None and v3.number == 3
    assert v3.message == "Rolled back to v1" and v3.author == first
    v1 = course_exercise.versions.get(number=1)
    assert v3.statement_md == v1.statement_md and v3.reference_code == v1.reference_code
    # The submission graded against v2 still points at v2.
    assert Submission.objects.get().exercise_version_id == v2.pk
    assert "1</td>" in client.get(history).content.decode()


def test_archived_exercise_disappears_for_students_and_keeps_submissions(
    first: User, course: Course, course_exercise: Exercise, student: User
) -> None:
    Enrollment.objects.create(course=course, user=student)
    assert course_exercise.current_version is not None
    Submission.objects.create(
        user=student,
        exercise=course_exercise,
        exercise_version=course_exercise.current_version,
        code="x",
    )
    learner = _client(student)
    detail = reverse("exercises:exercise_detail", args=[course_exercise.slug])
    assert learner.get(detail).status_code == 200
    archive = reverse("catalog:exercise_archive", args=[course_exercise.slug])
    assert _client(first).post(archive, {"archive": "1"}).status_code == 302
    assert learner.get(detail).status_code == 404
    assert (
        "First&#x27;s exp" not in learner.get(reverse("exercises:exercise_list")).content.decode()
    )
    assert Submission.objects.filter(exercise=course_exercise).count() == 1
    _client(first).post(archive, {"archive": "0"})
    assert learner.get(detail).status_code == 200


def test_lessons_are_drafts_until_published_and_archivable(
    first: User, course: Course, student: User
) -> None:
    Enrollment.objects.create(course=course, user=student)
    client = _client(first)
    response = client.post(
        reverse("catalog:lesson_new"),
        {
            "slug": "my-lesson",
            "title": "My lesson",
            "summary": "",
            "body_md": "Hello",
            "library": course.library_id,
        },
    )
    assert response.status_code == 302
    lesson = Lesson.objects.get(slug="my-lesson")
    assert lesson.library_id == course.library_id and not lesson.is_published
    CourseLesson.objects.create(course=course, lesson=lesson)
    learner = _client(student)
    detail = reverse("courses:lesson_detail", args=[lesson.slug])
    assert learner.get(detail).status_code == 404
    assert "My lesson" not in learner.get(reverse("courses:lesson_list")).content.decode()
    assert client.get(detail).status_code == 200  # the library's staff read the draft
    client.post(
        reverse("catalog:lesson_authoring_edit", args=[lesson.slug]),
        {
            "slug": "my-lesson",
            "title": "My lesson",
            "summary": "",
            "body_md": "Hello",
            "is_published": "on",
        },
    )
    assert learner.get(detail).status_code == 200
    client.post(reverse("catalog:lesson_archive", args=[lesson.slug]), {"archive": "1"})
    assert learner.get(detail).status_code == 404
    # Another instructor cannot edit, archive or see it in their list.
    second = user_create(username="second", password="pw-second-123", instructor=True)
    intruder = _client(second)
    assert (
        intruder.get(reverse("catalog:lesson_authoring_edit", args=[lesson.slug])).status_code
        == 404
    )
    assert intruder.post(reverse("catalog:lesson_archive", args=[lesson.slug])).status_code == 404
    assert (
        intruder.post(
            reverse("catalog:lesson_authoring_list"), {"lesson": lesson.pk, "move": "up"}
        ).status_code
        == 404
    )


def test_lesson_copy_is_a_draft_in_the_chosen_library(first: User, course: Course) -> None:
    site = Lesson.objects.create(slug="intro", title="Intro", body_md="Hi", body_html="<p>Hi</p>")
    response = _client(first).post(
        reverse("catalog:lesson_copy", args=[site.slug]), {"library": course.library_id}
    )
    assert response.status_code == 302
    copy = Lesson.objects.get(slug="intro-copy")
    assert copy.copied_from == site and copy.library_id == course.library_id
    assert not copy.is_published and copy.body_md == "Hi"
    page = _client(first).get(response["Location"]).content.decode()
    assert "Copied from" in page and "Site library" in page


def test_sync_leaves_copies_and_course_material_alone(tmp_path: Path, first: User) -> None:
    """content/ is the site library: a sync loads it there and never hides or changes
    material that has no file (a copy, a course's own exercise or lesson)."""
    write_lesson(tmp_path, "basics", "6f1e7c1a-3a57-4a43-9a0e-6a7f3f1b2c01", 1)
    write_exercise(tmp_path, "add-arrays")
    assert sync(tmp_path).ok
    source = Exercise.objects.get(slug="add-arrays")
    assert source.library_id == site_library().pk
    response = _client(first).post(
        reverse("catalog:exercise_copy", args=[source.slug]),
        {"library": personal_library(first).pk},
    )
    assert response.status_code == 302
    copy = Exercise.objects.get(slug="add-arrays-copy")
    lesson_copy = Lesson.objects.create(
        slug="mine", title="Mine", library=personal_library(first), copied_from=None
    )
    before = (copy.current_version_id, copy.is_active, copy.updated_at)
    # The site folder changes: the source gets a new version, the copy does not.
    (tmp_path / "exercises/add-arrays/statement.md").write_text("Changed upstream.\n")
    assert sync(tmp_path).ok
    source.refresh_from_db()
    assert source.current_version is not None and source.current_version.number == 2
    copy.refresh_from_db()
    assert (copy.current_version_id, copy.is_active, copy.updated_at) == before
    assert copy.versions.count() == 1
    lesson_copy.refresh_from_db()
    assert lesson_copy.is_active


def test_a_course_cannot_list_another_courses_own_material(
    first: User, second: User, course_exercise: Exercise, student: User
) -> None:
    """The course material picker offers site material and the instructor's own libraries
    only: a forged form naming another course's exercise is refused, so that exercise never
    reaches this course's students."""
    client = _client(second)
    page = client.get(reverse("courses:course_create")).content.decode()
    assert "First&#x27;s exp" not in page
    response = client.post(
        reverse("courses:course_create"),
        {"title": "Forged", "description": "", "exercises": [course_exercise.pk]},
    )
    assert response.status_code == 200  # the form again, with the choice refused
    assert not CourseExercise.objects.filter(
        exercise=course_exercise, course__title="Forged"
    ).exists()
    site = make_exercise("site-exp", title="Site exp")
    assert "Site exp" in client.get(reverse("courses:course_create")).content.decode()
    assert site.library_id == site_library().pk


def test_course_exercises_are_listed_for_the_course_only(
    first: User, course: Course, course_exercise: Exercise, student: User, other_student: User
) -> None:
    """Site exercises stay open to everybody; a course's own exercise is listed and opened by
    its students and staff only (404 for anybody else, as if it did not exist)."""
    make_exercise("site-exp", title="Site exp")
    Enrollment.objects.create(course=course, user=student)
    listing = reverse("exercises:exercise_list")
    detail = reverse("exercises:exercise_detail", args=[course_exercise.slug])
    mine = _client(student).get(listing).content.decode()
    assert "First&#x27;s exp" in mine and "Site exp" in mine
    theirs = _client(other_student).get(listing).content.decode()
    assert "First&#x27;s exp" not in theirs and "Site exp" in theirs
    assert _client(other_student).get(detail).status_code == 404
    assert Client().get(detail).status_code == 404
    assert _client(student).get(detail).status_code == 200
    site_detail = reverse("exercises:exercise_detail", args=["site-exp"])
    assert _client(other_student).get(site_detail).status_code == 200
