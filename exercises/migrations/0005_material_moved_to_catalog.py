"""Lesson, Exercise and ExerciseVersion now live in the catalog app (same tables);
only Submission stays here. Nothing changes in the database.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        # Every other app points at catalog's models before these leave this app's state.
        ("courses", "0003_course_material_in_catalog"),
        ("quizzes", "0002_lesson_in_catalog"),
        ("catalog", "0001_initial"),
        ("exercises", "0004_authoring_dashboard_index_user_first"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="exercise",
                    name="current_version",
                ),
                migrations.RemoveField(
                    model_name="exercise",
                    name="lesson",
                ),
                migrations.AlterField(
                    model_name="submission",
                    name="exercise",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="submissions",
                        to="catalog.exercise",
                    ),
                ),
                migrations.RemoveConstraint(
                    model_name="exerciseversion",
                    name="unique_exercise_version",
                ),
                migrations.AlterField(
                    model_name="submission",
                    name="exercise_version",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="submissions",
                        to="catalog.exerciseversion",
                    ),
                ),
                migrations.DeleteModel(
                    name="Lesson",
                ),
                migrations.RemoveField(
                    model_name="exerciseversion",
                    name="exercise",
                ),
                migrations.DeleteModel(
                    name="Exercise",
                ),
                migrations.DeleteModel(
                    name="ExerciseVersion",
                ),
            ],
            database_operations=[],
        ),
    ]
