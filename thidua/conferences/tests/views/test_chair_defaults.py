"""By default the heads of the year's Khối trưởng and Khối phó units chair the conference (issue 7, point 1)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from thidua.conferences.selectors_pages import chair_defaults
from thidua.conftest import World
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import BlocMembership
from thidua.people.tests.factories import PersonFactory


def test_the_heads_of_the_leader_and_deputy_units_are_proposed_as_chair_and_co_chair(client, world: World):
    # given A leads the bloc this year and B is its deputy; each has a head, a deputy head and staff
    year = timezone.localdate().year
    BlocMembership.objects.filter(bloc=world.bloc, unit=world.b, year=year).update(role=BlocRole.DEPUTY)
    PersonFactory(full_name="Phó Giám đốc A", unit=world.a, position="Phó Giám đốc Sở")
    head_a = PersonFactory(full_name="Trần Văn An", unit=world.a, position="Giám đốc Sở")
    PersonFactory(full_name="Chuyên viên B", unit=world.b)
    head_b = PersonFactory(full_name="Lê Thị Bình", unit=world.b, position="Giám đốc")
    # when
    defaults = chair_defaults(bloc=world.bloc, year=year, on=timezone.localdate())
    # then
    assert (defaults.chair, defaults.co_chair) == (head_a, head_b)
    # and the create form of the bloc's secretariat starts with them
    client.force_login(world.secretariat)
    page = client.get(reverse("conferences:conference_create"))
    form = page.context["form"]
    assert (form.initial["chair"], form.initial["co_chair"]) == (head_a, head_b)
    assert "Trần Văn An" in page.content.decode() and "Lê Thị Bình" in page.content.decode()


def test_no_head_on_record_leaves_the_chair_empty(world: World):
    PersonFactory(full_name="Chuyên viên A", unit=world.a)
    defaults = chair_defaults(bloc=world.bloc, year=timezone.localdate().year, on=timezone.localdate())
    assert (defaults.chair, defaults.co_chair) == (None, None)
