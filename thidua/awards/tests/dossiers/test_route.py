"""The whole route of a unit's dossier: draft → submit → receive → appraise → return → resubmit → council →
decision → revoke, with the award record created by the decision and no longer counting once revoked."""

import datetime as dt

import pytest

from thidua.awards.errors import DossierIncomplete, DossierInvalid, DossierWrongState
from thidua.awards.models import (
    AppraisalResult,
    AwardRecord,
    CouncilResult,
    DecisionAward,
    DossierAction,
    DossierStatus,
    Nomination,
)
from thidua.awards.selectors import subject_facts_for_people
from thidua.awards.services import (
    AppraisalInput,
    DecisionInput,
    council_vote_record,
    decision_award_revoke,
    decision_issue,
    dossier_appraise,
    dossier_create,
    dossier_document_add,
    dossier_receive,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
    nomination_add,
    task_rating_set,
)
from thidua.awards.tests.dossiers.helpers import REF_B, title
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory


@pytest.fixture
def lan(world):
    return PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))


def test_unit_dossier_goes_from_draft_to_decision_and_revocation(world, lan):
    # given
    task_rating_set(actor=None, person=lan, year=2024, rating="htxsnv")
    dossier = dossier_create(
        actor=world.officer_a, unit=world.a, year=2024, reference_date=REF_B, awarding_body="Giám đốc Sở Văn hóa"
    )
    added = nomination_add(
        actor=world.officer_a, dossier=dossier, title=title("CSTDCS"), person=lan, achievement_summary="HTXSNV 2024"
    )
    nomination = added.nomination
    assert added.warnings == ()
    assert nomination.evaluation["regime"] == "B"
    assert nomination.evaluation["rule_set"] == "CSTDCS/B/1"
    assert all(line["citation"] for line in nomination.evaluation["lines"])
    # R23: nothing leaves without its documents
    with pytest.raises(DossierIncomplete):
        dossier_submit(actor=world.head_a, dossier=dossier)
    for kind in ("to_trinh", "bao_cao", "bien_ban", "xac_nhan_sk"):
        dossier_document_add(actor=world.officer_a, dossier=dossier, kind=kind)

    # when: submitted, received, appraised, returned
    dossier = dossier_submit(actor=world.head_a, dossier=dossier)
    assert dossier.status == DossierStatus.SUBMITTED
    dossier = dossier_receive(actor=world.province_office, dossier=dossier)
    dossier = dossier_appraise(
        actor=world.province_office,
        dossier=dossier,
        results=[AppraisalInput(nomination_id=nomination.pk, is_passed=True, note="Đủ tiêu chuẩn")],
    )
    assert dossier.status == DossierStatus.APPRAISING
    with pytest.raises(DossierInvalid):
        dossier_return(actor=world.province_office, dossier=dossier, reason="  ")
    dossier = dossier_return(actor=world.province_office, dossier=dossier, reason="Bổ sung biên bản bỏ phiếu")
    assert dossier.status == DossierStatus.RETURNED
    assert dossier.return_reason == "Bổ sung biên bản bỏ phiếu"
    assert Nomination.objects.get().appraisal_result == AppraisalResult.PENDING

    # when: resubmitted, appraised again, council, decision
    dossier = dossier_resubmit(actor=world.head_a, dossier=dossier)
    dossier = dossier_receive(actor=world.province_office, dossier=dossier)
    dossier = dossier_appraise(
        actor=world.province_office,
        dossier=dossier,
        results=[AppraisalInput(nomination_id=nomination.pk, is_passed=True, note="Đủ tiêu chuẩn")],
    )
    assert Nomination.objects.get().council_result == CouncilResult.PENDING
    with pytest.raises(DossierWrongState):
        decision_issue(
            actor=world.province_office,
            dossier=dossier,
            data=DecisionInput("12/QĐ-SVH", dt.date(2025, 1, 15), "Nguyễn Văn Bình", "Giám đốc"),
        )
    voted = council_vote_record(actor=world.province_office, nomination=nomination, yes_votes=8, members=10, present=9)
    assert voted.council_result == CouncilResult.PASSED
    decision = decision_issue(
        actor=world.province_office,
        dossier=dossier,
        data=DecisionInput("12/QĐ-SVH", dt.date(2025, 1, 15), "Nguyễn Văn Bình", "Giám đốc"),
    )

    # then: the decision created the award record, with the R27 amount, and the rules count it
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    award = DecisionAward.objects.get()
    assert award.decision == decision
    assert award.amount == 2_340_000  # 1.0 × 2 340 000 đ (NĐ 73/2024)
    record = AwardRecord.objects.get()
    assert (record.person, record.title.code, record.year, record.source) == (lan, "CSTDCS", 2024, "decision")
    assert award.award_record == record
    facts = subject_facts_for_people([lan.pk], year=2025, reference_date=dt.date(2025, 12, 31))[lan.pk]
    assert facts.has_title("CSTDCS", 2024)
    assert list(dossier.events.values_list("action", flat=True)) == [
        DossierAction.CREATED,
        DossierAction.NOMINATION_ADDED,
        DossierAction.DOCUMENT_ADDED,
        DossierAction.DOCUMENT_ADDED,
        DossierAction.DOCUMENT_ADDED,
        DossierAction.DOCUMENT_ADDED,
        DossierAction.SUBMITTED,
        DossierAction.RECEIVED,
        DossierAction.APPRAISED,
        DossierAction.RETURNED,
        DossierAction.RESUBMITTED,
        DossierAction.RECEIVED,
        DossierAction.APPRAISED,
        DossierAction.COUNCIL_VOTED,
        DossierAction.DECIDED,
    ]

    # when: revoked
    revoked = decision_award_revoke(
        actor=world.province_office,
        award=award,
        revoked_on=dt.date(2025, 6, 1),
        reference="45/QĐ-SVH ngày 01/6/2025",
        reason="Khai không đúng thành tích",
    )

    # then: the record is revoked and stops counting
    assert revoked.is_revoked
    record.refresh_from_db()
    assert record.is_revoked
    assert record.revocation_reference == "45/QĐ-SVH ngày 01/6/2025"
    facts = subject_facts_for_people([lan.pk], year=2025, reference_date=dt.date(2025, 12, 31))[lan.pk]
    assert not facts.has_title("CSTDCS", 2024)
    assert AuditEvent.objects.filter(action="awards.decision_award_revoked").count() == 1
    assert AuditEvent.objects.filter(action="awards.decision_issued").count() == 1


def test_decision_leaves_out_rejected_nominees(world, lan):
    # given
    other = PersonFactory(full_name="Trần Văn Minh", unit=world.a)
    dossier = dossier_create(actor=None, unit=world.a, year=2024, reference_date=REF_B, awarding_body="Giám đốc Sở")
    kept = nomination_add(actor=None, dossier=dossier, title=title("LDTT"), person=lan).nomination
    dropped = nomination_add(actor=None, dossier=dossier, title=title("LDTT"), person=other).nomination
    for kind in ("to_trinh", "bao_cao", "bien_ban"):
        dossier_document_add(actor=None, dossier=dossier, kind=kind)
    dossier_submit(actor=None, dossier=dossier)
    dossier_receive(actor=None, dossier=dossier)
    dossier_appraise(
        actor=None,
        dossier=dossier,
        results=[
            AppraisalInput(nomination_id=kept.pk, is_passed=True),
            AppraisalInput(nomination_id=dropped.pk, is_passed=False, note="Chưa đủ thời gian công tác"),
        ],
    )
    # when
    decision_issue(
        actor=None, dossier=dossier, data=DecisionInput("7/QĐ-SVH", dt.date(2025, 1, 10), "Lê Hòa", "Giám đốc")
    )
    # then: LĐTT needs no council (R12), 0.3 × base salary
    award = DecisionAward.objects.get()
    assert award.person == lan
    assert award.amount == 702_000
    assert not AwardRecord.objects.filter(person=other).exists()


def test_decision_before_first_known_base_salary_has_no_amount(world, lan):
    # given: regime A dossier decided in 2020 (no verified base salary before 01/07/2024)
    dossier = dossier_create(
        actor=None, unit=world.a, year=2019, reference_date=dt.date(2019, 12, 5), awarding_body="Giám đốc Sở"
    )
    nomination_add(actor=None, dossier=dossier, title=title("LDTT"), person=lan)
    for kind in ("to_trinh", "bao_cao", "bien_ban"):
        dossier_document_add(actor=None, dossier=dossier, kind=kind)
    dossier_submit(actor=None, dossier=dossier)
    dossier_receive(actor=None, dossier=dossier)
    dossier_appraise(
        actor=None,
        dossier=dossier,
        results=[AppraisalInput(nomination_id=Nomination.objects.get().pk, is_passed=True)],
    )
    # when
    decision_issue(
        actor=None, dossier=dossier, data=DecisionInput("3/QĐ-SVH", dt.date(2020, 1, 10), "Lê Hòa", "Giám đốc")
    )
    # then
    assert DecisionAward.objects.get().amount is None
    assert AwardRecord.objects.get().year == 2019
