"""Electronic signatures: an investigator re-enters the password to sign a form or a casebook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import Patient, PatientStatus, Signature, User, Visit, VisitStatus
from msc_desk.models.database import SessionFactory
from msc_desk.security.credentials import SignInError
from msc_desk.security.form_locks import FormLocked, ensure_editable
from msc_desk.security.policy import InputRefused
from msc_desk.services import input_rules as rules
from msc_desk.services.account_rules import reason_text
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.workspace import verify_password
from msc_desk.timekeeping import Clock, system_clock

_MEANING_LENGTH = rules.column_length(Signature, "meaning")

__all__ = [
    "CasebookSignature",
    "FormLocked",
    "SignatureError",
    "casebook_signature",
    "ensure_editable",
    "sign_casebook",
    "sign_visit",
    "unlock_casebook",
    "unlock_visit",
]


class SignatureError(InputRefused):
    """A signature or unlock refused.

    Attributes:
        code: "wrong_password", "locked_out", "meaning_required", "reason_required",
            "not_found", "not_complete", "already_signed", "not_signed" or "not_a_person".
        retry_after_seconds: for "locked_out", the wait before the next password attempt.
    """

    def __init__(self, code: str, retry_after_seconds: int | None = None) -> None:
        super().__init__(code)
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class CasebookSignature:
    """Whether a casebook is signed, by whom and when, and what stops signing it now.

    Attributes:
        blocker: why it cannot be signed yet: "not_randomized" (no visits are scheduled before
            randomization), "not_complete" (visits still scheduled), or None when it can be.
        pending_visits: how many visits are still scheduled.
    """

    signed_by: str | None
    signed_at: datetime | None
    meaning: str | None
    blocker: str | None
    pending_visits: int

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


def casebook_signature(
    factory: SessionFactory, actor: Actor, patient_id: int, clock: Clock = system_clock
) -> CasebookSignature:
    """The casebook's signature state, read for the patient view and the signature dialog.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
        SignatureError: "not_found" for an unknown or deleted patient.
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        patient = session.get(Patient, patient_id)
        if patient is None or patient.deleted_at is not None:
            raise SignatureError("not_found")
        signed = session.execute(
            select(Signature.signed_at, Signature.meaning, User.full_name)
            .join(User, User.id == Signature.signed_by_id)
            .where(
                Signature.patient_id == patient_id,
                Signature.visit_id.is_(None),
                Signature.voided_at.is_(None),
            )
            .order_by(Signature.signed_at.desc())
            .limit(1)
        ).one_or_none()
        statuses = list(session.scalars(select(Visit.status).where(Visit.patient_id == patient_id)))
        randomized = patient.status != PatientStatus.SCREENING and bool(statuses)
    pending = sum(1 for status in statuses if status == VisitStatus.SCHEDULED)
    blocker = None
    if not randomized or not statuses:
        blocker = "not_randomized"
    elif pending:
        blocker = "not_complete"
    return CasebookSignature(
        signed_by=None if signed is None else signed.full_name,
        signed_at=None if signed is None else signed.signed_at,
        meaning=None if signed is None else signed.meaning,
        blocker=blocker,
        pending_visits=pending,
    )


def sign_visit(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    visit_id: int,
    password: str,
    meaning: str,
    clock: Clock = system_clock,
) -> int:
    """Sign a completed visit form, which locks it; returns the signature's id.

    Raises:
        PermissionDenied: only investigators sign (the denial is audited).
        SignatureError: see its codes; a wrong password is audited and counts to the lockout.
    """
    meaning = _checked(factory, actor, data_dir, password, meaning, clock)
    with unit_of_work(factory, actor, reason=f"e-signature: {meaning}", clock=clock) as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise SignatureError("not_found")
        if visit.locked:
            raise SignatureError("already_signed")
        if visit.status == VisitStatus.SCHEDULED:
            raise SignatureError("not_complete")
        signature = _signature(session, actor, visit.patient_id, visit.id, meaning, clock)
        visit.locked = True
        record_event(
            session,
            "sign",
            patient_id=visit.patient_id,
            table_name="visit",
            record_id=str(visit.id),
            detail=meaning,
        )
        return signature.id


def sign_casebook(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    patient_id: int,
    password: str,
    meaning: str,
    clock: Clock = system_clock,
) -> int:
    """Sign a patient's whole casebook: every visit is locked, and so are the patient-level forms.

    Raises:
        PermissionDenied: only investigators sign.
        SignatureError: "not_complete" while a visit is still scheduled; see its other codes.
    """
    meaning = _checked(factory, actor, data_dir, password, meaning, clock)
    with unit_of_work(factory, actor, reason=f"e-signature: {meaning}", clock=clock) as session:
        patient = session.get(Patient, patient_id)
        if patient is None or patient.deleted_at is not None:
            raise SignatureError("not_found")
        if _active(session, patient_id, casebook=True):
            raise SignatureError("already_signed")
        visits = list(session.scalars(select(Visit).where(Visit.patient_id == patient_id)))
        if not visits or any(visit.status == VisitStatus.SCHEDULED for visit in visits):
            raise SignatureError("not_complete")
        signature = _signature(session, actor, patient_id, None, meaning, clock)
        for visit in visits:
            visit.locked = True
        record_event(
            session,
            "sign",
            patient_id=patient_id,
            table_name="patient",
            record_id=str(patient_id),
            detail=f"casebook: {meaning}",
        )
        return signature.id


def unlock_visit(
    factory: SessionFactory, actor: Actor, visit_id: int, reason: str, clock: Clock = system_clock
) -> None:
    """Unlock a signed visit: its signature, and the casebook's, are voided with the reason.

    Raises:
        PermissionDenied: only investigators unlock.
        SignatureError: "reason_required", "not_found" or "not_signed".
    """
    reason = _unlock_checked(factory, actor, reason, clock)
    with unit_of_work(factory, actor, reason=reason, clock=clock) as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise SignatureError("not_found")
        if not visit.locked:
            raise SignatureError("not_signed")
        voided = _void(
            session, _active(session, visit.patient_id, visit_id=visit.id), reason, clock
        )
        casebook = _active(session, visit.patient_id, casebook=True)
        voided += _void(session, casebook, reason, clock)
        visit.locked = False
        if casebook:
            _release_casebook_locks(session, visit.patient_id)
        record_event(
            session,
            "unlock",
            patient_id=visit.patient_id,
            table_name="visit",
            record_id=str(visit.id),
            reason=reason,
            detail=f"{voided} signature(s) voided",
        )


def unlock_casebook(
    factory: SessionFactory, actor: Actor, patient_id: int, reason: str, clock: Clock = system_clock
) -> None:
    """Void a casebook signature; visits stay locked only where their own signature stands.

    Raises:
        PermissionDenied: only investigators unlock.
        SignatureError: "reason_required" or "not_signed".
    """
    reason = _unlock_checked(factory, actor, reason, clock)
    with unit_of_work(factory, actor, reason=reason, clock=clock) as session:
        casebook = _active(session, patient_id, casebook=True)
        if not casebook:
            raise SignatureError("not_signed")
        voided = _void(session, casebook, reason, clock)
        _release_casebook_locks(session, patient_id)
        record_event(
            session,
            "unlock",
            patient_id=patient_id,
            table_name="patient",
            record_id=str(patient_id),
            reason=reason,
            detail=f"casebook: {voided} voided",
        )


def _checked(
    factory: SessionFactory,
    actor: Actor,
    data_dir: Path,
    password: str,
    meaning: str,
    clock: Clock,
) -> str:
    """Authorize, then re-authenticate the signer; return the stated meaning."""
    authorize(factory, actor, Action.SIGN, clock)
    if actor.user_id is None:
        raise SignatureError("not_a_person")
    meaning = rules.name("meaning", meaning, _MEANING_LENGTH, required=False) or ""
    if not meaning.strip():
        raise SignatureError("meaning_required")
    try:
        ok = verify_password(data_dir, actor.username, password, clock)
    except SignInError as exc:
        raise SignatureError("locked_out", exc.retry_after_seconds) from exc
    if not ok:
        with unit_of_work(factory, actor, clock=clock) as session:
            record_event(session, "sign_failed", detail="wrong password")
        raise SignatureError("wrong_password")
    return meaning.strip()


def _unlock_checked(factory: SessionFactory, actor: Actor, reason: str, clock: Clock) -> str:
    authorize(factory, actor, Action.UNLOCK_SIGNED, clock)
    reason = reason_text(reason)
    if not reason.strip():
        raise SignatureError("reason_required")
    return reason.strip()


def _signature(
    session: Session,
    actor: Actor,
    patient_id: int,
    visit_id: int | None,
    meaning: str,
    clock: Clock,
) -> Signature:
    assert actor.user_id is not None
    signature = Signature(
        patient_id=patient_id,
        visit_id=visit_id,
        signed_by_id=actor.user_id,
        signed_at=clock(),
        meaning=meaning,
    )
    session.add(signature)
    session.flush()
    return signature


def _active(
    session: Session, patient_id: int, *, visit_id: int | None = None, casebook: bool = False
) -> list[Signature]:
    query = select(Signature).where(
        Signature.patient_id == patient_id, Signature.voided_at.is_(None)
    )
    if casebook:
        query = query.where(Signature.visit_id.is_(None))
    else:
        query = query.where(Signature.visit_id == visit_id)
    return list(session.scalars(query))


def _void(session: Session, signatures: list[Signature], reason: str, clock: Clock) -> int:
    for signature in signatures:
        signature.voided_at = clock()
        signature.void_reason = reason
    session.flush()
    return len(signatures)


def _release_casebook_locks(session: Session, patient_id: int) -> None:
    """After a casebook signature is voided, unlock visits that no signature of their own locks."""
    visits = session.scalars(select(Visit).where(Visit.patient_id == patient_id, Visit.locked))
    for visit in visits:
        if not _active(session, patient_id, visit_id=visit.id):
            visit.locked = False
