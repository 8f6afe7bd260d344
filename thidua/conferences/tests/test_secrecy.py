"""Anonymity by construction (S14), tested on the schema itself: the ballot tables have no column that names a voter
or a time, nothing links participation to a ballot, and ballots come back in an order unrelated to casting order,
in the ORM and, after the close, in the storage itself."""

from __future__ import annotations

import pytest
from django.db import connection, models

from thidua.accounts.tests.factories import UserFactory
from thidua.conferences.choices import ChoiceValue, VoteBasis
from thidua.conferences.models import Ballot, BallotChoice, PollParticipation
from thidua.conferences.services import ballot_cast, poll_close, poll_open
from thidua.conferences.tests.conftest import ConferenceWorld
from thidua.conferences.tests.factories import conference_build, delegate_build, poll_build

pytestmark = pytest.mark.django_db

IDENTIFYING = frozenset(
    {"voter", "user", "delegate", "unit", "person", "session", "actor", "roll", "entry", "participation", "ip"}
    | {"address", "created", "updated", "cast", "at", "on", "time", "timestamp", "date", "seq", "order", "serial"}
)


def identifying(name: str) -> bool:
    """Does a column name, word by word, speak of a voter or of a time?"""
    return bool(set(name.lower().split("_")) & IDENTIFYING)


TIME_TYPES = ("date", "time", "timestamp", "interval")


def table_columns(model: type[models.Model]) -> list[tuple[str, str]]:
    """(name, database type) of every column, read from the database, not from the model."""
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, model._meta.db_table)
        types = {
            column.name: connection.introspection.get_field_type(column.type_code, column).lower()
            for column in description
        }
    return sorted(types.items())


@pytest.mark.parametrize("model", [Ballot, BallotChoice], ids=["ballot", "ballot_choice"])
def test_ballot_tables_have_no_voter_session_or_time_column(model: type[models.Model]):
    # when
    columns = table_columns(model)
    # then
    names = [name for name, _type in columns]
    assert not [n for n in names if identifying(n)], names
    assert not [t for _n, t in columns if any(word in t for word in TIME_TYPES)], columns
    assert not [t for _n, t in columns if "autofield" in t], columns


def test_ballot_tables_exactly_as_designed():
    # The guard against a well-meant column added later: any change here must be argued in voting/README.md.
    assert [n for n, _t in table_columns(Ballot)] == ["channel", "id", "is_valid", "poll_id", "receipt_digest"]
    assert [n for n, _t in table_columns(BallotChoice)] == ["ballot_id", "candidate_id", "id", "value"]
    assert isinstance(Ballot._meta.pk, models.UUIDField)
    assert isinstance(BallotChoice._meta.pk, models.UUIDField)


def test_participation_has_no_link_to_a_ballot_and_no_time():
    # when
    columns = table_columns(PollParticipation)
    # then
    assert [n for n, _t in columns] == ["channel", "id", "poll_id", "roll_entry_id"]
    assert isinstance(PollParticipation._meta.pk, models.UUIDField)
    related = {f.related_model for f in PollParticipation._meta.get_fields() if f.is_relation}
    assert Ballot not in related and BallotChoice not in related
    assert PollParticipation not in {f.related_model for f in Ballot._meta.get_fields() if f.is_relation}


def test_no_model_field_anywhere_relates_a_ballot_to_a_person():
    related = {f.related_model for m in (Ballot, BallotChoice) for f in m._meta.get_fields() if f.is_relation}
    assert {m._meta.label for m in related if m is not None} == {
        "conferences.Poll",
        "conferences.PollCandidate",
        "conferences.Ballot",
        "conferences.BallotChoice",
    }


def _cast_in_order(cw: ConferenceWorld, voters: int) -> tuple[object, list[object]]:
    conference = conference_build(cw.world.bloc, vote_basis=VoteBasis.PER_DELEGATE)
    users = [UserFactory(unit=cw.world.a) for _ in range(voters)]
    for user in users:
        delegate_build(conference, cw.world.a, user=user)
    poll = poll_build(conference, [cw.world.a, cw.world.b], allows_self_vote=True)
    poll_open(actor=None, poll=poll)
    b = poll.candidates.get(unit=cw.world.b).pk
    cast_order: list[object] = []
    for user in users:
        known = set(Ballot.objects.filter(poll=poll).values_list("id", flat=True))
        ballot_cast(actor=user, poll=poll, choices={b: ChoiceValue.CHOSEN})
        cast_order.extend(set(Ballot.objects.filter(poll=poll).values_list("id", flat=True)) - known)
    return poll, cast_order


def test_ballots_are_returned_in_uuid_order_not_casting_order(cw: ConferenceWorld):
    # given 12 ballots whose casting order the test observes from outside
    poll, cast_order = _cast_in_order(cw, 12)
    # when
    listed = list(Ballot.objects.filter(poll=poll).values_list("id", flat=True))
    # then
    assert listed == sorted(cast_order)
    assert listed != cast_order  # 1 chance in 12! of a coincidence


def test_after_the_close_storage_order_is_uuid_order_too(cw: ConferenceWorld):
    # given
    poll, cast_order = _cast_in_order(cw, 12)
    # when
    poll_close(actor=None, poll=poll)
    # then the rows' physical order (PostgreSQL ctid, SQLite rowid) follows the UUIDs, not the casting order
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    table = Ballot._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} WHERE poll_id = %s ORDER BY {position}", [poll.pk])  # noqa: S608
        physical = [Ballot._meta.pk.to_python(row[0]) for row in cursor.fetchall()]
    assert physical == sorted(cast_order)
    assert BallotChoice.objects.filter(ballot__poll=poll).count() == 12
