"""StudentResults: each student's ItemResult rows of a course folded into one row (the
gradebook reads these), filled here from the results that exist."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps: Any, schema_editor: Any) -> None:
    """One INSERT … SELECT, grouped as ``courses.scoring._student_results_refresh`` groups."""
    result = apps.get_model("courses", "ItemResult")._meta.db_table
    summary = apps.get_model("courses", "StudentResults")._meta.db_table
    if schema_editor.connection.vendor == "postgresql":
        aggregate = "json_agg({})::text".format
    else:
        aggregate = "json_group_array({})".format
    cells = (
        f"'[' || {aggregate('COALESCE(exercise_id, -quiz_id)')} || ',' || "
        f"{aggregate('fraction')} || ',' || {aggregate('late')} || ']'"
    )
    schema_editor.execute(
        f"INSERT INTO {summary} (course_id, user_id, cells) "  # noqa: S608
        f"SELECT course_id, user_id, {cells} FROM {result} GROUP BY course_id, user_id"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0007_regrade_heartbeat"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StudentResults",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("cells", models.TextField()),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.course",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("course", "user"), name="student_results_once")
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
