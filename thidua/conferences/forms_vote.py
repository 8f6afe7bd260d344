"""Forms of the delegates' voting pages: the ballot and the receipt check.

The ballot form checks shape only (the marks name candidates of this poll, with values the poll's kind allows);
``ballot_cast`` decides everything else — K, self-votes, the roll, the state — so the rules live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.conferences.choices import ChoiceValue, PollKind
from thidua.conferences.models import Poll, PollCandidate

YES_NO_ABSTAIN = (
    (ChoiceValue.YES.value, ChoiceValue.YES.label),
    (ChoiceValue.NO.value, ChoiceValue.NO.label),
    (ChoiceValue.ABSTAIN.value, ChoiceValue.ABSTAIN.label),
)


def candidate_field_name(candidate: PollCandidate) -> str:
    return f"candidate_{candidate.pk}"


class BallotForm(forms.Form):
    """Phiếu bầu. Choose and election polls: one ``chosen`` checkbox list; yes/no/abstain polls: one optional radio
    row per candidate (``candidate_<id>``). An unmarked ballot is a blank, valid ballot."""

    chosen = forms.TypedMultipleChoiceField(
        label=_("Lựa chọn"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, poll: Poll, candidates: Sequence[PollCandidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.poll = poll
        self.candidates = list(candidates)
        self.is_yes_no = poll.kind == PollKind.YES_NO_ABSTAIN
        self.value_choices = YES_NO_ABSTAIN
        if self.is_yes_no:
            del self.fields["chosen"]
            for candidate in self.candidates:
                self.fields[candidate_field_name(candidate)] = forms.ChoiceField(
                    label=candidate.label, required=False, choices=YES_NO_ABSTAIN, widget=forms.RadioSelect
                )
        else:
            chosen: forms.TypedMultipleChoiceField = self.fields["chosen"]  # type: ignore[assignment]
            chosen.choices = [(c.pk, c.label) for c in self.candidates]

    def choices(self) -> dict[int, str]:
        """The marks as ``ballot_cast`` takes them: candidate id → ``ChoiceValue``. Call after ``is_valid()``."""
        if not self.is_yes_no:
            return dict.fromkeys(self.cleaned_data["chosen"], ChoiceValue.CHOSEN.value)
        marks = {c.pk: self.cleaned_data.get(candidate_field_name(c)) or "" for c in self.candidates}
        return {pk: value for pk, value in marks.items() if value}

    def rows(self) -> list[dict[str, Any]]:
        """One row per candidate for the template: its label and, as submitted, whether it is ticked or which value
        it carries (the user's own marks, kept when the ballot is refused; empty on a fresh form)."""
        data = self.data if self.is_bound else {}
        ticked = set(data.getlist("chosen")) if self.is_bound and not self.is_yes_no else set()  # type: ignore[attr-defined]
        rows: list[dict[str, Any]] = []
        for candidate in self.candidates:
            name = candidate_field_name(candidate)
            rows.append(
                {
                    "candidate": candidate,
                    "name": name,
                    "is_ticked": str(candidate.pk) in ticked,
                    "value": data.get(name, "") if self.is_yes_no else "",
                    "errors": self.errors.get(name, []) if self.is_bound else [],
                }
            )
        return rows


class ReceiptCheckForm(forms.Form):
    token = forms.CharField(
        label=_("Mã xác nhận"),
        max_length=64,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )
