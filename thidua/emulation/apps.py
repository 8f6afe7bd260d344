from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    """Emulation blocs (khối, cụm thi đua) and, later, movements, registrations and covenants."""

    name = "thidua.emulation"
    label = "emulation"
    verbose_name = _("Thi đua")

    def ready(self) -> None:
        from thidua.emulation import home  # noqa: F401  (registers the home-page panel)
