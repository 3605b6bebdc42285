"""LTI Dynamic Registration against the test LMS: mlquiz reads its OpenID configuration, posts
its tool configuration with the registration token and stores the client id it gets; what an
anonymous visitor registers waits for an administrator."""

from __future__ import annotations

from django.contrib.auth.models import Group, User
from django.test import Client
from lti_tool.models import LtiRegistration

from lti.tests.conftest import Lms


def register_url(lms: Lms, token: str = "registration-token-1") -> str:
    return (
        f"/lti/register/?openid_configuration={lms.base}/.well-known/openid-configuration"
        f"&registration_token={token}"
    )


def test_dynamic_registration_registers_mlquiz_inactive_until_an_admin_activates_it(
    lms: Lms,
) -> None:
    response = Client().get(register_url(lms))
    body = response.content.decode()
    assert response.status_code == 200, body
    assert "dynamic-client-1" in body and "data-needs-activation" in body
    assert lms.base in response["Content-Security-Policy"]  # the LMS may frame this page
    registration = LtiRegistration.objects.get(client_id="dynamic-client-1")
    assert registration.issuer == lms.base and not registration.is_active
    assert registration.token_url == f"{lms.base}/token"
    assert list(registration.deployments.values_list("deployment_id", flat=True)) == [
        "dynamic-deployment-1"
    ]
    sent = lms.state()["registrations"][0]
    assert sent["initiate_login_uri"] == "http://testserver/lti/login/"
    assert sent["redirect_uris"] == ["http://testserver/lti/launch/"]
    assert sent["jwks_uri"] == "http://testserver/lti/jwks/"
    assert sent["token_endpoint_auth_method"] == "private_key_jwt"
    messages = sent["https://purl.imsglobal.org/spec/lti-tool-configuration"]["messages"]
    assert {m["type"] for m in messages} == {"LtiResourceLinkRequest", "LtiDeepLinkingRequest"}


def test_a_site_maintainer_registering_activates_at_once(lms: Lms) -> None:
    maintainer = User.objects.create_user("admin-1")
    maintainer.groups.add(Group.objects.get_or_create(name="Site maintainers")[0])
    client = Client()
    client.force_login(maintainer)
    assert client.get(register_url(lms)).status_code == 200
    assert LtiRegistration.objects.get(client_id="dynamic-client-1").is_active


def test_bad_registration_requests_are_4xx_pages(lms: Lms) -> None:
    client = Client()
    assert client.get("/lti/register/").status_code == 400
    response = client.get(register_url(lms, token="wrong"))
    assert response.status_code == 400
    assert "HTTP 401" in response.content.decode()
    response = client.get("/lti/register/?openid_configuration=not-a-url")
    assert response.status_code == 400
    response = client.get("/lti/register/?openid_configuration=http://127.0.0.1:9/nothing")
    assert response.status_code == 400
    assert "could not be reached" in response.content.decode()
    assert not LtiRegistration.objects.filter(client_id="dynamic-client-1").exists()
