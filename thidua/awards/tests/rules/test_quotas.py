"""R03/R03A quota, R12 council threshold, R13 council quorum, R26 decision authority, R27 reward amount (STYLE S27: rows cite clauses)."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from thidua.awards.rules.context import MemberFacts
from thidua.awards.rules.quotas import (
    base_salary_on,
    council_quorum,
    council_quorum_met,
    council_threshold,
    council_vote_passes,
    cstdcs_quota,
    cstdcs_quota_check,
    decision_authority,
    gender_priority,
    reward_amount,
    reward_coefficient,
)
from thidua.awards.tests.rules.builders import collective, person

P = pytest.param


@pytest.mark.parametrize(
    ("n_ldtt", "regime", "share", "cap"),
    [
        P(13, "A", None, 1, id="R03A — NĐ 91/2017 Điều 9.3: 13 LĐTT × 15% = 1.95 → 1"),
        P(20, "A", None, 3, id="R03A — NĐ 91/2017 Điều 9.3: 20 LĐTT × 15% = 3"),
        P(6, "A", None, 0, id="R03A — NĐ 91/2017 Điều 9.3: 6 LĐTT × 15% = 0.9 → 0"),
        P(100, "A", 0.10, 10, id="R03A — NĐ 91/2017 Điều 9.3: tỉnh sets a lower share (cfg)"),
        P(100, "B", None, None, id="R03 — Luật 06/2022 Điều 23: no national cap (B)"),
        P(100, "C", None, None, id="R03 — Luật 06/2022 Điều 23: no national cap (C)"),
        P(40, "C", 0.15, 6, id="R03 — province-configured cap in C"),
    ],
)
def test_cstdcs_quota(n_ldtt, regime, share, cap):
    assert cstdcs_quota(n_ldtt, regime, share) == cap


def test_cstdcs_quota_check_facts():
    ok, facts = cstdcs_quota_check(2, 13, "A")
    assert not ok
    assert facts == "2 CSTĐCS / 13 LĐTT; tối đa 1 (15%)"
    ok, facts = cstdcs_quota_check(1, 13, "A")
    assert ok
    ok, facts = cstdcs_quota_check(9, 10, "B")
    assert ok
    assert "không giới hạn" in facts


@pytest.mark.parametrize(
    ("title", "n", "regime", "share", "needed"),
    [
        P("CSTD_TINH", 9, "B", None, 9, id="R12 — NĐ 98/2023 Điều 30.7: 9 members × 90% = 8.1 → 9"),
        P("CSTD_TQ", 20, "B", None, 18, id="R12 — NĐ 98/2023 Điều 30.7: 20 × 90% = 18"),
        P("CSTDCS", 9, "B", None, 8, id="R12 — NĐ 98/2023 Điều 30.7: 9 × 80% = 7.2 → 8"),
        P("CO_TINH", 15, "B", None, 12, id="R12 — NĐ 98/2023 Điều 30.7: 15 × 80% = 12"),
        P("CO_CP", 11, "C", None, 9, id="R12 — C keeps 80% by default (UNVERIFIED): 11 × 80% = 8.8 → 9"),
        P("CSTD_TINH", 9, "C", 0.75, 7, id="R12 — C configured 75%: 9 × 75% = 6.75 → 7"),
        P("LDTT", 9, "B", None, None, id="R12 — LĐTT needs no council ballot"),
        P("CSTD_TINH", 10, "A", 0.9, 9, id="R12 — A only when configured"),
    ],
)
def test_council_threshold(title, n, regime, share, needed):
    assert council_threshold(title, n, regime, share) == needed


def test_council_threshold_regime_a_without_text():
    with pytest.raises(LookupError):
        council_threshold("CSTD_TINH", 9, "A")


@pytest.mark.parametrize(
    ("title", "yes", "n", "passes"),
    [
        P("CSTD_TINH", 8, 9, False, id="R12 — NĐ 98/2023 Điều 30.7: 8 of 9 < 90%"),
        P("CSTD_TINH", 9, 9, True, id="R12 — NĐ 98/2023 Điều 30.7: 9 of 9"),
        P("CSTDCS", 7, 9, False, id="R12 — NĐ 98/2023 Điều 30.7: 7 of 9 < 80%"),
        P("CSTDCS", 8, 9, True, id="R12 — NĐ 98/2023 Điều 30.7: 8 of 9 ≥ 80%"),
        P("LDTT", 0, 9, True, id="R12 — no ballot required"),
    ],
)
def test_council_vote_passes(title, yes, n, passes):
    assert council_vote_passes(title, yes, n, "B") is passes


@pytest.mark.parametrize(
    ("title", "authority"),
    [
        P("CSTDCS", "Thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh", id="R26 — Luật 06/2022 Điều 80: CSTĐCS"),
        P("TTLDXS", "Chủ tịch Ủy ban nhân dân tỉnh", id="R26 — TTLĐXS by Chủ tịch UBND tỉnh"),
        P("BK_TINH", "Chủ tịch Ủy ban nhân dân tỉnh", id="R26 — BK tỉnh by Chủ tịch UBND tỉnh"),
        P("CSTD_TINH", "Ủy ban nhân dân tỉnh (sau khi Hội đồng Thi đua - Khen thưởng tỉnh xét)", id="R26 — CSTĐ tỉnh"),
        P("CO_CP", "Thủ tướng Chính phủ", id="R26 — Cờ CP by Thủ tướng"),
    ],
)
def test_decision_authority(title, authority):
    assert decision_authority(title) == authority


def test_decision_authority_unknown():
    with pytest.raises(LookupError):
        decision_authority("ANH_HUNG")


@pytest.mark.parametrize(
    ("title", "subject", "on", "amount"),
    [
        P("LDTT", "individual", dt.date(2024, 7, 1), 702_000, id="R27 — NĐ 152/2025 Điều 50: LĐTT 0.3 × 2,340,000"),
        P("CSTDCS", "individual", dt.date(2025, 1, 15), 2_340_000, id="R27 — CSTĐCS 1.0"),
        P("CSTD_TINH", "individual", dt.date(2025, 7, 1), 7_020_000, id="R27 — CSTĐ tỉnh 3.0"),
        P("CSTD_TQ", "individual", dt.date(2025, 7, 1), 10_530_000, id="R27 — CSTĐ toàn quốc 4.5"),
        P("TTLDTT", "collective", dt.date(2025, 7, 1), 1_872_000, id="R27 — TTLĐTT 0.8"),
        P("TTLDXS", "collective", dt.date(2025, 7, 1), 3_510_000, id="R27 — TTLĐXS 1.5"),
        P("CO_TINH", "collective", dt.date(2025, 7, 1), 18_720_000, id="R27 — Cờ tỉnh 8"),
        P("CO_CP", "collective", dt.date(2025, 7, 1), 28_080_000, id="R27 — Cờ CP 12"),
        P("BK_TTG", "collective", dt.date(2025, 7, 1), 16_380_000, id="R27 — NĐ 152/2025 Điều 54: BK TTg tập thể 7"),
        P("BK_TINH", "collective", dt.date(2025, 7, 1), 7_020_000, id="R27 — NĐ 152/2025 Điều 54: BK tỉnh tập thể 3"),
        P("GK", "collective", dt.date(2025, 7, 1), 1_404_000, id="R27 — NĐ 152/2025 Điều 54: Giấy khen tập thể 0.6"),
        P("LDTT", "household", dt.date(2025, 7, 1), 1_053_000, id="R27 — NĐ 152/2025: hộ gia đình 1.5 × cá nhân"),
    ],
)
def test_reward_amount(title, subject, on, amount):
    assert reward_amount(title, subject, on) == amount


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        P("BK_TINH", "individual", id="R27 — BK tỉnh cá nhân coefficient UNVERIFIED"),
        P("BK_TTG", "individual", id="R27 — BK TTg cá nhân coefficient UNVERIFIED"),
        P("GK", "household", id="R27 — GK hộ gia đình: individual unknown"),
        P("ANH_HUNG", "individual", id="R27 — unknown title"),
    ],
)
def test_reward_coefficient_unknown(title, subject):
    with pytest.raises(LookupError):
        reward_coefficient(title, subject)


@pytest.mark.parametrize(
    ("on", "known"),
    [
        P(dt.date(2024, 6, 30), False, id="R27 — NĐ 73/2024 Điều 3.2: day before 01/07/2024, no known base salary"),
        P(dt.date(2024, 7, 1), True, id="R27 — NĐ 73/2024 Điều 3.2: 2,340,000 from 01/07/2024"),
        P(dt.date(2024, 7, 2), True, id="R27 — NĐ 73/2024 Điều 3.2: day after"),
    ],
)
def test_base_salary_boundaries(on, known):
    if known:
        assert base_salary_on(on).amount == 2_340_000
        assert base_salary_on(on).citation.document == "Nghị định 73/2024/NĐ-CP"
    else:
        with pytest.raises(LookupError):
            base_salary_on(on)
        with pytest.raises(LookupError):
            reward_amount("LDTT", "individual", on)


def test_household_coefficient():
    assert reward_coefficient("CSTDCS", "household") == Decimal("1.5")


@pytest.mark.parametrize(
    ("n", "session", "share", "present"),
    [
        P(9, "award", None, 8, id="R13 — QĐ 86/2025 Bắc Ninh: award session 80% of 9 → 8"),
        P(9, "general", None, 6, id="R13 — QĐ 86/2025 Bắc Ninh: general session 2/3 of 9 = 6"),
        P(10, "general", None, 7, id="R13 — QĐ 86/2025 Bắc Ninh: 2/3 of 10 → 7"),
        P(10, "award", 0.5, 5, id="R13 — province-configured share"),
        P(10, "award", None, 8, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: award session 80% of 10 = 8"),
        P(11, "award", None, 9, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: 80% of 11 = 8.8 → 9"),
        P(15, "award", None, 12, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: 80% of 15 = 12"),
        P(10, "award", 0.9, 9, id="R13 — province-configured 90% of 10 = 9"),
    ],
)
def test_council_quorum(n, session, share, present):
    assert council_quorum(n, session, share) == present


@pytest.mark.parametrize(
    ("present", "n", "share", "met"),
    [
        P(7, 10, None, False, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 10) − 1 = 7 present"),
        P(8, 10, None, True, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 10) = 8 present"),
        P(8, 11, None, False, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 11) − 1 = 8 present"),
        P(9, 11, None, True, id="R13 — QĐ 86/2025 Bắc Ninh Điều 8.4.b: ceil(0.8 × 11) = 9 present"),
        P(8, 10, 0.9, False, id="R13 — province-configured 90%: 8 of 10"),
    ],
)
def test_council_quorum_met(present, n, share, met):
    assert council_quorum_met(present, n, "award", share) is met


def test_gender_priority():
    """R18 — NĐ 152/2025 Điều 4: prefer women; collectives with ≥ 70% women."""
    assert gender_priority(replace(person(), is_female=True))
    assert not gender_priority(person())
    seven_of_ten = tuple(MemberFacts(person_id=i, is_female=i < 7) for i in range(10))
    six_of_ten = tuple(MemberFacts(person_id=i, is_female=i < 6) for i in range(10))
    assert gender_priority(collective(members_=seven_of_ten))
    assert not gender_priority(collective(members_=six_of_ten))
    assert not gender_priority(collective())
