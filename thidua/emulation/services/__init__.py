from thidua.emulation.services.blocs import bloc_create, bloc_member_add

__all__ = ["bloc_create", "bloc_member_add"]
