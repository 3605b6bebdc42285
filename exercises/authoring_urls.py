"""Instructor authoring of exercises and lessons in the browser (included by courses.urls)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
