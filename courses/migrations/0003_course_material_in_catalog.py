"""Course material now points at catalog's models; the tables and constraints are unchanged."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("courses", "0002_course_quizzes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="course",
                    name="exercises",
                ),
                migrations.RemoveField(
                    model_name="course",
                    name="lessons",
                ),
                migrations.AlterField(
                    model_name="courseexercise",
                    name="exercise",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.exercise",
                    ),
                ),
                migrations.AlterField(
                    model_name="courselesson",
                    name="lesson",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="catalog.lesson",
                    ),
                ),
                migrations.AddField(
                    model_name="course",
                    name="exercises",
                    field=models.ManyToManyField(
                        related_name="courses",
                        through="courses.CourseExercise",
                        to="catalog.exercise",
                    ),
                ),
                migrations.AddField(
                    model_name="course",
                    name="lessons",
                    field=models.ManyToManyField(
                        related_name="courses", through="courses.CourseLesson", to="catalog.lesson"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
