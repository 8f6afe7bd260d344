"""What the home page tells each role about its emulation blocs."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.choices import PROVINCE_ROLES
from thidua.accounts.scoping import actor_grants
from thidua.core.home import HomeItem, HomePanel, home_provider_register
from thidua.emulation.models import Bloc, BlocMembership


def _blocs_panel(request: HttpRequest) -> Iterable[HomePanel]:
    """The blocs of the user's units (their latest year), the blocs they serve as secretariat, and a province's blocs."""
    grants = actor_grants(request.user)
    if not grants:
        return []
    unit_ids = {g.unit_id for g in grants if g.unit_id}
    secretariat_bloc_ids = {g.bloc_id for g in grants if g.bloc_id}
    province_ids = {g.unit_id for g in grants if g.role in PROVINCE_ROLES and g.unit_id}
    latest: dict[int, BlocMembership] = {}
    for membership in (
        BlocMembership.objects.filter(unit_id__in=unit_ids).select_related("bloc", "unit").order_by("unit_id", "-year")
    ):
        latest.setdefault(membership.unit_id, membership)
    items = [
        HomeItem(
            text=_("%(unit)s — %(role)s %(bloc)s")
            % {"unit": m.unit.display_name, "role": m.get_role_display(), "bloc": m.bloc.name},
            badge=str(m.year),
        )
        for m in latest.values()
    ]
    items += [
        HomeItem(text=_("Thư ký %(bloc)s") % {"bloc": bloc.name})
        for bloc in Bloc.objects.filter(pk__in=secretariat_bloc_ids)
    ]
    items += [
        HomeItem(text=_("%(province)s: %(bloc)s") % {"province": bloc.province.display_name, "bloc": bloc.name})
        for bloc in Bloc.objects.filter(province_id__in=province_ids).select_related("province")
    ]
    return [
        HomePanel(
            title=gettext_lazy("Khối, cụm thi đua"),
            icon="diagram-3",
            items=items,
            empty_text=gettext_lazy("Đơn vị của bạn chưa được xếp vào khối, cụm thi đua nào."),
            order=15,
        )
    ]


home_provider_register(_blocs_panel)
