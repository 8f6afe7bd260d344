"""Blocking conditions (R16; NĐ 152/2025 Điều 4): no award or proposal while a case is being verified, and
achievements during a discipline term do not count."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.conditions._helpers import discipline_in_force, discipline_label
from thidua.awards.rules.context import EvaluationContext
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus

# The kinds of pending case (the same wording as the models' choices; the rules do not import models).
CASE_LABELS = {
    "discipline": gettext_noop("Đang xem xét kỷ luật"),
    "investigation": gettext_noop("Đang điều tra"),
    "inspection": gettext_noop("Đang thanh tra, kiểm tra"),
    "complaint": gettext_noop("Đang giải quyết khiếu nại, tố cáo"),
    "press_report": gettext_noop("Báo chí nêu dấu hiệu vi phạm đang xác minh"),
}


@condition_register
class NoPendingCase(Condition):
    """No discipline being considered, investigation, inspection or complaint open at the reference date."""

    code = "no_pending_case"
    label = gettext_noop("Không đang bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra, xác minh khiếu nại, tố cáo")

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        on = ctx.reference_date
        open_cases = [
            c for c in ctx.subject.pending_cases if c.opened_on <= on and (c.closed_on is None or c.closed_on > on)
        ]
        if not open_cases:
            return LineStatus.MET, _("Không có vụ việc đang xem xét tại ngày %(date)s") % {
                "date": on.strftime("%d/%m/%Y")
            }
        cases = "; ".join(
            _("%(kind)s từ %(date)s")
            % {"kind": _(CASE_LABELS.get(c.kind, c.kind)), "date": c.opened_on.strftime("%d/%m/%Y")}
            for c in open_cases
        )
        return LineStatus.NOT_MET, _("Đang xem xét tại ngày %(date)s: %(cases)s") % {
            "date": on.strftime("%d/%m/%Y"),
            "cases": cases,
        }


@condition_register
class NoDisciplineInForce(Condition):
    """No discipline in force during the evaluation year: achievements count only after the discipline term ends."""

    code = "no_discipline_in_force"
    label = gettext_noop("Không trong thời hạn thi hành kỷ luật trong năm xét")
    defaults: ClassVar[Mapping[str, Any]] = {}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        active = [d for d in ctx.subject.disciplines if discipline_in_force(d, ctx.year)]
        if not active:
            return LineStatus.MET, _("Không có kỷ luật có hiệu lực trong năm %(year)s") % {"year": ctx.year}
        items = "; ".join(
            _("%(level)s ngày %(date)s%(until)s")
            % {
                "level": discipline_label(d.level),
                "date": d.decided_on.strftime("%d/%m/%Y"),
                "until": (_(", đến %(end)s") % {"end": d.ends_on.strftime("%d/%m/%Y")}) if d.ends_on else "",
            }
            for d in active
        )
        return LineStatus.NOT_MET, _("Kỷ luật có hiệu lực trong năm %(year)s: %(items)s") % {
            "year": ctx.year,
            "items": items,
        }
