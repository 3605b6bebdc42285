"""Courses: an instructor's class, the material in it (with due dates) and who joined.

A course does not own content: lessons and exercises are shared, and a course only lists the
ones it uses. That keeps one exercise (and its submission history) usable by many classes,
and the dashboard filters submissions by "enrolled student × listed exercise".
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from catalog.models import Exercise, Lesson
from quizzes.models import Quiz

# No 0/O/1/I/L: join codes are read aloud and copied from slides.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class Course(models.Model):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="courses_owned"
    )
    join_code = models.CharField(max_length=16, unique=True, default=new_join_code)
    is_open = models.BooleanField(default=True, help_text="Students may join with the code.")
    lessons = models.ManyToManyField(Lesson, through="CourseLesson", related_name="courses")
    exercises = models.ManyToManyField(Exercise, through="CourseExercise", related_name="courses")
    quizzes = models.ManyToManyField(Quiz, through="CourseQuiz", related_name="courses")
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Enrollment", related_name="courses_enrolled"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class CourseLesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_lessons")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "lesson"], name="unique_course_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: lesson {self.lesson_id}"


class CourseExercise(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_exercises")
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "exercise"], name="unique_course_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: exercise {self.exercise_id}"


class CourseQuiz(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_quizzes")
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveIntegerField(default=0)
    due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["course", "quiz"], name="unique_course_quiz")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: quiz {self.quiz_id}"


class Enrollment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrollments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at"]
        constraints = [models.UniqueConstraint(fields=["course", "user"], name="unique_enrollment")]
        indexes = [models.Index(fields=["user", "course"], name="enrollment_user_course")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.course_id}"
