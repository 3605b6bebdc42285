"""Forms for the instructor's quiz composer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.forms import formset_factory
from django.utils.text import slugify

from catalog.models import Library
from quizzes.bank import TOPICS, all_generators
from quizzes.models import Quiz

# Path segments under /quizzes/ that a quiz slug would shadow.
RESERVED_SLUGS = {"manage", "attempts"}


def generator_choices(library_ids: set[int] | None = None) -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for generator in all_generators(library_ids=library_ids):
        groups.setdefault(TOPICS[generator.topic], []).append((generator.name, generator.title))
    return [("", "— choose a question type —"), *groups.items()]


# django-stubs makes ModelForm generic in its model; Django's class is not subscriptable at
# run time (nothing calls django_stubs_ext.monkeypatch()), so the parametrised base is for
# the type checker only.
if TYPE_CHECKING:
    _QuizFormBase = forms.ModelForm[Quiz]
else:
    _QuizFormBase = forms.ModelForm


class QuizForm(_QuizFormBase):
    class Meta:
        model = Quiz
        fields = [
            "title",
            "slug",
            "description",
            "lesson",
            "topic",
            "attempts_allowed",
            "time_limit_minutes",
            "opens_at",
            "closes_at",
            "show_solutions",
            "is_published",
        ]
        labels = {"time_limit_minutes": "Time limit (minutes)", "show_solutions": "Show solutions"}
        help_texts = {
            "slug": "Part of the quiz's address; leave empty to derive it from the title."
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }

    def __init__(
        self,
        *args: Any,
        libraries: list[Library] | None = None,
        attempts: int = 0,
        **kwargs: Any,
    ) -> None:
        """``libraries``: where a new quiz may go (a new quiz only; a quiz stays in its
        library). ``attempts``: how many attempts the quiz being edited has; when there are
        any, saving needs an explicit confirmation, because changed questions or points make
        old and new attempts disagree."""
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if libraries is not None:
            # Not required: a form posted without it (a script, an old page) puts the quiz in
            # the first choice, the instructor's own library.
            self.fields["library"] = forms.TypedChoiceField(
                choices=[(lib.pk, lib.title) for lib in libraries],
                coerce=int,
                required=False,
                empty_value=None,
                help_text="Who owns the quiz: you, a course you teach, or the site.",
            )
        if attempts:
            self.fields["confirm_attempts"] = forms.BooleanField(
                required=True,
                label=f"I understand {attempts} attempt{'s' if attempts != 1 else ''} exist",
                help_text=(
                    "Students already took this quiz. Changing questions or points does not "
                    "change their attempts; regrade afterwards if scores must follow."
                ),
                error_messages={"required": "Confirm that you know attempts exist before saving."},
            )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data.get("slug") or slugify(self.data.get("title", ""))[:80]
        if not slug:
            raise forms.ValidationError("Give the quiz a title or a slug.")
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(f"“{slug}” is reserved; choose another slug.")
        clash = Quiz.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Another quiz already uses this slug.")
        return slug

    def clean(self) -> dict[str, Any]:
        super().clean()  # ModelForm's returns self.cleaned_data (typed as optional)
        data = self.cleaned_data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", "The quiz must close after it opens.")
        return data


class SlotForm(forms.Form):
    generator = forms.ChoiceField(choices=generator_choices, required=False)
    count = forms.IntegerField(min_value=1, max_value=20, initial=1)
    points = forms.IntegerField(min_value=1, max_value=100, initial=1)

    def __init__(self, *args: Any, library_ids: set[int] | None = None, **kwargs: Any) -> None:
        """``library_ids``: the libraries whose questions (besides the site's) may be picked."""
        super().__init__(*args, **kwargs)
        if library_ids is not None:
            field = self.fields["generator"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = generator_choices(library_ids)


# absolute_max: without it Django builds up to max_num + 1000 forms for whatever
# slots-TOTAL_FORMS a request claims, and rendering 1,040 slot rows took 30 s of CPU.
SlotFormSet = formset_factory(
    SlotForm, extra=2, can_delete=True, max_num=40, absolute_max=40, validate_max=True
)
