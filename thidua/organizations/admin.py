from django.contrib import admin

from thidua.core.admin import ReadOnlyAdminMixin
from thidua.organizations.models import Unit


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Unit]):
    """Reference view of units: units are created by ``unit_create``, which sets the tree path and the audit record."""

    list_display = ["name", "short_name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
