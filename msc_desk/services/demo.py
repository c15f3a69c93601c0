"""A realistic synthetic trial for demonstration and training, marked as demo data everywhere."""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from msc_desk.center.allocation import (
    DEFAULT_STUDY_NUMBERS,
    MAX_SLOTS,
    generate_allocation_list,
    public_key_bytes,
)
from msc_desk.models import ConsentSigner, Patient, Role, Sex
from msc_desk.models.database import SessionFactory
from msc_desk.security.layout import load_keystore, workspace_exists
from msc_desk.services.actor import Actor
from msc_desk.services.allocation import randomize
from msc_desk.services.demo_bulk import BulkWriter
from msc_desk.services.demo_follow_up import DEMO_REASON, RandomizedPatient, fill_follow_up
from msc_desk.services.demo_oversight import add_oversight
from msc_desk.services.infusion_check import checker_from_credentials
from msc_desk.services.randomization_key import ensure_randomization_key
from msc_desk.services.screening import ScreeningInput, save_screening
from msc_desk.services.session import unit_of_work
from msc_desk.services.trial_setup import (
    STUDY,
    import_allocation_file,
    this_device_uid,
    trust_center_key,
)
from msc_desk.services.users import add_user, set_randomization_delegation
from msc_desk.services.workspace import change_password, create_workspace, sign_in
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


MAX_DEMO_PATIENTS = 10_000
_FOLLOW_UP_BATCH = 200  # patients per unit of work: the audit hook runs once per batch


class DemoExistsError(Exception):
    """The folder is not empty (or is a file); the demo never writes over anything."""


class DemoSizeError(ValueError):
    """The number of patients is not a whole number from 1 to MAX_DEMO_PATIENTS."""


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
    data_dir: Path,
    *,
    screened: int = 36,
    first_study_number: int = 1,
    clock: Clock = system_clock,
) -> DemoSummary:
    """Create a new demo workspace in `data_dir` with `screened` synthetic patients.

    `first_study_number` starts the laptop's study numbers and slots (a second demo laptop of
    the same site takes a later range, as the center would issue it). The workspace is built
    in a temporary folder beside `data_dir` and takes its name only when complete: a failure
    leaves nothing under `data_dir`.

    Raises:
        DemoSizeError: `screened` is not from 1 to MAX_DEMO_PATIENTS.
        DemoExistsError: `data_dir` is a file or a folder that is not empty.
    """
    check_demo_size(screened)
    data_dir = Path(data_dir)
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise DemoExistsError(f"{data_dir} is not an empty folder; choose an empty folder")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}.building-", dir=data_dir.parent))
    try:
        randomized = _build(building, screened, first_study_number, clock)
        if data_dir.exists():
            data_dir.rmdir()  # empty, as checked above
        building.rename(data_dir)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return DemoSummary(data_dir, screened, randomized)


def check_demo_size(screened: object) -> int:
    """`screened` as a count of demo patients.

    Raises:
        DemoSizeError: not a whole number from 1 to MAX_DEMO_PATIENTS.
    """
    if not isinstance(screened, int) or isinstance(screened, bool):
        raise DemoSizeError(
            f"the number of patients must be a whole number, not {str(screened)[:20]!r}"
        )
    if not 1 <= screened <= MAX_DEMO_PATIENTS:
        raise DemoSizeError(
            f"the number of patients must be from 1 to {MAX_DEMO_PATIENTS:,}, not {screened:,}"
        )
    return screened


def _build(data_dir: Path, screened: int, first_number: int, clock: Clock) -> int:
    """Fill the new folder `data_dir`; return how many patients were randomized."""
    rng = random.Random(2013)
    now = clock()
    start = now - timedelta(days=_span_days(screened) + 5)
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
    for username, full_name, role, password, _delegated in DEMO_ACCOUNTS[1:]:
        # Each demo user has already chosen their own password at a first sign-in.
        add_user(factory, admin, data_dir, username, full_name, role, password + "-initial",
                 clock=lambda: start)  # fmt: skip
        change_password(data_dir, username, password + "-initial", password, lambda: start)
    center_key = Ed25519PrivateKey.generate()
    trust_center_key(factory, admin, public_key_bytes(center_key), clock=lambda: start)
    workspace.close()
    username, _, _, password, _ = DEMO_ACCOUNTS[1]
    workspace = sign_in(data_dir, username, password, clock=lambda: start)
    factory, doctor = workspace.factory, workspace.actor
    try:
        # The investigator's first need makes the laptop's randomization key; the center seals
        # the list to it, and the administrator imports the list without being able to open it.
        device_key = ensure_randomization_key(factory, doctor, clock=lambda: start)
        generated = generate_allocation_list(
            center_key, study=STUDY, device_uid=this_device_uid(factory), device_key=device_key,
            first_slot=first_number, slot_count=_slot_count(screened),
            first_study_number=first_number,
            study_number_count=max(DEFAULT_STUDY_NUMBERS, screened), clock=lambda: start,
        )  # fmt: skip
        import_allocation_file(factory, admin, generated.signed_file, clock=lambda: start)
        for name, _, _, _, delegated in DEMO_ACCOUNTS[2:]:
            if delegated:
                set_randomization_delegation(
                    factory, doctor, name, True, reason="delegation log", clock=lambda: start
                )
        nurse_name, _, _, nurse_password, _ = DEMO_ACCOUNTS[2]
        nurse = checker_from_credentials(factory, data_dir, nurse_name, nurse_password, _at(start))
        randomized = _screen_and_follow(factory, (doctor, nurse), screened, now, rng)
        _mark_demo(factory, doctor, now)
        add_oversight(data_dir, factory, doctor, _accounts_by_role(), now)
    finally:
        workspace.close()
    return randomized


def _accounts_by_role() -> dict[str, tuple[str, str]]:
    """The first demo account of each role that takes part in oversight: (username, password)."""
    wanted = {Role.INVESTIGATOR: "investigator", Role.NURSE: "nurse", Role.MONITOR: "monitor"}
    found: dict[str, tuple[str, str]] = {}
    for username, _full_name, role, password, _delegated in DEMO_ACCOUNTS:
        if role in wanted:
            found.setdefault(wanted[role], (username, password))
    return found


_LAST_SCREENING_BEFORE_NOW = timedelta(hours=1)


def _slot_count(screened: int) -> int:
    """Room for every patient to be randomized: an even count, within what a list may hold."""
    return min(MAX_SLOTS, screened + screened % 2)


def _span_days(screened: int) -> int:
    """Days over which the patients were screened: at least 75, about two a day beyond that."""
    return max(75, min(screened // 2, 3 * 365))


def _failures(screened: int, rng: random.Random) -> dict[int, _Failure]:
    """Which patients fail screening (one in six), and why."""
    chosen = sorted(rng.sample(range(screened), screened // 6))
    return {index: _FAILURES[order % len(_FAILURES)] for order, index in enumerate(chosen)}


def _screen_and_follow(
    factory: SessionFactory,
    staff: tuple[Actor, Actor],
    screened: int,
    now: datetime,
    rng: random.Random,
) -> int:
    doctor, nurse = staff
    span = _span_days(screened)
    failures = _failures(screened, rng)
    randomized: list[RandomizedPatient] = []
    last_event = now - timedelta(days=span + 1)
    for index in range(screened):
        days_ago = Decimal(span) * (screened - 1 - index) / max(screened - 1, 1)
        screened_at = now - timedelta(days=float(days_ago), hours=rng.uniform(0, 3))
        # Nothing happens after `now`: the last patients are screened an hour ago at the latest.
        screened_at = min(screened_at, now - _LAST_SCREENING_BEFORE_NOW)
        # Patients come close together in a large demo: never before what the audit already
        # holds, or the laptop's clock guard would (rightly) see the clock going back.
        screened_at = max(screened_at, last_event + timedelta(minutes=1))
        entry = _screening_input(rng, screened_at, failures.get(index))
        saved = save_screening(factory, doctor, entry, clock=_at(screened_at))
        last_event = screened_at
        if saved.eligible:
            delay = timedelta(minutes=rng.randint(15, 50))
            instant = max(
                min(screened_at + delay, now - timedelta(minutes=1)),
                screened_at + timedelta(minutes=1),
            )
            result = randomize(factory, doctor, saved.patient_id, clock=_at(instant))
            randomized.append(RandomizedPatient(saved.patient_id, result.arm, instant))
            last_event = instant
    # Follow-up is written after every randomization, so that the audit runs forward in time
    # (a randomization audited before an earlier follow-up would look like a clock set back).
    for first in range(0, len(randomized), _FOLLOW_UP_BATCH):
        batch = randomized[first : first + _FOLLOW_UP_BATCH]
        fill_follow_up(factory, doctor, batch, now, rng, checker=nurse)
    return len(randomized)


def _at(instant: datetime) -> Clock:
    return lambda: instant


def _mark_demo(factory: SessionFactory, actor: Actor, now: datetime) -> None:
    with unit_of_work(factory, actor, reason=DEMO_REASON, clock=lambda: now) as session:
        writer = BulkWriter(session.connection(), actor, lambda: now, DEMO_REASON)
        table = Patient.__table__
        for patient_id, is_demo in session.execute(select(table.c.id, table.c.is_demo)):
            writer.update(Patient, patient_id, {"is_demo": is_demo}, {"is_demo": True},
                          patient_id=patient_id)  # fmt: skip
        writer.write()


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
