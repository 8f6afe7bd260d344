"""Pages of proposal dossiers and decisions (issue 6): every step of the route through the browser's forms, the
permission matrix (anonymous → sign in; out of reach → 404 and nothing written), bad input kept, constant queries."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.awards.models import (
    AppraisalResult,
    AwardRecord,
    CouncilResult,
    Decision,
    DecisionAward,
    Dossier,
    DossierDocument,
    DossierStatus,
    Nomination,
)
from thidua.awards.services import DecisionInput, decision_issue, dossier_return, dossier_submit, task_rating_set
from thidua.awards.tests.dossiers.helpers import appraised, documents_complete, dossier_make, nominate, title
from thidua.awards.views_dossiers import amount_vi
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory

LIST = reverse("awards:dossier_list")


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def lan(world):
    person = PersonFactory(full_name="Nguyễn Thị Lan", unit=world.a, starts_on=dt.date(2015, 1, 1))
    task_rating_set(actor=None, person=person, year=2024, rating="htxsnv")
    return person


@pytest.fixture
def dossier(world):
    return dossier_make(world.a)


def _url(dossier, action=None):
    if action is None:
        return reverse("awards:dossier", args=[dossier.pk])
    return reverse("awards:dossier_action", args=[dossier.pk, action])


def _counts():
    return (
        Dossier.objects.count(),
        Nomination.objects.count(),
        Decision.objects.count(),
        AwardRecord.objects.count(),
        AuditEvent.objects.count(),
        DossierDocument.objects.count(),
    )


def _status(dossier):
    return Dossier.objects.get(pk=dossier.pk).status


# --- List and create -------------------------------------------------------------------------------------------------


def test_the_list_shows_the_dossiers_in_reach_and_the_create_form(client, world, dossier):
    client.force_login(world.head_a)
    response = client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["page"]) == [dossier]
    assert response.context["create_form"] is not None
    client.force_login(world.q_office)
    response = client.get(LIST)
    assert list(response.context["page"]) == [] and response.context["create_form"] is None


def test_the_list_filters_by_year_and_status(client, world, dossier):
    client.force_login(world.province_office)
    assert list(client.get(LIST, {"year": 2024, "status": "draft"}).context["page"]) == [dossier]
    assert list(client.get(LIST, {"year": 2023}).context["page"]) == []
    assert client.get(LIST, {"year": "abc"}).status_code == 422


def test_a_unit_head_creates_a_dossier(client, world):
    client.force_login(world.head_a)
    response = client.post(
        LIST,
        {"proposer": f"u:{world.a.pk}", "year": 2024, "reference_date": "2024-12-05", "awarding_body": "UBND tỉnh"},
    )
    created = Dossier.objects.get()
    assert response.status_code == 302 and response.url == _url(created)
    assert created.proposer_unit == world.a and created.year == 2024


def test_bad_create_input_is_refused_with_the_values_kept(client, world):
    client.force_login(world.head_a)
    response = client.post(
        LIST,
        {"proposer": f"u:{world.a.pk}", "year": 2024, "reference_date": "2023-01-01", "awarding_body": "UBND tỉnh"},
    )
    assert response.status_code == 422
    form = response.context["create_form"]
    assert "Ngày trình không thể trước năm thành tích." in form.errors["reference_date"]
    assert form["awarding_body"].value() == "UBND tỉnh"
    response = client.post(LIST, {"proposer": f"u:{world.b.pk}", "year": "x", "awarding_body": ""})
    assert response.status_code == 422 and Dossier.objects.count() == 0
    errors = response.context["create_form"].errors
    assert {"proposer", "year", "awarding_body", "reference_date"} <= set(errors)


# --- The dossier page ------------------------------------------------------------------------------------------------


def test_the_dossier_page_shows_the_stored_verdict_quota_documents_and_history(client, world, dossier, lan):
    nominate(dossier, "CSTDCS", person=lan)
    client.force_login(world.officer_a)
    response = client.get(_url(dossier))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="stepper"' in content and "Đang soạn" in content
    snapshot = Nomination.objects.get().evaluation
    assert snapshot["lines"] and all(line["citation"] in content for line in snapshot["lines"])
    assert "CSTDCS: <strong>1 / " in content
    assert 'id="missing-documents"' in content and 'id="nomination-form"' in content
    assert "Tạo hồ sơ" in content  # history
    assert 'action="' + _url(dossier, "submit") not in content  # the officer does not submit


def test_adding_a_nominee_evaluates_it_and_warns_about_a_duplicate(client, world, dossier, lan):
    client.force_login(world.officer_a)
    data = {"person": lan.pk, "title": title("LDTT").pk, "achievement_summary": "Hoàn thành xuất sắc"}
    response = client.post(_url(dossier, "add"), data)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.person == lan and nomination.evaluation["lines"]
    response = client.post(_url(dossier, "add"), data, follow=True)
    assert Nomination.objects.count() == 2
    assert any(m.level_tag == "warning" for m in response.context["messages"])


def test_a_bad_nominee_keeps_the_values_and_says_why(client, world, dossier, lan):
    client.force_login(world.officer_a)
    response = client.post(_url(dossier, "add"), {"title": "", "achievement_summary": "Giữ lại"})
    assert response.status_code == 422
    form = response.context["forms"]["nomination"]
    assert form.errors["title"] and form["achievement_summary"].value() == "Giữ lại"
    # a service refusal (a collective title for a person) goes on the form
    response = client.post(_url(dossier, "add"), {"person": lan.pk, "title": title("TTLDTT").pk})
    assert response.status_code == 422 and response.context["forms"]["nomination"].errors
    assert Nomination.objects.count() == 0


def test_removing_a_nominee(client, world, dossier, lan):
    nomination = nominate(dossier, "LDTT", person=lan)
    client.force_login(world.officer_a)
    response = client.post(_url(dossier, "remove"), {"nomination": nomination.pk})
    assert response.status_code == 302 and Nomination.objects.count() == 0


def test_documents_are_attached_or_recorded_as_placeholders(client, world, dossier):
    client.force_login(world.officer_a)
    upload = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4", content_type="application/pdf")
    assert client.post(_url(dossier, "document"), {"kind": "to_trinh", "file": upload}).status_code == 302
    assert client.post(_url(dossier, "document"), {"kind": "bao_cao"}).status_code == 302
    documents = {d.kind: d for d in DossierDocument.objects.all()}
    assert documents["to_trinh"].file and documents["bao_cao"].is_placeholder
    response = client.post(_url(dossier, "document"), {"kind": "nope"})
    assert response.status_code == 422 and response.context["forms"]["document"].errors["kind"]
    # and the attached file downloads through a permission-checked view, never a bare media URL
    download = reverse(
        "awards:dossier_document", kwargs={"dossier_id": dossier.pk, "document_id": documents["to_trinh"].pk}
    )
    page = client.get(reverse("awards:dossier", kwargs={"dossier_id": dossier.pk})).content.decode()
    assert download in page and documents["to_trinh"].file.url not in page
    response = client.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    placeholder = reverse(
        "awards:dossier_document", kwargs={"dossier_id": dossier.pk, "document_id": documents["bao_cao"].pk}
    )
    assert client.get(placeholder).status_code == 404
    client.force_login(world.head_b)
    assert client.get(download).status_code == 404


def test_reevaluating_refreshes_the_snapshots(client, world, dossier, lan):
    nomination = nominate(dossier, "LDTT", person=lan)
    client.force_login(world.officer_a)
    assert client.post(_url(dossier, "reevaluate")).status_code == 302
    nomination.refresh_from_db()
    assert nomination.evaluated_at is not None


def test_submitting_an_incomplete_dossier_is_refused_on_the_page(client, world, dossier, lan):
    nominate(dossier, "LDTT", person=lan)
    client.force_login(world.head_a)
    response = client.post(_url(dossier, "submit"))
    assert response.status_code == 422
    assert _status(dossier) == DossierStatus.DRAFT
    assert "Hồ sơ còn thiếu" in response.content.decode()


def test_the_whole_route_through_the_pages(client, world, dossier, lan, today):
    nomination = nominate(dossier, "LDTT", person=lan)
    council = nominate(dossier, "CSTDCS", person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    documents_complete(dossier)
    client.force_login(world.head_a)
    assert client.post(_url(dossier, "submit")).status_code == 302
    assert _status(dossier) == DossierStatus.SUBMITTED
    client.force_login(world.province_office)
    assert client.post(_url(dossier, "receive")).status_code == 302
    appraisal = {
        f"result_{nomination.pk}": "passed",
        f"note_{nomination.pk}": "Đủ tiêu chuẩn",
        f"result_{council.pk}": "passed",
    }
    assert client.post(_url(dossier, "appraise"), appraisal).status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).appraisal_note == "Đủ tiêu chuẩn"
    response = client.post(_url(dossier, "return"), {"reason": ""})
    assert response.status_code == 422 and response.context["forms"]["return"].errors["reason"]
    assert client.post(_url(dossier, "return"), {"reason": "Bổ sung biên bản"}).status_code == 302
    assert _status(dossier) == DossierStatus.RETURNED
    client.force_login(world.head_a)
    assert "Bổ sung biên bản" in client.get(_url(dossier)).content.decode()
    assert client.post(_url(dossier, "resubmit")).status_code == 302
    client.force_login(world.province_office)
    client.post(_url(dossier, "receive"))
    assert client.post(_url(dossier, "appraise"), appraisal).status_code == 302
    page = client.get(_url(dossier)).content.decode()
    assert 'id="council-form"' in page and "80%" in page
    vote = {"nomination": council.pk, "yes_votes": 9, "members": 10, "present": 9}
    assert client.post(_url(dossier, "council"), vote).status_code == 302
    assert Nomination.objects.get(pk=council.pk).council_result == CouncilResult.PASSED
    decision_data = {
        "number": "15/QĐ-UBND",
        "decided_on": today.isoformat(),
        "signer_name": "Lê Văn Dũng",
        "signer_title": "Chủ tịch",
        "awarding_body": "",
    }
    response = client.post(_url(dossier, "decide"), {**decision_data, "number": ""})
    assert response.status_code == 422 and response.context["forms"]["decision"]["signer_name"].value()
    response = client.post(_url(dossier, "decide"), decision_data)
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == reverse("awards:decision", args=[decision.pk])
    assert _status(dossier) == DossierStatus.DECIDED
    assert AwardRecord.objects.filter(person=lan, title__code="LDTT", year=2024).exists()
    assert DecisionAward.objects.count() == 2


def test_a_council_vote_below_the_threshold_fails(client, world, dossier, lan):
    nomination = nominate(dossier, "CSTDCS", person=lan)
    appraised(dossier)
    client.force_login(world.province_office)
    response = client.post(
        _url(dossier, "council"), {"nomination": nomination.pk, "yes_votes": 7, "members": 10, "present": 10}
    )
    assert response.status_code == 302
    assert Nomination.objects.get().council_result == CouncilResult.FAILED
    response = client.post(
        _url(dossier, "council"), {"nomination": nomination.pk, "yes_votes": 11, "members": 10, "present": 10}
    )
    assert response.status_code == 422 and response.context["forms"]["council"]["yes_votes"].value() == "11"


def test_the_council_form_asks_for_the_members_present_and_refuses_a_session_without_quorum(
    client, world, dossier, lan
):
    nomination = nominate(dossier, "CSTDCS", person=lan)
    appraised(dossier)
    client.force_login(world.province_office)
    page = client.get(_url(dossier)).content.decode()
    assert 'name="present"' in page
    assert "cần ít nhất 80% tổng số thành viên tham dự (QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 8 khoản 4 điểm b)" in page
    # R13: 7 of 10 present is below ceil(0.8 × 10) = 8
    vote = {"nomination": nomination.pk, "yes_votes": 9, "members": 10, "present": 7}
    response = client.post(_url(dossier, "council"), vote)
    assert response.status_code == 422
    form = response.context["forms"]["council"]
    assert "Phiên họp chưa đủ số thành viên tham dự: 7/10, cần ít nhất 8" in form.errors["present"][0]
    assert form["present"].value() == "7" and form["yes_votes"].value() == "9"
    assert Nomination.objects.get().council_result == CouncilResult.PENDING
    response = client.post(_url(dossier, "council"), {**vote, "present": ""})
    assert response.status_code == 422 and response.context["forms"]["council"].errors["present"]
    # then a quorate session is recorded and shown
    assert client.post(_url(dossier, "council"), {**vote, "present": 8}).status_code == 302
    assert Nomination.objects.get().council_present == 8
    assert "(9 / 10; 8 tham dự)" in client.get(_url(dossier)).content.decode()


# --- Submission deadlines (R24/R25) ----------------------------------------------------------------------------------


def _at(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _submitted_late(world, lan):
    dossier = dossier_make(world.a, year=2025, reference_date=dt.date(2025, 12, 1))
    nominate(dossier, "LDTT", person=lan)
    documents_complete(dossier)
    late = _at(dt.date(2025, 12, 12), 9)
    return dossier_submit(actor=None, dossier=dossier, now=late)


def test_a_late_dossier_is_flagged_on_its_page_in_the_list_and_at_receipt(client, world, lan):
    dossier = _submitted_late(world, lan)
    client.force_login(world.head_a)
    page = client.get(_url(dossier)).content.decode()
    assert 'id="late-badge"' in page and "Nộp muộn" in page
    assert "chậm nhất ngày 09/12/2025" in page and "R24 — QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6 khoản 2" in page
    assert "trình ngày 12/12/2025" in page and 'id="late-at-receipt"' not in page
    listed = client.get(LIST).content.decode()
    assert "09/12/2025" in listed and "Nộp muộn" in listed
    client.force_login(world.province_office)
    page = client.get(_url(dossier)).content.decode()
    assert 'id="late-at-receipt"' in page and 'action="' + _url(dossier, "receive") in page
    assert "Nộp sau hạn 09/12/2025" in page  # the history


def test_an_on_time_dossier_shows_its_deadline_without_a_warning(client, world, lan):
    dossier = dossier_make(world.a, year=2025, reference_date=dt.date(2025, 12, 1))
    nominate(dossier, "LDTT", person=lan)
    documents_complete(dossier)
    dossier_submit(actor=None, dossier=dossier, now=_at(dt.date(2025, 12, 9), 16))
    client.force_login(world.province_office)
    page = client.get(_url(dossier)).content.decode()
    assert "chậm nhất ngày 09/12/2025" in page
    assert "Nộp muộn" not in page and 'id="late-at-receipt"' not in page
    assert "Nộp muộn" not in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    ("_case", "today", "passed"),
    [
        ("R24 — Điều 6.2: on 09/12/2025 a year-end draft is still on time", dt.date(2025, 12, 9), False),
        ("R24 — Điều 6.2: on 10/12/2025 it would be late", dt.date(2025, 12, 10), True),
    ],
)
def test_a_draft_shows_the_deadline_if_submitted_today(client, world, lan, _case, today, passed):
    dossier = dossier_make(world.a, year=2025, reference_date=dt.date(2025, 12, 1))
    nominate(dossier, "LDTT", person=lan)
    client.force_login(world.officer_a)
    with time_machine.travel(_at(today, 10), tick=False):
        page = client.get(_url(dossier)).content.decode()
    assert "Hạn nộp (nếu trình hôm nay)" in page and "chậm nhất ngày 09/12/2025" in page
    assert ('id="deadline-passed"' in page) is passed
    assert "Tổng kết năm" in page


def test_a_thematic_dossier_is_created_with_its_event_date(client, world):
    client.force_login(world.head_a)
    data = {
        "proposer": f"u:{world.a.pk}",
        "year": 2025,
        "reference_date": "2025-08-01",
        "awarding_body": "Chủ tịch UBND tỉnh",
        "kind": "thematic",
    }
    response = client.post(LIST, data)
    assert response.status_code == 422 and Dossier.objects.count() == 0
    form = response.context["create_form"]
    assert form.errors["event_date"] and form["kind"].value() == "thematic"
    response = client.post(LIST, {**data, "event_date": "2025-09-02"})
    created = Dossier.objects.get()
    assert response.status_code == 302 and (created.kind, created.event_date) == ("thematic", dt.date(2025, 9, 2))
    page = client.get(_url(created)).content.decode()
    assert "tổ chức ngày 02/09/2025" in page


# --- Decision --------------------------------------------------------------------------------------------------------


@pytest.fixture
def decision(world, dossier, lan, today):
    nominate(dossier, "LDTT", person=lan)
    appraised(dossier)
    data = DecisionInput(number="15/QĐ-UBND", decided_on=today, signer_name="Lê Văn A", signer_title="Chủ tịch")
    return decision_issue(actor=None, dossier=dossier, data=data)


def test_amounts_are_written_the_vietnamese_way():
    assert amount_vi(1_500_000) == "1.500.000 đ"
    assert amount_vi(None) == "—"


def test_the_decision_page_lists_the_awardees(client, world, decision):
    client.force_login(world.head_a)
    response = client.get(reverse("awards:decision", args=[decision.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "15/QĐ-UBND" in content and "Nguyễn Thị Lan" in content
    award = DecisionAward.objects.get()
    assert amount_vi(award.amount) in content
    assert response.context["form"] is None  # only the province office revokes


def test_the_province_office_revokes_an_award(client, world, decision, today):
    award = DecisionAward.objects.get()
    client.force_login(world.province_office)
    url = reverse("awards:decision_revoke", args=[decision.pk])
    data = {"award": award.pk, "revoked_on": today.isoformat(), "reference": "20/QĐ-UBND", "reason": "Khai man"}
    response = client.post(url, {**data, "reason": ""})
    assert response.status_code == 422 and response.context["form"]["reference"].value() == "20/QĐ-UBND"
    assert client.post(url, data).status_code == 302
    assert DecisionAward.objects.get().is_revoked and AwardRecord.objects.get().is_revoked


# --- Permission matrix -----------------------------------------------------------------------------------------------


def _requests(world, dossier, decision_id):
    """Every page and POST, with a valid body."""
    nomination = Nomination.objects.filter(dossier=dossier).first()
    nid = nomination.pk if nomination else 0
    return [
        ("get", _url(dossier), {}),
        ("get", reverse("awards:decision", args=[decision_id]), {}),
        (
            "post",
            LIST,
            {"proposer": f"u:{world.a.pk}", "year": 2024, "reference_date": "2024-12-05", "awarding_body": "X"},
        ),
        ("post", _url(dossier, "add"), {"unit": world.a.pk, "title": title("TTLDTT").pk}),
        ("post", _url(dossier, "remove"), {"nomination": nid}),
        ("post", _url(dossier, "document"), {"kind": "to_trinh"}),
        ("post", _url(dossier, "reevaluate"), {}),
        ("post", _url(dossier, "submit"), {}),
        ("post", _url(dossier, "resubmit"), {}),
        ("post", _url(dossier, "receive"), {}),
        ("post", _url(dossier, "appraise"), {f"result_{nid}": "passed"}),
        ("post", _url(dossier, "return"), {"reason": "Thiếu"}),
        ("post", _url(dossier, "council"), {"nomination": nid, "yes_votes": 9, "members": 10, "present": 10}),
        (
            "post",
            _url(dossier, "decide"),
            {"number": "1", "decided_on": "2025-01-01", "signer_name": "A", "signer_title": "B"},
        ),
        (
            "post",
            reverse("awards:decision_revoke", args=[decision_id]),
            {"award": DecisionAward.objects.first().pk, "revoked_on": "2025-02-01", "reference": "R", "reason": "L"},
        ),
    ]


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_b", "q_office"])
def test_out_of_reach_users_get_nothing_and_change_nothing(client, world, decision, who):
    other = dossier_make(world.a)
    nominate(other, "LDTT", person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    if who != "anonymous":
        client.force_login(getattr(world, who))
    before = _counts()
    for method, url, data in _requests(world, other, decision.pk):
        if who != "anonymous" and url == LIST:
            continue  # the list page itself is open to anyone signed in (empty when nothing is in reach)
        response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        else:
            assert response.status_code == 404, (who, url)
    assert _counts() == before
    assert _status(other) == DossierStatus.DRAFT


def test_the_proposer_cannot_take_the_province_office_steps_nor_the_officer_submit(client, world, decision):
    other = dossier_make(world.a)
    nominate(other, "LDTT", person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    before = _counts()
    client.force_login(world.head_a)
    for method, url, data in _requests(world, other, decision.pk)[9:]:
        assert getattr(client, method)(url, data).status_code == 404, url
    client.force_login(world.officer_a)
    for action in ("submit", "resubmit"):
        assert client.post(_url(other, action)).status_code == 404
    client.force_login(world.province_office)
    for action in ("add", "remove", "document"):
        assert client.post(_url(other, action), {"kind": "to_trinh"}).status_code == 404
    assert client.post(LIST, {"proposer": f"u:{world.a.pk}"}).status_code == 404
    assert _counts() == before


def test_a_step_in_the_wrong_state_is_refused_on_the_page(client, world, dossier, lan):
    nominate(dossier, "LDTT", person=lan)
    client.force_login(world.province_office)
    response = client.post(_url(dossier, "receive"))
    assert response.status_code == 409 and _status(dossier) == DossierStatus.DRAFT


def test_an_unknown_step_is_a_404(client, world, dossier):
    client.force_login(world.head_a)
    assert client.post(_url(dossier, "explode")).status_code == 404
    assert client.get(reverse("awards:dossier", args=[999999])).status_code == 404
    assert client.get(reverse("awards:decision", args=[999999])).status_code == 404


# --- Queries ---------------------------------------------------------------------------------------------------------


def _page_queries(client, dossier):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(dossier)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["officer_a", "province_office"])
def test_the_dossier_page_queries_do_not_grow_with_the_nominees(client, world, dossier, who):
    people = [PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)) for _ in range(5)]
    nominate(dossier, "CSTDCS", person=people[0])
    extra = {}
    if who == "province_office":  # appraised: the appraisal, council, decision and return forms are all shown
        appraised(dossier)
        extra = {"appraisal_result": AppraisalResult.PASSED, "council_result": CouncilResult.PENDING}
    client.force_login(getattr(world, who))
    one = _page_queries(client, dossier)
    for person in people[1:]:
        Nomination.objects.create(dossier=dossier, person=person, title=title("CSTDCS"), **extra)
    assert _page_queries(client, dossier) == one


def test_a_returned_dossier_shows_the_reason_to_the_proposer(client, world, dossier, lan):
    nominate(dossier, "LDTT", person=lan)
    appraised(dossier)
    dossier_return(actor=None, dossier=dossier, reason="Thiếu biên bản")
    client.force_login(world.head_a)
    content = client.get(_url(dossier)).content.decode()
    assert "Thiếu biên bản" in content and 'action="' + _url(dossier, "resubmit") in content
    assert Nomination.objects.get().appraisal_result == AppraisalResult.PENDING


def test_the_bloc_secretariat_drafts_a_bloc_dossier_for_its_members(client, world):
    client.force_login(world.secretariat)
    response = client.get(LIST)
    assert f"b:{world.bloc.pk}" in dict(response.context["create_form"].fields["proposer"].choices)
    data = {"proposer": f"b:{world.bloc.pk}", "year": 2024, "reference_date": "2024-12-05", "awarding_body": "UBND"}
    response = client.post(LIST, data)
    created = Dossier.objects.get()
    assert response.status_code == 302 and created.bloc == world.bloc
    page = client.get(_url(created))
    assert page.status_code == 200
    assert list(page.context["forms"]["nomination"].fields["person"].queryset) == []


def test_a_nominee_out_of_reach_is_not_offered(client, world, dossier):
    stranger = PersonFactory(unit=world.q1, full_name="Trương Văn Quý")
    client.force_login(world.officer_a)
    response = client.post(_url(dossier, "add"), {"person": stranger.pk, "title": title("LDTT").pk})
    assert response.status_code == 422 and response.context["forms"]["nomination"].errors["person"]
    assert Nomination.objects.count() == 0
