"""The scoring API (issue 5): happy paths, the permission matrix, optimistic locking, bounds, query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.core.models import AuditEvent
from thidua.emulation.tests.factories import member_add
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory
from thidua.scoring import selectors
from thidua.scoring.choices import AppealStatus, CriterionKind, SheetKind
from thidua.scoring.models import Appeal, Criterion, Score, ScoreSheet, ScoringRound, UnitResult
from thidua.scoring.services import (
    PUBLISH_CONFIRMATION,
    CriterionInput,
    RoundRules,
    ScoreInput,
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

API = "/api/v1"
YEAR = timezone.localdate().year
STAGES = ("scoring", "self_sent", "consolidated", "appeal", "published")
WHO = ["anonymous", "head_a", "officer_a", "head_b", "secretariat", "province_office", "q_office", "plain"]

# Self points and the two checkers' points of each unit, per criterion (1, 2 scored; 3 bonus; 4 penalty).
SELF_POINTS = ["9", "18", "5", "1"]
CHECK_POINTS = [["8", "16", "5", "1"], ["7.5", "17", "4", "0"]]


@dataclass(frozen=True)
class ScoringWorld:
    scoring_round: ScoringRound
    c: Unit
    head_c: User
    criteria: list[Criterion]

    def self_sheet(self, unit: Unit) -> ScoreSheet:
        return ScoreSheet.objects.get(scoring_round=self.scoring_round, unit=unit, kind=SheetKind.SELF)

    def check_sheet(self, scored: Unit, scorer: Unit) -> ScoreSheet:
        return ScoreSheet.objects.get(
            scoring_round=self.scoring_round, unit=scored, kind=SheetKind.CHECK, assignment__scorer_unit=scorer
        )


def _fill(sheet: ScoreSheet, criteria: list[Criterion], points: list[str]) -> None:
    sheet = score_sheet_save(
        actor=None,
        sheet=sheet,
        version=sheet.version,
        scores=[
            ScoreInput(criterion_id=c.pk, points=p, comment=f"Giải trình {c.code}")
            for c, p in zip(criteria, points, strict=True)
        ],
    )
    score_sheet_submit(actor=None, sheet=sheet)


def scoring_world_build(world, *, stage: str = "scoring", extra_units: int = 0, year: int = YEAR) -> ScoringWorld:
    """The world's bloc with a third unit C (and ``extra_units`` more), a criteria set of two groups (two scored
    criteria; a bonus and a penalty), a cross-scoring round where every unit is checked by two others, brought to
    ``stage`` through the services as the system. Another ``year`` seats A, B and C in the bloc for that year."""
    c = Unit.objects.filter(code="so-c").first() or UnitFactory(code="so-c", name="Sở Tư pháp Cẩm Lệ", parent=world.p)
    head_c = User.objects.filter(username="giamdoc.c").first()
    if head_c is None:
        head_c = UserFactory(username="giamdoc.c", full_name="Hồ Văn Cường", unit=c)
        grant(head_c, Role.UNIT_HEAD, unit=c)
    if year != YEAR:
        member_add(world.bloc, world.a, year=year)
        member_add(world.bloc, world.b, year=year)
    member_add(world.bloc, c, year=year)
    for index in range(extra_units):
        unit = UnitFactory(code=f"so-x{year}-{index}", name=f"Sở Xây dựng số {index}", parent=world.p)
        member_add(world.bloc, unit, year=year)
    criteria_set = criteria_set_create(actor=None, bloc=world.bloc, year=year, title="Bảng chấm điểm khối tham mưu")
    one = criterion_group_save(actor=None, criteria_set=criteria_set, code="I", name="Thực hiện nhiệm vụ chuyên môn")
    two = criterion_group_save(actor=None, criteria_set=criteria_set, code="II", name="Điểm thưởng, điểm trừ")
    criteria = [
        criterion_save(
            actor=None,
            group=group,
            data=CriterionInput(code=code, name=name, kind=kind, max_points=maximum, guidance="Chấm theo báo cáo"),
        )
        for group, code, name, kind, maximum in [
            (one, "1", "Hoàn thành kế hoạch công tác năm", CriterionKind.SCORED, "10"),
            (one, "2", "Cải cách hành chính, chuyển đổi số", CriterionKind.SCORED, "20"),
            (two, "3", "Được tặng Cờ thi đua năm trước", CriterionKind.BONUS, "5"),
            (two, "4", "Chậm gửi báo cáo", CriterionKind.PENALTY, "5"),
        ]
    ]
    criteria_set_approve(actor=None, criteria_set=criteria_set, reference="Biên bản họp khối ngày 15/01")
    scoring_round = scoring_round_create(
        actor=None, bloc=world.bloc, year=year, criteria_set=criteria_set, rules=RoundRules(scorers_per_unit=2)
    )
    assignments_generate(actor=None, scoring_round=scoring_round)
    scoring_round = scoring_round_open(actor=None, scoring_round=scoring_round)
    built = ScoringWorld(scoring_round=scoring_round, c=c, head_c=head_c, criteria=criteria)
    if STAGES.index(stage) >= STAGES.index("self_sent"):
        for sheet in ScoreSheet.objects.filter(scoring_round=scoring_round, kind=SheetKind.SELF).order_by("id"):
            _fill(sheet, criteria, SELF_POINTS)
    if STAGES.index(stage) >= STAGES.index("consolidated"):
        checks = ScoreSheet.objects.filter(scoring_round=scoring_round, kind=SheetKind.CHECK).order_by("unit_id", "id")
        position: dict[int, int] = {}
        order = {unit_id: n for n, unit_id in enumerate(sorted({s.unit_id for s in checks}))}
        for sheet in checks:
            index = position.get(sheet.unit_id, 0)
            position[sheet.unit_id] = index + 1
            points = list(CHECK_POINTS[index % 2])
            points[1] = str(int(points[1]) - order[sheet.unit_id])  # the units differ on criterion 2
            _fill(sheet, criteria, points)
        scoring_round_consolidate(actor=None, scoring_round=scoring_round)
    if STAGES.index(stage) >= STAGES.index("appeal"):
        appeal_window_open(actor=None, scoring_round=scoring_round, due_on=timezone.localdate() + dt.timedelta(days=7))
    if stage == "published":
        scoring_round_publish(actor=None, scoring_round=scoring_round, confirmation=PUBLISH_CONFIRMATION)
    scoring_round.refresh_from_db()
    return built


def actor_of(world, who: str) -> User | None:
    return None if who == "anonymous" else getattr(world, who)


def snapshot() -> tuple[object, ...]:
    return (
        Score.objects.count(),
        Appeal.objects.count(),
        AuditEvent.objects.count(),
        sorted(ScoreSheet.objects.values_list("id", "status", "version")),
        sorted(Score.objects.values_list("id", "points", "comment")),
    )


@pytest.fixture(autouse=True)
def _no_2fa(settings, tmp_path):
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False
    settings.MEDIA_ROOT = tmp_path


def _login(client, user: User | None) -> None:
    if user is not None:
        client.force_login(user)


def _put(client, url: str, body: dict[str, object]):
    return client.put(url, body, content_type="application/json")


def _post(client, url: str, body: dict[str, object] | None = None):
    return client.post(url, body or {}, content_type="application/json")


# --- rounds and criteria sets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "listed", "read"),
    [
        ("anonymous", None, 401),
        ("head_a", 1, 200),
        ("officer_a", 1, 200),
        ("head_b", 1, 200),
        ("secretariat", 1, 200),
        ("province_office", 1, 200),
        ("q_office", 0, 404),
        ("plain", 0, 404),
    ],
)
def test_rounds_and_criteria_sets_by_who(client, world, who, listed, read):
    # given
    sw = scoring_world_build(world)
    _login(client, actor_of(world, who))
    round_url = f"{API}/scoring/rounds/{sw.scoring_round.pk}"
    # when
    listing = client.get(f"{API}/scoring/rounds")
    other_year = client.get(f"{API}/scoring/rounds", {"year": YEAR - 1})
    detail = client.get(round_url)
    criteria_set = client.get(f"{API}/scoring/criteria-sets/{sw.scoring_round.criteria_set_id}")
    # then
    if listed is None:
        assert listing.status_code == 401
        assert set(listing.json()) == {"detail", "code", "fields"}
    else:
        assert listing.status_code == 200
        assert listing.json()["count"] == listed
        assert other_year.json()["count"] == 0
    assert detail.status_code == read
    assert criteria_set.status_code == read
    if read == 200:
        body = criteria_set.json()
        assert [g["code"] for g in body["groups"]] == ["I", "II"]
        assert [c["kind"] for c in body["groups"][1]["criteria"]] == ["bonus", "penalty"]
        assert Decimal(body["groups"][0]["criteria"][1]["max_points"]) == Decimal(20)


def test_the_round_lists_the_sheets_the_caller_fills(client, world):
    # given
    sw = scoring_world_build(world)
    client.force_login(world.head_a)
    # when
    body = client.get(f"{API}/scoring/rounds/{sw.scoring_round.pk}").json()
    # then: its own self-assessment and the two units it checks
    kinds = sorted((s["kind"], s["unit_id"]) for s in body["my_sheets"])
    assert kinds == sorted([("self", world.a.pk), ("check", world.b.pk), ("check", sw.c.pk)])
    assert body["bloc_name"] == world.bloc.name
    assert body["ranking_visible"] is False


# --- score sheets -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "read", "save", "submit"),
    [
        ("anonymous", 401, 401, 401),
        ("head_a", 200, 200, 409),  # the head may send it, once every criterion is scored
        ("officer_a", 200, 200, 403),  # the officer fills in, only the head sends
        ("head_b", 404, 404, 404),  # another unit never reads a draft
        ("secretariat", 200, 403, 403),
        ("province_office", 200, 403, 403),
        ("q_office", 404, 404, 404),
        ("plain", 404, 404, 404),
    ],
)
def test_permission_matrix_of_a_self_assessment(client, world, who, read, save, submit):
    # given
    sw = scoring_world_build(world)
    sheet = sw.self_sheet(world.a)
    _login(client, actor_of(world, who))
    url = f"{API}/scoring/sheets/{sheet.pk}"
    body = {"version": sheet.version, "scores": [{"criterion_id": sw.criteria[0].pk, "points": 7, "comment": "Đạt"}]}
    before = snapshot()
    # when
    got = client.get(url)
    submitted = _post(client, f"{url}/submit")
    after_submit = snapshot()
    saved = _put(client, url, body)
    # then
    assert got.status_code == read
    assert submitted.status_code == submit
    assert after_submit == before  # a refused submit changes nothing
    assert saved.status_code == save, saved.content
    if save == 200:
        assert saved.json()["version"] == sheet.version + 1
        assert Score.objects.get(sheet=sheet, criterion=sw.criteria[0]).points == Decimal(7)
    else:
        assert snapshot() == before
        assert set(saved.json()) == {"detail", "code", "fields"}
    if read == 200:
        rows = got.json()["groups"][0]["rows"]
        assert [r["code"] for r in rows] == ["1", "2"]


def test_a_unit_fills_in_and_sends_its_self_assessment(client, world):
    # given
    sw = scoring_world_build(world)
    sheet = sw.self_sheet(world.a)
    client.force_login(world.head_a)
    url = f"{API}/scoring/sheets/{sheet.pk}"
    scores = [
        {"criterion_id": c.pk, "points": p, "comment": f"Giải trình {c.code}"}
        for c, p in zip(sw.criteria, ["9,5", 18, "5", None], strict=True)
    ]
    # when
    saved = _put(client, url, {"version": 0, "scores": scores})
    missing = _post(client, f"{url}/submit")
    completed = _put(
        client, url, {"version": 1, "scores": [{"criterion_id": sw.criteria[3].pk, "points": 0.5, "comment": ""}]}
    )
    sent = _post(client, f"{url}/submit")
    # then
    assert saved.status_code == 200, saved.content
    rows = [r for g in saved.json()["groups"] for r in g["rows"]]
    assert [r["points"] for r in rows] == ["9.50", "18.00", "5.00", None]
    assert rows[0]["comment"] == "Giải trình 1"
    assert missing.status_code == 409
    assert missing.json()["fields"] == {f"points_{sw.criteria[3].pk}": ["Chưa chấm tiêu chí này."]}
    assert completed.status_code == 200
    assert sent.status_code == 200, sent.content
    assert sent.json()["status"] == "submitted"


def test_a_checker_reads_the_sent_self_assessment_beside_its_own_sheet(client, world):
    # given
    sw = scoring_world_build(world, stage="self_sent")
    check = sw.check_sheet(world.a, world.b)
    client.force_login(world.head_b)
    # when
    own = client.get(f"{API}/scoring/sheets/{check.pk}")
    self_sheet = client.get(f"{API}/scoring/sheets/{sw.self_sheet(world.a).pk}")
    other_check = client.get(f"{API}/scoring/sheets/{sw.check_sheet(world.a, sw.c).pk}")
    # then
    assert own.status_code == 200
    rows = [r for g in own.json()["groups"] for r in g["rows"]]
    assert [r["self_points"] for r in rows] == ["9.00", "18.00", "5.00", "1.00"]
    assert [r["points"] for r in rows] == [None] * 4
    assert own.json()["kind"] == "check"
    assert self_sheet.status_code == 200
    assert other_check.status_code == 404  # who else checks A stays hidden


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(client, world):
    # given: the officer saved after the head opened the sheet
    sw = scoring_world_build(world)
    sheet = sw.self_sheet(world.a)
    cell = {"criterion_id": sw.criteria[0].pk, "points": "6", "comment": "Cán bộ nhập"}
    client.force_login(world.officer_a)
    assert _put(client, f"{API}/scoring/sheets/{sheet.pk}", {"version": 0, "scores": [cell]}).status_code == 200
    before = snapshot()
    client.force_login(world.head_a)
    # when
    stale = {"version": 0, "scores": [{**cell, "points": "9", "comment": "Thủ trưởng nhập"}]}
    response = _put(client, f"{API}/scoring/sheets/{sheet.pk}", stale)
    # then
    assert response.status_code == 409
    assert response.json()["code"] == "scoring_conflict"
    assert snapshot() == before
    assert Score.objects.get(sheet=sheet).comment == "Cán bộ nhập"


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("10.5", "Điểm phải từ 0 đến 10."),
        (-1, "Điểm phải từ 0 đến 10."),
        ("mười", "Điểm phải là một số."),
        ("7.125", "Điểm chỉ được có tối đa hai chữ số thập phân."),
    ],
)
def test_points_out_of_bounds_are_refused_by_field(client, world, points, message):
    # given
    sw = scoring_world_build(world)
    sheet = sw.self_sheet(world.a)
    client.force_login(world.officer_a)
    good = {"criterion_id": sw.criteria[1].pk, "points": "15", "comment": ""}
    bad = {"criterion_id": sw.criteria[0].pk, "points": points, "comment": ""}
    before = snapshot()
    # when
    response = _put(client, f"{API}/scoring/sheets/{sheet.pk}", {"version": 0, "scores": [good, bad]})
    # then
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "scoring_invalid"
    assert body["fields"] == {f"points_{sw.criteria[0].pk}": [message]}
    assert snapshot() == before


def test_a_criterion_of_another_set_or_given_twice_is_refused_by_field(client, world):
    # given
    sw = scoring_world_build(world)
    sheet = sw.self_sheet(world.a)
    client.force_login(world.officer_a)
    cell = {"criterion_id": sw.criteria[0].pk, "points": "5", "comment": ""}
    before = snapshot()
    # when
    twice = _put(client, f"{API}/scoring/sheets/{sheet.pk}", {"version": 0, "scores": [cell, cell]})
    unknown = _put(
        client,
        f"{API}/scoring/sheets/{sheet.pk}",
        {"version": 0, "scores": [{**cell, "criterion_id": 2_000_000_000}]},
    )
    # then
    assert twice.status_code == 409
    assert list(twice.json()["fields"]) == [f"points_{sw.criteria[0].pk}"]
    assert unknown.status_code == 409
    assert list(unknown.json()["fields"]) == ["points_2000000000"]
    assert snapshot() == before


# --- the ranking --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "appeal", "published"),
    [
        ("anonymous", 401, 401),
        ("head_a", 404, 200),
        ("head_b", 404, 200),
        ("secretariat", 200, 200),
        ("province_office", 200, 200),
        ("q_office", 404, 404),
        ("plain", 404, 404),
    ],
)
def test_permission_matrix_of_the_ranking(client, world, who, appeal, published):
    # given
    sw = scoring_world_build(world, stage="appeal")
    _login(client, actor_of(world, who))
    url = f"{API}/scoring/rounds/{sw.scoring_round.pk}/ranking"
    # when
    during_appeals = client.get(url)
    scoring_round_publish(actor=None, scoring_round=sw.scoring_round, confirmation=PUBLISH_CONFIRMATION)
    after = client.get(url)
    # then
    assert during_appeals.status_code == appeal
    assert after.status_code == published
    if published == 200:
        assert len(after.json()["rows"]) == 3


def test_the_ranking_gives_totals_and_the_marks_labelled_as_the_selector_labels_them(client, world):
    # given
    sw = scoring_world_build(world, stage="published")
    expected = selectors.ranking_get(actor=world.head_b, scoring_round=sw.scoring_round)
    client.force_login(world.head_b)
    # when
    body = client.get(f"{API}/scoring/rounds/{sw.scoring_round.pk}/ranking").json()
    # then
    assert body["shows_scorers"] is False
    stored = {r.unit_id: r for r in UnitResult.objects.filter(scoring_round=sw.scoring_round)}
    for row in body["rows"]:
        result = stored[row["unit_id"]]
        assert (row["rank"], Decimal(row["total"]), Decimal(row["self_total"])) == (
            result.rank,
            result.total,
            result.self_total,
        )
        assert len(row["criteria"]) == 4
    labels = [m["label"] for row in body["rows"] for c in row["criteria"] for m in c["marks"]]
    assert labels == [m.label for row in expected.rows for line in row.lines for m in line.marks]
    assert all(world.a.name not in label and world.b.name not in label for label in labels)
    first = body["rows"][0]["criteria"][0]
    assert {"final_points", "computed_points", "self_points", "is_override", "is_missing"} <= set(first)


def test_the_secretariat_sees_the_checkers_named(client, world):
    # given
    sw = scoring_world_build(world, stage="consolidated")
    client.force_login(world.secretariat)
    # when
    body = client.get(f"{API}/scoring/rounds/{sw.scoring_round.pk}/ranking").json()
    # then
    labels = {m["label"] for row in body["rows"] for c in row["criteria"] for m in c["marks"] if m["is_counted"]}
    assert labels == {world.a.name, world.b.name, sw.c.name}


# --- appeals ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("anonymous", "a", 401),
        ("head_a", "a", 201),
        ("officer_a", "a", 201),
        ("head_b", "a", 404),  # another unit's scores: not found
        ("q_office", "a", 404),
        ("plain", "a", 404),
        ("secretariat", "a", 403),  # the secretariat answers appeals, it does not file them
    ],
)
def test_permission_matrix_of_filing_an_appeal(client, world, who, unit, status):
    # given
    sw = scoring_world_build(world, stage="appeal")
    _login(client, actor_of(world, who))
    body = {
        "unit_id": getattr(world, unit).pk,
        "criterion_id": sw.criteria[1].pk,
        "text": "Đề nghị chấm lại tiêu chí 2",
    }
    before = snapshot()
    # when
    response = _post(client, f"{API}/scoring/rounds/{sw.scoring_round.pk}/appeals", body)
    # then
    assert response.status_code == status, response.content
    if status == 201:
        appeal = response.json()
        assert (appeal["status"], appeal["criterion_code"], appeal["unit_id"]) == ("open", "2", world.a.pk)
        assert Appeal.objects.count() == 1
    else:
        assert snapshot() == before


def test_an_appeal_before_the_window_or_twice_is_a_conflict(client, world):
    # given
    sw = scoring_world_build(world, stage="consolidated")
    client.force_login(world.head_a)
    url = f"{API}/scoring/rounds/{sw.scoring_round.pk}/appeals"
    body = {"unit_id": world.a.pk, "criterion_id": sw.criteria[0].pk, "text": "Đề nghị xem xét"}
    # when
    early = _post(client, url, body)
    appeal_window_open(actor=None, scoring_round=sw.scoring_round, due_on=timezone.localdate())
    first = _post(client, url, body)
    again = _post(client, url, body)
    # then
    assert early.status_code == 409
    assert first.status_code == 201
    assert again.status_code == 409
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 401),
        ("head_a", 403),  # the unit reads its appeal but does not answer it
        ("head_b", 404),
        ("q_office", 404),
        ("plain", 404),
        ("secretariat", 200),
        ("province_office", 200),
    ],
)
def test_permission_matrix_of_answering_an_appeal(client, world, who, status):
    # given
    sw = scoring_world_build(world, stage="appeal")
    client.force_login(world.head_a)
    url = f"{API}/scoring/rounds/{sw.scoring_round.pk}/appeals"
    filed = _post(client, url, {"unit_id": world.a.pk, "criterion_id": sw.criteria[1].pk, "text": "Chấm lại"}).json()
    client.logout()
    _login(client, actor_of(world, who))
    before = snapshot()
    # when
    response = _post(
        client,
        f"{API}/scoring/appeals/{filed['id']}/answer",
        {"is_accepted": True, "answer": "Đủ minh chứng", "points": "19"},
    )
    # then
    assert response.status_code == status, response.content
    if status == 200:
        assert response.json()["status"] == AppealStatus.ACCEPTED
        assert Decimal(response.json()["points"]) == Decimal(19)
        final = selectors.ranking_get(actor=world.secretariat, scoring_round=sw.scoring_round)
        line = next(
            line
            for row in final.rows
            if row.result.unit_id == world.a.pk
            for line in row.lines
            if line.criterion.code == "2"
        )
        assert line.result.final_points == Decimal(19)
    else:
        assert snapshot() == before


def test_accepting_an_appeal_with_points_out_of_bounds_is_refused_by_field(client, world):
    # given
    sw = scoring_world_build(world, stage="appeal")
    client.force_login(world.head_a)
    url = f"{API}/scoring/rounds/{sw.scoring_round.pk}/appeals"
    filed = _post(client, url, {"unit_id": world.a.pk, "criterion_id": sw.criteria[0].pk, "text": "Chấm lại"}).json()
    client.force_login(world.secretariat)
    before = snapshot()
    # when
    response = _post(
        client, f"{API}/scoring/appeals/{filed['id']}/answer", {"is_accepted": True, "answer": "Đồng ý", "points": 11}
    )
    # then
    assert response.status_code == 409
    assert response.json()["fields"] == {"points": ["Điểm phải từ 0 đến 10."]}
    assert snapshot() == before


# --- schema and query counts --------------------------------------------------------------------------------------


def test_the_openapi_schema_lists_the_scoring_operations(client):
    # when
    schema = client.get(f"{API}/openapi.json").json()
    # then
    operations = {
        op["operationId"]: op for methods in schema["paths"].values() for op in methods.values() if "operationId" in op
    }
    ours = {
        "scoring_round_list",
        "scoring_round_get",
        "criteria_set_get",
        "score_sheet_get",
        "score_sheet_save",
        "score_sheet_submit",
        "ranking_get",
        "appeal_file",
        "appeal_answer",
    }
    assert ours <= set(operations)
    assert all(operations[name]["tags"] == ["Chấm điểm"] for name in ours)
    assert {"409", "404", "401"} <= set(operations["score_sheet_save"]["responses"])
    assert "không tải lên" in operations["appeal_file"]["description"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


@pytest.mark.parametrize("who", ["secretariat", "head_b"])
def test_ranking_and_round_list_run_a_constant_number_of_queries(client, world, who):
    # given: this year's small bloc (three units), measured alone
    small = scoring_world_build(world, stage="published")
    client.force_login(getattr(world, who))
    ranking_small = _queries(client, f"{API}/scoring/rounds/{small.scoring_round.pk}/ranking")
    list_small = _queries(client, f"{API}/scoring/rounds")
    # when: last year's round of the same bloc had eight units
    large = scoring_world_build(world, stage="published", extra_units=5, year=YEAR - 1)
    ranking_large = _queries(client, f"{API}/scoring/rounds/{large.scoring_round.pk}/ranking")
    list_large = _queries(client, f"{API}/scoring/rounds")
    # then
    assert UnitResult.objects.filter(scoring_round=large.scoring_round).count() == 8
    assert client.get(f"{API}/scoring/rounds").json()["count"] == 2
    assert ranking_large == ranking_small
    assert list_large == list_small
