"""The permission matrix of every page and API operation (S26): refusals change nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.initiatives.models import Initiative, InitiativeRecognition
from thidua.initiatives.tests.factories import initiative_make, recognise

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "officer_b", "officer_a", "head_a", "secretariat", "province_office", "q_office"]
READERS = {"officer_a", "head_a", "secretariat", "province_office"}
EDITORS = {"officer_a", "head_a"}


def _client(lab, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        user = lab.officer_b if who == "officer_b" else getattr(lab.w, who)
        client.force_login(user)
    return client


def _state() -> tuple[int, int, int]:
    return (
        Initiative.objects.count(),
        InitiativeRecognition.objects.count(),
        AuditEvent.objects.filter(action__startswith="initiatives.").count(),
    )


@pytest.fixture
def initiative(lab):
    return initiative_make(unit=lab.w.a, authors=[lab.lan], title="Cải tiến quy trình tiếp nhận hồ sơ")


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("page", ["list", "detail", "statistics", "create", "update", "recognise"])
def test_pages(lab, initiative, who, page):
    # given
    names = {
        "list": ("initiatives:initiative-list", {}),
        "statistics": ("initiatives:initiative-statistics", {}),
        "create": ("initiatives:initiative-create", {}),
        "detail": ("initiatives:initiative-detail", {"initiative_id": initiative.pk}),
        "update": ("initiatives:initiative-update", {"initiative_id": initiative.pk}),
        "recognise": ("initiatives:initiative-recognise", {"initiative_id": initiative.pk}),
    }
    name, kwargs = names[page]
    # when
    response = _client(lab, who).get(reverse(name, kwargs=kwargs))
    # then
    if who == "anonymous":
        expected = 302
    elif page in {"list", "statistics"}:
        expected = 200  # every role here reads initiatives somewhere; the rows are scoped (test_api_reads)
    elif page == "detail":
        expected = 200 if who in READERS else 404
    elif page == "create":
        expected = 200 if who in EDITORS or who == "officer_b" else 404
    elif page == "update":
        expected = 200 if who in EDITORS else 404
    else:
        expected = 200 if who in {"head_a", "province_office"} else 404
    assert response.status_code == expected


def test_detail_lists_authors_recognitions_and_a_duplicate_warning(lab, initiative):
    # given
    recognise(initiative)
    initiative_make(unit=lab.w.a, authors=[lab.lan], title="Cải tiến quy trình tiếp nhận hồ sơ!")
    # when
    response = _client(lab, "officer_a").get(reverse("initiatives:initiative-detail", args=[initiative.pk]))
    # then
    body = response.content.decode()
    assert "Nguyễn Thị Lan" in body and "Cấp cơ sở" in body and "có thể trùng" in body


def test_officer_records_an_initiative_with_authors_in_the_browser_and_is_warned_of_a_duplicate(lab, initiative):
    # given
    data = {
        "unit": lab.w.a.pk,
        "title": "Cải tiến quy trình tiếp nhận hồ sơ",
        "field": "management",
        "applied_on": "01/05/2019",
        "is_novel": "on",
        "is_applied": "on",
        "is_not_excluded": "on",
        "authors-TOTAL_FORMS": "3",
        "authors-INITIAL_FORMS": "0",
        "authors-0-person": lab.lan.pk,
        "authors-0-share": "60",
        "authors-1-person": lab.minh.pk,
        "authors-1-share": "40",
    }
    # when
    response = _client(lab, "officer_a").post(reverse("initiatives:initiative-create"), data, follow=True)
    # then
    assert response.status_code == 200
    created = Initiative.objects.latest("id")
    assert created.authors.count() == 2
    assert "có thể trùng" in response.content.decode()


def test_an_author_not_of_the_unit_is_named_above_the_form_without_a_field_key(lab):
    # given: Bình works in B, not in A, and is not marked as an author from another unit
    data = {
        "unit": lab.w.a.pk,
        "title": "Số hóa sổ theo dõi công văn",
        "field": "management",
        "applied_on": "01/05/2019",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-0-person": lab.binh.pk,
        "authors-0-share": "100",
    }
    before = _state()
    # when
    response = _client(lab, "officer_a").post(reverse("initiatives:initiative-create"), data)
    # then
    body = response.content.decode()
    assert response.status_code == 422
    assert "Có tác giả không công tác tại đơn vị" in body
    assert "<div>Lê Thanh Bình</div>" in body
    assert "authors:" not in body
    assert _state() == before


def test_create_page_refuses_a_unit_the_officer_does_not_manage_and_keeps_nothing(lab):
    before = _state()
    data = {
        "unit": lab.w.a.pk,
        "title": "X",
        "field": "management",
        "applied_on": "01/05/2019",
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-0-person": lab.lan.pk,
        "authors-0-share": "100",
    }
    response = _client(lab, "officer_b").post(reverse("initiatives:initiative-create"), data)
    assert response.status_code == 422
    assert _state() == before


@pytest.mark.parametrize("who", ACTORS)
def test_recognise_page_post(lab, initiative, who):
    # given
    before = _state()
    data = {
        "level": "base",
        "recognising_body": "Giám đốc Sở",
        "decision_number": "12/QĐ-SVH",
        "decision_date": "01/06/2019",
        "recognised_on": "01/06/2019",
    }
    # when
    response = _client(lab, who).post(reverse("initiatives:initiative-recognise", args=[initiative.pk]), data)
    # then
    if who == "head_a":
        assert response.status_code == 302
        assert InitiativeRecognition.objects.count() == 1
    else:
        # the office only has tỉnh/toàn quốc in its form: base is not a valid choice
        assert response.status_code in {302, 404, 422}
        assert _state() == before


# --- API -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ACTORS)
def test_api_reads(lab, initiative, who):
    client = _client(lab, who)
    listed = client.get("/api/v1/initiatives")
    one = client.get(f"/api/v1/initiatives/{initiative.pk}")
    stats = client.get("/api/v1/initiatives/statistics?year=2019")
    if who == "anonymous":
        assert (listed.status_code, one.status_code, stats.status_code) == (401, 401, 401)
    elif who in READERS:
        assert listed.json()["count"] == 1
        assert one.json()["authors"][0]["full_name"] == "Nguyễn Thị Lan"
        assert stats.status_code == 200
    else:
        assert listed.json()["count"] == 0
        assert one.status_code == 404
        assert stats.json()["by_year"] == []


@pytest.mark.parametrize("who", ACTORS)
def test_api_create(lab, initiative, who):
    # given
    before = _state()
    payload = {
        "unit_id": lab.w.a.pk,
        "title": "Cải tiến quy trình tiếp nhận hồ sơ",
        "field": "management",
        "applied_on": "2019-05-01",
        "is_novel": True,
        "is_applied": True,
        "is_not_excluded": True,
        "authors": [{"person_id": lab.lan.pk, "share": "100"}],
    }
    # when
    response = _client(lab, who).post("/api/v1/initiatives", json.dumps(payload), content_type="application/json")
    # then
    if who in EDITORS:
        assert response.status_code == 201
        assert [d["id"] for d in response.json()["possible_duplicates"]] == [initiative.pk]
    else:
        assert response.status_code in {401, 403}
        assert _state() == before


@pytest.mark.parametrize(
    ("who", "level", "expected"),
    [
        ("anonymous", "base", 401),
        ("officer_b", "base", 404),
        ("officer_a", "base", 403),
        ("head_a", "base", 201),
        ("head_a", "province", 403),
        ("secretariat", "base", 403),
        ("province_office", "province", 201),
        ("q_office", "province", 404),
    ],
)
def test_api_recognise(lab, initiative, who, level, expected):
    # given
    before = _state()
    payload = {
        "level": level,
        "recognising_body": "Cơ quan",
        "decision_number": "1/QĐ",
        "decision_date": "2019-06-01",
        "recognised_on": "2019-06-01",
    }
    # when
    response = _client(lab, who).post(
        f"/api/v1/initiatives/{initiative.pk}/recognitions", json.dumps(payload), content_type="application/json"
    )
    # then
    assert response.status_code == expected
    if expected != 201:
        assert _state() == before
    else:
        assert response.json()["current_level"] == level


def test_api_refuses_recognition_before_applied(lab, initiative):
    payload = {
        "level": "base",
        "recognising_body": "Cơ quan",
        "decision_number": "1/QĐ",
        "decision_date": "2019-01-01",
        "recognised_on": str(dt.date(2019, 2, 28)),
    }
    response = _client(lab, "head_a").post(
        f"/api/v1/initiatives/{initiative.pk}/recognitions", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "recognition_before_applied"
