"""Rules tests are pure: no database. Override the awards suite's autouse catalogue fixture, which requests ``db``."""

import pytest


@pytest.fixture(autouse=True)
def title_catalogue():
    """No catalogue rows needed: the rules read only prefetched facts."""
    return None
