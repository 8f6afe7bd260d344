"""R03A (CSTĐCS ≤ 15 % of LĐTT, floor, regime A; configurable elsewhere) across the dossier and the unit's other
dossiers of the year; R12 council thresholds (ceil 90 % / 80 % of all members) and R13 council quorum (ceil 80 % of
the members present, configurable) at their boundaries."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from thidua.awards.errors import DossierInvalid, DossierQuotaExceeded
from thidua.awards.models import CouncilResult, DossierEvent, DossierStatus, Nomination
from thidua.awards.selectors_dossiers import dossier_quota_counts
from thidua.awards.services import (
    AppraisalInput,
    council_vote_record,
    dossier_appraise,
    dossier_return,
    dossier_submit,
    parameter_override_set,
)
from thidua.awards.tests.dossiers.helpers import REF_A, appraised, documents_complete, dossier_make, nominate
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory


def people(world, n):
    return [PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)) for _ in range(n)]


@pytest.mark.parametrize(
    ("_case", "n_ldtt", "n_cstdcs", "cap", "exceeded"),
    [
        ("NĐ 91/2017 Điều 9.3: 6 LĐTT → floor(0.9) = 0", 6, 1, 0, True),
        ("NĐ 91/2017 Điều 9.3: 7 LĐTT → floor(1.05) = 1, one proposed", 7, 1, 1, False),
        ("NĐ 91/2017 Điều 9.3: 7 LĐTT → 1, two proposed", 7, 2, 1, True),
        ("NĐ 91/2017 Điều 9.3: 20 LĐTT → exactly 3", 20, 3, 3, False),
        ("NĐ 91/2017 Điều 9.3: 20 LĐTT → 3, four proposed", 20, 4, 3, True),
    ],
)
def test_cstdcs_quota_regime_a_boundaries(world, _case, n_ldtt, n_cstdcs, cap, exceeded):
    # given
    dossier = dossier_make(world.a, year=2019, reference_date=REF_A)
    staff = people(world, n_ldtt)
    for person in staff:
        nominate(dossier, "LDTT", person=person)
    for person in staff[:n_cstdcs]:
        nominate(dossier, "CSTDCS", person=person)
    documents_complete(dossier)
    # when
    [count] = dossier_quota_counts(dossier=dossier)
    # then
    assert (count.proposed, count.base, count.cap, count.is_exceeded) == (n_cstdcs, n_ldtt, cap, exceeded)
    assert count.display == f"{n_cstdcs} / {cap}"
    if exceeded:
        with pytest.raises(DossierQuotaExceeded):
            dossier_submit(actor=None, dossier=dossier)
        dossier.refresh_from_db()
        assert dossier.status == DossierStatus.DRAFT
    else:
        assert dossier_submit(actor=None, dossier=dossier).status == DossierStatus.SUBMITTED


def test_cstdcs_quota_counts_the_units_other_dossiers_of_the_year(world):
    # given: 7 LĐTT and 1 CSTĐCS already proposed by unit A for 2019
    staff = people(world, 7)
    first = dossier_make(world.a, year=2019, reference_date=REF_A)
    for person in staff:
        nominate(first, "LDTT", person=person)
    nominate(first, "CSTDCS", person=staff[0])
    second = dossier_make(world.a, year=2019, reference_date=REF_A)
    nominate(second, "CSTDCS", person=staff[1])
    documents_complete(second)
    # when
    [count] = dossier_quota_counts(dossier=second)
    # then
    assert (count.proposed, count.cap, count.is_exceeded) == (2, 1, True)
    with pytest.raises(DossierQuotaExceeded):
        dossier_submit(actor=None, dossier=second)


def test_no_cstdcs_cap_in_regime_b_unless_configured(world):
    # given
    staff = people(world, 2)
    dossier = dossier_make(world.a)
    for person in staff:
        nominate(dossier, "LDTT", person=person)
        nominate(dossier, "CSTDCS", person=person)
    [unlimited] = dossier_quota_counts(dossier=dossier)
    assert (unlimited.cap, unlimited.is_exceeded) == (None, False)
    # when: the province sets 50 %
    parameter_override_set(
        actor=None,
        province=world.p,
        condition_code="cstdcs_quota",
        param="share",
        value=0.5,
        valid_from=dt.date(2024, 1, 1),
        decision_reference="QĐ 12/2024/QĐ-UBND",
    )
    [capped] = dossier_quota_counts(dossier=dossier)
    # then
    assert (capped.cap, capped.is_exceeded) == (1, True)


@pytest.mark.parametrize(
    ("_case", "code", "members", "yes", "result"),
    [
        ("NĐ 98/2023 Điều 30.7: CSTĐCS 80 % of 10 = 8", "CSTDCS", 10, 8, CouncilResult.PASSED),
        ("NĐ 98/2023 Điều 30.7: CSTĐCS 7 of 10", "CSTDCS", 10, 7, CouncilResult.FAILED),
        ("NĐ 98/2023 Điều 30.7: CSTĐCS ceil(0.8 × 11) = 9", "CSTDCS", 11, 9, CouncilResult.PASSED),
        ("NĐ 98/2023 Điều 30.7: CSTĐCS 8 of 11", "CSTDCS", 11, 8, CouncilResult.FAILED),
        ("NĐ 98/2023 Điều 30.7: CSTĐ tỉnh 90 % of 10 = 9", "CSTD_TINH", 10, 9, CouncilResult.PASSED),
        ("NĐ 98/2023 Điều 30.7: CSTĐ tỉnh 8 of 10", "CSTD_TINH", 10, 8, CouncilResult.FAILED),
    ],
)
def test_council_threshold_boundaries(world, _case, code, members, yes, result):
    # given
    person = PersonFactory(unit=world.a)
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, code, person=person)
    appraised(dossier)
    # when
    voted = council_vote_record(
        actor=world.province_office, nomination=nomination, yes_votes=yes, members=members, present=members
    )
    # then
    assert voted.council_result == result
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.COUNCIL


def test_titles_outside_r12_need_no_council_vote(world):
    person = PersonFactory(unit=world.a)
    dossier = dossier_make(world.a)
    nomination = nominate(dossier, "LDTT", person=person)
    appraised(dossier)
    nomination.refresh_from_db()
    assert nomination.council_result == CouncilResult.NOT_NEEDED
    assert nomination.is_approved


def test_regime_a_council_vote_needs_a_configured_share(world):
    # given
    person = PersonFactory(unit=world.a)
    dossier = dossier_make(world.a, year=2019, reference_date=REF_A)
    for _ in range(7):
        nominate(dossier, "LDTT", person=PersonFactory(unit=world.a))
    nomination = nominate(dossier, "CSTDCS", person=person)
    appraised(dossier)
    # when / then
    with pytest.raises(DossierInvalid):
        council_vote_record(actor=None, nomination=nomination, yes_votes=9, members=10, present=10)
    nomination.refresh_from_db()
    assert nomination.council_result == CouncilResult.PENDING


# --- R13: council quorum (QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 8 khoản 4 điểm b) ------------------------------------

R13_SOURCE = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 8 khoản 4 điểm b"


def _voting(world, *, reference_date=None):
    person = PersonFactory(unit=world.a)
    dossier = dossier_make(world.a, reference_date=reference_date) if reference_date else dossier_make(world.a)
    nomination = nominate(dossier, "CSTDCS", person=person)
    appraised(dossier)
    return dossier, nomination


def _trace(dossier):
    return (
        DossierEvent.objects.filter(dossier=dossier).count(),
        AuditEvent.objects.filter(action="awards.council_vote_recorded").count(),
    )


@pytest.mark.parametrize(
    ("_case", "members", "present", "accepted"),
    [
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: 80 % of 10 = 8; 7 present", 10, 7, False),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: 80 % of 10 = 8; 8 present", 10, 8, True),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 9) = 8; 7 present", 9, 7, False),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 9) = 8; 8 present", 9, 8, True),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 11) = 9; 8 present", 11, 8, False),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 11) = 9; 9 present", 11, 9, True),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: 80 % of 15 = 12; 11 present", 15, 11, False),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: 80 % of 15 = 12; 12 present", 15, 12, True),
        ("R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: everyone present", 15, 15, True),
    ],
)
def test_council_quorum_boundaries(world, _case, members, present, accepted):
    # given: written votes of absentees count, so every member votes yes
    dossier, nomination = _voting(world)
    before = _trace(dossier)
    # when / then
    if accepted:
        voted = council_vote_record(
            actor=world.province_office, nomination=nomination, yes_votes=members, members=members, present=present
        )
        assert (voted.council_present, voted.council_result) == (present, CouncilResult.PASSED)
        assert _trace(dossier) == (before[0] + 1, before[1] + 1)
        return
    with pytest.raises(DossierInvalid) as refused:
        council_vote_record(
            actor=world.province_office, nomination=nomination, yes_votes=members, members=members, present=present
        )
    [message] = refused.value.fields["present"]
    assert f"{present}/{members}" in message and "80%" in message and R13_SOURCE in message
    nomination.refresh_from_db()
    assert (nomination.council_result, nomination.council_present, nomination.council_yes_votes) == (
        CouncilResult.PENDING,
        None,
        None,
    )
    assert _trace(dossier) == before
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.APPRAISING


@pytest.mark.parametrize(
    ("_case", "reference_date", "present", "accepted"),
    [
        ("R13 — province share 90 % from 05/12/2024: the day before keeps 80 %", dt.date(2024, 12, 4), 8, True),
        ("R13 — province share 90 % from 05/12/2024: the day of, 8 of 10 refused", dt.date(2024, 12, 5), 8, False),
        ("R13 — province share 90 % from 05/12/2024: the day of, 9 of 10 accepted", dt.date(2024, 12, 5), 9, True),
        ("R13 — province share 90 % from 05/12/2024: the day after, 8 of 10 refused", dt.date(2024, 12, 6), 8, False),
    ],
)
def test_a_province_quorum_share_applies_from_its_valid_from_date(world, _case, reference_date, present, accepted):
    # given
    parameter_override_set(
        actor=None,
        province=world.p,
        condition_code="council_quorum",
        param="share",
        value=0.9,
        valid_from=dt.date(2024, 12, 5),
        decision_reference="QĐ 30/2024/QĐ-UBND",
    )
    _dossier, nomination = _voting(world, reference_date=reference_date)
    vote = {"nomination": nomination, "yes_votes": 10, "members": 10, "present": present}
    # when / then
    if accepted:
        assert council_vote_record(actor=None, **vote).council_present == present
    else:
        with pytest.raises(DossierInvalid) as refused:
            council_vote_record(actor=None, **vote)
        assert "90%" in refused.value.fields["present"][0]
        nomination.refresh_from_db()
        assert nomination.council_present is None


def _council_record(nomination):
    nomination.refresh_from_db()
    return (nomination.council_present, nomination.council_members, nomination.council_yes_votes)


def test_the_quorum_record_is_cleared_with_the_votes_on_return(world):
    # given
    dossier, nomination = _voting(world)
    council_vote_record(actor=None, nomination=nomination, yes_votes=9, members=10, present=9)
    assert _council_record(nomination) == (9, 10, 9)
    # when
    dossier_return(actor=None, dossier=dossier, reason="Bổ sung biên bản họp Hội đồng")
    # then
    assert _council_record(nomination) == (None, None, None)


def test_the_quorum_record_is_cleared_with_the_votes_on_reappraisal(world):
    # given: a record left on a nominee still in appraisal
    dossier, nomination = _voting(world)
    Nomination.objects.filter(pk=nomination.pk).update(council_yes_votes=9, council_members=10, council_present=9)
    # when
    dossier_appraise(actor=None, dossier=dossier, results=[AppraisalInput(nomination_id=nomination.pk, is_passed=True)])
    # then
    assert _council_record(nomination) == (None, None, None)


def test_the_database_refuses_more_present_than_members(world):
    _dossier, nomination = _voting(world)
    Nomination.objects.filter(pk=nomination.pk).update(council_members=10, council_yes_votes=9, council_present=10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.filter(pk=nomination.pk).update(council_present=11)
