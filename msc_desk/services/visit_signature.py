"""A visit form's signature state, read for the form: who signed it, when, and what locks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from msc_desk.models import Signature, User, Visit, VisitStatus
from msc_desk.models.database import SessionFactory
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session
from msc_desk.timekeeping import Clock, system_clock


@dataclass(frozen=True)
class VisitSignature:
    """The visit record behind a form and its signature, if any.

    Attributes:
        visit_id: None while the visit has no record yet (nothing saved).
        locked: the form is read-only (its own signature, or the casebook's).
        by_casebook: the lock comes from the casebook signature alone.
    """

    visit_id: int | None
    status: VisitStatus | None
    locked: bool
    signed_by: str | None
    signed_at: datetime | None
    meaning: str | None
    by_casebook: bool

    @property
    def signable(self) -> bool:
        """A form is signed once it is recorded as done, missed or not applicable."""
        return (
            self.visit_id is not None
            and not self.locked
            and self.status is not None
            and self.status != VisitStatus.SCHEDULED
        )


def visit_signature(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    study_day: int,
    clock: Clock = system_clock,
) -> VisitSignature:
    """The signature state of one visit form (the newest signature in force wins).

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        visit = session.execute(
            select(Visit.id, Visit.status, Visit.locked).where(
                Visit.patient_id == patient_id, Visit.study_day == study_day
            )
        ).one_or_none()
        if visit is None:
            return VisitSignature(None, None, False, None, None, None, False)
        own = _newest(session, patient_id, visit.id)
        casebook = None if own is not None else _newest(session, patient_id, None)
    shown = own or casebook
    return VisitSignature(
        visit_id=visit.id,
        status=visit.status,
        locked=bool(visit.locked),
        signed_by=None if shown is None else shown.full_name,
        signed_at=None if shown is None else shown.signed_at,
        meaning=None if shown is None else shown.meaning,
        by_casebook=own is None and casebook is not None,
    )


_Signed = Row[datetime, str, str]  # signed_at, meaning, the signer's name


def _newest(session: Session, patient_id: int, visit_id: int | None) -> _Signed | None:
    where = Signature.visit_id.is_(None) if visit_id is None else Signature.visit_id == visit_id
    return session.execute(
        select(Signature.signed_at, Signature.meaning, User.full_name)
        .join(User, User.id == Signature.signed_by_id)
        .where(Signature.patient_id == patient_id, where, Signature.voided_at.is_(None))
        .order_by(Signature.signed_at.desc(), Signature.id.desc())
        .limit(1)
    ).one_or_none()
