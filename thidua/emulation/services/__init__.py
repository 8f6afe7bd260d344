from thidua.emulation.services.blocs import bloc_create, bloc_update
from thidua.emulation.services.memberships import (
    bloc_member_add,
    bloc_member_remove,
    bloc_member_set_role,
    composition_gaps,
)
from thidua.emulation.services.succession import bloc_seats_succeed
from thidua.emulation.services.years import (
    BlocYearCopyResult,
    SkippedSeat,
    bloc_year_confirm,
    bloc_year_copy_from_previous,
)

__all__ = [
    "BlocYearCopyResult",
    "SkippedSeat",
    "bloc_create",
    "bloc_member_add",
    "bloc_member_remove",
    "bloc_member_set_role",
    "bloc_seats_succeed",
    "bloc_update",
    "bloc_year_confirm",
    "bloc_year_copy_from_previous",
    "composition_gaps",
]
