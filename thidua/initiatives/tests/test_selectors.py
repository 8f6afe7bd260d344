"""Duplicates, statistics (constant queries) and the bloc year board column."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.emulation.year_board import year_board_for
from thidua.initiatives.choices import RecognitionLevel
from thidua.initiatives.selectors import initiative_find_duplicates, initiative_list_visible_to, initiative_statistics
from thidua.initiatives.tests.factories import initiative_make, recognise
from thidua.initiatives.year_board import initiatives_year_board

pytestmark = pytest.mark.django_db


def test_search_ignores_diacritics(lab):
    # given
    initiative_make(unit=lab.w.a, authors=[lab.lan], title="Cải tiến quy trình tiếp nhận hồ sơ")
    # when
    found = initiative_list_visible_to(actor=lab.w.officer_a, search="cai tien QUY trinh")
    # then
    assert [i.title for i in found] == ["Cải tiến quy trình tiếp nhận hồ sơ"]


def test_near_title_with_a_shared_author_is_flagged_not_a_different_initiative(lab):
    # given
    existing = initiative_make(unit=lab.w.a, authors=[lab.lan, lab.minh], title="Cải tiến quy trình tiếp nhận hồ sơ")
    initiative_make(unit=lab.w.a, authors=[lab.minh], title="Tự động hóa báo cáo thống kê")
    # when
    near = initiative_find_duplicates(
        actor=lab.w.officer_a,
        title="Cai tien quy trinh tiep nhan ho so.",
        applied_on=dt.date(2019, 9, 1),
        person_ids=[lab.lan.pk],
    )
    other_year = initiative_find_duplicates(
        actor=lab.w.officer_a,
        title="Cải tiến quy trình tiếp nhận hồ sơ",
        applied_on=dt.date(2021, 1, 1),
        person_ids=[lab.lan.pk],
    )
    # then
    assert [d.id for d in near] == [existing.pk]
    assert near[0].shared_authors == 1
    assert other_year == []


def test_identical_title_is_flagged_even_without_shared_authors(lab):
    existing = initiative_make(unit=lab.w.a, authors=[lab.lan], title="Số hóa hồ sơ lưu trữ")
    found = initiative_find_duplicates(
        actor=lab.w.officer_a, title="SỐ HÓA  hồ sơ lưu trữ", applied_on=dt.date(2019, 5, 5), person_ids=[]
    )
    assert [d.id for d in found] == [existing.pk]


def _seed(lab, n: int) -> None:
    for i in range(n):
        unit, author = (lab.w.a, lab.lan) if i % 2 else (lab.w.b, lab.binh)
        initiative = initiative_make(unit=unit, authors=[author], title=f"Sáng kiến số {i}")
        recognise(initiative)
        if i % 5 == 0:
            recognise(initiative, RecognitionLevel.PROVINCE, on=dt.date(2019, 12, 20))


def test_statistics_count_by_unit_bloc_year_and_current_level(lab):
    # given: 10 initiatives, 2 of them (0 and 5) then recognised at tỉnh; 0 is B's, 5 is A's
    _seed(lab, 10)
    # when
    stats = initiative_statistics(actor=lab.w.province_office, year=2019)
    # then
    assert [(r.bloc_id, r.counts.base, r.counts.province) for r in stats.by_bloc] == [(lab.w.bloc.pk, 8, 2)]
    by_unit = {r.unit_id: (r.counts.base, r.counts.province) for r in stats.by_unit}
    assert by_unit == {lab.w.a.pk: (4, 1), lab.w.b.pk: (4, 1)}
    assert stats.by_year[2019].total == 10


def test_statistics_are_scoped_to_what_the_actor_reads(lab):
    _seed(lab, 4)
    assert initiative_statistics(actor=lab.officer_b, year=2019).by_year[2019].total == 2
    assert initiative_statistics(actor=lab.w.q_office, year=2019).by_year == {}


def test_statistics_run_a_constant_number_of_queries(lab):
    # given
    _seed(lab, 10)
    with CaptureQueriesContext(connection) as small:
        initiative_statistics(actor=lab.w.province_office)
    _seed(lab, 190)
    lab.w.province_office.__dict__.pop("_thidua_grants", None)
    # when
    with CaptureQueriesContext(connection) as large:
        stats = initiative_statistics(actor=lab.w.province_office)
    # then
    assert len(large.captured_queries) == len(small.captured_queries)
    assert stats.by_year[2019].total == 200


def test_year_board_column_reads_the_counts_from_the_data(lab, django_assert_num_queries):
    # given
    _seed(lab, 10)
    # when
    with django_assert_num_queries(1):
        contribution = initiatives_year_board(lab.w.bloc, 2019, [lab.w.a.pk, lab.w.b.pk, lab.w.a1.pk])
    # then
    cells = contribution.columns[0].cells
    assert str(contribution.columns[0].title) == "Sáng kiến"
    assert str(cells[lab.w.a.pk].text) == "4 cơ sở / 1 tỉnh"
    assert str(cells[lab.w.a1.pk].text) == "0 cơ sở / 0 tỉnh"
    board = year_board_for(lab.w.bloc, 2019, [lab.w.a.pk])
    assert any(str(c.title) == "Sáng kiến" for c in board.columns)
