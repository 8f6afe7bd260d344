from thidua.movements.services.movements import movement_launch, movement_review_add

__all__ = ["movement_launch", "movement_review_add"]
