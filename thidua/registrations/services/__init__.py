from thidua.registrations.services.registrations import (
    EntryInput,
    registration_create,
    registration_deadline_set,
    registration_return,
    registration_submit,
    registration_update,
)

__all__ = [
    "EntryInput",
    "registration_create",
    "registration_deadline_set",
    "registration_return",
    "registration_submit",
    "registration_update",
]
