"""Every rule set (title × regime): eligible or needs confirmation, not eligible; regime boundaries (R28) the day
before, of and after each legal change, with titles whose verdict differs between regimes on the same history (S27).
Each row cites the clause it rests on."""

import datetime as dt
from unittest import mock

import pytest

from thidua.awards.rules.catalogue import ABSENT, RULE_SETS, NoRuleSet, rule_set_for
from thidua.awards.rules.context import EvaluationContext, PendingCaseFact, RegimeCode
from thidua.awards.rules.engine import evaluate, evaluate_batch, regime_for
from thidua.awards.rules.registry import condition_codes, condition_get
from thidua.awards.rules.results import LineStatus, VerdictStatus
from thidua.awards.tests.rules.builders import (
    DONE,
    EXC,
    GOOD,
    collective,
    initiative,
    members,
    person,
    titles,
)

ELIGIBLE, NOT, ASK = VerdictStatus.ELIGIBLE, VerdictStatus.NOT_ELIGIBLE, VerdictStatus.NEEDS_CONFIRMATION
BY_KEY = {r.key: r for r in RULE_SETS}
# (achievement year, reference date) typical of each regime.
WHEN = {"A": (2019, dt.date(2020, 1, 15)), "B": (2024, dt.date(2025, 1, 15)), "C": (2025, dt.date(2026, 1, 15))}
P = pytest.param
OPEN_CASE = PendingCaseFact("xác minh tố cáo", dt.date(2025, 12, 1))


def y_of(key):
    return WHEN[key.split("/")[1]][0]


def ldtt_ok(y):
    return person(ratings={y: GOOD})


def ldtt_bad(y):
    return person(ratings={y: DONE})


def cstdcs_initiative(y):
    return person(ratings={y: GOOD}, awards=titles("LDTT", y), initiatives=[initiative(1, "base", y)])


def cstdcs_excellent(y):
    return person(ratings={y: EXC}, awards=titles("LDTT", y), posts=[(dt.date(y - 5, 1, 1), None)])


def cstdcs_recruited_in_april(y):
    return person(ratings={y: EXC}, awards=titles("LDTT", y), posts=[(dt.date(y, 4, 1), None)])


def cstdcs_on_maternity_leave(y):
    return person(
        ratings={y: EXC},
        awards=titles("LDTT", y),
        posts=[(dt.date(y - 5, 1, 1), None)],
        leaves=[(dt.date(y, 2, 1), dt.date(y, 7, 31))],
    )


def cstdcs_plain(y):
    return person(ratings={y: GOOD}, awards=titles("LDTT", y))


def cstd_tinh_ok(y):
    return person(awards=titles("CSTDCS", y - 2, y - 1, y), initiatives=[initiative(1, "province", y - 1)])


def cstd_tinh_short(y):
    return person(awards=titles("CSTDCS", y - 1, y), initiatives=[initiative(1, "province", y - 1)])


def cstd_tq_ok(y):
    return person(awards=titles("CSTD_TINH", y - 1, y), initiatives=[initiative(1, "national", y)])


def cstd_tq_short(y):
    return person(awards=titles("CSTD_TINH", y), initiatives=[initiative(1, "national", y)])


def unit(y, n_ldtt, n_other, rating=GOOD, cstdcs=0, leads=False, prev=None):
    ratings = {y: rating} if prev is None else {y - 1: prev, y: rating}
    return collective(
        ratings=ratings, members_=members(n_ldtt, n_other, year=y, cstdcs=cstdcs), leads=[y] if leads else []
    )


def bk_ttg_ok(y):
    return person(
        awards=titles("BK_TINH", y - 5),
        ratings=dict.fromkeys(range(y - 4, y + 1), EXC),
        initiatives=[initiative(i, "base", y - 4 + i) for i in range(5)],
    )


def with_case(subject):
    return type(subject)(**{**subject.__dict__, "pending_cases": (OPEN_CASE,)})


ROWS = [
    # LĐTT
    P("LDTT/A/1", ldtt_ok, None, ASK, id="R01A LĐTT A — Luật 2003 Điều 24: HTTNV, conduct to confirm"),
    P("LDTT/A/1", ldtt_bad, None, NOT, id="R01A LĐTT A — Luật 2003 Điều 24: HTNV"),
    P("LDTT/B/1", ldtt_ok, None, ASK, id="R01 LĐTT B — Luật 06/2022 Điều 24.1: HTTNV, tự lực/đoàn kết to confirm"),
    P("LDTT/B/1", ldtt_bad, None, NOT, id="R01 LĐTT B — Luật 06/2022 Điều 24.1.a: HTNV"),
    P("LDTT/C/1", ldtt_ok, None, ASK, id="R01 LĐTT C — Luật 06/2022 Điều 24.1 + NĐ 152/2025 Điều 4"),
    P("LDTT/C/1", ldtt_bad, None, NOT, id="R01 LĐTT C — Luật 06/2022 Điều 24.1.a: HTNV"),
    # CSTĐCS
    P("CSTDCS/A/1", cstdcs_initiative, None, ELIGIBLE, id="R02A CSTĐCS A — NĐ 91/2017 Điều 9.3: LĐTT + initiative"),
    P("CSTDCS/A/1", cstdcs_excellent, None, NOT, id="R02A CSTĐCS A — NĐ 91/2017 Điều 9.3: HTXSNV without initiative"),
    P("CSTDCS/B/1", cstdcs_excellent, None, ELIGIBLE, id="R02 CSTĐCS B — Luật 06/2022 Điều 23: LĐTT + HTXSNV"),
    P("CSTDCS/B/1", cstdcs_initiative, None, ELIGIBLE, id="R02 CSTĐCS B — Luật 06/2022 Điều 23: LĐTT + initiative"),
    P("CSTDCS/B/1", cstdcs_plain, None, NOT, id="R02 CSTĐCS B — Luật 06/2022 Điều 23: LĐTT + HTTNV only"),
    P("CSTDCS/C/1", cstdcs_excellent, None, ELIGIBLE, id="R02 CSTĐCS C — Luật 06/2022 Điều 23: LĐTT + HTXSNV"),
    P("CSTDCS/C/1", cstdcs_plain, None, NOT, id="R02 CSTĐCS C — Luật 06/2022 Điều 23: LĐTT + HTTNV only"),
    P(
        "CSTDCS/C/1",
        cstdcs_recruited_in_april,
        {"working_time": {"min_months": 10}},
        NOT,
        id="R17 CSTĐCS C — NĐ 152/2025 Điều 4 + the province's 10-month minimum: recruited in April",
    ),
    P(
        "CSTDCS/C/1",
        cstdcs_on_maternity_leave,
        {"working_time": {"min_months": 10}},
        ELIGIBLE,
        id="R17 CSTĐCS C — NĐ 152/2025 Điều 4: six months of maternity leave count as working time",
    ),
    P(
        "CSTDCS/C/1",
        lambda y: person(ratings={y: EXC}, awards=titles("LDTT", y)),
        None,
        ASK,
        id="R17 CSTĐCS C — NĐ 152/2025 Điều 4: no post recorded for the year is asked",
    ),
    P(
        "CSTDCS/C/1",
        lambda y: with_case(cstdcs_excellent(y)),
        None,
        NOT,
        id="R16 CSTĐCS C — NĐ 152/2025 Điều 4: a denunciation being verified blocks",
    ),
    # CSTĐ tỉnh
    P("CSTD_TINH/A/1", cstd_tinh_ok, None, ELIGIBLE, id="R04 CSTĐ tỉnh A — Luật 2003 Điều 22: 3 CSTĐCS + initiative"),
    P("CSTD_TINH/A/1", cstd_tinh_short, None, NOT, id="R04 CSTĐ tỉnh A — Luật 2003 Điều 22: one year short"),
    P("CSTD_TINH/B/1", cstd_tinh_ok, None, ELIGIBLE, id="R04 CSTĐ tỉnh B — Luật 06/2022 Điều 22: 3 consecutive CSTĐCS"),
    P("CSTD_TINH/B/1", cstd_tinh_short, None, NOT, id="R04 CSTĐ tỉnh B — Luật 06/2022 Điều 22: one year short"),
    P("CSTD_TINH/C/1", cstd_tinh_ok, None, ELIGIBLE, id="R04 CSTĐ tỉnh C — Luật 06/2022 Điều 22: 3 consecutive CSTĐCS"),
    P("CSTD_TINH/C/1", cstd_tinh_short, None, NOT, id="R04 CSTĐ tỉnh C — Luật 06/2022 Điều 22: one year short"),
    # CSTĐ toàn quốc
    P("CSTD_TQ/A/1", cstd_tq_ok, None, ELIGIBLE, id="R05 CSTĐ TQ A — Luật 2003 Điều 21: 2 CSTĐ tỉnh + national"),
    P("CSTD_TQ/A/1", cstd_tq_short, None, NOT, id="R05 CSTĐ TQ A — Luật 2003 Điều 21: one CSTĐ tỉnh"),
    P("CSTD_TQ/B/1", cstd_tq_ok, None, ELIGIBLE, id="R05 CSTĐ TQ B — Luật 06/2022 Điều 21: 2 CSTĐ tỉnh + national"),
    P("CSTD_TQ/B/1", cstd_tq_short, None, NOT, id="R05 CSTĐ TQ B — Luật 06/2022 Điều 21: one CSTĐ tỉnh"),
    P("CSTD_TQ/C/1", cstd_tq_ok, None, ELIGIBLE, id="R05 CSTĐ TQ C — Luật 06/2022 Điều 21: 2 CSTĐ tỉnh + national"),
    P("CSTD_TQ/C/1", cstd_tq_short, None, NOT, id="R05 CSTĐ TQ C — Luật 06/2022 Điều 21: one CSTĐ tỉnh"),
    # TTLĐTT
    P("TTLDTT/A/1", lambda y: unit(y, 6, 4), None, ASK, id="R06A TTLĐTT A — Luật 2003 Điều 28: 60% > 50%"),
    P("TTLDTT/A/1", lambda y: unit(y, 5, 5), None, NOT, id="R06A TTLĐTT A — Luật 2003 Điều 28: 50% is not > 50%"),
    P("TTLDTT/B/1", lambda y: unit(y, 7, 3), None, ASK, id="R06 TTLĐTT B — Luật 06/2022 Điều 28: 70% LĐTT"),
    P("TTLDTT/B/1", lambda y: unit(y, 6, 4), None, NOT, id="R06 TTLĐTT B — Luật 06/2022 Điều 28: 60% < 70%"),
    P("TTLDTT/C/1", lambda y: unit(y, 7, 3), None, ASK, id="R06 TTLĐTT C — Luật 06/2022 Điều 28: 70% LĐTT"),
    P("TTLDTT/C/1", lambda y: unit(y, 7, 3, rating=DONE), None, NOT, id="R06 TTLĐTT C — Luật 06/2022 Điều 28: HTNV"),
    # TTLĐXS
    P("TTLDXS/A/1", lambda y: unit(y, 7, 3, EXC, cstdcs=1), None, ASK, id="R07A TTLĐXS A — Luật 2003 Điều 27"),
    P("TTLDXS/A/1", lambda y: unit(y, 7, 3, GOOD, cstdcs=1), None, NOT, id="R07A TTLĐXS A — Luật 2003 Điều 27: HTTNV"),
    P("TTLDXS/B/1", lambda y: unit(y, 7, 3, EXC, cstdcs=1), None, ASK, id="R07 TTLĐXS B — Luật 06/2022 Điều 27"),
    P("TTLDXS/B/1", lambda y: unit(y, 7, 3, EXC), None, NOT, id="R07 TTLĐXS B — Luật 06/2022 Điều 27: no CSTĐCS"),
    P("TTLDXS/C/1", lambda y: unit(y, 7, 3, EXC, cstdcs=1), None, ASK, id="R07 TTLĐXS C — Luật 06/2022 Điều 27"),
    P("TTLDXS/C/1", lambda y: unit(y, 6, 4, EXC, cstdcs=1), None, NOT, id="R07 TTLĐXS C — Luật 06/2022 Điều 27: 60%"),
    # Cờ thi đua UBND tỉnh
    P("CO_TINH/A/1", lambda y: unit(y, 7, 3, EXC, leads=True), None, ASK, id="R08 Cờ tỉnh A — NĐ 91/2017 Điều 12"),
    P("CO_TINH/A/1", lambda y: unit(y, 7, 3, EXC), None, NOT, id="R08 Cờ tỉnh A — NĐ 91/2017 Điều 12: not bloc leader"),
    P("CO_TINH/B/1", lambda y: unit(y, 7, 3, EXC, leads=True), None, ASK, id="R08 Cờ tỉnh B — Luật 06/2022 Điều 26"),
    P(
        "CO_TINH/B/1",
        lambda y: unit(y, 7, 3, GOOD, leads=True),
        None,
        NOT,
        id="R08 Cờ tỉnh B — Luật 06/2022 Điều 26: HTTNV",
    ),
    P("CO_TINH/C/1", lambda y: unit(y, 7, 3, EXC, leads=True), None, ASK, id="R08 Cờ tỉnh C — Luật 06/2022 Điều 26"),
    P("CO_TINH/C/1", lambda y: unit(y, 7, 3, EXC), None, NOT, id="R08 Cờ tỉnh C — Luật 06/2022 Điều 26: not leader"),
    # Cờ thi đua Chính phủ (Regime A only)
    P("CO_CP/A/1", lambda y: unit(y, 7, 3, EXC), None, ASK, id="Cờ CP A — Luật 2003 Điều 25: all standards manual"),
    # Bằng khen Chủ tịch UBND tỉnh
    P(
        "BK_TINH.individual/B/1",
        lambda y: person(awards=titles("CSTDCS", y - 1, y)),
        None,
        ASK,
        id="R09 BK tỉnh cá nhân B — Luật 06/2022 Điều 74 (d): 2 CSTĐCS; exemplary conduct to confirm",
    ),
    P(
        "BK_TINH.individual/B/1",
        lambda y: person(ratings={y: EXC}),
        None,
        ASK,
        id="R09 BK tỉnh cá nhân B — Luật 06/2022 Điều 74: (d) not met → (a)(b)(c)(e) to confirm",
    ),
    P(
        "BK_TINH.individual/B/1",
        lambda y: person(ratings={y: EXC}),
        {"bk_tinh_individual_d": {"manual_alternatives": False}},
        NOT,
        id="R09 BK tỉnh cá nhân B — cfg manual_alternatives=False: (d) only",
    ),
    P(
        "BK_TINH.individual/C/1",
        lambda y: person(awards=titles("CSTDCS", y - 1, y)),
        None,
        ASK,
        id="R09 BK tỉnh cá nhân C — Luật 06/2022 Điều 74 (d): 2 CSTĐCS",
    ),
    P(
        "BK_TINH.individual/C/1",
        lambda y: with_case(person(awards=titles("CSTDCS", y - 1, y))),
        None,
        NOT,
        id="R16 BK tỉnh cá nhân C — NĐ 152/2025 Điều 4: a case being verified",
    ),
    P(
        "BK_TINH.collective/B/1",
        lambda y: unit(y, 7, 3, EXC, prev=EXC),
        None,
        ASK,
        id="R10 BK tỉnh tập thể B — Luật 06/2022 Điều 74: 2 years HTXSNV; flags to confirm",
    ),
    P(
        "BK_TINH.collective/B/1",
        lambda y: unit(y, 7, 3, EXC, prev=GOOD),
        {"bk_tinh_collective_d": {"manual_alternatives": False}},
        NOT,
        id="R10 BK tỉnh tập thể B — cfg manual_alternatives=False: one year HTXSNV",
    ),
    P(
        "BK_TINH.collective/C/1",
        lambda y: unit(y, 7, 3, EXC, prev=EXC),
        None,
        ASK,
        id="R10 BK tỉnh tập thể C — Luật 06/2022 Điều 74: 2 years HTXSNV",
    ),
    P(
        "BK_TINH.collective/C/1",
        lambda y: with_case(unit(y, 7, 3, EXC, prev=EXC)),
        None,
        NOT,
        id="R16 BK tỉnh tập thể C — NĐ 152/2025 Điều 4: a case being verified",
    ),
    # Bằng khen Thủ tướng (Regime A only)
    P("BK_TTG.individual/A/1", bk_ttg_ok, None, ELIGIBLE, id="R11A BK TTg A — NĐ 65/2014 Điều 23.1.c"),
    P(
        "BK_TTG.individual/A/1",
        lambda y: person(ratings=dict.fromkeys(range(y - 4, y + 1), EXC)),
        None,
        NOT,
        id="R11A BK TTg A — NĐ 65/2014 Điều 23.1.c: no BK tỉnh, no initiatives",
    ),
]


def ctx_for(key, subject):
    rule_set = BY_KEY[key]
    year, ref = WHEN[rule_set.regime]
    return EvaluationContext(
        subject=subject, title_code=rule_set.title_code, year=year, reference_date=ref, regime=regime_for(ref)
    )


@pytest.mark.parametrize(("key", "make", "overrides", "expected"), ROWS)
def test_rule_set(key, make, overrides, expected):
    rule_set = BY_KEY[key]
    ctx = ctx_for(key, make(y_of(key)))
    assert str(ctx.regime) == rule_set.regime
    verdict = evaluate(ctx, rule_set, overrides)
    assert verdict.status == expected, [(line.code, line.status, line.facts) for line in verdict.lines]
    assert verdict.rule_set == key
    assert len(verdict.lines) == len(rule_set.conditions)
    assert all(line.citation.document and line.citation.article for line in verdict.lines)


def test_every_rule_set_has_rows():
    assert {row.values[0] for row in ROWS} == set(BY_KEY)


# --- Catalogue integrity ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_set", RULE_SETS, ids=lambda r: r.key)
def test_rule_set_is_well_formed(rule_set):
    assert rule_set.key.split("/")[1] == rule_set.regime
    assert rule_set.regime in {r.value for r in RegimeCode}
    for spec in rule_set.conditions:
        assert spec.code in condition_codes(), spec.code
        assert spec.citation.document, spec
        assert spec.citation.article, spec
        known = set(condition_get(spec.code).defaults)
        # "label" specialises any line's label for the title (Condition.evaluate); everything else must be declared.
        assert set(spec.params or {}) - {"label"} <= known, (spec.code, spec.params)
        assert set(spec.configurable) <= known, (spec.code, spec.configurable)


def test_rule_set_keys_and_slots_are_unique():
    assert len({r.key for r in RULE_SETS}) == len(RULE_SETS)
    slots = [(r.title_code, r.regime, r.subject) for r in RULE_SETS]
    assert len(set(slots)) == len(slots)
    assert not set(slots) & set(ABSENT)


def test_regime_c_rule_sets_carry_the_blocking_conditions():
    """R16 — NĐ 152/2025 Điều 4: every Regime C rule set blocks on pending cases and discipline in force."""
    for rule_set in RULE_SETS:
        codes = {c.code for c in rule_set.conditions}
        assert ({"no_pending_case", "no_discipline_in_force"} <= codes) == (rule_set.regime == "C"), rule_set.key


# --- rule_set_for and deliberately absent rule sets ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "regime", "subject", "key"),
    [
        P("LDTT", "A", "", "LDTT/A/1", id="LĐTT A"),
        P("LDTT", "B", "individual", "LDTT/B/1", id="LĐTT B, subject given"),
        P("BK_TINH", "C", "individual", "BK_TINH.individual/C/1", id="BK tỉnh cá nhân C"),
        P("BK_TINH", "B", "collective", "BK_TINH.collective/B/1", id="BK tỉnh tập thể B"),
        P("BK_TTG", "A", "individual", "BK_TTG.individual/A/1", id="BK TTg cá nhân A"),
        P("CO_CP", RegimeCode.A, "", "CO_CP/A/1", id="Cờ CP A (RegimeCode)"),
    ],
)
def test_rule_set_for(title, regime, subject, key):
    assert rule_set_for(title, regime, subject).key == key


@pytest.mark.parametrize(
    ("title", "regime", "subject"),
    [
        P("CO_CP", "C", "", id="Cờ CP C — no Regime C text in DOMAIN §3.4"),
        P("CO_CP", "B", "", id="Cờ CP B — no Regime B text in DOMAIN §3.4"),
        P("BK_TTG", "B", "individual", id="BK TTg B — UNVERIFIED in DOMAIN §3.3"),
        P("BK_TTG", "C", "individual", id="BK TTg C — UNVERIFIED in DOMAIN §3.3"),
        P("BK_TTG", "A", "collective", id="BK TTg tập thể A — no standard"),
        P("BK_TINH", "A", "individual", id="BK tỉnh A — NĐ 91/2017 text UNVERIFIED"),
        P("BK_TINH", "B", "", id="BK tỉnh without subject — ambiguous"),
        P("GK", "C", "", id="Giấy khen — a judgement, no checkable standard"),
        P("UNKNOWN", "B", "", id="unknown title"),
    ],
)
def test_rule_set_absent(title, regime, subject):
    with pytest.raises(LookupError) as excinfo:
        rule_set_for(title, regime, subject)
    assert isinstance(excinfo.value, NoRuleSet)
    assert "Chưa có quy định để kiểm tra tự động" in str(excinfo.value)


# --- R28 regime boundaries --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "regime"),
    [
        P(dt.date(2023, 12, 31), RegimeCode.A, id="R28 — day before Luật 06/2022 takes effect: A"),
        P(dt.date(2024, 1, 1), RegimeCode.B, id="R28 — Luật 06/2022 + NĐ 98/2023 effective 01/01/2024: B"),
        P(dt.date(2024, 1, 2), RegimeCode.B, id="R28 — day after 01/01/2024: B"),
        P(dt.date(2025, 6, 30), RegimeCode.B, id="R28 — day before NĐ 152/2025 takes effect: B"),
        P(dt.date(2025, 7, 1), RegimeCode.C, id="R28 — NĐ 152/2025 Điều 59 effective 01/07/2025: C"),
        P(dt.date(2025, 7, 2), RegimeCode.C, id="R28 — day after 01/07/2025: C"),
    ],
)
def test_regime_for(on, regime):
    assert regime_for(on) == regime


def verdict_on(title, subject, year, on, subject_kind=""):
    regime = regime_for(on)
    ctx = EvaluationContext(subject=subject, title_code=title, year=year, reference_date=on, regime=regime)
    return evaluate(ctx, rule_set_for(title, regime, subject_kind))


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        P(dt.date(2023, 12, 31), NOT, id="CSTĐCS 31/12/2023 — NĐ 91/2017 Điều 9.3: initiative mandatory (A)"),
        P(dt.date(2024, 1, 1), ELIGIBLE, id="CSTĐCS 01/01/2024 — Luật 06/2022 Điều 23: HTXSNV suffices (B)"),
        P(dt.date(2024, 1, 2), ELIGIBLE, id="CSTĐCS 02/01/2024 — Luật 06/2022 Điều 23: HTXSNV suffices (B)"),
    ],
)
def test_cstdcs_across_the_2024_change(on, expected):
    """Same history (LĐTT 2023, HTXSNV 2023, no initiative) — different law, different verdict."""
    verdict = verdict_on("CSTDCS", cstdcs_excellent(2023), 2023, on)
    assert verdict.status == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        P(dt.date(2023, 12, 31), ASK, id="TTLĐTT 31/12/2023 — Luật 2003 Điều 28: 60% > 50% (A)"),
        P(dt.date(2024, 1, 1), NOT, id="TTLĐTT 01/01/2024 — Luật 06/2022 Điều 28: 60% < 70% (B)"),
        P(dt.date(2024, 1, 2), NOT, id="TTLĐTT 02/01/2024 — Luật 06/2022 Điều 28: 60% < 70% (B)"),
    ],
)
def test_ttldtt_across_the_2024_change(on, expected):
    assert verdict_on("TTLDTT", unit(2023, 6, 4), 2023, on).status == expected


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        P(dt.date(2025, 6, 30), ELIGIBLE, id="CSTĐCS 30/06/2025 — NĐ 98/2023: no blocking rule in the rule set (B)"),
        P(dt.date(2025, 7, 1), NOT, id="CSTĐCS 01/07/2025 — NĐ 152/2025 Điều 4: pending case blocks (C)"),
        P(dt.date(2025, 7, 2), NOT, id="CSTĐCS 02/07/2025 — NĐ 152/2025 Điều 4: pending case blocks (C)"),
    ],
)
def test_cstdcs_across_the_2025_change(on, expected):
    subject = type(cstdcs_excellent(2024))(
        **{**cstdcs_excellent(2024).__dict__, "pending_cases": (PendingCaseFact("thanh tra", dt.date(2025, 6, 1)),)}
    )
    verdict = verdict_on("CSTDCS", subject, 2024, on)
    assert verdict.status == expected
    if expected == NOT:
        blocking = next(line for line in verdict.lines if line.code == "no_pending_case")
        assert blocking.status == LineStatus.NOT_MET
        assert "thanh tra từ 01/06/2025" in blocking.facts
        assert str(blocking.citation) == "Điều 4, Nghị định 152/2025/NĐ-CP"


# --- Batch ------------------------------------------------------------------------------------------------------------


def test_evaluate_batch_picks_the_rule_set_per_subject_kind():
    year, ref = WHEN["B"]
    contexts = [
        EvaluationContext(
            subject=person(awards=titles("CSTDCS", year - 1, year)),
            title_code="BK_TINH",
            year=year,
            reference_date=ref,
            regime=regime_for(ref),
        ),
        EvaluationContext(
            subject=unit(year, 7, 3, EXC, prev=EXC),
            title_code="BK_TINH",
            year=year,
            reference_date=ref,
            regime=regime_for(ref),
        ),
        EvaluationContext(
            subject=cstdcs_plain(year), title_code="CSTDCS", year=year, reference_date=ref, regime=regime_for(ref)
        ),
    ]
    verdicts = evaluate_batch(contexts, RULE_SETS)
    assert [v.rule_set for v in verdicts] == ["BK_TINH.individual/B/1", "BK_TINH.collective/B/1", "CSTDCS/B/1"]
    assert [v.status for v in verdicts] == [ASK, ASK, NOT]


def test_facts_explain_the_verdict():
    year, _ref = WHEN["A"]
    verdict = evaluate(ctx_for("CSTD_TINH/A/1", cstd_tinh_ok(year)), BY_KEY["CSTD_TINH/A/1"])
    consecutive = verdict.lines[0]
    assert consecutive.facts.startswith("CSTĐCS 2017, 2018, 2019")
    assert consecutive.citation.article == "Điều 22"
    assert consecutive.label == "03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở"


# --- No database ------------------------------------------------------------------------------------------------------


def test_evaluation_makes_no_database_query():
    """Rules never query: any cursor use would raise (and pytest-django blocks DB access without ``db`` anyway)."""
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=AssertionError("query")):
        for row in ROWS:
            key, make, overrides, _expected = row.values
            evaluate(ctx_for(key, make(y_of(key))), BY_KEY[key], overrides)
