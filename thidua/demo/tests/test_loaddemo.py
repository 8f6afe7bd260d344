"""The demo world reproduces the seed article: Khối thi đua các cơ quan tham mưu III, Quảng Nam, 2019–2020."""

import pytest
from django.core.management import call_command

from thidua.accounts.models import RoleAssignment, User
from thidua.core.models import AuditEvent
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import Bloc, BlocMembership
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db

SEED_MEMBERS = {
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Lao động – Thương binh và Xã hội",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Thông tin và Truyền thông",
    "Báo Quảng Nam",
    "Đài Phát thanh và Truyền hình tỉnh Quảng Nam",
}


def test_demo_world_has_the_seven_units_and_the_leaders_of_2019_and_2020(capsys):
    # when
    call_command("loaddemo")
    # then
    bloc = Bloc.objects.get(name="Khối thi đua các cơ quan tham mưu III")
    for year in (2019, 2020):
        members = BlocMembership.objects.filter(bloc=bloc, year=year).select_related("unit")
        assert {m.unit.name for m in members} == SEED_MEMBERS
    leaders = {
        (m.year, m.role): m.unit.short_name
        for m in BlocMembership.objects.filter(bloc=bloc).exclude(role=BlocRole.MEMBER).select_related("unit")
    }
    assert leaders == {(2019, "leader"): "Sở VHTTDL", (2019, "deputy"): "Sở TTTT", (2020, "leader"): "Sở TTTT"}
    heads = set(User.objects.filter(role_assignments__role="unit_head").values_list("full_name", flat=True))
    assert {"Nguyễn Thanh Hồng", "Phạm Hồng Quảng"} <= heads
    assert "bantdkt" in capsys.readouterr().out


def test_loading_twice_changes_nothing():
    call_command("loaddemo")
    counts = (Unit.objects.count(), User.objects.count(), RoleAssignment.objects.count(), AuditEvent.objects.count())
    call_command("loaddemo")
    assert (
        Unit.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_the_2025_reorganisations_are_applied_with_their_dates():
    import datetime as dt

    from thidua.organizations.models import UnitChangeLink

    # when
    call_command("loaddemo")
    # then: Sở TTTT ended the day before its merger into Sở KH&CN, which carries on
    tttt = Unit.objects.get(code="qn-so-tttt")
    khcn = Unit.objects.get(code="qn-so-khcn")
    assert tttt.valid_to == dt.date(2025, 1, 31)
    link = UnitChangeLink.objects.select_related("change").get(predecessor=tttt)
    assert (link.successor, link.change.decision_number) == (khcn, "01/NQ-HĐND")
    # and Quảng Nam ended on 30/06/2025; its units that were still active stand under TP Đà Nẵng
    quang_nam = Unit.objects.get(code="quang-nam")
    da_nang = Unit.objects.get(code="da-nang")
    assert quang_nam.valid_to == dt.date(2025, 6, 30)
    khcn.refresh_from_db()
    assert khcn.parent == da_nang
    assert khcn.path.startswith(da_nang.path)
    # while the 2019 bloc still lists Sở TTTT as its deputy
    seat = BlocMembership.objects.get(unit=tttt, year=2019)
    assert seat.role == BlocRole.DEPUTY


def test_people_are_spread_over_the_units_and_some_moved():
    from django.db.models import Count

    from thidua.people.models import Assignment, Person

    call_command("loaddemo")
    assert Person.objects.count() >= 300
    movers = Person.objects.annotate(n=Count("assignments")).filter(n__gte=2)
    assert movers.count() >= 8
    assert Assignment.objects.values("unit").distinct().count() >= 15
    assert Person.objects.filter(full_name="Phạm Hồng Quảng").exists()


def test_demo_accounts_are_bound_to_units():
    call_command("loaddemo")
    assert not User.objects.filter(unit__isnull=True).exists()


def test_2019_composition_is_confirmed_and_2020_stays_a_draft():
    from thidua.emulation.models import BlocYear

    call_command("loaddemo")
    statuses = dict(
        BlocYear.objects.filter(bloc__name="Khối thi đua các cơ quan tham mưu III").values_list("year", "status")
    )
    assert statuses.get(2019) == "confirmed"
    assert statuses.get(2020, "draft") == "draft"


def test_the_2019_bloc_page_counts_130_and_6_initiatives_from_the_data(client):
    from django.urls import reverse

    call_command("loaddemo")
    bloc = Bloc.objects.get(name="Khối thi đua các cơ quan tham mưu III")
    client.force_login(User.objects.get(username="canbo.yte"))
    content = client.get(reverse("emulation:bloc-detail", kwargs={"bloc_id": bloc.pk}), {"year": 2019}).content.decode()
    assert "130 sáng kiến được công nhận cấp cơ sở, 6 sáng kiến cấp tỉnh" in content


def test_the_2019_year_of_bloc_iii_has_its_movements_registrations_and_covenant():
    from thidua.covenants.models import BlocCovenant
    from thidua.movements.models import Movement
    from thidua.registrations.models import Registration

    call_command("loaddemo")
    bloc = Bloc.objects.get(name="Khối thi đua các cơ quan tham mưu III")
    assert Movement.objects.filter(launched_on__year=2019).count() >= 2
    assert Registration.objects.filter(year=2019, unit__bloc_memberships__bloc=bloc).distinct().count() == 7
    covenant = BlocCovenant.objects.get(bloc=bloc, year=2019)
    assert covenant.acknowledgements.count() == 7
    assert covenant.is_in_force
