"""Quizzes get owners: the existing ones become the site library's."""

from typing import Any

import catalog.models
import django.db.models.deletion
from django.db import migrations, models


def to_site_library(apps: Any, schema_editor: Any) -> None:
    library_model = apps.get_model("catalog", "Library")
    site, _ = library_model.objects.get_or_create(kind="site", defaults={"title": "Site library"})
    apps.get_model("quizzes", "Quiz").objects.filter(library=None).update(library=site)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_libraries_and_authors"),
        ("quizzes", "0003_quiz_uuid_and_source"),
    ]

    operations = [
        migrations.AddField(
            model_name="quiz",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="quiz",
            name="copied_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="copies",
                to="quizzes.quiz",
            ),
        ),
        migrations.AddField(
            model_name="quiz",
            name="library",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="quizzes",
                to="catalog.library",
            ),
        ),
        migrations.RunPython(to_site_library, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="quiz",
            name="library",
            field=models.ForeignKey(
                default=catalog.models.site_library_pk,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="quizzes",
                to="catalog.library",
            ),
        ),
    ]
