from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class LtiConfig(AppConfig):
    """LTI 1.3 Advantage: launches from an LMS, deep linking, grade passback, roster sync."""

    name = "lti"
    verbose_name = "LTI 1.3"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.signals import results_rebuilt

        results_rebuilt.connect(on_results_rebuilt, dispatch_uid="lti.outbox")


def on_results_rebuilt(sender: object, *, course_id: int, results: list[Any], **_: Any) -> None:
    """Scores changed: queue the ones linked to an LMS line item, in the same transaction."""
    from lti.services import outbox_record

    outbox_record(course_id=course_id, results=results)
