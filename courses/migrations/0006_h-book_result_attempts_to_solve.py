"""ItemResult.attempts_to_solve: the Submits a student needed up to the first pass, so the
dashboard's "median attempts to solve" reads results instead of numbering submissions.

Existing rows are filled from the submissions (one correlated UPDATE, portable SQL)."""

from django.db import migrations, models

FILL = """
UPDATE courses_itemresult SET attempts_to_solve = (
    SELECT COUNT(*) FROM exercises_submission s
    WHERE s.user_id = courses_itemresult.user_id
      AND s.exercise_id = courses_itemresult.exercise_id
      AND s.kind = 'submit' AND s.status = 'graded'
      AND s.created_at <= courses_itemresult.solved_at
)
WHERE exercise_id IS NOT NULL AND solved_at IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_item_results_from_existing_work"),
        ("exercises", "0008_submission_regraded_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="itemresult",
            name="attempts_to_solve",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunSQL(FILL, reverse_sql=migrations.RunSQL.noop),
    ]
