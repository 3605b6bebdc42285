from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User


class SignupForm(UserCreationForm[User]):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


class ProfileForm(forms.Form):
    student_id = forms.CharField(
        label="Student id",
        max_length=64,
        required=False,
        help_text="Your institution's student number, if you have one: your instructors' "
        "gradebook exports carry it so their LMS can match your grades.",
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        required=False,
        help_text="What the token is for (a script, a machine), so you can tell tokens apart.",
    )
