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
