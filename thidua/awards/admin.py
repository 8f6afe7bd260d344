from django.contrib import admin

from thidua.awards.models import Title
from thidua.core.admin import ReadOnlyAdminMixin


@admin.register(Title)
class TitleAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Title]):
    list_display = ["code", "name", "subject", "kind", "valid_from", "valid_to"]
    list_filter = ["subject", "kind"]
    search_fields = ["code", "name"]
