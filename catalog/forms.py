"""Forms more than one app's authoring pages use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from django import forms
from django.http import Http404

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


class _Numbered(Protocol):
    number: int


def versions_to_compare[V: _Numbered](
    versions: list[V], query: Mapping[str, str]
) -> tuple[V | None, V | None]:
    """The two versions a history page diffs, (old, new): ``?a=<n>&b=<n>``, by default the
    two newest (``versions`` come newest first). A number that is no version is a 404."""
    by_number = {v.number: v for v in versions}
    a, b = small_int(query.get("a")), small_int(query.get("b"))
    if (a is not None and a not in by_number) or (b is not None and b not in by_number):
        raise Http404("No such version")
    new = by_number.get(b) if b is not None else (versions[0] if versions else None)
    old = by_number.get(a) if a is not None else (versions[1] if len(versions) > 1 else None)
    return old, new
