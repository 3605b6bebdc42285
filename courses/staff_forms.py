"""Forms of the staff, roster and regrade pages."""

from __future__ import annotations

from django import forms

from courses.models import RegradeJob, StaffRole

ROLE_CHOICES = [
    (StaffRole.INSTRUCTOR.value, "Instructor"),
    (StaffRole.TA.value, "Teaching assistant"),
]
# A class list is a few kilobytes; anything much larger is the wrong file.
MAX_UPLOAD_BYTES = 1_000_000


class StaffInviteForm(forms.Form):
    identifier = forms.CharField(
        label="Username or email",
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(choices=ROLE_CHOICES, initial=StaffRole.TA.value)


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(choices=ROLE_CHOICES)


class BulkEnrollForm(forms.Form):
    names = forms.CharField(
        label="Usernames or emails",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "ada\ngrace@example.org"}),
        help_text="One per line, or a CSV with a column named username or email.",
    )
    file = forms.FileField(label="…or upload a CSV file", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        upload = data.get("file")
        text = str(data.get("names") or "")
        if upload is not None:
            if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
                raise forms.ValidationError("That file is over 1 MB; a class list is much smaller.")
            try:
                text += "\n" + upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "The file is not UTF-8 text (save it as CSV UTF-8)."
                ) from None
        if not text.strip():
            raise forms.ValidationError("Paste some usernames or emails, or choose a CSV file.")
        data["text"] = text
        return data


class RegradeForm(forms.Form):
    item = forms.ChoiceField(label="Exercise or quiz")
    student = forms.TypedChoiceField(
        label="Whose submissions", coerce=int, empty_value=None, required=False
    )
    policy = forms.ChoiceField(
        choices=RegradeJob.Policy.choices,
        initial=RegradeJob.Policy.UP_ONLY.value,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: object,
        items: list[tuple[str, str]],
        students: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["item"].choices = items  # type: ignore[attr-defined]
        self.fields["student"].choices = [("", "All students"), *students]  # type: ignore[attr-defined]
