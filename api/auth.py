"""Bearer-token authentication for the API: personal tokens only, never the session.

A browser that is signed in to mlquiz gets no access here: the API acts only for whoever
holds a token, so CSRF (a session problem) does not arise and a page cannot make the
user's browser call the API with their cookies.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``. Every failure is a 401 whose message says which
    part was wrong (missing, malformed, unknown or revoked) without saying whose token it
    was."""

    def __call__(self, request: HttpRequest) -> User:
        header = request.headers.get("Authorization", "")
        if not header:
            raise AuthenticationError(
                message="Authentication required: send 'Authorization: Bearer <token>' "
                "(create a token on your account page)."
            )
        scheme, _, token = header.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or " " in token:
            raise AuthenticationError(
                message="Malformed Authorization header: expected 'Bearer <token>'."
            )
        return self.authenticate(request, token)

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_authenticate(raw=token)
        if user is None:
            raise AuthenticationError(message="Unknown or revoked token.")
        return user
