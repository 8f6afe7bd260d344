"""Pages of the awards app: eligibility, history, the unit's section, the rules and the province's adjustments."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import ParameterOverride, Title
from thidua.awards.services import award_record_revoke, task_rating_set
from thidua.awards.tests.factories import award_give
from thidua.people.tests.factories import PersonFactory

ELIGIBILITY = reverse("awards:eligibility")
HISTORY = reverse("awards:history")
RULES = reverse("awards:rules")


@pytest.fixture(autouse=True)
def _no_2fa(settings):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False


@pytest.fixture
def lan(world):
    person = PersonFactory(unit=world.a, full_name="Nguyễn Thị Lan")
    for year in (2017, 2018, 2019):
        task_rating_set(actor=None, person=person, year=year, rating="htxsnv")
        award_give("CSTDCS", year, person=person)
    return person


@pytest.fixture
def records(world, lan):
    """Lan (unit A), unit B, and a person of the other province; one of Lan's awards revoked."""
    revoked = award_give("LDTT", 2016, person=lan)
    award_record_revoke(
        actor=None, record=revoked, revoked_on=dt.date(2018, 5, 1), reference="QĐ 9/QĐ-UBND", reason="Khai man"
    )
    award_give("TTLDTT", 2019, unit=world.b)
    award_give("LDTT", 2019, person=PersonFactory(unit=world.q1, full_name="Trương Văn Quý"))


def _login(client, user):
    if user is not None:
        client.force_login(user)


def _eligibility(subject, code="CSTD_TINH", **extra):
    title = Title.objects.get(code=code)
    return {"person": subject.pk, "title": title.pk, "year": 2019, "reference_date": "2020-01-15", **extra}


# --- Eligibility --------------------------------------------------------------------------------------------------


def test_the_eligibility_page_shows_the_verdict_with_regime_and_citations(client, world, lan):
    # given
    client.force_login(world.head_a)
    # when
    response = client.get(ELIGIBILITY, _eligibility(lan))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chế độ pháp lý A" in content and "Nghị định 91/2017/NĐ-CP" in content
    assert 'id="verdict"' in content
    verdict = response.context["verdict"]
    assert verdict.rule_set == "CSTD_TINH/A/1" and verdict.lines
    assert all(line.citation.document and line.citation.document in content for line in verdict.lines)
    assert any(label in content for label in ("Đủ điều kiện", "Không đủ điều kiện", "Cần xác nhận"))


def test_the_unbound_page_offers_the_form_with_today_and_its_regime(client, world, lan, today):
    client.force_login(world.province_office)
    response = client.get(ELIGIBILITY)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="verdict"' not in content
    # the person is searched for, never listed: Lan is found through the picker's endpoint, within the facts scope
    assert "Nguyễn Thị Lan" not in content
    assert f'hx-get="{reverse("people:person-options")}?scope=awards.facts"' in content
    assert response.context["form"]["reference_date"].value() == today
    assert "Chế độ pháp lý" in content


def test_a_title_without_rule_set_says_so(client, world, lan):
    client.force_login(world.head_a)
    response = client.get(ELIGIBILITY, _eligibility(lan, code="BK_TINH"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chưa có quy định để kiểm tra tự động" in content and 'id="verdict"' not in content


def test_a_collective_is_checked_under_regime_c(client, world):
    client.force_login(world.province_office)
    title = Title.objects.get(code="TTLDTT")
    params = {"unit": world.b.pk, "title": title.pk, "year": 2025, "reference_date": "2025-12-01"}
    response = client.get(ELIGIBILITY, params)
    assert response.status_code == 200
    assert response.context["verdict"].rule_set == "TTLDTT/C/1"
    assert "Nghị định 152/2025/NĐ-CP" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "hai nghìn"}, "year"),
        ({"year": "1990"}, "year"),
        ({"reference_date": "31/31/2020"}, "reference_date"),
        ({"person": ""}, "person"),
    ],
)
def test_bad_input_keeps_the_values_with_messages(client, world, lan, params, field):
    client.force_login(world.head_a)
    response = client.get(ELIGIBILITY, _eligibility(lan, **params))
    assert response.status_code == 422
    form = response.context["form"]
    assert form.errors[field]
    assert str(form["title"].value()) == str(Title.objects.get(code="CSTD_TINH").pk)
    assert 'id="verdict"' not in response.content.decode()


def test_a_unit_for_an_individual_title_is_refused_on_the_title(client, world):
    client.force_login(world.province_office)
    title = Title.objects.get(code="CSTDCS")
    response = client.get(ELIGIBILITY, {"unit": world.b.pk, "title": title.pk, "year": 2019})
    assert response.status_code == 422
    assert "chỉ xét cho cá nhân" in response.content.decode()


@pytest.mark.parametrize("who", ["head_b", "q_office"])
def test_a_person_out_of_reach_is_not_evaluated(client, world, lan, who):
    client.force_login(getattr(world, who))
    response = client.get(ELIGIBILITY, _eligibility(lan))
    content = response.content.decode()
    assert response.status_code == 422
    assert "Nguyễn Thị Lan" not in content and 'id="verdict"' not in content
    assert "Không tìm thấy hoặc bạn không có quyền xem." in content


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("plain", 404), ("head_a", 200), ("secretariat", 200)])
def test_who_opens_the_eligibility_page(client, world, who, status):
    _login(client, getattr(world, who) if who else None)
    response = client.get(ELIGIBILITY)
    assert response.status_code == status
    if status == 302:
        assert "login" in response["Location"] or "dang-nhap" in response["Location"]


def test_the_eligibility_page_runs_a_constant_number_of_queries(client, world, lan):
    client.force_login(world.province_office)
    client.get(ELIGIBILITY, _eligibility(lan))
    with CaptureQueriesContext(connection) as few:
        client.get(ELIGIBILITY, _eligibility(lan))
    for index in range(8):
        PersonFactory(unit=world.a if index % 2 else world.b, full_name=f"Cán bộ {index}")
    for year in (2014, 2015, 2016):
        award_give("LDTT", year, person=lan)
        task_rating_set(actor=None, person=lan, year=year, rating="httnv")
    with CaptureQueriesContext(connection) as many:
        client.get(ELIGIBILITY, _eligibility(lan))
    assert len(many) == len(few)


# --- History ------------------------------------------------------------------------------------------------------


def test_the_history_lists_decisions_and_strikes_revoked_ones(client, world, records):
    client.force_login(world.province_office)
    response = client.get(HISTORY)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Thị Lan" in content and "Sở Y tế Bình Minh" in content
    assert "CSTDCS-2019/QĐ" in content and "20/12/2019" in content
    assert "<del>" in content and "Khai man" in content and "QĐ 9/QĐ-UBND" in content
    assert "Trương Văn Quý" not in content


def test_the_history_filters_by_name_without_diacritics_year_and_title(client, world, records):
    client.force_login(world.province_office)
    by_name = client.get(HISTORY, {"q": "nguyen thi lan"}).content.decode()
    assert "Nguyễn Thị Lan" in by_name and "Sở Y tế Bình Minh" not in by_name
    by_unit = client.get(HISTORY, {"q": "so y te"}).content.decode()
    assert "Sở Y tế Bình Minh" in by_unit and "Nguyễn Thị Lan" not in by_unit
    by_year = client.get(HISTORY, {"year": 2018}).context["page"].object_list
    assert [(r.title.code, r.year) for r in by_year] == [("CSTDCS", 2018)]
    ldtt = Title.objects.get(code="LDTT")
    by_title = client.get(HISTORY, {"title": ldtt.pk}).context["page"].object_list
    assert [r.year for r in by_title] == [2016]


def test_a_bad_filter_keeps_the_values(client, world, records):
    client.force_login(world.province_office)
    response = client.get(HISTORY, {"q": "lan", "year": "năm ngoái"})
    assert response.status_code == 422
    assert response.context["form"].errors["year"]
    assert 'value="lan"' in response.content.decode()


@pytest.mark.parametrize(
    ("who", "status", "sees"),
    [
        (None, 302, set()),
        ("plain", 404, set()),
        ("head_a", 200, {"lan"}),
        ("head_b", 200, {"b"}),
        ("secretariat", 200, {"lan", "b"}),
        ("province_office", 200, {"lan", "b"}),
        ("q_office", 200, {"quy"}),
    ],
)
def test_who_sees_which_records(client, world, records, who, status, sees):
    _login(client, getattr(world, who) if who else None)
    response = client.get(HISTORY)
    assert response.status_code == status
    content = response.content.decode() if status == 200 else ""
    assert ("Nguyễn Thị Lan" in content) == ("lan" in sees)
    assert ("Sở Y tế Bình Minh" in content) == ("b" in sees)
    assert ("Trương Văn Quý" in content) == ("quy" in sees)


def test_the_history_runs_a_constant_number_of_queries(client, world):
    client.force_login(world.province_office)
    people = [PersonFactory(unit=world.a if i % 2 else world.b) for i in range(20)]
    for person in people[:5]:
        award_give("LDTT", 2019, person=person)
    with CaptureQueriesContext(connection) as few:
        response = client.get(HISTORY)
    assert len(response.context["page"].object_list) == 5
    for person in people[5:]:
        award_give("LDTT", 2019, person=person)
    with CaptureQueriesContext(connection) as many:
        response = client.get(HISTORY)
    assert len(response.context["page"].object_list) == 20
    assert len(many) == len(few)


# --- The unit's page ----------------------------------------------------------------------------------------------


def test_the_unit_page_shows_ratings_and_awards_by_year(client, world):
    task_rating_set(actor=None, unit=world.b, year=2019, rating="htxsnv")
    award_give("TTLDTT", 2019, unit=world.b)
    client.force_login(world.head_b)
    content = client.get(reverse("organizations:unit-detail", kwargs={"unit_id": world.b.pk})).content.decode()
    assert "Danh hiệu, khen thưởng" in content
    assert "Hoàn thành xuất sắc nhiệm vụ" in content and "TTLDTT-2019/QĐ" in content


def test_the_unit_section_is_hidden_from_those_who_do_not_read_its_facts(client, world):
    award_give("TTLDTT", 2019, unit=world.b)
    client.force_login(world.head_a)
    response = client.get(reverse("organizations:unit-detail", kwargs={"unit_id": world.b.pk}))
    content = response.content.decode()
    assert "TTLDTT-2019/QĐ" not in content and "Danh hiệu, khen thưởng" not in content


# --- Rules and the province's adjustments --------------------------------------------------------------------------


def _override(world, **extra):
    return {
        "province": world.p.pk,
        "rule_set_key": "",
        "condition_code": "initiative_at_level",
        "param": "window_years",
        "value": "2",
        "valid_from": "2025-01-01",
        "decision_reference": "QĐ 5/2025/QĐ-UBND ngày 02/01/2025",
        **extra,
    }


def test_everyone_signed_in_reads_the_rules_but_only_the_office_adjusts(client, world):
    client.force_login(world.plain)
    response = client.get(RULES)
    content = response.content.decode()
    assert response.status_code == 200
    assert "CSTD_TINH/A/1" in content and "có thể điều chỉnh" in content and "Nghị định 91/2017/NĐ-CP" in content
    assert response.context["form"] is None and "Thêm điều chỉnh" not in content
    client.force_login(world.province_office)
    assert "Thêm điều chỉnh" in client.get(RULES).content.decode()


def test_anonymous_is_sent_to_sign_in(client, world):
    assert client.get(RULES).status_code == 302
    assert client.post(RULES, _override(world)).status_code == 302
    assert not ParameterOverride.objects.exists()


def test_the_office_adds_an_override(client, world):
    client.force_login(world.province_office)
    response = client.post(RULES, _override(world))
    assert response.status_code == 302
    override = ParameterOverride.objects.get()
    assert (override.province, override.condition_code, override.param, override.value) == (
        world.p,
        "initiative_at_level",
        "window_years",
        2,
    )
    assert override.valid_from == dt.date(2025, 1, 1) and override.created_by == world.province_office
    listing = client.get(RULES).content.decode()
    assert "QĐ 5/2025/QĐ-UBND ngày 02/01/2025" in listing


def test_the_province_parameters_outside_the_conditions_are_listed_with_their_defaults(client, world):
    client.force_login(world.plain)
    content = client.get(RULES).content.decode()
    assert "Tham số chung của tỉnh" in content
    for code in ("cstdcs_quota", "council_threshold", "council_quorum", "submission_deadline"):
        assert f"<code>{code}</code>" in content
    assert "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh" in content


@pytest.mark.parametrize(
    ("code", "param", "raw", "stored"),
    [
        ("council_quorum", "share", "0,75", 0.75),
        ("submission_deadline", "year_end_day", "5", 5),
        ("submission_deadline", "is_enabled", "không", False),
        ("cstdcs_quota", "share", "0.1", 0.1),
    ],
)
def test_the_office_adjusts_a_province_parameter(client, world, code, param, raw, stored):
    client.force_login(world.province_office)
    response = client.post(RULES, _override(world, condition_code=code, param=param, value=raw))
    assert response.status_code == 302
    override = ParameterOverride.objects.get()
    assert (override.condition_code, override.param, override.value) == (code, param, stored)


@pytest.mark.parametrize(
    ("code", "param", "raw", "field"),
    [
        ("submission_deadline", "year_end_day", "mười", "value"),
        ("submission_deadline", "is_enabled", "5", "value"),
        ("council_quorum", "thematic_days", "5", "param"),
    ],
)
def test_a_bad_province_parameter_is_refused_on_the_form(client, world, code, param, raw, field):
    client.force_login(world.province_office)
    response = client.post(RULES, _override(world, condition_code=code, param=param, value=raw))
    assert response.status_code == 422
    assert response.context["form"].errors[field]
    assert not ParameterOverride.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"decision_reference": ""}, "decision_reference"),
        ({"value": "abc"}, "value"),
        ({"value": "1,5"}, "value"),
        ({"param": "share"}, "param"),
        ({"valid_from": "hôm qua"}, "valid_from"),
        ({"condition_code": "manual"}, "condition_code"),
    ],
)
def test_bad_override_keeps_the_values(client, world, extra, field):
    client.force_login(world.province_office)
    response = client.post(RULES, _override(world, **extra))
    assert response.status_code == 422
    assert response.context["form"].errors[field]
    content = response.content.decode()
    assert 'value="2025-01-01"' in content or field == "valid_from"
    assert not ParameterOverride.objects.exists()


def test_the_same_override_twice_is_refused_on_the_form(client, world):
    client.force_login(world.province_office)
    client.post(RULES, _override(world))
    response = client.post(RULES, _override(world, value="3"))
    assert response.status_code == 422
    assert response.context["form"].non_field_errors()
    assert ParameterOverride.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), [("head_a", 404), ("plain", 404), ("q_office", 422)])
def test_others_cannot_adjust_the_province(client, world, who, status):
    client.force_login(getattr(world, who))
    response = client.post(RULES, _override(world))
    assert response.status_code == status
    assert not ParameterOverride.objects.exists()
