"""Shared steps of the scoring services: locks, permission checks and round-state guards."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from thidua.scoring.errors import ScoringInvalid, ScoringNotAllowed, ScoringStateError
from thidua.scoring.models import ScoringRound
from thidua.scoring.permissions import can_manage_scoring

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.emulation.models import Bloc

MAX_REASON_LENGTH = 2000


def check_manage(actor: User | None, bloc: Bloc) -> None:
    """``actor=None`` is the system (the demo loader); anyone else must be the bloc's secretariat or province office."""
    if actor is not None and not can_manage_scoring(actor, bloc=bloc):
        raise ScoringNotAllowed()


def round_lock(scoring_round: ScoringRound) -> ScoringRound:
    """Lock the round row: every change of state, sheet or result of a round is serialised on it."""
    return (
        ScoringRound.objects.select_for_update(of=("self",))
        .select_related("bloc__province", "criteria_set")
        .get(pk=scoring_round.pk)
    )


def require_status(scoring_round: ScoringRound, *allowed: str) -> None:
    if scoring_round.status not in allowed:
        raise ScoringStateError(
            _("Đợt chấm điểm đang ở giai đoạn “%(status)s”: không thực hiện được thao tác này.")
            % {"status": scoring_round.get_status_display()}
        )


def required_reason(reason: str, field: str = "reason") -> str:
    """A mandatory reason, stripped; refused when empty or too long."""
    reason = (reason or "").strip()
    if not reason:
        message = _("Vui lòng nêu lý do.")
        raise ScoringInvalid(message, fields={field: [message]})
    if len(reason) > MAX_REASON_LENGTH:
        message = _("Lý do dài quá %(limit)s ký tự.") % {"limit": MAX_REASON_LENGTH}
        raise ScoringInvalid(message, fields={field: [message]})
    return reason


def points_in_bounds(value: Decimal | str | None, *, maximum: Decimal, field: str) -> Decimal:
    """Points as a Decimal with at most two decimals, between 0 and ``maximum``; ScoringInvalid naming the field."""
    try:
        points = Decimal(str(value).replace(",", ".")) if value is not None else None
    except InvalidOperation:
        points = None
    if points is None or not points.is_finite():
        message = _("Điểm phải là một số.")
        raise ScoringInvalid(message, fields={field: [message]})
    if points < 0 or points > maximum:
        message = _("Điểm phải từ 0 đến %(max)s.") % {"max": _points_text(maximum)}
        raise ScoringInvalid(message, fields={field: [message]})
    if points != points.quantize(Decimal("0.01")):
        message = _("Điểm chỉ được có tối đa hai chữ số thập phân.")
        raise ScoringInvalid(message, fields={field: [message]})
    return points.quantize(Decimal("0.01"))


def _points_text(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")
