"""Demo step: the conference of 17/01/2020 of Khối thi đua các cơ quan tham mưu III (the seed article), from ballots.

Co-chaired by Nguyễn Thanh Hồng (Giám đốc Sở VHTTDL) and Phạm Hồng Quảng (Giám đốc Sở TTTT); the seven member
units present, one vote per unit. Two secret, hybrid polls: the three delegates with demo accounts vote online, the
four others on numbered paper ballots entered by the tellers. The results are those of the article — Bằng khen
proposed for Sở LĐTBXH, Báo Quảng Nam and Đài PTTH Quảng Nam; Sở TTTT elected Khối trưởng for 2020 — but the
article gives no vote counts: the individual ballots below are illustrative. The results are then carried on: the
bloc's 2019 dossier (continued to its decision by ``thidua.awards.demo_dossiers``) and the 2020 Khối trưởng. Built
through the services as the system, with fixed instants; idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards.models import Title
from thidua.conferences.choices import ChoiceValue, MajorityRule, PollKind, PollOffice, RecordSignatory
from thidua.conferences.models import Conference, Delegate, Poll, RollEntry
from thidua.conferences.services import (
    AgendaItemInput,
    CandidateInput,
    ballot_cast,
    conference_create,
    conference_end,
    conference_start,
    delegate_add,
    delegate_check_in,
    paper_ballot_enter,
    paper_ballot_hand_out,
    paper_ballots_issue,
    poll_candidates_set,
    poll_close,
    poll_create,
    poll_open,
    poll_publish,
    poll_result_apply,
    record_confirm,
)
from thidua.people.models import Person

if TYPE_CHECKING:
    from thidua.demo.context import DemoContext

YEAR = 2019
HELD_ON = dt.date(2020, 1, 17)
TITLE = "Hội nghị tổng kết công tác thi đua, khen thưởng năm 2019; triển khai phương hướng, nhiệm vụ trọng tâm năm 2020"
AGENDA = (
    "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2019 của Khối",
    "Triển khai phương hướng, nhiệm vụ trọng tâm năm 2020",
    "Bình xét, suy tôn đề nghị UBND tỉnh tặng Bằng khen",
    "Bầu Khối trưởng Khối thi đua năm 2020",
)
# Delegates: (unit code, name, position, demo account). Only the co-chairs are named in the article; the other
# units' representatives are "lãnh đạo các Sở, ban, ngành" and are shown as such.
DELEGATES = (
    ("qn-so-vhttdl", "Nguyễn Thanh Hồng", "Giám đốc Sở", "giamdoc.vhttdl"),
    ("qn-so-ldtbxh", "Lãnh đạo Sở Lao động – Thương binh và Xã hội", "", ""),
    ("qn-so-yte", "Lãnh đạo Sở Y tế", "", ""),
    ("qn-so-gddt", "Lãnh đạo Sở Giáo dục và Đào tạo", "", ""),
    ("qn-so-tttt", "Phạm Hồng Quảng", "Giám đốc Sở", "giamdoc.tttt"),
    ("qn-bao-quang-nam", "Võ Thị Hoa", "Phó Tổng Biên tập", "daibieu.baoqn"),
    ("qn-dai-ptth", "Lãnh đạo Đài Phát thanh và Truyền hình Quảng Nam", "", ""),
)
HONOURED = ("qn-so-ldtbxh", "qn-bao-quang-nam", "qn-dai-ptth")
# Illustrative ballots (no unit marks itself): each honoured unit gets 6 of 7.
BANG_KHEN_BALLOTS = {
    "qn-so-vhttdl": HONOURED,
    "qn-so-ldtbxh": ("qn-bao-quang-nam", "qn-dai-ptth", "qn-so-yte"),
    "qn-so-yte": HONOURED,
    "qn-so-gddt": HONOURED,
    "qn-so-tttt": HONOURED,
    "qn-bao-quang-nam": ("qn-so-ldtbxh", "qn-dai-ptth", "qn-so-gddt"),
    "qn-dai-ptth": ("qn-so-ldtbxh", "qn-bao-quang-nam", "qn-so-yte"),
}
LEADER_CANDIDATES = ("qn-so-tttt", "qn-so-yte")
LEADER_BALLOTS = {code: ("qn-so-yte",) if code == "qn-so-tttt" else ("qn-so-tttt",) for code, *_ in DELEGATES}


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2020, 1, 17, hour, minute, tzinfo=timezone.get_current_timezone())


def _person(name: str) -> Person | None:
    return Person.objects.filter(full_name=name, personnel_code__startswith="QN-").order_by("pk").first()


def _vote(poll: Poll, ballots: Mapping[str, tuple[str, ...]], context: DemoContext, users: dict[str, User]) -> None:
    """Online for the delegates with an account, numbered paper ballots for the others (entered by the tellers)."""
    candidates = {c.unit.code: c.pk for c in poll.candidates.select_related("unit") if c.unit is not None}
    paper = [code for code in ballots if code not in users]
    paper_ballots_issue(actor=None, poll=poll, count=len(paper))
    poll_open(actor=None, poll=poll, now=_at(10, 30) if poll.office else _at(10))
    for code, user in users.items():
        ballot_cast(actor=user, poll=poll, choices={candidates[c]: ChoiceValue.CHOSEN for c in ballots[code]})
    for serial, code in enumerate(paper, start=1):
        entry = RollEntry.objects.get(poll=poll, unit=context.units[code])
        paper_ballot_hand_out(actor=None, poll=poll, roll_entry=entry)
        paper_ballot_enter(
            actor=None, poll=poll, serial=serial, choices={candidates[c]: ChoiceValue.CHOSEN for c in ballots[code]}
        )
    poll_close(actor=None, poll=poll, now=_at(10, 50) if poll.office else _at(10, 20))
    poll_publish(actor=None, poll=poll, now=_at(10, 55) if poll.office else _at(10, 25))


def demo_load(context: DemoContext) -> None:
    bloc = context.bloc_iii
    if Conference.objects.filter(bloc=bloc, year=YEAR).exists():
        return
    chair, co_chair = _person("Nguyễn Thanh Hồng"), _person("Phạm Hồng Quảng")
    conference = conference_create(
        actor=None,
        bloc=bloc,
        year=YEAR,
        title=TITLE,
        held_on=HELD_ON,
        chair=chair,
        co_chair=co_chair,
        starts_at=_at(8),
        ends_at=_at(11, 30),
        agenda=[AgendaItemInput(item) for item in AGENDA],
    )
    accounts = {u.username: u for u in User.objects.filter(username__in=[d[3] for d in DELEGATES if d[3]])}
    users: dict[str, User] = {}
    for code, name, position, username in DELEGATES:
        person = chair if name == "Nguyễn Thanh Hồng" else co_chair if name == "Phạm Hồng Quảng" else None
        user = accounts.get(username)
        delegate = delegate_add(
            actor=None,
            conference=conference,
            unit=context.units[code],
            person=person,
            user=user,
            name=name,
            position=position,
        )
        delegate_check_in(actor=None, delegate=delegate, now=_at(7, 45))
        if user is not None:
            users[code] = user
    delegate_add(
        actor=None,
        conference=conference,
        name="Đại diện Ban Thi đua – Khen thưởng tỉnh",
        position="Khách mời",
        has_vote=False,
    )
    conference = conference_start(actor=None, conference=conference, now=_at(8))
    guest = Delegate.objects.get(conference=conference, has_vote=False)
    delegate_check_in(actor=None, delegate=guest, now=_at(8))
    items = list(conference.agenda_items.order_by("order"))

    honouring = poll_create(
        actor=None,
        conference=conference,
        title="Bình xét, suy tôn đơn vị đề nghị Chủ tịch UBND tỉnh tặng Bằng khen năm 2019",
        kind=PollKind.CHOOSE,
        max_choices=3,
        majority_rule=MajorityRule.MORE_THAN_HALF,
        agenda_item=items[2],
        award_title=Title.objects.get(code="BK_TINH"),
    )
    poll_candidates_set(
        actor=None,
        poll=honouring,
        candidates=[CandidateInput(unit=context.units[code]) for code in context.bloc_iii_codes],
    )
    _vote(honouring, BANG_KHEN_BALLOTS, context, users)

    election = poll_create(
        actor=None,
        conference=conference,
        title="Bầu Khối trưởng Khối thi đua các cơ quan tham mưu III năm 2020",
        kind=PollKind.ELECTION,
        office=PollOffice.LEADER,
        max_choices=1,
        majority_rule=MajorityRule.MORE_THAN_HALF,
        agenda_item=items[3],
    )
    poll_candidates_set(
        actor=None,
        poll=election,
        candidates=[CandidateInput(unit=context.units[code]) for code in LEADER_CANDIDATES],
    )
    _vote(election, LEADER_BALLOTS, context, users)

    conference = conference_end(actor=None, conference=conference, now=_at(11, 30))
    poll_result_apply(actor=None, poll=Poll.objects.get(pk=honouring.pk), now=_at(14))
    poll_result_apply(actor=None, poll=Poll.objects.get(pk=election.pk), now=_at(14))
    for poll in (honouring, election, None):
        record_confirm(
            actor=None,
            conference=conference,
            poll=poll,
            signatory=RecordSignatory.CHAIR,
            signer_name="Nguyễn Thanh Hồng",
            now=_at(15),
        )
        record_confirm(
            actor=None,
            conference=conference,
            poll=poll,
            signatory=RecordSignatory.SECRETARY,
            signer_name="Phạm Thị Lan",
            now=_at(15),
        )
