"""Forms of the score sheet, ranking, unit detail and appeal pages (issue 5).

Points are typed as text ("8,5" or "8.5"): the services parse and bound them, so that every invalid cell is
reported at once next to its input, with what the user typed kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form
from thidua.scoring.models import Criterion
from thidua.scoring.services import ScoreInput, points_field
from thidua.scoring.services._common import MAX_REASON_LENGTH

POINTS_MAX_LENGTH = 12
COMMENT_MAX_LENGTH = 4000


def points_text(value: Decimal | None) -> str:
    """Points as a Vietnamese user types them: "8,5", "10", "" for none."""
    if value is None:
        return ""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def comment_field(criterion_id: int) -> str:
    return f"comment_{criterion_id}"


def _points_input(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=POINTS_MAX_LENGTH,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "text-end"}),
    )


class ScoreSheetForm(Form):
    """A points input and a comment per criterion, plus the sheet's ``version`` (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, data: Any = None, *, criteria: Sequence[Criterion], initial: dict[str, Any] | None = None):
        super().__init__(data, initial=initial)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[points_field(criterion.pk)] = _points_input(
                _("Điểm tiêu chí %(code)s") % {"code": criterion.code}
            )
            self.fields[comment_field(criterion.pk)] = forms.CharField(
                label=_("Giải trình, nhận xét tiêu chí %(code)s") % {"code": criterion.code},
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def scores(self) -> list[ScoreInput]:
        return [
            ScoreInput(
                criterion_id=c.pk,
                points=(self.cleaned_data.get(points_field(c.pk)) or "").strip() or None,
                comment=self.cleaned_data.get(comment_field(c.pk)) or "",
            )
            for c in self.criteria
        ]


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng nêu lý do.")},
    )


class EvidenceForm(Form):
    criterion = forms.TypedChoiceField(label=_("Tiêu chí"), coerce=int)
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, DOCX, XLSX, JPEG hoặc PNG."),
        error_messages={"required": _("Vui lòng chọn tệp minh chứng.")},
    )

    def __init__(self, data: Any = None, files: Any = None, *, criteria: Sequence[Criterion]) -> None:
        super().__init__(data, files)
        self.criteria = {c.pk: c for c in criteria}
        self.fields["criterion"].choices = [(c.pk, f"{c.code}. {c.name}") for c in criteria]  # type: ignore[attr-defined]


class AppealForm(Form):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Nội dung khiếu nại"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng nêu nội dung khiếu nại.")},
    )
    evidence = forms.FileField(label=_("Minh chứng kèm theo (không bắt buộc)"), required=False)


class AppealAnswerForm(Form):
    ACCEPT = "accept"
    REJECT = "reject"

    appeal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[(ACCEPT, _("Chấp nhận, sửa điểm")), (REJECT, _("Không chấp nhận"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn chấp nhận hay không.")},
    )
    points = _points_input(_("Điểm sau xem xét"))
    answer = forms.CharField(
        label=_("Trả lời"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng nêu nội dung trả lời.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.ACCEPT and not (data.get("points") or "").strip():
            self.add_error("points", _("Chấp nhận khiếu nại thì phải nhập điểm sau xem xét."))
        return data


class CorrectionForm(Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)
    criterion = forms.TypedChoiceField(label=_("Tiêu chí"), coerce=int)
    points = forms.CharField(
        label=_("Điểm mới"),
        max_length=POINTS_MAX_LENGTH,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Vui lòng nhập điểm mới.")},
    )
    reason = forms.CharField(
        label=_("Lý do đính chính"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Vui lòng nêu lý do.")},
    )

    def __init__(
        self,
        data: Any = None,
        *,
        units: Sequence[tuple[int, str]],
        criteria: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__(data)
        self.fields["unit"].choices = [("", _("— chọn đơn vị —")), *units]  # type: ignore[attr-defined]
        self.fields["criterion"].choices = [("", _("— chọn tiêu chí —")), *criteria]  # type: ignore[attr-defined]
