"""The test suite runs with --no-migrations: seed the catalogue with the data migration's own function."""

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def title_catalogue(db):
    importlib.import_module("thidua.awards.migrations.0002_seed_minimal_catalogue").seed(apps, None)
