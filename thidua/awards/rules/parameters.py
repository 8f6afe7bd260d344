"""The province's parameters that belong to no eligibility condition: quotas, the council's vote and quorum, the
submission deadlines (DOMAIN R03/R03A, R12, R13, R24). Like a condition's configurable parameters, each is stored as
a dated ``ParameterOverride`` whose ``condition_code`` is the ``code`` below (a pseudo-condition), and read with
``parameter_overrides_for(province, date)``.

``defaults`` gives each parameter's type (what the override form accepts) and its documented value; ``default_text``
says in words what applies when the province has set nothing, which may depend on the regime.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from thidua.awards.rules import deadlines, quotas
from thidua.awards.rules.results import Citation


@dataclass(frozen=True)
class ProvinceParameter:
    code: str
    label: str
    defaults: Mapping[str, Any]
    default_text: str
    citation: Citation


PROVINCE_PARAMETERS: tuple[ProvinceParameter, ...] = (
    ProvinceParameter(
        code="cstdcs_quota",
        label=gettext_noop("Tỷ lệ tối đa Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến của đơn vị (R03A, R03)"),
        defaults={"share": 0.15},
        default_text=gettext_noop("15% trong chế độ A, làm tròn xuống; chế độ B, C không giới hạn"),
        citation=quotas.CSTDCS_QUOTA_CITATION,
    ),
    ProvinceParameter(
        code="council_threshold",
        label=gettext_noop("Tỷ lệ phiếu đồng ý trên tổng số thành viên Hội đồng Thi đua – Khen thưởng (R12)"),
        defaults={"share": 0.9},
        default_text=gettext_noop(
            "90% với Chiến sĩ thi đua cấp tỉnh, toàn quốc; 80% với Chiến sĩ thi đua cơ sở, Cờ thi đua; "
            "chế độ A phải do tỉnh quy định"
        ),
        citation=quotas.COUNCIL_CITATION,
    ),
    ProvinceParameter(
        code="council_quorum",
        label=gettext_noop("Tỷ lệ thành viên Hội đồng phải tham dự phiên xét khen thưởng (R13)"),
        defaults={"share": 0.8},
        default_text=gettext_noop("80% tổng số thành viên"),
        citation=quotas.QUORUM_CITATION,
    ),
    ProvinceParameter(
        code=deadlines.CONDITION,
        label=gettext_noop("Hạn nộp hồ sơ đề nghị khen thưởng lên tỉnh (R24)"),
        defaults={
            "is_enabled": True,
            "year_end_day": 10,
            "year_end_month": 12,
            "school_year_day": 10,
            "school_year_month": 7,
            "thematic_days": 10,
        },
        default_text=gettext_noop(
            "Áp dụng từ chế độ C: tổng kết năm trước ngày 10/12; năm học trước ngày 10/7; chuyên đề chậm nhất "
            "10 ngày trước ngày tổng kết"
        ),
        citation=deadlines.R24_YEAR_END,
    ),
)

BY_CODE: Mapping[str, ProvinceParameter] = {p.code: p for p in PROVINCE_PARAMETERS}
