from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from thidua.accounts.models import RoleAssignment, User
from thidua.core.admin import ReadOnlyAdminMixin


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
    list_display = ["username", "full_name", "unit", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Thi Đua", {"fields": ("full_name", "unit", "position")}),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[RoleAssignment]):
    """Read-only here: roles are granted and revoked on the user's page, which checks scope and writes the audit."""

    list_display = ["user", "role", "unit", "bloc", "starts_on", "ends_on", "revoked_at"]
    list_filter = ["role"]
