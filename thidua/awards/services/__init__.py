"""Writes of the awards app: the facts the eligibility rules read, and the province's parameter overrides."""

from thidua.awards.services.award_records import (
    AwardRecordInput,
    award_record_create,
    award_record_delete,
    award_record_revoke,
)
from thidua.awards.services.council import council_vote_record
from thidua.awards.services.decisions import DecisionInput, decision_award_revoke, decision_issue
from thidua.awards.services.discipline import (
    DisciplineInput,
    discipline_record_create,
    discipline_record_delete,
    pending_case_close,
    pending_case_open,
)
from thidua.awards.services.dossiers import (
    AppraisalInput,
    NominationAdded,
    dossier_appraise,
    dossier_create,
    dossier_document_add,
    dossier_missing_documents,
    dossier_receive,
    dossier_reevaluate,
    dossier_resubmit,
    dossier_return,
    dossier_submit,
    dossier_update,
    nomination_add,
    nomination_remove,
)
from thidua.awards.services.imports import (
    AwardRecordRow,
    DisciplineRow,
    ImportResult,
    TaskRatingRow,
    award_record_import,
    discipline_record_import,
    task_rating_import,
)
from thidua.awards.services.parameters import parameter_override_set
from thidua.awards.services.personal import (
    leave_period_create,
    leave_period_delete,
    science_work_create,
    science_work_delete,
)
from thidua.awards.services.ratings import task_rating_delete, task_rating_set

__all__ = [
    "AppraisalInput",
    "AwardRecordInput",
    "AwardRecordRow",
    "DecisionInput",
    "DisciplineInput",
    "DisciplineRow",
    "ImportResult",
    "NominationAdded",
    "TaskRatingRow",
    "award_record_create",
    "award_record_delete",
    "award_record_import",
    "award_record_revoke",
    "council_vote_record",
    "decision_award_revoke",
    "decision_issue",
    "discipline_record_create",
    "discipline_record_delete",
    "discipline_record_import",
    "dossier_appraise",
    "dossier_create",
    "dossier_document_add",
    "dossier_missing_documents",
    "dossier_receive",
    "dossier_reevaluate",
    "dossier_resubmit",
    "dossier_return",
    "dossier_submit",
    "dossier_update",
    "leave_period_create",
    "leave_period_delete",
    "nomination_add",
    "nomination_remove",
    "parameter_override_set",
    "pending_case_close",
    "pending_case_open",
    "science_work_create",
    "science_work_delete",
    "task_rating_delete",
    "task_rating_import",
    "task_rating_set",
]
