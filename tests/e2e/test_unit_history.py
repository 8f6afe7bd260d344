"""Issue 3's walk: from the 2019 bloc page to Sở TTTT, merged into Sở KH&CN on 01/02/2025, and KH&CN's later bloc."""

import re

import pytest

from tests.e2e.test_sign_in import _sign_in
from thidua.demo.world import demo_world_load
from thidua.emulation.models import Bloc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_walk_from_the_2019_bloc_to_the_successor_of_a_merged_unit(live_server, page, artifacts_dir):
    # given the demo world and a signed-in officer
    demo_world_load()
    bloc = Bloc.objects.get(name="Khối thi đua các cơ quan tham mưu III")
    _sign_in(page, live_server.url, "canbo.yte")
    page.wait_for_url(f"{live_server.url}/")
    # when they open the bloc's 2019 page, the deputy is Sở TTTT under its 2019 name
    page.goto(f"{live_server.url}/khoi-thi-dua/{bloc.pk}/?year=2019")
    page.get_by_role("link", name="Sở Thông tin và Truyền thông").first.click()
    # then its page says it ended on 31/01/2025, merged into Sở KH&CN on 01/02/2025 under 01/NQ-HĐND
    page.wait_for_url(re.compile(r".*/don-vi/\d+/$"))
    content = page.content()
    assert "31/01/2025" in content
    assert "01/02/2025" in content
    assert "01/NQ-HĐND" in content
    page.screenshot(path=str(artifacts_dir / "unit-merged-tttt.png"), full_page=True)
    # and the successor's page shows its own bloc in a later year
    page.get_by_role("link", name="Sở Khoa học và Công nghệ").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Khối thi đua các cơ quan tham mưu I", exact=True).first.is_visible()
    assert "2022" in page.content()
