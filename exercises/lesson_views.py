"""Lesson pages (placeholders until the lesson pages land)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from exercises.models import Lesson


def lesson_list(request: HttpRequest) -> HttpResponse:
    lessons = Lesson.objects.filter(is_active=True)
    return render(request, "exercises/lesson_list.html", {"lessons": lessons})


def lesson_detail(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = get_object_or_404(Lesson, slug=slug, is_active=True)
    return render(request, "exercises/lesson_detail.html", {"lesson": lesson})
