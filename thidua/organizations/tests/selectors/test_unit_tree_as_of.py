"""unit_tree_as_of: the tree as it stood on a day (S27: the day before, of and after a change), in constant queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.models import Unit
from thidua.organizations.selectors import TreeNode, unit_name_on, unit_tree_as_of
from thidua.organizations.tests.factories import ProvinceFactory, UnitFactory, change_record

D = dt.date(2025, 7, 1)


def _shape(nodes: list[TreeNode]) -> list[tuple[str, int, str | None]]:
    codes = {node.unit.pk: node.unit.code for node in nodes}
    return [(node.name, node.depth, codes.get(node.parent_id) if node.parent_id else None) for node in nodes]


@pytest.fixture
def merged(world: Any) -> Any:
    """A (with A1) is merged into B on D; B was renamed on D too."""
    change_record(kind=UnitChangeKind.MERGE_INTO, effective_on=D, predecessors=[world.a], successors=[world.b])
    change_record(kind=UnitChangeKind.RENAME, effective_on=D, predecessors=[world.b], new_name="Sở Y tế và Văn hóa")
    return world


@pytest.mark.parametrize(
    ("_case", "day", "expected"),
    [
        (
            "the day before: A still stands, with its child",
            D - dt.timedelta(days=1),
            [
                ("Tỉnh Phước An", 0, None),
                ("Sở Văn hóa An Phú", 1, "tinh-p"),
                ("Phòng Tổ chức An Phú", 2, "so-a"),
                ("Sở Y tế Bình Minh", 1, "tinh-p"),
            ],
        ),
        (
            "the day of: A is gone, its child stands under the renamed B",
            D,
            [
                ("Tỉnh Phước An", 0, None),
                ("Sở Y tế và Văn hóa", 1, "tinh-p"),
                ("Phòng Tổ chức An Phú", 2, "so-b"),
            ],
        ),
        (
            "the day after: the same",
            D + dt.timedelta(days=1),
            [
                ("Tỉnh Phước An", 0, None),
                ("Sở Y tế và Văn hóa", 1, "tinh-p"),
                ("Phòng Tổ chức An Phú", 2, "so-b"),
            ],
        ),
    ],
)
def test_tree_as_of_a_merge(merged: Any, _case: str, day: dt.date, expected: list[Any]) -> None:
    # when
    nodes = unit_tree_as_of(actor=merged.officer_a, root=merged.p, day=day)
    # then
    assert _shape(nodes) == expected


def test_without_a_root_every_province_is_a_root(world: Any, today: dt.date) -> None:
    # when
    nodes = unit_tree_as_of(actor=world.plain, root=None, day=today)
    # then
    assert [(node.unit.code, node.depth) for node in nodes] == [
        ("tinh-p", 0),
        ("so-a", 1),
        ("phong-a1", 2),
        ("so-b", 1),
        ("tinh-q", 0),
        ("so-q1", 1),
    ]


def test_a_unit_not_yet_founded_is_absent(world: Any) -> None:
    # given
    UnitFactory(code="so-sau", name="Sở Sau", parent=world.p, valid_from=D)
    # when
    before = unit_tree_as_of(actor=world.plain, root=world.p, day=D - dt.timedelta(days=1))
    on = unit_tree_as_of(actor=world.plain, root=world.p, day=D)
    # then
    assert "so-sau" not in {node.unit.code for node in before}
    assert "so-sau" in {node.unit.code for node in on}


def test_a_province_merged_into_another_moves_its_units(world: Any) -> None:
    # given: P merges into Q on D; P's units stand under Q from D on
    change_record(kind=UnitChangeKind.MERGE_INTO, effective_on=D, predecessors=[world.p], successors=[world.q])
    # when
    then = unit_tree_as_of(actor=world.plain, root=world.p, day=D - dt.timedelta(days=1))
    now = unit_tree_as_of(actor=world.plain, root=world.q, day=D)
    # then
    assert [n.unit.code for n in then] == ["tinh-p", "so-a", "phong-a1", "so-b"]
    assert [n.unit.code for n in now] == ["tinh-q", "so-a", "phong-a1", "so-b", "so-q1"]


def test_anonymous_sees_no_tree(world: Any, today: dt.date) -> None:
    assert unit_tree_as_of(actor=AnonymousUser(), root=None, day=today) == []


def _big_province(units: int) -> Unit:
    """A province with ``units`` units over three levels (sở → phòng → tổ)."""
    province = ProvinceFactory(code="tinh-lon", name="Tỉnh Lớn")
    departments = [UnitFactory(parent=province) for _ in range(max(1, units // 10))]
    divisions = [
        UnitFactory(parent=departments[i % len(departments)], kind=UnitKind.DIVISION) for i in range(units // 3)
    ]
    for i in range(units - len(departments) - len(divisions)):
        UnitFactory(parent=divisions[i % len(divisions)], kind=UnitKind.OTHER)
    return province


@pytest.mark.parametrize("size", [6, 300])
def test_tree_takes_three_queries_whatever_its_size(
    world: Any, size: int, today: dt.date, django_assert_num_queries: Any
) -> None:
    # given
    province = _big_province(size)
    # when
    with django_assert_num_queries(3):
        nodes = unit_tree_as_of(actor=world.plain, root=province, day=today)
    # then
    assert len(nodes) == size + 1
    assert max(node.depth for node in nodes) == 3


def test_name_on_a_day(world: Any) -> None:
    # given
    change_record(kind=UnitChangeKind.RENAME, effective_on=D, predecessors=[world.a], new_name="Sở Văn hóa Mới")
    world.a.refresh_from_db()
    # then
    assert unit_name_on(world.a, D - dt.timedelta(days=1)) == "Sở Văn hóa An Phú"
    assert unit_name_on(world.a, D) == "Sở Văn hóa Mới"
