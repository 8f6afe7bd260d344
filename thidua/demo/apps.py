from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The named demo world (STYLE S31): Quảng Nam's Khối thi đua các cơ quan tham mưu III, loaded by ``loaddemo``."""

    name = "thidua.demo"
    label = "demo"
    verbose_name = _("Dữ liệu mẫu")
