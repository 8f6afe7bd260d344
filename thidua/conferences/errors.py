"""Refusals of the conferences app. As in scoring, a request the schema allows but the records refuse answers 409;
a refused permission is 403 for the services and looks like "not found" in selectors (S12)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.exceptions import ApplicationError

if TYPE_CHECKING:
    from thidua.conferences.services.polls import Blocker


class ConferencesErrorCode(StrEnum):
    CONFERENCE_NOT_ALLOWED = "conference_not_allowed"
    CONFERENCE_STATE = "conference_state"
    CONFERENCE_INVALID = "conference_invalid"
    POLL_STATE = "poll_state"
    POLL_NOT_READY = "poll_not_ready"
    VOTE_NOT_ALLOWED = "vote_not_allowed"
    ALREADY_VOTED = "already_voted"
    BALLOT_INVALID = "ballot_invalid"
    RECONCILIATION = "ballot_reconciliation"


class ConferencesError(ApplicationError):
    pass


class ConferenceNotAllowed(ConferencesError):
    code = ConferencesErrorCode.CONFERENCE_NOT_ALLOWED
    status_code = 403
    default_message = _("Bạn không có quyền thực hiện thao tác này đối với hội nghị.")


class ConferenceStateError(ConferencesError):
    code = ConferencesErrorCode.CONFERENCE_STATE
    status_code = 409
    default_message = _("Thao tác không thực hiện được ở giai đoạn hiện tại của hội nghị.")


class ConferenceInvalid(ConferencesError):
    """Well-formed input that the records refuse (a unit outside the bloc, a delegate of another unit…), per field."""

    code = ConferencesErrorCode.CONFERENCE_INVALID
    status_code = 409
    default_message = _("Dữ liệu hội nghị chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.")


class PollStateError(ConferencesError):
    """The poll is not in a state that allows the step (S14: every bad transition raises this)."""

    code = ConferencesErrorCode.POLL_STATE
    status_code = 409
    default_message = _("Cuộc biểu quyết không ở trạng thái cho phép thao tác này.")


class PollNotReady(ConferencesError):
    """Opening refused: the readiness checklist has items left; ``blockers`` lists them."""

    code = ConferencesErrorCode.POLL_NOT_READY
    status_code = 409
    default_message = _("Chưa đủ điều kiện để bắt đầu bỏ phiếu.")

    def __init__(self, blockers: Sequence[Blocker]) -> None:
        self.blockers = tuple(blockers)
        lines = "; ".join(b.message for b in self.blockers)
        super().__init__(f"{self.default_message} {lines}")


class VoteNotAllowed(ConferencesError):
    code = ConferencesErrorCode.VOTE_NOT_ALLOWED
    status_code = 403
    default_message = _(
        "Bạn không có quyền bỏ phiếu trong cuộc biểu quyết này: chỉ đại biểu có quyền biểu quyết, đã điểm danh, "
        "có tên trong danh sách cử tri mới được bỏ phiếu."
    )


class AlreadyVoted(ConferencesError):
    code = ConferencesErrorCode.ALREADY_VOTED
    status_code = 409
    default_message = _(
        "Phiếu của bạn (hoặc của đơn vị bạn) đã được ghi nhận trước đó. Mỗi cử tri chỉ được bỏ phiếu một lần; "
        "phiếu lần này không được tính."
    )


class BallotInvalid(ConferencesError):
    code = ConferencesErrorCode.BALLOT_INVALID
    status_code = 409
    default_message = _("Phiếu bầu không hợp lệ. Vui lòng kiểm tra lại lựa chọn.")


class BallotsNotReconciled(ConferencesError):
    code = ConferencesErrorCode.RECONCILIATION
    status_code = 409
    default_message = _(
        "Số phiếu chưa khớp: số phiếu phát hành phải bằng số phiếu thu vào cộng phiếu hỏng và phiếu không sử dụng."
    )
