import pytest
from django.urls import reverse

from thidua.core.choices import JobStatus
from thidua.core.models import AuditEvent, Job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_forced_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


def test_province_office_browses_and_filters_the_trail(client, world):
    # given the world's creation wrote audit events
    client.force_login(world.province_office)
    # when
    response = client.get(reverse("core:audit-list"), {"action": "accounts.role_granted"})
    # then
    assert response.status_code == 200
    actions = {event.action for event in response.context["page"]}
    assert actions == {"accounts.role_granted"}


@pytest.mark.parametrize("_case", ["unit_head", "unit_officer", "bloc_secretariat", "no_role"])
def test_audit_trail_is_hidden_from_everyone_else(client, world, _case):
    # given
    user = {
        "unit_head": world.head_a,
        "unit_officer": world.officer_a,
        "bloc_secretariat": world.secretariat,
        "no_role": world.plain,
    }[_case]
    client.force_login(user)
    # when
    response = client.get(reverse("core:audit-list"))
    # then: it looks like a page that does not exist
    assert response.status_code == 404


def test_audit_list_query_count_does_not_grow_with_events(client, world, django_assert_max_num_queries):
    # given many more events than one page
    from thidua.accounts.tests.factories import grant
    from thidua.organizations.tests.factories import UnitFactory

    for _ in range(30):
        grant(world.plain, "unit_officer", unit=UnitFactory(parent=world.p))
    client.force_login(world.province_office)
    # when / then
    with django_assert_max_num_queries(12):
        response = client.get(reverse("core:audit-list"))
    assert len(response.context["page"].object_list) == 50


def test_bad_dates_in_filter_show_an_error_and_keep_the_input(client, world):
    client.force_login(world.province_office)
    response = client.get(reverse("core:audit-list"), {"date_from": "31/02/2020", "actor": "Hà"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Hà"' in content
    assert "is-invalid" in content


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections, as a real worker does
def test_export_runs_as_a_job_with_progress_and_a_file(client, world, django_capture_on_commit_callbacks):
    # given
    client.force_login(world.province_office)
    # when the office asks for an export; the task runs through the database backend's worker
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("core:audit-list"), {"action": "accounts.role_granted"})
    job = Job.objects.get(owner=world.province_office)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:job-detail", kwargs={"job_id": job.pk})
    from django.core.management import call_command

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    # then
    job.refresh_from_db()
    expected = AuditEvent.objects.filter(action="accounts.role_granted").count()
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.SUCCEEDED, expected, expected, 100)
    page = client.get(reverse("core:job-detail", kwargs={"job_id": job.pk}), HTTP_HX_REQUEST="true")
    assert "100%" in page.content.decode()
    download = client.get(reverse("core:job-download", kwargs={"job_id": job.pk}))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"  # an XLSX is a zip


def test_a_job_is_visible_to_its_owner_only(client, world):
    job = Job.objects.create(kind="core.audit_export", title="x", owner=world.province_office)
    client.force_login(world.head_a)
    assert client.get(reverse("core:job-detail", kwargs={"job_id": job.pk})).status_code == 404
    assert client.get(reverse("core:job-download", kwargs={"job_id": job.pk})).status_code == 404
    assert client.get(reverse("core:job-detail", kwargs={"job_id": "not-a-uuid"})).status_code == 404
