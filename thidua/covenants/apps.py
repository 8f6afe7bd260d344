from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantsConfig(AppConfig):
    """Covenants (giao ước thi đua) of a bloc, and of each unit with the People's Committee."""

    name = "thidua.covenants"
    label = "covenants"
    verbose_name = _("Giao ước thi đua")
