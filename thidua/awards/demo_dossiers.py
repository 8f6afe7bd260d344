"""Demo step after scoring: the 2019 proposal dossier of bloc III and the decision that records it (issue 6).

At the year-end conference of 17/01/2020 the bloc voted to propose Bằng khen của Chủ tịch UBND tỉnh for Sở Lao động –
Thương binh và Xã hội, Báo Quảng Nam and Đài Phát thanh và Truyền hình Quảng Nam (the seed article). The dossier is
the bloc's (its secretariat proposes for member units), evaluated under regime A (reference date 20/01/2020). The
law of regime A for Bằng khen tỉnh is not in DOMAIN.md (UNVERIFIED), so the verdicts say that no automatic check
exists and the appraisal is the province office's. The documents are recorded as placeholders (paper originals);
the decision's number, date and signer are illustrative, not the real decision. Built through the services as the
system, with fixed instants; idempotent. The conference's demo step (``thidua.conferences.demo``) drafts the dossier
from the ballots of 17/01/2020; this step continues it to the decision.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from thidua.awards.models import Dossier, DossierDocumentKind, DossierStatus, Nomination, Title
from thidua.awards.services import (
    AppraisalInput,
    DecisionInput,
    decision_issue,
    dossier_appraise,
    dossier_create,
    dossier_document_add,
    dossier_receive,
    dossier_submit,
    nomination_add,
)

if TYPE_CHECKING:
    from thidua.demo.context import DemoContext

YEAR = 2019
PROPOSED = ("qn-so-ldtbxh", "qn-bao-quang-nam", "qn-dai-ptth")
DOCUMENTS = (
    DossierDocumentKind.PROPOSAL_LETTER,
    DossierDocumentKind.ACHIEVEMENT_REPORT,
    DossierDocumentKind.REVIEW_MINUTES,
)


def _at(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, 0, tzinfo=timezone.get_current_timezone())


def demo_load(context: DemoContext) -> None:
    bloc = context.bloc_iii
    dossier = Dossier.objects.filter(bloc=bloc, year=YEAR).order_by("pk").first()
    if dossier is not None and dossier.status != DossierStatus.DRAFT:
        return
    title = Title.objects.get(code="BK_TINH")
    if dossier is None:
        # Without the conference's step (thidua.conferences.demo), draft the dossier the conference would have filled.
        dossier = dossier_create(
            actor=None,
            year=YEAR,
            reference_date=dt.date(2020, 1, 20),
            awarding_body="Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam",
            bloc=bloc,
            now=_at(2020, 1, 20),
        )
    proposed = set(Nomination.objects.filter(dossier=dossier).values_list("unit__code", flat=True))
    for code in PROPOSED:
        if code in proposed:
            continue
        nomination_add(
            actor=None,
            dossier=dossier,
            title=title,
            unit=context.units[code],
            achievement_summary=(
                "Hoàn thành xuất sắc nhiệm vụ năm 2018 và 2019; được Khối thi đua các cơ quan tham mưu III bình xét, "
                "suy tôn đề nghị tặng Bằng khen tại Hội nghị tổng kết ngày 17/01/2020."
            ),
            achievement_key=f"khoi-iii-{YEAR}-{code}",
            now=_at(2020, 1, 20),
        )
    for kind in DOCUMENTS:
        dossier_document_add(
            actor=None, dossier=dossier, kind=kind, note="Bản giấy lưu tại Văn phòng Khối", now=_at(2020, 1, 20)
        )
    dossier_submit(actor=None, dossier=dossier, now=_at(2020, 1, 21))
    dossier_receive(actor=None, dossier=dossier, now=_at(2020, 1, 22))
    nominations = Nomination.objects.filter(dossier=dossier).order_by("pk")
    dossier_appraise(
        actor=None,
        dossier=dossier,
        results=[
            AppraisalInput(nomination_id=n.pk, is_passed=True, note="Đủ tiêu chuẩn theo kết quả bình xét của Khối.")
            for n in nominations
        ],
        now=_at(2020, 2, 5),
    )
    decision_issue(
        actor=None,
        dossier=dossier,
        data=DecisionInput(
            number="450/QĐ-UBND",
            decided_on=dt.date(2020, 2, 20),
            signer_name="Lê Văn Thành",
            signer_title="Chủ tịch Ủy ban nhân dân tỉnh",
        ),
        now=_at(2020, 2, 20, 15),
    )
