"""The scoring index and a round's page: creating sets and rounds, the secretariat's actions, refusals, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent
from thidua.emulation.tests.factories import member_add
from thidua.organizations.tests.factories import UnitFactory
from thidua.scoring.choices import AssignmentStatus, RoundStatus
from thidua.scoring.models import CriteriaSet, ScoreSheet, ScoringAssignment, ScoringRound
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    assignments_generate,
    criteria_set_approve,
    criteria_set_create,
    criterion_group_save,
    criterion_save,
    scoring_round_create,
    scoring_round_open,
)

YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


def _approved_set(bloc, year=YEAR):
    criteria_set = criteria_set_create(actor=None, bloc=bloc, year=year, title="Bộ tiêu chí")
    group = criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Nhóm I")
    criterion_save(
        actor=None, group=group, data=CriterionInput(code="1", name="Tiêu chí 1", kind="scored", max_points=10)
    )
    return criteria_set_approve(actor=None, criteria_set=criteria_set, reference="BB 01")


@pytest.fixture
def unit_c(world):
    unit = UnitFactory(code="so-c", name="Sở Công Thương", parent=world.p)
    member_add(world.bloc, unit)
    return unit


@pytest.fixture
def round_prep(world, unit_c):
    criteria_set = _approved_set(world.bloc)
    return scoring_round_create(
        actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=1)
    )


def _round_url(name, scoring_round, **kwargs):
    return reverse(f"scoring:{name}", kwargs={"round_id": scoring_round.pk, **kwargs})


def _snapshot():
    return (
        CriteriaSet.objects.count(),
        ScoringRound.objects.count(),
        ScoringAssignment.objects.count(),
        ScoreSheet.objects.count(),
        AuditEvent.objects.count(),
        list(ScoringRound.objects.values_list("status", "scorers_per_unit")),
    )


# --- index -----------------------------------------------------------------------------------------------------------


def test_the_index_lists_rounds_and_sets_for_the_secretariat(client, world, round_prep):
    client.force_login(world.secretariat)
    response = client.get(reverse("scoring:index"))
    assert response.status_code == 200
    assert list(response.context["page"]) == [round_prep]
    assert response.context["is_manager"]
    assert _round_url("round", round_prep) in response.content.decode()
    assert response.context["criteria_sets"] == [round_prep.criteria_set]
    assert list(client.get(reverse("scoring:index"), {"year": YEAR - 1}).context["page"]) == []


def test_the_index_for_a_member_unit_and_for_others(client, world, round_prep):
    client.force_login(world.head_b)
    response = client.get(reverse("scoring:index"))
    assert list(response.context["page"]) == [round_prep] and not response.context["is_manager"]
    client.force_login(world.q_office)
    assert list(client.get(reverse("scoring:index")).context["page"]) == []
    client.logout()
    assert client.get(reverse("scoring:index")).status_code == 302


def test_creating_a_criteria_set_from_the_index(client, world):
    client.force_login(world.secretariat)
    url = reverse("scoring:criteria_set_create")
    response = client.post(url, {"bloc": world.bloc.pk, "year": YEAR, "title": ""})
    assert response.status_code == 422
    assert 'value="%s"' % YEAR in response.content.decode()
    assert "title" in response.context["set_form"].errors
    response = client.post(url, {"bloc": world.bloc.pk, "year": YEAR, "title": "Bộ tiêu chí 2025"})
    criteria_set = CriteriaSet.objects.get()
    assert response.status_code == 302 and response.url == reverse("scoring:criteria_set", args=[criteria_set.pk])
    response = client.post(url, {"bloc": world.bloc.pk, "year": YEAR, "title": "Lần hai"})
    assert response.status_code == 422 and "Khối đã có bộ tiêu chí" in response.content.decode()


def test_creating_a_round_from_the_index(client, world):
    criteria_set = _approved_set(world.bloc)
    client.force_login(world.secretariat)
    url = reverse("scoring:round_create")
    data = {
        "bloc": world.bloc.pk,
        "year": YEAR,
        "criteria_set": criteria_set.pk,
        "checking_mode": "cross",
        "method": "median",
        "scorers_per_unit": "2",
        "tie_break_1": "penalty_asc",
        "tie_break_2": "penalty_asc",
        "self_assessment_due_on": f"{YEAR}-11-30",
        "checking_due_on": f"{YEAR}-11-01",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "tie_break_1" in response.context["round_form"].errors
    data["tie_break_2"] = "bonus_desc"
    response = client.post(url, data)
    assert response.status_code == 422
    assert "checking_due_on" in response.context["round_form"].errors
    assert f'value="{YEAR}-11-30"' in response.content.decode()
    data["checking_due_on"] = f"{YEAR}-12-15"
    response = client.post(url, data)
    scoring_round = ScoringRound.objects.get()
    assert response.status_code == 302 and response.url == _round_url("round", scoring_round)
    assert scoring_round.tie_breaks == ["penalty_asc", "bonus_desc"] and scoring_round.method == "median"


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_a", "q_office"])
def test_outsiders_create_nothing_from_the_index(client, world, who):
    criteria_set = _approved_set(world.bloc)
    user = getattr(world, who, None)
    if user is not None:
        client.force_login(user)
    before = _snapshot()
    expected = 302 if user is None else 404
    assert (
        client.post(
            reverse("scoring:criteria_set_create"), {"bloc": world.bloc.pk, "year": YEAR + 1, "title": "X"}
        ).status_code
        == expected
    )
    data = {"bloc": world.bloc.pk, "year": YEAR, "criteria_set": criteria_set.pk, "checking_mode": "cross"}
    data.update({"method": "mean", "scorers_per_unit": 1})
    assert client.post(reverse("scoring:round_create"), data).status_code == expected
    assert _snapshot() == before


# --- the round page ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "manager"),
    [
        ("anonymous", 302, False),
        ("plain", 404, False),
        ("q_office", 404, False),
        ("head_a", 200, False),
        ("secretariat", 200, True),
        ("province_office", 200, True),
    ],
)
def test_who_sees_a_round(client, world, round_prep, who, status, manager):
    user = getattr(world, who, None)
    if user is not None:
        client.force_login(user)
    response = client.get(_round_url("round", round_prep))
    assert response.status_code == status
    if status == 200:
        assert response.context["is_manager"] is manager
        assert ("progress" in response.context) is manager
        assert [s.state for s in response.context["steps"]] == ["current", "todo", "todo", "todo", "todo"]


def test_preparing_generating_and_opening(client, world, round_prep):
    client.force_login(world.secretariat)
    response = client.post(_round_url("round_assignments_generate", round_prep), {"method": "random", "seed": "-1"})
    assert response.status_code == 422 and "seed" in response.context["generate_form"].errors
    response = client.post(_round_url("round_assignments_generate", round_prep), {"method": "random", "seed": "7"})
    assert response.status_code == 302
    assert ScoringAssignment.objects.filter(scoring_round=round_prep).count() == 3
    page = client.get(_round_url("round", round_prep))
    assert len(page.context["assignments"]) == 3
    assert client.post(_round_url("round_open", round_prep)).status_code == 302
    round_prep.refresh_from_db()
    assert round_prep.status == RoundStatus.SCORING
    page = client.get(_round_url("round", round_prep))
    assert [s.state for s in page.context["steps"]][:2] == ["done", "current"]
    assert page.context["rules_form"].deadlines_only and page.context["switch_form"] is not None
    assert len(page.context["progress"]) == 3


def test_opening_without_assignments_is_refused_with_a_message(client, world, round_prep):
    client.force_login(world.secretariat)
    before = _snapshot()
    response = client.post(_round_url("round_open", round_prep), follow=True)
    assert "chưa được phân công" in response.content.decode()
    assert _snapshot() == before


def test_adding_and_removing_an_assignment_by_hand(client, world, round_prep, unit_c):
    client.force_login(world.secretariat)
    url = _round_url("round_assignment_add", round_prep)
    before = _snapshot()
    response = client.post(url, {"scored_unit": world.a.pk, "scorer_unit": world.a.pk})
    assert response.status_code == 422
    assert "không được chấm điểm chính mình" in response.content.decode()
    assert _snapshot() == before
    assert client.post(url, {"scored_unit": world.a.pk, "scorer_unit": unit_c.pk}).status_code == 302
    assignment = ScoringAssignment.objects.get()
    response = client.post(_round_url("round_assignment_remove", round_prep, assignment_id=assignment.pk))
    assert response.status_code == 302 and not ScoringAssignment.objects.exists()


def test_editing_the_rules_keeps_what_was_typed(client, world, round_prep):
    client.force_login(world.secretariat)
    url = _round_url("round_update", round_prep)
    data = {"checking_mode": "panel", "method": "mean", "scorers_per_unit": "99", "checking_due_on": f"{YEAR}-12-01"}
    response = client.post(url, data)
    assert response.status_code == 422
    assert "scorers_per_unit" in response.context["rules_form"].errors
    assert f'value="{YEAR}-12-01"' in response.content.decode()
    data["scorers_per_unit"] = "1"
    assert client.post(url, data).status_code == 302
    round_prep.refresh_from_db()
    assert round_prep.checking_mode == "panel" and round_prep.checking_due_on.month == 12


def test_after_opening_only_deadlines_change(client, world, round_prep):
    assignments_generate(actor=None, scoring_round=round_prep)
    scoring_round_open(actor=None, scoring_round=round_prep)
    client.force_login(world.secretariat)
    data = {"checking_mode": "panel", "method": "median", "scorers_per_unit": "1", "checking_due_on": f"{YEAR}-12-20"}
    assert client.post(_round_url("round_update", round_prep), data).status_code == 302
    round_prep.refresh_from_db()
    assert round_prep.checking_mode == "cross" and round_prep.method == "mean"
    assert round_prep.checking_due_on.day == 20


def test_publishing_asks_for_the_typed_confirmation(client, world, round_prep):
    client.force_login(world.secretariat)
    round_prep.status = RoundStatus.CONSOLIDATED
    round_prep.save()
    before = _snapshot()
    response = client.post(_round_url("round_publish", round_prep), {"confirmation": "cong bo di"})
    assert response.status_code == 422
    assert "confirmation" in response.context["publish_form"].errors
    assert 'value="cong bo di"' in response.content.decode()
    assert _snapshot() == before


def test_a_scorer_unit_declares_a_conflict_of_interest(client, world, round_prep):
    assignments_generate(actor=None, scoring_round=round_prep)
    scoring_round_open(actor=None, scoring_round=round_prep)
    client.force_login(world.head_a)
    page = client.get(_round_url("round", round_prep))
    lines = [line for line in page.context["sheet_lines"] if line.conflict_form is not None]
    assert len(lines) == 1
    assignment = lines[0].sheet.assignment
    url = _round_url("round_conflict_declare", round_prep, assignment_id=assignment.pk)
    response = client.post(url, {f"conflict{assignment.pk}-reason": ""})
    assert response.status_code == 422
    response = client.post(url, {f"conflict{assignment.pk}-reason": "Lãnh đạo hai đơn vị là vợ chồng"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.REPLACED


def test_outsiders_cannot_declare_a_conflict_on_someone_elses_assignment(client, world, round_prep):
    assignments_generate(actor=None, scoring_round=round_prep)
    scoring_round_open(actor=None, scoring_round=round_prep)
    assignment = ScoringAssignment.objects.filter(scorer_unit=world.b).first()
    client.force_login(world.head_a)
    before = _snapshot()
    url = _round_url("round_conflict_declare", round_prep, assignment_id=assignment.pk)
    assert client.post(url, {f"conflict{assignment.pk}-reason": "Lý do"}).status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["anonymous", "plain", "head_a", "head_b", "q_office"])
def test_outsiders_change_nothing_on_a_round(client, world, round_prep, who):
    assignments_generate(actor=None, scoring_round=round_prep)
    assignment = ScoringAssignment.objects.first()
    user = getattr(world, who, None)
    if user is not None:
        client.force_login(user)
    before = _snapshot()
    expected = 302 if user is None else 404
    posts = [
        ("round_update", {"checking_mode": "panel", "method": "mean", "scorers_per_unit": 1}),
        ("round_assignments_generate", {"method": "random", "seed": 3}),
        ("round_assignment_add", {"scored_unit": world.a.pk, "scorer_unit": world.b.pk}),
        ("round_open", {}),
        ("round_switch_set", {}),
        ("round_consolidate", {}),
        ("round_appeal_window", {"due_on": f"{YEAR + 1}-01-01"}),
        ("round_publish", {"confirmation": "CÔNG BỐ"}),
    ]
    for name, data in posts:
        assert client.post(_round_url(name, round_prep), data).status_code == expected, name
    remove = _round_url("round_assignment_remove", round_prep, assignment_id=assignment.pk)
    assert client.post(remove).status_code == expected
    assert _snapshot() == before


# --- queries -----------------------------------------------------------------------------------------------------


def _bloc_of(world, size):
    for i in range(size - 3):
        member_add(world.bloc, UnitFactory(code=f"so-x{i}", name=f"Sở số {i}", parent=world.p))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["secretariat", "head_a"])
def test_the_pages_query_counts_do_not_grow_with_the_bloc(client, world, unit_c, who):
    criteria_set = _approved_set(world.bloc)
    scoring_round = scoring_round_create(
        actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=2)
    )
    assignments_generate(actor=None, scoring_round=scoring_round)
    scoring_round_open(actor=None, scoring_round=scoring_round)
    client.force_login(getattr(world, who))
    small = (_count(client, reverse("scoring:index")), _count(client, _round_url("round", scoring_round)))
    # a bigger bloc, re-assigned and re-opened
    ScoreSheet.objects.all().delete()
    ScoringAssignment.objects.all().delete()
    ScoringRound.objects.filter(pk=scoring_round.pk).update(status=RoundStatus.PREPARING)
    _bloc_of(world, 10)
    scoring_round.refresh_from_db()
    assignments_generate(actor=None, scoring_round=scoring_round)
    scoring_round_open(actor=None, scoring_round=scoring_round)
    assert ScoreSheet.objects.filter(kind="self").count() == 10
    big = (_count(client, reverse("scoring:index")), _count(client, _round_url("round", scoring_round)))
    assert small == big
    assert big[0] <= 12 and big[1] <= 16


def test_a_panel_round_offers_panel_members(client, world, unit_c):
    criteria_set = _approved_set(world.bloc)
    scoring_round = scoring_round_create(
        actor=None, bloc=world.bloc, year=YEAR, criteria_set=criteria_set, rules=RoundRules(checking_mode="panel")
    )
    member = UserFactory(username="tocham", full_name="Thành viên tổ chấm", unit=world.p)
    grant(member, Role.UNIT_OFFICER, unit=world.p)
    client.force_login(world.province_office)
    response = client.post(
        _round_url("round_assignment_add", scoring_round), {"scored_unit": world.a.pk, "scorer_user": member.pk}
    )
    assert response.status_code == 302
    assert ScoringAssignment.objects.get().scorer_user == member
