"""Lesson, Exercise and ExerciseVersion move here from the exercises app.

Only Django's picture of the models moves: the tables keep their names (db_table) and
every row stays where it is. The content types follow, so admin history and permissions
keep pointing at the same models.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models


MODELS = ("lesson", "exercise", "exerciseversion")


def _relabel(apps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor) -> None:
    _relabel(apps, "exercises", "catalog")


def move_content_types_back(apps, schema_editor) -> None:
    _relabel(apps, "catalog", "exercises")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        # The tables were created there; on an existing database they hold the rows.
        ("exercises", "0004_authoring_dashboard_index_user_first"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Exercise",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("uuid", models.UUIDField(default=uuid.uuid4, unique=True)),
                        ("slug", models.SlugField(max_length=80, unique=True)),
                        ("title", models.CharField(max_length=200)),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("linear-algebra", "Linear algebra"),
                                    ("eigen-svd", "Eigenvalues, SVD and PCA"),
                                    ("calculus", "Calculus"),
                                    ("optimization", "Optimization"),
                                    ("probability", "Probability"),
                                    ("statistics", "Statistics"),
                                    ("information-theory", "Information theory"),
                                    ("numerics", "Numerical methods"),
                                    ("linear-models", "Linear models"),
                                    ("deep-learning", "Deep learning"),
                                ],
                                max_length=40,
                            ),
                        ),
                        (
                            "difficulty",
                            models.CharField(
                                choices=[("easy", "Easy"), ("medium", "Medium"), ("hard", "Hard")],
                                default="easy",
                                max_length=10,
                            ),
                        ),
                        ("points", models.PositiveIntegerField(default=10)),
                        ("order", models.PositiveIntegerField(default=0)),
                        ("tags", models.JSONField(blank=True, default=list)),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                default="published",
                                max_length=10,
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True)),
                        ("source_path", models.CharField(blank=True, max_length=300)),
                        ("sync_errors", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "db_table": "exercises_exercise",
                        "ordering": ["lesson__order", "order", "title"],
                    },
                ),
                migrations.CreateModel(
                    name="Lesson",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("uuid", models.UUIDField(default=uuid.uuid4, unique=True)),
                        ("slug", models.SlugField(max_length=80, unique=True)),
                        ("title", models.CharField(max_length=200)),
                        ("order", models.PositiveIntegerField(default=0)),
                        ("summary", models.TextField(blank=True)),
                        ("body_md", models.TextField(blank=True)),
                        ("body_html", models.TextField(blank=True)),
                        ("toc", models.JSONField(blank=True, default=list)),
                        ("is_active", models.BooleanField(default=True)),
                        ("source_path", models.CharField(blank=True, max_length=300)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "db_table": "exercises_lesson",
                        "ordering": ["order", "title"],
                    },
                ),
                migrations.CreateModel(
                    name="ExerciseVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("number", models.PositiveIntegerField()),
                        ("function_name", models.CharField(max_length=100)),
                        ("statement_md", models.TextField()),
                        ("statement_html", models.TextField(blank=True)),
                        ("starter_code", models.TextField()),
                        ("reference_code", models.TextField()),
                        ("cases_code", models.TextField()),
                        ("solution_md", models.TextField(blank=True)),
                        ("solution_html", models.TextField(blank=True)),
                        ("meta", models.JSONField(default=dict)),
                        ("content_hash", models.CharField(max_length=64)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "exercise",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="versions",
                                to="catalog.exercise",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "exercises_exerciseversion",
                        "ordering": ["exercise", "-number"],
                    },
                ),
                migrations.AddField(
                    model_name="exercise",
                    name="current_version",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="catalog.exerciseversion",
                    ),
                ),
                migrations.AddField(
                    model_name="exercise",
                    name="lesson",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="exercises",
                        to="catalog.lesson",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="exerciseversion",
                    constraint=models.UniqueConstraint(
                        fields=("exercise", "number"), name="unique_exercise_version"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
