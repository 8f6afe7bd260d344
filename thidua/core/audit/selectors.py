"""Reading the audit trail: only the province office, only events of units within its scope (or of the system)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from thidua.core.exceptions import NotFound
from thidua.core.models import AuditEvent

if TYPE_CHECKING:
    from thidua.accounts.scoping import Actor
    from thidua.core.audit.forms import AuditFilterForm


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    target: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_params(self) -> dict[str, Any]:
        params = asdict(self)
        for key in ("date_from", "date_to"):
            if params[key] is not None:
                params[key] = params[key].isoformat()
        return params

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> AuditFilters:
        names = {field.name for field in fields(cls)}
        values = {key: value for key, value in params.items() if key in names}
        for key in ("date_from", "date_to"):
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        return cls(**values)


def audit_filters_from(form: AuditFilterForm) -> AuditFilters:
    """Filters from a bound form; invalid fields are ignored (the form shows their errors)."""
    if not form.is_bound:
        return AuditFilters()
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return AuditFilters(
        action=data.get("action") or "",
        actor=data.get("actor") or "",
        target=data.get("target") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


def audit_event_list_visible_to(*, actor: Actor, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Audit events the actor may read, newest first. NotFound for anyone who is not the province office."""
    from thidua.accounts.permissions import AccountsPermission, can_view_audit
    from thidua.accounts.scoping import unit_scope

    if not can_view_audit(actor):
        raise NotFound()
    units = unit_scope(actor, AccountsPermission.AUDIT_VIEW)
    qs = AuditEvent.objects.filter(Q(acting_unit__isnull=True) | Q(acting_unit__in=units)).select_related(
        "actor", "acting_unit", "target_type"
    )
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.actor:
        qs = qs.filter(Q(actor_name__icontains=filters.actor) | Q(actor__username__icontains=filters.actor))
    if filters.target:
        qs = qs.filter(target_repr__icontains=filters.target)
    if filters.date_from:
        qs = qs.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(occurred_at__date__lte=filters.date_to)
    return qs.order_by("-occurred_at", "-id")
