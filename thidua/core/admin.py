from django.contrib import admin
from django.http import HttpRequest

from thidua.core.models import AuditEvent


class ReadOnlyAdminMixin:
    """For reference views in Django's admin: records that only services may write (they check scope and audit)."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit trail is never edited, not even by an administrator."""

    list_display = ["occurred_at", "actor_name", "acting_unit", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["actor_name", "target_repr", "action"]
    date_hierarchy = "occurred_at"
