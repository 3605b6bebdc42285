"""A database outage answers 503 with a plain message, never a generic 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection
from django.test import Client


@pytest.fixture
def database_down(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)


def test_page_says_the_database_is_briefly_unavailable(database_down: None) -> None:
    response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Nothing you submitted is lost" in response.content


def test_fetch_calls_get_json(database_down: None) -> None:
    response = Client(raise_request_exception=False).get(
        "/healthz", headers={"Accept": "application/json"}
    )
    assert response.status_code == 503
    assert "briefly unavailable" in response.json()["error"]


def test_other_errors_are_not_dressed_up_as_outages(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr(connection, "cursor", broken)
    response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 500
