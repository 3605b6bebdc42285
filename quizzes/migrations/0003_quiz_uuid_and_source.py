"""Quizzes get a uuid (their identity in content/quizzes/*.yaml, matched by sync_content) and
the file they were loaded from. Existing quizzes each get a fresh uuid first, then the column
becomes unique; a quiz loaded from a file before takes the file's uuid at the next sync."""

import uuid

from django.db import migrations, models


def give_every_quiz_a_uuid(apps, schema_editor) -> None:
    quiz_model = apps.get_model("quizzes", "Quiz")
    for quiz in quiz_model.objects.filter(uuid__isnull=True).only("pk"):
        quiz.uuid = uuid.uuid4()
        quiz.save(update_fields=["uuid"])


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0002_lesson_in_catalog"),
    ]

    operations = [
        migrations.AddField(
            model_name="quiz",
            name="uuid",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_every_quiz_a_uuid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="quiz",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="quiz",
            name="source_path",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
    ]
