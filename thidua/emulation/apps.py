from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """Emulation blocs (khối, cụm thi đua) and, later, movements, registrations and covenants."""

    name = "thidua.emulation"
    label = "emulation"
    verbose_name = _("Thi đua")

    def ready(self) -> None:
        # Register the home-page panel, the menu entry and the unit-page section.
        from thidua.emulation import home, navigation  # noqa: F401
        from thidua.emulation.services.succession import bloc_seats_succeed
        from thidua.organizations.succession import succession_handler_register

        succession_handler_register(bloc_seats_succeed)
