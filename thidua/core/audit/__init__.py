"""Writing the audit trail. Each app's ``audit.py`` calls :func:`audit_record` once per business event (STYLE S8).

The caller must be inside the service's ``transaction.atomic()`` block, so the event commits with the change.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from thidua.core.models import AuditEvent

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit

_action_labels: dict[str, str | Promise] = {}


def audit_action_register(actions: Mapping[str, str | Promise]) -> None:
    """Declare an app's audit action codes with their Vietnamese labels (called from the app's ``audit.py``)."""
    _action_labels.update(actions)


def audit_action_label(action: str) -> str:
    return str(_action_labels.get(action, action))


def audit_action_choices() -> list[tuple[str, str]]:
    return sorted(((code, str(label)) for code, label in _action_labels.items()), key=lambda choice: choice[1])


# The client address of the request being served, set by core.middleware.AuditContextMiddleware.
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("thidua_audit_ip", default=None)


def audit_record(
    *,
    action: str,
    actor: User | None,
    target: models.Model | None = None,
    acting_unit: Unit | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    legal_basis: str = "",
) -> AuditEvent:
    """Append one audit event. ``actor=None`` means the system (a management command or a task)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service transaction.")
    if action not in _action_labels:
        raise LookupError(f"Audit action {action!r} is not registered with audit_action_register().")
    actor_name = ""
    if actor is not None:
        actor_name = actor.get_full_name() or actor.get_username()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=actor,
        actor_name=actor_name,
        acting_unit=acting_unit,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        before=dict(before or {}),
        after=dict(after or {}),
        legal_basis=legal_basis,
        ip_address=current_ip.get(),
    )
    event.save()
    return event
