"""API operations of the awards app: imports all-or-nothing with per-row errors, facts, eligibility."""

import pytest
from django.test import Client

from thidua.awards.models import AwardRecord, TaskRating
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory


@pytest.fixture
def api(world, settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False

    def client(user):
        c = Client()
        c.force_login(user)
        return c

    return client


def test_task_rating_import_creates_all_rows(world, api):
    lan = PersonFactory(unit=world.a)
    rows = [
        {"subject_kind": "person", "subject_id": lan.pk, "year": 2018, "rating": "htxsnv"},
        {"subject_kind": "unit", "subject_id": world.a.pk, "year": 2018, "rating": "httnv"},
    ]
    response = api(world.officer_a).post("/api/v1/awards/task-ratings/import", {"rows": rows}, "application/json")
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "skipped": 0}
    assert TaskRating.objects.count() == 2


def test_task_rating_import_is_all_or_nothing_with_row_errors(world, api):
    lan = PersonFactory(unit=world.a)
    other = PersonFactory(unit=world.b)
    rows = [
        {"subject_kind": "person", "subject_id": lan.pk, "year": 2018, "rating": "htxsnv"},
        {"subject_kind": "person", "subject_id": other.pk, "year": 2018, "rating": "htxsnv"},
    ]
    response = api(world.officer_a).post("/api/v1/awards/task-ratings/import", {"rows": rows}, "application/json")
    assert response.status_code == 404
    assert list(response.json()["fields"]) == ["rows.1.person_id"]
    assert TaskRating.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="awards.").exists()


def test_task_rating_import_conflict_is_409(world, api):
    lan = PersonFactory(unit=world.a)
    client = api(world.officer_a)
    row = {"subject_kind": "person", "subject_id": lan.pk, "year": 2018, "rating": "htxsnv"}
    client.post("/api/v1/awards/task-ratings/import", {"rows": [row]}, "application/json")
    again = client.post("/api/v1/awards/task-ratings/import", {"rows": [row]}, "application/json")
    assert again.json() == {"created": 0, "skipped": 1}
    changed = client.post(
        "/api/v1/awards/task-ratings/import", {"rows": [{**row, "rating": "htnv"}]}, "application/json"
    )
    assert changed.status_code == 409
    assert "rows.0.rating" in changed.json()["fields"]


def test_award_record_import_row_errors(world, api):
    lan = PersonFactory(unit=world.a)
    rows = [
        {
            "subject_kind": "person",
            "subject_id": lan.pk,
            "title_code": "CSTDCS",
            "year": 2018,
            "decision_number": "1/QĐ",
            "decided_on": "2018-12-20",
        },
        {
            "subject_kind": "person",
            "subject_id": lan.pk,
            "title_code": "CSTDCS",
            "year": 2019,
            "decision_number": "2/QĐ",
            "decided_on": "2018-12-20",
        },
    ]
    response = api(world.head_a).post("/api/v1/awards/award-records/import", {"rows": rows}, "application/json")
    assert response.status_code == 422
    assert list(response.json()["fields"]) == ["rows.1.decided_on"]
    assert AwardRecord.objects.count() == 0


def test_discipline_import_refused_without_a_recording_role(world, api):
    lan = PersonFactory(unit=world.a)
    rows = [{"person_id": lan.pk, "level": "canh_cao", "decided_on": "2019-01-02", "decision_number": "3/QĐ"}]
    response = api(world.secretariat).post(
        "/api/v1/awards/discipline-records/import", {"rows": rows}, "application/json"
    )
    assert response.status_code == 403


def test_subject_facts_get_and_evaluate(world, api):
    lan = PersonFactory(unit=world.a)
    client = api(world.province_office)
    rows = [{"subject_kind": "person", "subject_id": lan.pk, "year": y, "rating": "htxsnv"} for y in (2017, 2018, 2019)]
    client.post("/api/v1/awards/task-ratings/import", {"rows": rows}, "application/json")
    facts = client.get(
        "/api/v1/awards/subject-facts",
        {"subject_kind": "person", "subject_id": lan.pk, "year": 2019, "reference_date": "2020-01-15"},
    )
    assert facts.status_code == 200
    assert [r["year"] for r in facts.json()["ratings"]] == [2017, 2018, 2019]
    hidden = api(world.q_office).get(
        "/api/v1/awards/subject-facts", {"subject_kind": "person", "subject_id": lan.pk, "year": 2019}
    )
    assert hidden.status_code == 404
    verdict = client.post(
        "/api/v1/awards/eligibility/evaluate",
        {
            "title_code": "LDTT",
            "year": 2019,
            "reference_date": "2020-01-15",
            "subject_kind": "person",
            "subject_id": lan.pk,
        },
        "application/json",
    )
    assert verdict.status_code == 200, verdict.content
    body = verdict.json()
    assert body["regime"] == "A" and body["lines"] and all(line["citation"]["document"] for line in body["lines"])
    batch = client.post(
        "/api/v1/awards/eligibility/evaluate-batch",
        {
            "title_code": "LDTT",
            "year": 2019,
            "reference_date": "2020-01-15",
            "subject_kind": "person",
            "subject_ids": [lan.pk, lan.pk],
        },
        "application/json",
    )
    assert batch.status_code == 200 and len(batch.json()["items"]) == 1


def test_evaluating_a_title_without_a_rule_set_is_a_conflict_with_the_rules_not_bad_input(world, api):
    response = api(world.province_office).post(
        "/api/v1/awards/eligibility/evaluate",
        {
            "subject_kind": "unit",
            "subject_id": world.a.pk,
            "title_code": "KHONG_CO",
            "year": 2023,
            "reference_date": "2023-12-01",
        },
        "application/json",
    )
    assert response.status_code == 409
    assert "title_code" in response.json()["fields"]
