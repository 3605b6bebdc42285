"""A small LMS for the LTI tests, built on lti1p3platform and run as its own process.

It does what Canvas or Moodle do for mlquiz, with real RSA-signed JWTs: starts launches
(OIDC third-party login → authorization → auto-posted id_token), answers deep linking, issues
OAuth2 client-credentials tokens against the tool's JWKS (RFC 7523 client assertions), takes
AGS scores on line items and serves an NRPS roster. Tests steer it over HTTP: ``POST /control``
(JSON: configuration, misbehaviours, "down") and read what it received from ``GET /state``.

Run: ``python lti/tests/lms_platform.py PORT`` (the ``lms`` fixture in conftest.py does).
It keeps its state in memory; a test resets it with ``{"reset": true}``.
"""

from __future__ import annotations

import html
import json
import sys
import threading
import typing as t
import uuid
from pathlib import Path

import django
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        SECRET_KEY="lms-platform-for-tests-only",
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        USE_TZ=True,
    )
    django.setup()

import jwt  # noqa: E402
from django.http import HttpRequest, HttpResponse, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from jwcrypto.jwk import JWK  # noqa: E402
from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin  # noqa: E402
from lti1p3platform.framework.django.request import DjangoRequest  # noqa: E402
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract  # noqa: E402
from lti1p3platform.message_launch import LaunchData, LTIAdvantageMessageLaunchAbstract  # noqa: E402
from lti1p3platform.registration import Registration  # noqa: E402
from lti1p3platform.service_connector import (  # noqa: E402
    AssignmentsGradesService,
    NamesRoleProvisioningService,
    TPage,
)

SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


def _keypair() -> tuple[str, str]:
    key = JWK.generate(kty="RSA", size=2048)
    return (
        key.export_to_pem(private_key=True, password=None).decode(),
        key.export_to_pem().decode(),
    )


PRIVATE, PUBLIC = _keypair()
ATTACKER_PRIVATE, _ = _keypair()
LOCK = threading.Lock()


def _fresh_state() -> dict[str, t.Any]:
    return {
        "config": {
            "client_id": "mlquiz-client",
            "deployment_id": "deployment-1",
            "tool_login_url": "",
            "tool_launch_url": "",
            "tool_keyset_url": "",
            "tool_keyset": None,
            # Misbehaviours, for the bad-input tests.
            "id_token_iss": None,  # sign the id_token with another issuer
            "id_token_deployment_id": None,
            "forge": False,  # sign with a key the platform does not publish, under its kid
            "expired": False,
            "id_token_claims": {},  # claims to set as they are (aud, azp, iat…)
            "down": False,  # token, scores and roster answer 503
        },
        "launches": {},
        "lineitems": {},
        "scores": [],
        "deep_link_items": [],
        "members": [],
        "token_requests": 0,
        "jwks_requests": 0,
        "token_assertions": [],
    }


STATE = _fresh_state()


def base_url(request: HttpRequest) -> str:
    return f"http://{request.get_host()}"


def registration_for(request: HttpRequest) -> Registration:
    config = STATE["config"]
    registration = (
        Registration()
        .set_iss(base_url(request))
        .set_client_id(config["client_id"])
        .set_deployment_id(config["deployment_id"])
        .set_oidc_login_url(config["tool_login_url"])
        .set_launch_url(config["tool_launch_url"])
        .set_deeplink_launch_url(config["tool_launch_url"])
        .set_platform_public_key(PUBLIC)
        .set_platform_private_key(PRIVATE)
    )
    if config["tool_keyset"]:
        registration.set_tool_key_set(config["tool_keyset"])
    else:
        registration.set_tool_key_set_url(config["tool_keyset_url"])
    return registration


class PlatformConfig(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs: t.Any) -> None:
        self._request = kwargs["request"]

    def get_registration_by_params(self, **kwargs: t.Any) -> Registration:
        return registration_for(self._request)


class OIDCLogin(DjangoAPIOIDCLogin):
    def set_lti_message_hint(self, **kwargs: t.Any) -> None:
        self._lti_message_hint = kwargs["hint"]


class MessageLaunch(LTIAdvantageMessageLaunchAbstract):
    def render_launch_form(self, launch_data: dict[str, t.Any], **kwargs: t.Any) -> HttpResponse:
        # What an LMS sends: a page that posts the id_token to the tool at once.
        body = (
            "<!doctype html><html lang='en'><head><title>Launching…</title></head><body>"
            f"<form method='post' action='{html.escape(launch_data['launch_url'])}' id='lti'>"
            f"<input type='hidden' name='id_token' value='{launch_data['id_token']}'>"
            f"<input type='hidden' name='state' value='{html.escape(launch_data['state'])}'>"
            "<button type='submit'>Continue</button></form>"
            "<script>document.getElementById('lti').submit()</script></body></html>"
        )
        return HttpResponse(body)

    def generate_launch_request(self) -> LaunchData:
        data = super().generate_launch_request()
        config = STATE["config"]
        changes: dict[str, t.Any] = {}
        if config["id_token_iss"]:
            changes["iss"] = config["id_token_iss"]
        if config["id_token_deployment_id"]:
            changes["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] = config[
                "id_token_deployment_id"
            ]
        if config["expired"]:
            changes["iat"], changes["exp"] = 1_000_000_000, 1_000_000_600
        changes.update(config["id_token_claims"])
        if changes or config["forge"]:
            assert self._registration is not None
            body = jwt.decode(data["id_token"], options={"verify_signature": False})
            body.update(changes)
            key = ATTACKER_PRIVATE if config["forge"] else PRIVATE
            headers = {"kid": self._registration.get_kid()}
            data["id_token"] = jwt.encode(body, key, algorithm="RS256", headers=headers)
        return data


def _control_view(request: HttpRequest) -> JsonResponse:
    global STATE
    payload = json.loads(request.body or b"{}")
    with LOCK:
        if payload.pop("reset", False):
            STATE = _fresh_state()
        if "members" in payload:
            STATE["members"] = payload.pop("members")
        if "lineitems" in payload:
            STATE["lineitems"].update(payload.pop("lineitems"))
        STATE["config"].update(payload)
    return JsonResponse({"ok": True})


control = csrf_exempt(_control_view)


def state(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {k: v for k, v in STATE.items() if k != "config"} | {"config": STATE["config"]}
    )


def jwks(request: HttpRequest) -> JsonResponse:
    with LOCK:
        STATE["jwks_requests"] += 1
    return JsonResponse({"keys": registration_for(request).get_jwks()})


def launch(request: HttpRequest) -> HttpResponse:
    """Start a launch as the LMS does when someone clicks a link: the query says who, in which
    course, on which link (and item), and whether it is a deep linking request."""
    params = request.GET
    hint = uuid.uuid4().hex
    rl = params.get("rl", "rl-1")
    lineitem = params.get("lineitem", "")
    if (
        params.get("kind", "resource") == "resource"
        and not lineitem
        and "no_lineitem" not in params
    ):
        lineitem = f"{base_url(request)}/lineitems/li-{rl}"
        with LOCK:
            STATE["lineitems"].setdefault(f"li-{rl}", {"label": rl, "scoreMaximum": 10})
    STATE["launches"][hint] = {
        "user": params.get("user", "student-1"),
        "name": params.get("name", "Ada Lovelace"),
        "email": params.get("email", "ada@example.edu"),
        "roles": params.getlist("role")
        or ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        "context": params.get("context", "course-101"),
        "context_title": params.get("context_title", "Machine learning 101"),
        "rl": rl,
        "item": params.get("item", ""),
        "kind": params.get("kind", "resource"),
        "lineitem": lineitem,
    }
    login = OIDCLogin(DjangoRequest(request), PlatformConfig(request=request))
    login.set_lti_message_hint(hint=hint)
    response: HttpResponse = login.initiate_login(STATE["launches"][hint]["user"])
    return response


@csrf_exempt
def authorize(request: HttpRequest) -> HttpResponse:
    """The OIDC authorization endpoint: check the tool's request, sign the id_token."""
    params = request.GET if request.method == "GET" else request.POST
    spec = STATE["launches"].get(params.get("lti_message_hint", ""))
    if spec is None or params.get("login_hint") != spec["user"]:
        return HttpResponse("unknown launch", status=400)
    for name, value in {
        "scope": "openid",
        "response_type": "id_token",
        "response_mode": "form_post",
        "prompt": "none",
    }.items():
        if params.get(name) != value:
            return HttpResponse(f"bad {name}", status=400)
    base = base_url(request)
    message = MessageLaunch(DjangoRequest(request), PlatformConfig(request=request))
    message.set_user_data(spec["user"], spec["roles"], spec["name"], spec["email"])
    message.set_launch_context_claim(
        spec["context"],
        ["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
        spec["context_title"],
        spec["context"].upper(),
    )
    message.set_nrps(f"{base}/memberships/{spec['context']}")
    message.set_launch_presentation_claim("iframe", f"{base}/return")
    if spec["kind"] == "deeplink":
        message.set_dl(f"{base}/deeplink/return", title="Add mlquiz items")
        message.set_ags(f"{base}/lineitems")
    else:
        message.set_resource_link_claim(spec["rl"], title=f"Link {spec['rl']}")
        if spec["item"]:
            message.set_custom_parameters_claim({"item": spec["item"]})
        if spec["lineitem"]:
            message.set_ags(f"{base}/lineitems", spec["lineitem"], allow_creating_lineitems=False)
    response: HttpResponse = message.lti_launch()
    return response


def _down() -> JsonResponse | None:
    if STATE["config"]["down"]:
        return JsonResponse({"error": "the LMS is down"}, status=503)
    return None


@csrf_exempt
def token(request: HttpRequest) -> JsonResponse:
    """OAuth2 client credentials with a JWT client assertion, verified with the tool's JWKS."""
    if (down := _down()) is not None:
        return down
    STATE["token_requests"] += 1
    form = request.POST.dict()
    if form.get("client_assertion_type") != JWT_BEARER:
        return JsonResponse({"error": "invalid_request"}, status=400)
    config = PlatformConfig(request=request)
    config.get_registration()
    try:
        answer = config.get_access_token(form)
        # Verified above against the tool's key set; kept for the tests to read.
        assertion = form["client_assertion"]
        STATE["token_assertions"].append(
            {
                "header": jwt.get_unverified_header(assertion),
                "claims": jwt.decode(assertion, options={"verify_signature": False}),
                "grant_type": form.get("grant_type"),
                "scope": form.get("scope"),
            }
        )
        return JsonResponse(answer)
    except Exception as error:
        return JsonResponse(
            {"error": "invalid_client", "error_description": str(error)}, status=400
        )


class Grades(AssignmentsGradesService):
    def find_lineitems(self, **kwargs: t.Any) -> TPage:
        return {"content": list(STATE["lineitems"].values()), "has_next": False}

    def find_lineitem(self, line_item_id: str) -> t.Any:
        return STATE["lineitems"][line_item_id]

    def create_lineitem(self, creation_data: t.Any) -> t.Any:
        return creation_data

    def update_lineitem(self, update_data: t.Any) -> t.Any:
        return update_data

    def delete_lineitem(self, line_item_id: str) -> None:
        return None

    def update_score(self, line_item_id: str, score: t.Any) -> t.Any:
        from lti1p3platform.exceptions import LineItemNotFoundException
        from lti1p3platform.score import UpdateScoreStatus

        if line_item_id not in STATE["lineitems"]:
            raise LineItemNotFoundException
        with LOCK:
            STATE["scores"].append({"lineitem": line_item_id, **score})
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id: str, **kwargs: t.Any) -> TPage:
        return {"content": [], "has_next": False}


@csrf_exempt
def scores(request: HttpRequest, line_item_id: str) -> HttpResponse:
    if (down := _down()) is not None:
        return down
    if request.content_type != "application/vnd.ims.lis.v1.score+json":
        return JsonResponse({"error": "wrong content type"}, status=415)
    config = PlatformConfig(request=request)
    config.get_registration()
    service = Grades(DjangoRequest(request), config, f"{base_url(request)}/lineitems")
    result = service.handle_resp(service.handle_update_score, line_item_id=line_item_id)
    return JsonResponse({"message": result.message}, status=result.code)


class Roster(NamesRoleProvisioningService):
    def __init__(self, request: t.Any, config: t.Any, url: str, context_id: str) -> None:
        super().__init__(request, config, url)
        self.context_id = context_id

    def get_member_data_page(self, **kwargs: t.Any) -> TPage:
        return {"content": [dict(m) for m in STATE["members"]], "has_next": False}

    def get_context_by_id(self) -> t.Any:
        from lti1p3platform.membership import Context

        return Context(id=self.context_id, label=self.context_id.upper(), title=self.context_id)


def memberships(request: HttpRequest, context_id: str) -> HttpResponse:
    if (down := _down()) is not None:
        return down
    config = PlatformConfig(request=request)
    config.get_registration()
    url = f"{base_url(request)}/memberships/{context_id}"
    service = Roster(DjangoRequest(request), config, url, context_id)
    result = service.handle_resp(service.handle_get_members)
    if result.code != 200:
        return JsonResponse({"error": result.message}, status=result.code)
    return JsonResponse(
        result.result,
        content_type="application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
    )


@csrf_exempt
def deep_link_return(request: HttpRequest) -> HttpResponse:
    """Where the tool posts its deep linking answer: verify it, create the line items."""
    config = PlatformConfig(request=request)
    config.get_registration()
    try:
        items = config.validate_deeplinking_resp(request.POST.dict())
    except Exception as error:
        return HttpResponse(f"deep linking response refused: {error}", status=400)
    with LOCK:
        for item in items:
            STATE["deep_link_items"].append(item)
            if "lineItem" in item:
                line_id = f"dl-{len(STATE['lineitems']) + 1}"
                STATE["lineitems"][line_id] = item["lineItem"] | {"id": line_id}
    return HttpResponse(f"<p data-received>{len(items)} item(s) added</p>")


def course_page(request: HttpRequest) -> HttpResponse:
    """An LMS course page showing a tool link in an iframe, as Canvas does."""
    src = "/launch?" + request.GET.urlencode()
    return HttpResponse(
        "<!doctype html><html lang='en'><head><title>LMS course</title>"
        "<style>body{font-family:sans-serif;margin:0}header{background:#394b58;color:#fff;"
        "padding:12px}iframe{width:100%;height:760px;border:0}</style></head><body>"
        "<header>Test LMS · Machine learning 101</header>"
        f"<iframe id='tool' title='mlquiz' src='{html.escape(src)}'></iframe></body></html>"
    )


def openid_configuration(request: HttpRequest) -> JsonResponse:
    """What Canvas and Moodle publish for LTI Dynamic Registration."""
    base = base_url(request)
    return JsonResponse(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "registration_endpoint": f"{base}/register",
            "https://purl.imsglobal.org/spec/lti-platform-configuration": {
                "product_family_code": "test-lms",
                "version": "1.0",
            },
        }
    )


@csrf_exempt
def dynamic_register(request: HttpRequest) -> JsonResponse:
    if request.headers.get("Authorization") != "Bearer registration-token-1":
        return JsonResponse({"error": "invalid token"}, status=401)
    body = json.loads(request.body)
    with LOCK:
        STATE["registrations"] = [*STATE.get("registrations", []), body]
    tool = body["https://purl.imsglobal.org/spec/lti-tool-configuration"]
    return JsonResponse(
        body
        | {
            "client_id": "dynamic-client-1",
            "https://purl.imsglobal.org/spec/lti-tool-configuration": tool
            | {"deployment_id": "dynamic-deployment-1"},
        }
    )


urlpatterns = [
    path(".well-known/openid-configuration", openid_configuration),
    path("register", dynamic_register),
    path("control", control),
    path("state", state),
    path("jwks", jwks),
    path("launch", launch),
    path("authorize", authorize),
    path("token", token),
    path("lineitems/<str:line_item_id>/scores", scores),
    path("memberships/<str:context_id>", memberships),
    path("deeplink/return", deep_link_return),
    path("course", course_page),
]


if __name__ == "__main__":
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import run

    run("127.0.0.1", int(sys.argv[1]), WSGIHandler(), threading=True)
