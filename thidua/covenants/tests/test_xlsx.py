"""Export of bloc covenants (XLSX): one row per member unit with its targets and acknowledgement, as readable."""

import pytest
from django.urls import reverse

from thidua.core.tests.imports.helpers import read_xlsx
from thidua.covenants.services import covenant_acknowledge
from thidua.covenants.tests.factories import covenant_draft, covenant_open, this_year

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


def _export(client, user):
    client.force_login(user)
    return read_xlsx(client.get(reverse("core:export", kwargs={"kind": "bloc-covenants"})).content)


def test_export_shows_targets_and_acknowledgements_per_unit(client, world):
    # given an open covenant acknowledged by A's head
    covenant = covenant_open(world.bloc, [world.a, world.b])
    covenant_acknowledge(actor=world.head_a, covenant=covenant, unit=world.a)
    # when
    table = _export(client, world.head_b)
    # then
    assert table[0] == ["Tên khối", "Năm", "Mã đơn vị", "Tên đơn vị", "Chỉ tiêu", "Người tiếp nhận", "Tiếp nhận lúc"]
    rows = {row[2]: row for row in table[1:]}
    assert set(rows) == {"so-a", "so-b"}
    assert rows["so-a"][:6] == [
        world.bloc.name,
        this_year(),
        "so-a",
        world.a.name,
        "Giải quyết hồ sơ đúng hạn: 100 %",
        world.head_a.full_name,
    ]
    assert rows["so-a"][6]
    assert rows["so-b"][5:] == [None, None]


def test_export_keeps_to_covenants_the_user_may_read(client, world):
    # given a draft covenant: only its managers read it
    covenant_draft(world.bloc, [world.a])
    # then
    assert _export(client, world.head_b) == [_export(client, world.head_b)[0]]
    assert len(_export(client, world.secretariat)) == 3
    assert _export(client, world.q_office)[1:] == []
