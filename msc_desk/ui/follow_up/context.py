"""What every follow-up widget needs: the database, the acting user, the clock, the folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.timekeeping import Clock


@dataclass(frozen=True)
class FollowUpContext:
    factory: SessionFactory
    actor: Actor
    clock: Clock
    data_dir: Path

    def may(self, action: Action) -> bool:
        return is_allowed(self.actor, action)
