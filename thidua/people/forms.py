"""Forms of the people app: they check the shape of the input; the services decide (STYLE S6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form
from thidua.organizations.models import Unit
from thidua.people.choices import Gender, StaffCategory

_DATE_HELP = _("Định dạng ngày/tháng/năm.")
_EARLIEST = dt.date(1900, 1, 1)


class _UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        depth = max(obj.path.count("/") - 2, 0)
        return f"{'— ' * depth}{obj.name}"


def _check_birth_date(value: dt.date | None) -> dt.date | None:
    if value is not None and not (_EARLIEST <= value <= timezone.localdate()):
        raise forms.ValidationError(_("Ngày sinh không hợp lệ."))
    return value


class PersonFilterForm(Form):
    q = forms.CharField(label=_("Tìm theo họ và tên"), required=False, max_length=100)
    unit = _UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].empty_label = _("Tất cả đơn vị")  # type: ignore[attr-defined]


class PersonUpdateForm(Form):
    """Name and personal data (shown only to those who may see and change them)."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=200)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=Gender.choices)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, help_text=_DATE_HELP)
    personnel_code = forms.CharField(
        label=_("Mã cán bộ"), max_length=40, required=False, help_text=_("Mã trong hệ thống quản lý cán bộ của tỉnh.")
    )

    def clean_birth_date(self) -> dt.date | None:
        return _check_birth_date(self.cleaned_data.get("birth_date"))


class AssignmentMoveForm(Form):
    """A new post: the unit (among those the actor manages), the position, the category and the first day."""

    unit = _UnitChoiceField(label=_("Đơn vị công tác"), queryset=Unit.objects.none())
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Ngạch, loại"), choices=StaffCategory.choices)
    starts_on = forms.DateField(label=_("Từ ngày"), help_text=_DATE_HELP)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_starts_on(self) -> dt.date:
        value: dt.date = self.cleaned_data["starts_on"]
        if value < _EARLIEST:
            raise forms.ValidationError(_("Ngày không hợp lệ."))
        return value


class PersonCreateForm(PersonUpdateForm, AssignmentMoveForm):
    """A new person and their first post."""

    field_order = ["full_name", "gender", "birth_date", "personnel_code", "unit", "position", "category", "starts_on"]
