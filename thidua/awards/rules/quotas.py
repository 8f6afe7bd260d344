"""Pure helpers for the rules that count across a unit, a council or a decision, rather than per subject:
R03/R03A (CSTĐCS quota), R12 (council vote threshold), R13 (council quorum), R26 (decision authority), R27 (reward
amount)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.context import RegimeCode, SubjectFacts
from thidua.awards.rules.results import Citation

# --- R03A / R03: CSTĐCS quota ------------------------------------------------------------------------------------------

CSTDCS_SHARE_A = 0.15
CSTDCS_QUOTA_CITATION = Citation("Nghị định 91/2017/NĐ-CP", "Điều 9", "khoản 3")


def cstdcs_quota(n_ldtt: int, regime: RegimeCode | str, share: float | None = None) -> int | None:
    """The most CSTĐCS an awarding unit may give: ``floor(share × n_ldtt)``. Regime A: share 0.15 unless a lower one
    is configured (bộ, ngành, tỉnh may set lower). Regime B/C: no national cap (``None``) unless configured."""
    if share is None:
        if RegimeCode(regime) != RegimeCode.A:
            return None
        share = CSTDCS_SHARE_A
    return math.floor(Fraction(str(share)) * n_ldtt)


def cstdcs_quota_check(
    n_cstdcs: int, n_ldtt: int, regime: RegimeCode | str, share: float | None = None
) -> tuple[bool, str]:
    """Whether ``n_cstdcs`` fits the quota, with the facts in Vietnamese ("2/13 LĐTT; tối đa 1 (15%)")."""
    cap = cstdcs_quota(n_ldtt, regime, share)
    if cap is None:
        return True, _("%(n)s CSTĐCS / %(ldtt)s LĐTT; không giới hạn số lượng") % {"n": n_cstdcs, "ldtt": n_ldtt}
    used_share = share if share is not None else CSTDCS_SHARE_A
    return n_cstdcs <= cap, _("%(n)s CSTĐCS / %(ldtt)s LĐTT; tối đa %(cap)s (%(pct)s)") % {
        "n": n_cstdcs,
        "ldtt": n_ldtt,
        "cap": cap,
        "pct": f"{used_share * 100:g}%",
    }


# --- R12: council vote threshold ---------------------------------------------------------------------------------------

COUNCIL_SHARES = {"CSTD_TINH": 0.90, "CSTD_TQ": 0.90, "ANH_HUNG": 0.90, "CSTDCS": 0.80, "CO_TINH": 0.80, "CO_CP": 0.80}
COUNCIL_CITATION = Citation("Nghị định 98/2023/NĐ-CP", "Điều 30", "khoản 7")


def council_threshold(
    title_code: str, n_members: int, regime: RegimeCode | str, share: float | None = None
) -> int | None:
    """Yes votes needed: ``ceil(share × n_members)`` of all council members (written votes of absentees included).
    Share 0.90 for CSTĐ tỉnh / toàn quốc, 0.80 for CSTĐCS, Cờ tỉnh, Cờ CP (NĐ 98/2023 Điều 30 khoản 7, Regime B).
    Regime C keeps them by default (UNVERIFIED: ``share`` configurable). Regime A: no text in DOMAIN — ``share`` must
    be configured, else ``LookupError``. ``None`` when the title needs no council ballot."""
    if share is None:
        if RegimeCode(regime) == RegimeCode.A:
            raise LookupError(_("Chưa có quy định về tỷ lệ biểu quyết của Hội đồng thi đua, khen thưởng (chế độ A)"))
        if title_code not in COUNCIL_SHARES:
            return None
        share = COUNCIL_SHARES[title_code]
    return math.ceil(Fraction(str(share)) * n_members)


def council_vote_passes(
    title_code: str, yes_votes: int, n_members: int, regime: RegimeCode | str, share: float | None = None
) -> bool:
    needed = council_threshold(title_code, n_members, regime, share)
    return needed is None or yes_votes >= needed


# --- R13: council quorum (Bắc Ninh model, Regime C, province-specific: configurable) -----------------------------------

QUORUM_SHARES = {"general": Fraction(2, 3), "award": Fraction(4, 5)}
QUORUM_CITATION = Citation("QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh", "Điều 8", "khoản 4 điểm b")


def council_quorum(n_members: int, session: str = "award", share: float | None = None) -> int:
    """Members who must be present: ``ceil(2/3 × n)`` for a general session, ``ceil(0.80 × n)`` for an award session
    (absentees give a written opinion). Province-specific (QĐ 86/2025/QĐ-UBND Bắc Ninh): ``share`` configurable."""
    chosen = Fraction(str(share)) if share is not None else QUORUM_SHARES[session]
    return math.ceil(chosen * n_members)


def council_quorum_met(present: int, n_members: int, session: str = "award", share: float | None = None) -> bool:
    """R13: enough members attend the session (``present ≥ council_quorum``)."""
    return present >= council_quorum(n_members, session, share)


# --- R18: tie-break in favour of women (NĐ 152/2025 Điều 4) ------------------------------------------------------------

FEMALE_SHARE_PREFERRED = Fraction(7, 10)


def gender_priority(subject: SubjectFacts) -> bool:
    """True when R18 gives the subject priority among equally eligible candidates: a woman, or a collective whose
    members are at least 70% women."""
    if subject.kind == "collective":
        if not subject.members:
            return False
        women = sum(1 for m in subject.members if m.is_female)
        return Fraction(women, len(subject.members)) >= FEMALE_SHARE_PREFERRED
    return subject.is_female


# --- R26: decision authority -------------------------------------------------------------------------------------------

HEAD_OF_DEPARTMENT = gettext_noop("Thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh")
PROVINCE_CHAIR = gettext_noop("Chủ tịch Ủy ban nhân dân tỉnh")
PROVINCE_COMMITTEE = gettext_noop("Ủy ban nhân dân tỉnh (sau khi Hội đồng Thi đua - Khen thưởng tỉnh xét)")
PRIME_MINISTER = gettext_noop("Thủ tướng Chính phủ")

DECISION_AUTHORITY = {
    "LDTT": HEAD_OF_DEPARTMENT,
    "CSTDCS": HEAD_OF_DEPARTMENT,
    "TTLDTT": HEAD_OF_DEPARTMENT,
    "GK": HEAD_OF_DEPARTMENT,
    "TTLDXS": PROVINCE_CHAIR,
    "BK_TINH": PROVINCE_CHAIR,
    "CSTD_TINH": PROVINCE_COMMITTEE,
    "CO_TINH": PROVINCE_COMMITTEE,
    "CSTD_TQ": PRIME_MINISTER,
    "CO_CP": PRIME_MINISTER,
    "BK_TTG": PRIME_MINISTER,
}
AUTHORITY_CITATION = Citation("Luật Thi đua, khen thưởng 06/2022/QH15", "Điều 80")


def decision_authority(title_code: str) -> str:
    """R26 — who decides ``title_code`` in a province (Regime B/C), in Vietnamese. ``LookupError`` if unknown."""
    try:
        return _(DECISION_AUTHORITY[title_code])
    except KeyError:
        raise LookupError(title_code) from None


# --- R27: reward amount ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaseSalary:
    valid_from: dt.date
    amount: int  # đồng per month
    citation: Citation


# Dated table, oldest first. Only values DOMAIN gives; a newer 2026 value exists (UNVERIFIED) — add it here with its
# decree when known.
BASE_SALARIES: tuple[BaseSalary, ...] = (
    BaseSalary(dt.date(2024, 7, 1), 2_340_000, Citation("Nghị định 73/2024/NĐ-CP", "Điều 3", "khoản 2")),
)

# Coefficients × lương cơ sở (NĐ 152/2025 Điều 50–54; NĐ 98/2023 Điều 54 for the individual titles). ``None``: the
# individual coefficients for Giấy khen and Bằng khen are UNVERIFIED.
COEFFICIENTS: dict[tuple[str, str], Decimal | None] = {
    ("CSTD_TQ", "individual"): Decimal("4.5"),
    ("CSTD_TINH", "individual"): Decimal("3.0"),
    ("CSTDCS", "individual"): Decimal("1.0"),
    ("LDTT", "individual"): Decimal("0.3"),
    ("TTLDXS", "collective"): Decimal("1.5"),
    ("TTLDTT", "collective"): Decimal("0.8"),
    ("CO_CP", "collective"): Decimal("12"),
    ("CO_TINH", "collective"): Decimal("8"),
    ("BK_TTG", "collective"): Decimal("7"),
    ("BK_TINH", "collective"): Decimal("3"),
    ("GK", "collective"): Decimal("0.6"),
    ("BK_TTG", "individual"): None,
    ("BK_TINH", "individual"): None,
    ("GK", "individual"): None,
}
HOUSEHOLD_FACTOR = Decimal("1.5")  # hộ gia đình: 1.5 × the individual amount (NĐ 152/2025)
REWARD_CITATION = Citation("Nghị định 152/2025/NĐ-CP", "Điều 50")


def base_salary_on(on: dt.date) -> BaseSalary:
    """The base salary in force on ``on``; ``LookupError`` before the first known value."""
    in_force = [b for b in BASE_SALARIES if b.valid_from <= on]
    if not in_force:
        raise LookupError(_("Chưa có mức lương cơ sở áp dụng cho ngày %(date)s") % {"date": on.strftime("%d/%m/%Y")})
    return in_force[-1]


def reward_coefficient(title_code: str, subject: str) -> Decimal:
    """R27 coefficient for ``subject`` ("individual" | "collective" | "household"). ``LookupError`` when unknown or
    UNVERIFIED (individual Giấy khen and Bằng khen)."""
    if subject == "household":
        return reward_coefficient(title_code, "individual") * HOUSEHOLD_FACTOR
    coefficient = COEFFICIENTS.get((title_code, subject))
    if coefficient is None:
        raise LookupError(
            _("Chưa có hệ số tiền thưởng đã xác minh cho %(title)s (%(subject)s)")
            % {"title": title_code, "subject": subject}
        )
    return coefficient


def reward_amount(title_code: str, subject: str, on: dt.date) -> int:
    """R27 — ``coefficient × base salary in force on the decision date``, in đồng."""
    amount = reward_coefficient(title_code, subject) * base_salary_on(on).amount
    return int(amount.to_integral_value())
