"""Bodies that are wrong in every way get a 4xx JSON answer, never a 500."""

from __future__ import annotations

import pytest

from api.tests.world import api_world_make

pytestmark = pytest.mark.django_db


def paths(world) -> list[str]:
    return [
        "/api/v1/courses",
        f"/api/v1/courses/{world.course.pk}/items",
        f"/api/v1/courses/{world.course.pk}/students",
    ]


@pytest.mark.parametrize(
    ("raw", "content_type"),
    [
        ("", "application/json"),
        ("{", "application/json"),
        ("not json", "application/json"),
        ("[1, 2]", "application/json"),
        ("null", "application/json"),
        ('"a string"', "application/json"),
        ("42", "application/json"),
        ('{"title": "x"', "application/json"),
        ("title=x&usernames=a", "application/x-www-form-urlencoded"),
        ("\udcff", "application/json"),
        (b"\xff\xfe\x00", "application/json"),
        ('{"title": "\\u0000"}', "application/json"),
        ('{"usernames": [[[[[[[[[[[[[[]]]]]]]]]]]]]]}', "application/json"),
    ],
)
def test_malformed_bodies_are_4xx_json(raw, content_type) -> None:
    world = api_world_make()
    for path in paths(world):
        body = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
        response = world.call("owner", "post", path, body, content_type=content_type)
        assert 400 <= response.status_code < 500, (path, raw, response.status_code)
        assert response["Content-Type"].startswith("application/json")
        assert isinstance(response.json()["detail"], str)


def test_a_huge_body_is_413_json(settings) -> None:
    world = api_world_make()
    huge = '{"usernames": [' + ",".join(['"abcdefgh"'] * 400_000) + "]}"
    assert len(huge) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    for path in paths(world):
        response = world.call("owner", "post", path, huge)
        assert response.status_code == 413, path
        assert response.json() == {"detail": "Request body too large."}


def test_ids_out_of_range_and_unknown_methods() -> None:
    world = api_world_make()
    big = "/api/v1/courses/99999999999999999999999/items"
    response = world.call("owner", "post", big, {"exercise": "site-exp"})
    assert response.status_code == 404
    assert world.call("owner", "get", f"/api/v1/courses/{world.course.pk}/items").status_code == 405
    assert world.call("owner", "post", "/api/v1/courses/abc/items", {}).status_code == 404


def test_a_nul_in_a_title_is_refused_not_a_crash() -> None:
    world = api_world_make()
    response = world.call("owner", "post", "/api/v1/courses", '{"title": "a\\u0000b"}')
    assert 400 <= response.status_code < 500
