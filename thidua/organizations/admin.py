from django.contrib import admin

from thidua.organizations.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin[Unit]):
    """Reference view of units. Units are created through the office's screens (services), which keep the tree path."""

    list_display = ["name", "short_name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    readonly_fields = ["path", "parent", "code"]
