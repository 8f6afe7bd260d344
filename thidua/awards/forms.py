"""Forms of the awards pages: the eligibility check, the history filter and a province's parameter override."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.choices import TitleSubject
from thidua.awards.models import YEAR_MAX, YEAR_MIN, Title
from thidua.awards.rules.catalogue import RULE_SETS
from thidua.awards.rules.context import DisciplineLevel
from thidua.awards.rules.parameters import BY_CODE as PARAMETERS_BY_CODE
from thidua.awards.rules.parameters import PROVINCE_PARAMETERS
from thidua.awards.rules.registry import condition_get
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.people.widgets import PersonSearchField

MAX_SEARCH_LENGTH = 100
# The people whose facts the actor reads (registered in AwardsConfig.ready() for the person picker's search).
FACTS_PEOPLE_SCOPE = "awards.facts"
_YEAR_MESSAGES = {
    "invalid": _("Năm phải là một số, ví dụ 2019."),
    "min_value": _("Năm phải từ %(limit_value)s trở đi."),
    "max_value": _("Năm phải không quá %(limit_value)s."),
}
_HIDDEN = {"invalid_choice": _("Không tìm thấy hoặc bạn không có quyền xem.")}
_DATE_MESSAGES = {"invalid": _("Ngày không hợp lệ (định dạng ngày/tháng/năm).")}


class EligibilityForm(forms.Form):
    """Kiểm tra tiêu chuẩn: a person or a collective, a title, a year and the reference date that selects the law.

    ``people`` may be a whole province: the person is picked by searching (people.widgets), never from a full list.
    """

    person = PersonSearchField(
        scope=FACTS_PEOPLE_SCOPE,
        label=_("Cá nhân"),
        required=False,
        empty_label=_("— chọn cá nhân —"),
        error_messages=_HIDDEN,
    )
    unit = forms.ModelChoiceField(
        label=_("Tập thể (cơ quan, đơn vị)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— chọn tập thể —"),
        error_messages=_HIDDEN,
    )
    title = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức khen thưởng"),
        queryset=Title.objects.all(),
        empty_label=_("— chọn —"),
        error_messages={"required": _("Hãy chọn danh hiệu hoặc hình thức khen thưởng.")},
    )
    year = forms.IntegerField(
        label=_("Năm đạt thành tích"), min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=_YEAR_MESSAGES
    )
    reference_date = forms.DateField(
        label=_("Ngày xét"),
        required=False,
        help_text=_("Ngày dùng để xác định văn bản pháp luật áp dụng; để trống là hôm nay."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=_DATE_MESSAGES,
    )

    def __init__(
        self,
        data: Any = None,
        *,
        people: QuerySet[Person],
        units: QuerySet[Unit],
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        person, unit, title = cleaned.get("person"), cleaned.get("unit"), cleaned.get("title")
        if "person" in self.errors or "unit" in self.errors:
            return cleaned
        if person is None and unit is None:
            self.add_error("person", _("Hãy chọn một cá nhân hoặc một tập thể."))
        elif person is not None and unit is not None:
            self.add_error("unit", _("Chỉ chọn một: cá nhân hoặc tập thể."))
        elif title is not None:
            if unit is not None and title.subject == TitleSubject.INDIVIDUAL:
                self.add_error("title", _("Danh hiệu, hình thức này chỉ xét cho cá nhân."))
            if person is not None and title.subject == TitleSubject.COLLECTIVE:
                self.add_error("title", _("Danh hiệu, hình thức này chỉ xét cho tập thể."))
        return cleaned


class HistoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tên cá nhân, tập thể"),
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=_YEAR_MESSAGES
    )
    title = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức"),
        queryset=Title.objects.all(),
        required=False,
        empty_label=_("— tất cả —"),
        error_messages={"invalid_choice": _("Danh hiệu không có trong danh mục.")},
    )


def configurable_params() -> dict[str, tuple[str, ...]]:
    """Condition code → the parameters a province may adjust: those the catalogue marks configurable, then the
    province's own parameters that belong to no condition (rules.parameters: quotas, council, deadlines)."""
    result: dict[str, list[str]] = {}
    for rule_set in RULE_SETS:
        for spec in rule_set.conditions:
            for param in spec.configurable:
                params = result.setdefault(spec.code, [])
                if param not in params:
                    params.append(param)
    for parameter in PROVINCE_PARAMETERS:
        result[parameter.code] = list(parameter.defaults)
    return {code: tuple(params) for code, params in result.items()}


def _parameter_label(code: str) -> str:
    if code in PARAMETERS_BY_CODE:
        return gettext(PARAMETERS_BY_CODE[code].label)
    return gettext(condition_get(code).label)


def _parameter_default(code: str, param: str) -> Any:
    if code in PARAMETERS_BY_CODE:
        return PARAMETERS_BY_CODE[code].defaults.get(param)
    return condition_get(code).defaults.get(param)


def _configurable_in(rule_set_key: str) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for rule_set in RULE_SETS:
        if rule_set.key == rule_set_key:
            for spec in rule_set.conditions:
                result.setdefault(spec.code, set()).update(spec.configurable)
    return result


class ParameterOverrideForm(forms.Form):
    """Điều chỉnh tham số: a configurable parameter of a rule, from a date, citing the province's decision."""

    province = forms.ModelChoiceField(
        label=_("Tỉnh"), queryset=Unit.objects.none(), empty_label=None, error_messages=_HIDDEN
    )
    rule_set_key = forms.ChoiceField(label=_("Bộ quy tắc"), required=False)
    condition_code = forms.ChoiceField(label=_("Điều kiện"))
    param = forms.ChoiceField(label=_("Tham số"))
    value = forms.CharField(label=_("Giá trị"), max_length=200, help_text=_("Số (ví dụ 3 hoặc 0,2), hoặc true/false."))
    valid_from = forms.DateField(
        label=_("Áp dụng từ ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=_DATE_MESSAGES,
    )
    decision_reference = forms.CharField(
        label=_("Quyết định, văn bản căn cứ"),
        max_length=300,
        help_text=_("Số, ngày của quyết định điều chỉnh, ví dụ: QĐ 12/2025/QĐ-UBND ngày 10/3/2025."),
        error_messages={"required": _("Cần số, ngày của quyết định điều chỉnh.")},
    )

    def __init__(self, data: Any = None, *, provinces: QuerySet[Unit]) -> None:
        super().__init__(data)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        self.configurable = configurable_params()
        keys = [r.key for r in RULE_SETS if any(s.configurable for s in r.conditions)]
        self.fields["rule_set_key"].choices = [("", _("Mọi bộ quy tắc dùng điều kiện này")), *((k, k) for k in keys)]  # type: ignore[attr-defined]
        self.fields["condition_code"].choices = [  # type: ignore[attr-defined]
            (code, f"{_parameter_label(code)} ({code})") for code in self.configurable
        ]
        params = sorted({p for ps in self.configurable.values() for p in ps})
        self.fields["param"].choices = [(p, p) for p in params]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code, param, raw = cleaned.get("condition_code"), cleaned.get("param"), cleaned.get("value")
        if not code or not param:
            return cleaned
        allowed = (
            _configurable_in(cleaned["rule_set_key"]).get(code, set())
            if cleaned.get("rule_set_key")
            else set(self.configurable.get(code, ()))
        )
        if param not in allowed:
            self.add_error("param", _("Tham số này không được điều chỉnh cho điều kiện đã chọn."))
            return cleaned
        if raw is not None:
            default = _parameter_default(code, param)
            value = _parse_value(raw, default)
            if value is None:
                self.add_error("value", _value_message(default))
            else:
                cleaned["value"] = value
        return cleaned


def _parse_value(raw: str, default: Any) -> Any:
    """The typed value of ``raw`` matching the parameter's default: a bool, an integer or a number; None if not."""
    text = raw.strip()
    if isinstance(default, bool):
        return {"true": True, "có": True, "false": False, "không": False}.get(text.lower())
    if isinstance(default, str):
        levels = [level.value for level in DisciplineLevel]
        if default in levels:
            return text if text in levels else None
        return text or None
    try:
        number = json.loads(text.replace(",", "."))
    except ValueError:
        return None
    if isinstance(number, bool) or not isinstance(number, int | float) or number < 0:
        return None
    if isinstance(default, int) and not isinstance(number, int):
        return None
    return number


def _value_message(default: Any) -> str:
    if isinstance(default, bool):
        return str(_("Giá trị phải là true (có) hoặc false (không)."))
    if isinstance(default, str):
        levels = ", ".join(level.value for level in DisciplineLevel)
        return str(_("Giá trị phải là một trong: %(levels)s.") % {"levels": levels})
    if isinstance(default, int):
        return str(_("Giá trị phải là một số nguyên không âm, ví dụ 3."))
    return str(_("Giá trị phải là một số không âm, ví dụ 0,2."))
