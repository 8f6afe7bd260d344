"""unit_change_record: every kind of change, its history rows, the audit event, and every refusal changing nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.core.models import AuditEvent
from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.errors import UnitChangeInvalid, UnitNotManageable
from thidua.organizations.models import Unit, UnitChange, UnitChangeLink, UnitName, UnitParentage
from thidua.organizations.succession import Succession, succession_handler_register, succession_handler_unregister
from thidua.organizations.tests.factories import UnitFactory, change_record

D = dt.date(2025, 7, 1)
LAST = dt.date(2025, 6, 30)


def _state() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        UnitName.objects.count(),
        UnitParentage.objects.count(),
        UnitChange.objects.count(),
        UnitChangeLink.objects.count(),
        AuditEvent.objects.count(),
        *Unit.objects.filter(valid_to__isnull=False).values_list("pk", flat=True),
        *Unit.objects.order_by("pk").values_list("path", flat=True),
    )


@pytest.fixture
def carried() -> Iterator[list[Succession]]:
    """A succession handler of the test's own: it records what it was asked to carry."""
    seen: list[Succession] = []

    def handler(succession: Succession) -> None:
        seen.append(succession)

    succession_handler_register(handler)
    yield seen
    succession_handler_unregister(handler)


def _reload(*units: Unit) -> None:
    for unit in units:
        unit.refresh_from_db()


def test_rename_keeps_the_unit_and_ends_the_old_name_the_day_before(world: Any) -> None:
    # given
    a = world.a
    # when
    change = change_record(
        actor=world.province_office,
        kind=UnitChangeKind.RENAME,
        effective_on=D,
        predecessors=[a],
        new_name="Sở Văn hóa, Thể thao và Du lịch An Phú",
        new_short_name="Sở VHTTDL",
    )
    # then
    _reload(a)
    assert (a.name, a.short_name, a.valid_to) == ("Sở Văn hóa, Thể thao và Du lịch An Phú", "Sở VHTTDL", None)
    assert "so van hoa, the thao va du lich an phu" in a.search_name
    assert list(a.names.order_by("id").values_list("name", "valid_from", "valid_to")) == [
        ("Sở Văn hóa An Phú", None, LAST),
        ("Sở Văn hóa, Thể thao và Du lịch An Phú", D, None),
    ]
    assert list(change.links.values_list("predecessor_id", "successor_id")) == [(a.pk, a.pk)]


def test_merge_ends_the_predecessor_moves_its_children_and_carries_open_work(
    world: Any, carried: list[Succession]
) -> None:
    # given
    a, a1, b = world.a, world.a1, world.b
    events_before = AuditEvent.objects.filter(action="organizations.unit_change_recorded").count()
    # when
    change = change_record(
        actor=world.province_office,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=D,
        decision_number="45/NQ-HĐND",
        decision_date=dt.date(2025, 6, 20),
        issuer="HĐND tỉnh",
        predecessors=[a],
        successors=[b],
    )
    # then
    _reload(a, a1, b)
    assert (a.valid_to, b.valid_to) == (LAST, None)
    assert a.names.get().valid_to == LAST
    assert a.parentages.get().valid_to == LAST
    assert (a1.parent, a1.path, a1.valid_to) == (b, f"{b.path}{a1.pk}/", None)
    assert list(a1.parentages.order_by("id").values_list("parent_id", "valid_from", "valid_to")) == [
        (a.pk, None, LAST),
        (b.pk, D, None),
    ]
    assert [(s.predecessor, s.successor, s.effective_on, s.last_day) for s in carried] == [(a, b, D, LAST)]
    assert list(change.links.values_list("predecessor_id", "successor_id")) == [(a.pk, b.pk)]
    # other apps' handlers write their own events (role grants, bloc seats moved): the change itself writes one
    events = AuditEvent.objects.filter(action="organizations.unit_change_recorded")
    assert events.count() == events_before + 1
    event = events.latest("id")
    assert (event.action, event.actor, event.legal_basis) == (
        "organizations.unit_change_recorded",
        world.province_office,
        "45/NQ-HĐND ngày 20/06/2025 của HĐND tỉnh",
    )
    assert event.after["predecessors"] == ["so-a"]
    assert event.after["successors"] == ["so-b"]


def test_merge_extends_a_later_starting_successor_back_to_the_effective_day(world: Any) -> None:
    # given
    new = UnitFactory(code="so-moi", name="Sở Mới", parent=world.p, valid_from=dt.date(2025, 8, 1))
    # when
    change_record(
        actor=world.province_office,
        kind=UnitChangeKind.MERGE_INTO,
        effective_on=D,
        predecessors=[world.b],
        successors=[new],
    )
    # then
    _reload(new)
    assert new.valid_from == D
    assert new.names.get().valid_from == D
    assert new.parentages.get().valid_from == D


def test_split_ends_the_unit_and_links_every_successor(world: Any, carried: list[Succession]) -> None:
    # given
    x = UnitFactory(code="so-x", name="Sở X", parent=world.p, valid_from=D)
    y = UnitFactory(code="so-y", name="Sở Y", parent=world.p, valid_from=D)
    # when
    change = change_record(
        actor=world.province_office,
        kind=UnitChangeKind.SPLIT,
        effective_on=D,
        predecessors=[world.a],
        successors=[x, y],
    )
    # then
    _reload(world.a, world.a1)
    assert world.a.valid_to == LAST
    assert world.a1.parent == x
    assert sorted(change.links.values_list("successor_id", flat=True)) == sorted([x.pk, y.pk])
    assert [(s.predecessor, s.successor) for s in carried] == [(world.a, x)]


def test_transfer_of_functions_ends_nobody(world: Any, carried: list[Succession]) -> None:
    # given
    before = list(Unit.objects.order_by("pk").values_list("pk", "valid_to", "path"))
    # when
    change = change_record(
        actor=world.province_office,
        kind=UnitChangeKind.TRANSFER_FUNCTION,
        effective_on=D,
        predecessors=[world.a],
        successors=[world.b],
    )
    # then
    assert list(Unit.objects.order_by("pk").values_list("pk", "valid_to", "path")) == before
    assert list(change.links.values_list("predecessor_id", "successor_id")) == [(world.a.pk, world.b.pk)]
    assert carried == []


def test_transfer_to_a_new_parent_rewrites_the_subtree_and_keeps_the_old_parentage(world: Any) -> None:
    # given
    a, a1, b = world.a, world.a1, world.b
    # when
    change_record(
        actor=world.province_office,
        kind=UnitChangeKind.TRANSFER_PARENT,
        effective_on=D,
        predecessors=[a],
        new_parent=b,
    )
    # then
    _reload(a, a1)
    assert (a.parent, a.path, a.valid_to) == (b, f"{b.path}{a.pk}/", None)
    assert a1.path == f"{b.path}{a.pk}/{a1.pk}/"
    assert list(a.parentages.order_by("id").values_list("parent_id", "valid_from", "valid_to")) == [
        (world.p.pk, None, LAST),
        (b.pk, D, None),
    ]
    assert list(Unit.objects.descendants_of(b)) == [b, a, a1]


def test_close_ends_a_unit_without_active_children(world: Any, carried: list[Succession]) -> None:
    # when
    change_record(actor=world.province_office, kind=UnitChangeKind.CLOSE, effective_on=D, predecessors=[world.a1])
    # then
    _reload(world.a1)
    assert world.a1.valid_to == LAST
    assert carried == []


def _closed_unit(w: Any) -> Unit:
    return UnitFactory(code="so-cu", name="Sở Cũ", parent=w.p, valid_to=dt.date(2020, 1, 1))


def _new_unit(w: Any) -> Unit:
    return UnitFactory(code="so-tre", name="Sở Trẻ", parent=w.p, valid_from=D)


def _none(w: Any) -> list[Unit]:
    return []


INVALID = [
    ("no unit", {"kind": UnitChangeKind.CLOSE}, _none, _none),
    ("rename two units", {"kind": UnitChangeKind.RENAME, "new_name": "X"}, lambda w: [w.a, w.b], _none),
    ("rename with a successor", {"kind": UnitChangeKind.RENAME, "new_name": "X"}, lambda w: [w.a], lambda w: [w.b]),
    ("rename without a name", {"kind": UnitChangeKind.RENAME, "new_name": "  "}, lambda w: [w.a], _none),
    ("merge into nobody", {"kind": UnitChangeKind.MERGE_INTO}, lambda w: [w.a], _none),
    ("merge into two", {"kind": UnitChangeKind.MERGE_INTO}, lambda w: [w.a1], lambda w: [w.a, w.b]),
    ("merge into its own child", {"kind": UnitChangeKind.MERGE_INTO}, lambda w: [w.a], lambda w: [w.a1]),
    ("split into one", {"kind": UnitChangeKind.SPLIT}, lambda w: [w.a], lambda w: [w.b]),
    ("transfer of functions to nobody", {"kind": UnitChangeKind.TRANSFER_FUNCTION}, lambda w: [w.a], _none),
    ("transfer without a new parent", {"kind": UnitChangeKind.TRANSFER_PARENT}, lambda w: [w.a], _none),
    ("close with a successor", {"kind": UnitChangeKind.CLOSE}, lambda w: [w.a1], lambda w: [w.b]),
    ("close with an active child", {"kind": UnitChangeKind.CLOSE}, lambda w: [w.a], _none),
    ("the same unit twice", {"kind": UnitChangeKind.CLOSE}, lambda w: [w.a1, w.a1], _none),
    ("old and new at once", {"kind": UnitChangeKind.TRANSFER_FUNCTION}, lambda w: [w.a], lambda w: [w.a]),
    ("a unit already closed", {"kind": UnitChangeKind.MERGE_INTO}, lambda w: [_closed_unit(w)], lambda w: [w.b]),
    ("a successor already closed", {"kind": UnitChangeKind.MERGE_INTO}, lambda w: [w.a], lambda w: [_closed_unit(w)]),
    ("ends on its first day", {"kind": UnitChangeKind.MERGE_INTO}, lambda w: [_new_unit(w)], lambda w: [w.b]),
    ("renamed on its first day", {"kind": UnitChangeKind.RENAME, "new_name": "X"}, lambda w: [_new_unit(w)], _none),
]


@pytest.mark.parametrize(("_case", "values", "predecessors", "successors"), INVALID)
def test_invalid_change_is_refused_and_changes_nothing(
    world: Any,
    _case: str,
    values: dict[str, Any],
    predecessors: Callable[[Any], list[Unit]],
    successors: Callable[[Any], list[Unit]],
) -> None:
    # given
    olds, news = predecessors(world), successors(world)
    before = _state()
    # when
    with pytest.raises(UnitChangeInvalid) as refusal:
        change_record(actor=world.province_office, effective_on=D, predecessors=olds, successors=news, **values)
    # then
    assert _state() == before
    assert refusal.value.status_code == 422
    assert refusal.value.message


@pytest.mark.parametrize(
    ("_case", "new_parent"),
    [
        ("into its own child", lambda w: w.a1),
        ("into itself", lambda w: w.a),
    ],
)
def test_transfer_into_its_own_subtree_is_refused(world: Any, _case: str, new_parent: Callable[[Any], Unit]) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(UnitChangeInvalid):
        change_record(
            actor=world.province_office,
            kind=UnitChangeKind.TRANSFER_PARENT,
            effective_on=D,
            predecessors=[world.a],
            new_parent=new_parent(world),
        )
    # then
    assert _state() == before


@pytest.mark.parametrize(
    ("_case", "actor"),
    [
        ("anonymous", lambda w: AnonymousUser()),
        ("no role", lambda w: w.plain),
        ("right unit without the role: officer", lambda w: w.officer_a),
        ("unit head", lambda w: w.head_a),
        ("bloc secretariat", lambda w: w.secretariat),
        ("another province's office", lambda w: w.q_office),
    ],
)
def test_refused_actor_changes_nothing(
    world: Any, carried: list[Succession], _case: str, actor: Callable[[Any], Any]
) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(UnitNotManageable):
        change_record(
            actor=actor(world),
            kind=UnitChangeKind.MERGE_INTO,
            effective_on=D,
            predecessors=[world.a],
            successors=[world.b],
        )
    # then
    assert _state() == before
    assert carried == []


def test_office_may_not_merge_across_provinces(world: Any) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(UnitNotManageable):
        change_record(
            actor=world.province_office,
            kind=UnitChangeKind.MERGE_INTO,
            effective_on=D,
            predecessors=[world.a],
            successors=[world.q1],
        )
    # then
    assert _state() == before


def test_kind_of_unit_is_untouched_by_a_rename(world: Any) -> None:
    # given
    kind = world.a1.kind
    # when
    change_record(actor=None, kind=UnitChangeKind.RENAME, effective_on=D, predecessors=[world.a1], new_name="Phòng Mới")
    # then
    world.a1.refresh_from_db()
    assert (world.a1.kind, kind) == (UnitKind.DIVISION, UnitKind.DIVISION)
