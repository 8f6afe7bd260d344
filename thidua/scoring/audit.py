"""Audit events of scoring: one creator, called inside each service transaction (S8)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent

LEGAL_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 5, 8 (bình xét công khai, dân chủ, chính xác)"

ACTIONS = {
    "scoring.criteria_set_created": _("Tạo bộ tiêu chí chấm điểm"),
    "scoring.criteria_set_copied": _("Sao chép bộ tiêu chí chấm điểm"),
    "scoring.criteria_set_changed": _("Sửa bộ tiêu chí chấm điểm"),
    "scoring.criteria_set_approved": _("Thông qua bộ tiêu chí chấm điểm"),
    "scoring.round_created": _("Tạo đợt chấm điểm"),
    "scoring.round_updated": _("Sửa quy định đợt chấm điểm"),
    "scoring.round_opened": _("Mở chấm điểm"),
    "scoring.round_set_switched": _("Áp dụng phiên bản bộ tiêu chí mới"),
    "scoring.assignments_generated": _("Phân công chấm chéo tự động"),
    "scoring.assignment_added": _("Phân công chấm kiểm tra"),
    "scoring.assignment_removed": _("Bỏ phân công chấm kiểm tra"),
    "scoring.conflict_declared": _("Khai báo xung đột lợi ích khi chấm"),
    "scoring.sheet_saved": _("Lưu bảng chấm điểm"),
    "scoring.sheet_submitted": _("Gửi bảng chấm điểm"),
    "scoring.sheet_returned": _("Trả lại bảng chấm điểm"),
    "scoring.evidence_added": _("Thêm minh chứng"),
    "scoring.evidence_removed": _("Xoá minh chứng"),
    "scoring.round_consolidated": _("Tổng hợp kết quả chấm điểm"),
    "scoring.appeal_window_opened": _("Mở thời hạn khiếu nại điểm"),
    "scoring.appeal_filed": _("Gửi khiếu nại điểm"),
    "scoring.appeal_answered": _("Trả lời khiếu nại điểm"),
    "scoring.round_published": _("Công bố kết quả chấm điểm"),
    "scoring.score_corrected": _("Đính chính điểm sau công bố"),
}
audit_action_register(ACTIONS)


def scoring_event(
    action: str,
    *,
    actor: User | None,
    target: models.Model,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Record one scoring event; ``action`` must be one of ``ACTIONS``."""
    if action not in ACTIONS:
        raise LookupError(f"Unregistered scoring audit action {action!r}")
    return audit_record(
        action=action,
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=target,
        before=before,
        after=after,
        legal_basis=LEGAL_BASIS,
    )
