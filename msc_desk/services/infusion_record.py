"""The MSC administration record: times, volume, vitals, reactions, and the protocol deviations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import AdverseEvent, Infusion, Screening
from msc_desk.models.database import SessionFactory
from msc_desk.services import input_rules as rules
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_event_reactions import open_reaction_event
from msc_desk.services.infusion import DOSE_RANGE, InfusionRefused, day_total, msc_patient
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.protocol_deadline import LIMIT
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import Clock, system_clock

REACTIONS = ("none", "fever", "chills", "hypotension", "allergic", "other")
# The adverse-event term of each reaction, in the wording of MedDRA's preferred terms. It
# never names the cells: a blinded reader sees the term, and only the MSC arm is infused.
REACTION_TERMS = {
    "fever": "Лихорадка",
    "chills": "Озноб",
    "hypotension": "Артериальная гипотензия",
    "allergic": "Аллергическая реакция",
}
_TEXT = 500
_TERM_LENGTH = rules.column_length(AdverseEvent, "term") or 200


@dataclass(frozen=True)
class Vitals:
    temperature: object = None
    heart_rate: object = None
    map: object = None
    spo2: object = None


@dataclass(frozen=True)
class Administration:
    """What the bedside record holds, as typed; instants carry their UTC offset."""

    started_at: datetime
    ended_at: datetime | None
    volume_infused_ml: object
    rate_ml_per_hour: object
    premedication: str | None = None
    before: Vitals = field(default_factory=Vitals)
    after: Vitals = field(default_factory=Vitals)
    reactions: Sequence[str] = ("none",)
    reaction_other: str | None = None
    late_reason: str | None = None
    dose_reason: str | None = None


@dataclass(frozen=True)
class RecordResult:
    late: bool
    achieved_dose: Decimal
    dose_deviation: bool
    adverse_event_ids: tuple[int, ...]


def achieved_dose(infusion: Infusion, volume_ml: Decimal) -> Decimal:
    """Million viable cells per kg from the volume actually infused (to 0.01)."""
    assert infusion.product_concentration_cells_per_ml is not None
    assert infusion.viability_percent is not None and infusion.weight_kg is not None
    viable = volume_ml * infusion.product_concentration_cells_per_ml * infusion.viability_percent
    value = viable / Decimal(100) / infusion.weight_kg / Decimal(10**6)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def is_late(session: Session, infusion: Infusion, started_at: datetime) -> bool:
    """The first infusion starting more than 10 h after shock onset: a deviation.

    The first is the first of day 1 to start; a later record of day 1 is not the first.
    """
    if infusion.infusion_day != 1:
        return False
    earlier = session.scalar(
        select(Infusion.id)
        .where(
            Infusion.patient_id == infusion.patient_id,
            Infusion.id != infusion.id,
            Infusion.infusion_day == 1,
            Infusion.deleted_at.is_(None),
            Infusion.started_at.is_not(None),
            Infusion.started_at <= started_at,
        )
        .limit(1)
    )
    if earlier is not None:
        return False
    onset = session.scalar(
        select(Screening.shock_onset_at).where(Screening.patient_id == infusion.patient_id)
    )
    return onset is not None and started_at - onset > LIMIT


def off_dose(session: Session, infusion: Infusion, achieved: Decimal) -> bool:
    """Achieved outside 1–2 million/kg, or the day's total (with this one) over 2.0."""
    if not DOSE_RANGE[0] <= achieved <= DOSE_RANGE[1]:
        return True
    others = session.scalars(
        select(Infusion).where(
            Infusion.patient_id == infusion.patient_id,
            Infusion.id != infusion.id,
            Infusion.infusion_day == infusion.infusion_day,
            Infusion.deleted_at.is_(None),
        )
    ).all()
    return day_total(others) + achieved > DOSE_RANGE[1]


def _vitals(prefix: str, vitals: Vitals) -> dict[str, object]:
    return {
        f"temperature_{prefix}": rules.decimal(
            f"temperature_{prefix}", vitals.temperature, Decimal(25), Decimal(45)
        ),
        f"heart_rate_{prefix}": rules.whole(f"heart_rate_{prefix}", vitals.heart_rate, 0, 300),
        f"map_{prefix}": rules.whole(f"map_{prefix}", vitals.map, 10, 250),
        f"spo2_{prefix}": rules.decimal(f"spo2_{prefix}", vitals.spo2, Decimal(0), Decimal(100)),
    }


def _offset(value: datetime) -> int:
    delta = value.utcoffset() or timedelta(0)
    return int(delta.total_seconds() // 60)


def record_administration(
    factory: SessionFactory,
    actor: Actor,
    infusion_id: int,
    record: Administration,
    clock: Clock = system_clock,
) -> RecordResult:
    """Mark the infusion started and record it; a reaction opens a filled-in adverse event.

    Raises:
        InfusionRefused: "not_checked" (no second-person check yet), "late_reason" (started
            after 10 h without a reason), "dose_reason" (achieved dose outside 1–2 million/kg
            without a reason), "not_msc_arm", "not_found", "already_started".
        InvalidField: a value outside its range, naming it.
    """
    authorize(factory, actor, Action.ENTER_DATA, clock)
    now = clock()
    started = rules.instant("started_at", record.started_at, now, required=True)
    ended = rules.instant("ended_at", record.ended_at, now)
    assert started is not None
    if ended is not None and ended < started:
        raise rules.InvalidField("ended_at", "out_of_range")
    volume = rules.decimal("volume_infused_ml", record.volume_infused_ml, Decimal(0), Decimal(1000))
    if volume is None:
        raise rules.InvalidField("volume_infused_ml", "required")
    rate = rules.decimal("rate_ml_per_hour", record.rate_ml_per_hour, Decimal(1), Decimal(1000))
    values = _vitals("before", record.before) | _vitals("after", record.after)
    reactions = [rules.name("reactions", code, 20) for code in record.reactions]
    if not reactions or any(code not in REACTIONS for code in reactions):
        raise rules.InvalidField("reactions", "not_allowed")
    if "none" in reactions and len(reactions) > 1:
        raise rules.InvalidField("reactions", "not_allowed")
    other = rules.free_text("reaction_other", record.reaction_other, _TEXT)
    if "other" in reactions and not (other or "").strip():
        raise rules.InvalidField("reaction_other", "required")
    premedication = rules.free_text("premedication", record.premedication, _TEXT)
    late_reason = rules.free_text("late_deviation_reason", record.late_reason, _TEXT)
    dose_reason = rules.free_text("dose_deviation_reason", record.dose_reason, _TEXT)
    with unit_of_work(factory, actor, clock=clock) as session:
        infusion = session.get(Infusion, infusion_id)
        if infusion is None or infusion.deleted_at is not None:
            raise InfusionRefused("not_found")
        msc_patient(session, infusion.patient_id)
        if infusion.checked_by_id is None:
            raise InfusionRefused("not_checked")
        if infusion.started_at is not None:
            raise InfusionRefused("already_started")
        late = is_late(session, infusion, started)
        if late and not (late_reason or "").strip():
            raise InfusionRefused("late_reason", "late_deviation_reason")
        achieved = achieved_dose(infusion, volume)
        deviation = off_dose(session, infusion, achieved)
        if deviation and not (dose_reason or "").strip():
            raise InfusionRefused("dose_reason", "dose_deviation_reason")
        infusion.started_at = started
        infusion.started_at_offset_min = _offset(record.started_at)
        infusion.ended_at = ended
        infusion.ended_at_offset_min = None if record.ended_at is None else _offset(record.ended_at)
        infusion.volume_infused_ml = volume
        infusion.rate_ml_per_hour = rate
        infusion.premedication = (premedication or "").strip() or None
        for name, value in values.items():
            setattr(infusion, name, value)
        infusion.administered_by_id = actor.user_id
        infusion.reactions = ",".join(code for code in reactions if code)
        infusion.reaction_other = (other or "").strip() or None
        infusion.achieved_dose_million_cells_per_kg = achieved
        infusion.late_deviation_reason = (late_reason or "").strip() if late else None
        infusion.dose_deviation_reason = (dose_reason or "").strip() if deviation else None
        events = [
            reaction_adverse_event(session, infusion, code, started, other, now)
            for code in reactions
            if code and code != "none"
        ]
        session.flush()
        return RecordResult(late, achieved, deviation, tuple(event.id for event in events))


def reaction_adverse_event(
    session: Session,
    infusion: Infusion,
    reaction: str,
    onset: datetime,
    other: str | None,
    now: datetime,
) -> AdverseEvent:
    """The adverse event a reaction opens, through the adverse-event service's checks.

    Term, onset (the infusion start) and relation ("possible") are filled in and the event
    points to the infusion; grade, seriousness, action and outcome are for the clinician
    to complete (`adverse_events.complete_adverse_event`).
    """
    # "Other" is named in the clinician's words (a verbatim term), trimmed to the column.
    verbatim = " ".join((other or "").split())
    term = REACTION_TERMS.get(reaction) or verbatim[:_TERM_LENGTH]
    values: dict[str, object] = {
        "ae_term": term,
        "ae_onset_at": onset,
        "ae_relation_to_msc": "possible",
    }
    if reaction == "other" and other and verbatim != other.strip():
        values["ae_description"] = other.strip()
    return open_reaction_event(session, infusion.patient_id, infusion.id, values, now)
