import pytest


@pytest.fixture(autouse=True)
def _no_forced_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
