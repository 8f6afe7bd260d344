from django.contrib import admin

from thidua.emulation.models import Bloc, BlocMembership


class BlocMembershipInline(admin.TabularInline[BlocMembership, Bloc]):
    model = BlocMembership
    extra = 0


@admin.register(Bloc)
class BlocAdmin(admin.ModelAdmin[Bloc]):
    list_display = ["name", "kind", "province"]
    search_fields = ["name"]
    inlines = [BlocMembershipInline]
