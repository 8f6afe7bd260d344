import datetime as dt

import pytest
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.errors import RoleAlreadyGranted
from thidua.accounts.models import RoleAssignment
from thidua.accounts.scoping import has_permission
from thidua.accounts.services import role_grant, role_revoke
from thidua.accounts.tests.factories import grant
from thidua.core.models import AuditEvent
from thidua.organizations.permissions import OrganizationsPermission

pytestmark = pytest.mark.django_db


def test_an_ended_grant_can_be_renewed_and_is_closed_in_the_record(world):
    # given a delegate grant that ended yesterday
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    old = grant(
        world.plain, Role.DELEGATE, unit=world.a, starts_on=yesterday - dt.timedelta(days=30), ends_on=yesterday
    )
    # when the head of A grants it again
    new = role_grant(actor=world.head_a, user=world.plain, role=Role.DELEGATE, unit=world.a)
    # then the old one is closed by the renewal and the new one is in force
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert old.revoked_by == world.head_a
    assert RoleAssignment.objects.active().filter(user=world.plain).get() == new
    assert list(AuditEvent.objects.order_by("-id").values_list("action", flat=True)[:2]) == [
        "accounts.role_granted",
        "accounts.role_revoked",
    ]


def test_a_grant_in_force_cannot_be_granted_twice(world):
    grant(world.plain, Role.DELEGATE, unit=world.a, ends_on=timezone.localdate())
    with pytest.raises(RoleAlreadyGranted):
        role_grant(actor=world.head_a, user=world.plain, role=Role.DELEGATE, unit=world.a)


def test_revoking_forgets_the_cached_grants_of_the_callers_user_object(world):
    # given the officer's grants are cached on their user object
    officer = world.officer_a
    assert has_permission(officer, OrganizationsPermission.UNIT_VIEW, unit=world.a)
    assignment = RoleAssignment.objects.select_related("user").get(user=officer)
    assignment.user = officer
    # when
    role_revoke(actor=world.head_a, assignment=assignment)
    # then the same object no longer holds the permission within this request
    assert not has_permission(officer, OrganizationsPermission.UNIT_VIEW, unit=world.a)
