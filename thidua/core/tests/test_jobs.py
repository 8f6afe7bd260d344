import pytest

from thidua.core.choices import JobStatus
from thidua.core.jobs import job_create, job_progress, job_run, job_runner_register
from thidua.core.models import Job

pytestmark = pytest.mark.django_db


def _failing_runner(job):
    raise ValueError("boom")


def _counting_runner(job):
    job_progress(job=job, done=3, total=3)


job_runner_register("test.fail", title="fail", runner=_failing_runner)
job_runner_register("test.count", title="count", runner=_counting_runner)


def test_a_failed_job_is_marked_failed_with_a_message(world):
    job = Job.objects.create(kind="test.fail", title="t", owner=world.plain)
    with pytest.raises(ValueError):
        job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message


def test_a_job_runs_once_even_if_the_task_is_delivered_twice(world):
    job = Job.objects.create(kind="test.count", title="t", owner=world.plain)
    job_run(job_id=str(job.pk))
    Job.objects.filter(pk=job.pk).update(done=0)
    job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.SUCCEEDED, 0)


def test_job_create_enqueues_only_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job_create(actor=world.plain, kind="test.count")
    assert len(callbacks) == 1


def test_unknown_job_kind_is_refused(world):
    with pytest.raises(LookupError):
        job_create(actor=world.plain, kind="nope")
    assert not Job.objects.exists()


def _language_runner(job):
    from django.utils.translation import get_language

    job_progress(job=job, done=0, total=0, message=get_language())


job_runner_register("test.language", title="language", runner=_language_runner)


def test_a_job_runs_in_the_language_of_the_person_who_asked(world, django_capture_on_commit_callbacks):
    from django.utils import translation

    # given a job requested by someone reading in English
    with translation.override("en"), django_capture_on_commit_callbacks(execute=False):
        job = job_create(actor=world.plain, kind="test.language")
    # when the worker (in Vietnamese by default) runs it
    with translation.override("vi"):
        job_run(job_id=str(job.pk))
    # then it ran in English
    job.refresh_from_db()
    assert job.message == "en"
