"""Glue between pylti1p3 (which does the OIDC and JWT work) and mlquiz's registrations.

pylti1p3 validates a launch: state, JWT format, nonce, registration (issuer and client id),
signature against the platform's JWKS (cached), exp/iat, deployment and message shape. Two
things are tightened here: an unknown deployment is refused (django-lti would create it), and
every failure becomes a ``LaunchRejected`` that says, in words, which check failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from lti_tool.models import Key, LtiDeployment, LtiRegistration
from lti_tool.utils import DjangoToolConfig
from pylti1p3.contrib.django.launch_data_storage.cache import DjangoCacheDataStorage
from pylti1p3.contrib.django.message_launch import DjangoMessageLaunch
from pylti1p3.contrib.django.oidc_login import DjangoOIDCLogin
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.registration import Registration
from pylti1p3.service_connector import ServiceConnector

# How long a platform's JWKS is trusted before it is fetched again (a rotated platform key is
# picked up at the latest then).
PLATFORM_KEYS_CACHE_SECONDS = 300
# How long the login parameters are kept for the "open in a new tab" path.
LOGIN_PARAMS_SECONDS = 300
LOGIN_PARAMS = ("iss", "login_hint", "lti_message_hint", "client_id", "lti_deployment_id")


@dataclass
class LaunchRejected(Exception):
    """A login or launch mlquiz refuses. ``title`` names the failed check for the person who
    sees the page; ``detail`` is what the library or the check said; ``status`` the HTTP
    status (always 4xx)."""

    title: str
    detail: str = ""
    status: int = 403
    # Set when only the browser's cookies failed: the login can be restarted in a new tab.
    new_tab_url: str = ""

    def __str__(self) -> str:
        return f"{self.title}: {self.detail}" if self.detail else self.title


# pylti1p3's messages, by prefix → what failed, in the words of the page (and the status).
_EXPLAINED: tuple[tuple[str, str, int], ...] = (
    ("Missing state param", "The launch carried no OIDC state.", 400),
    ("State not found", "The launch's OIDC state was not issued to this browser.", 403),
    ("Missing %s cookie", "The browser did not send back mlquiz's login cookie.", 403),
    ("Missing id_token", "The launch carried no id_token.", 400),
    ("Invalid id_token", "The id_token is not a JWT.", 400),
    ("Invalid JWT format", "The id_token is not a JWT.", 400),
    ('"iss" is empty', "The id_token names no issuer.", 400),
    ('"nonce" is empty', "The id_token has no nonce.", 400),
    ("Invalid Nonce", "The id_token's nonce was not issued by mlquiz (or has expired).", 403),
    ("Registration not found", "The id_token's issuer and client id are not registered.", 403),
    ("Client id not registered", "The id_token's client id is not registered.", 403),
    ("Can't decode id_token: Signature has expired", "The id_token has expired.", 403),
    (
        "Can't decode id_token: Signature verification failed",
        "The id_token's signature does not match the platform's keys (forged or altered).",
        403,
    ),
    (
        "Can't decode id_token: The token is not yet valid",
        "The id_token was issued in the future (iat or nbf).",
        403,
    ),
    ("Can't decode id_token", "The id_token could not be verified.", 403),
    (
        "Unable to find public key",
        "The id_token is signed with a key the platform does not publish.",
        403,
    ),
    ("Error during fetch URL", "The platform's key set could not be fetched.", 502),
    ("Invalid response from", "The platform's key set is not JSON.", 502),
    ("Unable to find deployment", "The id_token's deployment is not registered.", 403),
    ("deployment_id is not set", "The id_token names no deployment.", 400),
    ("Invalid message type", "The launch message has no message type.", 400),
    ("Unrecognized message type", "The launch message type is not supported.", 400),
    ("Message validation failed", "The launch message lacks required claims.", 400),
    ("Could not find issuer", "The login request names no issuer.", 400),
    ("Could not find login hint", "The login request has no login_hint.", 400),
    ("Could not find registration", "The login request's issuer is not registered.", 403),
)


def explain(error: Exception) -> LaunchRejected:
    """A pylti1p3 failure as a LaunchRejected naming the check that failed."""
    message = str(error)
    for prefix, title, status in _EXPLAINED:
        if message.startswith(prefix):
            # 502 is for the platform's fault, but the launch page must stay a 4xx.
            return LaunchRejected(title, message, 424 if status == 502 else status)
    return LaunchRejected("The launch could not be validated.", message, 400)


class TimeoutSession(requests.Session):
    """A requests session whose calls time out (pylti1p3 passes no timeout)."""

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        kwargs.setdefault("timeout", settings.LTI_HTTP_TIMEOUT)
        return super().request(method, url, *args, **kwargs)


def tool_key_ensure() -> None:
    """The tool has a signing key: the first registration generates one (and so does the first
    launch of a platform registered in the admin, which would otherwise fail without one)."""
    if not Key.objects.active().exists():
        Key.objects.generate()


class ToolConfig(DjangoToolConfig):  # type: ignore[misc]
    """django-lti's registration lookup, refusing deployments nobody registered, and finding a
    registration by issuer alone when the platform's login request omits the client id."""

    def find_registration_by_params(
        self, iss: str, client_id: str | None, *args: Any, **kwargs: Any
    ) -> Registration | None:
        tool_key_ensure()
        if client_id is None:
            candidates = list(LtiRegistration.objects.active().filter(issuer=iss)[:2])
            if len(candidates) != 1:
                return None
            self.registration = candidates[0]
            return self.registration.to_registration()  # type: ignore[no-any-return]
        return super().find_registration_by_params(iss, client_id, *args, **kwargs)  # type: ignore[no-any-return]

    def find_deployment(self, iss: str, deployment_id: str) -> Deployment | None:
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str | None, *args: Any, **kwargs: Any
    ) -> Deployment | None:
        lookups: dict[str, Any] = {
            "registration__issuer": iss,
            "registration__is_active": True,
            "deployment_id": deployment_id,
        }
        if client_id is not None:
            lookups["registration__client_id"] = client_id
        self.deployment = LtiDeployment.objects.filter(**lookups).first()
        if self.deployment is None:
            return None
        return Deployment().set_deployment_id(deployment_id)


def _storage() -> DjangoCacheDataStorage:
    return DjangoCacheDataStorage()


def oidc_login(request: HttpRequest, *, launch_url: str) -> HttpResponse:
    """Answer an OIDC third-party login initiation with the redirect to the platform's
    authorization URL (state cookie and nonce set by pylti1p3)."""
    login = DjangoOIDCLogin(request, ToolConfig(), launch_data_storage=_storage())
    try:
        response: HttpResponse = login.redirect(launch_url)
    except (LtiException, OIDCException) as error:
        raise explain(error) from error
    # Keep what the platform sent, under the state it will post back: if the browser drops
    # the state cookie (an LMS iframe with third-party cookies blocked), the launch page
    # offers to start again from these in a new tab.
    state = parse_qs(urlsplit(response["Location"]).query).get("state", [""])[0]
    params = request.POST if request.method == "POST" else request.GET
    kept = {name: params[name] for name in LOGIN_PARAMS if params.get(name)}
    if state:
        cache.set(f"lti-login-params:{state}", kept, LOGIN_PARAMS_SECONDS)
    return response


def login_params_for_state(state: str) -> dict[str, str] | None:
    """The login parameters a state was issued for, while they are kept."""
    kept: dict[str, str] | None = cache.get(f"lti-login-params:{state}")
    return kept


def cookie_failure(rejected: LaunchRejected) -> bool:
    """Whether only the browser's cookies failed (a third-party iframe), not the launch."""
    return rejected.detail.startswith(("State not found", "Missing %s cookie"))


def message_launch(request: HttpRequest) -> DjangoMessageLaunch:
    """The validated launch of this POST, or LaunchRejected naming the failed check."""
    storage = _storage()
    try:
        # Constructing it already reads pylti1p3's session cookie (on HTTPS).
        launch = DjangoMessageLaunch(
            request, ToolConfig(), launch_data_storage=storage, requests_session=TimeoutSession()
        )
        launch.set_public_key_caching(storage, cache_lifetime=PLATFORM_KEYS_CACHE_SECONDS)
        launch.validate()
    except LtiException as error:
        raise explain(error) from error
    audience_check(launch.get_launch_data(), client_id=launch.get_client_id())
    return launch


def audience_check(body: dict[str, Any], *, client_id: str) -> None:
    """The id_token is meant for mlquiz (IMS Security Framework 5.1.3, items 3 and 4).
    pylti1p3 found the registration by the first ``aud`` and never reads ``azp``: a token with
    several audiences must name mlquiz's client id as its authorized party, and an ``azp``
    naming another client is refused."""
    aud = body.get("aud")
    audiences = aud if isinstance(aud, list) else [aud]
    azp = body.get("azp")
    if client_id not in audiences:
        raise LaunchRejected("The id_token was not issued to mlquiz.", f"aud: {aud}")
    if len(audiences) > 1 and azp is None:
        raise LaunchRejected(
            "The id_token was not issued to mlquiz.",
            f"aud names {len(audiences)} clients and there is no azp naming mlquiz's.",
        )
    if azp is not None and azp != client_id:
        raise LaunchRejected(
            "The id_token was not issued to mlquiz.", f"azp is {azp!r}, not {client_id!r}."
        )


def message_launch_restore(request: HttpRequest, launch_id: str) -> DjangoMessageLaunch:
    """A launch validated earlier in this session (deep linking answers it later), or
    LaunchRejected when it has expired from the cache."""
    try:
        return DjangoMessageLaunch.from_cache(
            launch_id, request, ToolConfig(), launch_data_storage=_storage()
        )
    except LtiException as error:
        raise LaunchRejected(
            "This deep linking request has expired.", "Start it again from the LMS.", 410
        ) from error


def service_connector(registration: LtiRegistration) -> ServiceConnector:
    """pylti1p3's OAuth2 client for the platform's services (AGS, NRPS): it signs a client
    assertion (RFC 7523) with the tool's current key and trades it for a bearer token."""
    return ServiceConnector(registration.to_registration(), requests_session=TimeoutSession())
