from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.choices import BLOC_ROLES, Role
from thidua.core.forms import Form
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit


class RoleGrantForm(Form):
    """Grant a role: the role, then its scope (a unit, or a bloc for the bloc secretariat)."""

    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    bloc = forms.ModelChoiceField(label=_("Khối, cụm thi đua"), queryset=Bloc.objects.none(), required=False)
    starts_on = forms.DateField(label=_("Từ ngày"), required=False, help_text=_("Định dạng ngày/tháng/năm."))
    ends_on = forms.DateField(label=_("Đến ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú, căn cứ"), max_length=300, required=False)

    def __init__(self, *args: Any, units: Any, blocs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["bloc"].queryset = blocs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role, unit, bloc = data.get("role"), data.get("unit"), data.get("bloc")
        if role in BLOC_ROLES and not bloc:
            self.add_error("bloc", _("Vai trò này được cấp theo khối: hãy chọn khối, cụm thi đua."))
        if role and role not in BLOC_ROLES and not unit:
            self.add_error("unit", _("Vai trò này được cấp theo đơn vị: hãy chọn đơn vị."))
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        if role in BLOC_ROLES:
            data["unit"] = None
        elif role:
            data["bloc"] = None
        return data


class ApiTokenCreateForm(Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"), max_length=100, help_text=_("Ví dụ: Hệ thống quản lý văn bản của Sở.")
    )
    expires_on = forms.DateField(
        label=_("Hết hạn ngày"), required=False, help_text=_("Để trống: khóa hết hạn sau thời hạn mặc định (một năm).")
    )

    def clean_expires_on(self) -> object:
        from django.utils import timezone

        value = self.cleaned_data.get("expires_on")
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("Ngày hết hạn phải sau ngày hôm nay."))
        return value
