"""Forms of the initiatives app: they check the shape of the input; the services decide (STYLE S6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.files import validate_attachment
from thidua.core.forms import Form
from thidua.initiatives.choices import InitiativeField, RecognitionLevel
from thidua.organizations.models import Unit
from thidua.people.models import Person

_DATE_HELP = _("Định dạng ngày/tháng/năm.")
_EARLIEST = dt.date(1990, 1, 1)
_LATEST = dt.date(2100, 12, 31)


def _check_day(value: dt.date) -> dt.date:
    if not (_EARLIEST <= value <= _LATEST):
        raise forms.ValidationError(_("Ngày không hợp lệ."))
    return value


class _UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        depth = max(obj.path.count("/") - 2, 0)
        return f"{'— ' * depth}{obj.name}"


class InitiativeFilterForm(Form):
    q = forms.CharField(label=_("Tìm theo tên sáng kiến"), required=False, max_length=100)
    unit = _UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    year = forms.IntegerField(label=_("Năm áp dụng"), required=False, min_value=1990, max_value=2100)
    level = forms.ChoiceField(
        label=_("Cấp công nhận"),
        required=False,
        choices=[("", _("Tất cả")), *RecognitionLevel.choices, ("none", _("Chưa công nhận"))],
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("Tất cả đơn vị")  # type: ignore[attr-defined]


class InitiativeForm(Form):
    """An initiative: what it is, where and when it was applied, and the three conditions of ND 13/2012 Art 3."""

    unit = _UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    title = forms.CharField(label=_("Tên sáng kiến"), max_length=300)
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=InitiativeField.choices)
    description = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    applied_on = forms.DateField(label=_("Ngày áp dụng hoặc áp dụng thử"), help_text=_DATE_HELP)
    benefit = forms.CharField(label=_("Lợi ích, hiệu quả"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    is_novel = forms.BooleanField(label=_("Có tính mới trong phạm vi cơ sở"), required=False)
    novel_note = forms.CharField(label=_("Ghi chú về tính mới"), max_length=1000, required=False)
    is_applied = forms.BooleanField(label=_("Đã được áp dụng hoặc áp dụng thử"), required=False)
    applied_note = forms.CharField(label=_("Ghi chú về việc áp dụng"), max_length=1000, required=False)
    is_not_excluded = forms.BooleanField(label=_("Không thuộc đối tượng bị loại trừ"), required=False)
    not_excluded_note = forms.CharField(label=_("Ghi chú về đối tượng loại trừ"), max_length=1000, required=False)
    attachment = forms.FileField(
        label=_("Tệp đính kèm"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_applied_on(self) -> dt.date:
        return _check_day(self.cleaned_data["applied_on"])


class InitiativeUpdateForm(InitiativeForm):
    """The same without the unit: an initiative stays with the unit where it was applied."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, units=Unit.objects.none(), **kwargs)
        del self.fields["unit"]


class AuthorForm(Form):
    person = forms.ModelChoiceField(label=_("Tác giả"), queryset=Person.objects.none(), required=False)
    share = forms.DecimalField(
        label=_("Tỷ lệ đóng góp (%)"), min_value=0.01, max_value=100, max_digits=5, decimal_places=2, required=False
    )
    is_from_other_unit = forms.BooleanField(label=_("Tác giả ngoài đơn vị"), required=False)

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people if people is not None else Person.objects.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") is not None and data.get("share") is None:
            self.add_error("share", _("Nhập tỷ lệ đóng góp của tác giả."))
        return data


AuthorFormSet = forms.formset_factory(AuthorForm, extra=3, max_num=20, absolute_max=20)


class RecognitionForm(Form):
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=RecognitionLevel.choices)
    recognising_body = forms.CharField(label=_("Cơ quan công nhận"), max_length=300)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), help_text=_DATE_HELP)
    recognised_on = forms.DateField(label=_("Ngày công nhận"), help_text=_DATE_HELP)

    def __init__(self, *args: Any, levels: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if levels is not None:
            self.fields["level"].choices = [c for c in RecognitionLevel.choices if c[0] in levels]  # type: ignore[attr-defined]

    def clean_decision_date(self) -> dt.date:
        return _check_day(self.cleaned_data["decision_date"])

    def clean_recognised_on(self) -> dt.date:
        return _check_day(self.cleaned_data["recognised_on"])


class StatisticsFilterForm(Form):
    year = forms.IntegerField(label=_("Năm công nhận"), required=False, min_value=1990, max_value=2100)
