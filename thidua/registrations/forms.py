from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Title
from thidua.people.models import Person
from thidua.registrations.services import EntryInput
from thidua.registrations.services.registrations import MAX_REASON_LENGTH


class RegistrationForm(forms.Form):
    """Collective titles, then one select per person of the unit (empty: the person does not register)."""

    collective_titles = forms.ModelMultipleChoiceField(
        label=_("Danh hiệu tập thể đăng ký"),
        queryset=Title.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        collective_titles: QuerySet[Title],
        individual_titles: QuerySet[Title],
        people: Sequence[Person],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["collective_titles"].queryset = collective_titles  # type: ignore[attr-defined]
        self.people = list(people)
        self.individual_titles = {t.pk: t for t in individual_titles}
        choices = [("", _("— không đăng ký —")), *((str(pk), t.name) for pk, t in self.individual_titles.items())]
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=person.full_name, choices=choices, required=False
            )

    def person_fields(self) -> list[forms.BoundField]:
        return [self[f"person_{person.pk}"] for person in self.people]

    def entries(self) -> list[EntryInput]:
        result = []
        for person in self.people:
            value = self.cleaned_data.get(f"person_{person.pk}")
            if value:
                result.append(EntryInput(person=person, title=self.individual_titles[int(value)]))
        return result


class RegistrationReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"), max_length=MAX_REASON_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class RegistrationDeadlineForm(forms.Form):
    due_on = forms.DateField(label=_("Hạn đăng ký"), widget=forms.DateInput(attrs={"type": "date"}))
