from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    """Emulation movements (phong trào thi đua) and their reviews."""

    name = "thidua.movements"
    label = "movements"
    verbose_name = _("Phong trào thi đua")

    def ready(self) -> None:
        # Register the menu entry, the audit actions and the bloc year board's timeline events.
        from thidua.emulation.year_board import year_board_provider_register
        from thidua.movements import audit, navigation  # noqa: F401
        from thidua.movements.year_board import movement_year_board

        year_board_provider_register(movement_year_board)
