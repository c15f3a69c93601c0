"""What a screening wizard runs with: the database, who is acting, the clock, the site setting."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.timekeeping import Clock

DEFAULT_PREPARATION_HOURS = Decimal(2)


@dataclass(frozen=True)
class ScreeningContext:
    """Everything the wizard needs from the application.

    Attributes:
        factory: the session factory of the open database.
        actor: the signed-in user (screening needs Action.SCREEN, randomizing Action.RANDOMIZE).
        clock: the current instant, timezone-aware (injectable for tests).
        preparation_hours: how long the cell lab needs to prepare the MSC product (site setting).
    """

    factory: SessionFactory
    actor: Actor
    clock: Clock
    preparation_hours: Decimal = DEFAULT_PREPARATION_HOURS
