"""Issue 4's walk: a unit officer registers, acknowledges the bloc covenant and records an initiative."""

import re

import pytest
from django.utils import timezone

from tests.e2e.test_sign_in import _sign_in
from thidua.covenants.models import CovenantAcknowledgement
from thidua.covenants.services import bloc_covenant_create, bloc_covenant_open
from thidua.demo.world import demo_world_load
from thidua.emulation.services import bloc_create, bloc_member_add
from thidua.initiatives.models import Initiative
from thidua.organizations.models import Unit
from thidua.people.models import Assignment
from thidua.registrations.models import Registration

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_registers_acknowledges_and_records_an_initiative(live_server, page, artifacts_dir):
    # given this year's bloc of TP Đà Nẵng with Sở Y tế, and its covenant open for acknowledgement
    demo_world_load()
    year = timezone.localdate().year
    da_nang = Unit.objects.get(code="da-nang")
    health, education = Unit.objects.get(code="qn-so-yte"), Unit.objects.get(code="qn-so-gddt")
    bloc = bloc_create(actor=None, province=da_nang, name="Khối thi đua văn hóa – xã hội")
    bloc_member_add(actor=None, bloc=bloc, unit=health, year=year, role="leader")
    bloc_member_add(actor=None, bloc=bloc, unit=education, year=year, role="deputy")
    covenant = bloc_covenant_create(actor=None, bloc=bloc, year=year, content="Giao ước thi đua năm nay")
    bloc_covenant_open(actor=None, covenant=covenant)
    _sign_in(page, live_server.url, "canbo.yte")
    page.wait_for_url(f"{live_server.url}/")

    # when the officer registers the unit for the year
    page.goto(f"{live_server.url}/dang-ky/don-vi/{health.pk}/nam/{year}/")
    page.get_by_label("Tập thể lao động xuất sắc").check()
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    # and acknowledges the bloc's covenant
    page.goto(f"{live_server.url}/giao-uoc/{covenant.pk}/")
    page.get_by_role("button", name="Tiếp nhận giao ước").click()
    page.wait_for_load_state()
    # and records an initiative
    page.goto(f"{live_server.url}/sang-kien/them/")
    page.locator("#id_unit").select_option(str(health.pk))
    page.get_by_label("Tên sáng kiến").fill("Ứng dụng sổ sức khỏe điện tử tại trạm y tế xã")
    page.get_by_label("Ngày áp dụng hoặc áp dụng thử").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Có tính mới trong phạm vi cơ sở").check()
    page.get_by_label("Đã được áp dụng hoặc áp dụng thử").check()
    page.get_by_label("Không thuộc đối tượng bị loại trừ").check()
    author = Assignment.objects.filter(unit=health, ends_on__isnull=True).select_related("person").first().person
    page.locator("select[name$='-person']").first.select_option(str(author.pk))
    page.locator("input[name$='-share']").first.fill("100")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r".*/sang-kien/\d+/$"))
    page.screenshot(path=str(artifacts_dir / "initiative-recorded.png"), full_page=True)

    # then the three records exist, made by the officer
    assert Registration.objects.filter(unit=health, year=year).exists()
    assert CovenantAcknowledgement.objects.get(covenant=covenant, unit=health).acknowledged_by.username == "canbo.yte"
    assert Initiative.objects.filter(unit=health, title__startswith="Ứng dụng sổ sức khỏe").exists()
