"""Fixtures of scoring: the shared world plus a third member unit C and its head, an approved criteria set and a
cross-scoring round (one checker per unit, method mean), with steps that carry the round through its life cycle.

Round-robin over the unit ids: A checks B, B checks C, C checks A.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import User
from thidua.accounts.tests.factories import UserFactory, grant
from thidua.conftest import World
from thidua.emulation.tests.factories import member_add
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory
from thidua.scoring.models import CriteriaSet, Criterion, ScoreSheet, ScoringRound
from thidua.scoring.services import (
    appeal_window_open,
    scoring_round_consolidate,
    scoring_round_publish,
)
from thidua.scoring.tests.factories import (
    YEAR,
    check_sheet,
    criteria_of,
    criteria_set_build,
    fill,
    round_build,
    round_open,
    self_sheet,
)

SELF_POINTS = {"a": ["10", "20", "10", "0"], "b": ["9", "18", "5", "1"], "c": ["8", "15", "2", "0"]}
CHECK_POINTS = {"a": ["7", "15", "2", "1"], "b": ["8", "16", "5", "1"], "c": ["6", "14", "0", "0"]}


@dataclass
class ScoringWorld:
    world: World
    c: Unit
    head_c: User
    criteria_set: CriteriaSet
    scoring_round: ScoringRound

    @property
    def units(self) -> dict[str, Unit]:
        return {"a": self.world.a, "b": self.world.b, "c": self.c}

    @property
    def criteria(self) -> list[Criterion]:
        self.scoring_round.refresh_from_db()
        return criteria_of(self.scoring_round)

    def refresh(self) -> ScoringRound:
        self.scoring_round.refresh_from_db()
        return self.scoring_round

    def self_sheet(self, key: str) -> ScoreSheet:
        return self_sheet(self.scoring_round, self.units[key])

    def check_sheet(self, key: str) -> ScoreSheet:
        return check_sheet(self.scoring_round, self.units[key])

    def open(self) -> ScoringRound:
        self.scoring_round = round_open(self.scoring_round)
        return self.scoring_round

    def self_assess(self, points: dict[str, Sequence[str]] | None = None) -> None:
        for key, values in (points or SELF_POINTS).items():
            fill(self.self_sheet(key), values)

    def check(self, points: dict[str, Sequence[str]] | None = None) -> None:
        for key, values in (points or CHECK_POINTS).items():
            fill(self.check_sheet(key), values)

    def consolidate(self) -> ScoringRound:
        self.scoring_round = scoring_round_consolidate(actor=None, scoring_round=self.scoring_round)
        return self.scoring_round

    def appeal_window(self, days: int = 7) -> ScoringRound:
        due = timezone.localdate() + dt.timedelta(days=days)
        self.scoring_round = appeal_window_open(actor=None, scoring_round=self.scoring_round, due_on=due)
        return self.scoring_round

    def publish(self) -> ScoringRound:
        self.scoring_round = scoring_round_publish(actor=None, scoring_round=self.scoring_round, confirmation="CÔNG BỐ")
        return self.scoring_round

    def advance(self, stage: str) -> ScoringRound:
        """Carry the round to ``stage``: open, self_sent, checked, consolidated, appeal or published."""
        stages = ["open", "self_sent", "checked", "consolidated", "appeal", "published"]
        steps = [self.open, self.self_assess, self.check, self.consolidate, self.appeal_window, self.publish]
        for _name, step in zip(stages[: stages.index(stage) + 1], steps, strict=False):
            step()
        return self.refresh()


def total(points: Sequence[str]) -> Decimal:
    scored1, scored2, bonus, penalty = (Decimal(p) for p in points)
    return scored1 + scored2 + bonus - penalty


@pytest.fixture(autouse=True)
def _media(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.THIDUA_REQUIRE_2FA_FOR_PROVINCE_ROLES = False  # type: ignore[attr-defined]


@pytest.fixture
def sw(world: World) -> ScoringWorld:
    """The world with member unit C (head head_c), an approved criteria set and a round in preparation."""
    c = UnitFactory(code="so-c", name="Sở Công Thương Cẩm Lệ", parent=world.p)
    member_add(world.bloc, c)
    head_c = UserFactory(username="giamdoc.c", full_name="Hoàng Văn Cường", unit=c)
    grant(head_c, Role.UNIT_HEAD, unit=c)
    criteria_set = criteria_set_build(world.bloc, year=YEAR)
    scoring_round = round_build(world.bloc, criteria_set, year=YEAR, per_unit=1)
    return ScoringWorld(world=world, c=c, head_c=head_c, criteria_set=criteria_set, scoring_round=scoring_round)
