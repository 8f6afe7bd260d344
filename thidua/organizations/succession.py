"""Carrying open work to a successor unit: a declared extension API (STYLE S7, like Indico's documented signals).

When ``unit_change_record`` ends a unit (merge, split, closure with a successor), every app that keeps work on units
moves what is still open to the successor: the emulation app moves the bloc seats of the current and later years,
the accounts app the role grants and workplaces, the people app the open job assignments. The past stays on the
historical unit. Apps register a handler in ``AppConfig.ready()``; handlers run inside the change's transaction and
write their own audit events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from thidua.accounts.models import User
    from thidua.organizations.models import Unit, UnitChange


@dataclass(frozen=True)
class Succession:
    change: UnitChange
    predecessor: Unit
    successor: Unit
    effective_on: dt.date
    actor: User | None

    @property
    def last_day(self) -> dt.date:
        """The predecessor's last day: the day before the change takes effect."""
        return self.effective_on - dt.timedelta(days=1)


SuccessionHandler = Callable[[Succession], None]
_handlers: list[SuccessionHandler] = []


def succession_handler_register(handler: SuccessionHandler) -> None:
    if handler not in _handlers:
        _handlers.append(handler)


def succession_carry(succession: Succession) -> None:
    """Run every registered handler. Must be called inside the change's transaction."""
    for handler in _handlers:
        handler(succession)


def succession_handler_unregister(handler: SuccessionHandler) -> None:
    """Remove a handler (tests register their own and take them out again)."""
    if handler in _handlers:
        _handlers.remove(handler)
