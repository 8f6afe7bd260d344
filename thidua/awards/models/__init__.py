"""Models of the awards app: the catalogue, the facts the rules read, and the province's parameter overrides."""

from thidua.awards.models.catalogue import Title
from thidua.awards.models.history import (
    YEAR_MAX,
    YEAR_MIN,
    AwardRecord,
    AwardRecordKind,
    AwardRecordSource,
    DisciplineLevelChoice,
    DisciplineRecord,
    LeavePeriod,
    PendingCase,
    PendingCaseKind,
    RatingLevel,
    ScienceWork,
    ScienceWorkLevel,
    TaskRating,
)
from thidua.awards.models.parameters import ParameterOverride

__all__ = [
    "YEAR_MAX",
    "YEAR_MIN",
    "AwardRecord",
    "AwardRecordKind",
    "AwardRecordSource",
    "DisciplineLevelChoice",
    "DisciplineRecord",
    "LeavePeriod",
    "ParameterOverride",
    "PendingCase",
    "PendingCaseKind",
    "RatingLevel",
    "ScienceWork",
    "ScienceWorkLevel",
    "TaskRating",
    "Title",
]
