from __future__ import annotations

from django.db import transaction

from thidua.accounts import audit
from thidua.accounts.models import User
from thidua.organizations.models import Unit


def user_create(
    *,
    actor: User | None,
    username: str,
    full_name: str,
    email: str = "",
    password: str | None = None,
    unit: Unit | None = None,
    position: str = "",
) -> User:
    """Create an account (tạo tài khoản). Accounts are made by the office or a management command, never by sign-up.

    ``password=None`` leaves the account without a usable password (single sign-on only).
    """
    with transaction.atomic():
        user = User(username=username, full_name=full_name, email=email, unit=unit, position=position)
        if password is None:
            user.set_unusable_password()
        else:
            user.set_password(password)
        user.full_clean()
        user.save()
        audit.user_created_event(user=user, actor=actor)
    return user
