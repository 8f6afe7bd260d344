"""Benchmark of the initiative statistics (issue 4), run by `make bench` (never by the unit tests).

Seeds a province of 60 units in 6 blocs with 150,000 recognised initiatives over 10 years (bulk_create: the
benchmark measures reads, not the services), in a throw-away database, then times ``initiative_statistics`` for the
province office over all years (median of 10 runs) against the 1 s target.

SQLite by default (a temporary file). With ``DATABASE_URL=postgres://…`` it runs on PostgreSQL, in a database of its
own (``thidua_bench_initiatives``, created and dropped by Django's test-database utilities; the role needs CREATEDB).
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
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tempfile.mkdtemp()) / 'initiatives.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TARGET_MS = 1000
RUNS = 10
INITIATIVES = 150_000
UNITS = 60
BLOCS = 6
YEARS = range(2016, 2026)
BATCH = 5000


def seed() -> object:
    from thidua.accounts.services import role_grant, user_create
    from thidua.emulation.models import Bloc, BlocMembership
    from thidua.initiatives.models import Initiative
    from thidua.organizations.services import unit_create

    start = dt.date(2010, 1, 1)
    province = unit_create(actor=None, code="bench-tinh", name="Tỉnh Thử nghiệm", kind="province", valid_from=start)
    office = user_create(actor=None, username="office", full_name="Văn phòng", password="x" * 12, unit=province)
    role_grant(actor=None, user=office, role="province_office", unit=province)
    with transaction.atomic():
        units = [
            unit_create(
                actor=None,
                code=f"so-{i}",
                name=f"Sở Thử nghiệm số {i}",
                kind="department",
                parent=province,
                valid_from=start,
            )
            for i in range(UNITS)
        ]
        blocs = Bloc.objects.bulk_create(Bloc(province=province, name=f"Khối thi đua số {b}") for b in range(BLOCS))
        BlocMembership.objects.bulk_create(
            BlocMembership(bloc=blocs[i % BLOCS], unit=unit, year=year, role="leader" if i < BLOCS else "member")
            for i, unit in enumerate(units)
            for year in YEARS
        )
        levels = ["base"] * 18 + ["province"] + ["national"]
        years = list(YEARS)
        rows = []
        for n in range(INITIATIVES):
            year = years[n % len(years)]
            rows.append(
                Initiative(
                    title=f"Sáng kiến thử nghiệm số {n}",
                    search_title=f"sang kien thu nghiem so {n}",
                    unit=units[n % UNITS],
                    field="technical",
                    applied_on=dt.date(year, 1 + n % 12, 1),
                    is_novel=True,
                    is_applied=True,
                    is_not_excluded=True,
                    current_level=levels[n % len(levels)],
                    recognised_year=year,
                )
            )
            if len(rows) == BATCH:
                Initiative.objects.bulk_create(rows)
                rows = []
        Initiative.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return office


def main() -> int:
    from thidua.initiatives.selectors import initiative_statistics

    vendor = connection.vendor
    test_name = "thidua_bench_initiatives" if vendor == "postgresql" else None
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = test_name
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        print(f"Seeding on {vendor} ({INITIATIVES:,} initiatives, {UNITS} units, {len(YEARS)} years)…", flush=True)
        office = seed()
        timings = []
        total = queries = 0
        for _ in range(RUNS):
            office.__dict__.pop("_thidua_grants", None)  # type: ignore[attr-defined]
            with CaptureQueriesContext(connection) as ctx:
                begin = time.perf_counter()
                stats = initiative_statistics(actor=office)  # type: ignore[arg-type]
                timings.append((time.perf_counter() - begin) * 1000)
            queries = len(ctx.captured_queries)
            total = sum(c.total for c in stats.by_year.values())
        assert total == INITIATIVES, total
        median = statistics.median(timings)
        status = "PASS" if median <= TARGET_MS else "FAIL"
        print(
            f"initiative_statistics {vendor:10} {total:7,d} initiatives  median {median:7.1f} ms  "
            f"max {max(timings):7.1f} ms  {queries} queries  target {TARGET_MS} ms  {status}"
        )
        return 0 if status == "PASS" else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
