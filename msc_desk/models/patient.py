"""The patient, the identification record kept apart from clinical data, and screening."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from msc_desk.models.audit import IDENTIFIER
from msc_desk.models.base import Base
from msc_desk.models.enums import ConsentSigner, PatientStatus, Sex


class Patient(Base):
    """A screened patient, known to the clinical tables by study id only."""

    __tablename__ = "patient"

    id: Mapped[int] = mapped_column(primary_key=True)
    study_id: Mapped[str] = mapped_column(String(20), unique=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("site.id"))
    status: Mapped[PatientStatus] = mapped_column(String(20))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    deleted_at: Mapped[datetime | None]

    screening: Mapped[Screening | None] = relationship(back_populates="patient")


class PatientIdentification(Base):
    """Direct identifiers: never exported, never shown outside the identification log."""

    __tablename__ = "patient_identification"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), info=IDENTIFIER)
    medical_record_number: Mapped[str | None] = mapped_column(String(50), info=IDENTIFIER)
    date_of_birth: Mapped[date | None] = mapped_column(info=IDENTIFIER)
    consent_representative_name: Mapped[str | None] = mapped_column(String(200), info=IDENTIFIER)


class Screening(Base):
    """What the screening decided, with the inputs it was decided on."""

    __tablename__ = "screening"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id"), unique=True)
    screened_at: Mapped[datetime]
    screened_at_offset_min: Mapped[int]
    screened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    shock_onset_at: Mapped[datetime | None]
    shock_onset_offset_min: Mapped[int | None]
    shock_definition: Mapped[str | None] = mapped_column(String(40))
    anc_10e9_per_l: Mapped[Decimal | None]
    wbc_10e9_per_l: Mapped[Decimal | None]
    neutrophils_segmented_percent: Mapped[Decimal | None]
    neutrophils_band_percent: Mapped[Decimal | None]
    age_years: Mapped[int | None]
    sex: Mapped[Sex | None] = mapped_column(String(10))
    pregnant: Mapped[bool | None]
    chemo_resistant_oncohematologic: Mapped[bool | None]
    consent_signed: Mapped[bool | None]
    consent_signer: Mapped[ConsentSigner | None] = mapped_column(String(20))
    consent_at: Mapped[datetime | None]
    eligible: Mapped[bool]
    failed_criteria: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str | None] = mapped_column(Text)

    patient: Mapped[Patient] = relationship(back_populates="screening")
