"""Screening: the decision saved with its inputs, identifiers only for eligible patients."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from conftest_randomization import CANARY_NAME, ELIGIBLE, ONSET, Trial, make_trial
from sqlalchemy import select

from msc_desk.models import (
    Arm,
    Base,
    Patient,
    PatientIdentification,
    PatientStatus,
    Screening,
    Site,
)
from msc_desk.models.types import UTCDateTime
from msc_desk.scoring import InvalidInput
from msc_desk.services.actor import system_actor
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.screening import (
    ScreeningError,
    consort_counts,
    evaluate,
    save_screening,
    screening_log,
)
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.services.study_ids import next_study_id
from msc_desk.timekeeping import as_entered


@pytest.fixture
def trial(tmp_path: Path) -> Iterator[Trial]:
    trial = make_trial(tmp_path)
    yield trial
    trial.engine.dispose()


def test_evaluate_is_the_clinical_rule_at_the_given_instant() -> None:
    result = evaluate(ELIGIBLE, ONSET + timedelta(hours=3))
    assert result.eligible and result.hours_since_onset == Decimal(3)
    late = evaluate(ELIGIBLE, ONSET + timedelta(hours=10, seconds=1))
    assert late.failed_criteria == ("shock_onset_gt_10h",)


def test_an_eligible_patient_is_saved_with_inputs_and_identification(trial: Trial) -> None:
    born = date(1980, 6, 15)
    saved = trial.screen(age_years=None, date_of_birth=born, hours=2)
    assert (saved.study_id, saved.eligible, saved.failed_criteria) == ("MSC-01-001", True, ())
    with read_session(trial.factory) as session:
        patient = session.get(Patient, saved.patient_id)
        screening = session.scalars(select(Screening)).one()
        identification = session.scalars(select(PatientIdentification)).one()
        assert patient is not None and patient.status == PatientStatus.SCREENING
        assert patient.created_by_id == trial.investigator.user_id
        assert screening.shock_onset_at == ONSET
        assert screening.shock_onset_offset_min == 180
        assert screening.shock_definition == "vasopressors_after_fluids"
        assert screening.screened_at == ONSET + timedelta(hours=2)
        assert screening.anc_10e9_per_l == Decimal("0.40")
        assert screening.age_years == 45 and screening.eligible
        assert screening.consent_signer == "patient" and screening.failed_criteria == ""
        assert identification.full_name == ELIGIBLE.full_name
        assert identification.date_of_birth == born
        assert identification.medical_record_number == ELIGIBLE.medical_record_number


def test_a_screened_out_patient_keeps_no_identifiers(trial: Trial) -> None:
    saved = trial.screen(
        anc_10e9_per_l=Decimal("1.6"),
        age_years=None,
        date_of_birth=date(1940, 1, 1),
        full_name=CANARY_NAME,
        medical_record_number="КАНАРЕЙКА-77",
        consent_representative_name=CANARY_NAME,
    )
    assert not saved.eligible
    assert saved.failed_criteria == ("anc_gt_1.0", "age_gt_75")
    assert trial.count(PatientIdentification) == 0
    with read_session(trial.factory) as session:
        screening = session.scalars(select(Screening)).one()
        assert screening.age_years == 86 and not screening.eligible
        assert screening.failed_criteria == "anc_gt_1.0,age_gt_75"
        patient = session.get(Patient, saved.patient_id)
        assert patient is not None and patient.status == PatientStatus.SCREEN_FAILED
    raw = trial.raw_bytes()
    assert CANARY_NAME.encode() not in raw and "КАНАРЕЙКА".encode() not in raw
    assert b"1940-01-01" not in raw


def test_study_ids_are_sequential_per_site(trial: Trial) -> None:
    ids = [trial.screen().study_id for _ in range(3)]
    ids.append(trial.screen(consent_signed=False).study_id)
    assert ids == ["MSC-01-001", "MSC-01-002", "MSC-01-003", "MSC-01-004"]
    with unit_of_work(trial.factory, system_actor("x"), clock=trial.clock) as session:
        session.add(Site(code="02", name="second", created_at=trial.clock()))
        session.flush()
        assert next_study_id(session, "02") == "MSC-02-001"
        assert next_study_id(session, "01") == "MSC-01-005"
    saved = save_screening(trial.factory, trial.investigator, ELIGIBLE, trial.clock, site_code="02")
    assert saved.study_id == "MSC-02-001"


def test_an_unknown_site_is_refused(trial: Trial) -> None:
    with pytest.raises(ScreeningError) as caught:
        save_screening(trial.factory, trial.investigator, ELIGIBLE, trial.clock, site_code="99")
    assert caught.value.code == "unknown_site"


@pytest.mark.parametrize("who", ["monitor", "admin"])
def test_only_clinical_staff_screen(trial: Trial, who: str) -> None:
    with pytest.raises(PermissionDenied):
        save_screening(trial.factory, getattr(trial, who), ELIGIBLE, trial.clock)
    assert trial.count(Patient) == 0


def test_a_nurse_screens(trial: Trial) -> None:
    assert save_screening(trial.factory, trial.nurse, ELIGIBLE, trial.clock).eligible


def test_contradictory_input_saves_nothing(trial: Trial) -> None:
    bad = replace(ELIGIBLE, wbc_10e9_per_l=Decimal("2.0"))
    with pytest.raises(InvalidInput):
        save_screening(trial.factory, trial.investigator, bad, trial.clock)
    assert trial.count(Patient) == 0


def test_the_screening_log_and_consort_counts(trial: Trial) -> None:
    trial.import_list(slot_count=4)
    randomized = [trial.screen().patient_id for _ in range(3)]
    trial.screen(anc_10e9_per_l=Decimal("2.5"))
    trial.screen(consent_signed=False, pregnant=None, sex=None)
    waiting = trial.screen().patient_id
    # Screened an hour after onset was recorded, with an onset 11 hours back: the clock only
    # moves forward (a clock set back would stop randomization).
    late_onset = ONSET - timedelta(hours=10)
    trial.screen(shock_onset=late_onset, consent_at=late_onset + timedelta(minutes=40))
    trial.clock.set(hours=2)
    arms = [trial.randomize(patient_id).arm for patient_id in randomized]

    log = screening_log(trial.factory, trial.investigator)
    assert [row.study_id for row in log] == [f"MSC-01-{n:03d}" for n in range(1, 8)]
    assert [row.arm for row in log[:3]] == arms
    assert all(row.status == PatientStatus.RANDOMIZED for row in log[:3])
    assert log[3].failed_criteria == ("anc_gt_1.0",) and not log[3].eligible
    assert log[4].failed_criteria == ("consent_not_signed", "missing_pregnancy_status")
    assert log[5].patient_id == waiting and log[5].arm is None and log[5].eligible
    assert log[6].failed_criteria == ("shock_onset_gt_10h",)

    counts = consort_counts(trial.factory, trial.investigator)
    assert (counts.screened, counts.excluded, counts.eligible_not_randomized) == (7, 3, 1)
    assert counts.excluded_by_reason == {
        "anc_gt_1.0": 1,
        "consent_not_signed": 1,
        "missing_pregnancy_status": 1,
        "shock_onset_gt_10h": 1,
    }
    assert counts.randomized_by_arm == {
        Arm.CONTROL: arms.count(Arm.CONTROL),
        Arm.MSC: arms.count(Arm.MSC),
    }
    assert sum(counts.randomized_by_arm.values()) == 3


def test_consort_counts_of_an_empty_trial(trial: Trial) -> None:
    counts = consort_counts(trial.factory, trial.investigator)
    assert (counts.screened, counts.excluded, counts.excluded_by_reason) == (0, 0, {})
    assert counts.randomized_by_arm == {Arm.CONTROL: 0, Arm.MSC: 0}


def test_the_consent_time_keeps_the_offset_it_was_entered_with(trial: Trial) -> None:
    typed = (ONSET - timedelta(minutes=20)).astimezone(timezone(timedelta(hours=5)))
    saved = save_screening(trial.factory, trial.investigator, replace(ELIGIBLE, consent_at=typed),
                           trial.clock)  # fmt: skip
    with read_session(trial.factory) as session:
        screening = session.scalars(
            select(Screening).where(Screening.patient_id == saved.patient_id)
        ).one()
        assert screening.consent_at == typed
        assert screening.consent_at_offset_min == 300
        shown = as_entered(screening.consent_at, screening.consent_at_offset_min)
        assert shown is not None and shown.replace(tzinfo=None) == typed.replace(tzinfo=None)


def test_a_consent_time_without_an_offset_is_refused(trial: Trial) -> None:
    naive = replace(ELIGIBLE, consent_at=(ONSET - timedelta(minutes=20)).replace(tzinfo=None))
    with pytest.raises(InvalidField) as refused:
        save_screening(trial.factory, trial.investigator, naive, trial.clock)
    assert refused.value.field == "consent_at"
    assert trial.count(Patient) == 0


def test_every_typed_instant_keeps_its_offset() -> None:
    """A new typed instant without its `_offset_min` column fails here (see `entered_offset`)."""
    missing = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, UTCDateTime):
                continue
            name = f"{table.name}.{column.name}"
            stem = column.name.removesuffix("_at")
            has_offset = {f"{column.name}_offset_min", f"{stem}_offset_min"} & set(table.c.keys())
            if name not in CLOCK_STAMPS | TYPED_WITHOUT_OFFSET_YET and not has_offset:
                missing.append(name)
    assert missing == []
    assert "screening.consent_at" not in TYPED_WITHOUT_OFFSET_YET


# Instants the application takes from the clock: nobody types them, so there is no offset.
CLOCK_STAMPS = {
    "audit_log.at", "site.created_at", "user_account.created_at", "allocation_list.imported_at",
    "device.created_at", "patient.created_at", "patient.deleted_at", "adverse_event.deleted_at",
    "allocation_slot.revealed_at", "infusion.deleted_at", "observation.deleted_at",
    "signature.signed_at", "signature.voided_at", "data_query.raised_at",
    "data_query.answered_at", "data_query.closed_at", "clock_confirmation.confirmed_at",
    "randomization_key.created_at", "randomization_key_seal.granted_at", "identification_audit.at",
    "user_key_registry.created_at", "device_signing_key.created_at",
    "center_key_bundle.imported_at", "export_outbox.created_at", "export_outbox.acknowledged_at",
}  # fmt: skip
# Typed on forms that the visit-forms work builds; each gets its offset column with its form.
TYPED_WITHOUT_OFFSET_YET = {
    "adverse_event.onset_at", "adverse_event.resolved_at", "infusion.ended_at",
    "outcome.died_at", "outcome.discharged_at", "outcome.last_known_alive_at",
    "visit.performed_at", "observation.measured_at",
}  # fmt: skip
