"""Submission.seed: the seed a submission's hidden cases are drawn from.

Every submission before this one was graded with seed 0 (the one fixed seed of that time), so
existing rows get 0: a regrade meets the cases they met.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0005_material_moved_to_catalog"),
    ]

    operations = [
        migrations.AddField(
            model_name="submission",
            name="seed",
            field=models.PositiveIntegerField(db_default=0, default=0),
        ),
    ]
