"""Reads for the secretariat's pages (issue 7): the scoped conference list, the delegates table, the live quorum
badge, the candidates a poll may list and the paper ballot desk's figures.

Like ``selectors.py``, nothing here returns a voter together with a ballot or a choice: the desk sees how many
sheets were handed out and entered, never which voter got which sheet (``voting/README.md``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery

from thidua.accounts.models import User
from thidua.accounts.scoping import bloc_scope
from thidua.conferences.choices import BallotChannel, PaperSheetStatus, VoteBasis
from thidua.conferences.models import (
    Conference,
    Delegate,
    PaperSheet,
    Poll,
    PollCandidate,
    PollParticipation,
    RollEntry,
)
from thidua.conferences.permissions import ConferencesPermission
from thidua.conferences.services._common import member_units_filter
from thidua.conferences.services._roll import roll_compute
from thidua.conferences.services.polls import _quorum_met
from thidua.core.text import fold
from thidua.emulation.choices import BlocRole
from thidua.emulation.models import Bloc, BlocMembership
from thidua.organizations.models import Unit
from thidua.people.models import Assignment, Person
from thidua.registrations.choices import RegistrationStatus
from thidua.registrations.models import Registration
from thidua.scoring.choices import RoundStatus
from thidua.scoring.models import UnitResult

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor


def conference_blocs_managed_by(*, actor: Actor) -> QuerySet[Bloc]:
    """The blocs whose conferences the actor prepares (the bloc secretariat's, the province office's)."""
    return bloc_scope(actor, ConferencesPermission.CONFERENCE_MANAGE).select_related("province").order_by("name", "pk")


def conference_list_visible_to(*, actor: Actor, year: int | None = None) -> QuerySet[Conference]:
    """Conferences of the blocs the actor manages, and those where the actor holds an active delegate seat (which
    covers the chair and co-chair), newest first. One query per page."""
    if actor is None or not actor.is_authenticated:
        return Conference.objects.none()
    seats = Delegate.objects.filter(conference=OuterRef("pk"), user_id=actor.pk, is_replaced=False)
    blocs = bloc_scope(actor, ConferencesPermission.CONFERENCE_MANAGE).values("pk")
    conferences = Conference.objects.filter(Q(bloc__in=blocs) | Q(Exists(seats)))
    if year is not None:
        conferences = conferences.filter(year=year)
    return conferences.select_related("bloc").order_by("-held_on", "-pk")


def conference_delegates(*, conference: Conference) -> list[Delegate]:
    """The delegates table: active seats first, then those replaced, each with its unit, account and the seat it
    took (one query, whatever the number of delegates)."""
    return list(
        Delegate.objects.filter(conference=conference)
        .select_related("unit", "user", "substitute_for")
        .order_by("is_replaced", "unit__name", "name", "pk")
    )


def conference_member_units(*, conference: Conference) -> QuerySet[Unit]:
    """The bloc's member units on the day of the sitting: the units a voting delegate or a candidate may be. In the
    order of the bloc's published ranking of the year (``published_rank``; units without a rank last, by name), so
    that the ballot's list is drawn from the ranking."""
    seats = BlocMembership.objects.filter(member_units_filter(conference)).values("unit_id")
    rank = UnitResult.objects.filter(
        scoring_round__bloc_id=conference.bloc_id,
        scoring_round__year=conference.year,
        scoring_round__status=RoundStatus.PUBLISHED,
        unit_id=OuterRef("pk"),
    ).values("rank")[:1]
    return (
        Unit.objects.filter(pk__in=seats)
        .annotate(published_rank=Subquery(rank))
        .order_by(F("published_rank").asc(nulls_last=True), "name", "pk")
    )


def units_registered_for(*, conference: Conference, title_id: int | None) -> set[int]:
    """Member units whose registration of the year (đăng ký thi đua, not a draft) names ``title_id``."""
    if title_id is None:
        return set()
    return set(
        Registration.objects.filter(bloc_id=conference.bloc_id, year=conference.year, collective_titles=title_id)
        .exclude(status=RegistrationStatus.DRAFT)
        .values_list("unit_id", flat=True)
    )


def conference_delegate_accounts(*, conference: Conference) -> QuerySet[User]:
    """Accounts a delegate may vote from: active users working in a member unit or a unit under it."""
    paths = list(conference_member_units(conference=conference).values_list("path", flat=True))
    if not paths:
        return User.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(unit__path__startswith=path)
    return User.objects.filter(condition, is_active=True).select_related("unit").order_by("full_name", "username")


@dataclass(frozen=True)
class QuorumBadge:
    """The live presence figure: voters present out of the roll as it would be frozen now, and the quorum."""

    present: int
    entitled: int
    is_per_unit: bool
    is_met: bool


def conference_quorum(*, conference: Conference) -> QuorumBadge:
    """Present / entitled under the conference's vote basis and quorum rule (two queries)."""
    roll = roll_compute(conference)
    present = sum(1 for entry in roll if entry.is_present)
    return QuorumBadge(
        present=present,
        entitled=len(roll),
        is_per_unit=conference.vote_basis == VoteBasis.PER_UNIT,
        is_met=bool(roll) and _quorum_met(conference, present=present, entitled=len(roll)),
    )


def conference_polls(*, conference: Conference) -> list[Poll]:
    """The conference's polls with the number of names on each ballot (one query)."""
    return list(
        Poll.objects.filter(conference=conference)
        .annotate(candidate_count=Count("candidates"))
        .select_related("agenda_item")
        .order_by("pk")
    )


def poll_candidates(*, poll: Poll) -> list[PollCandidate]:
    return list(PollCandidate.objects.filter(poll=poll).select_related("unit", "person").order_by("order"))


def poll_roll_entries(*, poll: Poll) -> QuerySet[RollEntry]:
    """The frozen roll, for the desk's hand-out (labels only: who collected a ballot is the service's to refuse)."""
    return RollEntry.objects.filter(poll=poll).order_by("label", "pk")


@dataclass(frozen=True)
class PaperFigures:
    """The paper ballot desk: issued = cast + spoiled + unused + still outstanding; handed out to voters."""

    issued: int
    cast: int
    spoiled: int
    unused: int
    outstanding: int
    handed_out: int

    @property
    def is_reconciled(self) -> bool:
        return self.issued == self.cast + self.spoiled + self.unused


def poll_paper_figures(*, poll: Poll) -> PaperFigures:
    """Live figures of the numbered sheets (two queries)."""
    by_status = {
        row["status"]: row["n"]
        for row in PaperSheet.objects.filter(poll=poll).values("status").annotate(n=Count("id")).order_by()
    }
    handed_out = PollParticipation.objects.filter(poll=poll, channel=BallotChannel.PAPER).count()
    return PaperFigures(
        issued=sum(by_status.values()),
        cast=by_status.get(PaperSheetStatus.CAST, 0),
        spoiled=by_status.get(PaperSheetStatus.SPOILED, 0),
        unused=by_status.get(PaperSheetStatus.UNUSED, 0),
        outstanding=by_status.get(PaperSheetStatus.ISSUED, 0),
        handed_out=handed_out,
    )


def poll_outstanding_serials(*, poll: Poll, limit: int = 200) -> list[int]:
    """Numbers of the sheets not yet entered, spoiled or returned (the tellers' reminder)."""
    return list(
        PaperSheet.objects.filter(poll=poll, status=PaperSheetStatus.ISSUED)
        .order_by("serial")
        .values_list("serial", flat=True)[:limit]
    )


# Positions that head a unit (folded, no diacritics), for the default chair and co-chair: the heads of the year's
# Khối trưởng and Khối phó (issue 7, point 1). A suggestion on the form only: the secretariat may pick anyone.
HEAD_POSITIONS = ("giam doc", "tong bien tap", "chanh van phong", "chanh thanh tra", "truong ban", "thu truong")


@dataclass(frozen=True)
class ChairDefaults:
    chair: Person | None
    co_chair: Person | None


def chair_defaults(*, bloc: Bloc, year: int, on: dt.date) -> ChairDefaults:
    """The people heading the bloc's Khối trưởng and (first) Khối phó units of ``year`` on ``on``: a post whose
    title starts with a head's title (not a deputy's, "Phó …"). Two queries."""
    seats = dict(
        BlocMembership.objects.filter(bloc=bloc, year=year, role__in=(BlocRole.LEADER, BlocRole.DEPUTY))
        .order_by("role", "unit__name")
        .values_list("unit_id", "role")
    )
    if not seats:
        return ChairDefaults(chair=None, co_chair=None)
    heads: dict[int, Person] = {}
    posts = (
        Assignment.objects.filter(unit_id__in=seats, starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("person")
        .order_by("-starts_on", "pk")
    )
    for post in posts:
        title = fold(post.position).strip()
        if post.unit_id not in heads and title.startswith(HEAD_POSITIONS):
            heads[post.unit_id] = post.person
    leader = next((heads.get(u) for u, role in seats.items() if role == BlocRole.LEADER), None)
    deputy = next((heads.get(u) for u, role in seats.items() if role == BlocRole.DEPUTY and heads.get(u)), None)
    return ChairDefaults(chair=leader, co_chair=deputy)
