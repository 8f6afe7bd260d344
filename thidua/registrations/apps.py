from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registrations (đăng ký thi đua) of units and their people for a year."""

    name = "thidua.registrations"
    label = "registrations"
    verbose_name = _("Đăng ký thi đua")
