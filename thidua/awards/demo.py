"""Demo step of the awards app: the minimal titles catalogue must be there (the data migration seeds it; a test
database built without migrations does not have it)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from django.apps import apps

if TYPE_CHECKING:
    from thidua.demo.context import DemoContext


def demo_load(context: DemoContext) -> None:
    seed = importlib.import_module("thidua.awards.migrations.0002_seed_minimal_catalogue").seed
    seed(apps, None)
