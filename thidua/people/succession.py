"""Carrying people's open posts to a successor unit (registered with organizations.succession in ``ready()``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.people import audit
from thidua.people.models import Assignment

if TYPE_CHECKING:
    from thidua.organizations.succession import Succession


def people_succession_carry(succession: Succession) -> None:
    """Open posts at the ended unit close on its last day and reopen at the successor from the change's date,
    with the same position and category. Past posts stay on the historical unit: a 2019 post remains at Sở TTTT.

    A post that would only have begun on or after the change's date moves to the successor whole. Runs inside the
    change's transaction; one audit event per person, citing the change's legal basis.
    """
    open_posts = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("person", "unit")
        .filter(unit=succession.predecessor, ends_on__isnull=True)
        .order_by("id")
    )
    legal_basis = succession.change.legal_basis
    for post in open_posts:
        if post.starts_on >= succession.effective_on:
            post.unit = succession.successor
            post.save(update_fields=["unit", "updated_at"])
            audit.assignment_carried_event(
                person=post.person, ended=None, opened=post, actor=succession.actor, legal_basis=legal_basis
            )
            continue
        post.ends_on = succession.last_day
        post.save(update_fields=["ends_on", "updated_at"])
        opened = Assignment.objects.create(
            person=post.person,
            unit=succession.successor,
            position=post.position,
            category=post.category,
            starts_on=succession.effective_on,
        )
        audit.assignment_carried_event(
            person=post.person, ended=post, opened=opened, actor=succession.actor, legal_basis=legal_basis
        )
