"""Every condition module; importing this package registers them all."""

from thidua.awards.rules.conditions import (  # noqa: F401
    awards,
    blocking,
    collectives,
    initiatives,
    manual,
    ratings,
    service,
    titles,
)
