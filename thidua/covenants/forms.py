"""Forms of the covenant pages: they validate shape; the services decide (S6). Files are checked by content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.files import validate_attachment
from thidua.core.forms import Form
from thidua.covenants.choices import ReportPeriod
from thidua.covenants.services import TargetInput
from thidua.organizations.models import Unit

MAX_VALUE = 10**12 - 1


def _attachment_field() -> forms.FileField:
    return forms.FileField(
        label=_("Tệp đính kèm"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG."),
    )


def _value_field(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, max_digits=14, decimal_places=2, min_value=-MAX_VALUE, max_value=MAX_VALUE
    )


class BlocCovenantForm(Form):
    content = forms.CharField(label=_("Nội dung giao ước"), max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    signed_on = forms.DateField(label=_("Ngày ký kết"), required=False)
    attachment = _attachment_field()


class CovenantTargetForm(Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    text = forms.CharField(label=_("Chỉ tiêu"), max_length=500)
    value = _value_field(_("Giá trị"))
    value_unit = forms.CharField(label=_("Đơn vị tính"), max_length=50, required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


UNIT_COVENANT_TARGET_LINES = 3


class UnitCovenantForm(Form):
    year = forms.IntegerField(label=_("Năm thi đua"), min_value=2000, max_value=2100)
    content = forms.CharField(label=_("Nội dung giao ước"), max_length=20000, widget=forms.Textarea(attrs={"rows": 6}))
    signed_on = forms.DateField(label=_("Ngày ký kết"), required=False)
    attachment = _attachment_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, UNIT_COVENANT_TARGET_LINES + 1):
            self.fields[f"target_{n}_text"] = forms.CharField(
                label=_("Chỉ tiêu %(n)s") % {"n": n}, max_length=500, required=n == 1
            )
            self.fields[f"target_{n}_value"] = _value_field(_("Giá trị chỉ tiêu %(n)s") % {"n": n})
            self.fields[f"target_{n}_value_unit"] = forms.CharField(
                label=_("Đơn vị tính chỉ tiêu %(n)s") % {"n": n}, max_length=50, required=False
            )

    def targets(self) -> list[TargetInput]:
        data = self.cleaned_data
        return [
            TargetInput(
                text=data[f"target_{n}_text"],
                value=data[f"target_{n}_value"],
                value_unit=data[f"target_{n}_value_unit"],
            )
            for n in range(1, UNIT_COVENANT_TARGET_LINES + 1)
            if data.get(f"target_{n}_text")
        ]


class ProgressReportForm(Form):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"), choices=ReportPeriod.choices)
    value = _value_field(_("Giá trị đạt được"))
    text = forms.CharField(
        label=_("Kết quả thực hiện"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
