"""Courses v2: staff roles (each existing owner becomes the course's owner row), a library per
course, time zones, late policies, extensions, overrides, the audit log, per-student results
(filled from existing submissions and attempts by the next migration) and regrade jobs."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def owners_and_libraries(apps: Any, schema_editor: Any) -> None:
    course_model = apps.get_model("courses", "Course")
    staff_model = apps.get_model("courses", "CourseStaff")
    library_model = apps.get_model("catalog", "Library")
    for course in course_model.objects.filter(library=None):
        course.library = library_model.objects.create(kind="course", title=course.title)
        course.save(update_fields=["library"])
        staff_model.objects.get_or_create(
            course=course, user_id=course.owner_id, defaults={"role": "owner"}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_libraries_and_authors"),
        ("courses", "0003_course_material_in_catalog"),
        ("quizzes", "0004_quiz_library"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="course",
            name="archived_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="course",
            name="library",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="course",
                to="catalog.library",
            ),
        ),
        migrations.AddField(
            model_name="course",
            name="time_zone",
            field=models.CharField(default="UTC", max_length=64),
        ),
        migrations.AddField(
            model_name="courseexercise",
            name="late_penalty_percent",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Taken off a late score (policy 'penalty'), 0 to 100."
            ),
        ),
        migrations.AddField(
            model_name="courseexercise",
            name="late_policy",
            field=models.CharField(
                choices=[
                    ("penalty", "Accept late work with a penalty"),
                    ("no_credit", "Accept late work for no credit"),
                    ("closed", "Closed after the due date"),
                ],
                default="penalty",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="courseexercise",
            name="points",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="coursequiz",
            name="late_penalty_percent",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="Taken off a late score (policy 'penalty'), 0 to 100."
            ),
        ),
        migrations.AddField(
            model_name="coursequiz",
            name="late_policy",
            field=models.CharField(
                choices=[
                    ("penalty", "Accept late work with a penalty"),
                    ("no_credit", "Accept late work for no credit"),
                    ("closed", "Closed after the due date"),
                ],
                default="penalty",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="coursequiz",
            name="points",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="RegradeJob",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "policy",
                    models.CharField(
                        choices=[
                            ("up_only", "Scores may only go up"),
                            ("recompute", "Recompute (scores may go down)"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Running"),
                            ("done", "Done"),
                            ("failed", "Failed"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("total", models.PositiveIntegerField(default=0)),
                ("done", models.PositiveIntegerField(default=0)),
                ("changed", models.PositiveIntegerField(default=0)),
                ("error", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="regrades",
                        to="courses.course",
                    ),
                ),
                (
                    "exercise",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.exercise",
                    ),
                ),
                (
                    "quiz",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="quizzes.quiz",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "student",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="AuditEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("action", models.CharField(max_length=40)),
                ("summary", models.CharField(max_length=500)),
                ("detail", models.JSONField(blank=True, default=dict)),
                ("at", models.DateTimeField(auto_now_add=True)),
                (
                    "actor",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="audit",
                        to="courses.course",
                    ),
                ),
                (
                    "student",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-id"],
                "indexes": [models.Index(fields=["course", "-at"], name="audit_course_at")],
            },
        ),
        migrations.CreateModel(
            name="CourseStaff",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("owner", "Owner"),
                            ("instructor", "Instructor"),
                            ("ta", "Teaching assistant"),
                        ],
                        max_length=12,
                    ),
                ),
                ("added_at", models.DateTimeField(auto_now_add=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff",
                        to="courses.course",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="course_roles",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["added_at"],
                "indexes": [models.Index(fields=["user", "course"], name="staff_user_course")],
                "constraints": [
                    models.UniqueConstraint(fields=("course", "user"), name="unique_course_staff")
                ],
            },
        ),
        migrations.CreateModel(
            name="Extension",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("due_at", models.DateTimeField(blank=True, null=True)),
                ("time_multiplier", models.FloatField(blank=True, null=True)),
                ("reason", models.CharField(blank=True, max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.course",
                    ),
                ),
                (
                    "exercise",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.exercise",
                    ),
                ),
                (
                    "granted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "quiz",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="quizzes.quiz",
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
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("exercise__isnull", False), ("quiz__isnull", True)),
                            models.Q(("exercise__isnull", True), ("quiz__isnull", False)),
                            _connector="OR",
                        ),
                        name="extension_one_item",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("exercise__isnull", False)),
                        fields=("course", "user", "exercise"),
                        name="unique_extension_exercise",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("quiz__isnull", False)),
                        fields=("course", "user", "quiz"),
                        name="unique_extension_quiz",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ItemResult",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("fraction", models.FloatField(default=0)),
                ("best_raw", models.FloatField(default=0)),
                ("late", models.BooleanField(default=False)),
                ("attempts", models.PositiveIntegerField(default=0)),
                ("solved", models.BooleanField(default=False)),
                ("first_at", models.DateTimeField(blank=True, null=True)),
                ("solved_at", models.DateTimeField(blank=True, null=True)),
                ("last_at", models.DateTimeField(blank=True, null=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.course",
                    ),
                ),
                (
                    "exercise",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.exercise",
                    ),
                ),
                (
                    "quiz",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="quizzes.quiz",
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
                "abstract": False,
                "indexes": [models.Index(fields=["course", "user"], name="result_course_user")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("exercise__isnull", False), ("quiz__isnull", True)),
                            models.Q(("exercise__isnull", True), ("quiz__isnull", False)),
                            _connector="OR",
                        ),
                        name="itemresult_one_item",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("exercise__isnull", False)),
                        fields=("course", "user", "exercise"),
                        name="unique_result_exercise",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("quiz__isnull", False)),
                        fields=("course", "user", "quiz"),
                        name="unique_result_quiz",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ScoreOverride",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("points", models.FloatField()),
                ("reason", models.CharField(max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.course",
                    ),
                ),
                (
                    "exercise",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.exercise",
                    ),
                ),
                (
                    "quiz",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="quizzes.quiz",
                    ),
                ),
                (
                    "set_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
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
                "abstract": False,
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("exercise__isnull", False), ("quiz__isnull", True)),
                            models.Q(("exercise__isnull", True), ("quiz__isnull", False)),
                            _connector="OR",
                        ),
                        name="scoreoverride_one_item",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("exercise__isnull", False)),
                        fields=("course", "user", "exercise"),
                        name="unique_override_exercise",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("quiz__isnull", False)),
                        fields=("course", "user", "quiz"),
                        name="unique_override_quiz",
                    ),
                ],
            },
        ),
        migrations.RunPython(owners_and_libraries, migrations.RunPython.noop),
    ]
