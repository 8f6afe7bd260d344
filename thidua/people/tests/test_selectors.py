"""Reads: search without diacritics, the unit filter (with the units below), duplicates, personal data by design."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from thidua.core.exceptions import NotFound
from thidua.people.selectors import (
    person_detail,
    person_find_duplicates,
    person_list_visible_to,
    person_view_get,
    person_views_from,
    unit_people_current,
)
from thidua.people.services import assignment_end
from thidua.people.tests.conftest import BIRTH, CODE, VISIBILITY, Staff, actor_of
from thidua.people.tests.factories import PersonFactory

PERSONAL = ("gender", "gender_label", "birth_date", "personnel_code")


@pytest.mark.parametrize("search", ["nguyen van minh", "Nguyễn Văn Minh", "NGUYEN  minh", "minh nguyen", "van min"])
def test_search_ignores_diacritics_case_spacing_and_word_order(staff: Staff, search: str) -> None:
    PersonFactory(full_name="Nguyễn Văn Mạnh", unit=staff.w.a1)
    names = [p.full_name for p in person_list_visible_to(actor=staff.w.head_a, search=search)]
    assert names == ["Nguyễn Văn Minh"]


def test_the_unit_filter_keeps_people_working_in_the_unit_or_below_now(staff: Staff) -> None:
    # given: Minh in A1 (under A), Lan in B, Hùng left A in 2020
    PersonFactory(full_name="Lê Thị Lan", unit=staff.w.b)
    hung = PersonFactory(full_name="Đặng Văn Hùng", unit=staff.w.a)
    assignment_end(actor=None, person=hung, ends_on=dt.date(2020, 12, 31))
    # when / then
    assert [p.full_name for p in person_list_visible_to(actor=staff.council, unit=staff.w.a)] == ["Nguyễn Văn Minh"]
    assert [p.full_name for p in person_list_visible_to(actor=staff.council, unit=staff.w.b)] == ["Lê Thị Lan"]
    assert len(person_list_visible_to(actor=staff.council)) == 3


def test_someone_who_left_shows_their_last_unit_and_is_not_in_service(staff: Staff) -> None:
    assignment_end(actor=None, person=staff.minh, ends_on=dt.date(2024, 12, 31))
    view = person_view_get(actor=staff.officer_a1, person_id=staff.minh.pk)
    assert (view.unit_id, view.is_in_service, view.birth_date) == (staff.w.a1.pk, False, BIRTH)


@pytest.mark.parametrize(("_case", "actor", "sees"), VISIBILITY)
def test_personal_data_is_none_unless_the_actor_may_see_it(staff: Staff, _case: str, actor: str, sees: bool) -> None:
    user = actor_of(actor)(staff)
    listed = person_views_from(person_list_visible_to(actor=user))
    one = person_view_get(actor=user, person_id=staff.minh.pk)
    detail = person_detail(actor=user, person_id=staff.minh.pk).person
    for view in (*listed, one, detail):
        assert view.full_name == "Nguyễn Văn Minh"
        assert view.can_view_personal is sees
        values = dataclasses.astuple(view)
        assert (BIRTH in values, CODE in values) == (sees, sees)
        assert all((getattr(view, name) is not None) is sees for name in PERSONAL)


@pytest.mark.parametrize(("_case", "actor"), [("anonymous", "anonymous"), ("no role", "plain")])
def test_people_are_hidden_from_those_without_a_role(staff: Staff, _case: str, actor: str) -> None:
    user = actor_of(actor)(staff)
    assert list(person_list_visible_to(actor=user)) == []
    assert unit_people_current(actor=user, unit=staff.w.a1) == ([], 0)
    with pytest.raises(NotFound):
        person_view_get(actor=user, person_id=staff.minh.pk)


def test_a_missing_person_is_not_found(staff: Staff) -> None:
    with pytest.raises(NotFound):
        person_detail(actor=staff.w.province_office, person_id=999_999)


def test_duplicates_match_the_folded_name_and_the_birth_date(staff: Staff) -> None:
    PersonFactory(full_name="Nguyễn Văn Minh", birth_date=dt.date(1985, 1, 1), unit=staff.w.b)
    no_birth = PersonFactory(full_name="Nguyen Van Minh", birth_date=None, unit=staff.w.b)
    assert list(person_find_duplicates("nguyen  van MINH", BIRTH)) == [staff.minh]
    assert list(person_find_duplicates("Nguyễn Văn Minh", None)) == [no_birth]
    assert list(person_find_duplicates("Nguyễn Văn Mạnh", BIRTH)) == []


def test_unit_people_lists_the_unit_itself_capped_with_the_total(staff: Staff) -> None:
    for n in range(3):
        PersonFactory(full_name=f"Cán bộ {n}", unit=staff.w.a1)
    PersonFactory(full_name="Ở sở A", unit=staff.w.a)
    people, total = unit_people_current(actor=staff.delegate, unit=staff.w.a1, limit=2)
    assert (len(people), total) == (2, 4)
    assert all(p.birth_date is None for p in people)
