"""unit_lineage (predecessors and successors over several changes) and unit_list_visible_to (search and filters)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.organizations.choices import UnitChangeKind, UnitKind
from thidua.organizations.selectors import unit_lineage, unit_list_visible_to
from thidua.organizations.tests.factories import UnitFactory, change_record

D1 = dt.date(2020, 1, 1)
D2 = dt.date(2025, 7, 1)


@pytest.fixture
def chain(world: Any) -> Any:
    """A and B merge into C on D1; C is renamed, then merged into E on D2."""
    c = UnitFactory(code="so-c", name="Sở C", parent=world.p, valid_from=D1)
    e = UnitFactory(code="so-e", name="Sở E", parent=world.p, valid_from=D2)
    change_record(kind=UnitChangeKind.TRANSFER_PARENT, effective_on=D1, predecessors=[world.a1], new_parent=world.b)
    change_record(kind=UnitChangeKind.MERGE_INTO, effective_on=D1, predecessors=[world.a], successors=[c])
    change_record(kind=UnitChangeKind.MERGE_INTO, effective_on=D1, predecessors=[world.b], successors=[c])
    change_record(kind=UnitChangeKind.RENAME, effective_on=dt.date(2022, 1, 1), predecessors=[c], new_name="Sở C mới")
    change_record(kind=UnitChangeKind.MERGE_INTO, effective_on=D2, predecessors=[c], successors=[e])
    return world, c, e


def test_predecessors_over_two_levels(chain: Any) -> None:
    # given
    _world, _c, e = chain
    # when
    lineage = unit_lineage(unit=e)
    # then
    assert [(link.unit.code, link.via.code, link.level, link.change.effective_on) for link in lineage.predecessors] == [
        ("so-c", "so-e", 1, D2),
        ("so-a", "so-c", 2, D1),
        ("so-b", "so-c", 2, D1),
    ]
    assert lineage.successors == []


def test_successors_and_predecessors_of_the_middle_unit(chain: Any) -> None:
    # given
    _world, c, _e = chain
    # when
    lineage = unit_lineage(unit=c)
    # then: the rename links C to itself and is not lineage
    assert [(link.unit.code, link.change.kind) for link in lineage.successors] == [("so-e", UnitChangeKind.MERGE_INTO)]
    assert [link.unit.code for link in lineage.predecessors] == ["so-a", "so-b"]


def test_lineage_runs_one_query_per_level_and_direction(chain: Any, django_assert_max_num_queries: Any) -> None:
    # given
    world, _c, _e = chain
    # when
    with django_assert_max_num_queries(6):
        lineage = unit_lineage(unit=world.a, depth=3)
    # then
    assert [link.unit.code for link in lineage.successors] == ["so-c", "so-e"]


@pytest.mark.parametrize(
    ("_case", "search", "codes"),
    [
        ("without diacritics", "so y te", ["so-b"]),
        ("with diacritics", "Sở Y tế", ["so-b"]),
        ("capitals", "SỞ Y TẾ", ["so-b"]),
        ("đ typed as d", "phuoc an", ["tinh-p"]),
        ("by code", "phong-a1", ["phong-a1"]),
        ("extra spaces", "  so   y  te ", ["so-b"]),
        ("nothing", "khong co", []),
    ],
)
def test_search_ignores_diacritics(world: Any, _case: str, search: str, codes: list[str]) -> None:
    assert [u.code for u in unit_list_visible_to(actor=world.plain, search=search)] == codes


def test_filters_by_kind_province_and_date(world: Any) -> None:
    # given
    UnitFactory(code="so-cu", name="Sở Cũ", parent=world.p, valid_to=dt.date(2020, 1, 1))
    # then
    assert [u.code for u in unit_list_visible_to(actor=world.plain, kind=UnitKind.DIVISION)] == ["phong-a1"]
    assert [u.code for u in unit_list_visible_to(actor=world.plain, province_id=world.q.pk)] == ["tinh-q", "so-q1"]
    assert unit_list_visible_to(actor=world.plain, province_id=999_999).count() == 0
    active = [u.code for u in unit_list_visible_to(actor=world.plain, province_id=world.p.pk, active_on=D2)]
    assert active == ["tinh-p", "so-a", "phong-a1", "so-b"]
    then = [u.code for u in unit_list_visible_to(actor=world.plain, province_id=world.p.pk, active_on=D1)]
    assert "so-cu" in then


def test_anonymous_sees_no_unit(world: Any) -> None:
    assert unit_list_visible_to(actor=AnonymousUser()).count() == 0
