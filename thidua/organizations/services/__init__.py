from thidua.organizations.services.units import unit_create

__all__ = ["unit_create"]
