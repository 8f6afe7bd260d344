from thidua.core.models.audit import AuditEvent
from thidua.core.models.base import BaseModel
from thidua.core.models.imports import ImportBatch
from thidua.core.models.jobs import Job

__all__ = ["AuditEvent", "BaseModel", "ImportBatch", "Job"]
