"""Forms of the dossier and decision pages (issue 6): each field has a Vietnamese label and messages; the services
decide everything else and their refusals go back on the form with ``form_errors_add``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.awards.forms import _DATE_MESSAGES, _HIDDEN, _YEAR_MESSAGES, FACTS_PEOPLE_SCOPE, MAX_SEARCH_LENGTH
from thidua.awards.models import (
    YEAR_MAX,
    YEAR_MIN,
    DecisionAward,
    DossierDocumentKind,
    DossierStatus,
    Nomination,
    Title,
)
from thidua.awards.models.dossiers import DossierKind
from thidua.initiatives.models import Initiative
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.people.widgets import PersonSearchField

_REQUIRED = {"required": _("Không được để trống.")}
_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=_DATE_WIDGET,
        help_text=help_text,
        error_messages={**_DATE_MESSAGES, "required": _("Hãy nhập ngày.")},
    )


def _kind_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Loại khen thưởng"),
        choices=DossierKind.choices,
        initial=DossierKind.YEAR_END,
        required=False,  # left out: year-end on creation, unchanged on update
        help_text=_("Xác định hạn nộp hồ sơ."),
        error_messages={
            "required": _("Hãy chọn loại khen thưởng."),
            "invalid_choice": _("Loại khen thưởng không hợp lệ."),
        },
    )


def _event_date_field() -> forms.DateField:
    return _date_field(
        _("Ngày sơ kết, tổng kết, hội nghị"),
        required=False,
        help_text=_("Chỉ với hồ sơ sơ kết, tổng kết chuyên đề: hạn nộp tính lùi từ ngày này."),
    )


class DossierFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=_YEAR_MESSAGES
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("— tất cả —")), *DossierStatus.choices]
    )


class DecisionFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm quyết định"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=_YEAR_MESSAGES
    )
    q = forms.CharField(
        label=_("Số quyết định hoặc tên người, tập thể được khen"),
        required=False,
        max_length=MAX_SEARCH_LENGTH,
        error_messages={"max_length": _("Tối đa 100 ký tự.")},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Gõ có dấu hoặc không dấu")}),
    )


class DossierCreateForm(forms.Form):
    """A new dossier: the proposer (one of the actor's units or blocs), the year, the awarding body and the date."""

    proposer = forms.ChoiceField(
        label=_("Đơn vị hoặc khối đề nghị"),
        error_messages={"required": _("Hãy chọn đơn vị hoặc khối đề nghị."), **_HIDDEN},
    )
    year = forms.IntegerField(
        label=_("Năm thành tích"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={**_YEAR_MESSAGES, "required": _("Hãy nhập năm thành tích.")},
    )
    awarding_body = forms.CharField(label=_("Cấp khen thưởng"), max_length=300, error_messages=_REQUIRED)
    reference_date = _date_field(_("Ngày trình (xác định văn bản pháp luật áp dụng)"))
    kind = _kind_field()
    event_date = _event_date_field()

    def __init__(self, data: Any = None, *, proposers: list[tuple[str, str]], initial: Any = None) -> None:
        super().__init__(data, initial=initial, auto_id="create_%s")
        self.fields["proposer"].choices = [("", _("— chọn —")), *proposers]  # type: ignore[attr-defined]


class DossierUpdateForm(forms.Form):
    """Sửa thông tin hồ sơ: the header of a draft or returned dossier (the service re-checks everything)."""

    awarding_body = forms.CharField(
        label=_("Cấp khen thưởng"),
        max_length=300,
        error_messages={**_REQUIRED, "max_length": _("Tối đa 300 ký tự.")},
    )
    reference_date = _date_field(_("Ngày trình (xác định văn bản pháp luật áp dụng)"))
    kind = _kind_field()
    event_date = _event_date_field()


class NominationForm(forms.Form):
    person = PersonSearchField(
        scope=FACTS_PEOPLE_SCOPE,
        label=_("Cá nhân"),
        required=False,
        empty_label=_("— chọn cá nhân —"),
        error_messages=_HIDDEN,
    )
    unit = forms.ModelChoiceField(
        label=_("Tập thể"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— chọn tập thể —"),
        error_messages=_HIDDEN,
    )
    title = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"),
        queryset=Title.objects.order_by("order", "pk"),
        empty_label=_("— chọn —"),
        error_messages={"required": _("Hãy chọn danh hiệu hoặc hình thức khen thưởng."), **_HIDDEN},
    )
    achievement_summary = forms.CharField(
        label=_("Tóm tắt thành tích"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Sáng kiến làm căn cứ"),
        queryset=Initiative.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Không tìm thấy sáng kiến đã chọn."), "invalid_pk_value": _("Sai mã.")},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        people: QuerySet[Person],
        units: QuerySet[Unit],
        initiatives: QuerySet[Initiative],
    ) -> None:
        super().__init__(data)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["initiatives"].queryset = initiatives  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not self.errors and (data.get("person") is None) == (data.get("unit") is None):
            self.add_error("person", _("Chọn một cá nhân hoặc một tập thể (chỉ một)."))
        return data


class NominationChoiceForm(forms.Form):
    nomination = forms.ModelChoiceField(
        label=_("Đề nghị"), queryset=Nomination.objects.none(), error_messages={**_REQUIRED, **_HIDDEN}
    )

    def __init__(self, data: Any = None, *, nominations: QuerySet[Nomination]) -> None:
        super().__init__(data)
        self.fields["nomination"].queryset = nominations  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Thành phần hồ sơ"),
        choices=[("", _("— chọn —")), *DossierDocumentKind.choices],
        error_messages={"required": _("Hãy chọn thành phần hồ sơ."), **_HIDDEN},
    )
    file = forms.FileField(
        label=_("Tệp"),
        required=False,
        help_text=_("Để trống: hệ thống ghi nhận là tài liệu sẽ được tạo tự động."),
        error_messages={"invalid": _("Tệp không hợp lệ."), "empty": _("Tệp rỗng.")},
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=300)


class AppraiseForm(forms.Form):
    """One result and note per nominee: ``result_<id>`` (đạt / không đạt) and ``note_<id>``."""

    RESULTS = (("passed", _("Đạt")), ("rejected", _("Không đạt")))

    def __init__(self, data: Any = None, *, nominations: list[Nomination]) -> None:
        super().__init__(data)
        self.nominations = nominations
        for nomination in nominations:
            self.fields[f"result_{nomination.pk}"] = forms.ChoiceField(
                label=str(nomination),
                choices=[("", _("— chọn —")), *self.RESULTS],
                error_messages={"required": _("Hãy chọn kết quả thẩm định."), **_HIDDEN},
            )
            self.fields[f"note_{nomination.pk}"] = forms.CharField(
                label=_("Ý kiến thẩm định"), required=False, max_length=5000
            )

    def rows(self) -> list[tuple[Nomination, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"result_{n.pk}"], self[f"note_{n.pk}"]) for n in self.nominations]


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy ghi lý do trả lại."), "max_length": _("Lý do quá dài.")},
    )


class CouncilVoteForm(NominationChoiceForm):
    yes_votes = forms.IntegerField(
        label=_("Số phiếu đồng ý"),
        min_value=0,
        error_messages={
            "required": _("Hãy nhập số phiếu đồng ý."),
            "invalid": _("Phải là một số nguyên."),
            "min_value": _("Không được âm."),
        },
    )
    members = forms.IntegerField(
        label=_("Tổng số thành viên Hội đồng"),
        min_value=1,
        error_messages={
            "required": _("Hãy nhập tổng số thành viên."),
            "invalid": _("Phải là một số nguyên."),
            "min_value": _("Ít nhất 1 thành viên."),
        },
    )
    present = forms.IntegerField(
        label=_("Số thành viên tham dự phiên họp"),
        min_value=0,
        error_messages={
            "required": _("Hãy nhập số thành viên tham dự."),
            "invalid": _("Phải là một số nguyên."),
            "min_value": _("Không được âm."),
        },
    )


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=60, error_messages=_REQUIRED)
    decided_on = _date_field(_("Ngày quyết định"))
    signer_name = forms.CharField(label=_("Người ký"), max_length=200, error_messages=_REQUIRED)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=200, error_messages=_REQUIRED)
    awarding_body = forms.CharField(
        label=_("Cấp khen thưởng"),
        max_length=300,
        required=False,
        help_text=_("Để trống: theo cấp khen thưởng của hồ sơ."),
    )


class RevokeForm(forms.Form):
    award = forms.ModelChoiceField(
        label=_("Khen thưởng bị hủy bỏ"),
        queryset=DecisionAward.objects.none(),
        empty_label=_("— chọn —"),
        error_messages={"required": _("Hãy chọn khen thưởng bị hủy bỏ."), **_HIDDEN},
    )
    revoked_on = _date_field(_("Ngày quyết định hủy bỏ"))
    reference = forms.CharField(label=_("Số quyết định hủy bỏ"), max_length=120, error_messages=_REQUIRED)
    reason = forms.CharField(label=_("Lý do hủy bỏ"), max_length=1000, error_messages=_REQUIRED)

    def __init__(self, data: Any = None, *, awards: QuerySet[DecisionAward], initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        self.fields["award"].queryset = awards  # type: ignore[attr-defined]
