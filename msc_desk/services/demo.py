"""A realistic synthetic trial for demonstration and training, marked as demo data everywhere."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from msc_desk.center.allocation import generate_allocation_list, public_key_bytes
from msc_desk.models import Arm, ConsentSigner, Patient, Role, Sex
from msc_desk.models.database import SessionFactory
from msc_desk.security.identity import UserKeys
from msc_desk.security.layout import load_keystore, workspace_exists
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import randomize
from msc_desk.services.demo_follow_up import fill_follow_up
from msc_desk.services.randomization_key import ensure_randomization_key
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.session import unit_of_work
from msc_desk.services.trial_setup import (
    STUDY,
    import_allocation_file,
    this_device_uid,
    trust_center_key,
)
from msc_desk.services.users import add_user
from msc_desk.services.workspace import create_workspace, sign_in
from msc_desk.timekeeping import MOSCOW, Clock, system_clock

DEMO_ACCOUNTS = (
    ("admin", "Администратор (демо)", Role.ADMIN, "demo-admin", False),
    ("ivanova", "Иванова Анна Сергеевна", Role.INVESTIGATOR, "demo-doctor", False),
    ("petrova", "Петрова Ольга Николаевна", Role.NURSE, "demo-nurse", True),
    ("sidorov", "Сидоров Игорь Петрович", Role.MONITOR, "demo-monitor", False),
)
_SURNAMES = (
    "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
    "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
)  # fmt: skip
_NAMES = ("Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Михаил", "Иван")


@dataclass(frozen=True)
class _Failure:
    """What makes a demo patient fail screening (one criterion each, as a ward sees them)."""

    anc: Decimal | None = None
    onset_hours: float | None = None
    age_years: int | None = None
    consent_signed: bool = True
    chemo_resistant: bool = False


_FAILURES = (
    _Failure(anc=Decimal("1.4")),
    _Failure(onset_hours=11.5),
    _Failure(age_years=78),
    _Failure(consent_signed=False),
    _Failure(chemo_resistant=True),
    _Failure(anc=Decimal("2.1")),
)


class DemoExistsError(Exception):
    """The folder already holds a database; the demo never overwrites one."""


@dataclass(frozen=True)
class DemoSummary:
    data_dir: Path
    screened: int
    randomized: int

    def describe(self) -> str:
        accounts = "\n".join(f"  {line}" for line in _account_lines())
        return (
            f"Demo trial created in {self.data_dir}: {self.screened} screened, "
            f"{self.randomized} randomized.\nAccounts (user / password):\n{accounts}"
        )


def demo_accounts_text(data_dir: Path) -> str | None:
    """The sign-in hint for a demo database (None for a real one)."""
    if not workspace_exists(data_dir) or not load_keystore(data_dir)[1].demo:
        return None
    return "ДЕМО-ДАННЫЕ. Учётные записи (логин / пароль):\n" + "\n".join(_account_lines())


def _account_lines() -> list[str]:
    return [f"{name} / {password}" for name, _, _, password, _ in DEMO_ACCOUNTS]


def create_demo_trial(
    data_dir: Path, *, screened: int = 36, clock: Clock = system_clock
) -> DemoSummary:
    """Create a new demo workspace in `data_dir` with `screened` synthetic patients.

    Raises:
        DemoExistsError: `data_dir` already holds a database.
    """
    data_dir = Path(data_dir)
    if workspace_exists(data_dir) or (data_dir / "msc-desk.db").exists():
        raise DemoExistsError(f"{data_dir} already holds a database; choose an empty folder")
    data_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2013)
    now = clock()
    start = now - timedelta(days=80)
    admin_name, admin_full, _, admin_password, _ = DEMO_ACCOUNTS[0]
    setup = create_workspace(
        data_dir,
        site_code="01",
        site_name="НМИЦ гематологии, ОРИТ",
        device_name="Ноутбук ОРИТ-1",
        admin_username=admin_name,
        admin_full_name=admin_full,
        admin_password=admin_password,
        clock=lambda: start,
        demo=True,
    )
    workspace = setup.workspace
    factory, admin = workspace.factory, workspace.actor
    for username, full_name, role, password, delegated in DEMO_ACCOUNTS[1:]:
        add_user(factory, admin, data_dir, username, full_name, role, password, delegated,
                 clock=lambda: start)  # fmt: skip
    center_key = Ed25519PrivateKey.generate()
    trust_center_key(factory, admin, public_key_bytes(center_key), clock=lambda: start)
    workspace.close()
    username, _, _, password, _ = DEMO_ACCOUNTS[1]
    workspace = sign_in(data_dir, username, password, clock=lambda: start)
    factory, doctor = workspace.factory, workspace.actor
    if doctor.keys is None:  # a workspace whose users hold no key pairs yet
        doctor = replace(doctor, keys=UserKeys.generate())
    # The investigator's first need makes the laptop's randomization key; the center seals the
    # list to it, and the administrator imports the list without being able to open it.
    device_key = ensure_randomization_key(factory, doctor, clock=lambda: start)
    generated = generate_allocation_list(
        center_key, study=STUDY, device_uid=this_device_uid(factory), device_key=device_key,
        first_slot=1, slot_count=40, clock=lambda: start,
    )  # fmt: skip
    import_allocation_file(factory, admin, generated.signed_file, clock=lambda: start)
    randomized = 0
    randomized_patients: list[tuple[int, Arm, datetime]] = []
    failures: list[_Failure] = list(_FAILURES)
    fail_at = set(rng.sample(range(screened), min(len(failures), screened)))
    for index in range(screened):
        days_ago = Decimal(75) * (screened - 1 - index) / max(screened - 1, 1)
        screened_at = now - timedelta(days=float(days_ago), hours=rng.uniform(0, 3))
        failure = failures.pop() if index in fail_at and failures else None
        entry = _screening_input(rng, screened_at, failure)
        saved = save_screening(factory, doctor, entry, clock=_at(screened_at))
        if saved.eligible:
            instant = screened_at + timedelta(minutes=rng.randint(15, 50))
            result = randomize(factory, doctor, saved.patient_id, clock=_at(instant))
            randomized_patients.append((saved.patient_id, result.arm, instant))
            randomized += 1
    # Follow-up is written after every randomization, so that the audit runs forward in time
    # (a randomization audited before an earlier follow-up would look like a clock set back).
    for patient_id, arm, instant in randomized_patients:
        fill_follow_up(factory, doctor, patient_id, arm, instant, now, rng)
    _mark_demo(factory, doctor, now)
    workspace.close()
    return DemoSummary(data_dir, screened, randomized)


def _at(instant: datetime) -> Clock:
    return lambda: instant


def _mark_demo(factory: SessionFactory, actor: Actor, now: datetime) -> None:
    with unit_of_work(factory, actor, reason="demo data", clock=lambda: now) as session:
        for patient in session.scalars(select(Patient)):
            patient.is_demo = True


def _screening_input(
    rng: random.Random, screened_at: datetime, failure: _Failure | None
) -> ScreeningInput:
    failure = failure or _Failure()
    onset_hours = failure.onset_hours or rng.uniform(2.0, 8.5)
    sex = rng.choice((Sex.MALE, Sex.FEMALE))
    surname = rng.choice(_SURNAMES) + ("а" if sex is Sex.FEMALE else "")
    age = failure.age_years or rng.randint(19, 72)
    birth = screened_at.astimezone(MOSCOW).date() - timedelta(days=365 * age + rng.randint(20, 300))
    anc = failure.anc if failure.anc is not None else Decimal(rng.randint(0, 9)) / 10
    signer = rng.choice((ConsentSigner.PATIENT, ConsentSigner.REPRESENTATIVE))
    signed = failure.consent_signed
    return ScreeningInput(
        shock_onset=(screened_at - timedelta(hours=onset_hours)).astimezone(MOSCOW),
        anc_10e9_per_l=anc,
        date_of_birth=date(birth.year, birth.month, min(birth.day, 28)),
        sex=sex,
        pregnant=False if sex is Sex.FEMALE else None,
        chemo_resistant_oncohematologic=failure.chemo_resistant,
        consent_signed=failure.consent_signed,
        consent_signer=signer if signed else None,
        consent_at=(screened_at - timedelta(minutes=20)).astimezone(MOSCOW) if signed else None,
        full_name=f"{surname} {rng.choice(_NAMES)[0]}. (демо)",
        medical_record_number=f"ИБ-{rng.randint(1000, 9999)}/26",
    )
