"""Forms of the criteria-set and scoring-round pages. They check the shape of the input; the services decide the rest
(their refusals are put back on the form with ``form_errors_add``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.emulation.models import Bloc
from thidua.emulation.services._common import MAX_YEAR, MIN_YEAR
from thidua.organizations.models import Unit
from thidua.scoring.choices import AssignmentMethod, CheckingMode, ConsolidationMethod, CriterionKind, TieBreak
from thidua.scoring.models import CriteriaSet, ScoringRound
from thidua.scoring.services import PUBLISH_CONFIRMATION, CriterionInput, RoundRules
from thidua.scoring.services._common import MAX_REASON_LENGTH

TIE_BREAK_FIELDS = ("tie_break_1", "tie_break_2", "tie_break_3")

# A service's field name → the form's field name.
RULES_FIELD_MAP = {"tie_breaks": "tie_break_1"}


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm thi đua"), min_value=MIN_YEAR, max_value=MAX_YEAR)


def _reason_field(label: Any) -> forms.CharField:
    return forms.CharField(label=label, max_length=MAX_REASON_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))


# --- criteria sets -------------------------------------------------------------------------------------------------


class CriteriaSetCreateForm(forms.Form):
    bloc = forms.ModelChoiceField(label=_("Khối thi đua"), queryset=Bloc.objects.none())
    year = _year_field()
    title = forms.CharField(label=_("Tên bộ tiêu chí"), max_length=300)

    def __init__(self, data: Any = None, *, blocs: QuerySet[Bloc], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["bloc"].queryset = blocs  # type: ignore[attr-defined]


class CriterionGroupForm(forms.Form):
    code = forms.CharField(label=_("Số thứ tự"), max_length=10, required=False)
    name = forms.CharField(label=_("Tên nhóm tiêu chí"), max_length=500)


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Số thứ tự"), max_length=10, required=False)
    name = forms.CharField(label=_("Nội dung tiêu chí"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=_("Loại"), choices=CriterionKind.choices, initial=CriterionKind.SCORED)
    # Text, so that "2,5" (the Vietnamese decimal comma) is accepted; the service checks the bounds.
    max_points = forms.CharField(
        label=_("Điểm tối đa"), max_length=12, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    guidance = forms.CharField(
        label=_("Hướng dẫn chấm"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=10000
    )
    required_evidence = forms.CharField(
        label=_("Minh chứng cần có"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=10000
    )

    def to_input(self) -> CriterionInput:
        data = self.cleaned_data
        return CriterionInput(
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            max_points=data["max_points"],
            guidance=data["guidance"],
            required_evidence=data["required_evidence"],
        )


class CriteriaSetApproveForm(forms.Form):
    reference = forms.CharField(
        label=_("Căn cứ thông qua"),
        max_length=300,
        help_text=_("Ví dụ: Biên bản họp khối ngày 15/01, số 01/BB-K3."),
    )


class CriteriaSetCopyForm(forms.Form):
    year = _year_field()
    title = forms.CharField(label=_("Tên bộ tiêu chí mới"), max_length=300, required=False)


class CriteriaSetNewVersionForm(forms.Form):
    reason = _reason_field(_("Lý do sửa đổi"))
    title = forms.CharField(label=_("Tên bộ tiêu chí mới"), max_length=300, required=False)


# --- scoring rounds ------------------------------------------------------------------------------------------------


class RoundRulesForm(forms.Form):
    checking_mode = forms.ChoiceField(label=_("Hình thức kiểm tra"), choices=CheckingMode.choices)
    method = forms.ChoiceField(label=_("Cách tính điểm cuối cùng"), choices=ConsolidationMethod.choices)
    is_normalised = forms.BooleanField(label=_("Chuẩn hoá điểm theo người chấm"), required=False)
    scorers_per_unit = forms.IntegerField(label=_("Số đơn vị chấm chéo mỗi đơn vị"), min_value=1, max_value=20)
    reveals_scorers = forms.BooleanField(label=_("Công khai người chấm sau khi công bố"), required=False)
    tie_break_1 = forms.ChoiceField(label=_("Khi bằng điểm, xét trước"), required=False)
    tie_break_2 = forms.ChoiceField(label=_("rồi xét"), required=False)
    tie_break_3 = forms.ChoiceField(label=_("cuối cùng xét"), required=False)
    self_assessment_due_on = forms.DateField(
        label=_("Hạn tự chấm"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    checking_due_on = forms.DateField(
        label=_("Hạn chấm kiểm tra"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    rule_fields = ("checking_mode", "method", "is_normalised", "scorers_per_unit", "reveals_scorers", *TIE_BREAK_FIELDS)

    def __init__(self, data: Any = None, *, deadlines_only: bool = False, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        for name in TIE_BREAK_FIELDS:
            self.fields[name].choices = [("", _("— không xét —")), *TieBreak.choices]  # type: ignore[attr-defined]
        self.deadlines_only = deadlines_only
        if deadlines_only:
            for name in self.rule_fields:
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = [cleaned.get(name) for name in TIE_BREAK_FIELDS if cleaned.get(name)]
        if len(set(chosen)) != len(chosen):
            self.add_error("tie_break_1", _("Mỗi tiêu chí phân định chỉ được chọn một lần."))
        return cleaned

    def to_rules(self) -> RoundRules:
        data = self.cleaned_data
        return RoundRules(
            checking_mode=data["checking_mode"],
            method=data["method"],
            is_normalised=bool(data["is_normalised"]),
            tie_breaks=tuple(data[name] for name in TIE_BREAK_FIELDS if data.get(name)),
            scorers_per_unit=data["scorers_per_unit"],
            reveals_scorers=bool(data["reveals_scorers"]),
            self_assessment_due_on=data["self_assessment_due_on"],
            checking_due_on=data["checking_due_on"],
        )

    @staticmethod
    def initial_for(scoring_round: ScoringRound) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "checking_mode": scoring_round.checking_mode,
            "method": scoring_round.method,
            "is_normalised": scoring_round.is_normalised,
            "scorers_per_unit": scoring_round.scorers_per_unit,
            "reveals_scorers": scoring_round.reveals_scorers,
            "self_assessment_due_on": scoring_round.self_assessment_due_on,
            "checking_due_on": scoring_round.checking_due_on,
        }
        initial.update(zip(TIE_BREAK_FIELDS, scoring_round.tie_breaks or [], strict=False))
        return initial


def rules_initial_default() -> dict[str, Any]:
    rules = RoundRules()
    initial: dict[str, Any] = {
        "checking_mode": rules.checking_mode,
        "method": rules.method,
        "scorers_per_unit": rules.scorers_per_unit,
    }
    for name, value in zip(TIE_BREAK_FIELDS, rules.tie_breaks, strict=False):
        initial[name] = str(value)
    return initial


class RoundCreateForm(RoundRulesForm):
    bloc = forms.ModelChoiceField(label=_("Khối thi đua"), queryset=Bloc.objects.none())
    year = _year_field()
    criteria_set = forms.ModelChoiceField(label=_("Bộ tiêu chí"), queryset=CriteriaSet.objects.none())

    field_order = ["bloc", "year", "criteria_set"]

    def __init__(
        self, data: Any = None, *, blocs: QuerySet[Bloc], criteria_sets: QuerySet[CriteriaSet], **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["bloc"].queryset = blocs  # type: ignore[attr-defined]
        self.fields["criteria_set"].queryset = criteria_sets  # type: ignore[attr-defined]


class AssignmentsGenerateForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Cách phân công"), choices=AssignmentMethod.choices, initial=AssignmentMethod.ROUND_ROBIN
    )
    seed = forms.IntegerField(
        label=_("Số khởi tạo (để bốc thăm lại đúng như cũ)"), min_value=0, max_value=2**31 - 1, initial=0
    )


class AssignmentAddForm(forms.Form):
    scored_unit = forms.TypedChoiceField(label=_("Đơn vị được chấm"), coerce=int)
    scorer_unit = forms.TypedChoiceField(label=_("Đơn vị chấm"), coerce=int, required=False, empty_value=None)
    scorer_user = forms.ModelChoiceField(label=_("Thành viên tổ chấm"), queryset=User.objects.none(), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        units: Iterable[Unit],
        panel_users: QuerySet[User] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.units = {u.pk: u for u in units}
        choices = [("", "—"), *((str(pk), u.name) for pk, u in self.units.items())]
        self.fields["scored_unit"].choices = choices  # type: ignore[attr-defined]
        self.fields["scorer_unit"].choices = choices  # type: ignore[attr-defined]
        if panel_users is None:
            del self.fields["scorer_user"]
        else:
            del self.fields["scorer_unit"]
            self.fields["scorer_user"].queryset = panel_users  # type: ignore[attr-defined]
            self.fields["scorer_user"].required = True

    def scored(self) -> Unit:
        return self.units[self.cleaned_data["scored_unit"]]

    def scorer(self) -> Unit | None:
        pk = self.cleaned_data.get("scorer_unit")
        return self.units.get(pk) if pk is not None else None


class ConflictDeclareForm(forms.Form):
    reason = _reason_field(_("Lý do xung đột lợi ích"))


class SwitchSetForm(forms.Form):
    criteria_set = forms.ModelChoiceField(label=_("Phiên bản bộ tiêu chí"), queryset=CriteriaSet.objects.none())

    def __init__(self, data: Any = None, *, criteria_sets: QuerySet[CriteriaSet], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["criteria_set"].queryset = criteria_sets  # type: ignore[attr-defined]


class AppealWindowForm(forms.Form):
    due_on = forms.DateField(
        label=_("Hạn khiếu nại"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


class PublishForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Xác nhận"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirmation"].label = _("Gõ “%(phrase)s” để xác nhận") % {"phrase": PUBLISH_CONFIRMATION}
