"""Clinical follow-up: infusion, visits with their observations, adverse events, outcome."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from msc_desk.models.audit import REVEALS_ARM
from msc_desk.models.base import Base
from msc_desk.models.enums import MissingReason, VisitDeviation, VisitStatus


class Infusion(Base):
    """The MSC administration record (MSC arm), with the product and the two-person check."""

    __tablename__ = "infusion"
    __table_args__ = {"info": REVEALS_ARM}  # only the MSC arm is infused: every row shows it

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    weight_kg: Mapped[Decimal | None]
    target_dose_million_cells_per_kg: Mapped[Decimal | None]
    product_lot: Mapped[str | None] = mapped_column(String(50))
    product_concentration_cells_per_ml: Mapped[Decimal | None]
    viability_percent: Mapped[Decimal | None]
    volume_ml: Mapped[Decimal | None]
    started_at: Mapped[datetime | None]
    started_at_offset_min: Mapped[int | None]
    ended_at: Mapped[datetime | None]
    prepared_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    administered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reactions: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[datetime | None]
    # The prescription (dosing calculator); one record per infusion day.
    infusion_day: Mapped[int] = mapped_column(default=1)
    weight_source: Mapped[str | None] = mapped_column(String(20))
    weight_reason: Mapped[str | None] = mapped_column(Text)
    viability_reason: Mapped[str | None] = mapped_column(Text)
    container_volume_ml: Mapped[Decimal | None]
    prescribed_at: Mapped[datetime | None]
    prepared_key_entry_id: Mapped[int | None]
    prepared_signature: Mapped[str | None] = mapped_column(Text)
    # The second person's check, signed with their own key.
    checked_at: Mapped[datetime | None]
    checked_key_entry_id: Mapped[int | None]
    checked_signature: Mapped[str | None] = mapped_column(Text)
    # The administration record.
    ended_at_offset_min: Mapped[int | None]
    volume_infused_ml: Mapped[Decimal | None]
    rate_ml_per_hour: Mapped[Decimal | None]
    premedication: Mapped[str | None] = mapped_column(Text)
    temperature_before: Mapped[Decimal | None]
    heart_rate_before: Mapped[int | None]
    map_before: Mapped[int | None]
    spo2_before: Mapped[Decimal | None]
    temperature_after: Mapped[Decimal | None]
    heart_rate_after: Mapped[int | None]
    map_after: Mapped[int | None]
    spo2_after: Mapped[Decimal | None]
    reaction_other: Mapped[str | None] = mapped_column(Text)
    achieved_dose_million_cells_per_kg: Mapped[Decimal | None]
    late_deviation_reason: Mapped[str | None] = mapped_column(Text)
    dose_deviation_reason: Mapped[str | None] = mapped_column(Text)


class Visit(Base):
    """A protocol visit (study day 0, 2, 3, 7, 14, 21, 28) and its completion state."""

    __tablename__ = "visit"
    __table_args__ = (UniqueConstraint("patient_id", "study_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    study_day: Mapped[int]
    status: Mapped[VisitStatus] = mapped_column(String(20))
    performed_at: Mapped[datetime | None]
    performed_at_offset_min: Mapped[int | None]  # the UTC offset the time was entered with
    missing_reason: Mapped[MissingReason | None] = mapped_column(String(20))
    locked: Mapped[bool] = mapped_column(default=False)
    # Set with performed_at (services/visit_windows.py): None when the visit was on time.
    deviation: Mapped[VisitDeviation | None] = mapped_column(String(40))
    sofa_total: Mapped[int | None]
    sofa_total_missing_as_normal: Mapped[int | None]
    sofa_respiration: Mapped[int | None]
    sofa_coagulation: Mapped[int | None]
    sofa_liver: Mapped[int | None]
    sofa_cardiovascular: Mapped[int | None]
    sofa_cns: Mapped[int | None]
    sofa_renal: Mapped[int | None]

    observations: Mapped[list[Observation]] = relationship(back_populates="visit")


class Observation(Base):
    """A value in the field's unit, what was entered (value, unit, pump), or why it is missing."""

    __tablename__ = "observation"
    __table_args__ = (UniqueConstraint("visit_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id"))
    code: Mapped[str] = mapped_column(String(40))
    value: Mapped[Decimal | None]
    value_text: Mapped[str | None] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(20))
    measured_at: Mapped[datetime | None]
    missing_reason: Mapped[MissingReason | None] = mapped_column(String(20))
    deleted_at: Mapped[datetime | None]
    entered_value: Mapped[Decimal | None]
    entered_unit: Mapped[str | None] = mapped_column(String(40))
    entered_detail: Mapped[str | None] = mapped_column(String(200))
    """What a conversion read besides the value (weight, syringe), and a tartrate halved."""
    missing_reason_text: Mapped[str | None] = mapped_column(String(200))
    out_of_range_confirmed: Mapped[bool | None]
    """True when the user confirmed a value outside the plausible range; else empty."""

    visit: Mapped[Visit] = relationship(back_populates="observations")


class AdverseEvent(Base):
    """One adverse event (repeating): CTCAE grade, why serious, relation, action, outcome."""

    __tablename__ = "adverse_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    term: Mapped[str] = mapped_column(String(200))
    onset_at: Mapped[datetime]
    grade: Mapped[int | None]
    serious: Mapped[bool] = mapped_column(default=False)
    related_to_msc: Mapped[str | None] = mapped_column(String(20), info=REVEALS_ARM)
    outcome: Mapped[str | None] = mapped_column(String(40))
    resolved_at: Mapped[datetime | None]
    description: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[datetime | None]
    # The adverse-event form: the offsets the instants were typed with, and the coded answers.
    onset_offset_min: Mapped[int | None]
    resolved_offset_min: Mapped[int | None]
    serious_reason: Mapped[str | None] = mapped_column(String(30))
    # "infusion interrupted/stopped" tells the MSC arm: hidden from blinded readers like relation.
    action_taken: Mapped[str | None] = mapped_column(String(30), info=REVEALS_ARM)
    # The MSC infusion whose reaction opened the event: only the MSC arm is infused.
    infusion_id: Mapped[int | None] = mapped_column(ForeignKey("infusion.id"), info=REVEALS_ARM)


class Outcome(Base):
    """Death, discharge and vital status; the source of the 28-day primary outcome."""

    __tablename__ = "outcome"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), unique=True)
    died_at: Mapped[datetime | None]
    cause_of_death: Mapped[str | None] = mapped_column(Text)
    discharged_at: Mapped[datetime | None]
    """Discharge from hospital (alive)."""
    last_known_alive_at: Mapped[datetime | None]
    alive_confirmed_by_contact: Mapped[bool | None]
    # The outcome form: offsets of the typed instants, ICU discharge, how the vital status
    # was confirmed, and a withdrawal or loss to follow-up.
    died_offset_min: Mapped[int | None]
    discharged_offset_min: Mapped[int | None]
    last_known_alive_offset_min: Mapped[int | None]
    icu_discharged_at: Mapped[datetime | None]
    icu_discharged_offset_min: Mapped[int | None]
    vital_status_source: Mapped[str | None] = mapped_column(String(20))
    withdrawal_reason: Mapped[str | None] = mapped_column(String(30))
    withdrawn_at: Mapped[datetime | None]
    withdrawn_offset_min: Mapped[int | None]


class VisitDraft(Base):
    """A user's unsaved visit form, kept while typing; never audited nor exported."""

    __tablename__ = "visit_draft"
    __table_args__ = (UniqueConstraint("user_id", "patient_id", "study_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"))
    study_day: Mapped[int]
    content: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime]
