"""The voter roll (danh sách cử tri): who may vote in a poll, who is present, and whose seat an account votes on.

One vote per unit: the roll is the bloc's member units on the day of the sitting; a unit is present when one of its
voting delegates (not replaced) is checked in. One vote per delegate: the roll is the voting delegates (not
replaced) when the poll opens; a seat is present when its delegate, or the substitute who took it, is checked in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from thidua.conferences.choices import VoteBasis
from thidua.conferences.models import Conference, Delegate, Poll, RollEntry
from thidua.conferences.services._common import member_units_filter
from thidua.emulation.models import BlocMembership


@dataclass(frozen=True)
class RollDraft:
    voter_key: str
    label: str
    unit_id: int | None
    delegate_id: int | None
    is_present: bool


def unit_key(unit_id: int) -> str:
    return f"unit:{unit_id}"


def delegate_key(delegate_id: int) -> str:
    return f"delegate:{delegate_id}"


def _voting_delegates(conference: Conference) -> list[Delegate]:
    return list(
        Delegate.objects.filter(conference=conference, has_vote=True, is_replaced=False)
        .select_related("unit")
        .order_by("unit__name", "name", "id")
    )


def roll_compute(conference: Conference) -> list[RollDraft]:
    """The roll as it would be frozen now (read-only; ``poll_open`` writes it)."""
    delegates = _voting_delegates(conference)
    if conference.vote_basis == VoteBasis.PER_UNIT:
        present_units = {d.unit_id for d in delegates if d.is_checked_in}
        seats = (
            BlocMembership.objects.filter(member_units_filter(conference))
            .select_related("unit")
            .order_by("unit__name", "unit_id")
        )
        return [
            RollDraft(
                voter_key=unit_key(seat.unit_id),
                label=seat.unit.name,
                unit_id=seat.unit_id,
                delegate_id=None,
                is_present=seat.unit_id in present_units,
            )
            for seat in seats
        ]
    return [
        RollDraft(
            voter_key=delegate_key(d.pk),
            label=f"{d.name} ({d.unit.name})" if d.unit else d.name,
            unit_id=d.unit_id,
            delegate_id=d.pk,
            is_present=d.is_checked_in,
        )
        for d in delegates
    ]


def _seat_chain(delegate_id: int, substitute_for: Mapping[int, int | None]) -> list[int]:
    """The delegate and every delegate they replaced, newest first."""
    chain = [delegate_id]
    current = substitute_for.get(delegate_id)
    while current is not None and current not in chain:
        chain.append(current)
        current = substitute_for.get(current)
    return chain


def present_voter_keys(poll: Poll, conference: Conference) -> set[str]:
    """Voter keys of the frozen roll that are present now (for the snapshot at close)."""
    delegates = list(
        Delegate.objects.filter(conference=conference, has_vote=True).values_list(
            "pk", "unit_id", "substitute_for_id", "is_checked_in", "is_replaced"
        )
    )
    present = [(pk, unit_id) for pk, unit_id, _sub, checked_in, replaced in delegates if checked_in and not replaced]
    if conference.vote_basis == VoteBasis.PER_UNIT:
        keys = {unit_key(unit_id) for _pk, unit_id in present}
    else:
        substitute_for = {pk: sub for pk, _unit, sub, _checked_in, _replaced in delegates}
        keys = set()
        for pk, _unit_id in present:
            keys.update(delegate_key(d) for d in _seat_chain(pk, substitute_for))
    roll_keys = set(RollEntry.objects.filter(poll=poll).values_list("voter_key", flat=True))
    return keys & roll_keys


def roll_entry_for(poll: Poll, conference: Conference, delegate: Delegate) -> RollEntry | None:
    """The roll entry ``delegate`` votes on: their unit's, or their own seat or the one they took by substitution."""
    if conference.vote_basis == VoteBasis.PER_UNIT:
        if delegate.unit_id is None:
            return None
        return RollEntry.objects.filter(poll=poll, voter_key=unit_key(delegate.unit_id)).first()
    substitute_for: dict[int, int | None] = dict(
        Delegate.objects.filter(conference=conference).values_list("pk", "substitute_for_id")
    )
    keys = [delegate_key(d) for d in _seat_chain(delegate.pk, substitute_for)]
    entries = {e.voter_key: e for e in RollEntry.objects.filter(poll=poll, voter_key__in=keys)}
    return next((entries[k] for k in keys if k in entries), None)
