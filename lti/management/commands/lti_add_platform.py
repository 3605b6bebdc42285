"""Register an LMS (an LTI 1.3 platform) with mlquiz: the values come from the LMS's
developer-key or external-tool page (docs/lti.md). Idempotent: the same issuer and client id
update the existing registration, and each deployment id is added (active) once."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator

from lti.services import PlatformSpec, platform_register


class Command(BaseCommand):
    help = "Register (or update) an LTI 1.3 platform and its deployment ids."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--issuer",
            required=True,
            help="The platform's iss, e.g. https://canvas.instructure.com",
        )
        parser.add_argument(
            "--client-id", required=True, help="The client id the platform gave mlquiz"
        )
        parser.add_argument(
            "--deployment-id",
            required=True,
            action="append",
            dest="deployment_ids",
            help="A deployment id (repeat the option for several)",
        )
        parser.add_argument(
            "--auth-login-url", required=True, help="The platform's OIDC authorization URL"
        )
        parser.add_argument(
            "--auth-token-url", required=True, help="The platform's OAuth2 token URL"
        )
        parser.add_argument("--key-set-url", required=True, help="The platform's JWKS URL")
        parser.add_argument("--name", default="", help="A display name (default: the issuer)")
        parser.add_argument(
            "--audience", default="", help="The token endpoint's audience, if not its URL"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        valid_url = URLValidator()
        for option in ("auth_login_url", "auth_token_url", "key_set_url"):
            try:
                valid_url(options[option])
            except ValidationError as error:
                raise CommandError(
                    f"--{option.replace('_', '-')} is not a URL: {options[option]}"
                ) from error
        registration, created = platform_register(
            spec=PlatformSpec(
                issuer=options["issuer"],
                client_id=options["client_id"],
                deployment_ids=tuple(options["deployment_ids"]),
                auth_login_url=options["auth_login_url"],
                auth_token_url=options["auth_token_url"],
                key_set_url=options["key_set_url"],
                name=options["name"],
                audience=options["audience"],
            )
        )
        verb = "Registered" if created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {registration.issuer} (client id {registration.client_id}) with "
                f"deployment(s) {', '.join(options['deployment_ids'])}."
            )
        )
