from thidua.covenants.services._common import TargetInput
from thidua.covenants.services.bloc_covenants import (
    bloc_covenant_create,
    bloc_covenant_open,
    bloc_covenant_target_add,
    bloc_covenant_update,
    covenant_acknowledge,
)
from thidua.covenants.services.unit_covenants import covenant_progress_report_create, unit_covenant_create

__all__ = [
    "TargetInput",
    "bloc_covenant_create",
    "bloc_covenant_open",
    "bloc_covenant_target_add",
    "bloc_covenant_update",
    "covenant_acknowledge",
    "covenant_progress_report_create",
    "unit_covenant_create",
]
