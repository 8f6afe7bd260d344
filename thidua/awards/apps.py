from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Titles and award forms (danh hiệu, hình thức khen thưởng); completed by the awards issue."""

    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng")
