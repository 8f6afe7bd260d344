from thidua.people.services.assignments import assignment_end, assignment_move
from thidua.people.services.persons import person_create, person_update

__all__ = ["assignment_end", "assignment_move", "person_create", "person_update"]
