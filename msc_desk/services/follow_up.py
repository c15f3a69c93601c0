"""What the adverse-event, outcome and query services share: the patient, codes, locks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.catalogue import field as catalogue_field
from msc_desk.models import AllocationSlot, Patient
from msc_desk.security.form_locks import FormLocked, casebook_signed
from msc_desk.security.policy import InputRefused
from msc_desk.services import input_rules as rules
from msc_desk.services.account_rules import reason_text
from msc_desk.services.input_rules import InvalidField


class FollowUpError(InputRefused):
    """A follow-up entry refused as a whole.

    Attributes:
        code: "not_found" (no such patient, event or query), "not_randomized" (follow-up
            starts at randomization), "query_closed", "query_not_answered" or
            "already_complete" (an event opened by a reaction is completed only once).
    """


def randomized_patient(session: Session, patient_id: object) -> tuple[Patient, datetime]:
    """The undeleted, randomized patient and the randomization instant.

    Raises:
        FollowUpError: "not_found" or "not_randomized".
    """
    if isinstance(patient_id, bool) or not isinstance(patient_id, int):
        raise FollowUpError("not_found")
    patient = session.get(Patient, patient_id)
    if patient is None or patient.deleted_at is not None:
        raise FollowUpError("not_found")
    randomized_at = session.scalar(
        select(AllocationSlot.revealed_at).where(AllocationSlot.patient_id == patient_id)
    )
    if randomized_at is None:
        raise FollowUpError("not_randomized")
    return patient, randomized_at


def refuse_if_casebook_signed(session: Session, table: str, patient_id: int) -> None:
    """A signed casebook freezes every form of the patient until it is unlocked with a reason.

    Raises:
        FormLocked: the casebook carries a signature in force.
    """
    if casebook_signed(session.connection(), patient_id):
        raise FormLocked(table, patient_id, "the casebook is signed")


def choice(name: str, value: object, *, required: bool) -> str | None:
    """A code among the catalogue field `name`'s choices.

    Raises:
        InvalidField: "required" or "not_allowed".
    """
    if value is None or value == "":
        if required:
            raise InvalidField(name, "required")
        return None
    item = catalogue_field(name)
    if not isinstance(value, str) or item.choice(value) is None:
        raise InvalidField(name, "not_allowed")
    return value


def required_flag(name: str, value: object) -> bool:
    """Yes or no, answered.

    Raises:
        InvalidField: "required" or "not_a_flag".
    """
    answered = rules.flag(name, value)
    if answered is None:
        raise InvalidField(name, "required")
    return answered


def change_reason(reason: object) -> str:
    """The reason a saved value is changed, required.

    Raises:
        InvalidField: "reason" "required", "too_long" or "forbidden_character".
    """
    text = reason_text(reason).strip()
    if not text:
        raise InvalidField("reason", "required")
    return text


def not_before(name: str, instant: datetime | None, start: datetime) -> None:
    """An instant of follow-up cannot precede randomization.

    Raises:
        InvalidField: "before_randomization".
    """
    if instant is not None and instant < start:
        raise InvalidField(name, "before_randomization")
