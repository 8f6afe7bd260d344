"""Tasks of the imports: thin wrappers that load by id and call a service (STYLE S9, S23).

Importing ``core.imports.jobs`` registers the job's runner in the worker process too.
"""

from django_tasks import task

from thidua.core.imports import jobs  # noqa: F401  (registers the runner of core.import_apply)
from thidua.core.jobs import job_run


@task()
def import_batch_confirm_task(*, job_id: str) -> None:
    job_run(job_id=job_id)
