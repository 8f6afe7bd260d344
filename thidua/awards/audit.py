"""Audit events of the awards app: one creator per event type (STYLE S8)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from django.db import models

    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent

LEGAL_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15; Nghị định 152/2025/NĐ-CP Điều 4"
REVOCATION_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15 chương VII (hủy bỏ quyết định khen thưởng)"

audit_action_register(
    {
        "awards.task_rating_set": _("Ghi nhận xếp loại hoàn thành nhiệm vụ"),
        "awards.task_rating_deleted": _("Xóa xếp loại hoàn thành nhiệm vụ"),
        "awards.award_record_created": _("Ghi nhận khen thưởng đã nhận"),
        "awards.award_record_revoked": _("Hủy bỏ khen thưởng"),
        "awards.award_record_deleted": _("Xóa khen thưởng nhập sai"),
        "awards.discipline_record_created": _("Ghi nhận kỷ luật"),
        "awards.discipline_record_deleted": _("Xóa kỷ luật nhập sai"),
        "awards.pending_case_opened": _("Ghi nhận vụ việc đang xem xét"),
        "awards.pending_case_closed": _("Kết thúc vụ việc đang xem xét"),
        "awards.leave_period_created": _("Ghi nhận thời gian nghỉ thai sản"),
        "awards.leave_period_deleted": _("Xóa thời gian nghỉ thai sản"),
        "awards.science_work_created": _("Ghi nhận đề tài, công trình KH&CN"),
        "awards.science_work_deleted": _("Xóa đề tài, công trình KH&CN"),
        "awards.parameter_override_set": _("Điều chỉnh tham số quy tắc của tỉnh"),
        "awards.facts_imported": _("Nhập lịch sử khen thưởng"),
    }
)


def _record(
    action: str,
    *,
    actor: User | None,
    target: models.Model | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    legal_basis: str = LEGAL_BASIS,
) -> AuditEvent:
    return audit_record(
        action=action,
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=target,
        before=before,
        after=after,
        legal_basis=legal_basis,
    )


def task_rating_set_event(
    *, rating: models.Model, before: Mapping[str, Any] | None, after: Mapping[str, Any], actor: User | None
) -> AuditEvent:
    return _record("awards.task_rating_set", actor=actor, target=rating, before=before, after=after)


def fact_deleted_event(*, action: str, fact: models.Model, before: Mapping[str, Any], actor: User | None) -> AuditEvent:
    """A fact entered by mistake and deleted; the event keeps what it said."""
    return _record(action, actor=actor, target=fact, before=before)


def fact_created_event(*, action: str, fact: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record(action, actor=actor, target=fact, after=after)


def award_record_revoked_event(*, record: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record(
        "awards.award_record_revoked",
        actor=actor,
        target=record,
        before={"is_revoked": False},
        after=after,
        legal_basis=REVOCATION_BASIS,
    )


def pending_case_closed_event(*, case: models.Model, closed_on: str, actor: User | None) -> AuditEvent:
    return _record(
        "awards.pending_case_closed",
        actor=actor,
        target=case,
        before={"closed_on": None},
        after={"closed_on": closed_on},
    )


def parameter_override_set_event(
    *, override: models.Model, after: Mapping[str, Any], actor: User | None, decision_reference: str
) -> AuditEvent:
    return _record(
        "awards.parameter_override_set", actor=actor, target=override, after=after, legal_basis=decision_reference
    )


def facts_imported_event(*, kind: str, count: int, actor: User | None) -> AuditEvent:
    """One event per import batch, besides one per row (the batch is what the officer did)."""
    return _record("awards.facts_imported", actor=actor, target=None, after={"kind": kind, "rows": count})


# --- Proposals and decisions (issue 6) ---------------------------------------------------------------------------------

DOSSIER_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15 Điều 84"
DECISION_BASIS = "Luật Thi đua, khen thưởng 06/2022/QH15 Điều 80; Nghị định 152/2025/NĐ-CP Điều 50"

audit_action_register(
    {
        "awards.dossier_created": _("Tạo hồ sơ đề nghị khen thưởng"),
        "awards.dossier_updated": _("Sửa thông tin hồ sơ đề nghị khen thưởng"),
        "awards.nomination_added": _("Thêm người, tập thể được đề nghị khen thưởng"),
        "awards.nomination_removed": _("Bỏ người, tập thể được đề nghị khen thưởng"),
        "awards.dossier_document_added": _("Thêm tài liệu vào hồ sơ đề nghị"),
        "awards.dossier_reevaluated": _("Kiểm tra lại điều kiện của hồ sơ đề nghị"),
        "awards.dossier_submitted": _("Trình hồ sơ đề nghị khen thưởng"),
        "awards.dossier_received": _("Tiếp nhận hồ sơ đề nghị khen thưởng"),
        "awards.dossier_appraised": _("Thẩm định hồ sơ đề nghị khen thưởng"),
        "awards.dossier_returned": _("Trả lại hồ sơ đề nghị khen thưởng"),
        "awards.council_vote_recorded": _("Ghi kết quả biểu quyết của Hội đồng Thi đua - Khen thưởng"),
        "awards.decision_issued": _("Ban hành quyết định khen thưởng"),
        "awards.decision_award_revoked": _("Hủy bỏ khen thưởng theo quyết định"),
    }
)


def dossier_created_event(*, dossier: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record("awards.dossier_created", actor=actor, target=dossier, after=after, legal_basis=DOSSIER_BASIS)


def dossier_updated_event(
    *, dossier: models.Model, before: Mapping[str, Any], after: Mapping[str, Any], actor: User | None
) -> AuditEvent:
    return _record(
        "awards.dossier_updated", actor=actor, target=dossier, before=before, after=after, legal_basis=DOSSIER_BASIS
    )


def nomination_added_event(*, nomination: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record("awards.nomination_added", actor=actor, target=nomination, after=after, legal_basis=DOSSIER_BASIS)


def nomination_removed_event(*, dossier: models.Model, before: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record("awards.nomination_removed", actor=actor, target=dossier, before=before, legal_basis=DOSSIER_BASIS)


def dossier_document_added_event(*, dossier: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record("awards.dossier_document_added", actor=actor, target=dossier, after=after, legal_basis=DOSSIER_BASIS)


def dossier_reevaluated_event(*, dossier: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record("awards.dossier_reevaluated", actor=actor, target=dossier, after=after, legal_basis=DOSSIER_BASIS)


def dossier_transition_event(
    *,
    action: str,
    dossier: models.Model,
    old_status: str,
    new_status: str,
    actor: User | None,
    details: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """A step of the dossier's route (submitted, received, appraised, returned): ``action`` is one of those codes."""
    return _record(
        action,
        actor=actor,
        target=dossier,
        before={"status": old_status},
        after={"status": new_status, **(details or {})},
        legal_basis=DOSSIER_BASIS,
    )


def council_vote_recorded_event(
    *, nomination: models.Model, after: Mapping[str, Any], actor: User | None
) -> AuditEvent:
    return _record(
        "awards.council_vote_recorded",
        actor=actor,
        target=nomination,
        after=after,
        legal_basis="Nghị định 98/2023/NĐ-CP Điều 30 khoản 7",
    )


def decision_issued_event(*, decision: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record("awards.decision_issued", actor=actor, target=decision, after=after, legal_basis=DECISION_BASIS)


def decision_award_revoked_event(*, award: models.Model, after: Mapping[str, Any], actor: User | None) -> AuditEvent:
    return _record(
        "awards.decision_award_revoked",
        actor=actor,
        target=award,
        before={"is_revoked": False},
        after=after,
        legal_basis=REVOCATION_BASIS,
    )
