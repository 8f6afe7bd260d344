"""Forms of the secretariat's conference pages (issue 7): each field has a Vietnamese label and messages; the
services decide everything else and their refusals go back on the form with ``form_errors_add``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.awards.choices import TitleSubject
from thidua.awards.models import Title
from thidua.conferences.choices import (
    ChoiceValue,
    MajorityRule,
    PaperSheetStatus,
    PercentageBase,
    PollKind,
    PollOffice,
    QuorumRule,
    VoteBasis,
)
from thidua.conferences.models import AgendaItem, Delegate, PollCandidate, RollEntry
from thidua.conferences.services import AgendaItemInput
from thidua.conferences.services.paper import MAX_SHEETS_PER_ISSUE
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.people.widgets import PersonSearchField

YEAR_MIN, YEAR_MAX = 2000, 2100
MAX_AGENDA_ITEMS = 50
# "Title | presenter" on an agenda line.
AGENDA_SEPARATOR = "|"

_REQUIRED = {"required": _("Không được để trống.")}
_HIDDEN = {"invalid_choice": _("Không tìm thấy hoặc bạn không có quyền xem.")}
_YEAR_MESSAGES = {
    "invalid": _("Năm phải là một số, ví dụ 2025."),
    "min_value": _("Năm phải từ %(limit_value)s trở đi."),
    "max_value": _("Năm phải không quá %(limit_value)s."),
}
_SHARE_MESSAGES = {
    "invalid": _("Tỷ lệ phải là một số thập phân, ví dụ 0,5."),
    "max_digits": _("Tỷ lệ có tối đa ba chữ số thập phân."),
    "max_decimal_places": _("Tỷ lệ có tối đa ba chữ số thập phân."),
    "max_whole_digits": _("Tỷ lệ phải lớn hơn 0 và không quá 1."),
}
_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def conference_title_default(year: int) -> str:
    return gettext(
        "Hội nghị tổng kết công tác thi đua, khen thưởng năm %(year)s; triển khai phương hướng, nhiệm vụ trọng tâm "
        "năm %(next)s"
    ) % {"year": year, "next": year + 1}


def agenda_lines(text: str) -> list[AgendaItemInput]:
    """One item per non-empty line; ``Nội dung | Người trình bày`` names the presenter."""
    items = []
    for line in text.splitlines():
        title, _sep, presenter = line.partition(AGENDA_SEPARATOR)
        if title.strip() or presenter.strip():
            items.append(AgendaItemInput(title=title.strip(), presenter=presenter.strip()))
    return items


def agenda_text(items: list[AgendaItem]) -> str:
    return "\n".join(f"{i.title} {AGENDA_SEPARATOR} {i.presenter}" if i.presenter else i.title for i in items)


def _person_field(label: Any) -> PersonSearchField:
    return PersonSearchField(label=label, required=False, empty_label=_("— chọn cá nhân —"), error_messages=_HIDDEN)


def _share_field(label: Any, help_text: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=4,
        decimal_places=3,
        min_value=Decimal("0.001"),
        max_value=Decimal(1),
        help_text=help_text,
        localize=True,
        error_messages={
            **_SHARE_MESSAGES,
            "min_value": _("Tỷ lệ phải lớn hơn 0 và không quá 1."),
            "max_value": _("Tỷ lệ phải lớn hơn 0 và không quá 1."),
        },
    )


def _agenda_field() -> forms.CharField:
    return forms.CharField(
        label=_("Chương trình hội nghị"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Mỗi dòng một mục; có thể ghi người trình bày sau dấu “|”, ví dụ: Báo cáo tổng kết | Khối trưởng."),
        error_messages={"max_length": _("Chương trình quá dài.")},
    )


def _clean_agenda(form: forms.Form) -> list[AgendaItemInput]:
    items = agenda_lines(form.cleaned_data.get("agenda") or "")
    if len(items) > MAX_AGENDA_ITEMS:
        raise forms.ValidationError(
            gettext("Chương trình có tối đa %(max)s mục.") % {"max": MAX_AGENDA_ITEMS}, code="too_many"
        )
    for order, item in enumerate(items, start=1):
        if not item.title:
            raise forms.ValidationError(
                gettext("Mục chương trình số %(order)s chưa có nội dung.") % {"order": order}, code="empty"
            )
        if len(item.title) > 500 or len(item.presenter) > 300:
            raise forms.ValidationError(
                gettext("Mục chương trình số %(order)s quá dài.") % {"order": order}, code="too_long"
            )
    return items


def _position_field() -> forms.CharField:
    return forms.CharField(
        label=_("Chức vụ"), required=False, max_length=200, error_messages={"max_length": _("Tối đa 200 ký tự.")}
    )


def _account_field() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """The account a delegate votes from (the form sets the queryset: users of the bloc's member units)."""
    return forms.ModelChoiceField(
        label=_("Tài khoản bỏ phiếu"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("— không có —"),
        error_messages=_HIDDEN,
    )


class ConferenceFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm thi đua"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=_YEAR_MESSAGES
    )


class ConferenceCreateForm(forms.Form):
    """A new conference: a bloc the actor manages, the year, the sitting's details, the rules and the agenda."""

    bloc = forms.ModelChoiceField(
        label=_("Khối thi đua"),
        queryset=Bloc.objects.none(),
        empty_label=_("— chọn khối —"),
        error_messages={"required": _("Hãy chọn khối thi đua."), **_HIDDEN},
    )
    year = forms.IntegerField(
        label=_("Năm thi đua"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={**_YEAR_MESSAGES, "required": _("Hãy nhập năm thi đua.")},
    )
    title = forms.CharField(
        label=_("Tên hội nghị"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Để trống: dùng tên mặc định theo năm thi đua."),
        error_messages={"max_length": _("Tối đa 500 ký tự.")},
    )
    held_on = forms.DateField(
        label=_("Ngày họp"),
        widget=_DATE_WIDGET,
        error_messages={"required": _("Hãy nhập ngày họp."), "invalid": _("Ngày không hợp lệ (ngày/tháng/năm).")},
    )
    place = forms.CharField(
        label=_("Địa điểm"), required=False, max_length=300, error_messages={"max_length": _("Tối đa 300 ký tự.")}
    )
    chair = _person_field(_("Chủ trì"))
    co_chair = _person_field(_("Đồng chủ trì"))
    secretary = _person_field(_("Thư ký hội nghị"))
    vote_basis = forms.ChoiceField(
        label=_("Cách tính phiếu"),
        choices=VoteBasis.choices,
        initial=VoteBasis.PER_UNIT,
        error_messages={"required": _("Hãy chọn cách tính phiếu."), "invalid_choice": _("Lựa chọn không hợp lệ.")},
    )
    quorum_rule = forms.ChoiceField(
        label=_("Điều kiện số người dự"),
        choices=QuorumRule.choices,
        initial=QuorumRule.MORE_THAN_HALF,
        error_messages={
            "required": _("Hãy chọn điều kiện số người dự."),
            "invalid_choice": _("Lựa chọn không hợp lệ."),
        },
    )
    quorum_share = _share_field(
        _("Tỷ lệ có mặt tối thiểu"), _("Chỉ khi chọn “Từ một tỷ lệ số thành viên”, ví dụ 0,75 là 75%.")
    )
    agenda = _agenda_field()

    def __init__(
        self, data: Any = None, *, blocs: QuerySet[Bloc], people: QuerySet[Person], initial: Any = None
    ) -> None:
        super().__init__(data, initial=initial)
        self.fields["bloc"].queryset = blocs  # type: ignore[attr-defined]
        for name in ("chair", "co_chair", "secretary"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]

    def clean_agenda(self) -> list[AgendaItemInput]:
        return _clean_agenda(self)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        share_missing = data.get("quorum_share") is None and "quorum_share" not in self.errors
        if data.get("quorum_rule") == QuorumRule.PERCENTAGE and share_missing:
            self.add_error("quorum_share", gettext("Hãy nhập tỷ lệ có mặt tối thiểu (ví dụ 0,75)."))
        if not (data.get("title") or "").strip() and data.get("year"):
            data["title"] = conference_title_default(data["year"])
        return data


class AgendaForm(forms.Form):
    agenda = _agenda_field()

    def clean_agenda(self) -> list[AgendaItemInput]:
        return _clean_agenda(self)


class DelegateForm(forms.Form):
    """Invite a delegate for a member unit (with a vote) or a guest (without)."""

    unit = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("— khách mời, không thuộc đơn vị thành viên —"),
        error_messages=_HIDDEN,
    )
    person = _person_field(_("Cá nhân"))
    name = forms.CharField(
        label=_("Họ và tên"),
        required=False,
        max_length=200,
        help_text=_("Để trống nếu đã chọn cá nhân hoặc tài khoản."),
        error_messages={"max_length": _("Tối đa 200 ký tự.")},
    )
    position = _position_field()
    user = _account_field()
    has_vote = forms.BooleanField(
        label=_("Có quyền biểu quyết"),
        required=False,
        initial=True,
        help_text=_("Bỏ chọn với khách mời."),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        units: QuerySet[Unit],
        people: QuerySet[Person],
        users: QuerySet[User],
        prefix: str | None = "delegate",
    ) -> None:
        super().__init__(data, prefix=prefix)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = _account_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if self.errors:
            return data
        if not (data.get("name") or "").strip() and data.get("person") is None and data.get("user") is None:
            self.add_error("name", gettext("Hãy nhập họ tên, hoặc chọn cá nhân hay tài khoản của đại biểu."))
        if data.get("has_vote") and data.get("unit") is None:
            self.add_error("unit", gettext("Đại biểu có quyền biểu quyết phải đại diện cho một đơn vị thành viên."))
        return data


def _account_label(user: User) -> str:
    unit = user.unit.name if user.unit else ""
    return f"{user.get_full_name()} ({user.username}){f' — {unit}' if unit else ''}"


class SubstituteForm(forms.Form):
    """Replace a delegate by another person of the same unit."""

    delegate = forms.ModelChoiceField(
        label=_("Đại biểu được thay"),
        queryset=Delegate.objects.none(),
        empty_label=_("— chọn đại biểu —"),
        error_messages={"required": _("Hãy chọn đại biểu được thay."), **_HIDDEN},
    )
    person = _person_field(_("Người thay"))
    name = forms.CharField(
        label=_("Họ và tên người thay"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Tối đa 200 ký tự.")},
    )
    position = _position_field()
    user = _account_field()
    is_present = forms.BooleanField(label=_("Đã có mặt (điểm danh ngay)"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        delegates: QuerySet[Delegate],
        people: QuerySet[Person],
        users: QuerySet[User],
    ) -> None:
        super().__init__(data, prefix="substitute")
        self.fields["delegate"].queryset = delegates  # type: ignore[attr-defined]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["user"].queryset = users  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = _account_label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not self.errors and not (data.get("name") or "").strip() and not data.get("person") and not data.get("user"):
            self.add_error("name", gettext("Hãy nhập họ tên, hoặc chọn cá nhân hay tài khoản của người thay."))
        return data


class PollForm(forms.Form):
    """A poll in draft: its question and its rules (fixed once voting opens)."""

    title = forms.CharField(
        label=_("Nội dung biểu quyết"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Hãy nhập nội dung biểu quyết."), "max_length": _("Tối đa 500 ký tự.")},
    )
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=PollKind.choices,
        initial=PollKind.CHOOSE,
        error_messages={"required": _("Hãy chọn hình thức."), "invalid_choice": _("Lựa chọn không hợp lệ.")},
    )
    office = forms.ChoiceField(
        label=_("Chức danh bầu"),
        choices=PollOffice.choices,
        required=False,
        help_text=_("Chỉ với cuộc bầu Khối trưởng, Khối phó."),
        error_messages={"invalid_choice": _("Lựa chọn không hợp lệ.")},
    )
    max_choices = forms.IntegerField(
        label=_("Số được chọn tối đa (K)"),
        initial=1,
        min_value=1,
        max_value=100,
        error_messages={
            "required": _("Hãy nhập số được chọn tối đa."),
            "invalid": _("Phải là một số nguyên."),
            "min_value": _("Số được chọn tối đa phải từ 1 đến 100."),
            "max_value": _("Số được chọn tối đa phải từ 1 đến 100."),
        },
    )
    is_secret = forms.BooleanField(label=_("Bỏ phiếu kín"), required=False, initial=True)
    allows_self_vote = forms.BooleanField(label=_("Được bỏ phiếu cho chính mình (đơn vị mình)"), required=False)
    majority_rule = forms.ChoiceField(
        label=_("Điều kiện trúng cử"),
        choices=MajorityRule.choices,
        initial=MajorityRule.MORE_THAN_HALF,
        error_messages={"required": _("Hãy chọn điều kiện trúng cử."), "invalid_choice": _("Lựa chọn không hợp lệ.")},
    )
    majority_share = _share_field(_("Tỷ lệ tối thiểu"), _("Chỉ khi chọn “Từ một tỷ lệ trở lên”, ví dụ 0,80."))
    percentage_base = forms.ChoiceField(
        label=_("Cơ sở tính tỷ lệ"),
        choices=PercentageBase.choices,
        initial=PercentageBase.ROLL,
        error_messages={"required": _("Hãy chọn cơ sở tính tỷ lệ."), "invalid_choice": _("Lựa chọn không hợp lệ.")},
    )
    award_title = forms.ModelChoiceField(
        label=_("Danh hiệu, hình thức đề nghị"),
        queryset=Title.objects.exclude(subject=TitleSubject.INDIVIDUAL).order_by("order", "pk"),
        required=False,
        empty_label=_("— không —"),
        help_text=_("Với bình xét, suy tôn: các đơn vị trúng cử được đề nghị danh hiệu, hình thức này."),
        error_messages=_HIDDEN,
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Mục chương trình"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=_("— không gắn —"),
        error_messages=_HIDDEN,
    )

    def __init__(self, data: Any = None, *, agenda_items: QuerySet[AgendaItem]) -> None:
        super().__init__(data)
        self.fields["agenda_item"].queryset = agenda_items  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("office") and data.get("kind") and data["kind"] != PollKind.ELECTION:
            self.add_error("office", gettext("Chỉ cuộc bầu Khối trưởng, Khối phó mới có chức danh bầu."))
        if data.get("award_title") is not None and data.get("kind") == PollKind.ELECTION:
            self.add_error(
                "award_title",
                gettext("Cuộc bầu Khối trưởng, Khối phó không đề nghị danh hiệu, hình thức khen thưởng."),
            )
        share_missing = data.get("majority_share") is None and "majority_share" not in self.errors
        if data.get("majority_rule") == MajorityRule.PERCENTAGE and share_missing:
            self.add_error("majority_share", gettext("Hãy nhập tỷ lệ tối thiểu (ví dụ 0,80)."))
        return data


class CandidatesForm(forms.Form):
    """The ballot's list: member units of the bloc (for every kind, the election of the Khối trưởng and Khối phó
    included: the bloc elects a unit), in the order of the published ranking, each labelled with its rank and whether
    its registration names the poll's title."""

    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị trên phiếu"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Không tìm thấy đơn vị đã chọn."), "invalid_pk_value": _("Sai mã.")},
    )

    def __init__(
        self, data: Any = None, *, units: QuerySet[Unit], initial: Any = None, registered: set[int] | None = None
    ) -> None:
        super().__init__(data, initial=initial, prefix="candidates")
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        registered = registered or set()

        def label(unit: Unit) -> str:
            notes = []
            rank = getattr(unit, "published_rank", None)
            if rank is not None:
                notes.append(gettext("hạng %(rank)s trong bảng xếp hạng") % {"rank": rank})
            if unit.pk in registered:
                notes.append(gettext("đã đăng ký danh hiệu, hình thức này"))
            return f"{unit.name} ({'; '.join(notes)})" if notes else unit.name

        self.fields["units"].label_from_instance = label  # type: ignore[attr-defined]


class PaperIssueForm(forms.Form):
    count = forms.IntegerField(
        label=_("Số phiếu cần in thêm"),
        min_value=1,
        max_value=MAX_SHEETS_PER_ISSUE,
        error_messages={
            "required": _("Hãy nhập số phiếu."),
            "invalid": _("Phải là một số nguyên."),
            "min_value": _("Số phiếu in mỗi lần phải từ 1 trở lên."),
            "max_value": _("Số phiếu in mỗi lần không quá %(limit_value)s."),
        },
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="issue")


class HandOutForm(forms.Form):
    roll_entry = forms.ModelChoiceField(
        label=_("Cử tri nhận phiếu"),
        queryset=RollEntry.objects.none(),
        empty_label=_("— chọn cử tri —"),
        error_messages={"required": _("Hãy chọn cử tri nhận phiếu."), **_HIDDEN},
    )

    def __init__(self, data: Any = None, *, roll: QuerySet[RollEntry]) -> None:
        super().__init__(data, prefix="handout")
        self.fields["roll_entry"].queryset = roll  # type: ignore[attr-defined]


def _serial_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Số thứ tự của phiếu"),
        min_value=1,
        error_messages={
            "required": _("Hãy nhập số phiếu."),
            "invalid": _("Số phiếu phải là một số nguyên."),
            "min_value": _("Số phiếu bắt đầu từ 1."),
        },
    )


class SheetMarkForm(forms.Form):
    serial = _serial_field()
    status = forms.ChoiceField(
        label=_("Ghi nhận là"),
        choices=[
            (PaperSheetStatus.SPOILED, PaperSheetStatus.SPOILED.label),
            (PaperSheetStatus.UNUSED, PaperSheetStatus.UNUSED.label),
        ],
        error_messages={"required": _("Hãy chọn tình trạng phiếu."), "invalid_choice": _("Lựa chọn không hợp lệ.")},
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data, prefix="mark")


class PaperEntryForm(forms.Form):
    """The tellers' entry of one numbered paper ballot: ``choice_<candidate id>`` per candidate, or invalid."""

    serial = _serial_field()
    validity = forms.TypedChoiceField(
        label=_("Phiếu"),
        choices=[("1", _("Hợp lệ")), ("0", _("Không hợp lệ"))],
        coerce=lambda value: value == "1",
        initial="1",
        error_messages={
            "required": _("Hãy chọn phiếu hợp lệ hay không."),
            "invalid_choice": _("Lựa chọn không hợp lệ."),
        },
    )

    def __init__(self, data: Any = None, *, candidates: list[PollCandidate], kind: str) -> None:
        super().__init__(data, prefix="entry")
        self.candidates = candidates
        self.kind = kind
        for candidate in candidates:
            name = f"choice_{candidate.pk}"
            if kind == PollKind.YES_NO_ABSTAIN:
                self.fields[name] = forms.ChoiceField(
                    label=candidate.label,
                    required=False,
                    choices=[
                        ("", _("— bỏ trống —")),
                        (ChoiceValue.YES, ChoiceValue.YES.label),
                        (ChoiceValue.NO, ChoiceValue.NO.label),
                        (ChoiceValue.ABSTAIN, ChoiceValue.ABSTAIN.label),
                    ],
                    error_messages={"invalid_choice": _("Lựa chọn không hợp lệ.")},
                )
            else:
                self.fields[name] = forms.BooleanField(label=candidate.label, required=False)

    def choice_fields(self) -> list[forms.BoundField]:
        return [self[f"choice_{c.pk}"] for c in self.candidates]

    def marks(self) -> dict[int, str]:
        """The marks as the service takes them: candidate id → value."""
        marks: dict[int, str] = {}
        for candidate in self.candidates:
            value = self.cleaned_data.get(f"choice_{candidate.pk}")
            if self.kind == PollKind.YES_NO_ABSTAIN:
                if value:
                    marks[candidate.pk] = str(value)
            elif value:
                marks[candidate.pk] = ChoiceValue.CHOSEN
        return marks
