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
