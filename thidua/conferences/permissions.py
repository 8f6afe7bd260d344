"""Permission policy of conferences and polls (issue 7).

- ``CONFERENCE_MANAGE``: the bloc secretariat (the Khối trưởng's office) and the province office of the bloc's
  province prepare and run a conference: delegates, check-in, polls, opening and closing, the tellers' paper entry,
  publication. The conference's chair and co-chair run it too, through the delegate seat that carries their person
  and account (a ``Person`` has no account of its own).
- Voting is not a role: a delegate votes from the account recorded on their delegate seat, for themselves (one vote
  per delegate) or for their unit (one vote per unit), and for nobody else.
- Nobody reads who chose what: no permission grants it, because no code path could answer it (``voting/README.md``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q

from thidua.accounts.choices import Role
from thidua.accounts.scoping import has_permission, permission_roles_define

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.conferences.models import Conference
    from thidua.emulation.models import Bloc


class ConferencesPermission(StrEnum):
    CONFERENCE_MANAGE = "conferences.manage_conference"


permission_roles_define(
    {
        ConferencesPermission.CONFERENCE_MANAGE: {Role.BLOC_SECRETARIAT, Role.PROVINCE_OFFICE},
    }
)


def can_manage_conferences_of(actor: Actor, *, bloc: Bloc) -> bool:
    """May the actor prepare conferences of ``bloc`` (create one, before any chair is seated)?"""
    return has_permission(actor, ConferencesPermission.CONFERENCE_MANAGE, bloc=bloc)


def is_chair_of(actor: Actor, *, conference: Conference) -> bool:
    """Is the actor the chair or co-chair, through an active delegate seat carrying both the person and the account?"""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    chairs = [pk for pk in (conference.chair_id, conference.co_chair_id) if pk is not None]
    if not chairs:
        return False
    return conference.delegates.filter(Q(person_id__in=chairs), user_id=actor.pk, is_replaced=False).exists()


def can_run_conference(actor: Actor, *, conference: Conference) -> bool:
    """Run the sitting: delegates, check-in, polls and their transitions, paper ballots, publication."""
    return can_manage_conferences_of(actor, bloc=conference.bloc) or is_chair_of(actor, conference=conference)
