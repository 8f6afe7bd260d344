"""Covenants with UBND tỉnh and progress reports: the unit's own roles write; refusals change nothing."""

from decimal import Decimal

import pytest

from thidua.covenants.errors import ReportExists, ReportNotYet, ReportRefused, UnitCovenantExists, UnitCovenantRefused
from thidua.covenants.models import CovenantTarget
from thidua.covenants.services import TargetInput, covenant_progress_report_create, unit_covenant_create
from thidua.covenants.tests.factories import covenant_draft, state, this_year, unit_covenant

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["officer_a", "head_a"])
def test_the_units_roles_record_its_covenant_with_targets(world, who):
    covenant = unit_covenant_create(
        actor=getattr(world, who),
        unit=world.a,
        year=this_year(),
        content="Giao ước",
        targets=[TargetInput("Chỉ tiêu 1", Decimal(5), "sáng kiến"), TargetInput("Chỉ tiêu 2")],
    )
    assert [t.text for t in covenant.targets.order_by("pk")] == ["Chỉ tiêu 1", "Chỉ tiêu 2"]


@pytest.mark.parametrize("who", ["head_b", "secretariat", "province_office", "q_office", "plain"])
def test_others_do_not_record_a_units_covenant(world, who):
    before = state()
    with pytest.raises(UnitCovenantRefused):
        unit_covenant_create(actor=getattr(world, who), unit=world.a, year=this_year(), content="Giao ước")
    assert state() == before


def test_one_covenant_with_the_committee_per_unit_and_year(world):
    unit_covenant(world.a)
    before = state()
    with pytest.raises(UnitCovenantExists):
        unit_covenant_create(actor=world.officer_a, unit=world.a, year=this_year(), content="Lần hai")
    assert state() == before


def test_progress_is_reported_once_per_period_by_the_unit(world):
    # given
    target = CovenantTarget.objects.get(unit_covenant=unit_covenant(world.a))
    covenant_progress_report_create(actor=world.officer_a, target=target, period="mid_term", value=Decimal(60))
    before = state()
    # when / then
    with pytest.raises(ReportExists):
        covenant_progress_report_create(actor=world.head_a, target=target, period="mid_term", value=Decimal(70))
    with pytest.raises(ReportRefused):
        covenant_progress_report_create(actor=world.head_b, target=target, period="year_end", value=Decimal(70))
    assert state() == before


def test_no_progress_on_a_draft_bloc_covenant(world):
    target = CovenantTarget.objects.get(bloc_covenant=covenant_draft(world.bloc, [world.a]))
    before = state()
    with pytest.raises(ReportNotYet):
        covenant_progress_report_create(actor=world.officer_a, target=target, period="mid_term", text="Đang làm")
    assert state() == before
