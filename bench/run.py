"""Benchmarks of the foundation's hot pages, run by `make bench` (never by the unit tests).

Seeds a throw-away SQLite database with a province-sized load (200 units, 2,000 users with roles, 20,000 audit
events), then times the pages every officer opens daily and checks them against the targets below.
Prints one line per page: median and 95th percentile over the runs, queries per request, and PASS/FAIL.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

# Targets (milliseconds, median) for a 2-core machine.
TARGETS_MS = {"home": 60, "user_list": 120, "user_list_search": 150, "audit_list": 150, "api_units": 120}
RUNS = 20


def seed() -> object:
    from thidua.accounts.services import role_grant, user_create
    from thidua.core.audit import audit_action_register, audit_record
    from thidua.organizations.services import unit_create

    call_command("migrate", verbosity=0)
    audit_action_register({"bench.event": "Sự kiện đo hiệu năng"})
    province = unit_create(actor=None, code="bench-province", name="Tỉnh Thử nghiệm", kind="province")
    office = user_create(actor=None, username="office", full_name="Văn phòng", password="x" * 12, unit=province)
    role_grant(actor=None, user=office, role="province_office", unit=province)
    with transaction.atomic():
        units = [
            unit_create(actor=None, code=f"u{i}", name=f"Sở thử nghiệm số {i}", kind="department", parent=province)
            for i in range(200)
        ]
        for i in range(2000):
            user = user_create(actor=None, username=f"user{i}", full_name=f"Nguyễn Văn {i}", unit=units[i % 200])
            role_grant(actor=None, user=user, role="unit_officer", unit=units[i % 200])
        for i in range(20000 - 4000):
            audit_record(action="bench.event", actor=office, target=units[i % 200], after={"i": i})
    return office


def measure(client: Client, url: str, **headers: str) -> tuple[float, float, int]:
    timings = []
    queries = 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, **headers)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main() -> int:
    print("Seeding (200 units, 2,000 users, 20,000 audit events)…", flush=True)
    office = seed()
    client = Client()
    client.force_login(office)
    pages = {
        "home": "/",
        "user_list": "/nguoi-dung/",
        "user_list_search": "/nguoi-dung/?q=V%C4%83n+19",
        "audit_list": "/nhat-ky/",
        "api_units": "/api/v1/units",
    }
    failed = 0
    with override_settings(THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES=False):
        for name, url in pages.items():
            median, p95, queries = measure(client, url)
            ok = median <= TARGETS_MS[name]
            failed += not ok
            status = "PASS" if ok else "FAIL"
            print(f"{name:18} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries:3d} queries  {status}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
