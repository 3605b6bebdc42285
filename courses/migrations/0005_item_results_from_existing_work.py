"""Fill ItemResult from the work that exists: every course keeps its students' scores.

Written against the historical models, with the rule as it stands for data of this time: no
extensions or overrides exist yet and every item has the default policy (late work accepted,
0 % penalty, marked late when it beat the on-time best)."""

from typing import Any

from django.db import migrations
from django.db.models import Count, Max, Min, Q


def fill(apps: Any, schema_editor: Any) -> None:
    course_model = apps.get_model("courses", "Course")
    result_model = apps.get_model("courses", "ItemResult")
    submission_model = apps.get_model("exercises", "Submission")
    attempt_model = apps.get_model("quizzes", "Attempt")
    for course in course_model.objects.all():
        students = list(course.enrollments.values_list("user_id", flat=True))
        rows = []
        for entry in course.course_exercises.all():
            graded = Q(kind="submit", status="graded")
            due = entry.due_at
            on_time = graded & Q(created_at__lte=due) if due else graded
            late = graded & Q(created_at__gt=due) if due else Q(pk__in=[])
            aggregated = (
                submission_model.objects.filter(exercise_id=entry.exercise_id, user_id__in=students)
                .values("user_id")
                .annotate(
                    on_time=Max("score", filter=on_time),
                    late=Max("score", filter=late),
                    n=Count("pk", filter=graded),
                    first=Min("created_at", filter=graded),
                    solved=Min("created_at", filter=graded & Q(passed=True)),
                    last=Max("created_at", filter=graded),
                )
            )
            for row in aggregated:
                if not row["n"]:
                    continue
                best_on_time, best_late = row["on_time"] or 0.0, row["late"] or 0.0
                rows.append(
                    result_model(
                        course_id=course.pk,
                        user_id=row["user_id"],
                        exercise_id=entry.exercise_id,
                        fraction=max(best_on_time, best_late),
                        best_raw=max(best_on_time, best_late),
                        late=best_late > best_on_time,
                        attempts=row["n"],
                        solved=row["solved"] is not None,
                        first_at=row["first"],
                        solved_at=row["solved"],
                        last_at=row["last"],
                    )
                )
        for entry in course.course_quizzes.all():
            best: dict[int, list[tuple[Any, float]]] = {}
            for user_id, at, score, top in attempt_model.objects.filter(
                quiz_id=entry.quiz_id, user_id__in=students, status="submitted", max_score__gt=0
            ).values_list("user_id", "submitted_at", "score", "max_score"):
                best.setdefault(user_id, []).append((at, score / top))
            for user_id, scored in best.items():
                due = entry.due_at
                on_time = max(
                    [f for at, f in scored if due is None or (at and at <= due)], default=0.0
                )
                late_best = max(
                    [f for at, f in scored if due is not None and (not at or at > due)],
                    default=0.0,
                )
                times = [at for at, _ in scored if at]
                rows.append(
                    result_model(
                        course_id=course.pk,
                        user_id=user_id,
                        quiz_id=entry.quiz_id,
                        fraction=max(on_time, late_best),
                        best_raw=max(on_time, late_best),
                        late=late_best > on_time,
                        attempts=len(scored),
                        solved=max(on_time, late_best) >= 1.0,
                        first_at=min(times) if times else None,
                        last_at=max(times) if times else None,
                    )
                )
        result_model.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_staff_deadlines_results"),
        ("exercises", "0008_submission_regraded_at"),
        ("quizzes", "0004_quiz_library"),
    ]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
