from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    """Conferences (hội nghị), delegates and secret polls (bỏ phiếu kín) of a bloc."""

    name = "thidua.conferences"
    label = "conferences"
    verbose_name = _("Hội nghị và bỏ phiếu")

    def ready(self) -> None:
        from thidua.conferences import audit, navigation, permissions  # noqa: F401  (navigation: the menu entry)
