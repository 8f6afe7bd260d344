from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Infrastructure shared by every app: base model, errors, audit trail, background-job progress, page shell."""

    name = "thidua.core"
    label = "core"
    verbose_name = _("Hạ tầng")

    def ready(self) -> None:
        from thidua.core.audit import export  # noqa: F401  (registers the audit export job)
