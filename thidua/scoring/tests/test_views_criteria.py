"""Pages of a criteria set: the tree, inline editing (HTMX and plain POST), approval, copy and new version."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.scoring.choices import CriteriaSetStatus
from thidua.scoring.models import CriteriaSet, Criterion, CriterionGroup
from thidua.scoring.services import CriterionInput, criteria_set_create, criterion_group_save, criterion_save

YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def crit_draft(world):
    criteria_set = criteria_set_create(actor=None, bloc=world.bloc, year=YEAR, title="Bộ tiêu chí khối tham mưu")
    group = criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Công tác chỉ đạo")
    criterion_save(
        actor=None,
        group=group,
        data=CriterionInput(code="1", name="Ban hành kế hoạch", kind="scored", max_points="10", guidance="Có kế hoạch"),
    )
    criterion_save(
        actor=None, group=group, data=CriterionInput(code="2", name="Cờ thi đua", kind="bonus", max_points=5)
    )
    return criteria_set


def _url(name, criteria_set, **kwargs):
    return reverse(f"scoring:{name}", kwargs={"set_id": criteria_set.pk, **kwargs})


def _snapshot():
    return (
        CriteriaSet.objects.count(),
        CriterionGroup.objects.count(),
        Criterion.objects.count(),
        AuditEvent.objects.count(),
        list(CriteriaSet.objects.values_list("status", flat=True)),
    )


def test_the_secretariat_sees_the_tree_with_totals(client, world, crit_draft):
    client.force_login(world.secretariat)
    response = client.get(_url("criteria_set", crit_draft))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Công tác chỉ đạo" in body and "Ban hành kế hoạch" in body and "Có kế hoạch" in body
    assert response.context["tree"].totals["scored"] == Decimal("10")
    assert response.context["tree"].totals["bonus"] == Decimal("5")
    assert response.context["tree"].is_editable


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("plain", 404), ("head_a", 404), ("head_b", 404), ("q_office", 404), ("province_office", 200)],
)
def test_who_reads_a_draft(client, world, crit_draft, who, status):
    user = getattr(world, who, None)
    if user is not None:
        client.force_login(user)
    assert client.get(_url("criteria_set", crit_draft)).status_code == status


def test_a_member_unit_reads_an_approved_set_without_edit_controls(client, world, crit_draft):
    crit_draft.status = CriteriaSetStatus.APPROVED
    crit_draft.save()
    client.force_login(world.head_a)
    response = client.get(_url("criteria_set", crit_draft))
    assert response.status_code == 200
    assert not response.context["tree"].is_editable
    assert not response.context["can_manage"]


def test_adding_a_group_without_javascript_redirects(client, world, crit_draft):
    client.force_login(world.secretariat)
    response = client.post(_url("criteria_group_add", crit_draft), {"group-code": "II", "group-name": "Cải cách"})
    assert response.status_code == 302
    assert crit_draft.groups.filter(code="II", name="Cải cách").exists()


def test_adding_a_criterion_with_htmx_swaps_the_tree(client, world, crit_draft):
    client.force_login(world.secretariat)
    group = crit_draft.groups.get()
    data = {f"g{group.pk}-code": "3", f"g{group.pk}-name": "Báo cáo đúng hạn", f"g{group.pk}-kind": "penalty"}
    data[f"g{group.pk}-max_points"] = "2,5"
    response = client.post(_url("criteria_criterion_add", crit_draft, group_id=group.pk), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="criteria-tree"' in response.content.decode()
    assert "<html" not in response.content.decode()
    assert Criterion.objects.get(code="3", group=group).max_points == Decimal("2.5")


@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_criterion_keeps_what_was_typed(client, world, crit_draft, htmx):
    client.force_login(world.secretariat)
    group = crit_draft.groups.get()
    before = _snapshot()
    data = {
        f"g{group.pk}-code": "9",
        f"g{group.pk}-name": "Tiêu chí đang soạn dở",
        f"g{group.pk}-kind": "scored",
        f"g{group.pk}-max_points": "mười",
        f"g{group.pk}-guidance": "Ghi chú giữ lại",
    }
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(_url("criteria_criterion_add", crit_draft, group_id=group.pk), data, **extra)
    assert response.status_code == (200 if htmx else 422)
    body = response.content.decode()
    assert "Điểm phải là một số." in body
    assert "Tiêu chí đang soạn dở" in body and "Ghi chú giữ lại" in body and 'value="mười"' in body
    assert _snapshot() == before


def test_editing_and_deleting_a_criterion(client, world, crit_draft):
    client.force_login(world.secretariat)
    criterion = Criterion.objects.get(code="1")
    edit = _url("criteria_criterion_edit", crit_draft, criterion_id=criterion.pk)
    assert 'value="10"' in client.get(edit).content.decode()
    prefix = f"c{criterion.pk}"
    data = {f"{prefix}-code": "1", f"{prefix}-name": "Kế hoạch năm", f"{prefix}-kind": "scored"}
    data[f"{prefix}-max_points"] = "12"
    assert client.post(edit, data).status_code == 302
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_points) == ("Kế hoạch năm", Decimal("12"))
    response = client.post(_url("criteria_criterion_delete", crit_draft, criterion_id=criterion.pk))
    assert response.status_code == 302
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


def test_editing_and_deleting_a_group(client, world, crit_draft):
    client.force_login(world.secretariat)
    group = crit_draft.groups.get()
    edit = _url("criteria_group_edit", crit_draft, group_id=group.pk)
    response = client.post(edit, {f"eg{group.pk}-code": "I", f"eg{group.pk}-name": ""})
    assert response.status_code == 422
    assert client.post(edit, {f"eg{group.pk}-code": "A", f"eg{group.pk}-name": "Chỉ đạo"}).status_code == 302
    group.refresh_from_db()
    assert group.name == "Chỉ đạo"
    assert client.post(_url("criteria_group_delete", crit_draft, group_id=group.pk)).status_code == 302
    assert not crit_draft.groups.exists()


def test_approval_needs_its_reference(client, world, crit_draft):
    client.force_login(world.secretariat)
    url = _url("criteria_set_approve", crit_draft)
    response = client.post(url, {"reference": ""})
    assert response.status_code == 422
    assert "reference" in response.context["approve_form"].errors
    assert client.post(url, {"reference": "Biên bản họp khối số 01"}).status_code == 302
    crit_draft.refresh_from_db()
    assert crit_draft.status == CriteriaSetStatus.APPROVED
    assert crit_draft.approval_reference == "Biên bản họp khối số 01"


def test_an_approved_set_refuses_edits_with_a_message(client, world, crit_draft):
    crit_draft.status = CriteriaSetStatus.APPROVED
    crit_draft.save()
    client.force_login(world.secretariat)
    before = _snapshot()
    response = client.post(_url("criteria_group_add", crit_draft), {"group-code": "II", "group-name": "Cải cách"})
    assert response.status_code == 422
    assert "phiên bản mới" in response.content.decode()
    assert _snapshot() == before


def test_a_new_version_needs_a_reason(client, world, crit_draft):
    crit_draft.status = CriteriaSetStatus.APPROVED
    crit_draft.save()
    client.force_login(world.secretariat)
    url = _url("criteria_set_version", crit_draft)
    response = client.post(url, {"reason": "  ", "title": "Bộ mới"})
    assert response.status_code == 422
    assert 'value="Bộ mới"' in response.content.decode()
    response = client.post(url, {"reason": "Bổ sung tiêu chí chuyển đổi số"})
    copy = CriteriaSet.objects.get(version=2)
    assert response.status_code == 302 and response.url == _url("criteria_set", copy)
    assert copy.change_reason == "Bổ sung tiêu chí chuyển đổi số"
    assert Criterion.objects.filter(group__criteria_set=copy).count() == 2


def test_copy_to_another_year(client, world, crit_draft):
    client.force_login(world.secretariat)
    url = _url("criteria_set_copy", crit_draft)
    assert client.post(url, {"year": YEAR}).status_code == 422
    assert client.post(url, {"year": "năm sau"}).status_code == 422
    assert client.post(url, {"year": YEAR + 1}).status_code == 302
    assert CriteriaSet.objects.filter(year=YEAR + 1, version=1, copied_from=crit_draft).exists()


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_a", "head_b", "q_office"])
def test_outsiders_change_nothing(client, world, crit_draft, who):
    user = getattr(world, who, None)
    if user is not None:
        client.force_login(user)
    group = crit_draft.groups.get()
    criterion = Criterion.objects.get(code="1")
    before = _snapshot()
    expected = 302 if user is None else 404
    posts = [
        (_url("criteria_group_add", crit_draft), {"group-name": "X"}),
        (_url("criteria_group_edit", crit_draft, group_id=group.pk), {f"eg{group.pk}-name": "X"}),
        (_url("criteria_group_delete", crit_draft, group_id=group.pk), {}),
        (_url("criteria_criterion_delete", crit_draft, criterion_id=criterion.pk), {}),
        (_url("criteria_set_approve", crit_draft), {"reference": "BB"}),
        (_url("criteria_set_copy", crit_draft), {"year": YEAR + 1}),
        (_url("criteria_set_version", crit_draft), {"reason": "Lý do"}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == expected, url
        if user is None:
            assert "/accounts/login" in response.url or "login" in response.url
    assert _snapshot() == before


def test_a_criterion_of_another_set_is_not_found(client, world, crit_draft):
    other = criteria_set_create(actor=None, bloc=world.bloc, year=YEAR + 1, title="Khác")
    client.force_login(world.secretariat)
    criterion = Criterion.objects.get(code="1")
    url = reverse("scoring:criteria_criterion_edit", kwargs={"set_id": other.pk, "criterion_id": criterion.pk})
    assert client.get(url).status_code == 404
