"""The hall's projector: title, agenda, "Đã bỏ phiếu: n/m" for the open poll, the published result as CSS bars,
refreshed by HTMX polling of a partial whose cost is constant; for those who run the conference and its delegates."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.choices import ChoiceValue
from thidua.conferences.services import ballot_cast, poll_close, poll_publish
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.conferences.tests.vote_pages.helpers import opened
from thidua.emulation.tests.factories import BlocFactory, member_add
from thidua.organizations.tests.factories import UnitFactory


def _urls(conference):
    kwargs = {"conference_id": conference.pk}
    return reverse("conferences:projector", kwargs=kwargs), reverse("conferences:projector_panel", kwargs=kwargs)


def test_the_projector_shows_the_agenda_and_who_has_voted_out_of_the_roll(client, cw):
    # given an open poll under the second agenda item, and one unit has voted
    poll = cw.poll
    poll.agenda_item = cw.conference.agenda_items.get(order=2)
    poll.save(update_fields=["agenda_item"])
    opened(poll)
    ballot_cast(actor=cw.world.head_b, poll=poll, choices={cw.candidate(cw.world.a).pk: ChoiceValue.CHOSEN})
    page_url, panel_url = _urls(cw.conference)
    client.force_login(cw.world.secretariat)
    # when
    html = client.get(page_url).content.decode()
    # then
    assert cw.conference.title in html and "Bình xét, suy tôn các đơn vị dẫn đầu" in html
    assert 'aria-current="step">2. Bình xét, suy tôn' in html
    assert "Đã bỏ phiếu: 1/3" in html
    assert f'hx-get="{panel_url}"' in html and 'hx-trigger="every 3s"' in html
    assert '<meta http-equiv="refresh"' in html  # without JavaScript
    assert "http://" not in html and "https://" not in html  # no CDN, no network
    panel = client.get(panel_url, headers={"HX-Request": "true"})
    assert panel.status_code == 200 and "<html" not in panel.content.decode()
    assert "Đã bỏ phiếu: 1/3" in panel.content.decode()


def test_the_published_result_is_drawn_as_bars(client, cw):
    # given A and C chose B, B chose A: B is elected with 2 of 3 (more than half of the roll)
    poll = opened(cw.poll)
    ballot_cast(actor=cw.world.head_a, poll=poll, choices={cw.candidate(cw.world.b).pk: "chosen"})
    ballot_cast(actor=cw.head_c, poll=poll, choices={cw.candidate(cw.world.b).pk: "chosen"})
    ballot_cast(actor=cw.world.head_b, poll=poll, choices={cw.candidate(cw.world.a).pk: "chosen"})
    poll_close(actor=None, poll=poll)
    _page, panel_url = _urls(cw.conference)
    client.force_login(cw.world.head_a)
    assert "đang kiểm phiếu" in client.get(panel_url).content.decode()
    poll_publish(actor=None, poll=poll)
    # when
    html = client.get(panel_url).content.decode()
    # then
    assert "Kết quả:" in html and poll.title in html
    assert "Sở Y tế Bình Minh" in html and "Trúng cử" in html and "2 phiếu" in html
    assert 'style="width: 67%"' in html and 'style="width: 33%"' in html
    assert "Đã bỏ phiếu" not in html


def test_delegates_and_those_who_run_it_see_it_outsiders_get_404(client, cw):
    page_url, panel_url = _urls(cw.conference)
    for user in (cw.world.head_a, cw.world.secretariat, cw.world.province_office):
        client.force_login(user)
        assert client.get(page_url).status_code == 200 and client.get(panel_url).status_code == 200
    for user in (cw.world.plain, cw.world.q_office, UserFactory(username="nguoi.la")):
        client.force_login(user)
        assert client.get(page_url).status_code == 404 and client.get(panel_url).status_code == 404
    missing = reverse("conferences:projector", kwargs={"conference_id": cw.conference.pk + 999})
    assert client.get(missing).status_code == 404
    client.logout()
    assert client.get(panel_url).status_code == 302


def _hall(n):
    """A bloc of ``n`` units with one present delegate each, a published poll with every unit voting, a second
    poll open with all but one voted, and a third closed."""
    province = UnitFactory(code=f"tinh-{n}", name=f"Tỉnh {n}", kind="province")
    bloc = BlocFactory(province=province, name=f"Khối {n}")
    units = [UnitFactory(code=f"so-{n}-{i}", name=f"Sở số {i}", parent=province) for i in range(n)]
    for unit in units:
        member_add(bloc, unit)
    conference = conference_build(bloc)
    users = [UserFactory(username=f"daibieu-{n}-{i}", unit=unit) for i, unit in enumerate(units)]
    for user, unit in zip(users, units, strict=True):
        delegate_build(conference, unit, user=user)
    published, current, closed = (poll_build(conference, units[:3], title=f"Biểu quyết {k}") for k in range(3))
    for poll in (published, current, closed):
        opened(poll)
    for i, user in enumerate(users):
        first = units[(i + 1) % 3]
        ballot_cast(actor=user, poll=published, choices={published.candidates.get(unit=first).pk: "chosen"})
        if i:
            ballot_cast(actor=user, poll=current, choices={})
        ballot_cast(actor=user, poll=closed, choices={})
    poll_publish(actor=None, poll=poll_close(actor=None, poll=published))
    poll_close(actor=None, poll=closed)
    return conference, users[0]


@pytest.mark.parametrize("_case", ["page", "panel"])
def test_the_projector_costs_the_same_queries_for_3_or_30_delegates(client, db, _case):
    counts = []
    for n in (3, 30):
        conference, viewer = _hall(n)
        client.force_login(viewer)
        url = _urls(conference)[0 if _case == "page" else 1]
        client.get(url)  # warm the per-request caches alike
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert f"Đã bỏ phiếu: {n - 1}/{n}" in response.content.decode()
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
