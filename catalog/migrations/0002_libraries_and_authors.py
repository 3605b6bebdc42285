"""Material gets owners: every lesson and exercise existing so far came from content/ (or was
authored for everybody), so it becomes the site library's. Versions record their author."""

from typing import Any

import catalog.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_site_library(apps: Any, schema_editor: Any) -> None:
    library_model = apps.get_model("catalog", "Library")
    site, _ = library_model.objects.get_or_create(kind="site", defaults={"title": "Site library"})
    apps.get_model("catalog", "Lesson").objects.filter(library=None).update(library=site)
    apps.get_model("catalog", "Exercise").objects.filter(library=None).update(library=site)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="exercise",
            name="copied_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="copies",
                to="catalog.exercise",
            ),
        ),
        migrations.AddField(
            model_name="exerciseversion",
            name="author",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="exerciseversion",
            name="message",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="lesson",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="lesson",
            name="copied_from",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="copies",
                to="catalog.lesson",
            ),
        ),
        migrations.AddField(
            model_name="lesson",
            name="is_published",
            field=models.BooleanField(default=True),
        ),
        migrations.CreateModel(
            name="Library",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("site", "Site library"),
                            ("personal", "My library"),
                            ("course", "Course"),
                        ],
                        max_length=10,
                    ),
                ),
                ("title", models.CharField(max_length=200)),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        help_text="The instructor of a personal library.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="libraries",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="exercise",
            name="library",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="exercises",
                to="catalog.library",
            ),
        ),
        migrations.AddField(
            model_name="lesson",
            name="library",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lessons",
                to="catalog.library",
            ),
        ),
        migrations.AddConstraint(
            model_name="library",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "site")), fields=("kind",), name="one_site_library"
            ),
        ),
        migrations.AddConstraint(
            model_name="library",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "personal")),
                fields=("user",),
                name="one_personal_library",
            ),
        ),
        migrations.RunPython(to_site_library, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="exercise",
            name="library",
            field=models.ForeignKey(
                default=catalog.models.site_library_pk,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="exercises",
                to="catalog.library",
            ),
        ),
        migrations.AlterField(
            model_name="lesson",
            name="library",
            field=models.ForeignKey(
                default=catalog.models.site_library_pk,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="lessons",
                to="catalog.library",
            ),
        ),
    ]
