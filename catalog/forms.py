"""Forms more than one app's authoring pages use."""

from __future__ import annotations

from typing import Any

from django import forms

from catalog.models import Library


class CopyForm(forms.Form):
    library = forms.TypedChoiceField(coerce=int, label="Copy into", widget=forms.RadioSelect)

    def __init__(self, *args: Any, libraries: list[Library], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["library"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(lib.pk, lib.title) for lib in libraries]
        if libraries:
            field.initial = libraries[0].pk


def chosen_library(libraries: list[Library], library_id: int | None) -> Library:
    """The library a form chose (the choices were these libraries, so it is one of them),
    or the first choice when the form sent none."""
    if library_id is None:
        return libraries[0]
    return next(lib for lib in libraries if lib.pk == library_id)


def split_list(text: str) -> tuple[str, ...]:
    """Comma- or line-separated items of a text field (tags, rule names), trimmed."""
    return tuple(part.strip() for part in text.replace("\n", ",").split(",") if part.strip())


def editor_module() -> str:
    """URL of the CodeMirror module if the front-end bundle provides one, else ""."""
    from django.contrib.staticfiles import finders
    from django.templatetags.static import static

    return static("dist/editor.js") if finders.find("dist/editor.js") else ""


def small_int(value: str | None) -> int | None:
    """A small positive integer from a form or query string, else None."""
    if not value or not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    return int(value)
