"""The MSC prescription: the dosing calculator's arithmetic, its checks and the saved record."""

from __future__ import annotations

import base64
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import AllocationSlot, Arm, Infusion, Observation, Patient, Visit
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import dose
from msc_desk.security.policy import InputRefused
from msc_desk.services import input_rules as rules
from msc_desk.services.actor import Actor
from msc_desk.services.permissions import Action, authorize, is_allowed
from msc_desk.services.registry import NoSigningKey, sign_for_actor, verified_latest
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.settings import VIABILITY_RELEASE_PERCENT, site_settings
from msc_desk.timekeeping import Clock, system_clock

WEIGHT_PLAUSIBLE = (Decimal(30), Decimal(200))
WEIGHT_POSSIBLE = (Decimal(20), Decimal(350))
DOSE_RANGE = (Decimal("1.0"), Decimal("2.0"))
DEFAULT_CONTAINER_ML = Decimal(50)
WEIGHT_SOURCES = ("measured", "estimated", "chart")
PURPOSE_PREPARED = "infusion-prepared"
PURPOSE_CHECKED = "infusion-checked"
_LOT_LENGTH = rules.column_length(Infusion, "product_lot")
_REASON_LENGTH = 500


class InfusionRefused(InputRefused):
    """An infusion step refused; `field` names the value at fault when there is one.

    Codes: "not_msc_arm", "not_found", "weight_confirmation", "viability_confirmation",
    "daily_total", "dose_out_of_range", "weight_invalid", "concentration_invalid",
    "viability_invalid", "no_signing_key", "not_checked", "already_started", "same_person",
    "not_allowed", "wrong_password", "late_reason", "dose_reason", "already_checked",
    "stale_key".
    """

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code, f"{field}: {code}" if field else None)
        self.field = field


@dataclass(frozen=True)
class Prescription:
    """The dosing calculator's inputs, as typed (text or numbers)."""

    weight_kg: object
    weight_source: object
    target_dose: object
    product_lot: object
    concentration_cells_per_ml: object
    viability_percent: object
    container_volume_ml: object = DEFAULT_CONTAINER_ML
    infusion_day: object = 1
    weight_reason: str | None = None
    viability_reason: str | None = None


@dataclass(frozen=True)
class Calculation:
    """The calculator's outputs and what needs a confirmation before saving."""

    result: dose.DoseResult
    container_count: int | None
    needs_weight_reason: bool
    needs_viability_reason: bool


_DOSE_FIELDS = {
    dose.WEIGHT_INVALID: "weight_kg",
    dose.DOSE_OUT_OF_RANGE: "target_dose",
    dose.CONCENTRATION_INVALID: "concentration_cells_per_ml",
    dose.VIABILITY_INVALID: "viability_percent",
}


def calculate(prescription: Prescription, viability_threshold: Decimal) -> Calculation:
    """The outputs for the inputs as they stand; never raises (the widget shows it live)."""
    result = dose.compute_dose(
        weight_kg=_number_or_none(prescription.weight_kg),
        target_dose_million_cells_per_kg=_number_or_none(prescription.target_dose),
        product_concentration_cells_per_ml=_number_or_none(prescription.concentration_cells_per_ml),
        viability_percent=_number_or_none(prescription.viability_percent),
    )
    container = _number_or_none(prescription.container_volume_ml)
    count = None
    if result.volume_ml is not None and container is not None and container > 0:
        count = max(1, math.ceil(result.volume_ml / container))
    weight = _number_or_none(prescription.weight_kg)
    viability = _number_or_none(prescription.viability_percent)
    return Calculation(
        result,
        count,
        weight is not None
        and WEIGHT_POSSIBLE[0] <= weight <= WEIGHT_POSSIBLE[1]
        and not WEIGHT_PLAUSIBLE[0] <= weight <= WEIGHT_PLAUSIBLE[1],
        viability is not None and 0 < viability < viability_threshold,
    )


def _number_or_none(value: object) -> Decimal | None:
    try:
        parsed = rules.decimal("value", value, Decimal("-1e12"), Decimal("1e12"))
    except rules.InvalidField:
        return None
    return parsed


def msc_patient(session: Session, patient_id: int) -> Patient:
    """The patient, refused unless randomized to the MSC arm (control is never infused)."""
    patient = session.get(Patient, patient_id)
    if patient is None or patient.deleted_at is not None:
        raise InfusionRefused("not_found")
    arm = session.scalar(select(AllocationSlot.arm).where(AllocationSlot.patient_id == patient_id))
    if arm != Arm.MSC:
        raise InfusionRefused("not_msc_arm")
    return patient


def is_msc_patient(factory: SessionFactory, actor: Actor, patient_id: int) -> bool:
    """Whether the infusion screens apply: MSC arm, and the reader may see the arm."""
    if not is_allowed(actor, Action.VIEW_ALLOCATION):
        return False
    with read_session(factory) as session:
        try:
            msc_patient(session, patient_id)
        except InfusionRefused:
            return False
    return True


def _checked_prescription(
    prescription: Prescription, threshold: Decimal
) -> tuple[Calculation, dict[str, object]]:
    weight = rules.decimal("weight_kg", prescription.weight_kg, *WEIGHT_POSSIBLE)
    target = rules.decimal("target_dose", prescription.target_dose, *DOSE_RANGE)
    concentration = rules.decimal(
        "concentration_cells_per_ml",
        prescription.concentration_cells_per_ml,
        Decimal(1),
        Decimal("1e12"),
    )
    viability = rules.decimal(
        "viability_percent", prescription.viability_percent, Decimal("0.1"), Decimal(100)
    )
    container = rules.decimal(
        "container_volume_ml", prescription.container_volume_ml, Decimal(1), Decimal(1000)
    )
    day = rules.whole("infusion_day", prescription.infusion_day, 1, 7)
    source = rules.name("weight_source", prescription.weight_source, 20)
    if source not in WEIGHT_SOURCES:
        raise rules.InvalidField("weight_source", "not_allowed")
    lot = rules.name("product_lot", prescription.product_lot, _LOT_LENGTH)
    for name, value in (
        ("weight_kg", weight),
        ("target_dose", target),
        ("concentration_cells_per_ml", concentration),
        ("viability_percent", viability),
        ("container_volume_ml", container),
        ("infusion_day", day),
        ("product_lot", lot),
    ):
        if value is None:
            raise rules.InvalidField(name, "required")
    calculation = calculate(prescription, threshold)
    if not calculation.result.valid:
        code = calculation.result.errors[0]
        raise InfusionRefused(code, _DOSE_FIELDS[code])
    weight_reason = _reason("weight_reason", prescription.weight_reason)
    viability_reason = _reason("viability_reason", prescription.viability_reason)
    if calculation.needs_weight_reason and not weight_reason:
        raise InfusionRefused("weight_confirmation", "weight_reason")
    if calculation.needs_viability_reason and not viability_reason:
        raise InfusionRefused("viability_confirmation", "viability_reason")
    return calculation, {
        "weight_kg": weight,
        "weight_source": source,
        "target_dose_million_cells_per_kg": target,
        "product_lot": lot,
        "product_concentration_cells_per_ml": concentration,
        "viability_percent": viability,
        "container_volume_ml": container,
        "infusion_day": day,
        "volume_ml": calculation.result.volume_ml,
        "weight_reason": weight_reason if calculation.needs_weight_reason else None,
        "viability_reason": viability_reason if calculation.needs_viability_reason else None,
    }


def _reason(field: str, value: str | None) -> str | None:
    text = rules.free_text(field, value, _REASON_LENGTH)
    return text.strip() if text and text.strip() else None


def prescribe(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    prescription: Prescription,
    clock: Clock = system_clock,
) -> int:
    """Save a prescription (one infusion day), signed by the person who prepared it."""
    authorize(factory, actor, Action.ENTER_DATA, clock)
    threshold = site_settings(factory)[VIABILITY_RELEASE_PERCENT]
    with read_session(factory) as session:
        msc_patient(session, patient_id)
    _calculation, values = _checked_prescription(prescription, threshold)
    with unit_of_work(factory, actor, clock=clock) as session:
        msc_patient(session, patient_id)
        same_day = session.scalars(
            select(Infusion).where(
                Infusion.patient_id == patient_id,
                Infusion.infusion_day == values["infusion_day"],
                Infusion.deleted_at.is_(None),
            )
        ).all()
        target = values["target_dose_million_cells_per_kg"]
        assert isinstance(target, Decimal)
        if day_total(same_day) + target > DOSE_RANGE[1]:
            raise InfusionRefused("daily_total", "target_dose")
        infusion = Infusion(patient_id=patient_id, prescribed_at=clock(), **values)
        infusion.prepared_by_id = actor.user_id
        session.add(infusion)
        session.flush()
        entry_id, signed = sign_confirmation(session, actor, infusion, PURPOSE_PREPARED)
        infusion.prepared_key_entry_id = entry_id
        infusion.prepared_signature = base64.b64encode(signed).decode("ascii")
        return infusion.id


def day_total(infusions: Sequence[Infusion]) -> Decimal:
    """Million viable cells/kg of one infusion day: achieved once given, else prescribed."""
    total = Decimal(0)
    for infusion in infusions:
        if infusion.achieved_dose_million_cells_per_kg is not None:
            total += infusion.achieved_dose_million_cells_per_kg
        elif infusion.target_dose_million_cells_per_kg is not None:
            total += infusion.target_dose_million_cells_per_kg
    return total


def sign_confirmation(
    session: Session, actor: Actor, infusion: Infusion, purpose: str
) -> tuple[int, bytes]:
    """The actor's signature of the infusion's payload, with their current registered key.

    Raises:
        InfusionRefused: "no_signing_key" (none, or a temporary password), "stale_key" (the
            key was replaced since this session opened: a password change or reset).
    """
    try:
        entry_id, signed = sign_for_actor(actor, check_payload(infusion), purpose=purpose)
    except NoSigningKey as exc:
        raise InfusionRefused("no_signing_key") from exc
    current = verified_latest(session).get(actor.user_id) if actor.user_id else None
    if current is None or current.id != entry_id:
        raise InfusionRefused("stale_key")
    return entry_id, signed


def check_payload(infusion: Infusion) -> bytes:
    """What each of the two people signs: the patient, the lot, the dose and the volume.

    The certificate's concentration and viability are signed too: the volume follows from them.
    """
    fields = [
        infusion.id,
        infusion.patient_id,
        infusion.infusion_day,
        infusion.product_lot,
        str(infusion.target_dose_million_cells_per_kg),
        str(infusion.weight_kg),
        str(infusion.volume_ml),
        str(infusion.product_concentration_cells_per_ml),
        str(infusion.viability_percent),
    ]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def baseline_weight(factory: SessionFactory, patient_id: int) -> Decimal | None:
    """The weight recorded at the baseline visit (observation "weight"), offered as today's."""
    with read_session(factory) as session:
        return session.scalar(
            select(Observation.value)
            .join(Visit, Visit.id == Observation.visit_id)
            .where(
                Visit.patient_id == patient_id,
                Visit.study_day == 0,
                Observation.code == "weight",
                Observation.deleted_at.is_(None),
            )
            .order_by(Observation.id.desc())
            .limit(1)
        )
