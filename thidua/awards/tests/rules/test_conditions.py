"""Every registered condition: met, not met and (where a person must judge) needs confirmation. Each row cites the
clause it checks (STYLE S27)."""

import datetime as dt

import pytest

from thidua.awards.rules.context import AwardKind, DisciplineFact, PendingCaseFact
from thidua.awards.rules.registry import condition_codes, condition_get
from thidua.awards.rules.results import LineStatus
from thidua.awards.tests.rules.builders import (
    DONE,
    EXC,
    FAIL,
    GOOD,
    award,
    collective,
    initiative,
    member,
    members,
    person,
    run,
    titles,
)

MET, NOT_MET, ASK = LineStatus.MET, LineStatus.NOT_MET, LineStatus.NEEDS_CONFIRMATION
P = pytest.param

CASES = [
    # --- rating_at_least (R01, R01A, R06, R07, R08) ---
    P(
        "rating_at_least",
        person(ratings={2019: EXC}),
        {},
        2019,
        MET,
        "Xếp loại 2019: Hoàn thành xuất sắc nhiệm vụ",
        id="R01 LĐTT — Luật 06/2022 Điều 24.1.a: HTXSNV ≥ HTTNV",
    ),
    P(
        "rating_at_least",
        person(ratings={2019: GOOD}),
        {},
        2019,
        MET,
        "Hoàn thành tốt nhiệm vụ",
        id="R01A LĐTT — Luật 2003 Điều 24: HTTNV is enough",
    ),
    P(
        "rating_at_least",
        person(ratings={2019: DONE}),
        {},
        2019,
        NOT_MET,
        "Xếp loại 2019: Hoàn thành nhiệm vụ",
        id="R01 LĐTT — Luật 06/2022 Điều 24.1.a: HTNV is below HTTNV",
    ),
    P(
        "rating_at_least",
        person(ratings={2018: EXC}),
        {},
        2019,
        NOT_MET,
        "chưa có xếp loại",
        id="R01 LĐTT — Luật 06/2022 Điều 24.1.a: no rating for the year",
    ),
    P(
        "rating_at_least",
        collective(ratings={2019: GOOD}),
        {"min_rating": EXC},
        2019,
        NOT_MET,
        "yêu cầu: Hoàn thành xuất sắc nhiệm vụ",
        id="R07 TTLĐXS — Luật 06/2022 Điều 27: collective must be HTXSNV",
    ),
    P(
        "rating_at_least",
        person(ratings={2018: EXC}),
        {"year_offset": -1},
        2019,
        MET,
        "Xếp loại 2018",
        id="rating of a previous year through year_offset",
    ),
    # --- manual ---
    P(
        "manual",
        person(),
        {"label": "Có tinh thần tự lực, tự cường; đoàn kết"},
        2019,
        ASK,
        "xác nhận",
        id="R01 LĐTT — Luật 06/2022 Điều 24.1.b: tinh thần tự lực, đoàn kết is judged by a person",
    ),
    # --- title_in_year (R02) ---
    P(
        "title_in_year",
        person(awards=titles("LDTT", 2019)),
        {"title": "LDTT"},
        2019,
        MET,
        "LĐTT 2019",
        id="R02 CSTĐCS — Luật 06/2022 Điều 23: LĐTT held in the year",
    ),
    P(
        "title_in_year",
        person(awards=titles("LDTT", 2018)),
        {"title": "LDTT"},
        2019,
        NOT_MET,
        "Chưa có LĐTT năm 2019",
        id="R02 CSTĐCS — Luật 06/2022 Điều 23: LĐTT of another year does not count",
    ),
    P(
        "title_in_year",
        person(awards=(award("LDTT", 2019, revoked=True),)),
        {"title": "LDTT"},
        2019,
        NOT_MET,
        "Chưa có",
        id="Luật 06/2022 chương VII: a revoked LĐTT does not count",
    ),
    P(
        "title_in_year",
        person(awards=(award("LDTT", 2019, kind=AwardKind.SPECIAL),)),
        {"title": "LDTT"},
        2019,
        NOT_MET,
        "Chưa có",
        id="R19 — NĐ 152/2025 Điều 4: a special award does not count",
    ),
    # --- consecutive_titles (R04, R05) ---
    P(
        "consecutive_titles",
        person(awards=titles("CSTDCS", 2017, 2018, 2019)),
        {},
        2019,
        MET,
        "CSTĐCS 2017, 2018, 2019",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: 3 consecutive CSTĐCS",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTDCS", 2018, 2019)),
        {},
        2019,
        NOT_MET,
        "CSTĐCS đã đạt: 2018, 2019",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: one year short",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTDCS", 2016, 2017, 2019)),
        {},
        2019,
        NOT_MET,
        "2016, 2017, 2019",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: a break is not consecutive",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTDCS", 2016, 2017, 2018)),
        {},
        2019,
        NOT_MET,
        "lần cuối năm 2019",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: the last must be the year (default)",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTDCS", 2016, 2017, 2018)),
        {"must_end_in_year": False},
        2019,
        MET,
        "CSTĐCS 2016, 2017, 2018",
        id="R04 CSTĐ tỉnh — cfg must_end_in_year=False (UNVERIFIED)",
    ),
    P(
        "consecutive_titles",
        person(awards=(*titles("CSTDCS", 2017, 2019), award("CSTDCS", 2018, kind=AwardKind.THEMATIC))),
        {},
        2019,
        NOT_MET,
        "2017, 2019",
        id="R19 — NĐ 152/2025 Điều 4: a thematic CSTĐCS-coded award does not count",
    ),
    P(
        "consecutive_titles",
        person(awards=(*titles("CSTDCS", 2017, 2019), award("CSTDCS", 2018, revoked=True))),
        {},
        2019,
        NOT_MET,
        "2017, 2019",
        id="Luật 06/2022 chương VII: a revoked CSTĐCS breaks the run",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTD_TINH", 2018, 2019)),
        {"title": "CSTD_TINH", "count": 2},
        2019,
        MET,
        "CSTĐ tỉnh 2018, 2019",
        id="R05 CSTĐ toàn quốc — Luật 06/2022 Điều 21: 2 consecutive CSTĐ tỉnh",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTD_TINH", 2016, 2019)),
        {"title": "CSTD_TINH", "count": 2, "step_years": 3},
        2019,
        MET,
        "CSTĐ tỉnh 2016, 2019",
        id="R05 CSTĐ toàn quốc — cfg step_years=3 (lần liên tục of a three-yearly title)",
    ),
    P(
        "consecutive_titles",
        person(awards=titles("CSTD_TINH", 2016, 2019)),
        {"title": "CSTD_TINH", "count": 2},
        2019,
        NOT_MET,
        "2016, 2019",
        id="R05 CSTĐ toàn quốc — Luật 06/2022 Điều 21: years apart are not consecutive",
    ),
    # --- initiative_at_level (R02A, R04, R05, R21) ---
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "base", 2019, title="Số hóa hồ sơ")]),
        {},
        2019,
        MET,
        "Sáng kiến “Số hóa hồ sơ” (cấp cơ sở, 15/11/2019)",
        id="R02A CSTĐCS — NĐ 91/2017 Điều 9.3: a cơ sở initiative",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "base", 2019, science=True)]),
        {},
        2019,
        MET,
        "Đề tài KH&CN",
        id="R02A CSTĐCS — NĐ 91/2017 Điều 9.3: an accepted science work",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "base", 2018)]),
        {},
        2019,
        NOT_MET,
        "0/1",
        id="R02A CSTĐCS — NĐ 91/2017 Điều 9.3: an initiative of the year before is outside the window",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(7, "base", 2019)], used=[7]),
        {},
        2019,
        NOT_MET,
        "không tính (đã dùng cho đề nghị khác): Sáng kiến #7",
        id="R21 — CV 5007/BNV-TĐKT: an initiative used by another proposal does not count",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(7, "base", 2019)], used=[7]),
        {"exclude_used": False},
        2019,
        MET,
        "Sáng kiến #7",
        id="R21 — cfg exclude_used=False",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "province", 2017)]),
        {"level": "province", "window_years": 3},
        2019,
        MET,
        "cấp tỉnh trở lên, 2017–2019",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: provincial initiative kept 3 years (cfg, Ninh Thuận practice)",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "province", 2016)]),
        {"level": "province", "window_years": 3},
        2019,
        NOT_MET,
        "0/1",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: a provincial initiative 4 years old is outside the window",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "base", 2019)]),
        {"level": "province", "window_years": 3},
        2019,
        NOT_MET,
        "0/1",
        id="R04 CSTĐ tỉnh — Luật 06/2022 Điều 22: a cơ sở initiative is not province level",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "national", 2019)]),
        {"level": "national", "window_years": 3},
        2019,
        MET,
        "toàn quốc",
        id="R05 CSTĐ toàn quốc — Luật 06/2022 Điều 21.2: national-scope initiative",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "province", 2019)]),
        {"level": "national", "window_years": 3},
        2019,
        NOT_MET,
        "0/1",
        id="R05 CSTĐ toàn quốc — Luật 06/2022 Điều 21.2: a provincial initiative is not national",
    ),
    P(
        "initiative_at_level",
        person(initiatives=[initiative(1, "base", 2019, science=True)]),
        {"include_science_works": False},
        2019,
        NOT_MET,
        "0/1",
        id="science works excluded when configured",
    ),
    # --- excellence_or_initiative (R02) ---
    P(
        "excellence_or_initiative",
        person(ratings={2019: EXC}),
        {},
        2019,
        MET,
        "Xếp loại 2019: Hoàn thành xuất sắc nhiệm vụ",
        id="R02 CSTĐCS — Luật 06/2022 Điều 23: HTXSNV alone is enough",
    ),
    P(
        "excellence_or_initiative",
        person(ratings={2019: GOOD}, initiatives=[initiative(1, "base", 2019)]),
        {},
        2019,
        MET,
        "Sáng kiến #1",
        id="R02 CSTĐCS — Luật 06/2022 Điều 23: HTTNV with a cơ sở initiative",
    ),
    P(
        "excellence_or_initiative",
        person(ratings={2019: GOOD}, initiatives=[initiative(1, "base", 2019, science=True)]),
        {},
        2019,
        MET,
        "Đề tài KH&CN",
        id="R02 CSTĐCS — Luật 06/2022 Điều 23: HTTNV with an accepted science work",
    ),
    P(
        "excellence_or_initiative",
        person(ratings={2019: GOOD}),
        {},
        2019,
        NOT_MET,
        "không có sáng kiến, đề tài 2019",
        id="R02 CSTĐCS — Luật 06/2022 Điều 23: HTTNV and nothing else",
    ),
    P(
        "excellence_or_initiative",
        person(ratings={2019: GOOD}, initiatives=[initiative(3, "base", 2019)], used=[3]),
        {},
        2019,
        NOT_MET,
        "không tính (đã dùng",
        id="R21 — CV 5007/BNV-TĐKT: a used initiative does not make CSTĐCS",
    ),
    P(
        "excellence_or_initiative",
        person(ratings={2019: GOOD}, initiatives=[initiative(1, "base", 2018)]),
        {"window_years": 2},
        2019,
        MET,
        "2018",
        id="R02 CSTĐCS — cfg window_years=2 (UNVERIFIED)",
    ),
    # --- members_share_with_title (R06, R06A, R07) ---
    P(
        "members_share_with_title",
        collective(members_=members(7, 3)),
        {"min_share": 0.7},
        2019,
        MET,
        "7/10 thành viên đạt LĐTT (70%",
        id="R06 TTLĐTT — Luật 06/2022 Điều 28: exactly 70% LĐTT",
    ),
    P(
        "members_share_with_title",
        collective(members_=members(12, 3)),
        {"min_share": 0.7},
        2019,
        MET,
        "12/15 thành viên đạt LĐTT (80%)",
        id="R06 TTLĐTT — Luật 06/2022 Điều 28: 80% LĐTT",
    ),
    P(
        "members_share_with_title",
        collective(members_=members(6, 4)),
        {"min_share": 0.7},
        2019,
        NOT_MET,
        "6/10",
        id="R06 TTLĐTT — Luật 06/2022 Điều 28: 60% < 70%",
    ),
    P(
        "members_share_with_title",
        collective(members_=members(5, 5)),
        {"min_share": 0.5, "strict": True},
        2019,
        NOT_MET,
        "yêu cầu > 50%",
        id="R06A TTLĐTT — Luật 2003 Điều 28: exactly 50% is not more than half",
    ),
    P(
        "members_share_with_title",
        collective(members_=members(6, 5)),
        {"min_share": 0.5, "strict": True},
        2019,
        MET,
        "6/11",
        id="R06A TTLĐTT — Luật 2003 Điều 28: 6 of 11 is more than half",
    ),
    P(
        "members_share_with_title",
        collective(),
        {},
        2019,
        NOT_MET,
        "Không có dữ liệu thành viên",
        id="R06 TTLĐTT — no members recorded",
    ),
    # --- members_no_discipline (R06, R06A, R07A) ---
    P(
        "members_no_discipline",
        collective(members_=members(3, 0)),
        {},
        2019,
        MET,
        "Không thành viên nào bị kỷ luật",
        id="R06 TTLĐTT — Luật 06/2022 Điều 28: no member disciplined",
    ),
    P(
        "members_no_discipline",
        collective(members_=(member(1, disciplined="khien_trach"),)),
        {},
        2019,
        MET,
        "cảnh cáo trở lên",
        id="R06 TTLĐTT — Luật 06/2022 Điều 28: khiển trách is below cảnh cáo",
    ),
    P(
        "members_no_discipline",
        collective(members_=(member(1), member(2, disciplined="canh_cao"))),
        {},
        2019,
        NOT_MET,
        "thành viên #2: cảnh cáo ngày 01/06/2019",
        id="R06A TTLĐTT — Luật 2003 Điều 28: a member warned",
    ),
    P(
        "members_no_discipline",
        collective(members_=(member(1, disciplined="nang_hon"),)),
        {},
        2019,
        NOT_MET,
        "nặng hơn cảnh cáo",
        id="R07A TTLĐXS — Luật 2003 Điều 27: heavier discipline",
    ),
    P(
        "members_no_discipline",
        collective(members_=(member(1, disciplined="canh_cao", year=2018),)),
        {},
        2019,
        MET,
        "Không thành viên",
        id="R06 TTLĐTT — Luật 06/2022 Điều 28: a warning of another year",
    ),
    P("members_no_discipline", collective(), {}, 2019, NOT_MET, "Không có dữ liệu", id="R06 — no members recorded"),
    # --- members_all_rating_at_least (R07) ---
    P(
        "members_all_rating_at_least",
        collective(members_=members(7, 3)),
        {},
        2019,
        MET,
        "10/10 thành viên",
        id="R07 TTLĐXS — Luật 06/2022 Điều 27: 100% members HTNV or better",
    ),
    P(
        "members_all_rating_at_least",
        collective(members_=(*members(7, 2), member(9, FAIL, ()))),
        {},
        2019,
        NOT_MET,
        "#9 (Không hoàn thành nhiệm vụ)",
        id="R07 TTLĐXS — Luật 06/2022 Điều 27: one member KHTNV",
    ),
    P("members_all_rating_at_least", collective(), {}, 2019, NOT_MET, "Không có dữ liệu", id="R07 — no members"),
    # --- members_any_with_title (R07) ---
    P(
        "members_any_with_title",
        collective(members_=members(7, 3, cstdcs=1)),
        {},
        2019,
        MET,
        "1 thành viên đạt CSTĐCS năm 2019",
        id="R07 TTLĐXS — Luật 06/2022 Điều 27: at least one member CSTĐCS",
    ),
    P(
        "members_any_with_title",
        collective(members_=members(7, 3)),
        {},
        2019,
        NOT_MET,
        "0 thành viên đạt CSTĐCS",
        id="R07 TTLĐXS — Luật 06/2022 Điều 27: no member CSTĐCS",
    ),
    P("members_any_with_title", collective(), {}, 2019, NOT_MET, "Không có dữ liệu", id="R07 — no members (any)"),
    # --- leads_bloc (R08) ---
    P(
        "leads_bloc",
        collective(leads=[2019]),
        {},
        2019,
        MET,
        "Dẫn đầu khối thi đua năm 2019",
        id="R08 Cờ tỉnh — Luật 06/2022 Điều 26: leads the bloc",
    ),
    P(
        "leads_bloc",
        collective(leads=[2018]),
        {},
        2019,
        NOT_MET,
        "Không được khối suy tôn dẫn đầu năm 2019",
        id="R08 Cờ tỉnh — Luật 06/2022 Điều 26: led the bloc another year",
    ),
    # --- R16 blocking ---
    P("no_pending_case", person(), {}, 2019, MET, "Không có vụ việc", id="R16 — NĐ 152/2025 Điều 4: nothing pending"),
    P(
        "no_pending_case",
        person(pending=[PendingCaseFact("thanh tra", dt.date(2019, 12, 1))]),
        {},
        2019,
        NOT_MET,
        "thanh tra từ 01/12/2019",
        id="R16 — NĐ 152/2025 Điều 4: an inspection open at the reference date",
    ),
    P(
        "no_pending_case",
        person(pending=[PendingCaseFact("khiếu nại", dt.date(2019, 5, 1), closed_on=dt.date(2019, 9, 1))]),
        {},
        2019,
        MET,
        "Không có vụ việc",
        id="R16 — NĐ 152/2025 Điều 4: a complaint closed before the reference date",
    ),
    P(
        "no_pending_case",
        person(pending=[PendingCaseFact("điều tra", dt.date(2020, 3, 1))]),
        {},
        2019,
        MET,
        "Không có vụ việc",
        id="R16 — NĐ 152/2025 Điều 4: a case opened after the reference date",
    ),
    P(
        "no_discipline_in_force",
        person(),
        {},
        2019,
        MET,
        "Không có kỷ luật có hiệu lực trong năm 2019",
        id="R16 — NĐ 152/2025 Điều 4: no discipline",
    ),
    P(
        "no_discipline_in_force",
        person(disciplines=[DisciplineFact("khien_trach", dt.date(2018, 6, 1), ends_on=dt.date(2019, 6, 1))]),
        {},
        2019,
        NOT_MET,
        "khiển trách ngày 01/06/2018, đến 01/06/2019",
        id="R16 — NĐ 152/2025 Điều 4: a discipline term running into the year",
    ),
    P(
        "no_discipline_in_force",
        person(disciplines=[DisciplineFact("canh_cao", dt.date(2017, 6, 1), ends_on=dt.date(2018, 6, 1))]),
        {},
        2019,
        MET,
        "Không có kỷ luật",
        id="R16 — NĐ 152/2025 Điều 4: achievements count after the term ends",
    ),
    P(
        "no_discipline_in_force",
        person(disciplines=[DisciplineFact("canh_cao", dt.date(2019, 3, 1))]),
        {},
        2019,
        NOT_MET,
        "cảnh cáo ngày 01/03/2019",
        id="R16 — NĐ 152/2025 Điều 4: discipline decided in the year, no end",
    ),
    P(
        "no_discipline_in_force",
        person(disciplines=[DisciplineFact("canh_cao", dt.date(2020, 3, 1))]),
        {},
        2019,
        MET,
        "Không có kỷ luật",
        id="R16 — NĐ 152/2025 Điều 4: discipline decided after the year",
    ),
    # --- bk_tinh_individual_d (R09) ---
    P(
        "bk_tinh_individual_d",
        person(awards=titles("CSTDCS", 2018, 2019)),
        {},
        2019,
        MET,
        "CSTĐCS 2018, 2019",
        id="R09 BK tỉnh — Luật 06/2022 Điều 74 (d): 2 consecutive CSTĐCS",
    ),
    P(
        "bk_tinh_individual_d",
        person(ratings={2018: EXC, 2019: EXC}, initiatives=[initiative(1, "base", 2018), initiative(2, "base", 2019)]),
        {},
        2019,
        MET,
        "Hoàn thành xuất sắc nhiệm vụ 2018–2019; 2 sáng kiến, 0 đề tài",
        id="R09 BK tỉnh — Luật 06/2022 Điều 74 (d): 2 years HTXSNV + 2 cơ sở initiatives",
    ),
    P(
        "bk_tinh_individual_d",
        person(
            ratings={2018: EXC, 2019: EXC},
            initiatives=[initiative(1, "base", 2018, science=True), initiative(2, "base", 2019, science=True)],
        ),
        {},
        2019,
        MET,
        "0 sáng kiến, 2 đề tài",
        id="R09 BK tỉnh — Luật 06/2022 Điều 74 (d): 2 years HTXSNV + 2 works",
    ),
    P(
        "bk_tinh_individual_d",
        person(
            ratings={2018: EXC, 2019: EXC},
            initiatives=[initiative(1, "base", 2018), initiative(2, "base", 2019, science=True)],
        ),
        {},
        2019,
        ASK,
        "(a) xuất sắc trong phong trào thi đua",
        id="R09 BK tỉnh — Luật 06/2022 Điều 74 (d): one initiative + one work is neither 2 of a kind → a/b/c/e",
    ),
    P(
        "bk_tinh_individual_d",
        person(
            ratings={2018: EXC, 2019: EXC},
            initiatives=[initiative(1, "base", 2018), initiative(2, "base", 2019)],
            used=[2],
        ),
        {},
        2019,
        ASK,
        "không tính (đã dùng",
        id="R09 + R21: a used initiative leaves only one → a/b/c/e",
    ),
    P(
        "bk_tinh_individual_d",
        person(ratings={2019: EXC}, awards=titles("CSTDCS", 2017, 2019)),
        {},
        2019,
        ASK,
        "Không đạt tiêu chuẩn (d); cần xác nhận một trong các tiêu chuẩn khác: (a)",
        id="R09 BK tỉnh — Luật 06/2022 Điều 74 (d) not met: needs confirmation of a/b/c/e, never NOT_MET",
    ),
    P(
        "bk_tinh_individual_d",
        person(ratings={2019: EXC}),
        {"manual_alternatives": False},
        2019,
        NOT_MET,
        "1 năm liên tục",
        id="R09 BK tỉnh — cfg manual_alternatives=False: (d) only",
    ),
    P(
        "bk_tinh_individual_d",
        person(
            ratings={2018: EXC, 2019: EXC},
            awards=(award("CSTDCS", 2018, kind=AwardKind.SPECIAL), award("CSTDCS", 2019)),
        ),
        {"manual_alternatives": False},
        2019,
        NOT_MET,
        "CSTĐCS đã đạt: 2019",
        id="R09 + R19: a special award is not one of the 2 consecutive CSTĐCS",
    ),
    # --- bk_tinh_collective_d (R10) ---
    P(
        "bk_tinh_collective_d",
        collective(ratings={2018: EXC, 2019: EXC}),
        {},
        2019,
        MET,
        "2018: Hoàn thành xuất sắc nhiệm vụ; 2019: Hoàn thành xuất sắc nhiệm vụ",
        id="R10 BK tỉnh tập thể — Luật 06/2022 Điều 74: 2 consecutive years HTXSNV",
    ),
    P(
        "bk_tinh_collective_d",
        collective(ratings={2018: GOOD, 2019: EXC}, awards=titles("TTLDXS", 2018)),
        {},
        2019,
        MET,
        "TTLĐXS",
        id="R10 BK tỉnh tập thể — Luật 06/2022 Điều 74: TTLĐXS then HTXSNV",
    ),
    P(
        "bk_tinh_collective_d",
        collective(ratings={2018: GOOD, 2019: EXC}),
        {},
        2019,
        ASK,
        "xuất sắc trong phong trào thi đua",
        id="R10 BK tỉnh tập thể — not 2 years: other criteria to confirm",
    ),
    P(
        "bk_tinh_collective_d",
        collective(ratings={2018: GOOD, 2019: EXC}),
        {"manual_alternatives": False},
        2019,
        NOT_MET,
        "2018: Hoàn thành tốt nhiệm vụ",
        id="R10 BK tỉnh tập thể — cfg manual_alternatives=False",
    ),
    # --- bk_ttg_individual_a (R11A) ---
    P(
        "bk_ttg_individual_a",
        person(
            awards=titles("BK_TINH", 2014),
            ratings=dict.fromkeys(range(2015, 2020), EXC),
            initiatives=[initiative(i, "base", 2015 + i) for i in range(5)],
        ),
        {},
        2019,
        MET,
        "Bằng khen Chủ tịch UBND tỉnh 2014; hoàn thành xuất sắc nhiệm vụ 5/5 năm 2015–2019",
        id="R11A BK TTg — NĐ 65/2014 Điều 23.1.c: BK tỉnh then 5 years HTXSNV + 5 initiatives",
    ),
    P(
        "bk_ttg_individual_a",
        person(
            awards=titles("BK_TINH", 2014),
            ratings={**dict.fromkeys(range(2015, 2020), EXC), 2017: GOOD},
            initiatives=[initiative(i, "base", 2015 + i) for i in range(5)],
        ),
        {},
        2019,
        NOT_MET,
        "4/5",
        id="R11A BK TTg — NĐ 65/2014 Điều 23.1.c: one year not HTXSNV",
    ),
    P(
        "bk_ttg_individual_a",
        person(
            awards=titles("BK_TINH", 2016),
            ratings=dict.fromkeys(range(2015, 2020), EXC),
            initiatives=[initiative(i, "base", 2015 + i) for i in range(5)],
        ),
        {},
        2019,
        NOT_MET,
        "Chưa có Bằng khen Chủ tịch UBND tỉnh trước năm 2015",
        id="R11A BK TTg — NĐ 65/2014 Điều 23.1.c: the BK tỉnh must come before the 5 years",
    ),
    P(
        "bk_ttg_individual_a",
        person(
            awards=titles("BK_TINH", 2014),
            ratings=dict.fromkeys(range(2015, 2020), EXC),
            initiatives=[initiative(i, "base", 2015 + i) for i in range(5)],
            used=[0],
        ),
        {},
        2019,
        NOT_MET,
        "4/5 sáng kiến",
        id="R11A + R21: a used initiative leaves 4 of 5",
    ),
    # --- working_time (R17, NĐ 152/2025 Điều 4: maternity leave counts as working time) ---
    P(
        "working_time",
        person(posts=[(dt.date(2020, 3, 1), None)]),
        {},
        2025,
        MET,
        "Năm 2025: 365/365 ngày công tác",
        id="R17 — NĐ 152/2025 Điều 4: a whole year in post, no minimum configured",
    ),
    P(
        "working_time",
        person(),
        {"min_months": 10},
        2025,
        ASK,
        "Chưa có dữ liệu quá trình công tác trong năm 2025",
        id="R17 — NĐ 152/2025 Điều 4: no post recorded for the year is asked, never assumed",
    ),
    P(
        "working_time",
        person(posts=[(dt.date(2025, 4, 1), None)]),
        {"min_months": 10},
        2025,
        NOT_MET,
        "275/365 ngày công tác (01/04/2025–31/12/2025); yêu cầu ≥ 10 tháng (305 ngày)",
        id="R17 — province minimum (configurable): recruited in April, 275 days < 305",
    ),
    P(
        "working_time",
        person(posts=[(dt.date(2025, 3, 3), None)]),
        {"min_months": 10},
        2025,
        NOT_MET,
        "304/365",
        id="R17 — province minimum: the day before the boundary (304 days)",
    ),
    P(
        "working_time",
        person(posts=[(dt.date(2025, 3, 2), None)]),
        {"min_months": 10},
        2025,
        MET,
        "305/365",
        id="R17 — province minimum: the boundary itself (305 days)",
    ),
    P(
        "working_time",
        person(
            posts=[(dt.date(2018, 1, 1), dt.date(2025, 1, 31)), (dt.date(2025, 2, 1), None)],
            leaves=[(dt.date(2025, 3, 1), dt.date(2025, 8, 31))],
        ),
        {"min_months": 10},
        2025,
        MET,
        "nghỉ thai sản 01/03/2025–31/08/2025 (184 ngày), được tính là thời gian công tác",
        id="R17 — NĐ 152/2025 Điều 4: six months of maternity leave count; a move between units is one span",
    ),
    P(
        "working_time",
        person(posts=[(dt.date(2018, 1, 1), None)], leaves=[(dt.date(2025, 3, 1), dt.date(2025, 8, 31))]),
        {"min_months": 10, "leave_counts": False},
        2025,
        NOT_MET,
        "181/365 ngày công tác",
        id="R17 — without R17 (leave_counts=False) the leave is taken out: 181 days",
    ),
    P(
        "working_time",
        person(
            posts=[(dt.date(2024, 9, 1), dt.date(2025, 2, 28))], leaves=[(dt.date(2025, 3, 1), dt.date(2025, 12, 31))]
        ),
        {"min_months": 10},
        2025,
        MET,
        "365/365",
        id="R17 — leave that runs past the post's recorded end still counts as working time",
    ),
]


@pytest.mark.parametrize(("code", "subject", "params", "year", "status", "fact"), CASES)
def test_condition(code, subject, params, year, status, fact):
    line = run(code, subject, params, year=year)
    assert line.status == status, line.facts
    assert fact in line.facts
    assert line.code == code
    assert line.label


def test_every_condition_has_a_table_row():
    covered = {case.values[0] for case in CASES}
    assert covered == set(condition_codes())


@pytest.mark.parametrize("code", condition_codes())
def test_every_condition_is_documented(code):
    condition = condition_get(code)
    assert condition.label
    assert type(condition).__doc__
    # Every parameter and its default is documented in the class docstring.
    assert all(f"``{key}``" in (type(condition).__doc__ or "") for key in condition.defaults)


def test_manual_label_comes_from_params():
    line = run("manual", person(), {"label": "Nội bộ đoàn kết"})
    assert line.label == "Nội bộ đoàn kết"
    assert line.status == ASK


def test_member_titles_are_per_year():
    # A member with LĐTT in another year does not count for this year.
    subject = collective(members_=(member(1, GOOD, ("LDTT",), year=2018), member(2)))
    line = run("members_share_with_title", subject, {"min_share": 0.7})
    assert line.status == NOT_MET
    assert "1/2" in line.facts


def test_an_initiative_recognised_at_two_levels_counts_once():
    # given one initiative recognised at cơ sở in 2018 and at tỉnh in 2019, and a science work with the same id
    import datetime as dt

    from thidua.awards.rules.conditions._helpers import select_initiatives
    from thidua.awards.rules.context import InitiativeFact, SubjectFacts

    subject = SubjectFacts(
        kind="individual",
        id=1,
        name="Nguyễn Văn A",
        initiatives=(
            InitiativeFact(id=7, level="base", recognised_on=dt.date(2018, 5, 1)),
            InitiativeFact(id=7, level="province", recognised_on=dt.date(2019, 5, 1)),
            InitiativeFact(id=7, level="base", recognised_on=dt.date(2019, 6, 1), is_science_work=True),
        ),
        used_initiative_ids=frozenset({7}),
    )
    # when initiatives of cơ sở level or above in 2018–2019 are counted (the used one kept, for the count)
    counted, _ = select_initiatives(
        subject, min_level="base", first_year=2018, last_year=2019, science=None, exclude_used=False
    )
    # then the initiative counts once and the science work once
    assert [(i.id, i.is_science_work) for i in counted] == [(7, False), (7, True)]
    # and R21 sets aside only the initiative, never a science work that shares its id
    counted, used = select_initiatives(
        subject, min_level="base", first_year=2018, last_year=2019, science=None, exclude_used=True
    )
    assert [(i.id, i.is_science_work) for i in counted] == [(7, True)]
    assert [(i.id, i.is_science_work) for i in used] == [(7, False)]
