"""Sign up, log in/out, password change, throttling, and the instructor role."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.roles import is_instructor
from accounts.services import user_create
from mlquiz.tests.aria_refs import dangling_id_references

pytestmark = pytest.mark.django_db


def test_signup_creates_a_student_and_logs_in(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newbie",
            "email": "n@example.org",
            "password1": "a-Strong-pass-123",
            "password2": "a-Strong-pass-123",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/start/"  # the start page: a course, a lesson, an exercise
    user = User.objects.get(username="newbie")
    assert not is_instructor(user)
    assert client.get("/").context["user"] == user


def test_signup_with_mismatched_passwords_shows_errors_and_creates_nothing(client: Client) -> None:
    response = client.post(
        "/accounts/signup/",
        {"username": "newbie", "password1": "a-Strong-pass-123", "password2": "different-456"},
    )
    assert response.status_code == 200
    assert b"field-error" in response.content
    assert not User.objects.filter(username="newbie").exists()


def test_sign_up_fields_point_at_their_help_and_errors(client: Client) -> None:
    # Django's widgets say aria-describedby="id_<name>_helptext" (and "_error" when invalid):
    # the help text and the errors must carry those ids, or a screen reader skips them.
    page = client.get("/accounts/signup/").content.decode()
    assert 'aria-describedby="id_password1_helptext"' in page
    assert 'id="id_password1_helptext"' in page
    assert dangling_id_references(page) == []
    response = client.post(
        "/accounts/signup/", {"username": "newbie", "password1": "short", "password2": "other"}
    )
    page = response.content.decode()
    assert 'aria-describedby="id_password2_helptext id_password2_error"' in page
    assert 'id="id_password2_error"' in page
    assert dangling_id_references(page) == []


def test_login_and_logout(client: Client, student: User) -> None:
    response = client.post("/accounts/login/", {"username": "student1", "password": "pw-student-1"})
    assert response.status_code == 302
    assert client.get("/").context["user"] == student
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_is_refused(client: Client, student: User) -> None:
    response = client.post("/accounts/login/", {"username": "student1", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content


def test_failed_logins_are_throttled_even_with_the_right_password(
    client: Client, student: User
) -> None:
    for _ in range(5):
        client.post("/accounts/login/", {"username": "student1", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "student1", "password": "pw-student-1"})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert not client.get("/").context["user"].is_authenticated


def test_throttle_is_per_user_and_address(
    client: Client, student: User, other_student: User
) -> None:
    # Failures against one username from another address do not lock a different user out.
    other = Client(REMOTE_ADDR="10.0.0.9")
    for _ in range(5):
        other.post("/accounts/login/", {"username": "student1", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "student2", "password": "pw-student-2"})
    assert response.status_code == 302


def test_throttle_covers_every_spelling_that_reaches_the_account(db: None) -> None:
    # The login form NFKC-normalises the name before looking the account up, so the
    # full-width spelling reaches the same account as "rtthrottle": it must meet the same lock.
    user_create(username="rtthrottle", password="pw-rt-1")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "rtthrottle")  # "ｒｔｔｈｒｏｔｔｌｅ"
    # It really is a spelling of that account:
    first = Client(REMOTE_ADDR="10.0.0.7")
    response = first.post("/accounts/login/", {"username": full_width, "password": "pw-rt-1"})
    assert response.status_code == 302
    for _ in range(5):
        Client().post("/accounts/login/", {"username": "rtthrottle", "password": "wrong"})
    # From another address, so only the per-username lock can refuse it.
    client = Client(REMOTE_ADDR="10.0.0.8")
    response = client.post("/accounts/login/", {"username": full_width, "password": "pw-rt-1"})
    assert response.status_code == 429
    assert not client.get("/").context["user"].is_authenticated


def test_password_change(student_client: Client, student: User) -> None:
    response = student_client.post(
        "/accounts/password/",
        {
            "old_password": "pw-student-1",
            "new_password1": "Brand-new-pass-789",
            "new_password2": "Brand-new-pass-789",
        },
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password("Brand-new-pass-789")


def test_password_change_needs_login(client: Client) -> None:
    response = client.get("/accounts/password/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_createinstructor_command_creates_and_promotes(db: None, student: User) -> None:
    call_command("createinstructor", "prof", "--password", "pw-prof-123")
    assert is_instructor(User.objects.get(username="prof"))
    call_command("createinstructor", "student1")
    assert is_instructor(User.objects.get(username="student1"))


def test_instructor_role_is_a_group_not_superuser(instructor: User) -> None:
    assert not instructor.is_superuser
    assert instructor.groups.filter(name="Instructors").exists()


def _instructor_only_urls() -> list[str]:
    """Every URL pattern whose view carries the instructor_required marker."""
    found: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif getattr(pattern.callback, "instructor_only", False):
                found.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns, "")
    return found


def _example_path(route: str) -> str:
    """Fill converters with plausible values: the role check runs before any lookup."""
    import re

    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<(slug:|str:|uuid:)?[^>]+>", "x", path)
    return "/" + path.lstrip("^").rstrip("$")


def test_every_instructor_url_is_protected(client: Client, student: User, instructor: User) -> None:
    routes = _instructor_only_urls()
    assert "instructor/" in routes
    student_client = Client()
    student_client.force_login(student)
    instructor_client = Client()
    instructor_client.force_login(instructor)
    for route in routes:
        path = _example_path(route)
        anonymous = client.get(path)
        assert anonymous.status_code == 302, path
        assert anonymous["Location"].startswith("/accounts/login/"), path
        assert student_client.get(path).status_code == 403, path
        assert instructor_client.get(path).status_code != 403, path


def test_student_sees_friendly_403_and_no_instructor_link(student_client: Client) -> None:
    response = student_client.get("/instructor/")
    assert response.status_code == 403
    assert b"This page isn" in response.content
    assert b'href="/instructor/"' not in student_client.get("/").content


def test_instructor_sees_instructor_link(instructor_client: Client) -> None:
    assert b'href="/instructor/"' in instructor_client.get("/").content


def test_friendly_404(client: Client) -> None:
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"couldn" in response.content


def test_demo_users_command_is_idempotent(db: None) -> None:
    call_command("create_demo_users")
    call_command("create_demo_users")
    assert User.objects.filter(username__in=["instructor", "alice", "bob"]).count() == 3
    assert is_instructor(User.objects.get(username="instructor"))
    assert User.objects.get(username="alice").check_password("mlquiz-learn")
