"""Factories of the emulation app: blocs and their yearly memberships, made through the services (S24)."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from thidua.emulation.choices import BlocKind, BlocRole
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.services import bloc_create, bloc_member_add
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import ProvinceFactory


class BlocFactory(factory.django.DjangoModelFactory[Bloc]):
    """A khối thi đua of a province."""

    class Meta:
        model = Bloc

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    short_name = ""
    kind = BlocKind.BLOC

    @classmethod
    def _create(cls, model_class: type[Bloc], *args: Any, **kwargs: Any) -> Bloc:
        return bloc_create(actor=None, **kwargs)


def member_add(bloc: Bloc, unit: Unit, *, year: int | None = None, role: str = BlocRole.MEMBER) -> BlocMembership:
    """Seat ``unit`` in ``bloc`` for ``year`` (the current year by default), as the system."""
    return bloc_member_add(
        actor=None, bloc=bloc, unit=unit, year=year or timezone.localdate().year, role=role, legal_basis=""
    )
