from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantsConfig(AppConfig):
    """Covenants (giao ước thi đua) of a bloc, and of each unit with the People's Committee."""

    name = "thidua.covenants"
    label = "covenants"
    verbose_name = _("Giao ước thi đua")

    def ready(self) -> None:
        # Register the audit action labels and the bloc year board's column (declared extension APIs).
        from thidua.covenants import audit  # noqa: F401
        from thidua.covenants.year_board import covenant_year_board
        from thidua.emulation.year_board import year_board_provider_register

        year_board_provider_register(covenant_year_board)
