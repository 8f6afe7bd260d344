"""A province's adjustments of the configurable rule parameters (DOMAIN §3.1: quotas, validity windows...)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards import audit
from thidua.awards.errors import FactConflict, ParameterNotEditable
from thidua.awards.models import ParameterOverride
from thidua.awards.permissions import can_set_parameter
from thidua.awards.services._common import add, full_clean, raise_if

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit


def parameter_override_set(
    *,
    actor: User | None,
    province: Unit,
    condition_code: str,
    param: str,
    value: Any,
    valid_from: dt.date,
    decision_reference: str,
    rule_set_key: str = "",
) -> ParameterOverride:
    """Set a configurable parameter of a rule for ``province`` from ``valid_from``, citing the province's decision.

    A new row: earlier values stay for evaluations of earlier dates. Refuses with ParameterNotEditable unless the
    actor is the office of that province, FactInvalid (no decision reference, a date outside 2000–2100, empty codes)
    and FactConflict when the same parameter already has a value from the same day.
    """
    if actor is not None and not can_set_parameter(actor, province=province):
        raise ParameterNotEditable()
    errors: dict[str, list[str]] = {}
    if not decision_reference.strip():
        add(errors, "decision_reference", _("Cần số, ngày của quyết định điều chỉnh."))
    if not 2000 <= valid_from.year <= 2100:
        add(errors, "valid_from", _("Ngày phải trong khoảng năm 2000–2100."))
    for name, text in (("condition_code", condition_code), ("param", param)):
        if not text.strip():
            add(errors, name, _("Trường này không được để trống."))
    raise_if(errors)
    override = ParameterOverride(
        province=province,
        rule_set_key=rule_set_key.strip(),
        condition_code=condition_code.strip(),
        param=param.strip(),
        value=value,
        valid_from=valid_from,
        decision_reference=decision_reference.strip(),
        created_by=actor,
    )
    full_clean(override, exclude=["province", "created_by"])
    with transaction.atomic():
        if ParameterOverride.objects.filter(
            province=province,
            rule_set_key=override.rule_set_key,
            condition_code=override.condition_code,
            param=override.param,
            valid_from=valid_from,
        ).exists():
            raise FactConflict()
        override.save()
        audit.parameter_override_set_event(
            override=override,
            after={
                "province_id": province.pk,
                "rule_set_key": override.rule_set_key,
                "condition_code": override.condition_code,
                "param": override.param,
                "value": value,
                "valid_from": valid_from.isoformat(),
            },
            actor=actor,
            decision_reference=override.decision_reference,
        )
    return override
