"""The page that edits a dossier's header (``dossier_update``): the drafter edits a draft or returned dossier, bad
input is refused with what was typed kept, and everyone else is refused with nothing changed (S26)."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.awards.models import Dossier, DossierAction, DossierEvent, DossierStatus, Nomination
from thidua.awards.services import dossier_create, dossier_return
from thidua.awards.tests.dossiers.helpers import appraised, dossier_make, nominate
from thidua.core.models import AuditEvent
from thidua.people.tests.factories import PersonFactory

VALID = {"awarding_body": "Chủ tịch Ủy ban nhân dân tỉnh Phước An", "reference_date": "2025-01-15"}


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def dossier(world):
    return dossier_make(world.a)


@pytest.fixture
def officer_b(world):
    user = UserFactory(username="canbo.b", full_name="Hoàng Thị Bích", unit=world.b)
    grant(user, Role.UNIT_OFFICER, unit=world.b)
    return user


def _url(dossier):
    return reverse("awards:dossier_update", args=[dossier.pk])


def _snapshot(dossier):
    row = Dossier.objects.get(pk=dossier.pk)
    return (
        row.awarding_body,
        row.reference_date,
        row.status,
        DossierEvent.objects.filter(dossier=dossier).count(),
        AuditEvent.objects.count(),
    )


# --- Success ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["officer_a", "head_a"])
def test_the_drafter_edits_the_header_and_the_nominees_are_reevaluated(client, world, dossier, who):
    # given
    nomination = nominate(dossier, "LDTT", person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    assert nomination.evaluation["regime"] == "B"
    client.force_login(getattr(world, who))
    # when
    form_page = client.get(_url(dossier))
    response = client.post(_url(dossier), {**VALID, "reference_date": "2025-07-01"})
    # then
    assert form_page.status_code == 200
    assert form_page.context["form"]["awarding_body"].value() == "Giám đốc Sở Văn hóa An Phú"
    assert response.status_code == 302 and response.url == reverse("awards:dossier", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.awarding_body == VALID["awarding_body"] and dossier.reference_date == dt.date(2025, 7, 1)
    assert Nomination.objects.get().evaluation["regime"] == "C"
    assert DossierEvent.objects.filter(dossier=dossier, action=DossierAction.UPDATED).count() == 1
    assert AuditEvent.objects.filter(action="awards.dossier_updated").count() == 1


def test_the_dossier_page_links_to_the_edit_page_for_the_drafter_only(client, world, dossier):
    link = f'href="{_url(dossier)}"'
    client.force_login(world.officer_a)
    assert link in client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()
    client.force_login(world.province_office)
    assert link not in client.get(reverse("awards:dossier", args=[dossier.pk])).content.decode()


def test_a_returned_dossier_can_be_edited(client, world, dossier):
    # given
    nominate(dossier, "LDTT", person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    appraised(dossier)
    dossier_return(actor=None, dossier=dossier, reason="Sai cấp khen thưởng")
    client.force_login(world.officer_a)
    # when
    response = client.post(_url(dossier), VALID)
    # then
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.awarding_body == VALID["awarding_body"] and dossier.status == DossierStatus.RETURNED


def test_a_bloc_dossier_is_edited_by_the_bloc_secretariat(client, world):
    dossier = dossier_create(
        actor=None, bloc=world.bloc, year=2024, reference_date=dt.date(2024, 12, 5), awarding_body="UBND tỉnh"
    )
    client.force_login(world.secretariat)
    assert client.post(_url(dossier), VALID).status_code == 302
    client.force_login(world.head_a)  # the leading unit's head does not draft the bloc's dossier
    assert client.get(_url(dossier)).status_code == 404


def test_the_drafter_changes_the_kind_and_event_date(client, world, dossier):
    client.force_login(world.officer_a)
    assert client.get(_url(dossier)).context["form"]["kind"].value() == "year_end"
    response = client.post(_url(dossier), {**VALID, "kind": "thematic", "event_date": "2025-09-02"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.kind, dossier.event_date) == ("thematic", dt.date(2025, 9, 2))


# --- Bad input -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "data", "field", "message"),
    [
        ("empty awarding body", {**VALID, "awarding_body": "   "}, "awarding_body", "Không được để trống."),
        ("no date", {**VALID, "reference_date": ""}, "reference_date", "Hãy nhập ngày."),
        ("not a date", {**VALID, "reference_date": "15/13/2025"}, "reference_date", None),
        (
            "service: R24 — a thematic dossier needs its event date",
            {**VALID, "kind": "thematic"},
            "event_date",
            "Hồ sơ sơ kết, tổng kết chuyên đề cần ngày tổ chức sơ kết, tổng kết, hội nghị.",
        ),
        ("an unknown kind", {**VALID, "kind": "hang_nam"}, "kind", "Loại khen thưởng không hợp lệ."),
        (
            "service: the date before the achievement year",
            {**VALID, "reference_date": "2023-12-31"},
            "reference_date",
            "Ngày trình không thể trước năm thành tích.",
        ),
    ],
)
def test_bad_input_is_refused_with_what_was_typed_kept(client, world, dossier, _case, data, field, message):
    # given
    client.force_login(world.officer_a)
    before = _snapshot(dossier)
    # when
    response = client.post(_url(dossier), data)
    # then
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors[field]
    if message is not None:
        assert message in form.errors[field]
    kept = "awarding_body" if field != "awarding_body" else "reference_date"
    assert form[kept].value() == data[kept]
    assert 'id="dossier-update-form"' in response.content.decode()
    assert _snapshot(dossier) == before


# --- Refusals --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "officer_b", "head_b", "plain", "province_office", "q_office"])
def test_users_who_may_not_edit_are_refused_and_nothing_changes(client, world, dossier, officer_b, who):
    # given
    users = {"officer_b": officer_b}
    if who != "anonymous":
        client.force_login(users.get(who) or getattr(world, who))
    before = _snapshot(dossier)
    # when
    get = client.get(_url(dossier))
    post = client.post(_url(dossier), VALID)
    # then
    for response in (get, post):
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url
        else:
            assert response.status_code == 404
    assert _snapshot(dossier) == before


def test_a_submitted_dossier_is_no_longer_editable(client, world, dossier):
    # given
    nominate(dossier, "LDTT", person=PersonFactory(unit=world.a, starts_on=dt.date(2015, 1, 1)))
    appraised(dossier)
    client.force_login(world.officer_a)
    before = _snapshot(dossier)
    # when
    get = client.get(_url(dossier))
    post = client.post(_url(dossier), VALID)
    # then
    assert get.status_code == 409 and get.context["form"] is None
    assert post.status_code == 409 and "Hồ sơ đang ở bước không cho phép thao tác này." in post.content.decode()
    assert _snapshot(dossier) == before


def test_a_missing_dossier_is_a_404(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("awards:dossier_update", args=[999999])).status_code == 404
