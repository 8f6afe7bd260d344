"""Demo step: bloc III's scoring of 2019 (issue 5), from the criteria set to the published ranking; idempotent.

The seed article (17/01/2020) says only that the units "xây dựng các tiêu chí" and that the conference proposed
Bằng khen of UBND tỉnh for Sở Lao động – Thương binh và Xã hội, Báo Quảng Nam and Đài Phát thanh và Truyền hình
tỉnh Quảng Nam. Everything else here is illustrative (DOMAIN §2.4: the scale, the criteria and the penalty values are
UNVERIFIED for Quảng Nam; the bonus +10/+15 follows the HCMC template):

- **Criteria set** "Bảng tiêu chí chấm điểm thi đua năm 2019 — Khối thi đua các cơ quan tham mưu III": 21 criteria
  in 5 groups. Groups I–IV hold 17 scored criteria whose maxima sum to exactly 100 points; group V holds the bonus
  items (+10 Cờ thi đua of UBND tỉnh or of a ministry the year before, +15 Cờ thi đua of the Government; they are
  added on top of the 100) and the penalty items (late reports, max 5; disciplined staff, max 10). Approved on
  20/02/2019 ("Biên bản họp Khối ngày 20/02/2019").
- **Round**: cross-scoring, two checking units per unit by round robin (units by id), final score = mean of the two
  checkers, no normalisation, ties broken by more bonus then fewer penalties; self-assessment due 10/12/2019,
  checking due 20/12/2019. Opened 25/11/2019; each unit sends its self-assessment between 03 and 09/12/2019 and
  its checking sheets between 12 and 19/12/2019; consolidated 23/12/2019.
- **Numbers** are deterministic: each unit has a level (share of the maximum) per criterion, the checkers score a
  little below it (each checking unit with its own slight severity), the self-assessment a little above. Sở
  LĐTBXH, Báo Quảng Nam and Đài PTTH are the three strongest, so they come out top three; who leads among them is
  the bloc's choice at the conference, not something the demo asserts. Two illustrative bonus facts (Cờ thi đua of
  UBND tỉnh 2018 for Sở LĐTBXH and Đài PTTH) and two late reports (Sở Y tế, Sở GDĐT) show the other groups at work.
- **Appeal**: the window runs 26/12/2019–03/01/2020; Sở Y tế (its emulation officer's account, as appeals need a
  person) appeals the late-report penalty; the secretariat rejects it with a reason on 06/01/2020, so the ranking
  is unchanged. Skipped when Sở Y tế has no account that may file it.
- **Published** on 10/01/2020, a week before the conference of 17/01/2020, with the typed confirmation.

Everything goes through the services, as the system (``actor=None``), with fixed instants in Asia/Ho_Chi_Minh.
Idempotent: nothing is done when bloc III already has a scoring round (or a criteria set) for 2019.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from thidua.accounts.models import User
from thidua.scoring.choices import (
    AssignmentMethod,
    CheckingMode,
    ConsolidationMethod,
    CriterionKind,
    SheetKind,
    TieBreak,
)
from thidua.scoring.models import CriteriaSet, Criterion, ScoreSheet, ScoringRound
from thidua.scoring.permissions import can_edit_sheet_of
from thidua.scoring.services import (
    PUBLISH_CONFIRMATION,
    CriterionInput,
    RoundRules,
    ScoreInput,
    appeal_answer,
    appeal_file,
    appeal_window_open,
    assignments_generate,
    criteria_set_approve,
    criteria_set_create,
    criterion_group_save,
    criterion_save,
    score_sheet_save,
    score_sheet_submit,
    scoring_round_consolidate,
    scoring_round_create,
    scoring_round_open,
    scoring_round_publish,
)

if TYPE_CHECKING:
    from thidua.demo.context import DemoContext
    from thidua.organizations.models import Unit

YEAR = 2019
TITLE = "Bảng tiêu chí chấm điểm thi đua năm 2019 — Khối thi đua các cơ quan tham mưu III"
APPROVAL_REFERENCE = "Biên bản họp Khối ngày 20/02/2019"

SCORED, BONUS, PENALTY = CriterionKind.SCORED, CriterionKind.BONUS, CriterionKind.PENALTY


@dataclass(frozen=True)
class _C:
    code: str
    name: str
    kind: str
    max_points: int
    guidance: str
    evidence: str


# (group code, group name, criteria). Scored maxima: 35 + 25 + 20 + 20 = 100.
CRITERIA: list[tuple[str, str, list[_C]]] = [
    (
        "I",
        "Thực hiện nhiệm vụ chính trị được giao",
        [
            _C(
                "1.1",
                "Hoàn thành các chỉ tiêu, nhiệm vụ chuyên môn theo kế hoạch năm được UBND tỉnh giao",
                SCORED,
                15,
                "Hoàn thành 100% chỉ tiêu: tối đa; mỗi chỉ tiêu không đạt trừ 2 điểm; vượt chỉ tiêu được ghi nhận "
                "trong giải trình.",
                "Báo cáo tổng kết năm 2019 của đơn vị; bảng số liệu thực hiện chỉ tiêu so với kế hoạch.",
            ),
            _C(
                "1.2",
                "Tham mưu ban hành văn bản quy phạm pháp luật, đề án, chính sách thuộc lĩnh vực quản lý",
                SCORED,
                8,
                "Tham mưu đầy đủ, đúng tiến độ theo Chương trình công tác của UBND tỉnh: tối đa; mỗi nội dung chậm "
                "tiến độ trừ 1 điểm.",
                "Danh mục văn bản, đề án đã trình; văn bản ban hành của HĐND, UBND tỉnh.",
            ),
            _C(
                "1.3",
                "Thực hiện các nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao đúng thời hạn",
                SCORED,
                7,
                "Căn cứ kết quả theo dõi nhiệm vụ trên hệ thống quản lý văn bản của tỉnh; mỗi nhiệm vụ quá hạn "
                "trừ 0,5 điểm.",
                "Báo cáo tình hình thực hiện nhiệm vụ được giao; trích xuất từ hệ thống theo dõi nhiệm vụ.",
            ),
            _C(
                "1.4",
                "Thực hiện chủ trương của Đảng, chính sách, pháp luật của Nhà nước; phòng, chống tham nhũng, thực "
                "hành tiết kiệm, chống lãng phí",
                SCORED,
                5,
                "Không có vi phạm, thực hiện đầy đủ các chế độ báo cáo chuyên đề: tối đa.",
                "Kế hoạch và báo cáo phòng, chống tham nhũng, thực hành tiết kiệm năm 2019.",
            ),
        ],
    ),
    (
        "II",
        "Tổ chức phong trào thi đua (phát động, đăng ký, giao ước, sơ kết, tổng kết)",
        [
            _C(
                "2.1",
                "Ban hành kế hoạch, phát động phong trào thi đua yêu nước năm 2019 và các phong trào thi đua theo "
                "đợt, chuyên đề",
                SCORED,
                5,
                "Có kế hoạch, phát động đầu năm, nội dung gắn với nhiệm vụ trọng tâm của ngành: tối đa.",
                "Kế hoạch, văn bản phát động phong trào thi đua năm 2019 và các đợt thi đua.",
            ),
            _C(
                "2.2",
                "Tổ chức đăng ký thi đua trong đơn vị và gửi bản đăng ký thi đua về Khối đúng thời hạn",
                SCORED,
                4,
                "Gửi đúng hạn (31/01/2019), đủ danh hiệu tập thể, cá nhân: tối đa; gửi chậm trừ 1 điểm.",
                "Bản đăng ký thi đua năm 2019 và văn bản gửi Khối.",
            ),
            _C(
                "2.3",
                "Ký kết và thực hiện giao ước thi đua của Khối; thực hiện giao ước thi đua với UBND tỉnh",
                SCORED,
                5,
                "Ký kết giao ước, triển khai và báo cáo kết quả thực hiện các nội dung giao ước: tối đa.",
                "Bản giao ước thi đua năm 2019; báo cáo kết quả thực hiện giao ước.",
            ),
            _C(
                "2.4",
                "Sơ kết, tổng kết phong trào thi đua; tham gia đầy đủ các hoạt động của Khối",
                SCORED,
                5,
                "Tổ chức sơ kết 6 tháng, tổng kết năm; dự đủ các cuộc họp, hoạt động của Khối: tối đa; mỗi lần vắng "
                "không lý do trừ 1 điểm.",
                "Báo cáo sơ kết, tổng kết; giấy mời và danh sách tham dự các hoạt động của Khối.",
            ),
            _C(
                "2.5",
                "Phong trào phát huy sáng kiến, cải tiến kỹ thuật; sáng kiến được công nhận",
                SCORED,
                6,
                "Có sáng kiến được công nhận cấp cơ sở: 4 điểm; có sáng kiến cấp tỉnh: thêm 2 điểm.",
                "Quyết định công nhận sáng kiến cấp cơ sở, cấp tỉnh năm 2019.",
            ),
        ],
    ),
    (
        "III",
        "Công tác khen thưởng và nhân rộng điển hình tiên tiến",
        [
            _C(
                "3.1",
                "Xét, đề nghị khen thưởng đúng quy định về đối tượng, tiêu chuẩn, thủ tục, thời gian",
                SCORED,
                6,
                "Không có hồ sơ bị trả lại: tối đa; mỗi hồ sơ bị trả lại do sai quy định trừ 1 điểm.",
                "Tờ trình, hồ sơ đề nghị khen thưởng; ý kiến của Ban Thi đua – Khen thưởng tỉnh.",
            ),
            _C(
                "3.2",
                "Khen thưởng kịp thời; chú trọng khen thưởng người lao động trực tiếp",
                SCORED,
                4,
                "Có khen thưởng đột xuất kịp thời và tỷ lệ khen thưởng người lao động trực tiếp hợp lý: tối đa.",
                "Quyết định khen thưởng năm 2019; tổng hợp tỷ lệ khen thưởng theo đối tượng.",
            ),
            _C(
                "3.3",
                "Phát hiện, bồi dưỡng, tổng kết và nhân rộng các điển hình tiên tiến",
                SCORED,
                6,
                "Có điển hình được giới thiệu, nhân rộng trong ngành và trên phương tiện thông tin đại chúng: tối đa.",
                "Danh sách điển hình tiên tiến; bài viết, phóng sự giới thiệu điển hình.",
            ),
            _C(
                "3.4",
                "Tuyên truyền về thi đua, khen thưởng và gương người tốt, việc tốt",
                SCORED,
                4,
                "Có chuyên mục, tin bài thường xuyên trên trang thông tin điện tử của đơn vị: tối đa.",
                "Đường dẫn chuyên mục; số tin bài đăng trong năm.",
            ),
        ],
    ),
    (
        "IV",
        "Xây dựng tổ chức, cải cách hành chính",
        [
            _C(
                "4.1",
                "Kiện toàn Hội đồng Thi đua – Khen thưởng; bố trí cán bộ làm công tác thi đua, khen thưởng",
                SCORED,
                4,
                "Hội đồng được kiện toàn kịp thời, có cán bộ phụ trách công tác thi đua, khen thưởng: tối đa.",
                "Quyết định kiện toàn Hội đồng Thi đua – Khen thưởng; quyết định phân công cán bộ.",
            ),
            _C(
                "4.2",
                "Cải cách hành chính, ứng dụng công nghệ thông tin; kết quả chỉ số cải cách hành chính",
                SCORED,
                6,
                "Chấm theo thứ hạng chỉ số cải cách hành chính của tỉnh năm 2019 và mức độ dịch vụ công trực tuyến.",
                "Kết quả công bố chỉ số cải cách hành chính; báo cáo cải cách hành chính năm 2019.",
            ),
            _C(
                "4.3",
                "Xây dựng tổ chức Đảng, đoàn thể trong sạch, vững mạnh; nội bộ đoàn kết",
                SCORED,
                5,
                "Tổ chức Đảng hoàn thành tốt nhiệm vụ trở lên, các đoàn thể vững mạnh: tối đa.",
                "Kết quả đánh giá, xếp loại tổ chức Đảng, đoàn thể năm 2019.",
            ),
            _C(
                "4.4",
                "Thực hiện chế độ thông tin, báo cáo về thi đua, khen thưởng đầy đủ, đúng hạn",
                SCORED,
                5,
                "Gửi đủ các báo cáo định kỳ và đột xuất theo yêu cầu của Khối, của Ban Thi đua – Khen thưởng: tối đa.",
                "Sổ theo dõi văn bản đi; các báo cáo đã gửi trong năm.",
            ),
        ],
    ),
    (
        "V",
        "Điểm thưởng và điểm trừ",
        [
            _C(
                "5.1",
                "Được tặng Cờ thi đua của UBND tỉnh hoặc của Bộ, ngành Trung ương năm trước (2018)",
                BONUS,
                10,
                "Cộng 10 điểm ngoài thang 100 điểm. Không cộng đồng thời với mục 5.2 (chỉ tính mức cao hơn).",
                "Quyết định tặng Cờ thi đua năm 2018.",
            ),
            _C(
                "5.2",
                "Được tặng Cờ thi đua của Chính phủ năm trước (2018)",
                BONUS,
                15,
                "Cộng 15 điểm ngoài thang 100 điểm.",
                "Quyết định của Thủ tướng Chính phủ tặng Cờ thi đua năm 2018.",
            ),
            _C(
                "5.3",
                "Chậm gửi báo cáo, hồ sơ thi đua, khen thưởng theo yêu cầu của Khối, của Ban Thi đua – Khen thưởng",
                PENALTY,
                5,
                "Trừ 1 điểm mỗi báo cáo gửi chậm, 2 điểm nếu chậm quá 5 ngày; tối đa trừ 5 điểm.",
                "Sổ theo dõi văn bản đến của Thường trực Khối (ngày nhận).",
            ),
            _C(
                "5.4",
                "Có cán bộ, công chức, viên chức bị kỷ luật từ hình thức khiển trách trở lên trong năm",
                PENALTY,
                10,
                "Trừ 5 điểm mỗi trường hợp; tối đa trừ 10 điểm.",
                "Quyết định kỷ luật (nếu có); báo cáo của đơn vị.",
            ),
        ],
    ),
]

# Each unit's level on the scored criteria (share of the maximum, as the checkers see it).
LEVELS = {
    "qn-so-ldtbxh": Decimal("0.95"),
    "qn-bao-quang-nam": Decimal("0.94"),
    "qn-dai-ptth": Decimal("0.93"),
    "qn-so-vhttdl": Decimal("0.89"),
    "qn-so-tttt": Decimal("0.88"),
    "qn-so-yte": Decimal("0.87"),
    "qn-so-gddt": Decimal("0.86"),
}
# Bonus and penalty facts (criterion code → points) as the checkers record them; illustrative.
FACTS: dict[str, dict[str, Decimal]] = {
    "qn-so-ldtbxh": {"5.1": Decimal(10)},
    "qn-dai-ptth": {"5.1": Decimal(10)},
    "qn-so-yte": {"5.3": Decimal(2)},
    "qn-so-gddt": {"5.3": Decimal(1)},
}
# What the self-assessments declare differently (Sở Y tế does not count its late report).
SELF_FACTS: dict[str, dict[str, Decimal]] = {"qn-so-yte": {"5.3": Decimal(0)}}
FACT_COMMENTS = {
    ("qn-so-ldtbxh", "5.1"): "Cờ thi đua năm 2018 (dữ liệu minh họa).",
    ("qn-dai-ptth", "5.1"): "Cờ thi đua của UBND tỉnh năm 2018 (dữ liệu minh họa).",
    ("qn-so-yte", "5.3"): "Báo cáo tổng kết năm nhận ngày 05/12/2019, quá hạn 30/11/2019.",
    ("qn-so-gddt", "5.3"): "Báo cáo sơ kết 6 tháng nhận chậm 2 ngày.",
}
APPEAL_UNIT = "qn-so-yte"
APPEAL_CRITERION = "5.3"
APPEAL_TEXT = (
    "Sở Y tế đã gửi báo cáo tổng kết năm 2019 qua hệ thống quản lý văn bản điều hành ngày 29/11/2019, trong thời hạn; "
    "đề nghị Khối xem xét không trừ điểm mục 5.3."
)
APPEAL_ANSWER = (
    "Văn bản gửi ngày 29/11/2019 là dự thảo xin ý kiến; báo cáo chính thức có chữ ký số nhận ngày 05/12/2019 theo sổ "
    "theo dõi văn bản đến của Thường trực Khối, sau hạn 30/11/2019. Giữ nguyên điểm trừ."
)
QUARTER = Decimal("0.25")


def _at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A fixed instant in the project's time zone (Asia/Ho_Chi_Minh)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=timezone.get_current_timezone())


def _round_quarter(value: Decimal, maximum: Decimal) -> Decimal:
    points = (value / QUARTER).quantize(Decimal(1), rounding=ROUND_HALF_UP) * QUARTER
    return min(max(points, Decimal(0)), maximum).quantize(Decimal("0.01"))


def _share(code: str, position: int, *, scorer: int | None) -> Decimal:
    """The share of the maximum given to unit ``code`` on its ``position``-th scored criterion: by the checking unit
    with index ``scorer`` (its own slight severity and a small deterministic spread), or by itself (``None``)."""
    level = LEVELS[code]
    salt = sum(map(ord, code))
    if scorer is None:
        return min(Decimal(1), level + Decimal("0.02") + Decimal((position * 3 + salt) % 3) / 100)
    spread = Decimal((position * 7 + salt * 3 + scorer * 5) % 5 - 2) / 100
    severity = Decimal(scorer % 3) / 100
    return min(Decimal(1), level + spread - severity)


def _cells(code: str, criteria: list[Criterion], *, scorer: int | None) -> list[ScoreInput]:
    facts = FACTS.get(code, {}) | (SELF_FACTS.get(code, {}) if scorer is None else {})
    cells = []
    position = 0
    for criterion in criteria:
        maximum = criterion.max_points
        if criterion.kind == SCORED:
            points = _round_quarter(maximum * _share(code, position, scorer=scorer), maximum)
            position += 1
            comment = ""
        else:
            points = facts.get(criterion.code, Decimal(0))
            comment = FACT_COMMENTS.get((code, criterion.code), "") if points else ""
        cells.append(ScoreInput(criterion_id=criterion.pk, points=points, comment=comment))
    return cells


def _criteria_set(context: DemoContext) -> CriteriaSet:
    criteria_set = criteria_set_create(actor=None, bloc=context.bloc_iii, year=YEAR, title=TITLE)
    for group_position, (group_code, group_name, criteria) in enumerate(CRITERIA, start=1):
        group = criterion_group_save(
            actor=None, criteria_set=criteria_set, code=group_code, name=group_name, position=group_position
        )
        for position, item in enumerate(criteria, start=1):
            criterion_save(
                actor=None,
                group=group,
                data=CriterionInput(
                    code=item.code,
                    name=item.name,
                    kind=item.kind,
                    max_points=Decimal(item.max_points),
                    guidance=item.guidance,
                    required_evidence=item.evidence,
                ),
                position=position,
            )
    return criteria_set_approve(
        actor=None, criteria_set=criteria_set, reference=APPROVAL_REFERENCE, now=_at(2019, 2, 20, 15)
    )


def _fill(sheet: ScoreSheet, cells: list[ScoreInput], now: dt.datetime) -> None:
    saved = score_sheet_save(actor=None, sheet=sheet, version=sheet.version, scores=cells, now=now)
    score_sheet_submit(actor=None, sheet=saved, now=now + dt.timedelta(hours=2))


def _appellant(unit: Unit) -> User | None:
    """A person of ``unit`` who may file its appeal (its emulation officer or head), if the demo has one."""
    for user in User.objects.filter(unit=unit, is_active=True).order_by("id"):
        if can_edit_sheet_of(user, unit=unit):
            return user
    return None


def demo_load(context: DemoContext) -> None:
    bloc = context.bloc_iii
    if ScoringRound.objects.filter(bloc=bloc, year=YEAR).exists():
        return
    if CriteriaSet.objects.filter(bloc=bloc, year=YEAR).exists():
        return  # someone built this year's criteria by hand: leave the scoring to them
    units = {code: context.units[code] for code in context.bloc_iii_codes}
    code_of = {unit.pk: code for code, unit in units.items()}
    criteria_set = _criteria_set(context)
    scoring_round = scoring_round_create(
        actor=None,
        bloc=bloc,
        year=YEAR,
        criteria_set=criteria_set,
        rules=RoundRules(
            checking_mode=CheckingMode.CROSS,
            method=ConsolidationMethod.MEAN,
            is_normalised=False,
            tie_breaks=(TieBreak.BONUS_DESC, TieBreak.PENALTY_ASC),
            scorers_per_unit=2,
            self_assessment_due_on=dt.date(YEAR, 12, 10),
            checking_due_on=dt.date(YEAR, 12, 20),
        ),
    )
    assignments_generate(actor=None, scoring_round=scoring_round, method=AssignmentMethod.ROUND_ROBIN)
    scoring_round = scoring_round_open(actor=None, scoring_round=scoring_round, now=_at(YEAR, 11, 25, 8))
    criteria = list(
        Criterion.objects.filter(group__criteria_set=criteria_set).order_by("group__position", "position", "id")
    )
    sheets = ScoreSheet.objects.filter(scoring_round=scoring_round).select_related("assignment")
    self_sheets = {s.unit_id: s for s in sheets if s.kind == SheetKind.SELF}
    for index, code in enumerate(context.bloc_iii_codes):
        _fill(self_sheets[units[code].pk], _cells(code, criteria, scorer=None), _at(YEAR, 12, 3 + index, 8))
    order = {code: index for index, code in enumerate(context.bloc_iii_codes)}
    checks = sorted(
        (
            (order[code_of[s.assignment.scorer_unit_id]], order[code_of[s.unit_id]], s)
            for s in sheets
            if s.kind == SheetKind.CHECK and s.assignment is not None and s.assignment.scorer_unit_id is not None
        ),
        key=lambda item: item[:2],
    )
    for scorer, scored, sheet in checks:
        day = _at(YEAR, 12, 12 + scorer, 8 + scored % 4)
        _fill(sheet, _cells(code_of[sheet.unit_id], criteria, scorer=scorer), day)
    scoring_round = scoring_round_consolidate(actor=None, scoring_round=scoring_round, now=_at(YEAR, 12, 23, 10))
    scoring_round = appeal_window_open(
        actor=None, scoring_round=scoring_round, due_on=dt.date(YEAR + 1, 1, 3), now=_at(YEAR, 12, 26, 8)
    )
    appellant = _appellant(units[APPEAL_UNIT]) if APPEAL_UNIT in units else None
    if appellant is not None:
        appeal = appeal_file(
            actor=appellant,
            scoring_round=scoring_round,
            unit=units[APPEAL_UNIT],
            criterion=next(c for c in criteria if c.code == APPEAL_CRITERION),
            text=APPEAL_TEXT,
            now=_at(YEAR, 12, 30, 14),
        )
        appeal_answer(actor=None, appeal=appeal, is_accepted=False, answer=APPEAL_ANSWER, now=_at(YEAR + 1, 1, 6, 10))
    scoring_round_publish(
        actor=None, scoring_round=scoring_round, confirmation=PUBLISH_CONFIRMATION, now=_at(YEAR + 1, 1, 10, 15)
    )
