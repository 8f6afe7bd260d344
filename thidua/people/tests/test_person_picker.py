"""The person picker (people.widgets): the options endpoint's scope, cap and query count, and the widget's markup."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from thidua.awards.forms import EligibilityForm
from thidua.awards.models import Title
from thidua.awards.tests.catalogue import title_catalogue  # noqa: F401  (the titles the eligibility page offers)
from thidua.organizations.models import Unit
from thidua.people.models import Person
from thidua.people.selectors import PICKER_LIMIT
from thidua.people.tests.conftest import Staff, actor_of, login
from thidua.people.tests.factories import PersonFactory
from thidua.people.widgets import PersonSearchField

OPTIONS = reverse("people:person-options")
FACTS = "awards.facts"
HIDDEN = "Không tìm thấy hoặc bạn không có quyền xem."


def _options(html: str) -> list[str]:
    """The labels of the non-empty options."""
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', html)


def _search(client: Client, q: str, scope: str = "") -> Any:
    return client.get(OPTIONS, {"q": q, **({"scope": scope} if scope else {})})


class _PickForm(forms.Form):
    person = PersonSearchField(label="Cá nhân", required=False, empty_label="— chọn cá nhân —")

    def __init__(self, data: Any = None, *, people: Any) -> None:
        super().__init__(data)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


def _people_of(unit: Unit) -> Any:
    return Person.objects.filter(assignments__unit=unit, assignments__ends_on__isnull=True)


# --- The endpoint ----------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in(staff: Staff, client: Client) -> None:
    response = _search(client, "minh", FACTS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("_case", "actor", "finds"),
    [
        ("officer of his unit", "officer_a1", True),
        ("head of the parent unit", "head_a", True),
        ("province office", "province_office", True),
        ("officer of another unit", "officer_b", False),
        ("office of another province", "q_office", False),
        ("bloc secretariat (his unit is not a member)", "secretariat", False),
        ("delegate of his unit (reads no facts)", "delegate", False),
        ("no role at all", "plain", False),
    ],
)
def test_the_facts_scope_offers_only_people_whose_facts_the_actor_reads(
    staff: Staff, client: Client, _case: str, actor: str, finds: bool
) -> None:
    # given
    login(client, actor_of(actor)(staff))
    # when
    response = _search(client, "minh", FACTS)
    # then
    assert response.status_code == 200
    assert (_options(response.content.decode()) == ["Nguyễn Văn Minh — Phòng Tổ chức An Phú"]) is finds
    assert ("Nguyễn Văn Minh" in response.content.decode()) is finds


@pytest.mark.parametrize(
    ("_case", "actor", "finds"),
    [
        ("officer of another unit (names are public to every role)", "officer_b", True),
        ("no role at all", "plain", False),
    ],
)
def test_without_a_scope_the_picker_offers_the_people_the_actor_may_see(
    staff: Staff, client: Client, _case: str, actor: str, finds: bool
) -> None:
    login(client, actor_of(actor)(staff))
    response = _search(client, "minh")
    assert ("Nguyễn Văn Minh" in response.content.decode()) is finds


def test_an_unknown_scope_is_not_found(staff: Staff, client: Client) -> None:
    client.force_login(staff.w.province_office)
    assert _search(client, "minh", "khong.co").status_code == 404


@pytest.mark.parametrize("q", ["nguyen van minh", "NGUYỄN văn MINH", "minh nguyen", "  Văn   Minh "])
def test_the_search_ignores_diacritics_case_and_word_order(staff: Staff, client: Client, q: str) -> None:
    # given
    PersonFactory(unit=staff.w.a1, full_name="Nguyễn Văn Mính")
    PersonFactory(unit=staff.w.a1, full_name="Nguyễn Thị Lan")
    client.force_login(staff.officer_a1)
    # when
    labels = _options(_search(client, q, FACTS).content.decode())
    # then
    assert labels == ["Nguyễn Văn Minh — Phòng Tổ chức An Phú", "Nguyễn Văn Mính — Phòng Tổ chức An Phú"]


@pytest.mark.parametrize("q", ["", "m", " n ", "đ"])
def test_a_query_shorter_than_two_letters_gets_a_hint_not_everyone(staff: Staff, client: Client, q: str) -> None:
    client.force_login(staff.w.province_office)
    html = _search(client, q, FACTS).content.decode()
    assert _options(html) == []
    assert "gõ ít nhất 2 chữ của họ tên để tìm" in html


def test_no_match_says_so(staff: Staff, client: Client) -> None:
    client.force_login(staff.w.province_office)
    html = _search(client, "không có ai", FACTS).content.decode()
    assert _options(html) == [] and "không tìm thấy cá nhân phù hợp" in html


def test_the_results_are_capped_and_say_there_are_more(staff: Staff, client: Client) -> None:
    # given
    for index in range(PICKER_LIMIT + 5):
        PersonFactory(unit=staff.w.a, full_name=f"Trần Văn Thử {index:02d}")
    client.force_login(staff.w.head_a)
    # when
    html = _search(client, "tran van thu", FACTS).content.decode()
    # then
    assert len(_options(html)) == PICKER_LIMIT
    assert f"{PICKER_LIMIT} kết quả đầu tiên, gõ thêm để thu hẹp" in html


@pytest.mark.parametrize("scope", ["", FACTS])
def test_the_endpoint_runs_a_fixed_number_of_queries(
    staff: Staff, client: Client, django_assert_num_queries: Any, scope: str
) -> None:
    # given: the session, the user, the grants, the people (one query, scope included)
    client.force_login(staff.w.head_a)
    with django_assert_num_queries(4):
        few = _search(client, "tran van", scope)
    for index in range(30):
        PersonFactory(unit=staff.w.a if index % 2 else staff.w.a1, full_name=f"Trần Văn Thử {index:02d}")
    # when / then
    with django_assert_num_queries(4):
        many = _search(client, "tran van", scope)
    assert _options(few.content.decode()) == []
    assert len(_options(many.content.decode())) == PICKER_LIMIT


# --- The widget and the field ----------------------------------------------------------------------------------


def test_the_widget_renders_only_the_selected_person_among_a_hundred(
    staff: Staff, django_assert_num_queries: Any
) -> None:
    # given
    people = [PersonFactory(unit=staff.w.b, full_name=f"Phạm Thị Thử {index:03d}") for index in range(100)]
    chosen = people[42]
    form = _PickForm({"person": str(chosen.pk)}, people=_people_of(staff.w.b))
    # when: validating reads the selected person (one scoped lookup), and rendering reads nobody else
    with django_assert_num_queries(1):
        assert form.is_valid()
        html = str(form["person"])
    # then
    assert html.count("<option") == 2
    assert '<option value="">— chọn cá nhân —</option>' in html
    assert f'<option value="{chosen.pk}" selected>Phạm Thị Thử 042</option>' in html
    assert f'hx-get="{OPTIONS}"' in html and "data-person-picker-search" in html


def test_an_initial_person_is_rendered_with_one_lookup(staff: Staff, django_assert_num_queries: Any) -> None:
    form = _PickForm(people=_people_of(staff.w.a1))
    form.initial = {"person": staff.minh.pk}
    with django_assert_num_queries(1):
        html = str(form["person"])
    assert html.count("<option") == 2 and f'<option value="{staff.minh.pk}" selected>' in html


def test_the_unbound_widget_renders_the_empty_choice_without_a_query(
    staff: Staff, django_assert_num_queries: Any
) -> None:
    form = _PickForm(people=_people_of(staff.w.a1))
    with django_assert_num_queries(0):
        html = str(form["person"])
    assert html.count("<option") == 1


def test_a_crafted_pk_outside_the_scope_is_refused_and_not_rendered(staff: Staff) -> None:
    # given: Minh works in A1; the form accepts the people of B only
    form = _PickForm({"person": str(staff.minh.pk)}, people=_people_of(staff.w.b))
    # when
    is_valid = form.is_valid()
    # then
    assert not is_valid
    assert form.errors["person"] == [HIDDEN]
    assert "Nguyễn Văn Minh" not in str(form["person"])


@pytest.mark.parametrize("value", ["abc", "-1", "999999"])
def test_a_malformed_or_missing_pk_is_refused(staff: Staff, value: str) -> None:
    form = _PickForm({"person": value}, people=_people_of(staff.w.a1))
    assert not form.is_valid()
    assert str(form["person"]).count("<option") == 1


def test_the_eligibility_page_keeps_the_chosen_person_after_an_error(staff: Staff, client: Client) -> None:
    # given
    client.force_login(staff.officer_a1)
    params = {"person": staff.minh.pk, "title": Title.objects.get(code="CSTD_TINH").pk, "year": "năm ngoái"}
    # when
    response = client.get(reverse("awards:eligibility"), params)
    # then
    html = response.content.decode()
    assert response.status_code == 422
    assert f'<option value="{staff.minh.pk}" selected>Nguyễn Văn Minh — Phòng Tổ chức An Phú</option>' in html


def test_the_eligibility_page_refuses_a_person_out_of_reach_without_naming_them(staff: Staff, client: Client) -> None:
    client.force_login(staff.officer_b)
    params = {"person": staff.minh.pk, "title": Title.objects.get(code="CSTD_TINH").pk, "year": 2024}
    response = client.get(reverse("awards:eligibility"), params)
    html = response.content.decode()
    assert response.status_code == 422
    assert HIDDEN in html and "Nguyễn Văn Minh" not in html


def test_the_eligibility_form_uses_the_picker(staff: Staff) -> None:
    form = EligibilityForm(people=Person.objects.none(), units=Unit.objects.none())
    assert isinstance(form.fields["person"], PersonSearchField)
