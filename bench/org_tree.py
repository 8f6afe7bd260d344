"""Benchmark of the organisation tree "as of" a past date, run by `make bench` (never by the unit tests).

Seeds a province of 2,000 units over three levels (sở → phòng → tổ), with a merger of two sở and a few renames, in a
throw-away database, then times ``unit_tree_as_of`` for a date before the merger (median of 20 runs) and checks it
against the 100 ms target of issue 3.

SQLite by default (a temporary file). With ``DATABASE_URL=postgres://…`` it runs on PostgreSQL, in a database of its
own (``thidua_bench``, created and dropped by Django's test-database utilities; the role needs CREATEDB).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tempfile.mkdtemp()) / 'org_tree.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGET_MS = 100
RUNS = 20
UNITS = 2000
MERGED_ON = dt.date(2025, 7, 1)
PAST_DAY = dt.date(2024, 1, 1)


def seed() -> tuple[object, object]:
    from thidua.accounts.services import role_grant, user_create
    from thidua.organizations.choices import UnitChangeKind
    from thidua.organizations.services import unit_change_record, unit_create

    start = dt.date(2010, 1, 1)
    province = unit_create(actor=None, code="bench-tinh", name="Tỉnh Thử nghiệm", kind="province", valid_from=start)
    office = user_create(actor=None, username="office", full_name="Văn phòng", password="x" * 12, unit=province)
    role_grant(actor=None, user=office, role="province_office", unit=province)
    created = 1
    with transaction.atomic():
        departments = [
            unit_create(
                actor=None,
                code=f"so-{i}",
                name=f"Sở Thử nghiệm số {i}",
                kind="department",
                parent=province,
                valid_from=start,
            )
            for i in range(40)
        ]
        created += len(departments)
        divisions = [
            unit_create(
                actor=None,
                code=f"phong-{i}",
                name=f"Phòng Nghiệp vụ số {i}",
                kind="division",
                parent=departments[i % 40],
                valid_from=start,
            )
            for i in range(400)
        ]
        created += len(divisions)
        for i in range(UNITS - created):
            unit_create(
                actor=None,
                code=f"to-{i}",
                name=f"Tổ Công tác số {i}",
                kind="other",
                parent=divisions[i % 400],
                valid_from=start,
            )
        for i in range(5):
            unit_change_record(
                actor=None,
                kind=UnitChangeKind.RENAME,
                effective_on=dt.date(2020, 1, 1),
                decision_number=f"{i}/QĐ-UBND",
                decision_date=dt.date(2019, 12, 1),
                predecessors=[departments[10 + i]],
                new_name=f"Sở Đổi tên số {i}",
            )
        unit_change_record(
            actor=None,
            kind=UnitChangeKind.MERGE_INTO,
            effective_on=MERGED_ON,
            decision_number="202/2025/QH15",
            decision_date=dt.date(2025, 6, 12),
            predecessors=[departments[1]],
            successors=[departments[0]],
        )
    return office, province


def main() -> int:
    from thidua.organizations.selectors import unit_tree_as_of

    vendor = connection.vendor
    test_name = "thidua_bench" if vendor == "postgresql" else None
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = test_name
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"Seeding on {vendor} ({UNITS:,} units over 3 levels, renames and a merger)…", flush=True)
        office, province = seed()
        timings = []
        nodes: list[object] = []
        queries = 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                nodes = list(unit_tree_as_of(actor=office, root=province, day=PAST_DAY))  # type: ignore[arg-type]
                timings.append((time.perf_counter() - start) * 1000)
            queries = len(ctx.captured_queries)
            # each run must read the database, not a cache
            office.__dict__.pop("_thidua_grants", None)  # type: ignore[attr-defined]
        assert len(nodes) == UNITS, len(nodes)
        median = statistics.median(timings)
        status = "PASS" if median <= TARGET_MS else "FAIL"
        print(
            f"unit_tree_as_of {vendor:10} {len(nodes):5d} nodes  median {median:7.1f} ms  "
            f"max {max(timings):7.1f} ms  {queries} queries  target {TARGET_MS} ms  {status}"
        )
        return 0 if status == "PASS" else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
