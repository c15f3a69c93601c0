"""Shared set-up of the screening, allocation and randomization tests (imported explicitly)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from seeding import seed_site
from sqlalchemy import Engine, func, select

from msc_desk.center.allocation import GeneratedList, generate_allocation_list, public_key_bytes
from msc_desk.models import ConsentSigner, Role, Sex
from msc_desk.models.database import SessionFactory, create_database_engine
from msc_desk.models.migrate import prepare_database
from msc_desk.security.identity import UserKeys
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import (
    ImportedList,
    RandomizationResult,
    import_allocation_list,
    randomize,
)
from msc_desk.services.randomization_key import (
    ensure_randomization_key,
    grant_randomization_key,
)
from msc_desk.services.screening import SavedScreening, ScreeningInput, save_screening
from msc_desk.services.session import audited_session_factory, read_session
from msc_desk.timekeeping import MOSCOW

STUDY = "NCT01849237"
DEVICE_UID = "5b0f8e52-1c7e-4b53-9a0e-8a8f3f1f2c01"
OTHER_DEVICE_UID = "0d3c1a77-6f0e-4d0a-b1b2-7c8d9e0f1a2b"
DB_KEY = bytes(range(32))
CENTER_KEY = Ed25519PrivateKey.generate()
CENTER_PUBLIC = public_key_bytes(CENTER_KEY)
ONSET = datetime(2026, 3, 2, 1, 30, tzinfo=MOSCOW)
CANARY_NAME = "Канарейкина Алевтина Пантелеймоновна"

ELIGIBLE = ScreeningInput(
    shock_onset=ONSET,
    anc_10e9_per_l=Decimal("0.40"),
    age_years=45,
    sex=Sex.MALE,
    pregnant=False,
    chemo_resistant_oncohematologic=False,
    consent_signed=True,
    consent_signer=ConsentSigner.PATIENT,
    consent_at=ONSET - timedelta(minutes=20),  # signed before onset: plausible in haematology
    full_name="Иванов Иван Иванович",
    medical_record_number="И-2026-0042",
)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, **after_onset: float) -> None:
        self.now = ONSET + timedelta(**after_onset)


@dataclass
class Trial:
    path: Path
    engine: Engine
    factory: SessionFactory
    clock: Clock
    admin: Actor
    investigator: Actor
    nurse: Actor
    delegated_nurse: Actor
    monitor: Actor
    device_key: str

    def generate(self, first_slot: int = 1, slot_count: int = 10, **kw: Any) -> GeneratedList:
        options: dict[str, Any] = {
            "study": STUDY,
            "device_uid": DEVICE_UID,
            "device_key": self.device_key,
        } | kw
        return generate_allocation_list(
            CENTER_KEY, first_slot=first_slot, slot_count=slot_count, clock=self.clock, **options
        )

    def import_file(self, data: bytes | Path, **kw: Any) -> ImportedList:
        options: dict[str, Any] = {
            "trusted_center_key": CENTER_PUBLIC,
            "device_uid": DEVICE_UID,
            "study": STUDY,
            "device_key": self.device_key,
            "clock": self.clock,
        } | kw
        return import_allocation_list(self.factory, self.admin, data, **options)

    def import_list(self, first_slot: int = 1, slot_count: int = 10) -> GeneratedList:
        generated = self.generate(first_slot, slot_count)
        self.import_file(generated.signed_file)
        return generated

    def screen(self, **changes: Any) -> SavedScreening:
        if "hours" in changes:
            self.clock.set(hours=changes.pop("hours"))
        else:
            self.clock.set(hours=1)
        if changes.get("consent_signed") is not True and "consent_signed" in changes:
            changes = {"consent_signer": None, "consent_at": None} | changes
        return save_screening(
            self.factory, self.investigator, replace(ELIGIBLE, **changes), self.clock
        )

    def randomize(self, patient_id: int, actor: Actor | None = None) -> RandomizationResult:
        return randomize(
            self.factory,
            actor or self.investigator,
            patient_id,
            clock=self.clock,
        )

    def count(self, model: Any, *where: Any) -> int:
        with read_session(self.factory) as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def raw_bytes(self) -> bytes:
        files = [self.path, self.path.with_name(self.path.name + "-wal")]
        return b"".join(f.read_bytes() for f in files if f.exists())


def make_trial(tmp_path: Path) -> Trial:
    path = tmp_path / "msc-desk.db"
    engine = create_database_engine(path, None)
    prepare_database(engine, path)
    factory = audited_session_factory(engine)
    clock = Clock(ONSET)
    users = {
        "admin": (Role.ADMIN, False),
        "investigator": (Role.INVESTIGATOR, False),
        "nurse": (Role.NURSE, False),
        "delegated_nurse": (Role.NURSE, True),
        "monitor": (Role.MONITOR, False),
    }
    actors = seed_site(
        factory, clock, site_name="НМИЦ гематологии", device_uid=DEVICE_UID, users=users
    )
    # Every user signs in with their own key pair; the randomizing ones hold the reveal key.
    actors = {name: replace(actor, keys=UserKeys.generate()) for name, actor in actors.items()}
    investigator, nurse = actors["investigator"], actors["delegated_nurse"]
    device_key = ensure_randomization_key(factory, investigator, clock)
    assert nurse.keys is not None and nurse.user_id is not None
    grant_randomization_key(
        factory, investigator, nurse.user_id, nurse.keys.encryption_public, clock
    )
    return Trial(path, engine, factory, clock, **actors, device_key=device_key)
