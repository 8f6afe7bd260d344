from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registrations (đăng ký thi đua) of units and their people for a year."""

    name = "thidua.registrations"
    label = "registrations"
    verbose_name = _("Đăng ký thi đua")

    def ready(self) -> None:
        from thidua.emulation.year_board import year_board_provider_register
        from thidua.registrations import audit, navigation  # noqa: F401
        from thidua.registrations.year_board import registration_year_board

        year_board_provider_register(registration_year_board)
