from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    """Units (đơn vị) and their tree: the root of every permission scope."""

    name = "thidua.organizations"
    label = "organizations"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        from thidua.organizations import navigation  # noqa: F401  (register the app's menu entry)
