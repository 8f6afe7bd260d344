import datetime as dt

import pytest

from thidua.awards.choices import TitleSubject
from thidua.awards.models import Title
from thidua.awards.selectors import title_list_in_force

pytestmark = pytest.mark.django_db


def test_the_minimal_catalogue_is_seeded():
    # given / when
    codes = set(Title.objects.values_list("code", flat=True))
    # then
    assert {"LDTT", "CSTDCS", "CSTD_TINH", "TTLDTT", "TTLDXS", "CO_TINH", "BK_TINH", "GK"} <= codes


@pytest.mark.parametrize(
    ("_case", "day"),
    [
        ("regime A: 2019", dt.date(2019, 12, 31)),
        ("regime B: first day of Law 2022", dt.date(2024, 1, 1)),
        ("regime C: first day of ND 152/2025", dt.date(2025, 7, 1)),
    ],
)
def test_collective_titles_are_in_force_in_every_regime(_case, day):
    # when
    codes = set(title_list_in_force(on=day, subject=TitleSubject.COLLECTIVE).values_list("code", flat=True))
    # then
    assert {"TTLDTT", "TTLDXS", "CO_TINH", "GK", "BK_TINH"} <= codes
    assert "LDTT" not in codes


def test_individual_titles_exclude_collective_ones():
    # when
    codes = set(
        title_list_in_force(on=dt.date(2019, 6, 1), subject=TitleSubject.INDIVIDUAL).values_list("code", flat=True)
    )
    # then
    assert {"LDTT", "CSTDCS", "CSTD_TINH", "GK"} <= codes
    assert "TTLDXS" not in codes


def test_a_title_out_of_force_is_not_offered():
    # given
    Title.objects.filter(code="CO_CP").update(valid_to=dt.date(2023, 12, 31))
    # when
    codes = set(title_list_in_force(on=dt.date(2024, 1, 1)).values_list("code", flat=True))
    # then
    assert "CO_CP" not in codes
