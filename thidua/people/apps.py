from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """People (cán bộ, công chức, viên chức, người lao động) and their assignments to units over time."""

    name = "thidua.people"
    label = "people"
    verbose_name = _("Nhân sự")

    def ready(self) -> None:
        from thidua.organizations.detail_sections import unit_section_provider_register
        from thidua.organizations.succession import succession_handler_register
        from thidua.people import navigation  # noqa: F401  (registers the menu entry)
        from thidua.people.sections import unit_people_section
        from thidua.people.succession import people_succession_carry

        succession_handler_register(people_succession_carry)
        unit_section_provider_register(unit_people_section)
