"""Export of the movements list (XLSX): what a signed-in user reads; nobody imports movements."""

import datetime as dt
import io

import pytest
from django.urls import reverse

from thidua.core.imports.errors import ImportNotAllowed
from thidua.core.imports.services import import_batch_preview
from thidua.core.tests.imports.helpers import read_xlsx, xlsx_bytes
from thidua.movements.tests.factories import movement_make

pytestmark = pytest.mark.django_db


def test_export_lists_movements_with_their_launching_body_and_period(client, world):
    # given
    movement_make(world.p)
    client.force_login(world.officer_a)
    # when
    response = client.get(reverse("core:export", kwargs={"kind": "movements"}))
    # then
    table = read_xlsx(response.content)
    assert table[0] == [
        "Tên phong trào",
        "Hình thức",
        "Đơn vị phát động",
        "Ngày phát động",
        "Thời gian từ ngày",
        "Đến ngày",
        "Trạng thái",
    ]
    row = table[1]
    assert row[:3] + row[6:] == ["Phong trào thi đua yêu nước năm 2019", "Hằng năm", world.p.name, "Đã phát động"]
    assert [cell.date() for cell in row[3:6]] == [dt.date(2019, 2, 20), dt.date(2019, 1, 1), dt.date(2019, 12, 31)]
    assert len(table) == 2


def test_movements_are_export_only(client, world):
    assert client.get(reverse("core:export", kwargs={"kind": "movements"})).status_code == 302
    client.force_login(world.province_office)
    assert client.get(reverse("core:import-upload", kwargs={"kind": "movements"})).status_code == 404
    assert client.get(reverse("core:import-template", kwargs={"kind": "movements"})).status_code == 404


def test_the_import_services_refuse_an_export_only_kind(world):
    upload = io.BytesIO(xlsx_bytes(["Tên phong trào"], [["Phong trào"]]))
    with pytest.raises(ImportNotAllowed):
        import_batch_preview(actor=world.province_office, kind_code="movements", upload=upload, file_name="pt.xlsx")
