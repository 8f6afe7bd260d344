from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Titles and award forms (danh hiệu, hình thức khen thưởng); completed by the awards issue."""

    name = "thidua.awards"
    label = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from thidua.awards import navigation  # noqa: F401  (registers the menu entry)
        from thidua.awards.detail_sections import person_awards_section, unit_awards_section
        from thidua.awards.forms import FACTS_PEOPLE_SCOPE
        from thidua.awards.selectors import fact_people_visible_to
        from thidua.organizations.detail_sections import unit_section_provider_register
        from thidua.people.detail_sections import person_section_provider_register
        from thidua.people.widgets import person_picker_scope_register

        unit_section_provider_register(unit_awards_section)
        person_section_provider_register(person_awards_section)
        person_picker_scope_register(FACTS_PEOPLE_SCOPE, lambda actor: fact_people_visible_to(actor=actor))
