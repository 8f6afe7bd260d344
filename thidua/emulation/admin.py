from django.contrib import admin

from thidua.core.admin import ReadOnlyAdminMixin
from thidua.emulation.models import Bloc, BlocMembership


class BlocMembershipInline(ReadOnlyAdminMixin, admin.TabularInline[BlocMembership, Bloc]):
    model = BlocMembership
    extra = 0


@admin.register(Bloc)
class BlocAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Bloc]):
    list_display = ["name", "kind", "province"]
    search_fields = ["name"]
    inlines = [BlocMembershipInline]
