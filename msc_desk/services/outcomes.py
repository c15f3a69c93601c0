"""The outcome form: death, discharge, day-28 vital status (from scoring.outcomes), withdrawal."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from msc_desk.models import (
    AdverseEvent,
    Outcome,
    PatientStatus,
    Screening,
    Sex,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import visits as schedule
from msc_desk.scoring.outcomes import Outcome28, VitalStatus, outcome_28d
from msc_desk.services import input_rules as rules
from msc_desk.services.actor import Actor
from msc_desk.services.follow_up import (
    change_reason,
    choice,
    not_before,
    randomized_patient,
    refuse_if_casebook_signed,
    required_flag,
)
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, entered_offset, system_clock, to_moscow

_CAUSE_LENGTH = 500
_DAY28 = schedule.visit_on_day(28)
_CONTACT_SOURCES = frozenset({"phone", "in_person"})
FIELDS = (
    "died",
    "died_at",
    "cause_of_death",
    "icu_discharged_at",
    "hospital_discharged_at",
    "last_known_alive_at",
    "vital_status_source",
    "withdrawn",
    "withdrawal_reason",
    "withdrawn_at",
)
"""The outcome form's fields (catalogue names); vital_status_day28 is computed, never typed."""

FLAGS = (
    "death_before_randomization",
    "discharge_before_randomization",
    "day28_not_established",
    "visit_after_death",
    "fatal_event_without_death",
)
"""Cross-checks shown on the outcome tab (refused on entry where they can be)."""


@dataclass(frozen=True)
class OutcomeRecord:
    """The patient's outcome with its day-28 status from `scoring.outcomes` and its flags.

    Attributes:
        day28: the 28-day outcome (died / alive / censored, and the time in days).
        flags: codes among `FLAGS` that hold now.
        status: the patient's status, which follows the outcome.
        sex: as the screening recorded it (the status is worded to agree), if known.
        values: the stored outcome as form values (catalogue names), empty when none.
        offsets: UTC offsets the instants were typed with, by field.
    """

    patient_id: int
    randomized_at: datetime
    day28: Outcome28
    flags: tuple[str, ...]
    status: PatientStatus
    values: Mapping[str, object]
    offsets: Mapping[str, int | None]
    recorded: bool
    sex: Sex | None = None


def stored_values(outcome: Outcome | None) -> dict[str, object]:
    if outcome is None:
        return {}
    return {
        "died": outcome.died_at is not None,
        "died_at": outcome.died_at,
        "cause_of_death": outcome.cause_of_death,
        "icu_discharged_at": outcome.icu_discharged_at,
        "hospital_discharged_at": outcome.discharged_at,
        "last_known_alive_at": outcome.last_known_alive_at,
        "vital_status_source": outcome.vital_status_source,
        "withdrawn": outcome.withdrawal_reason is not None,
        "withdrawal_reason": outcome.withdrawal_reason,
        "withdrawn_at": outcome.withdrawn_at,
    }


def _offsets(outcome: Outcome | None) -> dict[str, int | None]:
    if outcome is None:
        return {}
    return {
        "died_at": outcome.died_offset_min,
        "icu_discharged_at": outcome.icu_discharged_offset_min,
        "hospital_discharged_at": outcome.discharged_offset_min,
        "last_known_alive_at": outcome.last_known_alive_offset_min,
        "withdrawn_at": outcome.withdrawn_offset_min,
    }


def last_known_alive(seen: datetime | None, *discharges: datetime | None) -> datetime | None:
    """The latest instant the patient is known alive: a contact or a discharge alive.

    A discharge is not survival to day 28 (scoring.outcomes): it counts as the last instant
    known alive unless a later contact confirms more.
    """
    known = [instant for instant in (seen, *discharges) if instant is not None]
    return max(known, default=None)


def day28_outcome(randomized_at: datetime, values: Mapping[str, object]) -> Outcome28:
    """The 28-day outcome from the stored (or checked) form values, by scoring.outcomes."""
    died_at = values.get("died_at")
    alive = last_known_alive(
        _instant(values.get("last_known_alive_at")),
        _instant(values.get("icu_discharged_at")),
        _instant(values.get("hospital_discharged_at")),
    )
    death = _instant(died_at)
    if death is not None and alive is not None and alive > death:
        alive = None  # contradictory stored data: the flags say so, the death stands
    if death is not None and death < randomized_at:
        death = None
    if alive is not None and alive < randomized_at:
        alive = None
    return outcome_28d(randomization=randomized_at, death=death, last_known_alive=alive)


def _instant(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None


def status_after(
    current: PatientStatus, values: Mapping[str, object], day28: Outcome28
) -> PatientStatus:
    """Died, withdrawn, completed (alive at day 28) or still randomized."""
    current = PatientStatus(current)
    if current not in (
        PatientStatus.RANDOMIZED,
        PatientStatus.COMPLETED,
        PatientStatus.DIED,
        PatientStatus.WITHDRAWN,
    ):
        return current
    if values.get("died_at") is not None:
        return PatientStatus.DIED
    if values.get("withdrawal_reason") is not None:
        return PatientStatus.WITHDRAWN
    if day28.status is VitalStatus.ALIVE:
        return PatientStatus.COMPLETED
    return PatientStatus.RANDOMIZED


def check_values(
    values: Mapping[str, object], randomized_at: datetime, now: datetime
) -> dict[str, object]:
    """The outcome form's values checked one by one and together; the stored values.

    Raises:
        InvalidField: naming the field: "required", "not_allowed", "not_a_flag",
            "too_long", "forbidden_character", "implausible_time", "no_time_zone",
            "before_randomization" (death, a discharge, last contact, withdrawal),
            "after_death" (a discharge or a contact after death), "after_hospital_discharge"
            (ICU discharge), "not_died" / "not_withdrawn" (a detail without the answer).
    """
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise InvalidField(unknown[0], "not_allowed")
    died = required_flag("died", values.get("died"))
    withdrawn = required_flag("withdrawn", values.get("withdrawn"))
    stored: dict[str, object] = {}
    for name in ("died_at", "icu_discharged_at", "hospital_discharged_at",
                 "last_known_alive_at", "withdrawn_at"):  # fmt: skip
        instant = rules.instant(name, values.get(name), now)
        not_before(name, instant, randomized_at)
        stored[name] = instant
    cause = rules.free_text("cause_of_death", values.get("cause_of_death"), _CAUSE_LENGTH)
    if died:
        for name, given in (("died_at", stored["died_at"]), ("cause_of_death", cause)):
            if given is None:
                raise InvalidField(name, "required")
    else:
        for name, given in (("died_at", stored["died_at"]), ("cause_of_death", cause)):
            if given is not None:
                raise InvalidField(name, "not_died")
    stored["cause_of_death"] = cause
    _order(stored)
    source = choice("vital_status_source", values.get("vital_status_source"), required=False)
    if stored["last_known_alive_at"] is not None and source is None:
        raise InvalidField("vital_status_source", "required")
    if source is not None and stored["last_known_alive_at"] is None:
        raise InvalidField("last_known_alive_at", "required")
    stored["vital_status_source"] = source
    reason = choice("withdrawal_reason", values.get("withdrawal_reason"), required=withdrawn)
    if withdrawn and stored["withdrawn_at"] is None:
        raise InvalidField("withdrawn_at", "required")
    if not withdrawn:
        for name, given in (
            ("withdrawal_reason", reason),
            ("withdrawn_at", stored["withdrawn_at"]),
        ):
            if given is not None:
                raise InvalidField(name, "not_withdrawn")
    stored["withdrawal_reason"] = reason
    return stored


def _order(stored: Mapping[str, object]) -> None:
    died = _instant(stored["died_at"])
    icu = _instant(stored["icu_discharged_at"])
    hospital = _instant(stored["hospital_discharged_at"])
    if icu is not None and hospital is not None and icu > hospital:
        raise InvalidField("icu_discharged_at", "after_hospital_discharge")
    if died is None:
        return
    for name in ("icu_discharged_at", "hospital_discharged_at", "last_known_alive_at"):
        instant = _instant(stored[name])
        if instant is not None and instant > died:
            raise InvalidField(name, "after_death")


def save_outcome(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    values: Mapping[str, object],
    reason: str | None = None,
    clock: Clock = system_clock,
) -> OutcomeRecord:
    """Record or correct the patient's outcome; the patient's status follows it.

    `values` are keyed by `FIELDS`. A first entry needs no reason; a correction does.

    Raises:
        PermissionDenied: the role may not enter data (the denial is audited).
        FollowUpError: "not_found" or "not_randomized".
        FormLocked: the casebook is signed; unlock it with a reason first.
        InvalidField: see `check_values`; "reason" "required" for a correction.
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    with unit_of_work(factory, actor, clock=clock) as session:
        patient, randomized_at = randomized_patient(session, patient_id)
        refuse_if_casebook_signed(session, Outcome.__tablename__, patient_id)
        stored = check_values(values, randomized_at, clock())
        outcome = session.scalar(select(Outcome).where(Outcome.patient_id == patient_id))
        if outcome is None:
            outcome = Outcome(patient_id=patient_id)
            session.add(outcome)
            session.info["reason"] = "outcome recorded: the patient's status follows it"
        else:
            session.info["reason"] = change_reason(reason)
        store(outcome, stored)
        day28 = day28_outcome(randomized_at, stored)
        patient.status = status_after(patient.status, stored, day28)
    return outcome_record(factory, actor, patient_id, clock)


def store(outcome: Outcome, stored: Mapping[str, object]) -> None:
    died_at = _instant(stored["died_at"])
    icu = _instant(stored["icu_discharged_at"])
    hospital = _instant(stored["hospital_discharged_at"])
    seen = _instant(stored["last_known_alive_at"])
    withdrawn_at = _instant(stored["withdrawn_at"])
    source = stored["vital_status_source"]
    outcome.died_at, outcome.died_offset_min = died_at, entered_offset(died_at)
    cause = stored["cause_of_death"]
    outcome.cause_of_death = cause if isinstance(cause, str) else None
    outcome.icu_discharged_at, outcome.icu_discharged_offset_min = icu, entered_offset(icu)
    outcome.discharged_at, outcome.discharged_offset_min = hospital, entered_offset(hospital)
    outcome.last_known_alive_at = seen
    outcome.last_known_alive_offset_min = entered_offset(seen)
    outcome.vital_status_source = source if isinstance(source, str) else None
    outcome.alive_confirmed_by_contact = None if source is None else source in _CONTACT_SOURCES
    reason = stored["withdrawal_reason"]
    outcome.withdrawal_reason = reason if isinstance(reason, str) else None
    outcome.withdrawn_at, outcome.withdrawn_offset_min = withdrawn_at, entered_offset(withdrawn_at)


def outcome_record(
    factory: SessionFactory, actor: Actor, patient_id: int, clock: Clock = system_clock
) -> OutcomeRecord:
    """The outcome tab's content now: the form values, day-28 status and cross-check flags.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
        FollowUpError: "not_found" or "not_randomized".
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    now = clock()
    with read_session(factory) as session:
        patient, randomized_at = randomized_patient(session, patient_id)
        outcome = session.scalar(select(Outcome).where(Outcome.patient_id == patient_id))
        values = stored_values(outcome)
        offsets = _offsets(outcome)
        visits = (
            session.execute(
                select(Visit.performed_at).where(
                    Visit.patient_id == patient_id,
                    Visit.status == VisitStatus.DONE,
                    Visit.performed_at.is_not(None),
                )
            )
            .scalars()
            .all()
        )
        fatal = session.scalar(
            select(AdverseEvent.id)
            .where(
                AdverseEvent.patient_id == patient_id,
                AdverseEvent.deleted_at.is_(None),
                AdverseEvent.outcome == "fatal",
            )
            .limit(1)
        )
        status = PatientStatus(patient.status)
        sex = session.scalar(select(Screening.sex).where(Screening.patient_id == patient_id))
    day28 = day28_outcome(randomized_at, values)
    performed = [at for at in visits if at is not None]
    flags = outcome_flags(randomized_at, values, day28, performed, fatal is not None, now)
    return OutcomeRecord(
        patient_id=patient_id,
        randomized_at=randomized_at,
        day28=day28,
        flags=flags,
        status=status,
        values=values,
        offsets=offsets,
        recorded=outcome is not None,
        sex=None if sex is None else Sex(sex),
    )


def outcome_flags(
    randomized_at: datetime,
    values: Mapping[str, object],
    day28: Outcome28,
    visits_performed: list[datetime],
    fatal_event: bool,
    now: datetime,
) -> tuple[str, ...]:
    """The cross-checks that hold (codes of `FLAGS`), in that order."""
    died_at = _instant(values.get("died_at"))
    flags = []
    if died_at is not None and died_at < randomized_at:
        flags.append("death_before_randomization")
    discharges = [
        _instant(values.get(name)) for name in ("icu_discharged_at", "hospital_discharged_at")
    ]
    if any(at is not None and at < randomized_at for at in discharges):
        flags.append("discharge_before_randomization")
    window_last = schedule.window(_DAY28, randomization=randomized_at).last
    if day28.status is VitalStatus.CENSORED and to_moscow(now).date() > window_last:
        flags.append("day28_not_established")
    if died_at is not None and any(at > died_at for at in visits_performed):
        flags.append("visit_after_death")
    if fatal_event and died_at is None:
        flags.append("fatal_event_without_death")
    return tuple(flags)
