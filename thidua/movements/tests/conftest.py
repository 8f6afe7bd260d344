import pytest

from thidua.accounts.choices import Role
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.emulation.tests.factories import BlocFactory


@pytest.fixture(autouse=True)
def _media_and_no_2fa(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def other_secretariat(world):
    """The secretariat of another bloc of the same province."""
    other = BlocFactory(province=world.p, name="Khối các cơ quan văn hóa – xã hội")
    user = UserFactory(username="thuky.khoi2", full_name="Huỳnh Văn Tâm", unit=world.b)
    grant(user, Role.BLOC_SECRETARIAT, bloc=other)
    return user
