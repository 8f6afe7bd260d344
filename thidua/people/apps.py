from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """People (cán bộ, công chức, viên chức, người lao động) and their assignments to units over time."""

    name = "thidua.people"
    label = "people"
    verbose_name = _("Nhân sự")
