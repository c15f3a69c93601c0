"""Screening: evaluate the protocol criteria, save the decision, and count the CONSORT flow."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.models import (
    AllocationSlot,
    Arm,
    ConsentSigner,
    Device,
    Patient,
    PatientIdentification,
    PatientStatus,
    Screening,
    Sex,
    Site,
)
from msc_desk.models.database import SessionFactory
from msc_desk.scoring import eligibility
from msc_desk.scoring.eligibility import EligibilityResult
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.screening_rules import checked_screening_input
from msc_desk.services.screening_rules import site_code as checked_site_code
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.study_ids import next_study_id
from msc_desk.timekeeping import Clock, offset_minutes, system_clock

VASOPRESSORS_AFTER_FLUIDS = "vasopressors_after_fluids"
"""Septic shock per SSC 2012: hypotension needing vasopressors despite adequate fluids."""


class ScreeningError(Exception):
    """A screening that cannot be saved; `code` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ScreeningInput:
    """What the wizard collected.

    Give the ANC, or the WBC with both differential percentages; the age, or the date of birth.
    The identification fields are kept for eligible patients only.
    """

    shock_onset: datetime | None = None
    shock_definition: str | None = VASOPRESSORS_AFTER_FLUIDS
    anc_10e9_per_l: Decimal | None = None
    wbc_10e9_per_l: Decimal | None = None
    neutrophils_segmented_percent: Decimal | None = None
    neutrophils_band_percent: Decimal | None = None
    age_years: int | None = None
    date_of_birth: date | None = None
    sex: Sex | None = None
    pregnant: bool | None = None
    chemo_resistant_oncohematologic: bool | None = None
    consent_signed: bool | None = None
    consent_signer: ConsentSigner | None = None
    consent_at: datetime | None = None
    full_name: str | None = None
    medical_record_number: str | None = None
    consent_representative_name: str | None = None


@dataclass(frozen=True)
class SavedScreening:
    patient_id: int
    study_id: str
    eligible: bool
    failed_criteria: tuple[str, ...]


@dataclass(frozen=True)
class ScreeningLogRow:
    patient_id: int
    study_id: str
    screened_at: datetime
    eligible: bool
    failed_criteria: tuple[str, ...]
    status: PatientStatus
    arm: Arm | None
    randomized_at: datetime | None
    shock_onset_at: datetime | None = None

    @property
    def eligible_not_randomized(self) -> bool:
        """Saved eligible, still waiting for randomization (the list was missing, or refused)."""
        return self.eligible and self.arm is None and self.status is PatientStatus.SCREENING


@dataclass(frozen=True)
class ConsortCounts:
    """The CONSORT flow; a patient excluded for several reasons counts under each of them."""

    screened: int
    excluded: int
    excluded_by_reason: dict[str, int]
    eligible_not_randomized: int
    randomized_by_arm: dict[Arm, int]


def evaluate(screening_input: ScreeningInput, screening_instant: datetime) -> EligibilityResult:
    """The protocol decision for the inputs at an instant (pure; for the wizard's live view).

    Raises:
        InvalidInput: an impossible or contradictory value (from the clinical rules).
    """
    s = screening_input
    return eligibility.check_eligibility(
        shock_onset=s.shock_onset,
        screening=screening_instant,
        anc_10e9_per_l=s.anc_10e9_per_l,
        wbc_10e9_per_l=s.wbc_10e9_per_l,
        neutrophils_segmented_percent=s.neutrophils_segmented_percent,
        neutrophils_band_percent=s.neutrophils_band_percent,
        age_years=s.age_years,
        date_of_birth=s.date_of_birth,
        sex=None if s.sex is None else str(s.sex),
        consent_signed=s.consent_signed,
        pregnant=s.pregnant,
        chemo_resistant_oncohematologic=s.chemo_resistant_oncohematologic,
    )


def recheck(session: Session, patient_id: int, instant: datetime) -> EligibilityResult | None:
    """The saved screening of a patient decided again at `instant` (None if never screened)."""
    screening = session.scalar(select(Screening).where(Screening.patient_id == patient_id))
    if screening is None:
        return None
    born = session.scalar(
        select(PatientIdentification.date_of_birth).where(
            PatientIdentification.patient_id == patient_id
        )
    )
    saved = ScreeningInput(
        shock_onset=screening.shock_onset_at,
        anc_10e9_per_l=screening.anc_10e9_per_l,
        wbc_10e9_per_l=screening.wbc_10e9_per_l,
        neutrophils_segmented_percent=screening.neutrophils_segmented_percent,
        neutrophils_band_percent=screening.neutrophils_band_percent,
        age_years=None if born is not None else screening.age_years,
        date_of_birth=born,
        sex=None if screening.sex is None else Sex(screening.sex),
        pregnant=screening.pregnant,
        chemo_resistant_oncohematologic=screening.chemo_resistant_oncohematologic,
        consent_signed=screening.consent_signed,
    )
    return evaluate(saved, instant)


def save_screening(
    factory: SessionFactory,
    actor: Actor,
    screening_input: ScreeningInput,
    clock: Clock = system_clock,
    *,
    site_code: str | None = None,
) -> SavedScreening:
    """Save a screened patient with a new study id and the decision taken now.

    A screened-out patient keeps no identifiers: no name, record number or representative, and
    the date of birth only as the computed age.

    Raises:
        PermissionDenied: the actor may not screen.
        InvalidField: a field refused at the boundary (too long, a control character, out of
            range, consent that does not make sense...); nothing is saved.
        InvalidInput: an impossible or contradictory value.
        ScreeningError: code "unknown_site" when the site cannot be determined.
    """
    authorize(factory, actor, Action.SCREEN, clock)
    instant = clock()
    screening_input = checked_screening_input(screening_input, instant)
    site_code = checked_site_code(site_code)
    result = evaluate(screening_input, instant)
    with unit_of_work(factory, actor, clock=clock) as session:
        site = _site(session, actor, site_code)
        status = PatientStatus.SCREENING if result.eligible else PatientStatus.SCREEN_FAILED
        patient = Patient(
            study_id=next_study_id(session, site.code),
            site_id=site.id,
            status=status,
            created_at=instant,
            created_by_id=actor.user_id,
        )
        session.add(patient)
        session.flush()
        session.add(_screening_row(patient.id, screening_input, result, actor, instant))
        if result.eligible and _has_identifiers(screening_input):
            session.add(_identification(patient.id, screening_input))
        session.flush()
        detail = "eligible" if result.eligible else ",".join(result.failed_criteria)
        record_event(session, "screen", patient_id=patient.id, detail=detail)
        return SavedScreening(patient.id, patient.study_id, result.eligible, result.failed_criteria)


def preview_study_id(
    factory: SessionFactory, actor: Actor, clock: Clock = system_clock
) -> str | None:
    """The study id the next saved patient would get (None when the site is unknown).

    Only a preview: the id is issued inside the transaction that saves the patient.

    Raises:
        PermissionDenied: the role may not screen (the denial is audited).
    """
    authorize(factory, actor, Action.SCREEN, clock)
    with read_session(factory) as session:
        try:
            site = _site(session, actor, None)
        except ScreeningError:
            return None
        return next_study_id(session, site.code)


def _site(session: Session, actor: Actor, site_code: str | None) -> Site:
    """The given site, else this device's site, else the only site of the database."""
    site: Site | None
    if site_code is not None:
        site = session.scalar(select(Site).where(Site.code == site_code))
    elif device := session.scalar(select(Device).where(Device.device_uid == actor.device)):
        site = session.get(Site, device.site_id)
    else:
        sites = session.scalars(select(Site).limit(2)).all()
        site = sites[0] if len(sites) == 1 else None
    if site is None:
        raise ScreeningError("unknown_site", "the site of this screening is not known")
    return site


def _screening_row(
    patient_id: int,
    s: ScreeningInput,
    result: EligibilityResult,
    actor: Actor,
    instant: datetime,
) -> Screening:
    return Screening(
        patient_id=patient_id,
        screened_at=instant,
        screened_at_offset_min=offset_minutes(instant),
        screened_by_id=actor.user_id,
        shock_onset_at=s.shock_onset,
        shock_onset_offset_min=None if s.shock_onset is None else offset_minutes(s.shock_onset),
        shock_definition=s.shock_definition,
        anc_10e9_per_l=s.anc_10e9_per_l,
        wbc_10e9_per_l=s.wbc_10e9_per_l,
        neutrophils_segmented_percent=s.neutrophils_segmented_percent,
        neutrophils_band_percent=s.neutrophils_band_percent,
        # The date of birth stays in the identification log; the screening keeps the age.
        age_years=result.age_years,
        sex=s.sex,
        pregnant=s.pregnant,
        chemo_resistant_oncohematologic=s.chemo_resistant_oncohematologic,
        consent_signed=s.consent_signed,
        consent_signer=s.consent_signer,
        consent_at=s.consent_at,
        eligible=result.eligible,
        failed_criteria=",".join(result.failed_criteria),
    )


def _has_identifiers(s: ScreeningInput) -> bool:
    values = (s.full_name, s.medical_record_number, s.date_of_birth, s.consent_representative_name)
    return any(value not in (None, "") for value in values)


def _identification(patient_id: int, s: ScreeningInput) -> PatientIdentification:
    return PatientIdentification(
        patient_id=patient_id,
        full_name=s.full_name or "",
        medical_record_number=s.medical_record_number or None,
        date_of_birth=s.date_of_birth,
        consent_representative_name=s.consent_representative_name or None,
    )


def screening_log(
    factory: SessionFactory,
    actor: Actor,
    *,
    include_demo: bool = False,
    clock: Clock = system_clock,
) -> list[ScreeningLogRow]:
    """Every screened patient, in screening order, without identifiers.

    Demo patients are left out unless `include_demo` (a demo workspace holds nothing else).

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    query = (
        select(Patient, Screening, AllocationSlot)
        .join(Screening, Screening.patient_id == Patient.id)
        .outerjoin(AllocationSlot, AllocationSlot.patient_id == Patient.id)
        .where(Patient.deleted_at.is_(None))
        .order_by(Screening.screened_at, Patient.id)
    )
    if not include_demo:
        query = query.where(Patient.is_demo.is_(False))
    with read_session(factory) as session:
        return [_log_row(*row) for row in session.execute(query)]


def _log_row(
    patient: Patient, screening: Screening, slot: AllocationSlot | None
) -> ScreeningLogRow:
    return ScreeningLogRow(
        patient_id=patient.id,
        study_id=patient.study_id,
        screened_at=screening.screened_at,
        eligible=screening.eligible,
        failed_criteria=_codes(screening.failed_criteria),
        status=PatientStatus(patient.status),
        arm=None if slot is None or slot.arm is None else Arm(slot.arm),
        randomized_at=None if slot is None else slot.revealed_at,
        shock_onset_at=screening.shock_onset_at,
    )


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code for code in text.split(",") if code)


def consort_counts(
    factory: SessionFactory, actor: Actor, clock: Clock = system_clock
) -> ConsortCounts:
    """Screened, excluded (by reason), eligible but not randomized, and randomized per arm.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
    """
    return count_consort(screening_log(factory, actor, clock=clock))


def count_consort(rows: list[ScreeningLogRow]) -> ConsortCounts:
    """The CONSORT flow of screening-log rows already read."""
    reasons: Counter[str] = Counter()
    arms: dict[Arm, int] = dict.fromkeys(Arm, 0)
    for row in rows:
        if not row.eligible:
            reasons.update(row.failed_criteria)
        if row.arm is not None:
            arms[row.arm] += 1
    return ConsortCounts(
        screened=len(rows),
        excluded=sum(1 for row in rows if not row.eligible),
        excluded_by_reason=dict(reasons),
        eligible_not_randomized=sum(1 for row in rows if row.eligible and row.arm is None),
        randomized_by_arm=arms,
    )
