from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives (sáng kiến): authors, recognition conditions and levels."""

    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = _("Sáng kiến")

    def ready(self) -> None:
        from thidua.emulation.year_board import year_board_provider_register
        from thidua.initiatives import audit, navigation  # noqa: F401  (register audit actions and the menu entry)
        from thidua.initiatives.year_board import initiatives_year_board

        year_board_provider_register(initiatives_year_board)
