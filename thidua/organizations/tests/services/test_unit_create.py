"""unit_create: the tree path, the audit trail, and who may add units."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.organizations.choices import UnitKind
from thidua.organizations.errors import UnitNotManageable
from thidua.organizations.models import Unit
from thidua.organizations.services import unit_create
from thidua.organizations.tests.factories import ProvinceFactory, UnitFactory


def _state() -> tuple[int, int]:
    return Unit.objects.count(), AuditEvent.objects.count()


def test_root_unit_path_is_its_own_id(db: None) -> None:
    # given / when
    province = unit_create(actor=None, code="tinh-moi", name="Tỉnh Mới", kind=UnitKind.PROVINCE)
    # then
    province.refresh_from_db()
    assert province.path == f"/{province.pk}/"
    assert province.parent is None


def test_child_path_extends_the_parent_path(db: None) -> None:
    # given
    province = ProvinceFactory()
    department = UnitFactory(parent=province)
    # when
    division = unit_create(actor=None, code="phong-moi", name="Phòng Mới", kind=UnitKind.DIVISION, parent=department)
    # then
    division.refresh_from_db()
    assert division.path == f"/{province.pk}/{department.pk}/{division.pk}/"
    assert division.is_within(province.path) is True
    assert list(Unit.objects.descendants_of(department)) == [department, division]


def test_siblings_do_not_share_a_path(db: None) -> None:
    # given
    province = ProvinceFactory()
    # when
    first, second = UnitFactory(parent=province), UnitFactory(parent=province)
    # then
    assert first.path != second.path
    assert second.is_within(first.path) is False


def test_system_creation_is_audited_without_an_actor(db: None) -> None:
    # given
    events_before = AuditEvent.objects.count()
    # when
    province = unit_create(
        actor=None, code="tinh-kiem-tra", name="Tỉnh Kiểm Tra", kind=UnitKind.PROVINCE, legal_basis="Nghị quyết 1"
    )
    # then
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.target_id) == ("organizations.unit_created", None, str(province.pk))
    assert event.target_type == ContentType.objects.get_for_model(Unit)
    assert event.after == {"code": "tinh-kiem-tra", "name": "Tỉnh Kiểm Tra", "kind": "province", "parent": None}
    assert event.legal_basis == "Nghị quyết 1"


@pytest.mark.parametrize(
    ("_case", "parent"),
    [
        ("directly under the province", lambda w: w.p),
        ("under a unit of the province", lambda w: w.a1),
    ],
)
def test_province_office_adds_a_unit_with_one_audit_event(world: Any, _case: str, parent: Callable[[Any], Any]) -> None:
    # given
    under = parent(world)
    units_before, events_before = _state()
    # when
    unit = unit_create(
        actor=world.province_office, code="don-vi-moi", name="Đơn vị Mới", kind=UnitKind.OTHER, parent=under
    )
    # then
    assert _state() == (units_before + 1, events_before + 1)
    assert unit.path == f"{under.path}{unit.pk}/"
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.acting_unit) == (
        "organizations.unit_created",
        world.province_office,
        world.p,
    )
    assert event.after["parent"] == under.code


@pytest.mark.parametrize(
    ("_case", "actor", "parent"),
    [
        ("anonymous", lambda w: AnonymousUser(), lambda w: w.a),
        ("no role", lambda w: w.plain, lambda w: w.a),
        ("right unit without the role: head", lambda w: w.head_a, lambda w: w.a),
        ("right unit without the role: officer", lambda w: w.officer_a, lambda w: w.a),
        ("bloc secretariat over a member", lambda w: w.secretariat, lambda w: w.a),
        ("another province's office", lambda w: w.q_office, lambda w: w.a),
        ("a new province, even for the office", lambda w: w.province_office, lambda w: None),
    ],
)
def test_refused_creation_changes_nothing(
    world: Any, _case: str, actor: Callable[[Any], Any], parent: Callable[[Any], Any]
) -> None:
    # given
    before = _state()
    # when
    with pytest.raises(UnitNotManageable):
        unit_create(actor=actor(world), code="don-vi-moi", name="Đơn vị Mới", kind=UnitKind.OTHER, parent=parent(world))
    # then
    assert _state() == before
    assert not Unit.objects.filter(code="don-vi-moi").exists()


@pytest.mark.parametrize(
    ("_case", "fields"),
    [
        ("code with capitals and diacritics", {"code": "Sở-Mới"}),
        ("code with spaces", {"code": "so moi"}),
        ("duplicate code", {"code": "so-a"}),
        ("validity ends before it starts", {"valid_from": "2025-06-01", "valid_to": "2025-01-01"}),
        ("unknown kind", {"kind": "galaxy"}),
    ],
)
def test_invalid_unit_is_refused_and_changes_nothing(world: Any, _case: str, fields: dict[str, Any]) -> None:
    # given
    before = _state()
    values = {"code": "so-moi", "name": "Sở Mới", "kind": UnitKind.DEPARTMENT, "parent": world.p, **fields}
    # when
    with pytest.raises(ValidationError):
        unit_create(actor=world.province_office, **values)
    # then
    assert _state() == before
