"""Factories of the organisations app. Units go through ``unit_create`` so that their tree ``path`` is set (S24)."""

from __future__ import annotations

from typing import Any

import factory

from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit, UnitChange
from thidua.organizations.services import unit_change_record, unit_create


class ProvinceFactory(factory.django.DjangoModelFactory[Unit]):
    """A province (tỉnh): a root of the unit tree."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"tinh-{n}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử nghiệm {n}")
    short_name = ""
    kind = UnitKind.PROVINCE
    parent = None

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        return unit_create(actor=None, **kwargs)


class UnitFactory(ProvinceFactory):
    """A unit under a province (a sở by default)."""

    code = factory.Sequence(lambda n: f"don-vi-{n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    kind = UnitKind.DEPARTMENT
    parent = factory.SubFactory(ProvinceFactory)


def change_record(**kwargs: Any) -> UnitChange:
    """Record a change as the system, with a made-up decision unless the test gives one."""
    values: dict[str, Any] = {
        "actor": None,
        "decision_number": "123/QĐ-UBND",
        "decision_date": kwargs.get("effective_on"),
        "issuer": "UBND tỉnh",
        **kwargs,
    }
    return unit_change_record(**values)
