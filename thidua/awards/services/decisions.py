"""Decisions (quyết định khen thưởng, issue 6; R26, R27; Luật 06/2022 chương VII for revocation).

``decision_issue`` turns a dossier into a decision in one step: every nominee that passed appraisal and, where the law
requires one, the council's ballot becomes a ``DecisionAward`` with its reward amount (coefficient × base salary in
force on the decision date) and the ``AwardRecord`` that history and the rules count, in the same transaction.
``decision_award_revoke`` revokes one award: the record is flagged revoked and stops counting in every rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.errors import AwardAlreadyRevoked, DecisionInvalid, DossierNotAllowed, DossierWrongState
from thidua.awards.models import (
    AppraisalResult,
    AwardRecordSource,
    CouncilResult,
    Decision,
    DecisionAward,
    Dossier,
    DossierAction,
    DossierEvent,
    DossierStatus,
    Nomination,
)
from thidua.awards.permissions import can_review_dossiers_of
from thidua.awards.rules import quotas
from thidua.awards.services._common import date_error
from thidua.awards.services.award_records import AwardRecordInput, award_record_create, award_record_revoke

if TYPE_CHECKING:
    from thidua.accounts.models import User


@dataclass(frozen=True)
class DecisionInput:
    number: str
    decided_on: dt.date
    signer_name: str
    signer_title: str
    awarding_body: str = ""  # empty: the dossier's awarding body


def _invalid(field: str, message: str) -> DecisionInvalid:
    return DecisionInvalid(message, fields={field: [message]})


def _check_input(data: DecisionInput, dossier: Dossier, *, now: dt.datetime | None) -> None:
    errors: dict[str, list[str]] = {}
    for name, value in (
        ("number", data.number),
        ("signer_name", data.signer_name),
        ("signer_title", data.signer_title),
    ):
        if not value.strip():
            errors.setdefault(name, []).append(_("Không được để trống."))
    message = date_error(data.decided_on, now=now)
    if message:
        errors.setdefault("decided_on", []).append(message)
    elif data.decided_on < dossier.reference_date:
        errors.setdefault("decided_on", []).append(_("Ngày quyết định không thể trước ngày trình hồ sơ."))
    if errors:
        raise DecisionInvalid(fields=errors)


def _amount(nomination: Nomination, on: dt.date) -> int | None:
    """R27, or None when no verified coefficient or base salary exists for that title and date."""
    subject = "individual" if nomination.person_id else "collective"
    try:
        return quotas.reward_amount(nomination.title.code, subject, on)
    except LookupError:
        return None


def decision_issue(
    *, actor: User | None, dossier: Dossier, data: DecisionInput, now: dt.datetime | None = None
) -> Decision:
    """Issue the decision of an appraised dossier (province office): every approved nominee gets a ``DecisionAward``
    and an ``AwardRecord`` (source: decision) and the dossier is decided.

    Refuses with DossierNotAllowed, DossierWrongState (not appraised yet; a nominee not appraised or waiting for the
    council's vote) and DecisionInvalid (empty fields, a date in the future or before the reference date, a number
    already used that day, no approved nominee).
    """
    if actor is not None and not can_review_dossiers_of(actor, province=dossier.province):
        raise DossierNotAllowed()
    _check_input(data, dossier, now=now)
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("province", "proposer_unit", "bloc")
            .get(pk=dossier.pk)
        )
        if locked.status not in (DossierStatus.APPRAISING, DossierStatus.COUNCIL):
            raise DossierWrongState()
        nominations = list(
            Nomination.objects.filter(dossier=locked).select_related("title", "person", "unit").order_by("pk")
        )
        if any(
            n.appraisal_result == AppraisalResult.PENDING or n.council_result == CouncilResult.PENDING
            for n in nominations
        ):
            raise DossierWrongState(_("Còn đề nghị chưa thẩm định hoặc chưa có kết quả biểu quyết của Hội đồng."))
        approved = [n for n in nominations if n.is_approved]
        if not approved:
            raise _invalid("dossier", _("Không có đề nghị nào đạt thẩm định để quyết định khen thưởng."))
        number = data.number.strip()[:60]
        if Decision.objects.filter(province=locked.province, number=number, decided_on=data.decided_on).exists():
            raise _invalid("number", _("Số quyết định này đã được ghi nhận cho ngày này."))
        awarding_body = (data.awarding_body.strip() or locked.awarding_body)[:300]
        decision = Decision.objects.create(
            number=number,
            decided_on=data.decided_on,
            signer_name=data.signer_name.strip()[:200],
            signer_title=data.signer_title.strip()[:200],
            awarding_body=awarding_body,
            province=locked.province,
            dossier=locked,
        )
        for nomination in approved:
            record = award_record_create(
                actor=None,
                person=nomination.person,
                unit=nomination.unit,
                data=AwardRecordInput(
                    title=nomination.title,
                    year=locked.year,
                    decision_number=number,
                    decided_on=data.decided_on,
                    decided_by_body=awarding_body,
                    source=AwardRecordSource.DECISION,
                ),
                now=now,
            )
            DecisionAward.objects.create(
                decision=decision,
                nomination=nomination,
                person=nomination.person,
                unit=nomination.unit,
                title=nomination.title,
                amount=_amount(nomination, data.decided_on),
                award_record=record,
            )
        locked.status = DossierStatus.DECIDED
        locked.decided_at = now
        locked.save(update_fields=["status", "decided_at", "updated_at"])
        DossierEvent.objects.create(dossier=locked, action=DossierAction.DECIDED, actor=actor, reason=number, at=now)
        audit.decision_issued_event(
            decision=decision,
            actor=actor,
            after={
                "number": number,
                "decided_on": data.decided_on.isoformat(),
                "dossier_id": locked.pk,
                "awards": [{"person_id": n.person_id, "unit_id": n.unit_id, "title": n.title.code} for n in approved],
            },
        )
    return decision


def decision_award_revoke(
    *,
    actor: User | None,
    award: DecisionAward,
    revoked_on: dt.date,
    reference: str,
    reason: str,
    now: dt.datetime | None = None,
) -> DecisionAward:
    """Revoke one award of a decision (Luật 06/2022 chương VII) with the revoking decision and the reason; its
    ``AwardRecord`` is revoked with it and stops counting in every rule. Province office of the decision's province.
    """
    decision = award.decision
    if actor is not None and not can_review_dossiers_of(actor, province=decision.province):
        raise DossierNotAllowed()
    with transaction.atomic():
        locked = DecisionAward.objects.select_for_update().select_related("award_record").get(pk=award.pk)
        if locked.is_revoked:
            raise AwardAlreadyRevoked()
        record = award_record_revoke(
            actor=None,
            record=locked.award_record,
            revoked_on=revoked_on,
            reference=reference,
            reason=reason,
            now=now,
        )
        locked.is_revoked = True
        locked.revoked_on = record.revoked_on
        locked.revocation_reference = record.revocation_reference
        locked.revocation_reason = record.revocation_reason
        locked.save(
            update_fields=["is_revoked", "revoked_on", "revocation_reference", "revocation_reason", "updated_at"]
        )
        audit.decision_award_revoked_event(
            award=locked,
            actor=actor,
            after={
                "is_revoked": True,
                "revoked_on": revoked_on.isoformat(),
                "reference": locked.revocation_reference,
                "reason": locked.revocation_reason,
            },
        )
    return locked
