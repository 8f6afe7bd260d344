"""Covenant pages: the permission matrix (S26), a rejected attachment keeps the form (422), constant queries (S28)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.covenants.models import BlocCovenant, CovenantTarget
from thidua.covenants.services import covenant_acknowledge
from thidua.covenants.tests.factories import covenant_open, state, this_year, unit_covenant
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
EVERYONE = ["anonymous", "plain", "head_a", "officer_a", "head_b", "secretariat", "province_office", "q_office"]


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


def _login(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))


def _expect(who, allowed):
    return 302 if who == "anonymous" else 200 if who in allowed else 404


@pytest.fixture
def covenant(world):
    return covenant_open(world.bloc, [world.a, world.b])


@pytest.mark.parametrize("who", EVERYONE)
def test_members_and_managers_read_the_bloc_covenant(client, world, covenant, who):
    _login(client, world, who)
    response = client.get(reverse("covenants:bloc-covenant-detail", kwargs={"covenant_id": covenant.pk}))
    assert response.status_code == _expect(who, {"head_a", "officer_a", "head_b", "secretariat", "province_office"})


@pytest.mark.parametrize("who", EVERYONE)
def test_only_managers_open_the_draft_form(client, world, who):
    _login(client, world, who)
    url = reverse("covenants:bloc-covenant-create", kwargs={"bloc_id": world.bloc.pk, "year": this_year()})
    assert client.get(url).status_code == _expect(who, {"secretariat", "province_office"})


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", 302),
        ("plain", 404),
        ("q_office", 404),
        ("officer_a", 302),
        ("head_b", 403),
        ("secretariat", 403),
        ("province_office", 403),
        ("head_a", 302),
    ],
)
def test_only_the_units_own_roles_acknowledge_from_the_page(client, world, covenant, who, expected):
    # given
    _login(client, world, who)
    before = state()
    url = reverse("covenants:covenant-acknowledge", kwargs={"covenant_id": covenant.pk, "unit_id": world.a.pk})
    # when
    response = client.post(url)
    # then
    assert response.status_code == expected
    acknowledged_by = [ack.acknowledged_by.username for ack in covenant.acknowledgements.all()]
    allowed = who in {"head_a", "officer_a"}
    assert (state() == before) is not allowed
    assert acknowledged_by == ([getattr(world, who).username] if allowed else [])


@pytest.mark.parametrize("who", EVERYONE)
def test_a_units_covenant_with_the_committee_is_read_by_its_roles_the_secretariat_and_the_office(client, world, who):
    _login(client, world, who)
    url = reverse("covenants:unit-covenant-detail", kwargs={"covenant_id": unit_covenant(world.a).pk})
    assert client.get(url).status_code == _expect(who, {"head_a", "officer_a", "secretariat", "province_office"})


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_units_roles_record_and_report(client, world, who):
    _login(client, world, who)
    target = CovenantTarget.objects.get(unit_covenant=unit_covenant(world.a))
    create = reverse("covenants:unit-covenant-create", kwargs={"unit_id": world.a.pk})
    report = reverse("covenants:progress-report-create", kwargs={"target_id": target.pk})
    assert client.get(create).status_code == _expect(who, {"head_a", "officer_a"})
    assert client.get(report).status_code == _expect(who, {"head_a", "officer_a"})


def test_a_file_rejected_by_content_keeps_the_other_values(client, world):
    # given
    client.force_login(world.secretariat)
    before = state()
    fake = SimpleUploadedFile("giao-uoc.pdf", b"not a pdf at all", content_type="application/pdf")
    url = reverse("covenants:bloc-covenant-create", kwargs={"bloc_id": world.bloc.pk, "year": this_year()})
    # when
    response = client.post(url, {"content": "Nội dung giao ước riêng", "signed_on": "2026-03-15", "attachment": fake})
    # then
    assert response.status_code == 422
    body = response.content.decode()
    assert "Nội dung giao ước riêng" in body
    assert "2026-03-15" in body
    assert "không phải PDF" in body
    assert state() == before


def test_the_secretariat_drafts_with_a_real_pdf_and_opens(client, world):
    client.force_login(world.secretariat)
    pdf = SimpleUploadedFile("giao-uoc.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    url = reverse("covenants:bloc-covenant-create", kwargs={"bloc_id": world.bloc.pk, "year": this_year()})
    response = client.post(url, {"content": "Nội dung", "signed_on": "", "attachment": pdf})
    covenant = BlocCovenant.objects.get()
    assert response.status_code == 302
    assert covenant.attachment.name
    response = client.post(
        reverse("covenants:bloc-covenant-target-add", kwargs={"covenant_id": covenant.pk}),
        {"unit": world.a.pk, "text": "Chỉ tiêu A", "value": "10", "value_unit": "%"},
    )
    assert response.status_code == 302
    client.post(reverse("covenants:bloc-covenant-open", kwargs={"covenant_id": covenant.pk}))
    covenant.refresh_from_db()
    assert covenant.is_open


def _page_queries(client, world, size):
    bloc = BlocFactory(province=world.p)
    units = [UnitFactory(parent=world.p) for _ in range(size)]
    for unit in units:
        member_add(bloc, unit)
    covenant = covenant_open(bloc, units)
    for unit in units[: size // 2]:
        covenant_acknowledge(actor=None, covenant=covenant, unit=unit)
    url = reverse("covenants:bloc-covenant-detail", kwargs={"covenant_id": covenant.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_bloc_covenant_page_runs_a_constant_number_of_queries(client, world):
    client.force_login(world.province_office)
    assert _page_queries(client, world, 7) == _page_queries(client, world, 40)
