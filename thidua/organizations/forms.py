"""Forms of the organisations app: they check the shape of the input; the services decide (S6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.models import Unit

# Dates before this or after that are typing mistakes, and a day before date.min cannot be computed.
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)
_DATE_HELP = _("Định dạng ngày/tháng/năm, ví dụ 01/07/2025.")


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return unit_choice_label(obj)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return unit_choice_label(obj)


def unit_choice_label(unit: Unit) -> str:
    if unit.valid_to is not None:
        return str(_("%(name)s (đến %(day)s)") % {"name": unit.name, "day": f"{unit.valid_to:%d/%m/%Y}"})
    return unit.name


class DateField(forms.DateField):
    """A date between 1900 and 2100, typed dd/mm/yyyy."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _DATE_HELP)
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is not None and not EARLIEST_DAY <= value <= LATEST_DAY:
            raise forms.ValidationError(_("Ngày phải trong khoảng 01/01/1900 đến 31/12/2100."), code="out_of_range")


class UnitTreeFilterForm(Form):
    """The tree page's filters: the day to show the tree as of, and the province."""

    as_of = DateField(label=_("Cây tổ chức tại ngày"), required=False)
    province = forms.IntegerField(label=_("Tỉnh, thành phố"), required=False, min_value=1, max_value=2**31 - 1)

    def day(self) -> dt.date:
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or timezone.localdate()


class UnitCreateForm(Form):
    parent = UnitChoiceField(label=_("Đơn vị cấp trên"), queryset=Unit.objects.none())
    name = forms.CharField(label=_("Tên đầy đủ"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=80, required=False)
    code = forms.RegexField(
        label=_("Mã đơn vị"),
        max_length=40,
        regex=r"^[a-z0-9-]+$",
        error_messages={"invalid": _("Chỉ dùng chữ thường không dấu, số và dấu gạch ngang.")},
        help_text=_("Ví dụ: so-y-te. Mã không đổi khi đơn vị đổi tên."),
    )
    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    valid_from = DateField(label=_("Hoạt động từ ngày"), required=False)
    legal_basis = forms.CharField(label=_("Căn cứ thành lập"), max_length=300, required=False)

    def __init__(self, *args: Any, parents: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class UnitUpdateForm(Form):
    """Corrections of reference data. A new name is a rename, recorded as a change with its decision."""

    kind = forms.ChoiceField(label=_("Loại đơn vị"), choices=UnitKind.choices)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=80, required=False)
    valid_from = DateField(label=_("Hoạt động từ ngày"), required=False)


class UnitChangeForm(Form):
    """One form for every kind of change (sắp xếp, tổ chức lại): which fields matter depends on the kind."""

    kind = forms.ChoiceField(label=_("Loại thay đổi"), choices=UnitChangeKind.choices)
    effective_on = DateField(label=_("Ngày hiệu lực"))
    decision_number = forms.CharField(
        label=_("Số quyết định, nghị quyết"), max_length=100, help_text=_("Ví dụ: 1234/QĐ-UBND.")
    )
    decision_date = DateField(label=_("Ngày ban hành"))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    summary = forms.CharField(
        label=_("Nội dung"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    predecessors = UnitMultipleChoiceField(
        label=_("Đơn vị chịu thay đổi"),
        queryset=Unit.objects.none(),
        help_text=_("Đơn vị đổi tên, sáp nhập, chia tách, chuyển giao hoặc giải thể."),
    )
    successors = UnitMultipleChoiceField(
        label=_("Đơn vị kế thừa, tiếp nhận"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Bắt buộc khi sáp nhập, chia tách hoặc chuyển giao chức năng."),
    )
    new_name = forms.CharField(label=_("Tên mới"), max_length=255, required=False, help_text=_("Khi đổi tên."))
    new_short_name = forms.CharField(label=_("Tên viết tắt mới"), max_length=80, required=False)
    new_parent = UnitChoiceField(
        label=_("Đơn vị cấp trên mới"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Khi chuyển đơn vị cấp trên."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("predecessors", "successors", "new_parent"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]
