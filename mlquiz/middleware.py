"""Say plainly when the database is unreachable, instead of a generic 500.

During a PostgreSQL restart or outage every page that reads the database fails;
the honest answer is 503 with a Retry-After, a page that needs no database, and
JSON for the editor's fetch calls, so nothing looks like the student's fault.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger("mlquiz.availability")

RETRY_AFTER_SECONDS = 5
MESSAGE = (
    "The database is briefly unavailable. Nothing you submitted is lost; "
    "please try again in a few seconds."
)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable: %s", exception)
        wants_json = "application/json" in request.headers.get("Accept", "") or (
            request.headers.get("Content-Type", "").startswith("application/json")
        )
        response: HttpResponse
        if wants_json:
            response = JsonResponse({"error": MESSAGE}, status=503)
        else:
            page = loader.get_template("503.html").render({"message": MESSAGE})
            response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
