"""The bloc year board and the daily deadline reminders, with a provider registered by the test."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from thidua.emulation import year_board
from thidua.emulation.models import ReminderLog
from thidua.emulation.services.reminders import deadline_reminders_send
from thidua.emulation.year_board import ProgressCell, TimelineEvent, YearBoardColumn, YearBoardContribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(world):
    """A fake app: deadline 10 days ago; unit A has done it, unit B has not."""
    today = timezone.localdate()

    def _provide(bloc, year, unit_ids):
        return YearBoardContribution(
            events=[TimelineEvent(day=today - dt.timedelta(days=10), label="Hạn nộp thử nghiệm", is_deadline=True)],
            columns=[
                YearBoardColumn(title="Thử nghiệm", cells={world.a.pk: ProgressCell(text="Đã nộp", is_done=True)})
            ],
        )

    year_board.year_board_provider_register(_provide)
    yield _provide
    year_board._providers.remove(_provide)


@pytest.fixture(autouse=True)
def _emails_for_roles(world, settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    for user in (world.head_b, world.head_a, world.officer_a):
        user.email = f"{user.username}@thidua.test"
        user.save(update_fields=["email"])


def _board_url(world):
    return reverse("emulation:year-board", kwargs={"bloc_id": world.bloc.pk, "year": timezone.localdate().year})


@pytest.mark.parametrize(
    ("_case", "who", "status"),
    [
        ("province office", "province_office", 200),
        ("bloc secretariat", "secretariat", 200),
        ("unit head of a member", "head_a", 404),
        ("unit officer", "officer_a", 404),
        ("another province's office", "q_office", 404),
    ],
)
def test_the_board_is_for_the_office_and_the_secretariat(client, world, provider, _case, who, status):
    client.force_login(getattr(world, who))
    assert client.get(_board_url(world)).status_code == status


def test_the_board_shows_the_timeline_the_progress_and_who_is_late(client, world, provider):
    client.force_login(world.secretariat)
    content = client.get(_board_url(world)).content.decode()
    assert "Hạn nộp thử nghiệm" in content
    assert "Đã nộp" in content
    assert content.count("table-warning") == 1  # unit B only


def test_the_board_runs_constant_queries(client, world, provider, django_assert_num_queries):
    # given the query count with the bloc's two members
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.emulation.tests.factories import member_add
    from thidua.organizations.tests.factories import UnitFactory

    client.force_login(world.secretariat)
    with CaptureQueriesContext(connection) as small:
        client.get(_board_url(world))
    # when the bloc has 30 more members
    for _ in range(30):
        member_add(world.bloc, UnitFactory(parent=world.p))
    # then the page runs the same number of queries (every app's provider included)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(_board_url(world))


def test_late_units_get_one_reminder_a_day(world, provider):
    # when the daily run happens twice the same day
    first = deadline_reminders_send()
    second = deadline_reminders_send()
    # then only unit B's head was written to, once
    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[f"{world.head_b.username}@thidua.test"]]
    assert "Hạn nộp thử nghiệm" in mail.outbox[0].body
    assert ReminderLog.objects.get().unit == world.b


def test_the_command_sends_now_or_queues_for_the_worker(world, provider, capsys):
    call_command("send_deadline_reminders", "--now")
    assert len(mail.outbox) == 1
    call_command("send_deadline_reminders")
    assert "queued" in capsys.readouterr().out
