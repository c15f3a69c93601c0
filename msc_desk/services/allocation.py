"""Concealed randomization on the laptop: import a signed list sealed, reveal one slot at a time."""

# The list format and what sealing hides (and does not) are described in msc_desk.center.allocation,
# and so is the reveal chain (format 2): each reveal is final and chained in slot order, its carbon
# copy (study id and eligibility hash) committed before the arm, so the center can check order,
# completeness and what each patient was randomized on.

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from msc_desk.center.allocation import (
    GENESIS_REVEAL_HASH,
    MAX_FILE_BYTES,
    AllocationListError,
    reveal_hash,
)
from msc_desk.center.verification import (
    OpenedList,
    Reveal,
    first_broken_reveal,
    open_list_key,
    open_signed_list,
    open_slot,
)
from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    Arm,
    Patient,
    PatientStatus,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring.visits import SCHEDULE
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.carbon_copy import eligibility_sha256
from msc_desk.services.clock_guard import (
    ClockUnconfirmed,
    check_clock,
    check_clock_for_randomization,
)
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.randomization_key import RevealKeyError, open_randomization_key
from msc_desk.services.screening import recheck
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock


class AllocationError(Exception):
    """A refused import or randomization; `code` says why, and nothing was changed."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class AllocationImportError(AllocationError):
    """A refused list import.

    Codes: unsigned, bad_signature, malformed, wrong_study, wrong_device, wrong_device_key
    (sealed to another randomization key), no_randomization_key (none made on this laptop yet:
    an investigator signs in first), overlapping_slots, already_imported.
    """


class RandomizationError(AllocationError):
    """A refused randomization.

    Codes: unknown_patient, already_randomized, not_eligible (with `failed_criteria`),
    no_allocation_list, allocation_list_exhausted, reveal_failed, commitment_mismatch,
    clock_unconfirmed (the clock went back: an investigator confirms the time first), and the
    codes of RevealKeyError (no_user_keys, no_randomization_key, no_seal, seal_broken,
    wrong_device_key): the user's keys do not open this laptop's randomization key.
    """

    def __init__(self, code: str, message: str, failed_criteria: tuple[str, ...] = ()) -> None:
        super().__init__(code, message)
        self.failed_criteria = failed_criteria


@dataclass(frozen=True)
class ImportedList:
    list_uid: str
    stratum: str | None
    first_slot: int
    slot_count: int
    signer_fingerprint: str


@dataclass(frozen=True)
class RandomizationResult:
    arm: Arm
    slot_number: int
    revealed_at: datetime
    reveal_hash: str


def import_allocation_list(
    factory: SessionFactory,
    actor: Actor,
    signed_file: Path | bytes,
    *,
    trusted_center_key: bytes | Ed25519PublicKey,
    device_uid: str,
    study: str,
    device_key: str | None,
    clock: Clock = system_clock,
) -> ImportedList:
    """Verify a signed list and store it as signed: its slots and list key stay sealed.

    `device_key` is this laptop's randomization public key (None when none is made yet).

    Raises:
        PermissionDenied: the actor may not import allocation lists (site administrators may).
        AllocationImportError: see its codes; a refusal is audited and imports nothing.
    """
    authorize(factory, actor, Action.IMPORT_ALLOCATION, clock)
    try:
        if device_key is None:
            raise AllocationListError(
                "no_randomization_key", "this laptop has no randomization key yet"
            )
        opened = open_signed_list(
            _read(signed_file),
            trusted_center_key,
            study=study,
            device_uid=device_uid,
            device_key=device_key,
        )
        with unit_of_work(factory, actor, clock=clock) as session:
            _check_range(session, opened)
            _store(session, actor, opened, clock)
    except AllocationListError as exc:
        _audit_refusal(factory, actor, clock, "allocation_import_refused", exc.code)
        raise AllocationImportError(exc.code, exc.message) from exc
    return ImportedList(
        list_uid=opened.list_uid,
        stratum=opened.stratum,
        first_slot=opened.first_slot,
        slot_count=opened.slot_count,
        signer_fingerprint=opened.signer_fingerprint,
    )


def _read(signed_file: Path | bytes) -> bytes:
    if isinstance(signed_file, bytes):
        return signed_file
    # Read no more than the limit, whatever the file claims (a device, a pipe, a growing file).
    with signed_file.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AllocationListError("malformed", "the file is too large for an allocation list")
    return data


def _check_range(session: Session, opened: OpenedList) -> None:
    known = session.scalar(
        select(AllocationList.id).where(AllocationList.list_uid == opened.list_uid)
    )
    if known is not None:
        raise AllocationListError("already_imported", "this list has already been imported")
    end = AllocationList.first_slot + AllocationList.slot_count - 1
    overlap = select(AllocationList.list_uid).where(
        AllocationList.first_slot <= opened.last_slot, end >= opened.first_slot
    )
    if session.scalar(overlap.limit(1)) is not None:
        raise AllocationListError("overlapping_slots", "its slots overlap an imported list")
    last_used = session.scalar(
        select(func.max(AllocationSlot.slot_number)).where(AllocationSlot.revealed_at.is_not(None))
    )
    if last_used is not None and opened.first_slot <= last_used:
        raise AllocationListError("overlapping_slots", "its slots lie below slots already used")


def _store(session: Session, actor: Actor, opened: OpenedList, clock: Clock) -> None:
    allocation_list = AllocationList(
        list_uid=opened.list_uid,
        study=opened.study,
        device_uid=opened.device_uid,
        stratum=opened.stratum,
        first_slot=opened.first_slot,
        slot_count=opened.slot_count,
        signer_fingerprint=opened.signer_fingerprint,
        signed_document=opened.signed_document,
        imported_at=clock(),
        imported_by_id=actor.user_id,
        sealed_list_key=opened.sealed_list_key,
        first_study_number=opened.first_study_number,
        study_number_count=opened.study_number_count,
    )
    session.add(allocation_list)
    session.flush()
    session.add_all(
        AllocationSlot(
            list_id=allocation_list.id,
            slot_number=slot.slot,
            sealed_arm=slot.sealed,
            commitment=slot.commitment,
        )
        for slot in opened.slots
    )
    session.flush()
    detail = f"list {opened.list_uid}: slots {opened.first_slot}-{opened.last_slot}"
    record_event(session, "import_allocation", detail=detail, record_id=str(allocation_list.id))


def remaining_slots(factory: SessionFactory) -> int:
    """How many slots are left (0 without a list); never which arms."""
    query = select(func.count(AllocationSlot.id)).where(AllocationSlot.revealed_at.is_(None))
    with read_session(factory) as session:
        return session.scalar(query) or 0


def randomize(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    *,
    clock: Clock = system_clock,
) -> RandomizationResult:
    """Re-check eligibility now and reveal the lowest unused slot for the patient, finally.

    The actor's own key (unwrapped at sign-in) opens the laptop's randomization key, which
    opens the list key, which opens the one slot. Refused while the clock is unconfirmed.

    Everything (reveal, arm, patient status, visit schedule, audit) is one transaction: a
    crash or a refusal leaves the slot unused and the patient unrandomized.

    Raises:
        PermissionDenied: not an investigator or a delegated nurse.
        RandomizationError: see its codes; a refusal is audited and changes nothing else.
    """
    authorize(factory, actor, Action.RANDOMIZE, clock)
    try:
        with unit_of_work(factory, actor, reason="randomization", clock=clock) as session:
            return _randomize(session, actor, patient_id, clock())
    except RandomizationError as exc:
        detail = ",".join((exc.code, *exc.failed_criteria))
        _audit_refusal(factory, actor, clock, "randomize_refused", detail, patient_id)
        if exc.code == "clock_unconfirmed":
            check_clock(factory, actor, None, clock)
        raise


def _randomize(
    session: Session, actor: Actor, patient_id: int, instant: datetime
) -> RandomizationResult:
    try:
        check_clock_for_randomization(session, instant)
    except ClockUnconfirmed as exc:
        raise RandomizationError("clock_unconfirmed", str(exc)) from exc
    patient = session.get(Patient, patient_id)
    if patient is None or patient.deleted_at is not None:
        raise RandomizationError("unknown_patient", "no such patient")
    taken = select(AllocationSlot.id).where(AllocationSlot.patient_id == patient_id)
    if patient.status == PatientStatus.RANDOMIZED or session.scalar(taken) is not None:
        raise RandomizationError("already_randomized", "the patient is already randomized")
    result = recheck(session, patient_id, instant)
    if result is None or patient.status != PatientStatus.SCREENING or not result.eligible:
        failed = () if result is None else result.failed_criteria
        raise RandomizationError("not_eligible", "the patient is not eligible now", failed)
    slot = _next_slot(session)
    allocation_list = session.get_one(AllocationList, slot.list_id)
    list_uid = allocation_list.list_uid
    eligibility = eligibility_sha256(session, patient_id, result, instant)
    previous = session.scalar(
        select(AllocationSlot.reveal_hash)
        .where(AllocationSlot.revealed_at.is_not(None))
        .order_by(AllocationSlot.slot_number.desc())
        .limit(1)
    )
    arm = _reveal_arm(session, actor, allocation_list, slot)
    link = reveal_hash(
        previous or GENESIS_REVEAL_HASH,
        list_uid,
        slot.slot_number,
        arm,
        patient.study_id,
        eligibility,
        instant,
    )
    slot.arm = Arm(arm)
    slot.patient_id = patient.id
    slot.revealed_at = instant
    slot.revealed_by_id = actor.user_id
    slot.reveal_hash = link
    slot.eligibility_sha256 = eligibility
    patient.status = PatientStatus.RANDOMIZED
    session.add_all(
        Visit(patient_id=patient.id, study_day=visit.day, status=VisitStatus.SCHEDULED)
        for visit in SCHEDULE
    )
    session.flush()
    record_event(
        session, "randomize", patient_id=patient.id, detail=f"slot {slot.slot_number}: {arm}"
    )
    _after_reveal(session)
    return RandomizationResult(Arm(arm), slot.slot_number, instant, link)


def _reveal_arm(
    session: Session, actor: Actor, allocation_list: AllocationList, slot: AllocationSlot
) -> str:
    try:
        private = open_randomization_key(session, actor)
        list_key = open_list_key(private, allocation_list.list_uid, allocation_list.sealed_list_key)
        return open_slot(
            list_key, allocation_list.list_uid, slot.slot_number, slot.sealed_arm, slot.commitment
        )
    except RevealKeyError as exc:
        raise RandomizationError(exc.code, exc.message) from exc
    except AllocationListError as exc:
        raise RandomizationError(exc.code, exc.message) from exc


def _next_slot(session: Session) -> AllocationSlot:
    if session.scalar(select(AllocationList.id).limit(1)) is None:
        raise RandomizationError("no_allocation_list", "no allocation list has been imported")
    slot = session.scalar(
        select(AllocationSlot)
        .where(AllocationSlot.revealed_at.is_(None), AllocationSlot.patient_id.is_(None))
        .order_by(AllocationSlot.slot_number)
        .limit(1)
    )
    if slot is None:
        raise RandomizationError("allocation_list_exhausted", "the allocation list is used up")
    return slot


def _after_reveal(session: Session) -> None:
    """A seam for tests: runs after the reveal is written, before the transaction commits."""


def verify_reveal_chain(session: Session) -> int | None:
    """The first slot number where the reveal chain breaks (a skip, a rewrite), or None if whole."""
    rows = session.execute(
        select(AllocationSlot, AllocationList.list_uid, Patient.study_id)
        .join(AllocationList, AllocationSlot.list_id == AllocationList.id)
        .outerjoin(Patient, AllocationSlot.patient_id == Patient.id)
        .order_by(AllocationSlot.slot_number)
    )
    return first_broken_reveal(
        Reveal(
            slot.slot_number,
            uid,
            slot.arm,
            study_id,
            slot.eligibility_sha256,
            slot.revealed_at,
            slot.reveal_hash,
        )
        for slot, uid, study_id in rows
    )


def _audit_refusal(
    factory: SessionFactory,
    actor: Actor,
    clock: Clock,
    action: str,
    detail: str,
    patient_id: int | None = None,
) -> None:
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, action, patient_id=patient_id, detail=detail)
