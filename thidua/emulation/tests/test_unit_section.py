"""The unit page's section "Lịch sử trong các khối thi đua": the unit's seats by year, in constant queries."""

import pytest
from django.test import RequestFactory

from thidua.emulation.choices import BlocRole
from thidua.emulation.navigation import _unit_bloc_section
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.detail_sections import unit_sections_for

pytestmark = pytest.mark.django_db


def _section(world, user):
    request = RequestFactory().get("/")
    request.user = user
    sections = [s for s in unit_sections_for(request, world.b) if s.template_name.startswith("emulation/")]
    return sections[0]


def test_the_section_lists_the_units_seats_by_year(world):
    member_add(world.bloc, world.b, year=2019, role=BlocRole.DEPUTY)
    section = _section(world, world.plain)
    assert str(section.title) == "Lịch sử trong các khối thi đua"
    assert [(s.membership.year, s.membership.role) for s in section.context["seats"]][-1] == (2019, BlocRole.DEPUTY)


def test_the_section_runs_constant_queries(world, django_assert_max_num_queries):
    for year in range(2000, 2020):
        member_add(BlocFactory(province=world.p, name=f"Khối {year}"), world.b, year=year)
    request = RequestFactory().get("/")
    request.user = world.plain
    with django_assert_max_num_queries(2):
        seats = _unit_bloc_section(request, world.b)[0].context["seats"]
    assert len(seats) == 21


def test_anonymous_sees_no_seats(world):
    from django.contrib.auth.models import AnonymousUser

    assert _section(world, AnonymousUser()).context["seats"] == []
