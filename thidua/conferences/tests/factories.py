"""Factories of conferences: conferences, delegates and polls, made through the services as the system (S24)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from thidua.accounts.models import User
from thidua.conferences.choices import MajorityRule, PercentageBase, PollKind, QuorumRule, VoteBasis
from thidua.conferences.models import Conference, Delegate, Poll
from thidua.conferences.services import (
    AgendaItemInput,
    CandidateInput,
    conference_create,
    conference_start,
    delegate_add,
    delegate_check_in,
    poll_candidates_set,
    poll_create,
)
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit
from thidua.people.models import Person

YEAR = timezone.localdate().year
TITLE = "Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}; triển khai phương hướng, nhiệm vụ năm {next}"


def conference_build(
    bloc: Bloc,
    *,
    year: int = YEAR,
    vote_basis: str = VoteBasis.PER_UNIT,
    quorum_rule: str = QuorumRule.MORE_THAN_HALF,
    quorum_share: Decimal | None = None,
    start: bool = True,
    chair: Person | None = None,
) -> Conference:
    conference = conference_create(
        actor=None,
        bloc=bloc,
        year=year,
        title=TITLE.format(year=year, next=year + 1),
        held_on=dt.date(year, 12, 20) if year != YEAR else timezone.localdate(),
        place="Hội trường Sở Văn hóa",
        vote_basis=vote_basis,
        quorum_rule=quorum_rule,
        quorum_share=quorum_share,
        chair=chair,
        agenda=[
            AgendaItemInput("Báo cáo tổng kết công tác thi đua, khen thưởng"),
            AgendaItemInput("Bình xét, suy tôn các đơn vị dẫn đầu"),
            AgendaItemInput("Bầu Khối trưởng, Khối phó năm sau"),
        ],
    )
    if start:
        conference = conference_start(actor=None, conference=conference)
    return conference


def delegate_build(
    conference: Conference,
    unit: Unit | None,
    *,
    user: User | None = None,
    person: Person | None = None,
    name: str = "",
    has_vote: bool = True,
    present: bool = True,
) -> Delegate:
    delegate = delegate_add(
        actor=None, conference=conference, unit=unit, user=user, person=person, name=name, has_vote=has_vote
    )
    if present:
        delegate = delegate_check_in(actor=None, delegate=delegate)
    return delegate


def poll_build(
    conference: Conference,
    units: Sequence[Unit],
    *,
    title: str = "Suy tôn đơn vị đề nghị UBND tỉnh tặng Bằng khen",
    kind: str = PollKind.CHOOSE,
    max_choices: int = 1,
    is_secret: bool = True,
    allows_self_vote: bool = False,
    majority_rule: str = MajorityRule.MORE_THAN_HALF,
    majority_share: Decimal | None = None,
    percentage_base: str = PercentageBase.ROLL,
) -> Poll:
    poll = poll_create(
        actor=None,
        conference=conference,
        title=title,
        kind=kind,
        max_choices=max_choices,
        is_secret=is_secret,
        allows_self_vote=allows_self_vote,
        majority_rule=majority_rule,
        majority_share=majority_share,
        percentage_base=percentage_base,
    )
    if units:
        poll_candidates_set(actor=None, poll=poll, candidates=[CandidateInput(unit=u) for u in units])
    return poll
