"""The provincial council's vote on a dossier's nominees: the yes votes needed (R12) and the members who must attend
(R13), both read from the province's parameters in force on the dossier's reference date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.errors import DossierWrongState
from thidua.awards.models import AppraisalResult, CouncilResult, Dossier, DossierAction, DossierStatus, Nomination
from thidua.awards.rules import quotas
from thidua.awards.rules.engine import regime_for
from thidua.awards.selectors import parameter_overrides_for
from thidua.awards.services.dossiers import _check_review, _history, _invalid, _lock

if TYPE_CHECKING:
    from thidua.accounts.models import User

COUNCIL_CONDITION = "council_threshold"  # the province parameter of R12 (rules.parameters)
QUORUM_CONDITION = "council_quorum"  # the province parameter of R13 (rules.parameters)


def council_threshold_for(dossier: Dossier, title_code: str, members: int) -> int | None:
    """R12: yes votes needed among all ``members`` (NĐ 98/2023 Điều 30 khoản 7), with the province's configured
    ``council_threshold.share``; None when the title needs no ballot. LookupError in regime A when unconfigured."""
    overrides: Mapping[str, Any] = parameter_overrides_for(dossier.province, dossier.reference_date)
    share = overrides.get(COUNCIL_CONDITION, {}).get("share")
    if share is None and title_code not in quotas.COUNCIL_SHARES:
        return None
    return quotas.council_threshold(title_code, members, regime_for(dossier.reference_date), share)


def council_quorum_share(overrides: Mapping[str, Any]) -> float:
    """R13: the share of members who must attend a session considering awards: the province's configured
    ``council_quorum.share`` among ``overrides``, else 80 % (Bắc Ninh model)."""
    configured = overrides.get(QUORUM_CONDITION, {}).get("share")
    return float(configured) if configured is not None else float(quotas.QUORUM_SHARES["award"])


def council_quorum_for(dossier: Dossier, members: int) -> tuple[int, float]:
    """R13 (Bắc Ninh model, QĐ 86/2025/QĐ-UBND Điều 8 khoản 4 điểm b): the members who must attend a session that
    considers awards, ``ceil(share × members)``, and the share used, with the province's overrides in force on the
    dossier's reference date (as for R12)."""
    share = council_quorum_share(parameter_overrides_for(dossier.province, dossier.reference_date))
    return quotas.council_quorum(members, "award", share), share


def _quorum_message(present: int, members: int, needed: int, share: float) -> str:
    citation = quotas.QUORUM_CITATION
    return _(
        "Phiên họp chưa đủ số thành viên tham dự: %(present)s/%(members)s, cần ít nhất %(needed)s "
        "(%(share)s%% tổng số thành viên Hội đồng; %(cite)s)."
    ) % {
        "present": present,
        "members": members,
        "needed": needed,
        "share": f"{share * 100:g}",
        "cite": f"{citation.document} {citation.article} {citation.clause}",
    }


def council_vote_record(
    *,
    actor: User | None,
    nomination: Nomination,
    yes_votes: int,
    members: int,
    present: int,
    now: dt.datetime | None = None,
) -> Nomination:
    """Record the council's ballot on one nominee (yes votes, written votes of absentees included, out of all
    members; the members present at the session) and whether it passes the R12 threshold. Province office; the
    nominee passed appraisal and needs it. Refused when the session lacked its quorum (R13)."""
    dossier = nomination.dossier
    _check_review(actor, dossier)
    if members < 1 or yes_votes < 0 or yes_votes > members:
        raise _invalid("yes_votes", _("Số phiếu đồng ý phải trong khoảng 0 đến tổng số thành viên Hội đồng."))
    if present < 0 or present > members:
        raise _invalid("present", _("Số thành viên tham dự phải trong khoảng 0 đến tổng số thành viên Hội đồng."))
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.status not in (DossierStatus.APPRAISING, DossierStatus.COUNCIL):
            raise DossierWrongState()
        row = Nomination.objects.select_for_update().select_related("title").get(pk=nomination.pk, dossier=locked)
        if row.appraisal_result != AppraisalResult.PASSED or row.council_result == CouncilResult.NOT_NEEDED:
            raise DossierWrongState(_("Đề nghị này không cần Hội đồng biểu quyết."))
        quorum, share = council_quorum_for(locked, members)
        if present < quorum:
            raise _invalid("present", _quorum_message(present, members, quorum, share))
        try:
            needed = council_threshold_for(locked, row.title.code, members)
        except LookupError as error:
            raise _invalid("members", str(error)) from error
        passes = needed is None or yes_votes >= needed
        row.council_yes_votes = yes_votes
        row.council_members = members
        row.council_present = present
        row.council_result = CouncilResult.PASSED if passes else CouncilResult.FAILED
        row.save(
            update_fields=["council_yes_votes", "council_members", "council_present", "council_result", "updated_at"]
        )
        if locked.status != DossierStatus.COUNCIL:
            locked.status = DossierStatus.COUNCIL
            locked.save(update_fields=["status", "updated_at"])
        reason = _("%(nominee)s: %(yes)s/%(members)s đồng ý, %(present)s thành viên tham dự") % {
            "nominee": row,
            "yes": yes_votes,
            "members": members,
            "present": present,
        }
        _history(locked, DossierAction.COUNCIL_VOTED, actor, now, reason=reason)
        audit.council_vote_recorded_event(
            nomination=row,
            actor=actor,
            after={
                "yes_votes": yes_votes,
                "members": members,
                "present": present,
                "quorum": quorum,
                "needed": needed,
                "result": row.council_result,
            },
        )
    return row
