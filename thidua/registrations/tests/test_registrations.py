"""Life cycle, refusals and the permission matrix of registrations (issue 4; STYLE S26)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.awards.models import Title
from thidua.core.exceptions import ApplicationError
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory
from thidua.registrations.choices import RegistrationAction, RegistrationStatus
from thidua.registrations.models import Registration, RegistrationEntry, RegistrationEvent
from thidua.registrations.services import (
    EntryInput,
    registration_create,
    registration_return,
    registration_submit,
    registration_update,
)
from thidua.registrations.tests.factories import registration_draft

API = "/api/v1"
YEAR = timezone.localdate().year
WHO = ["anonymous", "officer_b", "head_a", "officer_a", "secretariat", "province_office", "q_office"]


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def officer_b(world):
    user = UserFactory(username="canbo.b", full_name="Đặng Thị Bích", unit=world.b)
    grant(user, Role.UNIT_OFFICER, unit=world.b)
    return user


@pytest.fixture
def person(world):
    return PersonFactory(unit=world.a, full_name="Hoàng Thị Mai")


@pytest.fixture
def submitted(world, person):
    registration = registration_draft(world.a, YEAR, [person])
    return registration_submit(actor=None, registration=registration)


def _user(world, officer_b, who):
    return {"anonymous": None, "officer_b": officer_b}.get(who) or getattr(world, who, None)


def _snapshot():
    return (
        Registration.objects.count(),
        RegistrationEntry.objects.count(),
        RegistrationEvent.objects.count(),
        AuditEvent.objects.count(),
        list(Registration.objects.values_list("status", flat=True)),
    )


def test_life_cycle_submit_return_edit_resubmit_keeps_history(world, person):
    # given
    ldtt, cstdcs = Title.objects.get(code="LDTT"), Title.objects.get(code="CSTDCS")
    ttldxs = Title.objects.get(code="TTLDXS")
    registration = registration_create(
        actor=world.officer_a,
        unit=world.a,
        year=YEAR,
        collective_titles=[ttldxs],
        entries=[EntryInput(person=person, title=ldtt)],
    )
    # when
    registration_submit(actor=world.head_a, registration=registration)
    registration_return(actor=world.secretariat, registration=registration, reason="Thiếu danh sách cá nhân")
    registration_update(
        actor=world.officer_a,
        registration=registration,
        collective_titles=[ttldxs],
        entries=[EntryInput(person=person, title=cstdcs)],
    )
    registration_submit(actor=world.head_a, registration=registration)
    # then
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.bloc == world.bloc
    assert list(registration.entries.values_list("title__code", flat=True)) == ["CSTDCS"]
    actions = list(registration.events.values_list("action", "reason"))
    assert [a for a, _r in actions] == [
        RegistrationAction.CREATED,
        RegistrationAction.SUBMITTED,
        RegistrationAction.RETURNED,
        RegistrationAction.UPDATED,
        RegistrationAction.SUBMITTED,
    ]
    assert ("returned", "Thiếu danh sách cá nhân") in actions
    assert AuditEvent.objects.filter(action__startswith="registrations.registration_").count() == 5


@pytest.mark.parametrize(
    ("_case", "who", "operation"),
    [
        ("officer cannot submit", "officer_a", "submit"),
        ("secretariat cannot edit", "secretariat", "update"),
        ("office cannot edit", "province_office", "update"),
        ("another unit cannot edit", "officer_b", "update"),
        ("unit head cannot return", "head_a", "return"),
        ("another province cannot return", "q_office", "return"),
        ("nobody edits a submitted one", "officer_a", "update_submitted"),
        ("a return needs a reason", "secretariat", "return_blank"),
        ("a person of another unit", "officer_a", "create_other_person"),
    ],
)
def test_refusals_change_nothing(world, officer_b, person, _case, who, operation):
    # given
    actor = _user(world, officer_b, who)
    draft = registration_draft(world.a, YEAR, [person])
    submitted_b = registration_submit(actor=None, registration=registration_draft(world.b, YEAR))
    ldtt = Title.objects.get(code="LDTT")
    stranger = PersonFactory(unit=world.b)
    if operation == "update_submitted":
        registration_submit(actor=None, registration=draft)
    operations = {
        "submit": lambda: registration_submit(actor=actor, registration=draft),
        "update": lambda: registration_update(actor=actor, registration=draft, collective_titles=[], entries=[]),
        "update_submitted": lambda: registration_update(
            actor=actor, registration=draft, collective_titles=[], entries=[]
        ),
        "return": lambda: registration_return(actor=actor, registration=submitted_b, reason="Sai"),
        "return_blank": lambda: registration_return(actor=actor, registration=submitted_b, reason="  "),
        "create_other_person": lambda: registration_update(
            actor=actor, registration=draft, collective_titles=[], entries=[EntryInput(person=stranger, title=ldtt)]
        ),
    }
    before = _snapshot()
    # when / then
    with pytest.raises(ApplicationError):
        operations[operation]()
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("who", "can_read", "can_return", "can_edit"),
    [
        ("anonymous", False, False, False),
        ("officer_b", False, False, False),
        ("head_a", True, False, True),
        ("officer_a", True, False, True),
        ("secretariat", True, True, False),
        ("province_office", True, True, False),
        ("q_office", False, False, False),
    ],
)
def test_permission_matrix_of_pages(client, world, officer_b, submitted, who, can_read, can_return, can_edit):
    # given
    user = _user(world, officer_b, who)
    if user is not None:
        client.force_login(user)
    detail = reverse("registrations:registration-detail", kwargs={"registration_id": submitted.pk})
    overview = reverse("registrations:registration-overview", kwargs={"bloc_id": world.bloc.pk, "year": YEAR})
    update = reverse("registrations:registration-update", kwargs={"registration_id": submitted.pk})
    create = reverse("registrations:registration-create", kwargs={"unit_id": world.a.pk, "year": YEAR + 1})
    ok_or_hidden = 200 if can_read else (302 if user is None else 404)
    # when / then
    assert client.get(detail).status_code == ok_or_hidden
    assert client.get(overview).status_code == (200 if can_return else (302 if user is None else 404))
    assert client.get(update).status_code == (200 if can_edit else (302 if user is None else 404))
    assert client.get(create).status_code == (200 if can_edit else (302 if user is None else 404))
    listing = client.get(reverse("registrations:registration-list"))
    assert listing.status_code == (302 if user is None else 200)


def test_the_secretariat_returns_and_the_head_resubmits_in_the_browser(client, world, submitted):
    # given
    client.force_login(world.secretariat)
    url = reverse("registrations:registration-return", kwargs={"registration_id": submitted.pk})
    # when
    client.post(url, {"reason": "Bổ sung danh hiệu tập thể"})
    client.force_login(world.head_a)
    client.post(reverse("registrations:registration-submit", kwargs={"registration_id": submitted.pk}))
    # then
    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.SUBMITTED
    assert submitted.events.filter(action=RegistrationAction.RETURNED, reason="Bổ sung danh hiệu tập thể").exists()


@pytest.mark.parametrize(
    ("who", "read", "submit", "ret", "update"),
    [
        ("anonymous", 401, 401, 401, 401),
        ("officer_b", 404, 404, 404, 404),
        ("head_a", 200, 409, 403, 409),
        ("officer_a", 200, 403, 403, 409),
        ("secretariat", 200, 403, 200, 403),
        ("province_office", 200, 403, 200, 403),
        ("q_office", 404, 404, 404, 404),
    ],
)
def test_permission_matrix_of_the_api(client, world, officer_b, submitted, who, read, submit, ret, update):
    # given
    user = _user(world, officer_b, who)
    if user is not None:
        client.force_login(user)
    base = f"{API}/registrations/{submitted.pk}"
    before_list = client.get(f"{API}/registrations")
    # when / then
    assert client.get(base).status_code == read
    assert client.put(base, {"collective_title_ids": []}, content_type="application/json").status_code == update
    assert client.post(f"{base}/submit").status_code == submit
    assert client.post(f"{base}/return", {"reason": "Sai"}, content_type="application/json").status_code == ret
    expected_count = 1 if read == 200 else 0
    assert before_list.status_code == (401 if user is None else 200)
    if user is not None:
        assert before_list.json()["count"] == expected_count


def test_a_unit_creates_its_registration_through_the_api(client, world, person):
    # given
    client.force_login(world.officer_a)
    body = {
        "unit_id": world.a.pk,
        "year": YEAR,
        "collective_title_ids": [Title.objects.get(code="TTLDTT").pk],
        "entries": [{"person_id": person.pk, "title_id": Title.objects.get(code="LDTT").pk}],
    }
    # when
    response = client.post(f"{API}/registrations", body, content_type="application/json")
    # then
    assert response.status_code == 201, response.content
    assert response.json()["entries"][0]["title_code"] == "LDTT"


def test_the_overview_shows_who_has_not_registered(client, world, submitted):
    # given
    client.force_login(world.secretariat)
    url = reverse("registrations:registration-overview", kwargs={"bloc_id": world.bloc.pk, "year": YEAR})
    # when
    client.post(url, {"due_on": f"{YEAR}-12-31"})
    response = client.get(url)
    # then
    assert response.status_code == 200
    rows = {row.unit.pk: row for row in response.context["overview"].rows}
    assert rows[world.a.pk].is_on_time
    assert rows[world.b.pk].registration is None
