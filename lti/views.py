"""LTI endpoints (login, launch, JWKS, deep linking) and the staff page of grade sync.

The LMS posts to login and launch from another site, so both are CSRF-exempt (the OIDC state
and nonce protect them instead); every refusal is a 4xx page naming the failed check.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from lti_tool.models import Key, LtiLaunch

from accounts.decorators import AuthenticatedHttpRequest
from accounts.roles import is_site_maintainer
from courses.access import ALL_STAFF
from courses.models import Course
from courses.selectors import course_get_for_staff
from courses.views import course_view
from lti import selectors, services, tool
from lti.tool import LaunchRejected

DEEP_LINK_SESSION_KEY = "lti_deep_link_launch"


def _rejected(request: HttpRequest, rejected: LaunchRejected) -> HttpResponse:
    return render(request, "lti/rejected.html", {"rejected": rejected}, status=rejected.status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def login(request: HttpRequest) -> HttpResponse:
    """OIDC third-party login initiation: redirect to the platform's authorization URL."""
    try:
        return tool.oidc_login(
            request, launch_url=request.build_absolute_uri(reverse("lti:launch"))
        )
    except LaunchRejected as rejected:
        return _rejected(request, rejected)


@csrf_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """The platform's form post with the id_token: validate, sign in, land on the item."""
    try:
        message_launch = tool.message_launch(request)
        outcome = services.launch_accept(lti_launch=LtiLaunch(message_launch))
    except LaunchRejected as rejected:
        if tool.cookie_failure(rejected):
            params = tool.login_params_for_state(request.POST.get("state", ""))
            if params:
                new_tab = reverse("lti:login") + "?" + urlencode(params)
                # Still a refusal (403): the frame shows the page, with the way out.
                return render(request, "lti/new_tab.html", {"url": new_tab}, status=403)
        return _rejected(request, rejected)
    auth_login(request, outcome.user, backend="django.contrib.auth.backends.ModelBackend")
    if outcome.deep_link:
        request.session[DEEP_LINK_SESSION_KEY] = message_launch.get_launch_id()
        request.session["lti_deep_link_course"] = outcome.course.pk
    if outcome.roster_context_course_id is not None:
        binding_id = outcome.roster_context_course_id
        transaction.on_commit(lambda: _sync_roster_later(binding_id))
    for note in outcome.notes:
        messages.info(request, note)
    return redirect(outcome.redirect_url)


def _sync_roster_later(binding_id: int) -> None:
    from lti.tasks import sync_roster

    try:
        sync_roster.delay(binding_id)
    except Exception:
        services.logger.warning("could not enqueue the roster sync of binding %s", binding_id)


def jwks(request: HttpRequest) -> JsonResponse:
    """The tool's public keys (current and recently rotated), with their kid."""
    return JsonResponse(Key.objects.as_jwks())


@xframe_options_exempt
@require_http_methods(["GET"])
def register(request: HttpRequest) -> HttpResponse:
    """LTI Dynamic Registration: the LMS opens this URL (in a frame or a window) with
    ``openid_configuration`` and ``registration_token``; mlquiz registers itself there."""
    openid_configuration = request.GET.get("openid_configuration", "")
    if not openid_configuration:
        rejected = LaunchRejected(
            "This is mlquiz's LTI registration URL.",
            "Paste it into your LMS's dynamic registration: it adds openid_configuration.",
            400,
        )
        return _rejected(request, rejected)
    activate = is_site_maintainer(request.user)
    try:
        registration = services.platform_register_dynamic(
            openid_configuration=openid_configuration,
            registration_token=request.GET.get("registration_token", ""),
            tool_url=request.build_absolute_uri("/").rstrip("/"),
            activate=activate,
        )
    except services.RegistrationFailed as error:
        rejected = LaunchRejected("mlquiz could not register with this LMS.", str(error), 400)
        return _rejected(request, rejected)
    response = render(request, "lti/registered.html", {"registration": registration})
    # The LMS shows this page in a frame of its own: let that one site frame it.
    lms = urlsplit(openid_configuration)
    config = dict(settings.SECURE_CSP)
    config["frame-ancestors"] = [CSP.SELF, f"{lms.scheme}://{lms.netloc}"]
    response._csp_config = config  # type: ignore[attr-defined]
    return response


@login_required
@require_http_methods(["GET", "POST"])
def deep_link(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An instructor's deep-linking request: pick items; the answer goes back to the LMS as a
    signed form post (content items with ``custom.item`` and a line item each)."""
    launch_id = request.session.get(DEEP_LINK_SESSION_KEY)
    course_id = request.session.get("lti_deep_link_course")
    if not launch_id or not course_id:
        return _rejected(
            request,
            LaunchRejected("No deep linking request is open.", "Start it from the LMS.", 400),
        )
    course, _role = course_get_for_staff(user=request.user, course_id=int(course_id))
    try:
        message_launch = tool.message_launch_restore(request, str(launch_id))
    except LaunchRejected as rejected:
        return _rejected(request, rejected)
    choices = selectors.deep_link_choices(user=request.user, course=course)
    if request.method == "GET":
        return render(request, "lti/deep_link.html", {"course": course, "choices": choices})
    picked_keys = set(request.POST.getlist("item"))
    picked = [c for c in choices if c.item.key in picked_keys]
    if not picked:
        messages.error(request, "Pick at least one item.")
        return render(
            request, "lti/deep_link.html", {"course": course, "choices": choices}, status=400
        )
    resources = services.deep_link_resources(
        course=course,
        picked=[(c.item, c.points) for c in picked],
        launch_url=request.build_absolute_uri(reverse("lti:launch")),
    )
    deep_link_service = message_launch.get_deep_link()
    token = deep_link_service.get_response_jwt(resources)
    settings_claim = message_launch.get_launch_data().get(
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings", {}
    )
    return_url = str(settings_claim.get("deep_link_return_url", ""))
    del request.session[DEEP_LINK_SESSION_KEY]
    response = render(
        request,
        "lti/deep_link_return.html",
        {"return_url": return_url, "jwt": token, "n": len(picked)},
    )
    # The answer is a form posted to the LMS: allow that one origin as a form target.
    parts = urlsplit(return_url)
    config = dict(settings.SECURE_CSP)
    config["form-action"] = [CSP.SELF, f"{parts.scheme}://{parts.netloc}"]
    response._csp_config = config  # type: ignore[attr-defined]
    return response


@course_view(roles=ALL_STAFF)
def course_sync(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    """Staff: per item, how many scores reached the LMS; the roster's last sync."""
    return render(
        request,
        "lti/course_sync.html",
        {
            "course": course,
            "items": selectors.sync_status(course=course),
            "roster": selectors.roster_status(course=course),
        },
    )


@course_view(methods=["POST"], roles=ALL_STAFF)
def course_sync_retry(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    """Staff's "retry now" for one item's unsent scores."""
    kind, _, raw_id = request.POST.get("item", "").partition(":")
    if kind not in {"exercise", "quiz"} or not raw_id.isdigit():
        messages.error(request, "Choose an item to retry.")
        return redirect("lti:course_sync", course_id=course.pk)
    item_id = int(raw_id)
    ids = services.outbox_retry_now(
        course=course,
        exercise_id=item_id if kind == "exercise" else None,
        quiz_id=item_id if kind == "quiz" else None,
    )
    messages.success(request, f"{len(ids)} score(s) queued to send now.")
    return redirect("lti:course_sync", course_id=course.pk)


@course_view(methods=["POST"], roles=ALL_STAFF)
def course_roster_sync(request: AuthenticatedHttpRequest, course: Course) -> HttpResponse:
    """Staff: fetch the LMS roster now (NRPS)."""
    binding = selectors.roster_status(course=course).binding
    if binding is None:
        messages.error(request, "This course is not linked to an LMS course.")
        return redirect("lti:course_sync", course_id=course.pk)
    report = services.roster_sync(binding_id=binding.pk)
    if report.error:
        messages.error(request, report.error)
    else:
        messages.success(
            request,
            f"Roster synced: {report.enrolled} learner(s), {report.staff} staff, "
            f"{report.dropped} no longer in the LMS course.",
        )
    return redirect("lti:course_sync", course_id=course.pk)
