"""Who checks whom: automatic balanced cross-scoring, manual assignment, and conflicts of interest.

A unit never checks itself: the service refuses it with a message, and a database constraint refuses it even if
the service were bypassed. A scorer who declares a conflict of interest is replaced by the member unit with the
fewest assignments that is neither the scored unit, nor the declaring unit, nor already checking that unit, nor a
unit that declared a conflict with it before.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.emulation.models import BlocMembership
from thidua.scoring.assignment import cross_assignments
from thidua.scoring.audit import scoring_event
from thidua.scoring.choices import AssignmentMethod, AssignmentStatus, CheckingMode, RoundStatus, ScorerKind
from thidua.scoring.errors import ScoringInvalid, ScoringNotAllowed, ScoringStateError
from thidua.scoring.models import ScoringAssignment, ScoringRound
from thidua.scoring.permissions import can_check_for
from thidua.scoring.services._common import check_manage, require_status, required_reason, round_lock
from thidua.scoring.services.rounds import sheets_for_assignments_create

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit


def _members(scoring_round: ScoringRound) -> list[int]:
    return list(
        BlocMembership.objects.filter(bloc_id=scoring_round.bloc_id, year=scoring_round.year).values_list(
            "unit_id", flat=True
        )
    )


def assignments_generate(
    *, actor: User | None, scoring_round: ScoringRound, method: str = AssignmentMethod.ROUND_ROBIN, seed: int = 0
) -> list[ScoringAssignment]:
    """Replace the round's cross-scoring assignments by a balanced draw (only while preparing)."""
    check_manage(actor, scoring_round.bloc)
    if method not in AssignmentMethod.values:
        message = _("Cách phân công không hợp lệ.")
        raise ScoringInvalid(message, fields={"method": [message]})
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.PREPARING)
        if locked.checking_mode != CheckingMode.CROSS:
            raise ScoringStateError(_("Khối không chấm chéo: không cần phân công tự động."))
        members = _members(locked)
        if not 1 <= locked.scorers_per_unit < len(members):
            raise ScoringStateError(
                _("Khối có %(units)s đơn vị: không thể để mỗi đơn vị được %(per)s đơn vị khác chấm.")
                % {"units": len(members), "per": locked.scorers_per_unit}
            )
        pairs = cross_assignments(members, per_unit=locked.scorers_per_unit, method=method, seed=seed)
        ScoringAssignment.objects.filter(scoring_round=locked).delete()
        created = ScoringAssignment.objects.bulk_create(
            [
                ScoringAssignment(
                    scoring_round=locked, scored_unit_id=scored, scorer_kind=ScorerKind.UNIT, scorer_unit_id=scorer
                )
                for scorer, scored in pairs
            ]
        )
        scoring_event(
            "scoring.assignments_generated",
            actor=actor,
            target=locked,
            after={"method": method, "seed": seed, "pairs": [[a, b] for a, b in pairs]},
        )
    return created


def assignment_add(
    *,
    actor: User | None,
    scoring_round: ScoringRound,
    scored_unit: Unit,
    scorer_unit: Unit | None = None,
    scorer_user: User | None = None,
) -> ScoringAssignment:
    """Assign one checker by hand: a member unit (cross-scoring) or a panel member (a user)."""
    check_manage(actor, scoring_round.bloc)
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.PREPARING, RoundStatus.SCORING)
        members = set(_members(locked))
        if scored_unit.pk not in members:
            message = _("Đơn vị được chấm không là thành viên của khối trong năm này.")
            raise ScoringInvalid(message, fields={"scored_unit": [message]})
        if locked.checking_mode == CheckingMode.CROSS:
            if scorer_unit is None or scorer_unit.pk not in members:
                message = _("Đơn vị chấm phải là thành viên của khối trong năm này.")
                raise ScoringInvalid(message, fields={"scorer_unit": [message]})
            if scorer_unit.pk == scored_unit.pk:
                message = _("Một đơn vị không được chấm điểm chính mình.")
                raise ScoringInvalid(message, fields={"scorer_unit": [message]})
            kind, unit, user = ScorerKind.UNIT, scorer_unit, None
        elif locked.checking_mode == CheckingMode.PANEL:
            if scorer_user is None:
                message = _("Vui lòng chọn thành viên tổ chấm.")
                raise ScoringInvalid(message, fields={"scorer_user": [message]})
            if scorer_user.unit_id == scored_unit.pk:
                message = _("Thành viên tổ chấm không được chấm đơn vị của chính mình.")
                raise ScoringInvalid(message, fields={"scorer_user": [message]})
            kind, unit, user = ScorerKind.PANEL_MEMBER, None, scorer_user
        else:
            raise ScoringStateError(_("Thư ký khối kiểm tra mọi đơn vị: không cần phân công."))
        duplicate = ScoringAssignment.objects.filter(
            scoring_round=locked, scored_unit=scored_unit, status=AssignmentStatus.ACTIVE
        )
        if (unit and duplicate.filter(scorer_unit=unit).exists()) or (
            user and duplicate.filter(scorer_user=user).exists()
        ):
            raise ScoringStateError(_("Người chấm này đã được phân công chấm đơn vị đó."))
        assignment = ScoringAssignment.objects.create(
            scoring_round=locked, scored_unit=scored_unit, scorer_kind=kind, scorer_unit=unit, scorer_user=user
        )
        if locked.status == RoundStatus.SCORING:
            sheets_for_assignments_create(locked, [assignment])
        scoring_event(
            "scoring.assignment_added",
            actor=actor,
            target=locked,
            after={"scored_unit": scored_unit.pk, "scorer": assignment.scorer_label},
        )
    return assignment


def assignment_remove(*, actor: User | None, assignment: ScoringAssignment) -> None:
    """Remove an assignment made by mistake (only while preparing)."""
    scoring_round = assignment.scoring_round
    check_manage(actor, scoring_round.bloc)
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.PREPARING)
        scoring_event(
            "scoring.assignment_removed",
            actor=actor,
            target=locked,
            before={"scored_unit": assignment.scored_unit_id, "scorer": assignment.scorer_label},
        )
        assignment.delete()


def _replacement_unit(locked: ScoringRound, assignment: ScoringAssignment) -> int | None:
    assignments = list(ScoringAssignment.objects.filter(scoring_round=locked))
    load = Counter(a.scorer_unit_id for a in assignments if a.scorer_unit_id and a.status == AssignmentStatus.ACTIVE)
    # Every unit that checks the scored unit, or declared a conflict with it earlier, is excluded: a conflict of
    # interest does not lapse when the replacement declares one in turn.
    excluded = {assignment.scored_unit_id, assignment.scorer_unit_id} | {
        a.scorer_unit_id for a in assignments if a.scored_unit_id == assignment.scored_unit_id
    }
    candidates = sorted((load.get(u, 0), u) for u in _members(locked) if u not in excluded)
    return candidates[0][1] if candidates else None


def assignment_conflict_declare(*, actor: User, assignment: ScoringAssignment, reason: str) -> ScoringAssignment:
    """The scorer declares a conflict of interest: the assignment is set aside (its sheet no longer counts) and, in
    cross-scoring, another member unit is assigned automatically. Returns the replacement."""
    scoring_round = assignment.scoring_round
    if not can_check_for(actor, assignment=assignment, bloc=scoring_round.bloc):
        raise ScoringNotAllowed()
    reason = required_reason(reason)
    with transaction.atomic():
        locked = round_lock(scoring_round)
        require_status(locked, RoundStatus.PREPARING, RoundStatus.SCORING)
        current = ScoringAssignment.objects.select_for_update().get(pk=assignment.pk)
        if current.status != AssignmentStatus.ACTIVE or current.scorer_kind != ScorerKind.UNIT:
            raise ScoringStateError(
                _(
                    "Chỉ đơn vị chấm chéo đang được phân công mới khai báo xung đột lợi ích; thành viên tổ chấm "
                    "xin thư ký khối thay người."
                )
            )
        if hasattr(current, "sheet") and current.sheet.status == "submitted":
            raise ScoringStateError(_("Bảng điểm đã gửi: không khai báo xung đột lợi ích được nữa."))
        replacement_unit = _replacement_unit(locked, current)
        if replacement_unit is None:
            raise ScoringStateError(_("Không còn đơn vị nào trong khối có thể chấm thay."))
        replacement = ScoringAssignment.objects.create(
            scoring_round=locked,
            scored_unit_id=current.scored_unit_id,
            scorer_kind=ScorerKind.UNIT,
            scorer_unit_id=replacement_unit,
        )
        current.status = AssignmentStatus.REPLACED
        current.conflict_reason = reason
        current.replaced_by = replacement
        current.save(update_fields=["status", "conflict_reason", "replaced_by", "updated_at"])
        if locked.status == RoundStatus.SCORING:
            sheets_for_assignments_create(locked, [replacement])
        scoring_event(
            "scoring.conflict_declared",
            actor=actor,
            target=locked,
            before={"scored_unit": current.scored_unit_id, "scorer_unit": current.scorer_unit_id},
            after={"scorer_unit": replacement_unit, "reason": reason},
        )
    return replacement
