"""Fixtures of conferences: the shared world plus a third member unit C, a conference in session with one present
voting delegate per unit (the heads of A, B and C), and a secret poll choosing 1 of A, B, C (no self-vote,
more than half of the roll).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.conferences.models import Conference, Delegate, Poll, PollCandidate
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build
from thidua.conftest import World
from thidua.emulation.tests.factories import member_add
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory


@dataclass
class ConferenceWorld:
    world: World
    c: Unit
    head_c: User
    conference: Conference
    da: Delegate
    db: Delegate
    dc: Delegate
    poll: Poll

    def candidate(self, unit: Unit, poll: Poll | None = None) -> PollCandidate:
        return PollCandidate.objects.get(poll=poll or self.poll, unit=unit)

    def refresh(self) -> Poll:
        self.poll.refresh_from_db()
        return self.poll


@pytest.fixture(autouse=True)
def _no_2fa(settings: object) -> None:
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False  # type: ignore[attr-defined]


@pytest.fixture
def cw(world: World) -> ConferenceWorld:
    c = UnitFactory(code="so-c", name="Sở Công Thương Cẩm Lệ", parent=world.p)
    member_add(world.bloc, c)
    head_c = UserFactory(username="giamdoc.c", full_name="Hoàng Văn Cường", unit=c)
    grant(head_c, Role.UNIT_HEAD, unit=c)
    conference = conference_build(world.bloc)
    da = delegate_build(conference, world.a, user=world.head_a)
    db = delegate_build(conference, world.b, user=world.head_b)
    dc = delegate_build(conference, c, user=head_c)
    poll = poll_build(conference, [world.a, world.b, c])
    return ConferenceWorld(world=world, c=c, head_c=head_c, conference=conference, da=da, db=db, dc=dc, poll=poll)
