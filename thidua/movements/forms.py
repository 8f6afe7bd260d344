"""Forms of the movement pages: they validate shape; the services decide (S6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.files import validate_attachment
from thidua.core.forms import Form
from thidua.emulation.models import Bloc
from thidua.movements.choices import MovementKind, MovementReviewKind
from thidua.organizations.models import Unit


class MovementFilterForm(Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    bloc = forms.ModelChoiceField(label=_("Khối, cụm"), queryset=Bloc.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=[("", _("Tất cả")), *MovementKind.choices], required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bloc"].queryset = Bloc.objects.select_related("province").order_by("name")  # type: ignore[attr-defined]


class MovementForm(Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=MovementKind.choices)
    title = forms.CharField(label=_("Tên phong trào"), max_length=300)
    launched_by_unit = forms.ModelChoiceField(label=_("Đơn vị phát động"), queryset=Unit.objects.none())
    bloc = forms.ModelChoiceField(
        label=_("Khối, cụm phát động"),
        queryset=Bloc.objects.none(),
        required=False,
        help_text=_("Chỉ chọn khi khối, cụm thi đua phát động phong trào."),
    )
    launched_on = forms.DateField(label=_("Ngày phát động"))
    starts_on = forms.DateField(label=_("Thời gian từ ngày"))
    ends_on = forms.DateField(label=_("Đến ngày"))
    goals = forms.CharField(label=_("Mục tiêu"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    target_participants = forms.CharField(
        label=_("Đối tượng tham gia"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    awards = forms.CharField(
        label=_("Danh hiệu, hình thức khen thưởng"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    plan_document = forms.FileField(
        label=_("Kế hoạch phát động"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG."),
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], blocs: QuerySet[Bloc], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["launched_by_unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["bloc"].queryset = blocs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class MovementReviewForm(Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=MovementReviewKind.choices)
    held_on = forms.DateField(label=_("Ngày sơ kết, tổng kết"))
    summary = forms.CharField(label=_("Tóm tắt kết quả"), widget=forms.Textarea(attrs={"rows": 4}))
    attachment = forms.FileField(
        label=_("Báo cáo kèm theo"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG."),
    )
