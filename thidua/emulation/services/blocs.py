from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from thidua.emulation import audit
from thidua.emulation.choices import BlocKind, BlocRole
from thidua.emulation.errors import BlocNotManageable, BlocProvinceInvalid, BlocUnitOutsideProvince
from thidua.emulation.models import Bloc, BlocMembership
from thidua.emulation.permissions import can_manage_blocs_of
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit

if TYPE_CHECKING:
    from thidua.accounts.models import User


def bloc_create(
    *, actor: User | None, province: Unit, name: str, short_name: str = "", kind: str = BlocKind.BLOC
) -> Bloc:
    """Create an emulation bloc (khối / cụm thi đua) of a province."""
    if province.kind != UnitKind.PROVINCE:
        raise BlocProvinceInvalid()
    if actor is not None and not can_manage_blocs_of(actor, province=province):
        raise BlocNotManageable()
    with transaction.atomic():
        bloc = Bloc(province=province, name=name, short_name=short_name, kind=kind)
        bloc.full_clean()
        bloc.save()
        audit.bloc_created_event(bloc=bloc, actor=actor)
    return bloc


def bloc_member_add(
    *, actor: User | None, bloc: Bloc, unit: Unit, year: int, role: str = BlocRole.MEMBER, legal_basis: str = ""
) -> BlocMembership:
    """Seat a unit in a bloc for one year, as member, Khối trưởng or Khối phó (one Khối trưởng per year: R15).

    Only units of the bloc's own province may sit in it (a bloc is organised by its province, HD 1479/HD-BTĐKT).
    """
    if unit.pk == bloc.province_id or not unit.path.startswith(bloc.province.path):
        raise BlocUnitOutsideProvince()
    if actor is not None and not can_manage_blocs_of(actor, province=bloc.province):
        raise BlocNotManageable()
    with transaction.atomic():
        Bloc.objects.select_for_update().filter(pk=bloc.pk).first()
        membership = BlocMembership(bloc=bloc, unit=unit, year=year, role=role)
        membership.full_clean()
        membership.save()
        audit.bloc_member_added_event(membership=membership, actor=actor, legal_basis=legal_basis)
    return membership
