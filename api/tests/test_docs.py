"""The OpenAPI document and the Swagger UI page: public, same-origin scripts only."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_document_lists_the_endpoints_and_the_bearer_scheme(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert set(doc["paths"]) == {
        "/api/v1/courses",
        "/api/v1/courses/{course_id}/items",
        "/api/v1/courses/{course_id}/students",
        "/api/v1/courses/{course_id}/gradebook",
        "/api/v1/courses/{course_id}/extensions",
        "/api/v1/courses/{course_id}/extensions/remove",
        "/api/v1/courses/{course_id}/overrides",
        "/api/v1/courses/{course_id}/overrides/remove",
    }
    assert set(doc["paths"]["/api/v1/courses"]) == {"get", "post"}
    assert set(doc["paths"]["/api/v1/courses/{course_id}/overrides"]) == {"get", "post"}
    schemes = doc["components"]["securitySchemes"]
    assert any(s == {"type": "http", "scheme": "bearer"} for s in schemes.values())


def test_docs_page_loads_only_same_origin_scripts_under_the_csp(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts
    for attrs in scripts:
        src = re.search(r'src="([^"]+)"', attrs)
        if src is None:
            # Inline blocks are data only (the settings JSON), which the CSP does not run.
            assert 'type="application/json"' in attrs, attrs
            continue
        assert src.group(1).startswith("/static/"), src.group(1)
        assert finders.find(src.group(1).removeprefix("/static/")), src.group(1)
    for href in re.findall(r'<link[^>]+href="([^"]+)"', html):
        assert href.startswith("/"), href
    assert "cdn" not in html.lower()
