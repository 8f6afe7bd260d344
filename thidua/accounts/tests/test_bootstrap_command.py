import pytest
from django.core.management import CommandError, call_command

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleAssignment, User
from thidua.core.models import AuditEvent
from thidua.organizations.models import Unit

pytestmark = pytest.mark.django_db
ARGS = ["--code", "da-nang", "--name", "Thành phố Đà Nẵng", "--username", "bantdkt.dn", "--full-name", "Lê Thị Mai"]


def test_creates_the_province_and_its_first_office_account(monkeypatch):
    # given
    monkeypatch.setenv("THIDUA_BOOTSTRAP_PASSWORD", "mot-mat-khau-du-dai-2025")
    # when
    call_command("bootstrap_province", *ARGS)
    # then
    province = Unit.objects.get(code="da-nang")
    user = User.objects.get(username="bantdkt.dn")
    assert (province.parent, province.path) == (None, f"/{province.pk}/")
    assert user.check_password("mot-mat-khau-du-dai-2025")
    assert RoleAssignment.objects.filter(user=user, role=Role.PROVINCE_OFFICE, unit=province).count() == 1
    assert AuditEvent.objects.filter(action="accounts.role_granted", target_id__isnull=False).count() == 1


def test_refuses_a_weak_password_and_creates_nothing(monkeypatch):
    monkeypatch.setenv("THIDUA_BOOTSTRAP_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("bootstrap_province", *ARGS)
    assert not Unit.objects.exists()
    assert not User.objects.exists()
    assert not AuditEvent.objects.exists()


def test_refuses_an_existing_province_code(monkeypatch):
    monkeypatch.setenv("THIDUA_BOOTSTRAP_PASSWORD", "mot-mat-khau-du-dai-2025")
    call_command("bootstrap_province", *ARGS)
    with pytest.raises(CommandError):
        call_command("bootstrap_province", *ARGS)
    assert Unit.objects.count() == 1
