"""Scoring exports to XLSX, in the layout officials use (issue 5, item 6).

- :func:`sheet_workbook` — one unit's scoring table (bảng chấm điểm): title rows (bloc, year, unit); columns STT,
  Nhóm / tiêu chí, Điểm tối đa, Tự chấm, one "Điểm kiểm tra" column per checker (labelled as the selectors label
  them for this actor: anonymous for the unit before publication), Điểm cuối cùng; each group's header row with its
  subtotals, the bonus and penalty sections, and the totals (scored, bonus, penalty, total). Before consolidation,
  or when the actor may not see the unit's results, the table shows the self and checking points the actor may see
  and leaves "Điểm cuối cùng" empty.
- :func:`ranking_workbook` — the bloc's ranking (Xếp hạng, Đơn vị, Điểm chấm, Điểm thưởng, Điểm trừ, Tổng điểm, Tự
  chấm) with the corrections and their reasons, and a second sheet with every unit's final score per criterion.

Points are written as numbers with two decimals shown. Every read goes through the selectors (S12): the caller has
already checked the actor's access to the sheet or round.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from thidua.core.exceptions import NotFound
from thidua.scoring.choices import CriterionKind, RoundStatus, SheetKind
from thidua.scoring.permissions import can_manage_scoring
from thidua.scoring.selectors import (
    CriterionLine,
    Ranking,
    ranking_get,
    round_progress,
    score_sheet_access,
    sheet_rows,
    unit_detail_get,
)

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit
    from thidua.scoring.models import Criterion, CriterionGroup, ScoreSheet, ScoringRound, UnitResult

POINTS_FORMAT = "0.00"
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_GROUP_FILL = PatternFill("solid", fgColor="F2F2F2")
_TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(bold=True)
_RESULT_STATUSES = (RoundStatus.CONSOLIDATED, RoundStatus.APPEAL, RoundStatus.PUBLISHED)


# --- one unit's scoring table -------------------------------------------------------------------------------------


@dataclass
class _Cell:
    """What the table shows for one criterion: the self points, each checker's points (by column), the final."""

    self_points: Decimal | None = None
    checks: dict[str, Decimal] = field(default_factory=dict)
    final: Decimal | None = None


@dataclass
class UnitTable:
    """One unit's scoring table as the actor may see it."""

    scoring_round: ScoringRound
    unit_name: str
    groups: list[tuple[CriterionGroup, list[Criterion]]]
    checkers: list[str]
    cells: dict[int, _Cell]
    result: UnitResult | None


def _table_from_lines(lines: Sequence[CriterionLine]) -> tuple[list[str], dict[int, _Cell]]:
    checkers: list[str] = []
    cells: dict[int, _Cell] = {}
    for line in lines:
        cell = _Cell(self_points=line.result.self_points, final=line.result.final_points)
        for mark in line.marks:
            if not mark.is_counted:
                continue
            if mark.label not in checkers:
                checkers.append(mark.label)
            cell.checks[mark.label] = mark.raw
        cells[line.criterion.pk] = cell
    return checkers, cells


def _result_lines(
    actor: User, scoring_round: ScoringRound, unit: Unit
) -> tuple[UnitResult | None, Sequence[CriterionLine]] | None:
    """The unit's stored results and the marks behind them, as the actor may see them; None when it may not."""
    if scoring_round.status not in _RESULT_STATUSES:
        return None
    try:
        detail = unit_detail_get(actor=actor, scoring_round=scoring_round, unit=unit)
    except NotFound:
        pass
    else:
        if detail.lines:
            return detail.result, detail.lines
    try:
        ranking = ranking_get(actor=actor, scoring_round=scoring_round)
    except NotFound:
        return None
    for row in ranking.rows:
        if row.result.unit_id == unit.pk:
            return row.result, row.lines
    return None


def _raw_table(actor: User, sheet: ScoreSheet) -> tuple[list[str], dict[int, _Cell]]:
    """Before consolidation: the self points and the checking points the actor may see, no final points."""
    cells: dict[int, _Cell] = {}
    checkers: list[str] = []
    scoring_round = sheet.scoring_round
    rows = [row for group in sheet_rows(sheet=sheet) for row in group.rows]
    for row in rows:
        cells[row.criterion.pk] = _Cell()
    if sheet.kind == SheetKind.SELF:
        for row in rows:
            cells[row.criterion.pk].self_points = row.score.points if row.score is not None else None
    else:
        label = sheet.assignment.scorer_label if sheet.assignment is not None else _("Người chấm")
        checkers.append(label)
        for row in rows:
            cells[row.criterion.pk].self_points = row.self_score.points if row.self_score is not None else None
            if row.score is not None:
                cells[row.criterion.pk].checks[label] = row.score.points
    if can_manage_scoring(actor, bloc=scoring_round.bloc):
        # The secretariat sees every counted checking sheet of the unit, checkers named.
        progress = next((p for p in round_progress(scoring_round=scoring_round) if p.unit.pk == sheet.unit_id), None)
        checks = progress.checks if progress is not None else []
        self_sheet = progress.self_sheet if progress is not None else None
        if sheet.kind == SheetKind.CHECK and self_sheet is not None:
            for group in sheet_rows(sheet=self_sheet):
                for row in group.rows:
                    if row.criterion.pk in cells and row.score is not None:
                        cells[row.criterion.pk].self_points = row.score.points
        for check in checks:
            if check.pk == sheet.pk:
                continue
            other = score_sheet_access(actor=actor, sheet_id=check.pk)
            label = other.assignment.scorer_label if other.assignment is not None else _("Người chấm")
            if label not in checkers:
                checkers.append(label)
            for group in sheet_rows(sheet=other):
                for row in group.rows:
                    if row.criterion.pk in cells and row.score is not None:
                        cells[row.criterion.pk].checks[label] = row.score.points
    return checkers, cells


def unit_table(*, actor: User, sheet: ScoreSheet) -> UnitTable:
    """The scoring table of the sheet's unit; the caller has checked ``score_sheet_access``."""
    scoring_round = sheet.scoring_round
    groups = [(g.group, [row.criterion for row in g.rows]) for g in sheet_rows(sheet=sheet)]
    found = _result_lines(actor, scoring_round, sheet.unit)
    if found is not None:
        result, lines = found
        checkers, cells = _table_from_lines(lines)
    else:
        result = None
        checkers, cells = _raw_table(actor, sheet)
    return UnitTable(
        scoring_round=scoring_round,
        unit_name=sheet.unit.name,
        groups=groups,
        checkers=checkers,
        cells=cells,
        result=result,
    )


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def _style_header(sheet: Any, row: int, count: int) -> None:
    for column in range(1, count + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title_rows(sheet: Any, lines: Sequence[str], width: int) -> None:
    for index, text in enumerate(lines, start=1):
        sheet.cell(row=index, column=1, value=text).font = Font(bold=True, size=13 if index == 1 else 11)
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=max(width, 2))


def _write_points_row(
    sheet: Any, values: Sequence[object], *, fill: PatternFill | None = None, bold: bool = False
) -> None:
    sheet.append(list(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, float):
            cell.number_format = POINTS_FORMAT
        if fill is not None:
            cell.fill = fill
        if bold:
            cell.font = _BOLD
    sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _kind_total(table: UnitTable, kind: str, pick: Any) -> Decimal | None:
    return _sum(
        [pick(table.cells.get(c.pk, _Cell())) for _group, criteria in table.groups for c in criteria if c.kind == kind]
    )


def sheet_workbook(*, actor: User, sheet: ScoreSheet) -> bytes:
    """One unit's scoring table as an XLSX file."""
    table = unit_table(actor=actor, sheet=sheet)
    scoring_round = table.scoring_round
    checker_headers = [_("Điểm kiểm tra — %(scorer)s") % {"scorer": label} for label in table.checkers]
    headers = [_("STT"), _("Nhóm / tiêu chí"), _("Điểm tối đa"), _("Tự chấm"), *checker_headers, _("Điểm cuối cùng")]
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None  # noqa: S101  (a new Workbook always has an active sheet)
    ws.title = str(_("Bảng chấm điểm"))
    _title_rows(
        ws,
        [
            _("BẢNG CHẤM ĐIỂM THI ĐUA NĂM %(year)s") % {"year": scoring_round.year},
            _("Khối thi đua: %(bloc)s") % {"bloc": scoring_round.bloc.name},
            _("Đơn vị: %(unit)s") % {"unit": table.unit_name},
            _("Giai đoạn: %(status)s") % {"status": scoring_round.get_status_display()},
        ],
        len(headers),
    )
    ws.append([])
    ws.append([str(h) for h in headers])
    header_row = ws.max_row
    _style_header(ws, header_row, len(headers))

    def values(cell: _Cell) -> list[float | None]:
        return [
            _number(cell.self_points),
            *(_number(cell.checks.get(label)) for label in table.checkers),
            _number(cell.final),
        ]

    def subtotal(criteria: Sequence[Criterion]) -> list[float | None]:
        cells = [table.cells.get(c.pk, _Cell()) for c in criteria]
        return [
            _number(_sum([c.self_points for c in cells])),
            *(_number(_sum([c.checks.get(label) for c in cells])) for label in table.checkers),
            _number(_sum([c.final for c in cells])),
        ]

    def section(code: str, title: str, criteria: Sequence[Criterion], *, with_max: bool) -> None:
        maximum = _number(sum((c.max_points for c in criteria), Decimal(0))) if with_max else None
        _write_points_row(ws, [code, title, maximum, *subtotal(criteria)], fill=_GROUP_FILL, bold=True)
        for criterion in criteria:
            cell = table.cells.get(criterion.pk, _Cell())
            _write_points_row(ws, [criterion.code, criterion.name, _number(criterion.max_points), *values(cell)])

    bonus: list[Criterion] = []
    penalty: list[Criterion] = []
    for group, criteria in table.groups:
        scored = [c for c in criteria if c.kind == CriterionKind.SCORED]
        bonus += [c for c in criteria if c.kind == CriterionKind.BONUS]
        penalty += [c for c in criteria if c.kind == CriterionKind.PENALTY]
        if scored:
            section(group.code, group.name, scored, with_max=True)
    if bonus:
        section("", str(_("Điểm thưởng")), bonus, with_max=False)
    if penalty:
        section("", str(_("Điểm trừ")), penalty, with_max=False)

    def totals(pick: Any) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
        scored = _kind_total(table, CriterionKind.SCORED, pick)
        plus = _kind_total(table, CriterionKind.BONUS, pick)
        minus = _kind_total(table, CriterionKind.PENALTY, pick)
        if scored is None and plus is None and minus is None:
            return None, None, None, None
        total = (scored or Decimal(0)) + (plus or Decimal(0)) - (minus or Decimal(0))
        return scored, plus, minus, total

    columns = [totals(lambda c: c.self_points)]
    columns += [totals(lambda c, label=label: c.checks.get(label)) for label in table.checkers]
    result = table.result
    if result is not None:
        columns.append((result.scored_points, result.bonus_points, result.penalty_points, result.total))
    else:
        columns.append((None, None, None, None))
    max_scored = sum(
        (c.max_points for _g, criteria in table.groups for c in criteria if c.kind == CriterionKind.SCORED),
        Decimal(0),
    )
    labels = [_("Tổng điểm chấm"), _("Điểm thưởng"), _("Điểm trừ"), _("Tổng điểm")]
    for index, label in enumerate(labels):
        maximum = _number(max_scored) if index == 0 else None
        _write_points_row(
            ws,
            ["", str(label), maximum, *(_number(column[index]) for column in columns)],
            fill=_TOTAL_FILL,
            bold=True,
        )
    if result is None:
        ws.append([])
        ws.append(["", _("Chưa tổng hợp kết quả: cột “Điểm cuối cùng” để trống.")])
    else:
        ws.append([])
        ws.append(["", _("Xếp hạng trong khối: %(rank)s") % {"rank": result.rank}])

    widths = [8, 60, 12, 12, *([16] * len(table.checkers)), 14]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    return _save(workbook)


def sheet_file_name(sheet: ScoreSheet) -> str:
    return f"{_('Bảng chấm điểm')} {sheet.unit.name} {sheet.scoring_round.year}.xlsx"


# --- the bloc's ranking -------------------------------------------------------------------------------------------


def ranking_workbook(*, ranking: Ranking) -> bytes:
    """The bloc's ranking as an XLSX file: the ranking with corrections, and every unit's final score per
    criterion. ``ranking`` comes from ``selectors.ranking_get`` for the actor."""
    scoring_round = ranking.scoring_round
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None  # noqa: S101  (a new Workbook always has an active sheet)
    ws.title = str(_("Xếp hạng"))
    headers = [
        _("Xếp hạng"),
        _("Đơn vị"),
        _("Điểm chấm"),
        _("Điểm thưởng"),
        _("Điểm trừ"),
        _("Tổng điểm"),
        _("Tự chấm"),
    ]
    _title_rows(
        ws,
        [
            _("BẢNG XẾP HẠNG THI ĐUA NĂM %(year)s") % {"year": scoring_round.year},
            _("Khối thi đua: %(bloc)s") % {"bloc": scoring_round.bloc.name},
            _("Giai đoạn: %(status)s") % {"status": scoring_round.get_status_display()},
        ],
        len(headers),
    )
    ws.append([])
    ws.append([str(h) for h in headers])
    header_row = ws.max_row
    _style_header(ws, header_row, len(headers))
    for row in ranking.rows:
        r = row.result
        _write_points_row(
            ws,
            [
                r.rank,
                r.unit.name,
                _number(r.scored_points),
                _number(r.bonus_points),
                _number(r.penalty_points),
                _number(r.total),
                _number(r.self_total),
            ],
        )
    if ranking.corrections:
        ws.append([])
        ws.append([_("Đính chính sau công bố")])
        ws.cell(row=ws.max_row, column=1).font = _BOLD
        ws.append([_("Ngày"), _("Đơn vị"), _("Tiêu chí"), _("Điểm cũ"), _("Điểm mới"), _("Lý do")])
        _style_header(ws, ws.max_row, 6)
        for correction in ranking.corrections:
            _write_points_row(
                ws,
                [
                    f"{timezone.localtime(correction.decided_at):%d/%m/%Y}",
                    correction.unit.name,
                    f"{correction.criterion.code}. {correction.criterion.name}",
                    _number(correction.old_points),
                    _number(correction.new_points),
                    correction.reason,
                ],
            )
    for index, width in enumerate([10, 45, 14, 14, 14, 14, 14], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)

    detail = workbook.create_sheet(str(_("Điểm theo tiêu chí")))
    criteria: dict[int, Criterion] = {}
    for row in ranking.rows:
        for line in row.lines:
            criteria.setdefault(line.criterion.pk, line.criterion)
    detail.append(
        [
            str(_("Xếp hạng")),
            str(_("Đơn vị")),
            *(f"{c.code}. {c.name} ({_('tối đa')} {c.max_points:.2f})" for c in criteria.values()),
        ]
    )
    _style_header(detail, 1, 2 + len(criteria))
    for row in ranking.rows:
        finals = {line.criterion.pk: line.result.final_points for line in row.lines}
        _write_points_row(
            detail, [row.result.rank, row.result.unit.name, *(_number(finals.get(pk)) for pk in criteria)]
        )
    detail.column_dimensions["A"].width = 10
    detail.column_dimensions["B"].width = 40
    for index in range(3, 3 + len(criteria)):
        detail.column_dimensions[get_column_letter(index)].width = 18
    detail.row_dimensions[1].height = 60
    detail.freeze_panes = "C2"
    return _save(workbook)


def ranking_file_name(scoring_round: ScoringRound) -> str:
    return f"{_('Xếp hạng')} {scoring_round.bloc.name} {scoring_round.year}.xlsx"
