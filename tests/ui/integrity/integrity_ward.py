"""A ward for the integrity tests: an investigator, a nurse, a signed list, an eligible patient."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from seeding import Staff, new_workspace

from msc_desk.center.allocation import generate_allocation_list, public_key_bytes
from msc_desk.models import ConsentSigner, Role
from msc_desk.services.randomization_key import ensure_randomization_key
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.trial_setup import import_allocation_file, this_device_uid, trust_center_key
from msc_desk.services.workspace import sign_in
from msc_desk.timekeeping import MOSCOW

STUDY = "NCT01849237"
START = datetime(2026, 11, 20, 6, 0, tzinfo=MOSCOW)


class MovableClock:
    """A clock the test sets by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class IntegrityWard:
    data_dir: Path
    clock: MovableClock
    patient_id: int
    study_id: str


STAFF = (
    Staff("ivanov", "Иванов Сергей Андреевич", Role.INVESTIGATOR, "ivanov-password"),
    Staff("petrova", "Петрова Мария Ивановна", Role.NURSE, "petrova-password"),
)


def screen(data_dir: Path, clock: Callable[[], datetime]) -> tuple[int, str]:
    """The investigator saves an eligible patient (shock 3 h ago)."""
    doctor = sign_in(data_dir, "ivanov", "ivanov-password", clock=clock)
    try:
        saved = save_screening(
            doctor.factory,
            doctor.actor,
            ScreeningInput(
                shock_onset=(clock() - timedelta(hours=3)).astimezone(MOSCOW),
                anc_10e9_per_l=Decimal("0.3"),
                age_years=40,
                sex=None,
                pregnant=False,
                chemo_resistant_oncohematologic=False,
                consent_signed=True,
                consent_signer=ConsentSigner.PATIENT,
                consent_at=(clock() - timedelta(hours=1)).astimezone(MOSCOW),
                full_name="Соколов Андрей",
            ),
            clock=clock,
        )
    finally:
        doctor.close()
    return saved.patient_id, saved.study_id


@pytest.fixture(name="integrity_ward")
def integrity_ward_fixture(tmp_path: Path) -> Iterator[IntegrityWard]:
    yield build_ward(tmp_path)


def build_ward(tmp_path: Path) -> IntegrityWard:
    """The ward in `tmp_path`/ws, at START; every workspace used to build it is closed."""
    clock = MovableClock(START)
    data_dir = tmp_path / "ws"
    admin = new_workspace(
        data_dir, clock, STAFF, site_name="ОРИТ №2", device_name="Ноутбук-1"
    ).workspace
    doctor = sign_in(data_dir, "ivanov", "ivanov-password", clock=clock)
    device_key = ensure_randomization_key(doctor.factory, doctor.actor, clock)
    doctor.close()
    center = Ed25519PrivateKey.generate()
    trust_center_key(admin.factory, admin.actor, public_key_bytes(center), clock)
    generated = generate_allocation_list(
        center,
        study=STUDY,
        device_uid=this_device_uid(admin.factory),
        device_key=device_key,
        first_slot=1,
        slot_count=8,
    )
    import_allocation_file(admin.factory, admin.actor, generated.signed_file, clock)
    admin.close()
    patient_id, study_id = screen(data_dir, clock)
    return IntegrityWard(data_dir, clock, patient_id, study_id)
