"""Audit events of the people app: one creator per event type (STYLE S8).

Personal data (gender, date of birth, personnel code) never goes into the trail: the audit page and its export are
read by offices that may not hold PERSON_VIEW_PERSONAL over the person. A correction records *which* personal fields
changed, not their values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.audit import audit_action_register, audit_record

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.core.models import AuditEvent
    from thidua.people.models import Assignment, Person


audit_action_register(
    {
        "people.person_created": _("Thêm cá nhân"),
        "people.person_updated": _("Sửa thông tin cá nhân"),
        "people.assignment_moved": _("Điều động, luân chuyển cá nhân"),
        "people.assignment_ended": _("Cá nhân thôi công tác"),
        "people.assignment_carried": _("Chuyển quá trình công tác theo sắp xếp đơn vị"),
    }
)


def assignment_summary(assignment: Assignment) -> dict[str, object]:
    return {
        "unit": assignment.unit.code,
        "position": assignment.position,
        "category": assignment.category,
        "starts_on": assignment.starts_on.isoformat(),
        "ends_on": assignment.ends_on.isoformat() if assignment.ends_on else None,
    }


def person_created_event(*, person: Person, assignment: Assignment, actor: User | None) -> AuditEvent:
    return audit_record(
        action="people.person_created",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=person,
        after={"full_name": person.full_name, **assignment_summary(assignment)},
    )


def person_updated_event(
    *, person: Person, actor: User | None, before_name: str, personal_fields_changed: list[str]
) -> AuditEvent:
    return audit_record(
        action="people.person_updated",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=person,
        before={"full_name": before_name},
        after={"full_name": person.full_name, "personal_fields_changed": personal_fields_changed},
    )


def assignment_moved_event(*, person: Person, ended: Assignment, opened: Assignment, actor: User | None) -> AuditEvent:
    return audit_record(
        action="people.assignment_moved",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=person,
        before=assignment_summary(ended),
        after=assignment_summary(opened),
    )


def assignment_ended_event(*, person: Person, ended: Assignment, actor: User | None) -> AuditEvent:
    return audit_record(
        action="people.assignment_ended",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=person,
        after=assignment_summary(ended),
    )


def assignment_carried_event(
    *, person: Person, ended: Assignment | None, opened: Assignment, actor: User | None, legal_basis: str
) -> AuditEvent:
    return audit_record(
        action="people.assignment_carried",
        actor=actor,
        acting_unit=actor.unit if actor is not None else None,
        target=person,
        before=assignment_summary(ended) if ended is not None else {},
        after=assignment_summary(opened),
        legal_basis=legal_basis,
    )
