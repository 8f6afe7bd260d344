"""Factories of scoring: criteria sets, rounds and filled-in sheets, made through the services as the system (S24)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.emulation.models import Bloc
from thidua.organizations.models import Unit
from thidua.scoring.choices import AssignmentStatus, CriterionKind, SheetKind
from thidua.scoring.models import (
    Appeal,
    Correction,
    CriteriaSet,
    Criterion,
    CriterionGroup,
    CriterionResult,
    Evidence,
    Score,
    ScoreSheet,
    ScoringAssignment,
    ScoringRound,
    SheetEvent,
    UnitResult,
)
from thidua.scoring.services import (
    CriterionInput,
    RoundRules,
    ScoreInput,
    assignments_generate,
    criteria_set_approve,
    criteria_set_create,
    criterion_group_save,
    criterion_save,
    score_sheet_save,
    score_sheet_submit,
    scoring_round_create,
    scoring_round_open,
)

YEAR = timezone.localdate().year
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48

# (group code, criterion code, kind, maximum): group I holds the scored criteria, group II the bonus and penalty.
CRITERIA = [
    ("I", "1", CriterionKind.SCORED, "10"),
    ("I", "2", CriterionKind.SCORED, "20"),
    ("II", "3", CriterionKind.BONUS, "10"),
    ("II", "4", CriterionKind.PENALTY, "5"),
]


def pdf(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def exe(name: str = "bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EXE, content_type="application/pdf")


def criteria_set_build(bloc: Bloc, *, year: int = YEAR, approve: bool = True) -> CriteriaSet:
    """A set of two groups: I (scored, max 10 and 20) and II (bonus max 10, penalty max 5), approved by default."""
    criteria_set = criteria_set_create(actor=None, bloc=bloc, year=year, title="Bảng chấm điểm thi đua khối")
    groups: dict[str, CriterionGroup] = {}
    for group_code, code, kind, maximum in CRITERIA:
        if group_code not in groups:
            name = "Thực hiện nhiệm vụ" if group_code == "I" else "Điểm thưởng, điểm trừ"
            groups[group_code] = criterion_group_save(actor=None, criteria_set=criteria_set, code=group_code, name=name)
        criterion_save(
            actor=None,
            group=groups[group_code],
            data=CriterionInput(
                code=code, name=f"Tiêu chí số {code}", kind=kind, max_points=maximum, required_evidence="Báo cáo"
            ),
        )
    if approve:
        criteria_set = criteria_set_approve(actor=None, criteria_set=criteria_set, reference="Biên bản họp khối số 1")
    return criteria_set


def round_build(bloc: Bloc, criteria_set: CriteriaSet, *, year: int = YEAR, per_unit: int = 1) -> ScoringRound:
    """A cross-scoring round in preparation (method mean), with a round-robin draw of ``per_unit`` checkers."""
    scoring_round = scoring_round_create(
        actor=None, bloc=bloc, year=year, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=per_unit)
    )
    assignments_generate(actor=None, scoring_round=scoring_round)
    return scoring_round


def round_open(scoring_round: ScoringRound) -> ScoringRound:
    return scoring_round_open(actor=None, scoring_round=scoring_round)


def criteria_of(holder: ScoringRound | ScoreSheet | CriteriaSet) -> list[Criterion]:
    """The criteria of a set, or of the set a round or a sheet uses, in table order."""
    set_id = holder.pk if isinstance(holder, CriteriaSet) else holder.criteria_set_id
    return list(Criterion.objects.filter(group__criteria_set_id=set_id).order_by("group__position", "position", "id"))


def self_sheet(scoring_round: ScoringRound, unit: Unit) -> ScoreSheet:
    return ScoreSheet.objects.get(scoring_round=scoring_round, unit=unit, kind=SheetKind.SELF)


def check_sheet(scoring_round: ScoringRound, scored: Unit) -> ScoreSheet:
    """The counted checking sheet of ``scored`` (one checker per unit)."""
    return ScoreSheet.objects.get(
        scoring_round=scoring_round, unit=scored, kind=SheetKind.CHECK, assignment__status=AssignmentStatus.ACTIVE
    )


def checker_of(scoring_round: ScoringRound, scored: Unit) -> Unit:
    assignment = ScoringAssignment.objects.get(
        scoring_round=scoring_round, scored_unit=scored, status=AssignmentStatus.ACTIVE
    )
    assert assignment.scorer_unit is not None
    return assignment.scorer_unit


def cells(sheet: ScoreSheet, points: Sequence[str | None]) -> list[ScoreInput]:
    return [
        ScoreInput(criterion_id=c.pk, points=p, comment=f"Giải trình {c.code}")
        for c, p in zip(criteria_of(sheet), points, strict=True)
    ]


def fill(sheet: ScoreSheet, points: Sequence[str | None], *, submit: bool = True) -> ScoreSheet:
    """Save ``points`` (in table order) on the sheet as the system, and send it unless ``submit`` is false."""
    sheet.refresh_from_db()
    sheet = score_sheet_save(actor=None, sheet=sheet, version=sheet.version, scores=cells(sheet, points))
    return score_sheet_submit(actor=None, sheet=sheet) if submit else sheet


def points_of(sheet: ScoreSheet) -> dict[str, Decimal]:
    return {s.criterion.code: s.points for s in Score.objects.filter(sheet=sheet).select_related("criterion")}


def snapshot() -> tuple[object, ...]:
    """Counts of every scoring row and audit event, and each sheet's state: equal before and after a refusal."""
    models = (
        CriteriaSet,
        CriterionGroup,
        Criterion,
        ScoringRound,
        ScoringAssignment,
        ScoreSheet,
        Score,
        Evidence,
        SheetEvent,
        Appeal,
        Correction,
        UnitResult,
        CriterionResult,
        AuditEvent,
    )
    return (
        tuple(m.objects.count() for m in models),
        tuple(ScoreSheet.objects.order_by("pk").values_list("pk", "status", "version")),
        tuple(ScoringRound.objects.order_by("pk").values_list("pk", "status")),
        tuple(CriteriaSet.objects.order_by("pk").values_list("pk", "status")),
        tuple(Score.objects.order_by("pk").values_list("pk", "points")),
        tuple(CriterionResult.objects.order_by("pk").values_list("unit_id", "criterion_id", "final_points")),
    )
