"""Blocs (khối, cụm thi đua): creating and renaming them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from thidua.emulation import audit
from thidua.emulation.choices import BlocKind
from thidua.emulation.errors import BlocNameTaken, BlocNotManageable, BlocProvinceInvalid
from thidua.emulation.models import Bloc
from thidua.emulation.permissions import can_manage_blocs_of
from thidua.emulation.services._common import bloc_lock, check_can_manage, full_clean_or_refuse
from thidua.organizations.choices import UnitKind
from thidua.organizations.models import Unit

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _check_name_free(*, province: Unit, name: str, exclude_pk: int | None = None) -> None:
    same_name = Bloc.objects.filter(province=province, name=name.strip())
    if exclude_pk is not None:
        same_name = same_name.exclude(pk=exclude_pk)
    if same_name.exists():
        raise BlocNameTaken(fields={"name": [str(BlocNameTaken.default_message)]})


def bloc_create(
    *, actor: User | None, province: Unit, name: str, short_name: str = "", kind: str = BlocKind.BLOC
) -> Bloc:
    """Create an emulation bloc (khối / cụm thi đua) of a province; its name is unique within the province."""
    if province.kind != UnitKind.PROVINCE:
        raise BlocProvinceInvalid()
    if actor is not None and not can_manage_blocs_of(actor, province=province):
        raise BlocNotManageable()
    with transaction.atomic():
        _check_name_free(province=province, name=name)
        bloc = Bloc(province=province, name=name.strip(), short_name=short_name.strip(), kind=kind)
        full_clean_or_refuse(bloc)
        bloc.save()
        audit.bloc_created_event(bloc=bloc, actor=actor)
    return bloc


def bloc_update(*, actor: User | None, bloc: Bloc, name: str, short_name: str = "") -> Bloc:
    """Rename a bloc or change its short name. Its years and seats are keyed by the bloc, never by its name."""
    check_can_manage(actor, bloc)
    with transaction.atomic():
        locked = bloc_lock(bloc)
        _check_name_free(province=bloc.province, name=name, exclude_pk=locked.pk)
        before = {"name": locked.name, "short_name": locked.short_name}
        locked.name, locked.short_name = name.strip(), short_name.strip()
        full_clean_or_refuse(locked)
        locked.save(update_fields=["name", "short_name", "updated_at"])
        audit.bloc_updated_event(
            bloc=locked, actor=actor, before=before, after={"name": locked.name, "short_name": locked.short_name}
        )
    return locked
