"""Services of criteria sets: drafting, approval, locking, copying to next year and new versions (issue 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from thidua.core.exceptions import ValidationFailed
from thidua.core.models import AuditEvent
from thidua.scoring.choices import CriteriaSetStatus, CriterionKind
from thidua.scoring.errors import CriteriaSetNotEditable, ScoringInvalid, ScoringStateError
from thidua.scoring.models import CriteriaSet, Criterion, CriterionGroup
from thidua.scoring.services import (
    CriterionInput,
    criteria_set_approve,
    criteria_set_copy,
    criteria_set_create,
    criterion_delete,
    criterion_group_delete,
    criterion_group_save,
    criterion_save,
)
from thidua.scoring.tests.factories import YEAR, criteria_set_build, snapshot


def _draft(world):
    return criteria_set_create(actor=world.secretariat, bloc=world.bloc, year=YEAR, title="  Bảng điểm khối  ")


def _group(criteria_set):
    return criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Nhiệm vụ")


def _input(**overrides):
    data = {"code": "1", "name": "Hoàn thành kế hoạch", "kind": CriterionKind.SCORED, "max_points": "10"}
    return CriterionInput(**{**data, **overrides})


def test_the_secretariat_creates_a_draft_version_1_and_it_is_audited(world):
    # when
    criteria_set = _draft(world)
    # then
    assert (criteria_set.version, criteria_set.status, criteria_set.title) == (
        1,
        CriteriaSetStatus.DRAFT,
        "Bảng điểm khối",
    )
    assert criteria_set.is_editable
    event = AuditEvent.objects.get(action="scoring.criteria_set_created")
    assert event.actor == world.secretariat


def test_refuses_a_blank_title_by_field(world):
    # given
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        criteria_set_create(actor=None, bloc=world.bloc, year=YEAR, title="  ")
    # then
    assert set(error.value.fields) == {"title"}
    assert snapshot() == before


def test_refuses_a_second_set_for_the_same_bloc_year(world):
    # given
    _draft(world)
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError):
        criteria_set_create(actor=None, bloc=world.bloc, year=YEAR, title="Lần hai")
    assert snapshot() == before


def test_groups_and_criteria_are_added_positioned_and_changed_while_draft(world):
    # given
    criteria_set = _draft(world)
    # when
    first = criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Nhiệm vụ")
    second = criterion_group_save(actor=None, criteria_set=criteria_set, code="II", name="Thưởng")
    renamed = criterion_group_save(
        actor=None, criteria_set=criteria_set, group=first, code="I", name="Nhiệm vụ chính", position=5
    )
    one = criterion_save(actor=None, group=second, data=_input())
    two = criterion_save(actor=None, group=second, data=_input(code="2", max_points="2,5"))
    changed = criterion_save(
        actor=None, group=first, criterion=one, data=_input(name="Đổi tên", max_points="15"), position=3
    )
    # then
    assert second.position == 2
    renamed.refresh_from_db()
    assert (renamed.pk, renamed.name, renamed.position) == (first.pk, "Nhiệm vụ chính", 5)
    assert (two.position, two.max_points) == (2, Decimal("2.50"))
    changed.refresh_from_db()
    assert (changed.group, changed.name, changed.max_points, changed.position) == (first, "Đổi tên", Decimal("15"), 3)


@pytest.mark.parametrize(
    ("_case", "overrides", "fields"),
    [
        ("blank name", {"name": " "}, {"name"}),
        ("unknown kind", {"kind": "extra"}, {"kind"}),
        ("zero maximum", {"max_points": "0"}, {"max_points"}),
        ("negative maximum", {"max_points": "-1"}, {"max_points"}),
        ("maximum not a number", {"max_points": "mười"}, {"max_points"}),
        ("maximum with 3 decimals", {"max_points": "1.234"}, {"max_points"}),
        ("every field at once", {"name": "", "kind": "x", "max_points": "x"}, {"name", "kind", "max_points"}),
    ],
)
def test_criterion_input_is_refused_per_field_and_nothing_is_written(world, _case, overrides, fields):
    # given
    group = _group(_draft(world))
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        criterion_save(actor=None, group=group, data=_input(**overrides))
    # then
    assert set(error.value.fields) == fields
    assert snapshot() == before


def test_a_group_needs_a_name(world):
    criteria_set = _draft(world)
    with pytest.raises(ScoringInvalid) as error:
        criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name=" ")
    assert set(error.value.fields) == {"name"}


def test_a_group_or_criterion_of_another_set_is_refused(world):
    # given
    first = _draft(world)
    other = criteria_set_build(world.bloc, year=YEAR + 1, approve=False)
    foreign_group = CriterionGroup.objects.filter(criteria_set=other).first()
    foreign_criterion = Criterion.objects.filter(group__criteria_set=other).first()
    group = _group(first)
    before = snapshot()
    # when / then
    with pytest.raises(ScoringStateError):
        criterion_group_save(actor=None, criteria_set=first, group=foreign_group, code="X", name="Lạc")
    with pytest.raises(ScoringStateError):
        criterion_save(actor=None, group=group, criterion=foreign_criterion, data=_input())
    assert snapshot() == before


def test_criteria_and_groups_are_deleted_while_draft(world):
    # given
    criteria_set = criteria_set_build(world.bloc, approve=False)
    group = criteria_set.groups.get(code="II")
    criterion = Criterion.objects.get(group__criteria_set=criteria_set, code="1")
    # when
    criterion_delete(actor=world.province_office, criterion=criterion)
    criterion_group_delete(actor=world.province_office, group=group)
    # then
    assert list(Criterion.objects.filter(group__criteria_set=criteria_set).values_list("code", flat=True)) == ["2"]
    assert list(criteria_set.groups.values_list("code", flat=True)) == ["I"]


def test_approval_records_the_reference_and_freezes_the_set(world):
    # given
    criteria_set = criteria_set_build(world.bloc, approve=False)
    group = criteria_set.groups.get(code="I")
    criterion = Criterion.objects.get(group=group, code="1")
    # when
    approved = criteria_set_approve(actor=world.secretariat, criteria_set=criteria_set, reference=" Biên bản số 3 ")
    # then
    assert (approved.status, approved.approval_reference, approved.approved_by) == (
        CriteriaSetStatus.APPROVED,
        "Biên bản số 3",
        world.secretariat,
    )
    before = snapshot()
    refusals = [
        lambda: criterion_group_save(actor=None, criteria_set=approved, code="III", name="Mới"),
        lambda: criterion_save(actor=None, group=group, data=_input(code="9")),
        lambda: criterion_save(actor=None, group=group, criterion=criterion, data=_input(name="Sửa")),
        lambda: criterion_delete(actor=None, criterion=criterion),
        lambda: criterion_group_delete(actor=None, group=group),
        lambda: criteria_set_approve(actor=None, criteria_set=approved, reference="Lần hai"),
    ]
    for refusal in refusals:
        with pytest.raises(CriteriaSetNotEditable):
            refusal()
    assert snapshot() == before


def test_approval_needs_a_reference_and_a_scored_criterion(world):
    # given
    criteria_set = _draft(world)
    criterion_save(actor=None, group=_group(criteria_set), data=_input(kind=CriterionKind.BONUS))
    before = snapshot()
    # when / then
    with pytest.raises(ScoringInvalid) as error:
        criteria_set_approve(actor=None, criteria_set=criteria_set, reference=" ")
    assert set(error.value.fields) == {"reference"}
    with pytest.raises(ScoringStateError):
        criteria_set_approve(actor=None, criteria_set=criteria_set, reference="Biên bản")
    assert snapshot() == before


def test_opening_the_round_locks_the_set(sw):
    # when
    sw.open()
    # then
    sw.criteria_set.refresh_from_db()
    assert sw.criteria_set.status == CriteriaSetStatus.LOCKED
    assert not sw.criteria_set.is_editable


def test_copy_to_next_year_is_a_new_draft_version_1_with_every_criterion(world):
    # given
    source = criteria_set_build(world.bloc)
    # when
    copy = criteria_set_copy(actor=world.secretariat, source=source, year=YEAR + 1)
    # then
    assert (copy.year, copy.version, copy.status, copy.copied_from, copy.title) == (
        YEAR + 1,
        1,
        CriteriaSetStatus.DRAFT,
        source,
        source.title,
    )
    rows = lambda s: list(  # noqa: E731
        Criterion.objects.filter(group__criteria_set=s)
        .order_by("group__position", "position")
        .values_list("group__code", "code", "kind", "max_points")
    )
    assert rows(copy) == rows(source)
    assert AuditEvent.objects.filter(action="scoring.criteria_set_copied").count() == 1


def test_copy_to_a_year_that_has_a_set_is_refused(world):
    source = criteria_set_build(world.bloc)
    criteria_set_build(world.bloc, year=YEAR + 1, approve=False)
    before = snapshot()
    with pytest.raises(ScoringStateError):
        criteria_set_copy(actor=None, source=source, year=YEAR + 1)
    assert snapshot() == before


def test_a_new_version_of_the_same_year_needs_a_reason(world):
    # given
    source = criteria_set_build(world.bloc)
    before = snapshot()
    # when
    with pytest.raises(ScoringInvalid) as error:
        criteria_set_copy(actor=None, source=source, year=YEAR, reason="  ")
    # then
    assert set(error.value.fields) == {"reason"}
    assert snapshot() == before


def test_a_new_version_is_numbered_next_and_keeps_its_reason_and_only_one_draft_at_a_time(world):
    # given
    source = criteria_set_build(world.bloc)
    # when
    version_2 = criteria_set_copy(actor=None, source=source, year=YEAR, title="Bản sửa", reason="Thêm tiêu chí")
    # then
    assert (version_2.version, version_2.title, version_2.change_reason) == (2, "Bản sửa", "Thêm tiêu chí")
    assert CriteriaSet.objects.filter(bloc=world.bloc, year=YEAR).count() == 2
    before = snapshot()
    with pytest.raises(ScoringStateError):
        criteria_set_copy(actor=None, source=source, year=YEAR, reason="Lần nữa")
    assert snapshot() == before


def test_a_year_out_of_range_is_refused(world):
    with pytest.raises(ValidationFailed) as error:
        criteria_set_create(actor=None, bloc=world.bloc, year=1990, title="Cũ")
    assert set(error.value.fields) == {"year"}
    assert not CriteriaSet.objects.exists()
