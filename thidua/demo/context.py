"""What the demo world hands to each app's demo step: the units, blocs and people already loaded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.emulation.models import Bloc
    from thidua.organizations.models import Unit


@dataclass(frozen=True)
class DemoContext:
    """``units`` maps the demo's unit codes (see demo/world.py: UNITS, BLOC_I_UNITS) to units."""

    province: Unit
    units: dict[str, Unit]
    bloc_iii: Bloc
    bloc_i: Bloc
    # Unit codes of bloc III's seven members, in the article's order.
    bloc_iii_codes: tuple[str, ...]


# Each app's demo step: a module with `demo_load(context: DemoContext) -> None`, idempotent, run in this order
# after the organisations, blocs, people and accounts are loaded and before the 2025 reorganisations are applied.
DEMO_STEPS = [
    "thidua.awards.demo",
    "thidua.movements.demo",
    "thidua.registrations.demo",
    "thidua.covenants.demo",
    "thidua.initiatives.demo",
    "thidua.scoring.demo",
    "thidua.conferences.demo",
    "thidua.awards.demo_dossiers",
]
