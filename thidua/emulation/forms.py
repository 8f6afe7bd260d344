"""Forms of the emulation pages: they validate shape; the services decide (S6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form
from thidua.emulation.choices import BlocKind, BlocRole
from thidua.organizations.models import Unit


class BlocForm(Form):
    name = forms.CharField(label=_("Tên khối, cụm"), max_length=255)
    short_name = forms.CharField(label=_("Tên viết tắt"), max_length=80, required=False)


class BlocCreateForm(BlocForm):
    province = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Loại"), choices=BlocKind.choices, initial=BlocKind.BLOC)

    field_order = ["province", "kind", "name", "short_name"]

    def __init__(self, *args: Any, provinces: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        if provinces.count() == 1:
            self.fields["province"].initial = provinces.first()


class BlocMemberAddForm(Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=BlocRole.choices, initial=BlocRole.MEMBER)
    joined_on = forms.DateField(
        label=_("Tham gia từ ngày"),
        required=False,
        help_text=_("Để trống: từ đầu năm. Bắt buộc khi năm đã được xác nhận (thay đổi giữa năm)."),
    )
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class BlocMemberRemoveForm(Form):
    left_on = forms.DateField(
        label=_("Rời khối ngày"),
        required=False,
        help_text=_("Để trống: rút đơn vị khỏi danh sách dự kiến (chỉ khi năm chưa xác nhận)."),
    )
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)


class BlocMemberRoleForm(Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=BlocRole.choices)
    legal_basis = forms.CharField(label=_("Căn cứ"), max_length=300, required=False)


class BlocYearConfirmForm(Form):
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=100, required=False, help_text=_("Ví dụ: 45/QĐ-UBND ngày 15/01/2024.")
    )
