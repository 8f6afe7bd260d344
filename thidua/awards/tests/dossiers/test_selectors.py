"""Selectors of dossiers: visibility by role, NotFound for out of reach, constant queries, award history."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.accounts.scoping import actor_grants_clear
from thidua.awards.models import Nomination
from thidua.awards.selectors_dossiers import (
    award_history_for,
    dossier_access,
    dossier_detail_get,
    dossier_list_visible_to,
)
from thidua.awards.services import (
    DecisionInput,
    decision_issue,
    dossier_create,
)
from thidua.awards.tests.dossiers.helpers import appraised, dossier_make, nominate
from thidua.awards.tests.factories import award_give
from thidua.core.exceptions import NotFound
from thidua.people.tests.factories import PersonFactory


@pytest.fixture
def dossiers(world):
    unit_a = dossier_make(world.a)
    unit_b = dossier_make(world.b)
    bloc = dossier_create(
        actor=None, bloc=world.bloc, year=2024, reference_date=dt.date(2024, 12, 5), awarding_body="UBND tỉnh"
    )
    other_province = dossier_make(world.q1)
    return {"a": unit_a, "b": unit_b, "bloc": bloc, "q": other_province}


@pytest.mark.parametrize(
    ("_case", "actor_name", "visible"),
    [
        ("plain user sees nothing", "plain", set()),
        ("officer of A", "officer_a", {"a"}),
        ("head of A", "head_a", {"a"}),
        ("head of B", "head_b", {"b"}),
        ("bloc secretariat sees the bloc's dossiers", "secretariat", {"bloc"}),
        ("province office sees its province", "province_office", {"a", "b", "bloc"}),
        ("office of the other province", "q_office", {"q"}),
    ],
)
def test_dossier_list_visible_to(world, dossiers, _case, actor_name, visible):
    actor = getattr(world, actor_name)
    # when
    seen = set(dossier_list_visible_to(actor=actor, year=2024).values_list("pk", flat=True))
    # then
    assert seen == {dossiers[key].pk for key in visible}
    for key, dossier in dossiers.items():
        if key in visible:
            assert dossier_access(actor=actor, dossier_id=dossier.pk) == dossier
        else:
            with pytest.raises(NotFound):
                dossier_access(actor=actor, dossier_id=dossier.pk)


def test_dossier_detail_runs_constant_queries(world, dossiers):
    dossier = dossiers["a"]
    nominate(dossier, "LDTT", person=PersonFactory(unit=world.a))
    with CaptureQueriesContext(connection) as one:
        detail = dossier_detail_get(actor=world.province_office, dossier_id=dossier.pk)
    assert len(detail.nominations) == 1
    for _ in range(4):
        nominate(dossier, "LDTT", person=PersonFactory(unit=world.a))
    actor_grants_clear(world.province_office)
    with CaptureQueriesContext(connection) as five:
        detail = dossier_detail_get(actor=world.province_office, dossier_id=dossier.pk)
    assert len(detail.nominations) == 5
    assert all(n.evaluation["status"] for n in detail.nominations)
    assert len(five) == len(one)


def test_award_history_lists_every_award_with_its_decision(world, dossiers):
    # given
    lan = PersonFactory(unit=world.a)
    award_give("LDTT", 2022, person=lan)
    nominate(dossiers["a"], "LDTT", person=lan)
    appraised(dossiers["a"])
    decision_issue(
        actor=None,
        dossier=dossiers["a"],
        data=DecisionInput("9/QĐ-SVH", dt.date(2025, 1, 10), "Lê Hòa", "Giám đốc"),
    )
    # when
    history = list(award_history_for(person=lan))
    # then
    assert [(r.year, r.source) for r in history] == [(2024, "decision"), (2022, "imported")]
    assert history[0].decision_award.decision.number == "9/QĐ-SVH"
    assert Nomination.objects.get(person=lan).decision_award.award_record == history[0]
