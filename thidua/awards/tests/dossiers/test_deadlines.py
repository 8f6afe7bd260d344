"""R24/R25 at submission: a dossier submitted after its deadline goes through, recorded as late on the dossier, in its
history (submission and receipt) and in the audit trail; the province's parameters apply from their date."""

import datetime as dt

import pytest
from django.utils import timezone

from thidua.awards.errors import DossierInvalid
from thidua.awards.models import DossierAction, DossierEvent, DossierStatus
from thidua.awards.models.dossiers import DossierKind
from thidua.awards.services import (
    dossier_create,
    dossier_receive,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
    dossier_update,
    parameter_override_set,
)
from thidua.awards.tests.dossiers.helpers import documents_complete, nominate
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory

R24_YEAR_END = "R24 — QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6 khoản 2"
R24_THEMATIC = "R24 — QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6 khoản 1"


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def ready(world, *, year=2025, kind=DossierKind.YEAR_END, event_date=None, code="LDTT"):
    """A complete dossier of unit A with one nominee, ready to submit."""
    dossier = dossier_create(
        actor=None,
        unit=world.a,
        year=year,
        reference_date=dt.date(year, 12, 1),
        awarding_body="Giám đốc Sở Văn hóa An Phú",
        kind=kind,
        event_date=event_date,
    )
    nominate(dossier, code, person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    documents_complete(dossier)
    return dossier


def submit_event(dossier, action=DossierAction.SUBMITTED):
    return DossierEvent.objects.filter(dossier=dossier, action=action).latest("at", "id")


@pytest.mark.parametrize(
    ("_case", "kind", "event_date", "submitted_on", "deadline", "basis", "late"),
    [
        ("R24 — Điều 6.2: the day before", DossierKind.YEAR_END, None, dt.date(2025, 12, 8), dt.date(2025, 12, 9), R24_YEAR_END, False),
        ("R24 — Điều 6.2: the last day, 09/12", DossierKind.YEAR_END, None, dt.date(2025, 12, 9), dt.date(2025, 12, 9), R24_YEAR_END, False),
        ("R24 — Điều 6.2: 10/12 is late", DossierKind.YEAR_END, None, dt.date(2025, 12, 10), dt.date(2025, 12, 9), R24_YEAR_END, True),
        ("R24 — Điều 6.1: 10 days before the event", DossierKind.THEMATIC, dt.date(2025, 12, 20), dt.date(2025, 12, 10), dt.date(2025, 12, 10), R24_THEMATIC, False),
        ("R24 — Điều 6.1: 9 days before is late", DossierKind.THEMATIC, dt.date(2025, 12, 20), dt.date(2025, 12, 11), dt.date(2025, 12, 10), R24_THEMATIC, True),
        ("R24 — Điều 6.1: đột xuất has no deadline", DossierKind.AD_HOC, None, dt.date(2026, 3, 1), None, "", False),
    ],
)  # fmt: skip
def test_a_late_submission_is_recorded_not_refused(world, _case, kind, event_date, submitted_on, deadline, basis, late):
    # given
    dossier = ready(world, kind=kind, event_date=event_date)
    audits = AuditEvent.objects.filter(action="awards.dossier_submitted").count()
    # when
    dossier = dossier_submit(actor=world.head_a, dossier=dossier, now=at(submitted_on))
    # then
    assert dossier.status == DossierStatus.SUBMITTED
    dossier.refresh_from_db()
    assert (dossier.submission_deadline, dossier.deadline_basis, dossier.is_submitted_late) == (deadline, basis, late)
    note = f"Nộp sau hạn {deadline:%d/%m/%Y} ({basis})." if late else ""
    assert submit_event(dossier).reason == note
    audit = AuditEvent.objects.filter(action="awards.dossier_submitted").latest("id")
    assert AuditEvent.objects.filter(action="awards.dossier_submitted").count() == audits + 1
    assert audit.after["is_late"] is late


def test_the_province_office_sees_the_late_submission_at_receipt(world):
    # given
    dossier = ready(world)
    dossier_submit(actor=None, dossier=dossier, now=at(dt.date(2025, 12, 15)))
    # when
    dossier_receive(actor=world.province_office, dossier=dossier, now=at(dt.date(2025, 12, 16)))
    # then
    assert submit_event(dossier, DossierAction.RECEIVED).reason == f"Nộp sau hạn 09/12/2025 ({R24_YEAR_END})."


def test_regime_b_has_no_province_deadline_unless_the_province_switches_it_on(world):
    # given: a 2024 dossier submitted in regime B
    first = ready(world, year=2024)
    dossier_submit(actor=None, dossier=first, now=at(dt.date(2025, 1, 10)))
    first.refresh_from_db()
    assert (first.submission_deadline, first.is_submitted_late) == (None, False)
    # when: the province applies R24 from 01/01/2025
    parameter_override_set(
        actor=None,
        province=world.p,
        condition_code="submission_deadline",
        param="is_enabled",
        value=True,
        valid_from=dt.date(2025, 1, 1),
        decision_reference="QĐ 05/2025/QĐ-UBND",
    )
    second = ready(world, year=2024)
    dossier_submit(actor=None, dossier=second, now=at(dt.date(2025, 1, 10)))
    # then
    second.refresh_from_db()
    assert (second.submission_deadline, second.is_submitted_late) == (dt.date(2024, 12, 9), True)


@pytest.mark.parametrize(
    ("_case", "submitted_on", "deadline", "late"),
    [
        ("R24 — before the override takes effect (01/12/2025): the default 09/12", dt.date(2025, 11, 30), dt.date(2025, 12, 9), False),
        ("R24 — the province moved it to 20/12 from 01/12/2025: 19/12 is on time", dt.date(2025, 12, 19), dt.date(2025, 12, 19), False),
        ("R24 — the province moved it to 20/12: 20/12 is late", dt.date(2025, 12, 20), dt.date(2025, 12, 19), True),
    ],
)  # fmt: skip
def test_a_province_deadline_applies_from_its_date(world, _case, submitted_on, deadline, late):
    # given
    parameter_override_set(
        actor=None,
        province=world.p,
        condition_code="submission_deadline",
        param="year_end_day",
        value=20,
        valid_from=dt.date(2025, 12, 1),
        decision_reference="QĐ 40/2025/QĐ-UBND",
    )
    dossier = ready(world)
    # when
    dossier_submit(actor=None, dossier=dossier, now=at(submitted_on))
    # then
    dossier.refresh_from_db()
    assert (dossier.submission_deadline, dossier.is_submitted_late) == (deadline, late)


def test_the_national_deadline_applies_when_the_province_has_none(world):
    """R25 — NĐ 98/2023 Điều 32.1.b: Cờ thi đua của Chính phủ by 30/6 of the following year (regime B)."""
    # given
    dossier = dossier_create(
        actor=None, unit=world.a, year=2024, reference_date=dt.date(2025, 6, 1), awarding_body="Thủ tướng Chính phủ"
    )
    nominate(dossier, "CO_CP", unit=world.a1)
    documents_complete(dossier)
    # when
    dossier_submit(actor=None, dossier=dossier, now=at(dt.date(2025, 6, 28)))
    # then
    dossier.refresh_from_db()
    assert dossier.submission_deadline == dt.date(2025, 6, 30) and not dossier.is_submitted_late
    assert dossier.deadline_basis == "R25 — Nghị định 98/2023/NĐ-CP Điều 32 khoản 1 điểm b"


def test_a_resubmission_is_judged_on_its_own_day(world):
    # given: on time, then returned
    dossier = ready(world)
    dossier_submit(actor=None, dossier=dossier, now=at(dt.date(2025, 12, 5)))
    dossier_return(actor=None, dossier=dossier, reason="Bổ sung biên bản")
    # when
    dossier_resubmit(actor=None, dossier=dossier, now=at(dt.date(2025, 12, 12)))
    # then
    dossier.refresh_from_db()
    assert dossier.is_submitted_late
    assert submit_event(dossier, DossierAction.RESUBMITTED).reason.startswith("Nộp sau hạn 09/12/2025")
    assert submit_event(dossier).reason == ""


def test_a_regime_a_dossier_has_no_deadline(world):
    dossier = ready(world, year=2019)
    dossier_submit(actor=None, dossier=dossier, now=at(dt.date(2020, 1, 21)))
    dossier.refresh_from_db()
    assert (dossier.submission_deadline, dossier.deadline_basis, dossier.is_submitted_late) == (None, "", False)


# --- kind and event date ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "kind", "event_date", "field"),
    [
        ("R24 — a thematic dossier needs its event date", DossierKind.THEMATIC, None, "event_date"),
        ("an unknown kind", "hang_nam", None, "kind"),
    ],
)
def test_the_kind_is_checked_on_creation_and_update(world, _case, kind, event_date, field):
    # when / then: creation
    with pytest.raises(DossierInvalid) as refused:
        dossier_create(
            actor=None,
            unit=world.a,
            year=2025,
            reference_date=dt.date(2025, 12, 1),
            awarding_body="UBND tỉnh",
            kind=kind,
            event_date=event_date,
        )
    assert field in refused.value.fields
    # and update
    dossier = ready(world)
    with pytest.raises(DossierInvalid) as refused:
        dossier_update(
            actor=None,
            dossier=dossier,
            reference_date=dossier.reference_date,
            awarding_body="UBND tỉnh",
            kind=kind,
            event_date=event_date,
        )
    assert field in refused.value.fields
    dossier.refresh_from_db()
    assert (dossier.kind, dossier.awarding_body) == (DossierKind.YEAR_END, "Giám đốc Sở Văn hóa An Phú")


def test_the_update_sets_the_kind_and_keeps_it_when_not_given(world):
    # given
    dossier = ready(world)
    # when
    dossier_update(
        actor=None,
        dossier=dossier,
        reference_date=dossier.reference_date,
        awarding_body="UBND tỉnh",
        kind=DossierKind.THEMATIC,
        event_date=dt.date(2025, 12, 20),
    )
    dossier_update(actor=None, dossier=dossier, reference_date=dossier.reference_date, awarding_body="UBND tỉnh")
    # then
    dossier.refresh_from_db()
    assert (dossier.kind, dossier.event_date) == (DossierKind.THEMATIC, dt.date(2025, 12, 20))
    audit = AuditEvent.objects.filter(action="awards.dossier_updated").order_by("id").first()
    assert audit.before["kind"] == DossierKind.YEAR_END and audit.after["event_date"] == "2025-12-20"
    # a year-end dossier keeps no event date
    dossier_update(
        actor=None,
        dossier=dossier,
        reference_date=dossier.reference_date,
        awarding_body="UBND tỉnh",
        kind=DossierKind.YEAR_END,
        event_date=dt.date(2025, 12, 20),
    )
    dossier.refresh_from_db()
    assert (dossier.kind, dossier.event_date) == (DossierKind.YEAR_END, None)
