"""Factories of the accounts app: users through ``user_create`` and grants through ``role_grant`` (S24)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from thidua.accounts.models import RoleAssignment, User
from thidua.accounts.services import role_grant, user_create
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory

DEFAULT_PASSWORD = "mat-khau-thu-nghiem-2025"


class UserFactory(factory.django.DjangoModelFactory[User]):
    """An account in a unit. ``is_active`` and the other flags user_create does not take are set after creation."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"nguoidung{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@thidua.test")
    password = DEFAULT_PASSWORD
    unit = factory.SubFactory(UnitFactory)
    position = ""

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        flags = {name: kwargs.pop(name) for name in ("is_active", "is_staff", "is_superuser") if name in kwargs}
        user = user_create(actor=None, **kwargs)
        for name, value in flags.items():
            setattr(user, name, value)
        if flags:
            user.save(update_fields=list(flags))
        return user


def grant(
    user: User,
    role: str,
    unit: Unit | None = None,
    bloc: Bloc | None = None,
    *,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    note: str = "",
) -> RoleAssignment:
    """Grant ``role`` to ``user`` as the system (no permission check)."""
    return role_grant(
        actor=None, user=user, role=role, unit=unit, bloc=bloc, starts_on=starts_on, ends_on=ends_on, note=note
    )
