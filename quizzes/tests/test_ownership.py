"""Quizzes belong to a library (issue #21): editing needs the right to edit that library
(404 otherwise), results show only the viewer's own students, a quiz with attempts saves only
after an explicit confirmation, and course quizzes are for the course's members."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from accounts.roles import maintainer_group
from accounts.services import user_create
from catalog.access import personal_library
from courses.models import Course, CourseQuiz, Enrollment
from quizzes import services
from quizzes.models import Attempt, Quiz, QuizSlot

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(quiz: Quiz, **changes: str) -> dict[str, str]:
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "attempts_allowed": str(quiz.attempts_allowed),
        "show_solutions": quiz.show_solutions,
        "is_published": "on",
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-0-generator": "dot-product",
        "slots-0-count": "1",
        "slots-0-points": "10",
    }
    return {**data, **changes}


@pytest.fixture
def first(db: None) -> User:
    return user_create(username="first", password="pw-first-123", instructor=True)


@pytest.fixture
def second(db: None) -> User:
    return user_create(username="second", password="pw-second-123", instructor=True)


@pytest.fixture
def own_quiz(first: User) -> Quiz:
    return services.quiz_save(
        slug="firsts-quiz",
        fields={"title": "First's quiz", "library_id": personal_library(first).pk},
        slots=[services.SlotSpec("dot-product", count=1, points=1)],
        created_by=first,
    )


def test_a_second_instructor_cannot_edit_or_see_the_first_ones_quiz(
    first: User, second: User, own_quiz: Quiz
) -> None:
    intruder = _client(second)
    edit = reverse("quizzes:quiz_edit", args=[own_quiz.slug])
    assert intruder.get(edit).status_code == 404
    response = intruder.post(edit, _form(own_quiz, title="Hijacked"))
    assert response.status_code == 404
    assert intruder.post(reverse("quizzes:quiz_archive", args=[own_quiz.slug])).status_code == 404
    own_quiz.refresh_from_db()
    assert own_quiz.title == "First's quiz" and own_quiz.archived_at is None
    assert [s.points for s in own_quiz.slots.all()] == [1]
    for name in ("quizzes:quiz_results", "quizzes:quiz_results_csv"):
        assert intruder.get(reverse(name, args=[own_quiz.slug])).status_code == 404
    assert "First's quiz" not in intruder.get(reverse("quizzes:manage_list")).content.decode()
    mine = _client(first).get(reverse("quizzes:manage_list")).content.decode()
    assert "First&#x27;s quiz" in mine or "First's quiz" in mine


def test_a_new_quiz_goes_to_the_chosen_library(first: User) -> None:
    course = Course.objects.create(owner=first, title="Algebra")
    client = _client(first)
    page = client.get(reverse("quizzes:quiz_new")).content.decode()
    assert "Algebra" in page and "first&#x27;s library" in page
    blank = Quiz(title="In course", slug="in-course")
    response = client.post(
        reverse("quizzes:quiz_new"), _form(blank, library=str(course.library_id))
    )
    assert response.status_code == 302
    assert Quiz.objects.get(slug="in-course").library_id == course.library_id
    # Somebody else's library is not a choice: refused, nothing created.
    other = Course.objects.create(
        owner=user_create(username="x", password="pw-x-12345", instructor=True), title="Other"
    )
    forged = client.post(
        reverse("quizzes:quiz_new"),
        _form(Quiz(title="F", slug="forged"), library=str(other.library_id)),
    )
    assert forged.status_code == 400 and not Quiz.objects.filter(slug="forged").exists()


def test_editing_a_quiz_with_attempts_needs_a_confirmation(
    first: User, own_quiz: Quiz, student: User
) -> None:
    services.attempt_start(user=student, quiz=own_quiz)
    services.attempt_start(user=user_create(username="s2", password="pw-s2-12345"), quiz=own_quiz)
    client = _client(first)
    edit = reverse("quizzes:quiz_edit", args=[own_quiz.slug])
    page = client.get(edit).content.decode()
    assert "2 attempts already exist" in page and "I understand 2 attempts exist" in page
    refused = client.post(edit, _form(own_quiz, title="Changed"))
    assert refused.status_code == 400
    assert "Confirm that you know attempts exist" in refused.content.decode()
    own_quiz.refresh_from_db()
    assert own_quiz.title == "First's quiz"
    assert list(QuizSlot.objects.filter(quiz=own_quiz).values_list("points", flat=True)) == [1]
    saved = client.post(edit, _form(own_quiz, title="Changed", confirm_attempts="on"))
    assert saved.status_code == 302
    own_quiz.refresh_from_db()
    assert own_quiz.title == "Changed"


def test_results_show_only_the_viewers_students(quiz: Quiz, instructor: User) -> None:
    alice = user_create(username="alice", password="pw-alice-123")
    bob = user_create(username="bob", password="pw-bob-12345")
    rival = user_create(username="rival", password="pw-rival-123", instructor=True)
    mine = Course.objects.create(owner=instructor, title="Mine")
    theirs = Course.objects.create(owner=rival, title="Theirs")
    for course, student in ((mine, alice), (theirs, bob)):
        CourseQuiz.objects.create(course=course, quiz=quiz)
        Enrollment.objects.create(course=course, user=student)
        services.attempt_start(user=student, quiz=quiz)
    url = reverse("quizzes:quiz_results", args=[quiz.slug])
    csv_url = reverse("quizzes:quiz_results_csv", args=[quiz.slug])
    html = _client(instructor).get(url).content.decode()
    assert "alice" in html and "bob" not in html
    csv_text = _client(rival).get(csv_url).content.decode()
    assert "bob" in csv_text and "alice" not in csv_text
    # The rival cannot open alice's attempt by id either.
    alices = Attempt.objects.get(user=alice)
    assert (
        _client(rival).get(reverse("quizzes:attempt_review", args=[alices.pk])).status_code == 404
    )
    maintainer = user_create(username="maya", password="pw-maya-123")
    maintainer.groups.add(maintainer_group())
    everybody = _client(maintainer).get(csv_url).content.decode()
    assert "alice" in everybody and "bob" in everybody


def test_a_student_who_never_joined_cannot_see_or_start_the_course_quiz(
    instructor: User, student: User
) -> None:
    """The story from issue #21: a course's quiz was open to a student who never joined."""
    course = Course.objects.create(owner=instructor, title="Private")
    quiz = services.quiz_save(
        slug="course-only",
        fields={"title": "Course only", "library_id": course.library_id},
        slots=[services.SlotSpec("dot-product", count=1, points=1)],
    )
    CourseQuiz.objects.create(course=course, quiz=quiz)
    outsider = _client(student)
    assert "Course only" not in outsider.get(reverse("quizzes:quiz_list")).content.decode()
    assert outsider.get(reverse("quizzes:quiz_detail", args=[quiz.slug])).status_code == 404
    assert outsider.post(reverse("quizzes:quiz_start", args=[quiz.slug])).status_code == 404
    assert not Attempt.objects.exists()
    # Once enrolled, the same student sees and starts it.
    Enrollment.objects.create(course=course, user=student)
    assert "Course only" in outsider.get(reverse("quizzes:quiz_list")).content.decode()
    assert outsider.post(reverse("quizzes:quiz_start", args=[quiz.slug])).status_code == 302
    assert Attempt.objects.filter(user=student, quiz=quiz).exists()


def test_archiving_hides_a_quiz_from_students_and_keeps_attempts(
    first: User, own_quiz: Quiz, student: User
) -> None:
    course = Course.objects.create(owner=first, title="C")
    CourseQuiz.objects.create(course=course, quiz=own_quiz)
    Enrollment.objects.create(course=course, user=student)
    attempt = services.attempt_start(user=student, quiz=own_quiz)
    owner = _client(first)
    response = owner.post(reverse("quizzes:quiz_archive", args=[own_quiz.slug]), {"archive": "1"})
    assert response.status_code == 302
    own_quiz.refresh_from_db()
    assert own_quiz.archived_at is not None
    learner = _client(student)
    assert learner.get(reverse("quizzes:quiz_detail", args=[own_quiz.slug])).status_code == 404
    assert "First" not in learner.get(reverse("quizzes:quiz_list")).content.decode()
    assert Attempt.objects.filter(pk=attempt.pk).exists()
    assert "archived" in owner.get(reverse("quizzes:manage_list")).content.decode()
    owner.post(reverse("quizzes:quiz_archive", args=[own_quiz.slug]), {"archive": "0"})
    assert learner.get(reverse("quizzes:quiz_detail", args=[own_quiz.slug])).status_code == 200
