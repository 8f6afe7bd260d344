"""The same job through the Redis (RQ) backend. Runs in CI with TASK_BACKEND=redis and a local Redis."""

import pytest
from django.conf import settings

from thidua.core.choices import JobStatus
from thidua.core.jobs import job_create
from thidua.core.models import Job

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(settings.TASK_BACKEND != "redis", reason="needs TASK_BACKEND=redis and REDIS_URL"),
]


def test_audit_export_runs_through_an_rq_worker(world, settings):
    import django_rq
    from django_tasks_rq import Job as RQJob
    from rq import SimpleWorker

    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    queue = django_rq.get_queue("default")
    queue.empty()
    # given a job enqueued on commit
    job = job_create(actor=world.province_office, kind="core.audit_export", params={})
    assert queue.count == 1
    # when one worker drains the queue
    SimpleWorker([queue], connection=queue.connection, job_class=RQJob).work(burst=True)
    # then
    job = Job.objects.get(pk=job.pk)
    assert job.status == JobStatus.SUCCEEDED
    assert job.total > 0
    assert job.done == job.total
