"""The rule sets: which conditions make each title or award form, per legal regime (R28), as versioned data.

Each ``RuleSetSpec`` names its conditions by code, with parameters and the citation that makes them law for that
title and regime (DOMAIN.md §3.3, §3.4, §8). ``configurable`` names parameters DOMAIN marks UNVERIFIED or leaves to
provinces: a province may override them (``engine.evaluate(overrides=…)``) with a dated decision reference.

Where DOMAIN has no text for a title in a regime, there is deliberately no rule set (``ABSENT``): ``rule_set_for``
raises ``NoRuleSet`` and the caller shows "chưa có quy định để kiểm tra tự động" rather than guess.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.context import RegimeCode
from thidua.awards.rules.registry import ConditionSpec, RuleSetSpec
from thidua.awards.rules.results import Citation

# Documents (DOMAIN §3.1).
LAW_2003 = "Luật Thi đua, khen thưởng 15/2003/QH11 (sửa đổi, bổ sung 2005, 2013)"
LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15"
ND_65_2014 = "Nghị định 65/2014/NĐ-CP"
ND_91_2017 = "Nghị định 91/2017/NĐ-CP"
ND_152_2025 = "Nghị định 152/2025/NĐ-CP"
# Bằng khen cấp tỉnh (Luật 06/2022 Điều 74) and the collective standards of Điều 26–28 are known through Bắc Ninh's
# restatement (QĐ 86/2025/QĐ-UBND Điều 3, 4 — DOMAIN source BN86); the article numbers are those of the catalogue seed
# (awards migration 0002). Re-check against vbpl.vn before go-live (DOMAIN status note).

A, B, C = RegimeCode.A.value, RegimeCode.B.value, RegimeCode.C.value


def cond(
    code: str, citation: Citation, params: Mapping[str, Any] | None = None, configurable: tuple[str, ...] = ()
) -> ConditionSpec:
    return ConditionSpec(code=code, citation=citation, params=params, configurable=configurable)


def manual(label: str, citation: Citation) -> ConditionSpec:
    return ConditionSpec(code="manual", citation=citation, params={"label": label})


LDTT_HELD = gettext_noop("Đạt danh hiệu Lao động tiên tiến")

# R16 (NĐ 152/2025 Điều 4, Regime C): blocking lines added to every Regime C rule set.
BLOCKING_C = (
    cond("no_pending_case", Citation(ND_152_2025, "Điều 4")),
    cond("no_discipline_in_force", Citation(ND_152_2025, "Điều 4")),
)


# R17 (NĐ 152/2025 Điều 4, Regime C): maternity leave counts as working time in the year's individual titles.
WORKING_TIME_C = (cond("working_time", Citation(ND_152_2025, "Điều 4"), configurable=("min_months",)),)


def b_and_c(
    key: str,
    title_code: str,
    conditions: tuple[ConditionSpec, ...],
    subject: str = "",
    extra_c: tuple[ConditionSpec, ...] = (),
) -> list[RuleSetSpec]:
    """Regime B and Regime C share the standards of Luật 06/2022; Regime C adds NĐ 152/2025's blocking rules and
    ``extra_c``."""
    return [
        RuleSetSpec(key=f"{key}/B/1", title_code=title_code, regime=B, conditions=conditions, subject=subject),
        RuleSetSpec(
            key=f"{key}/C/1",
            title_code=title_code,
            regime=C,
            conditions=conditions + extra_c + BLOCKING_C,
            subject=subject,
        ),
    ]


# --- Individuals (DOMAIN §3.3) ---------------------------------------------------------------------------------------

LDTT_A = RuleSetSpec(
    key="LDTT/A/1",
    title_code="LDTT",
    regime=A,
    conditions=(
        # R01A
        cond(
            "rating_at_least",
            Citation(LAW_2003, "Điều 24"),
            {"min_rating": "httnv", "label": gettext_noop("Hoàn thành tốt nhiệm vụ trở lên")},
        ),
        manual(
            gettext_noop("Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước"),
            Citation(LAW_2003, "Điều 24"),
        ),
        manual(
            gettext_noop("Tích cực học tập chính trị, văn hóa, chuyên môn, nghiệp vụ"), Citation(LAW_2003, "Điều 24")
        ),
        manual(gettext_noop("Có đạo đức, lối sống lành mạnh"), Citation(LAW_2003, "Điều 24")),
    ),
)

LDTT_BC = b_and_c(
    "LDTT",
    "LDTT",
    (
        # R01
        cond(
            "rating_at_least",
            Citation(LAW_2022, "Điều 24", "khoản 1, điểm a"),
            {"min_rating": "httnv", "label": gettext_noop("Hoàn thành tốt nhiệm vụ trở lên")},
        ),
        manual(
            gettext_noop("Có tinh thần tự lực, tự cường; đoàn kết, tương trợ, tích cực tham gia phong trào thi đua"),
            Citation(LAW_2022, "Điều 24", "khoản 1, điểm b"),
        ),
    ),
    extra_c=WORKING_TIME_C,
)

CSTDCS_A = RuleSetSpec(
    key="CSTDCS/A/1",
    title_code="CSTDCS",
    regime=A,
    conditions=(
        # R02A: LĐTT and a cơ sở initiative or accepted science work (mandatory in Regime A).
        cond("title_in_year", Citation(LAW_2003, "Điều 23"), {"title": "LDTT", "label": LDTT_HELD}),
        cond(
            "initiative_at_level",
            Citation(ND_91_2017, "Điều 9", "khoản 3"),
            {
                "level": "base",
                "window_years": 1,
                "label": gettext_noop(
                    "Có sáng kiến được cơ sở công nhận hoặc đề tài khoa học được nghiệm thu (bắt buộc)"
                ),
            },
            configurable=("window_years",),
        ),
    ),
)

CSTDCS_BC = b_and_c(
    "CSTDCS",
    "CSTDCS",
    (
        # R02: LĐTT and (HTXSNV or an initiative or a science work) — the initiative is no longer mandatory.
        cond("title_in_year", Citation(LAW_2022, "Điều 23"), {"title": "LDTT", "label": LDTT_HELD}),
        cond(
            "excellence_or_initiative",
            Citation(LAW_2022, "Điều 23"),
            {"window_years": 1},
            configurable=("window_years",),
        ),
    ),
    extra_c=WORKING_TIME_C,
)


def cstd_tinh(law: str) -> tuple[ConditionSpec, ...]:
    """R04: 03 lần liên tục CSTĐCS and a province-level initiative or science work (validity window: Regime A
    provincial practice 3 years — UNVERIFIED)."""
    return (
        cond(
            "consecutive_titles",
            Citation(law, "Điều 22"),
            {
                "title": "CSTDCS",
                "count": 3,
                "must_end_in_year": True,
                "step_years": 1,
                "label": gettext_noop("03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở"),
            },
            configurable=("must_end_in_year", "step_years"),
        ),
        cond(
            "initiative_at_level",
            Citation(law, "Điều 22"),
            {
                "level": "province",
                "window_years": 3,
                "label": gettext_noop(
                    "Có sáng kiến, đề tài khoa học được công nhận hiệu quả, phạm vi ảnh hưởng trong tỉnh"
                ),
            },
            configurable=("window_years",),
        ),
    )


def cstd_tq(law: str, scope_clause: str) -> tuple[ConditionSpec, ...]:
    """R05: 02 lần liên tục CSTĐ tỉnh and a national-scope initiative or science work."""
    return (
        cond(
            "consecutive_titles",
            Citation(law, "Điều 21"),
            {
                "title": "CSTD_TINH",
                "count": 2,
                "must_end_in_year": True,
                "step_years": 1,
                "label": gettext_noop("02 lần liên tục đạt danh hiệu Chiến sĩ thi đua cấp tỉnh"),
            },
            configurable=("must_end_in_year", "step_years"),
        ),
        cond(
            "initiative_at_level",
            Citation(law, "Điều 21", scope_clause),
            {
                "level": "national",
                "window_years": 3,
                "label": gettext_noop("Có sáng kiến, đề tài khoa học có phạm vi ảnh hưởng toàn quốc"),
            },
            configurable=("window_years",),
        ),
    )


CSTD_TINH_A = RuleSetSpec(key="CSTD_TINH/A/1", title_code="CSTD_TINH", regime=A, conditions=cstd_tinh(LAW_2003))
CSTD_TINH_BC = b_and_c("CSTD_TINH", "CSTD_TINH", cstd_tinh(LAW_2022))
CSTD_TQ_A = RuleSetSpec(key="CSTD_TQ/A/1", title_code="CSTD_TQ", regime=A, conditions=cstd_tq(LAW_2003, ""))
CSTD_TQ_BC = b_and_c("CSTD_TQ", "CSTD_TQ", cstd_tq(LAW_2022, "khoản 2"))

BK_TINH_INDIVIDUAL_BC = b_and_c(
    "BK_TINH.individual",
    "BK_TINH",
    (
        manual(
            gettext_noop("Gương mẫu chấp hành chủ trương, chính sách của Đảng, pháp luật của Nhà nước"),
            Citation(LAW_2022, "Điều 74"),
        ),
        # R09: criterion (d); (a), (b), (c), (e) left to a person when (d) is not met.
        cond(
            "bk_tinh_individual_d",
            Citation(LAW_2022, "Điều 74", "tiêu chuẩn (d)"),
            {"min_years": 2, "min_works": 2, "manual_alternatives": True},
            configurable=("manual_alternatives",),
        ),
    ),
    subject="individual",
)

BK_TTG_INDIVIDUAL_A = RuleSetSpec(
    key="BK_TTG.individual/A/1",
    title_code="BK_TTG",
    regime=A,
    subject="individual",
    conditions=(
        # R11A (NĐ 65/2014; the NĐ 91/2017 wording is UNVERIFIED, hence configurable).
        cond(
            "bk_ttg_individual_a",
            Citation(ND_65_2014, "Điều 23", "khoản 1, điểm c"),
            {"prior_award": "BK_TINH", "years": 5, "min_initiatives": 5},
            configurable=("years", "min_initiatives"),
        ),
    ),
)

# --- Collectives (DOMAIN §3.4) ---------------------------------------------------------------------------------------

MOVEMENT = gettext_noop("Có phong trào thi đua thường xuyên, thiết thực, hiệu quả")
UNITY = gettext_noop("Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước")

TTLDTT_A = RuleSetSpec(
    key="TTLDTT/A/1",
    title_code="TTLDTT",
    regime=A,
    conditions=(
        # R06A
        cond(
            "rating_at_least",
            Citation(LAW_2003, "Điều 28"),
            {"min_rating": "httnv", "label": gettext_noop("Hoàn thành tốt nhiệm vụ")},
        ),
        cond(
            "members_share_with_title",
            Citation(LAW_2003, "Điều 28"),
            {
                "title": "LDTT",
                "min_share": 0.5,
                "strict": True,
                "label": gettext_noop("Trên 50% thành viên đạt Lao động tiên tiến"),
            },
        ),
        cond("members_no_discipline", Citation(LAW_2003, "Điều 28"), {"min_level": "canh_cao"}),
        manual(MOVEMENT, Citation(LAW_2003, "Điều 28")),
        manual(UNITY, Citation(LAW_2003, "Điều 28")),
    ),
)

TTLDTT_BC = b_and_c(
    "TTLDTT",
    "TTLDTT",
    (
        # R06
        cond(
            "rating_at_least",
            Citation(LAW_2022, "Điều 28"),
            {"min_rating": "httnv", "label": gettext_noop("Hoàn thành tốt nhiệm vụ")},
        ),
        cond(
            "members_share_with_title",
            Citation(LAW_2022, "Điều 28"),
            {
                "title": "LDTT",
                "min_share": 0.7,
                "strict": False,
                "label": gettext_noop("Ít nhất 70% thành viên đạt Lao động tiên tiến"),
            },
        ),
        cond("members_no_discipline", Citation(LAW_2022, "Điều 28"), {"min_level": "canh_cao"}),
        manual(MOVEMENT, Citation(LAW_2022, "Điều 28")),
        manual(UNITY, Citation(LAW_2022, "Điều 28")),
    ),
)


def ttldxs(law: str) -> tuple[ConditionSpec, ...]:
    """R07: HTXSNV; 100% members HTNV, of which ≥ 70% LĐTT; ≥ 1 member CSTĐCS; movement and unity (manual)."""
    return (
        cond(
            "rating_at_least",
            Citation(law, "Điều 27"),
            {"min_rating": "htxsnv", "label": gettext_noop("Hoàn thành xuất sắc nhiệm vụ")},
        ),
        cond("members_all_rating_at_least", Citation(law, "Điều 27"), {"min_rating": "htnv"}),
        cond(
            "members_share_with_title",
            Citation(law, "Điều 27"),
            {
                "title": "LDTT",
                "min_share": 0.7,
                "strict": False,
                "label": gettext_noop("Ít nhất 70% thành viên đạt Lao động tiên tiến"),
            },
        ),
        cond(
            "members_any_with_title",
            Citation(law, "Điều 27"),
            {
                "title": "CSTDCS",
                "min_count": 1,
                "label": gettext_noop("Có cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở"),
            },
        ),
        manual(MOVEMENT, Citation(law, "Điều 27")),
        manual(UNITY, Citation(law, "Điều 27")),
    )


TTLDXS_A = RuleSetSpec(
    key="TTLDXS/A/1",
    title_code="TTLDXS",
    regime=A,
    conditions=(
        *ttldxs(LAW_2003),
        # R07A: from sector copies; the statutory wording is UNVERIFIED.
        cond(
            "members_no_discipline",
            Citation(LAW_2003, "Điều 27"),
            {"min_level": "canh_cao"},
            configurable=("min_level",),
        ),
    ),
)
TTLDXS_BC = b_and_c("TTLDXS", "TTLDXS", ttldxs(LAW_2022))

CO_TINH_A = RuleSetSpec(
    key="CO_TINH/A/1",
    title_code="CO_TINH",
    regime=A,
    conditions=(
        # R08 (Regime A: through the bloc comparison, NĐ 91/2017 Điều 12; the old Law's Điều 26 text is UNVERIFIED).
        cond("leads_bloc", Citation(ND_91_2017, "Điều 12")),
        manual(gettext_noop("Đáp ứng các tiêu chuẩn khác của Cờ thi đua cấp tỉnh"), Citation(LAW_2003, "Điều 26")),
    ),
)

CO_TINH_BC = b_and_c(
    "CO_TINH",
    "CO_TINH",
    (
        # R08
        cond("leads_bloc", Citation(LAW_2022, "Điều 26")),
        cond(
            "rating_at_least",
            Citation(LAW_2022, "Điều 26"),
            {"min_rating": "htxsnv", "label": gettext_noop("Hoàn thành xuất sắc nhiệm vụ")},
        ),
        manual(
            gettext_noop(
                "Hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao; là tập thể tiêu biểu xuất sắc trong tỉnh"
            ),
            Citation(LAW_2022, "Điều 26"),
        ),
        manual(
            gettext_noop("Nội bộ đoàn kết; tổ chức đảng, đoàn thể hoàn thành xuất sắc nhiệm vụ"),
            Citation(LAW_2022, "Điều 26"),
        ),
        manual(
            gettext_noop("Thực hành tiết kiệm, chống lãng phí, chống tham nhũng và các tệ nạn xã hội"),
            Citation(LAW_2022, "Điều 26"),
        ),
    ),
)

CO_CP_A = RuleSetSpec(
    key="CO_CP/A/1",
    title_code="CO_CP",
    regime=A,
    conditions=(
        manual(
            gettext_noop(
                "Hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao; là tập thể tiêu biểu xuất sắc toàn quốc"
            ),
            Citation(LAW_2003, "Điều 25"),
        ),
        manual(gettext_noop("Là tập thể tiêu biểu xuất sắc nhất của bộ, ngành, tỉnh"), Citation(LAW_2003, "Điều 25")),
        manual(
            gettext_noop("Nội bộ đoàn kết, thực hành tiết kiệm, chống lãng phí, chống tham nhũng"),
            Citation(LAW_2003, "Điều 25"),
        ),
    ),
)

BK_TINH_COLLECTIVE_BC = b_and_c(
    "BK_TINH.collective",
    "BK_TINH",
    (
        # R10
        cond(
            "bk_tinh_collective_d",
            Citation(LAW_2022, "Điều 74"),
            {"min_years": 2, "manual_alternatives": True},
            configurable=("manual_alternatives",),
        ),
        manual(
            gettext_noop("Thực hiện tốt dân chủ ở cơ sở, tổ chức tốt các phong trào thi đua"),
            Citation(LAW_2022, "Điều 74"),
        ),
        manual(
            gettext_noop("Chăm lo tốt đời sống vật chất, tinh thần của người lao động"),
            Citation(LAW_2022, "Điều 74"),
        ),
        manual(
            gettext_noop("Thực hành tiết kiệm, chống lãng phí, chống tham nhũng"),
            Citation(LAW_2022, "Điều 74"),
        ),
    ),
    subject="collective",
)

RULE_SETS: tuple[RuleSetSpec, ...] = (
    LDTT_A,
    *LDTT_BC,
    CSTDCS_A,
    *CSTDCS_BC,
    CSTD_TINH_A,
    *CSTD_TINH_BC,
    CSTD_TQ_A,
    *CSTD_TQ_BC,
    TTLDTT_A,
    *TTLDTT_BC,
    TTLDXS_A,
    *TTLDXS_BC,
    CO_TINH_A,
    *CO_TINH_BC,
    CO_CP_A,
    *BK_TINH_INDIVIDUAL_BC,
    *BK_TINH_COLLECTIVE_BC,
    BK_TTG_INDIVIDUAL_A,
)

# Deliberately absent (title, regime, subject) → why: DOMAIN has no text to check against.
ABSENT: Mapping[tuple[str, str, str], str] = {
    ("CO_CP", B, ""): "DOMAIN §3.4: Regime B/C text for Cờ thi đua của Chính phủ not seen",
    ("CO_CP", C, ""): "DOMAIN §3.4: Regime B/C text for Cờ thi đua của Chính phủ not seen",
    ("BK_TINH", A, "individual"): "DOMAIN §3.3: Regime A text (NĐ 91/2017) UNVERIFIED",
    ("BK_TINH", A, "collective"): "DOMAIN §3.4: UNVERIFIED",
    ("BK_TTG", A, "collective"): "DOMAIN §3.3/§3.4: no collective standard given",
    ("BK_TTG", B, "individual"): "DOMAIN §3.3: Regime B/C text not seen — UNVERIFIED",
    ("BK_TTG", C, "individual"): "DOMAIN §3.3: Regime B/C text not seen — UNVERIFIED",
    ("BK_TTG", B, "collective"): "DOMAIN §3.3/§3.4: no standard given",
    ("BK_TTG", C, "collective"): "DOMAIN §3.3/§3.4: no standard given",
    ("GK", A, ""): "DOMAIN §3.4: Giấy khen standards are a judgement (thành tích được bình xét), not checkable",
    ("GK", B, ""): "DOMAIN §3.4: Giấy khen standards are a judgement (thành tích được bình xét), not checkable",
    ("GK", C, ""): "DOMAIN §3.4: Giấy khen standards are a judgement (thành tích được bình xét), not checkable",
}


class NoRuleSet(LookupError):
    """No rule set for this title, regime and subject: the law's text is not available to check automatically."""

    def __init__(self, title_code: str, regime: str, subject: str = "") -> None:
        self.title_code, self.regime, self.subject = title_code, regime, subject
        super().__init__(
            _("Chưa có quy định để kiểm tra tự động: %(title)s, chế độ pháp lý %(regime)s%(subject)s")
            % {
                "title": title_code,
                "regime": regime,
                "subject": f" ({_('cá nhân') if subject == 'individual' else _('tập thể')})" if subject else "",
            }
        )


def rule_set_for(title_code: str, regime: str, subject: str = "") -> RuleSetSpec:
    """The rule set for ``title_code`` in ``regime`` (A, B or C). ``subject`` ("individual" | "collective") selects
    between the rule sets of a form given to both kinds (BK_TINH); raises ``NoRuleSet`` (a ``LookupError``) when
    none applies or when it is ambiguous without ``subject``."""
    candidates = [r for r in RULE_SETS if r.title_code == title_code and r.regime == str(regime)]
    if subject:
        candidates = [r for r in candidates if r.subject in (subject, "")]
    if len(candidates) != 1:
        raise NoRuleSet(title_code, str(regime), subject)
    return candidates[0]
