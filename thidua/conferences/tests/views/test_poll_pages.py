"""The poll pages (issue 7): creation, the ballot's list, the readiness checklist, open / close / publish, the paper
ballot desk with its reconciliation, the roll and the result after the close, and the run-off after a tie."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.accounts.tests.factories import UserFactory
from thidua.awards.choices import TitleSubject
from thidua.awards.models import Title
from thidua.awards.tests.catalogue import title_catalogue  # noqa: F401  (seeds the titles)
from thidua.conferences.choices import MajorityRule, PaperSheetStatus, PollKind, PollStatus
from thidua.conferences.models import PaperSheet, Poll, PollCandidate, RollEntry
from thidua.conferences.services import poll_open
from thidua.conferences.tests.factories import delegate_build, poll_build
from thidua.conferences.tests.views.helpers import poll_create_url, poll_url, state
from thidua.emulation.tests.factories import member_add
from thidua.organizations.tests.factories import UnitFactory


def _poll_data(**overrides):
    data = {
        "title": "Bầu Khối trưởng năm sau",
        "kind": PollKind.ELECTION,
        "office": "leader",
        "max_choices": 1,
        "is_secret": "on",
        "majority_rule": MajorityRule.SIMPLE,
        "majority_share": "",
        "percentage_base": "roll",
    }
    return {**data, **overrides}


def _candidates(poll, *units):
    return poll_url(poll, "candidates"), {"candidates-units": [u.pk for u in units]}


def test_the_poll_create_page_renders(client, cw):
    client.force_login(cw.world.secretariat)
    response = client.get(poll_create_url(cw.conference))
    assert response.status_code == 200 and 'id="poll-form"' in response.content.decode()


def test_the_secretariat_creates_a_poll_and_lists_its_candidates(client, cw):
    # given
    world = cw.world
    client.force_login(world.secretariat)
    # when
    response = client.post(poll_create_url(cw.conference), _poll_data())
    # then
    poll = Poll.objects.get(title="Bầu Khối trưởng năm sau")
    assert response.status_code == 302 and response.url == poll_url(poll)
    assert poll.kind == PollKind.ELECTION and poll.office == "leader" and poll.is_secret
    page = client.get(poll_url(poll)).content.decode()
    assert "Chưa có danh sách trên phiếu." in page and 'id="candidates-form"' in page
    url, data = _candidates(poll, world.b, world.a)
    assert client.post(url, data).status_code == 302
    assert sorted(PollCandidate.objects.filter(poll=poll).values_list("unit_id", flat=True)) == sorted(
        [world.a.pk, world.b.pk]
    )
    page = client.get(poll_url(poll)).content.decode()
    assert 'id="ready"' in page and "Đã đủ điều kiện bắt đầu bỏ phiếu." in page


def test_bad_poll_input_keeps_the_values_and_says_why(client, cw):
    client.force_login(cw.world.secretariat)
    before = state()
    response = client.post(
        poll_create_url(cw.conference),
        _poll_data(kind=PollKind.CHOOSE, majority_rule=MajorityRule.PERCENTAGE, max_choices=0),
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors["office"] == ["Chỉ cuộc bầu Khối trưởng, Khối phó mới có chức danh bầu."]
    assert form.errors["majority_share"] == ["Hãy nhập tỷ lệ tối thiểu (ví dụ 0,80)."]
    assert form.errors["max_choices"] == ["Số được chọn tối đa phải từ 1 đến 100."]
    assert form["title"].value() == "Bầu Khối trưởng năm sau"
    url, data = _candidates(cw.poll, cw.world.q1)
    response = client.post(url, data)
    assert response.status_code == 422 and response.context["forms"]["candidates"].errors["units"]
    assert state() == before


def test_the_checklist_lists_each_blocker_and_opening_is_refused(client, cw):
    # given
    empty = poll_build(cw.conference, [], title="Biểu quyết chưa có danh sách")
    client.force_login(cw.world.secretariat)
    page = client.get(poll_url(empty)).content.decode()
    assert "Chưa có danh sách trên phiếu." in page and 'id="blockers"' in page
    before = state()
    # when
    response = client.post(poll_url(empty, "open"))
    # then
    assert response.status_code == 409
    assert "Chưa đủ điều kiện để bắt đầu bỏ phiếu." in response.content.decode()
    assert state() == before


def test_a_whole_paper_poll_with_a_tie_and_its_runoff(client, cw):
    # given: a simple-majority poll on A and B, three sheets printed
    world = cw.world
    poll = poll_build(cw.conference, [world.a, world.b], title="Suy tôn đơn vị dẫn đầu", majority_rule="simple")
    a, b = cw.candidate(world.a, poll), cw.candidate(world.b, poll)
    client.force_login(world.secretariat)
    assert client.post(poll_url(poll, "issue"), {"issue-count": 3}).status_code == 302
    assert client.post(poll_url(poll, "open")).status_code == 302
    # when: two voters collect a sheet, the tellers enter two and record the third unused
    for unit in (world.a, world.b):
        entry = RollEntry.objects.get(poll=poll, unit=unit)
        assert client.post(poll_url(poll, "handout"), {"handout-roll_entry": entry.pk}).status_code == 302
    page = client.get(poll_url(poll)).content.decode()
    assert 'id="handout-form"' in page and 'id="entry-form"' in page and "Chưa khớp" in page
    assert client.post(poll_url(poll, "close")).status_code == 302
    assert (
        client.post(
            poll_url(poll, "enter"), {"entry-serial": 1, "entry-validity": "1", f"entry-choice_{a.pk}": "on"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            poll_url(poll, "enter"), {"entry-serial": 2, "entry-validity": "1", f"entry-choice_{b.pk}": "on"}
        ).status_code
        == 302
    )
    assert (
        client.post(poll_url(poll, "mark"), {"mark-serial": 3, "mark-status": PaperSheetStatus.UNUSED}).status_code
        == 302
    )
    page = client.get(poll_url(poll)).content.decode()
    assert "Phát hành 3 = thu vào 2 + hỏng 0 + không sử dụng 1" in page and "Đã khớp" in page
    assert 'id="roll-table"' in page and "Chưa bỏ phiếu" in page and "Đã bỏ phiếu" in page
    assert client.post(poll_url(poll, "publish")).status_code == 302
    # then: the result shows the tie and offers the run-off
    response = client.get(poll_url(poll))
    page = response.content.decode()
    assert 'id="result-table"' in page and "Bằng phiếu, phải bầu lại" in page and 'id="runoff-needed"' in page
    assert [row["votes"] for row in response.context["result_rows"]] == [1, 1]
    assert client.post(poll_url(poll, "runoff")).status_code == 302
    runoff = Poll.objects.get(runoff_of=poll)
    assert runoff.status == PollStatus.DRAFT and runoff.max_choices == 1
    assert list(PollCandidate.objects.filter(poll=runoff).values_list("unit_id", flat=True)) == [world.a.pk, world.b.pk]


def test_a_bad_paper_entry_keeps_the_values_and_says_why(client, cw):
    # given
    world = cw.world
    client.force_login(world.secretariat)
    client.post(poll_url(cw.poll, "issue"), {"issue-count": 2})
    poll_open(actor=None, poll=cw.poll)
    entry = RollEntry.objects.get(poll=cw.poll, unit=world.a)
    client.post(poll_url(cw.poll, "handout"), {"handout-roll_entry": entry.pk})
    a, b = cw.candidate(world.a), cw.candidate(world.b)
    before = state()
    # when: two names on a "choose one" ballot
    response = client.post(
        poll_url(cw.poll, "enter"),
        {"entry-serial": 1, "entry-validity": "1", f"entry-choice_{a.pk}": "on", f"entry-choice_{b.pk}": "on"},
    )
    # then
    assert response.status_code == 422
    form = response.context["forms"]["entry"]
    assert any("Chỉ được chọn tối đa 1" in e for e in form.non_field_errors())
    assert form["serial"].value() == "1" and form[f"choice_{a.pk}"].value() is True
    # when: a number never printed
    response = client.post(poll_url(cw.poll, "enter"), {"entry-serial": 9, "entry-validity": "0"})
    assert response.status_code == 422
    assert response.context["forms"]["entry"].errors["serial"] == ["Không có phiếu số 9 của cuộc biểu quyết này."]
    # when: the same voter collects a second sheet
    response = client.post(poll_url(cw.poll, "handout"), {"handout-roll_entry": entry.pk})
    assert response.status_code == 422 and response.context["forms"]["handout"].non_field_errors()
    response = client.post(poll_url(cw.poll, "issue"), {"issue-count": 5000})
    assert response.status_code == 422 and response.context["forms"]["issue"].errors["count"]
    assert state() == before
    assert PaperSheet.objects.filter(poll=cw.poll, status=PaperSheetStatus.ISSUED).count() == 2


def test_publishing_unreconciled_paper_ballots_is_refused(client, cw):
    client.force_login(cw.world.secretariat)
    client.post(poll_url(cw.poll, "issue"), {"issue-count": 2})
    poll_open(actor=None, poll=cw.poll)
    client.post(poll_url(cw.poll, "close"))
    before = state()
    response = client.post(poll_url(cw.poll, "publish"))
    assert response.status_code == 409 and "Số phiếu giấy chưa khớp" in response.content.decode()
    assert state() == before


def test_a_yes_no_poll_entry_takes_one_opinion_per_name(client, cw):
    world = cw.world
    poll = poll_build(cw.conference, [world.a, world.b], kind=PollKind.YES_NO_ABSTAIN, max_choices=2)
    client.force_login(world.secretariat)
    client.post(poll_url(poll, "issue"), {"issue-count": 1})
    poll_open(actor=None, poll=poll)
    client.post(poll_url(poll, "handout"), {"handout-roll_entry": RollEntry.objects.get(poll=poll, unit=cw.c).pk})
    a, b = cw.candidate(world.a, poll), cw.candidate(world.b, poll)
    response = client.post(
        poll_url(poll, "enter"),
        {"entry-serial": 1, "entry-validity": "1", f"entry-choice_{a.pk}": "yes", f"entry-choice_{b.pk}": "no"},
    )
    assert response.status_code == 302
    assert PaperSheet.objects.get(poll=poll, serial=1).status == PaperSheetStatus.CAST


def _grow(cw, prefix):
    for index in range(3):
        unit = UnitFactory(code=f"so-{prefix}{index}", name=f"Sở {prefix} {index}", parent=cw.world.p)
        member_add(cw.world.bloc, unit)
        delegate_build(cw.conference, unit, user=UserFactory(username=f"{prefix}{index}", unit=unit))


def _measure(client, poll):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(poll_url(poll)).status_code == 200
    return len(queries)


def test_the_draft_poll_page_queries_do_not_grow_with_the_bloc(client, cw):
    client.force_login(cw.world.secretariat)
    first = _measure(client, cw.poll)
    _grow(cw, "w")
    client.post(poll_url(cw.poll, "candidates"), {"candidates-units": [cw.world.a.pk, cw.world.b.pk]})
    assert _measure(client, cw.poll) == first


@pytest.mark.parametrize("_case, closed", [("open", False), ("closed", True)])
def test_the_poll_page_queries_do_not_grow_with_the_roll(client, cw, _case, closed):
    client.force_login(cw.world.secretariat)

    def opened(title):
        poll = poll_build(cw.conference, [cw.world.a, cw.world.b], title=title, majority_rule="simple")
        client.post(poll_url(poll, "issue"), {"issue-count": 3})
        poll_open(actor=None, poll=poll)
        if closed:
            client.post(poll_url(poll, "close"))
        return poll

    first = _measure(client, opened("Lần một"))
    _grow(cw, "z")
    assert _measure(client, opened("Lần hai")) == first


def test_an_honouring_poll_names_the_title_it_proposes(client, cw):
    # given
    title = Title.objects.get(code="BK_TINH")
    assert title.subject != TitleSubject.INDIVIDUAL
    client.force_login(cw.world.secretariat)
    before = state()
    # when: an election cannot propose a title
    response = client.post(poll_create_url(cw.conference), _poll_data(award_title=title.pk))
    # then
    assert response.status_code == 422
    assert response.context["form"].errors["award_title"] == [
        "Cuộc bầu Khối trưởng, Khối phó không đề nghị danh hiệu, hình thức khen thưởng."
    ]
    assert state() == before
    # when: a "choose K" poll does
    data = _poll_data(title="Suy tôn Cờ thi đua", kind=PollKind.CHOOSE, office="", award_title=title.pk)
    assert client.post(poll_create_url(cw.conference), data).status_code == 302
    poll = Poll.objects.get(title="Suy tôn Cờ thi đua")
    assert poll.award_title == title
    assert title.name in client.get(poll_url(poll)).content.decode()
