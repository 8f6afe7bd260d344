from thidua.organizations.services.changes import unit_change_record
from thidua.organizations.services.units import unit_create, unit_update

__all__ = ["unit_change_record", "unit_create", "unit_update"]
