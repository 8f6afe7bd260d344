from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """Initiatives (sáng kiến): authors, recognition conditions and levels."""

    name = "thidua.initiatives"
    label = "initiatives"
    verbose_name = _("Sáng kiến")
