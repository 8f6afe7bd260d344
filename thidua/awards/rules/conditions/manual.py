"""Conditions only a person can judge (tinh thần tự lực, đoàn kết nội bộ…): listed for confirmation, never assumed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from thidua.awards.rules.context import EvaluationContext
from thidua.awards.rules.registry import Condition, condition_register
from thidua.awards.rules.results import LineStatus


@condition_register
class Manual(Condition):
    """Always NEEDS_CONFIRMATION. Params: ``label`` (what is to be confirmed, Vietnamese; shown as the line's label)."""

    code = "manual"
    label = gettext_noop("Tiêu chuẩn cần xác nhận")
    defaults: ClassVar[Mapping[str, Any]] = {"label": ""}

    def check(self, ctx: EvaluationContext, params: Mapping[str, Any]) -> tuple[LineStatus, str]:
        return LineStatus.NEEDS_CONFIRMATION, _("Cần người có thẩm quyền xác nhận; hệ thống không tự đánh giá.")
