"""A seeded trial database for the screening wizard tests and screenshots."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from seeding import seed_site

from msc_desk.center.allocation import generate_allocation_list, public_key_bytes
from msc_desk.models import Role
from msc_desk.models.database import SessionFactory
from msc_desk.security.identity import UserKeys
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import import_allocation_list
from msc_desk.services.randomization_key import (
    ensure_randomization_key,
    grant_randomization_key,
)
from msc_desk.ui.screening import ScreeningContext

STUDY = "NCT01849237"
DEVICE_UID = "7f1c2b9e-3d4a-4e5f-8a6b-0c1d2e3f4a5b"
CENTER_KEY = Ed25519PrivateKey.generate()


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class ScreeningTrial:
    factory: SessionFactory
    clock: Clock
    admin: Actor
    investigator: Actor
    nurse: Actor
    delegated_nurse: Actor
    device_key: str

    def import_list(self, slot_count: int = 4) -> None:
        generated = generate_allocation_list(
            CENTER_KEY,
            study=STUDY,
            device_uid=DEVICE_UID,
            device_key=self.device_key,
            first_slot=1,
            slot_count=slot_count,
            clock=self.clock,
        )
        import_allocation_list(
            self.factory,
            self.admin,
            generated.signed_file,
            trusted_center_key=public_key_bytes(CENTER_KEY),
            device_uid=DEVICE_UID,
            study=STUDY,
            device_key=self.device_key,
            clock=self.clock,
        )

    def context(
        self, actor: Actor | None = None, preparation_hours: Decimal = Decimal(2)
    ) -> ScreeningContext:
        return ScreeningContext(
            factory=self.factory,
            actor=actor or self.investigator,
            clock=self.clock,
            preparation_hours=preparation_hours,
        )


def seed_trial(factory: SessionFactory, start: datetime) -> ScreeningTrial:
    """One site, this laptop, an admin, an investigator, a nurse and a delegated nurse."""
    clock = Clock(start)
    users = {
        "admin": (Role.ADMIN, False),
        "investigator": (Role.INVESTIGATOR, False),
        "nurse": (Role.NURSE, False),
        "delegated_nurse": (Role.NURSE, True),
    }
    actors = seed_site(factory, clock, site_name="ОРИТ №2", device_uid=DEVICE_UID, users=users)
    # Each user has their own key pair; the randomizing ones hold the laptop's reveal key.
    actors = {name: replace(actor, keys=UserKeys.generate()) for name, actor in actors.items()}
    investigator, nurse = actors["investigator"], actors["delegated_nurse"]
    device_key = ensure_randomization_key(factory, investigator, clock)
    assert nurse.keys is not None and nurse.user_id is not None
    grant_randomization_key(
        factory, investigator, nurse.user_id, nurse.keys.encryption_public, clock
    )
    return ScreeningTrial(factory, clock, **actors, device_key=device_key)
