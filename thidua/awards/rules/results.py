"""Typed results: one line per condition, and the verdict over all of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class LineStatus(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NEEDS_CONFIRMATION = "needs_confirmation"  # only a person can judge it (e.g. "đoàn kết nội bộ")


class VerdictStatus(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_CONFIRMATION = "needs_confirmation"


@dataclass(frozen=True)
class Citation:
    """Document, article, clause: "Luật Thi đua, khen thưởng 06/2022/QH15", "Điều 23", "khoản 1"."""

    document: str
    article: str = ""
    clause: str = ""

    def __str__(self) -> str:
        return ", ".join(part for part in (self.clause, self.article, self.document) if part)


@dataclass(frozen=True)
class ConditionResult:
    code: str
    label: str
    status: LineStatus
    facts: str
    citation: Citation


@dataclass(frozen=True)
class Verdict:
    status: VerdictStatus
    title_code: str
    year: int
    regime: str
    rule_set: str
    lines: tuple[ConditionResult, ...]

    @classmethod
    def of(
        cls, *, title_code: str, year: int, regime: str, rule_set: str, lines: tuple[ConditionResult, ...]
    ) -> Verdict:
        """Not eligible if any line is not met; otherwise needs confirmation if any line needs it; else eligible."""
        if any(line.status == LineStatus.NOT_MET for line in lines):
            status = VerdictStatus.NOT_ELIGIBLE
        elif any(line.status == LineStatus.NEEDS_CONFIRMATION for line in lines):
            status = VerdictStatus.NEEDS_CONFIRMATION
        else:
            status = VerdictStatus.ELIGIBLE
        return cls(status=status, title_code=title_code, year=year, regime=regime, rule_set=rule_set, lines=lines)
