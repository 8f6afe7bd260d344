"""Delegates: member units only for a vote, guests without one, one active seat per person, check-in, substitution."""

from __future__ import annotations

import pytest

from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.errors import ConferenceInvalid, ConferenceNotAllowed, ConferenceStateError
from thidua.conferences.models import Delegate
from thidua.conferences.services import (
    conference_end,
    delegate_add,
    delegate_check_in,
    delegate_substitute,
)
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import conference_build
from thidua.conftest import World
from thidua.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_voting_delegate_must_represent_a_member_unit(world: World):
    # given
    conference = conference_build(world.bloc)
    # when / then: a unit of another province, and no unit at all
    with pytest.raises(ConferenceInvalid) as refused:
        delegate_add(actor=None, conference=conference, unit=world.q1, name="Đỗ Văn Ngoài")
    assert "không phải đơn vị thành viên" in refused.value.fields["unit"][0]
    with pytest.raises(ConferenceInvalid):
        delegate_add(actor=None, conference=conference, name="Đỗ Văn Không")
    assert not Delegate.objects.exists()


def test_a_guest_has_no_vote_and_may_come_from_anywhere(world: World):
    # given
    conference = conference_build(world.bloc)
    # when
    guest = delegate_add(actor=None, conference=conference, unit=world.q1, name="Khách mời", has_vote=False)
    # then
    assert not guest.has_vote


def test_the_account_must_belong_to_the_delegate_unit(world: World):
    # given
    conference = conference_build(world.bloc)
    # when / then
    with pytest.raises(ConferenceInvalid):
        delegate_add(actor=None, conference=conference, unit=world.a, user=world.head_b)
    # an account of a division under the unit is fine
    user_a1 = UserFactory(unit=world.a1)
    assert delegate_add(actor=None, conference=conference, unit=world.a, user=user_a1).name == user_a1.full_name


def test_a_person_sits_once_among_active_delegates(world: World):
    # given
    conference = conference_build(world.bloc)
    person = PersonFactory(full_name="Nguyễn Thanh Hồng", unit=world.a)
    first = delegate_add(actor=None, conference=conference, unit=world.a, person=person)
    # when / then
    with pytest.raises(ConferenceInvalid):
        delegate_add(actor=None, conference=conference, unit=world.a, person=person)
    # once replaced, the person may come back on a new seat
    delegate_substitute(actor=None, delegate=first, name="Người thay")
    assert delegate_add(actor=None, conference=conference, unit=world.a, person=person).person == person


def test_check_in_and_correction(cw: ConferenceWorld):
    # when
    absent = delegate_check_in(actor=cw.world.secretariat, delegate=cw.da, is_present=False)
    # then
    assert (absent.is_checked_in, absent.checked_in_at) == (False, None)
    present = delegate_check_in(actor=cw.world.secretariat, delegate=cw.da)
    assert present.is_checked_in and present.checked_in_at is not None


def test_substitution_keeps_the_unit_and_retires_the_replaced(cw: ConferenceWorld):
    # when
    new = delegate_substitute(actor=None, delegate=cw.db, name="Trần Thị Thay", is_present=True)
    # then
    cw.db.refresh_from_db()
    assert (new.unit, new.substitute_for, new.is_checked_in) == (cw.world.b, cw.db, True)
    assert cw.db.is_replaced and not cw.db.is_checked_in
    with pytest.raises(ConferenceStateError):
        delegate_substitute(actor=None, delegate=cw.db, name="Lần nữa")
    with pytest.raises(ConferenceStateError):
        delegate_check_in(actor=None, delegate=cw.db)


def test_a_substitute_account_must_be_of_the_same_unit(cw: ConferenceWorld):
    with pytest.raises(ConferenceInvalid):
        delegate_substitute(actor=None, delegate=cw.db, user=cw.world.officer_a)
    with pytest.raises(ConferenceInvalid):
        delegate_substitute(actor=None, delegate=cw.db)


def test_a_closed_conference_takes_no_delegate_change(cw: ConferenceWorld):
    # given
    conference_end(actor=None, conference=cw.conference)
    # when / then
    for attempt in (
        lambda: delegate_add(actor=None, conference=cw.conference, unit=cw.world.a, name="Muộn"),
        lambda: delegate_check_in(actor=None, delegate=cw.da),
        lambda: delegate_substitute(actor=None, delegate=cw.da, name="Muộn"),
    ):
        with pytest.raises(ConferenceStateError):
            attempt()


@pytest.mark.parametrize("actor_name", ["head_a", "plain", "q_office"])
def test_only_those_who_run_the_conference_manage_delegates(cw: ConferenceWorld, actor_name: str):
    actor = getattr(cw.world, actor_name)
    with pytest.raises(ConferenceNotAllowed):
        delegate_add(actor=actor, conference=cw.conference, unit=cw.world.a, name="Ai đó")
    with pytest.raises(ConferenceNotAllowed):
        delegate_check_in(actor=actor, delegate=cw.db, is_present=False)
    cw.db.refresh_from_db()
    assert cw.db.is_checked_in
