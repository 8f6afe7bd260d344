"""Benchmark of a bloc's consolidation and ranking page (issue 5), run by `make bench` (never by the unit tests).

Seeds one bloc of 40 units scored on 60 criteria (48 scored, 6 bonus, 6 penalty) with every unit's
self-assessment and 5 cross-scorers per unit (14,400 marks; bulk_create: the benchmark measures consolidation and
reads, not the services), in a throw-away database. Then times, median of 10 runs:

- ``consolidation_run``: reading the round's marks and consolidating them (target 200 ms);
- ``results_refresh``: the same plus rewriting the stored results (2,400 rows; reported, no target);
- the ranking page for the bloc's secretariat (target 300 ms) and one unit's expanded row with every criterion's
  marks (target 300 ms), with their query counts, which must not depend on the bloc's size.

SQLite by default (a temporary file). With ``DATABASE_URL=postgres://…`` it runs on PostgreSQL in a database of its
own (``thidua_bench_scoring``, created and dropped by Django's test-database utilities).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tempfile.mkdtemp()) / 'scoring.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

UNITS = 40
SCORED, BONUS, PENALTY = 48, 6, 6
SCORERS = 5
YEAR = 2019
RUNS = 10
TARGETS_MS = {"consolidation_run": 200, "ranking page": 300, "ranking row": 300}


def seed() -> tuple[object, object]:
    from thidua.accounts.services import role_grant, user_create
    from thidua.emulation.models import Bloc, BlocMembership
    from thidua.organizations.services import unit_create
    from thidua.scoring.assignment import cross_assignments
    from thidua.scoring.models import (
        CriteriaSet,
        Criterion,
        CriterionGroup,
        Score,
        ScoreSheet,
        ScoringAssignment,
        ScoringRound,
    )

    start = dt.date(2010, 1, 1)
    rng = random.Random(2019)  # noqa: S311 - reproducible benchmark data, not a secret
    province = unit_create(actor=None, code="bench-tinh", name="Tỉnh Thử nghiệm", kind="province", valid_from=start)
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
        bloc = Bloc.objects.create(province=province, name="Khối thi đua thử nghiệm")
        BlocMembership.objects.bulk_create(
            BlocMembership(bloc=bloc, unit=unit, year=YEAR, role="leader" if i == 0 else "member")
            for i, unit in enumerate(units)
        )
        secretary = user_create(actor=None, username="thuky", full_name="Thư ký", password="x" * 12, unit=units[0])
        role_grant(actor=None, user=secretary, role="bloc_secretariat", bloc=bloc)
        criteria_set = CriteriaSet.objects.create(bloc=bloc, year=YEAR, title="Bộ tiêu chí thử nghiệm", status="locked")
        groups = CriterionGroup.objects.bulk_create(
            CriterionGroup(criteria_set=criteria_set, code=str(g + 1), name=f"Nhóm {g + 1}", position=g)
            for g in range(6)
        )
        kinds = ["scored"] * SCORED + ["bonus"] * BONUS + ["penalty"] * PENALTY
        criteria = Criterion.objects.bulk_create(
            Criterion(
                group=groups[n * len(groups) // len(kinds)],
                code=f"{n + 1}",
                name=f"Tiêu chí thử nghiệm số {n + 1}",
                kind=kind,
                max_points=Decimal(10 if kind == "scored" else 5),
                position=n,
            )
            for n, kind in enumerate(kinds)
        )
        scoring_round = ScoringRound.objects.create(
            bloc=bloc,
            year=YEAR,
            criteria_set=criteria_set,
            status="consolidated",
            scorers_per_unit=SCORERS,
            is_normalised=True,
        )
        pairs = cross_assignments([u.pk for u in units], per_unit=SCORERS, method="round_robin")
        assignments = ScoringAssignment.objects.bulk_create(
            ScoringAssignment(scoring_round=scoring_round, scored_unit_id=b, scorer_kind="unit", scorer_unit_id=a)
            for a, b in pairs
        )
        sheets = ScoreSheet.objects.bulk_create(
            [
                ScoreSheet(
                    scoring_round=scoring_round, unit=u, kind="self", criteria_set=criteria_set, status="submitted"
                )
                for u in units
            ]
            + [
                ScoreSheet(
                    scoring_round=scoring_round,
                    unit_id=a.scored_unit_id,
                    kind="check",
                    assignment=a,
                    criteria_set=criteria_set,
                    status="submitted",
                )
                for a in assignments
            ]
        )
        Score.objects.bulk_create(
            (
                Score(sheet=sheet, criterion=c, points=Decimal(rng.randint(0, int(c.max_points) * 100)) / 100)
                for sheet in sheets
                for c in criteria
            ),
            batch_size=5000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return secretary, scoring_round


def _median(label: str, timings: list[float], extra: str = "") -> bool:
    median = statistics.median(timings)
    target = TARGETS_MS.get(label)
    status = "" if target is None else ("PASS" if median <= target else "FAIL")
    target_text = f"target {target} ms" if target else "(no target)"
    print(
        f"{label:18} {connection.vendor:10} median {median:7.1f} ms  max {max(timings):7.1f} ms  {extra} {target_text} {status}"
    )
    return status != "FAIL"


def main() -> int:
    from thidua.scoring.services.results import consolidation_run, results_refresh

    vendor = connection.vendor
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
        "thidua_bench_scoring" if vendor == "postgresql" else None
    )
    settings.ALLOWED_HOSTS = ["*"]
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    ok = True
    try:
        print(
            f"Seeding on {vendor} ({UNITS} units × {SCORED + BONUS + PENALTY} criteria × {SCORERS} scorers)…",
            flush=True,
        )
        secretary, scoring_round = seed()
        timings = []
        for _ in range(RUNS):
            begin = time.perf_counter()
            result = consolidation_run(scoring_round)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - begin) * 1000)
        assert len(result.units) == UNITS
        ok &= _median("consolidation_run", timings)
        timings = []
        for _ in range(RUNS):
            begin = time.perf_counter()
            with transaction.atomic():
                results_refresh(scoring_round)  # type: ignore[arg-type]
            timings.append((time.perf_counter() - begin) * 1000)
        ok &= _median("results_refresh", timings)
        client = Client()
        client.force_login(secretary)  # type: ignore[arg-type]
        url = reverse("scoring:ranking", args=[scoring_round.pk])  # type: ignore[attr-defined]
        timings = []
        queries = 0
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as ctx:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, response.status_code
            queries = len(ctx.captured_queries)
        ok &= _median("ranking page", timings, f"{queries} queries ")
        row_url = reverse(
            "scoring:ranking_row", args=[scoring_round.pk, scoring_round.bloc.memberships.first().unit_id]
        )  # type: ignore[attr-defined]
        timings = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as ctx:
                begin = time.perf_counter()
                response = client.get(row_url, headers={"HX-Request": "true"})
                timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, response.status_code
            queries = len(ctx.captured_queries)
        ok &= _median("ranking row", timings, f"{queries} queries ")
        return 0 if ok else 1
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    raise SystemExit(main())
