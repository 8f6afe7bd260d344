"""Audit events of conferences and polls: one creator, called inside each service transaction (S8).

The audit trail is also the conference's log (S14: each transition is appended to it). An event about a ballot
names the poll and the channel only: never a choice, a ballot id or a receipt (``voting/README.md``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent

LEGAL_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5, 8; HD 1122/BTĐKT-VI (bình xét, suy tôn, bầu Khối trưởng)"

ACTIONS = {
    "conferences.conference_created": _("Tạo hội nghị"),
    "conferences.agenda_set": _("Cập nhật chương trình hội nghị"),
    "conferences.conference_started": _("Khai mạc hội nghị"),
    "conferences.conference_ended": _("Bế mạc hội nghị"),
    "conferences.delegate_added": _("Thêm đại biểu dự hội nghị"),
    "conferences.delegate_checked_in": _("Điểm danh đại biểu"),
    "conferences.delegate_substituted": _("Thay thế đại biểu"),
    "conferences.poll_created": _("Tạo cuộc biểu quyết"),
    "conferences.poll_candidates_set": _("Cập nhật danh sách trên phiếu"),
    "conferences.poll_opened": _("Bắt đầu bỏ phiếu"),
    "conferences.ballot_cast": _("Bỏ phiếu trực tuyến"),
    "conferences.paper_ballots_issued": _("Phát hành phiếu bầu giấy"),
    "conferences.paper_ballot_handed_out": _("Phát phiếu bầu giấy cho cử tri"),
    "conferences.paper_ballot_entered": _("Nhập phiếu bầu giấy"),
    "conferences.paper_sheet_marked": _("Ghi phiếu giấy hỏng hoặc không sử dụng"),
    "conferences.poll_closed": _("Kết thúc bỏ phiếu"),
    "conferences.poll_published": _("Công bố kết quả biểu quyết"),
    "conferences.runoff_created": _("Tạo cuộc bầu lại khi bằng phiếu"),
    "conferences.result_applied": _("Chuyển kết quả biểu quyết vào hồ sơ đề nghị hoặc thành phần khối"),
    "conferences.record_confirmed": _("Xác nhận biên bản"),
}
audit_action_register(ACTIONS)


def conferences_event(
    action: str,
    *,
    actor: User | None,
    target: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record one conferences event; ``action`` must be one of ``ACTIONS``."""
    if action not in ACTIONS:
        raise LookupError(f"Unregistered conferences audit action {action!r}")
    return audit_record(
        action=action,
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=target,
        before=before,
        after=after,
        legal_basis=LEGAL_BASIS,
    )
