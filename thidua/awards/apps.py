from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Titles and award forms (danh hiệu, hình thức khen thưởng); completed by the awards issue."""

    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from thidua.awards import navigation  # noqa: F401  (registers the menu entry)
        from thidua.awards.detail_sections import unit_awards_section
        from thidua.organizations.detail_sections import unit_section_provider_register

        unit_section_provider_register(unit_awards_section)
