"""Tasks of the core app: thin wrappers that load by id and call a service (STYLE S9, S23)."""

from django_tasks import task

from thidua.core.jobs import job_run


@task()
def job_run_task(*, job_id: str) -> None:
    job_run(job_id=job_id)
