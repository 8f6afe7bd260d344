from thidua.initiatives.services.initiatives import AuthorInput, InitiativeInput, initiative_create, initiative_update
from thidua.initiatives.services.recognitions import initiative_recognise

__all__ = ["AuthorInput", "InitiativeInput", "initiative_create", "initiative_recognise", "initiative_update"]
