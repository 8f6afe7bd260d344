"""Pages of scoring: XLSX exports of one unit's scoring table and of the bloc's ranking.

The files are small (a bloc's units × its criteria), so they are built in the request and sent directly. Whoever may
not read the sheet or see the ranking gets the ordinary 404 (S12).
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.urls import URLPattern, path
from django.views import View

from thidua.core.http import AuthenticatedHttpRequest
from thidua.core.spreadsheets import XLSX_CONTENT_TYPE
from thidua.core.text import fold
from thidua.scoring.selectors import ranking_get, score_sheet_access, scoring_round_access
from thidua.scoring.xlsx import ranking_file_name, ranking_workbook, sheet_file_name, sheet_workbook


def xlsx_response(content: bytes, file_name: str) -> HttpResponse:
    """An attachment whose Vietnamese name survives every browser: an ASCII fallback and the UTF-8 name (RFC 6266)."""
    fallback = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in fold(file_name)) or "bang-tinh.xlsx"
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(file_name)}"
    return response


class ScoreSheetXlsxView(LoginRequiredMixin, View):
    """Bảng chấm điểm của một đơn vị (XLSX), as the actor may see it."""

    def get(self, request: AuthenticatedHttpRequest, sheet_id: int) -> HttpResponse:
        sheet = score_sheet_access(actor=request.user, sheet_id=sheet_id)
        return xlsx_response(sheet_workbook(actor=request.user, sheet=sheet), sheet_file_name(sheet))


class RankingXlsxView(LoginRequiredMixin, View):
    """Bảng xếp hạng của khối (XLSX), once the actor may see it."""

    def get(self, request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
        scoring_round = scoring_round_access(actor=request.user, round_id=round_id)
        ranking = ranking_get(actor=request.user, scoring_round=scoring_round)
        return xlsx_response(ranking_workbook(ranking=ranking), ranking_file_name(scoring_round))


urlpatterns: list[URLPattern] = [
    path("bang-diem/<int:sheet_id>/xlsx/", ScoreSheetXlsxView.as_view(), name="sheet_xlsx"),
    path("dot/<int:round_id>/xep-hang/xlsx/", RankingXlsxView.as_view(), name="ranking_xlsx"),
]
