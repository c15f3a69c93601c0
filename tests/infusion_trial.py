"""A workspace with an MSC-arm and a control-arm patient, for the infusion tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from seeding import Staff, new_workspace

from msc_desk.center.allocation import generate_allocation_list, public_key_bytes
from msc_desk.models import Arm, ConsentSigner, Role, Sex
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import randomize
from msc_desk.services.infusion import Prescription
from msc_desk.services.randomization_key import ensure_randomization_key
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.trial_setup import (
    STUDY,
    import_allocation_file,
    this_device_uid,
    trust_center_key,
)
from msc_desk.services.workspace import OpenWorkspace, sign_in
from msc_desk.timekeeping import MOSCOW

ONSET = datetime(2026, 11, 20, 1, 30, tzinfo=MOSCOW)
STAFF = (
    Staff("ivanova", "Иванова А. П.", Role.INVESTIGATOR, "ivanova-password"),
    Staff("petrova", "Петрова Е. С.", Role.NURSE, "petrova-password"),
    Staff("smirnov", "Смирнов К. Л.", Role.MONITOR, "smirnov-password"),
    Staff("orlov", "Орлов Д. В.", Role.BLINDED_REVIEWER, "orlov-password"),
)
PASSWORDS = {member.username: member.password for member in STAFF}


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def after_onset(self, **delta: float) -> None:
        self.now = ONSET + timedelta(**delta)


@dataclass
class InfusionTrial:
    data_dir: Path
    clock: MovableClock
    doctor: OpenWorkspace
    msc_patient: int
    control_patient: int

    @property
    def factory(self) -> SessionFactory:
        return self.doctor.factory

    @property
    def actor(self) -> Actor:
        return self.doctor.actor

    def sign_in(self, username: str) -> OpenWorkspace:
        return sign_in(self.data_dir, username, PASSWORDS[username], clock=self.clock)


VALID = Prescription(
    weight_kg="70",
    weight_source="measured",
    target_dose="1.0",
    product_lot="MSC-2026-017",
    concentration_cells_per_ml="2000000",
    viability_percent="92",
    container_volume_ml="20",
)


def valid(**changes: object) -> Prescription:
    return replace(VALID, **changes)  # type: ignore[arg-type]


def make_infusion_trial(data_dir: Path) -> InfusionTrial:
    clock = MovableClock(ONSET - timedelta(hours=1))
    admin = new_workspace(data_dir, clock, STAFF).workspace
    center_key = Ed25519PrivateKey.generate()
    trust_center_key(admin.factory, admin.actor, public_key_bytes(center_key), clock=clock)
    doctor = sign_in(data_dir, "ivanova", PASSWORDS["ivanova"], clock=clock)
    device_key = ensure_randomization_key(doctor.factory, doctor.actor, clock=clock)
    generated = generate_allocation_list(
        center_key, study=STUDY, device_uid=this_device_uid(doctor.factory),
        device_key=device_key, first_slot=1, slot_count=12, clock=clock,
    )  # fmt: skip
    import_allocation_file(admin.factory, admin.actor, generated.signed_file, clock=clock)
    admin.close()
    arms: dict[Arm, int] = {}
    for number in range(12):
        clock.after_onset(minutes=30 + number)
        entry = ScreeningInput(
            shock_onset=ONSET,
            anc_10e9_per_l=Decimal("0.40"),
            age_years=45,
            sex=Sex.MALE,
            pregnant=False,
            chemo_resistant_oncohematologic=False,
            consent_signed=True,
            consent_signer=ConsentSigner.PATIENT,
            consent_at=ONSET - timedelta(minutes=20),
            full_name=f"Пациент Номер {number}",
            medical_record_number=f"И-2026-{number:04d}",
        )
        saved = save_screening(doctor.factory, doctor.actor, entry, clock)
        result = randomize(doctor.factory, doctor.actor, saved.patient_id, clock=clock)
        arms.setdefault(result.arm, saved.patient_id)
        if len(arms) == 2:
            break
    clock.after_onset(hours=1)
    return InfusionTrial(data_dir, clock, doctor, arms[Arm.MSC], arms[Arm.CONTROL])
