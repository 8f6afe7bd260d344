"""R24 (province submission deadlines, Bắc Ninh model) and R25 (national deadlines): every row cites its clause, with
the day before, of and after each deadline (STYLE S27)."""

import datetime as dt

import pytest

from thidua.awards.models.dossiers import DossierKind
from thidua.awards.rules.deadlines import (
    AD_HOC,
    KINDS,
    SCHOOL_YEAR,
    THEMATIC,
    YEAR_END,
    DeadlineParams,
    province_params,
    submission_deadline,
    submission_deadlines,
)

P = pytest.param
ON = DeadlineParams(is_enabled=True)
OFF = DeadlineParams(is_enabled=False)
EVENT = dt.date(2025, 9, 2)


def _deadline(kind=YEAR_END, year=2025, event_date=None, titles=(), regime="C", params=ON):
    return submission_deadline(
        kind=kind, year=year, event_date=event_date, title_codes=set(titles), regime=regime, params=params
    )


@pytest.mark.parametrize(
    ("kind", "event_date", "submitted_on", "late"),
    [
        P(YEAR_END, None, dt.date(2025, 12, 8), False, id="R24 — QĐ 86/2025 Bắc Ninh Điều 6.2: 08/12, before 10/12"),
        P(YEAR_END, None, dt.date(2025, 12, 9), False, id="R24 — Điều 6.2: 09/12, the last day before 10/12"),
        P(YEAR_END, None, dt.date(2025, 12, 10), True, id="R24 — Điều 6.2: 10/12 is no longer before 10/12"),
        P(SCHOOL_YEAR, None, dt.date(2025, 7, 8), False, id="R24 — Điều 6.3: education, 08/07, before 10/7"),
        P(SCHOOL_YEAR, None, dt.date(2025, 7, 9), False, id="R24 — Điều 6.3: education, 09/07, the last day"),
        P(SCHOOL_YEAR, None, dt.date(2025, 7, 10), True, id="R24 — Điều 6.3: education, 10/07 is late"),
        P(THEMATIC, EVENT, dt.date(2025, 8, 22), False, id="R24 — Điều 6.1: 11 days before the event"),
        P(THEMATIC, EVENT, dt.date(2025, 8, 23), False, id="R24 — Điều 6.1: exactly 10 days before the event"),
        P(THEMATIC, EVENT, dt.date(2025, 8, 24), True, id="R24 — Điều 6.1: 9 days before the event is late"),
    ],
)
def test_r24_province_deadlines(kind, event_date, submitted_on, late):
    deadline = _deadline(kind=kind, event_date=event_date)
    assert deadline is not None and deadline.rule == "R24"
    assert deadline.citation.document == "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh" and deadline.citation.article == "Điều 6"
    assert deadline.is_missed_by(submitted_on) is late


@pytest.mark.parametrize(
    ("kind", "clause", "on"),
    [
        P(YEAR_END, "khoản 2", dt.date(2025, 12, 9), id="R24 — Điều 6.2: year-end, before 10/12/2025"),
        P(SCHOOL_YEAR, "khoản 3", dt.date(2025, 7, 9), id="R24 — Điều 6.3: school year, before 10/7/2025"),
        P(THEMATIC, "khoản 1", dt.date(2025, 8, 23), id="R24 — Điều 6.1: event 02/09/2025 − 10 days"),
    ],
)
def test_r24_cites_its_clause(kind, clause, on):
    deadline = _deadline(kind=kind, event_date=EVENT)
    assert (deadline.date, deadline.citation.clause) == (on, clause)
    assert deadline.basis == f"R24 — QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 6 {clause}"


@pytest.mark.parametrize(
    ("_case", "kind", "event_date", "params"),
    [
        ("R24 — Điều 6.1: đột xuất awards are exempt", AD_HOC, None, ON),
        ("R24 — Điều 6.1: a thematic dossier without its event date has none", THEMATIC, None, ON),
        ("R24 — switched off by the province (or outside regime C)", YEAR_END, None, OFF),
    ],
)
def test_r24_does_not_apply(_case, kind, event_date, params):
    assert _deadline(kind=kind, event_date=event_date, params=params) is None


@pytest.mark.parametrize(
    ("kind", "titles", "regime", "on", "clause"),
    [
        P(
            YEAR_END,
            {"CSTD_TQ"},
            "B",
            dt.date(2025, 12, 31),
            "khoản 1 điểm a",
            id="R25 — NĐ 98/2023 Điều 32.1.a: CSTĐ TQ, 31/12 of year+1",
        ),
        P(
            YEAR_END,
            {"CO_CP"},
            "B",
            dt.date(2025, 6, 30),
            "khoản 1 điểm b",
            id="R25 — NĐ 98/2023 Điều 32.1.b: Cờ CP, 30/6",
        ),
        P(
            SCHOOL_YEAR,
            {"CO_CP"},
            "B",
            dt.date(2024, 12, 31),
            "khoản 1 điểm b",
            id="R25 — Điều 32.1.b: Cờ CP, education 31/12",
        ),
        P(
            YEAR_END,
            {"CO_CP", "CSTD_TQ"},
            "C",
            dt.date(2025, 6, 30),
            "khoản 1 điểm b",
            id="R25 — C keeps ND 98 (UNVERIFIED): the earliest",
        ),
    ],
)
def test_r25_national_deadlines(kind, titles, regime, on, clause):
    deadline = _deadline(kind=kind, year=2024, titles=titles, regime=regime, params=OFF)
    assert (deadline.date, deadline.rule, deadline.citation.clause) == (on, "R25", clause)
    assert deadline.citation.document == "Nghị định 98/2023/NĐ-CP"
    assert not deadline.is_missed_by(on)
    assert deadline.is_missed_by(on + dt.timedelta(days=1))
    assert not deadline.is_missed_by(on - dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("_case", "titles", "regime"),
    [
        ("R25 — NĐ 98/2023 Điều 32: no national title, no national deadline", {"LDTT", "CSTD_TINH"}, "B"),
        ("R25 — regime A: NĐ 98/2023 not yet in force", {"CSTD_TQ", "CO_CP"}, "A"),
    ],
)
def test_r25_does_not_apply(_case, titles, regime):
    assert _deadline(year=2022, titles=titles, regime=regime, params=OFF) is None


def test_the_earliest_of_r24_and_r25_applies():
    every = submission_deadlines(
        kind=YEAR_END, year=2025, event_date=None, title_codes={"CSTD_TQ"}, regime="C", params=ON
    )
    assert [(d.rule, d.date) for d in every] == [("R24", dt.date(2025, 12, 9)), ("R25", dt.date(2026, 12, 31))]
    assert _deadline(titles={"CSTD_TQ"}).rule == "R24"


@pytest.mark.parametrize(
    ("_case", "regime", "configured", "expected"),
    [
        ("R24 — Bắc Ninh model is regime C: on by default", "C", {}, DeadlineParams(True)),
        ("R24 — regime B: off unless the province switches it on", "B", {}, DeadlineParams(False)),
        ("R24 — regime A: off by default", "A", {}, DeadlineParams(False)),
        ("R24 — the province switches it on in B", "B", {"is_enabled": True}, DeadlineParams(True)),
        ("R24 — the province switches it off (UNVERIFIED locally)", "C", {"is_enabled": False}, DeadlineParams(False)),
        (
            "R24 — the province moves the year-end deadline to 15/12",
            "C",
            {"year_end_day": 15, "year_end_month": 12, "thematic_days": 15},
            DeadlineParams(True, year_end_day=15, thematic_days=15),
        ),
        (
            "R24 — a day and month that make no date keep the default",
            "C",
            {"year_end_day": 31, "year_end_month": 11, "school_year_day": 40},
            DeadlineParams(True),
        ),
        (
            "R24 — values that are not whole numbers keep the default",
            "C",
            {"thematic_days": 2.5, "year_end_day": "15", "school_year_month": True, "is_enabled": "có"},
            DeadlineParams(True),
        ),
        ("R24 — 29/02 is a day of some years", "C", {"school_year_day": 29, "school_year_month": 2}, None),
    ],
)
def test_province_params(_case, regime, configured, expected):
    params = province_params(regime, configured)
    if expected is None:
        assert (params.school_year_day, params.school_year_month) == (29, 2)
    else:
        assert params == expected


@pytest.mark.parametrize(
    ("year", "on"),
    [
        P(2024, dt.date(2024, 2, 28), id="R24 — before 29/02 in a leap year: 28/02"),
        P(2025, dt.date(2025, 2, 28), id="R24 — before 29/02 in a common year: 28/02"),
    ],
)
def test_a_configured_29_february(year, on):
    params = province_params("C", {"school_year_day": 29, "school_year_month": 2})
    assert _deadline(kind=SCHOOL_YEAR, year=year, params=params).date == on


def test_a_moved_year_end_deadline_applies():
    params = province_params("C", {"year_end_day": 20})
    deadline = _deadline(params=params)
    assert deadline.date == dt.date(2025, 12, 19)


def test_the_kinds_are_the_dossier_kinds():
    assert set(KINDS) == set(DossierKind.values)
