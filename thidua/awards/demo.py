"""Demo step of the awards app: the titles catalogue, then bloc III's history from 2016, so that the 2019 proposals
and a 2024 and a 2025 case have real verdicts (issue 6, "The demo world").

The catalogue: the data migration seeds it; a test database built without migrations does not have it, so this step
seeds it first (the registrations demo, which runs later, reads it).

The history, recorded through the services as the system (``actor=None``), with fixed dates, for the people working
in bloc III's seven units (demo/world.py: UNITS) and for the units themselves:

- **Task ratings** of every person for each year 2016–2019 in which they worked there (from their assignment's start):
  mostly *Hoàn thành tốt nhiệm vụ* (HTTNV), some *Hoàn thành xuất sắc nhiệm vụ* (HTXSNV).
- **Lao động tiên tiến** for every person rated HTTNV or better, one decision per Sở and year, signed by its head
  ("Giám đốc Sở …", "Tổng Biên tập Báo Quảng Nam", …) in late December, or in January 2020 for 2019, numbered like
  "125/QĐ-SLĐTBXH"; **Chiến sĩ thi đua cơ sở** by a second decision of the same day, within the 15 % quota (R03A).
- **Unit ratings** 2016–2019: HTXSNV in 2018 and 2019 for the three units proposed for Bằng khen (Sở LĐTBXH, Báo
  Quảng Nam, Đài PTTH), HTTNV otherwise.

What the 2019 review gives under regime A (``REVIEW_2019``, 10/02/2020; rule set ``CSTD_TINH/A/1``):

- **Eligible for Chiến sĩ thi đua tỉnh**: the six people (``STAR_UNITS``) who alone authored the initiative of their
  unit recognised at tỉnh level on 20/12/2019 (initiatives demo: the first initiative of each of the first six units,
  authored by the first person — lowest id — working there on 01/02/2019; ``star_of`` finds them the same way). Each
  holds CSTĐCS 2017, 2018 and 2019 and was rated HTXSNV those years. They include the two directors of the demo
  accounts: Nguyễn Thanh Hồng (Sở VHTTDL), Ngô Thị Mỹ Yến (Sở LĐTBXH), Ngô Minh Vinh (Sở Y tế), Phan Ngọc Vy (Sở
  GDĐT), Phạm Hồng Quảng (Sở TTTT), Hồ Ngọc Lan (Báo Quảng Nam).
- **One year short**: one person each in Sở LĐTBXH and Đài PTTH (``SHORT_UNITS``; the second person working there on
  01/02/2019) holding CSTĐCS 2018 and 2019 only (LĐTT in 2017), with a tỉnh-level science work accepted on 15/10/2019:
  only "03 lần liên tục CSTĐCS" is not met (2 of 3): Phạm Thị Minh Uyên and Nguyễn Thị Thanh Nhung.
- **A unit failing the member share**: in 2019 only 7 of Sở GDĐT's 18 members (``FAILING_UNIT``, 39 %) hold LĐTT
  (the others were rated *Hoàn thành nhiệm vụ*): Tập thể lao động tiên tiến 2019 is not eligible ("> 50 %" in regime
  A; "≥ 70 %" in B and C); the other six units pass that line (all members LĐTT) and need only the manual lines.

Regimes B and C on the same history (R28; R16 blocking lines exist in regime C only):

- **2024** — Phạm Thị Mỹ Hạnh, the last person (highest id) of Đài PTTH at the end of 2024 (``CASE_2024_UNIT``):
  HTXSNV 2024 and LĐTT 2024 (decision of 26/12/2024), no initiative, and a reprimand (khiển trách) in force from
  20/02/2024 to 20/08/2024. CSTĐCS 2024 evaluated on 25/06/2025 (regime B): **eligible** (HTXSNV replaces the
  initiative, R02); evaluated on 08/07/2025 (regime C): **not eligible** (discipline in force during 2024, R16).
- **2025** — Hồ Thị Minh Uyên, the last person of Báo Quảng Nam at the end of 2025 (``CASE_2025_UNIT``): HTXSNV 2025
  and LĐTT 2025 (decision of 10/11/2025), a maternity leave from 01/03 to 31/08/2025, and a complaint (tố cáo) being
  verified since 20/11/2025. CSTĐCS 2025 evaluated on 12/01/2026 (regime C): **not eligible** (case open, R16),
  while the working-time line counts the six months of leave as working time (R17); the same facts under regime B's
  rule set: **eligible**.

The names come from the deterministic demo people (demo/people_data.py); the tests find the people by rule, not name.

Idempotent: the history is skipped when the demo's ratings (``source == DEMO_SOURCE``) are already there.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections import defaultdict
from typing import TYPE_CHECKING

from django.apps import apps
from django.db.models import Q

from thidua.awards.models import (
    DisciplineLevelChoice,
    PendingCaseKind,
    RatingLevel,
    ScienceWorkLevel,
    TaskRating,
    Title,
)
from thidua.awards.services import (
    AwardRecordInput,
    DisciplineInput,
    award_record_create,
    discipline_record_create,
    leave_period_create,
    pending_case_open,
    science_work_create,
    task_rating_set,
)
from thidua.people.models import Assignment, Person

if TYPE_CHECKING:
    from thidua.demo.context import DemoContext
    from thidua.organizations.models import Unit

DEMO_SOURCE = "Dữ liệu mẫu (lịch sử khối III)"
HISTORY_YEARS = (2016, 2017, 2018, 2019)

# Reference dates of the demo's reviews (they choose the regime, R28).
REVIEW_2019 = dt.date(2020, 2, 10)  # regime A
REVIEW_2024_B = dt.date(2025, 6, 25)  # regime B
REVIEW_2024_C = dt.date(2025, 7, 8)  # regime C
REVIEW_2025 = dt.date(2026, 1, 12)  # regime C
MATERNITY_2025 = (dt.date(2025, 3, 1), dt.date(2025, 8, 31))  # the 2025 case's leave, counted as working time (R17)

# Who signs each unit's decisions, and the suffix of its decision numbers.
SIGNERS: dict[str, tuple[str, str]] = {
    "qn-so-vhttdl": ("SVHTTDL", "Giám đốc Sở Văn hóa, Thể thao và Du lịch"),
    "qn-so-ldtbxh": ("SLĐTBXH", "Giám đốc Sở Lao động – Thương binh và Xã hội"),
    "qn-so-yte": ("SYT", "Giám đốc Sở Y tế"),
    "qn-so-gddt": ("SGDĐT", "Giám đốc Sở Giáo dục và Đào tạo"),
    "qn-so-tttt": ("STTTT", "Giám đốc Sở Thông tin và Truyền thông"),
    "qn-bao-quang-nam": ("BQN", "Tổng Biên tập Báo Quảng Nam"),
    "qn-dai-ptth": ("PTTH", "Giám đốc Đài Phát thanh và Truyền hình tỉnh Quảng Nam"),
}
# The first six units have a tỉnh-level initiative in 2019 (initiatives demo: PROVINCE_2019).
STAR_UNITS = ("qn-so-vhttdl", "qn-so-ldtbxh", "qn-so-yte", "qn-so-gddt", "qn-so-tttt", "qn-bao-quang-nam")
SHORT_UNITS = ("qn-so-ldtbxh", "qn-dai-ptth")
BANG_KHEN_UNITS = ("qn-so-ldtbxh", "qn-bao-quang-nam", "qn-dai-ptth")
FAILING_UNIT = "qn-so-gddt"
FAILING_SHARE = 0.4
CASE_2024_UNIT = "qn-dai-ptth"
CASE_2025_UNIT = "qn-bao-quang-nam"
STAR_DAY = dt.date(2019, 2, 1)
UBND = "Chủ tịch Ủy ban nhân dân tỉnh Quảng Nam"


def people_on(unit: Unit, day: dt.date) -> list[Person]:
    """People with a post in ``unit`` on ``day``, by id (the initiatives demo picks its authors the same way)."""
    return list(
        Person.objects.filter(assignments__unit=unit, assignments__starts_on__lte=day)
        .filter(Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=day))
        .distinct()
        .order_by("id")
    )


def star_of(unit: Unit) -> Person | None:
    """The author of the unit's tỉnh-level initiative of 2019: the first person working there on 01/02/2019."""
    people = people_on(unit, STAR_DAY)
    return people[0] if people else None


def short_of(unit: Unit) -> Person | None:
    """The person one year short of CSTĐ tỉnh in 2019: the second person working there on 01/02/2019."""
    people = people_on(unit, STAR_DAY)
    return people[1] if len(people) > 1 else None


def case_person_of(unit: Unit, year: int) -> Person | None:
    """The person of a 2024/2025 case: the last person (highest id) working in the unit on 31/12 of ``year``."""
    people = people_on(unit, dt.date(year, 12, 31))
    return people[-1] if people else None


def _members(units: dict[str, Unit]) -> dict[int, dict[str, list[Person]]]:
    """year → unit code → people with a post there some time that year (as the selectors count members)."""
    by_id = {u.pk: code for code, u in units.items()}
    rows = Assignment.objects.filter(unit_id__in=by_id).select_related("person").order_by("person_id", "starts_on")
    result: dict[int, dict[str, list[Person]]] = {y: defaultdict(list) for y in HISTORY_YEARS}
    for row in rows:
        for year in HISTORY_YEARS:
            if row.starts_on <= dt.date(year, 12, 31) and (row.ends_on is None or row.ends_on >= dt.date(year, 1, 1)):
                people = result[year][by_id[row.unit_id]]
                if row.person not in people:
                    people.append(row.person)
    return result


def _home(members: dict[str, list[Person]]) -> dict[int, str]:
    """The unit each person is rated in for the year: the last one in bloc III order (a person who moved within the
    bloc during the year is rated once)."""
    home: dict[int, str] = {}
    for code in SIGNERS:
        for person in members.get(code, []):
            home[person.pk] = code
    return home


def _decision(code: str, year: int, offset: int) -> tuple[str, dt.date, str]:
    """Number, date and signer of the unit's year-end decision (``offset`` 0: LĐTT, 1: CSTĐCS)."""
    suffix, signer = SIGNERS[code]
    number = 100 + 7 * list(SIGNERS).index(code) + 3 * (year - 2016) + offset + (18 if year == 2019 else 0)
    day = dt.date(2020, 1, 8) if year == 2019 else dt.date(year, 12, 20 + list(SIGNERS).index(code) % 5)
    return f"{number}/QĐ-{suffix}", day, signer


def _award(titles: dict[str, Title], code: str, person: Person, title: str, year: int) -> None:
    number, day, signer = _decision(code, year, 0 if title == "LDTT" else 1)
    award_record_create(
        actor=None,
        person=person,
        data=AwardRecordInput(
            title=titles[title], year=year, decision_number=number, decided_on=day, decided_by_body=signer
        ),
    )


def _history(units: dict[str, Unit], titles: dict[str, Title]) -> None:
    stars = {code: star_of(units[code]) for code in STAR_UNITS}
    shorts = {code: short_of(units[code]) for code in SHORT_UNITS}
    star_ids = {p.pk for p in stars.values() if p is not None}
    short_ids = {p.pk for p in shorts.values() if p is not None}
    members = _members(units)
    for year in HISTORY_YEARS:
        home = _home(members[year])
        failing = sorted(p.pk for p in members[year].get(FAILING_UNIT, []))
        kept = set(failing[: int(len(failing) * FAILING_SHARE)]) | star_ids
        for person_id, code in sorted(home.items()):
            person = next(p for p in members[year][code] if p.pk == person_id)
            is_star = person_id in star_ids and year >= 2017
            is_short = person_id in short_ids and year >= 2018
            if year == 2019 and code == FAILING_UNIT and person_id not in kept:
                rating = RatingLevel.COMPLETED
            elif is_star or is_short or (person_id + year) % 6 == 0:
                rating = RatingLevel.EXCELLENT
            else:
                rating = RatingLevel.GOOD
            task_rating_set(actor=None, year=year, rating=rating, person=person, source=DEMO_SOURCE)
            if rating == RatingLevel.COMPLETED:
                continue
            _award(titles, code, person, "LDTT", year)
            if is_star or is_short:
                _award(titles, code, person, "CSTDCS", year)
        for code, unit in units.items():
            excellent = code in BANG_KHEN_UNITS and year >= 2018
            rating = RatingLevel.EXCELLENT if excellent else RatingLevel.GOOD
            task_rating_set(actor=None, year=year, rating=rating, unit=unit, source=f"{DEMO_SOURCE}; {UBND}")
    for index, person in enumerate(p for p in shorts.values() if p is not None):
        science_work_create(
            actor=None,
            person=person,
            title=f"Đề tài khoa học cấp tỉnh về an sinh xã hội và truyền thông chính sách ({index + 1})",
            level=ScienceWorkLevel.PROVINCE,
            accepted_on=dt.date(2019, 10, 15),
            is_applied=True,
            decision_number=f"{2710 + index}/QĐ-UBND",
        )


def _case_2024(unit: Unit, titles: dict[str, Title]) -> None:
    person = case_person_of(unit, 2024)
    if person is None:
        return
    suffix, signer = SIGNERS[CASE_2024_UNIT]
    task_rating_set(actor=None, year=2024, rating=RatingLevel.EXCELLENT, person=person, source=DEMO_SOURCE)
    award_record_create(
        actor=None,
        person=person,
        data=AwardRecordInput(
            title=titles["LDTT"],
            year=2024,
            decision_number=f"215/QĐ-{suffix}",
            decided_on=dt.date(2024, 12, 26),
            decided_by_body=signer,
        ),
    )
    discipline_record_create(
        actor=None,
        person=person,
        data=DisciplineInput(
            level=DisciplineLevelChoice.REPRIMAND,
            decided_on=dt.date(2024, 2, 20),
            ends_on=dt.date(2024, 8, 20),
            decision_number=f"12/QĐ-{suffix}",
            note="Khiển trách do chậm thực hiện nhiệm vụ được giao.",
        ),
    )


def _case_2025(unit: Unit, titles: dict[str, Title]) -> None:
    person = case_person_of(unit, 2025)
    if person is None:
        return
    suffix, signer = SIGNERS[CASE_2025_UNIT]
    task_rating_set(actor=None, year=2025, rating=RatingLevel.EXCELLENT, person=person, source=DEMO_SOURCE)
    award_record_create(
        actor=None,
        person=person,
        data=AwardRecordInput(
            title=titles["LDTT"],
            year=2025,
            decision_number=f"198/QĐ-{suffix}",
            decided_on=dt.date(2025, 11, 10),
            decided_by_body=signer,
        ),
    )
    pending_case_open(
        actor=None,
        kind=PendingCaseKind.COMPLAINT,
        opened_on=dt.date(2025, 11, 20),
        person=person,
        reference="Đơn tố cáo ngày 18/11/2025",
        note="Đang xác minh nội dung tố cáo.",
    )
    leave_period_create(
        actor=None,
        person=person,
        starts_on=MATERNITY_2025[0],
        ends_on=MATERNITY_2025[1],
        note="Nghỉ thai sản theo chế độ bảo hiểm xã hội.",
    )


def demo_load(context: DemoContext) -> None:
    seed = importlib.import_module("thidua.awards.migrations.0002_seed_minimal_catalogue").seed
    seed(apps, None)
    if TaskRating.objects.filter(source=DEMO_SOURCE).exists():
        return
    units = {code: context.units[code] for code in context.bloc_iii_codes}
    titles = {t.code: t for t in Title.objects.filter(code__in=["LDTT", "CSTDCS"])}
    _history(units, titles)
    _case_2024(units[CASE_2024_UNIT], titles)
    _case_2025(units[CASE_2025_UNIT], titles)
