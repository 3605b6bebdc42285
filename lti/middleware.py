"""Framing by the LMS: mlquiz pages open inside an LMS iframe only for the origins an
administrator listed (settings.LTI_FRAME_ANCESTORS); everyone else is still refused."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.csp import CSP


class LmsFrameMiddleware:
    """Read per request (not at start-up) so a changed setting applies at once. CSP
    frame-ancestors names the LMS origins; X-Frame-Options, which cannot name an origin, is left
    out (browsers that know frame-ancestors ignore it anyway)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        ancestors = list(getattr(settings, "LTI_FRAME_ANCESTORS", []))
        if ancestors:
            config = dict(getattr(response, "_csp_config", None) or settings.SECURE_CSP)
            config["frame-ancestors"] = [CSP.SELF, *ancestors]
            response._csp_config = config  # type: ignore[attr-defined]
            response.xframe_options_exempt = True  # type: ignore[attr-defined]
        return response
