"""Parsing of the submit form."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django import forms
from django.http import HttpRequest

from exercises.models import Submission


class SubmissionForm(forms.Form):
    # strip=False: leading indentation and trailing newlines are part of the program.
    code = forms.CharField(strip=False, required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(choices=Submission.Kind.choices, required=False)

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or Submission.Kind.SUBMIT


def raw_code_field(request: HttpRequest) -> bytes | None:
    """The `code` field exactly as the browser sent it, for urlencoded bodies.

    Django decodes form fields with errors="replace", which would turn invalid UTF-8 into
    U+FFFD without a word; reading the raw bytes lets the service say what is wrong instead.
    Both our page script and the plain HTML form post urlencoded; other encodings fall back
    to the decoded text.
    """
    content_type = request.content_type or ""
    if content_type != "application/x-www-form-urlencoded":
        return None
    # Not urllib.parse.parse_qsl: given bytes it still decodes percent-escapes as text.
    for pair in request.body.split(b"&"):
        key, _, value = pair.partition(b"=")
        if unquote_to_bytes(key.replace(b"+", b" ")) == b"code":
            return unquote_to_bytes(value.replace(b"+", b" "))
    return None
