"""Demo follow-up: complete visit forms, signed two-person infusions, a clean integrity check."""

from __future__ import annotations

import base64
import random
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from msc_desk.models import Infusion, Observation, Screening, Visit, VisitStatus
from msc_desk.scoring.visits import SCHEDULE
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.demo_visits import demo_visit
from msc_desk.services.infusion import PURPOSE_CHECKED, PURPOSE_PREPARED, check_payload
from msc_desk.services.integrity import full_check
from msc_desk.services.outcomes import outcome_record
from msc_desk.services.registry import verify_for_entry
from msc_desk.services.session import read_session
from msc_desk.services.visit_entries import Entry, fields_for_day
from msc_desk.services.visit_findings import SEX_DIFFERS_FROM_SCREENING, Finding
from msc_desk.services.visit_forms import open_visit, save_visit
from msc_desk.services.workspace import sign_in

AT = datetime(2026, 9, 20, 7, 30, tzinfo=UTC)


@pytest.mark.parametrize("study_day", [visit.day for visit in SCHEDULE])
@pytest.mark.parametrize("worsening", [False, True])
def test_every_demo_visit_is_complete_and_uses_only_catalogue_fields(
    study_day: int, worsening: bool
) -> None:
    carried = {item.name for item in fields_for_day(study_day)}
    for seed in range(40):
        visit = demo_visit(
            study_day, AT, weight_kg=Decimal(70), sex="female", worsening=worsening,
            rng=random.Random(seed),
        )  # fmt: skip
        assert set(visit.stored) <= carried
        assert visit.sofa.total is not None
        fio2 = visit.stored["fio2"]
        assert fio2.value is not None and Decimal("0.21") <= fio2.value <= 1


def test_a_demo_visit_enters_some_values_in_their_alternative_units() -> None:
    units = {
        stored.entered_unit
        for seed in range(60)
        for stored in demo_visit(
            7, AT, weight_kg=Decimal(80), sex="male", worsening=False, rng=random.Random(seed)
        ).stored.values()
        if stored.entered_unit
    }
    assert {"%", "mg/dL"} <= units


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "trial"
    create_demo_trial(folder, screened=12)
    return folder


def test_every_done_demo_visit_reopens_complete_with_its_sofa(demo_folder: Path) -> None:
    workspace = sign_in(demo_folder, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        done = session.execute(
            select(Visit.patient_id, Visit.study_day, Visit.sofa_total).where(
                Visit.status == VisitStatus.DONE
            )
        ).all()
    assert done
    for patient_id, study_day, sofa_total in done:
        form = open_visit(workspace.factory, workspace.actor, patient_id, study_day)
        assert form.reading.complete, (patient_id, study_day, form.reading.missing)
        assert form.sofa.total == sofa_total
    workspace.close()


def test_the_baseline_sex_is_the_screening_one_and_a_change_is_flagged(
    demo_folder: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "trial"
    shutil.copytree(demo_folder, copy)
    workspace = sign_in(copy, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        baselines = session.execute(
            select(Visit.patient_id, Observation.value_text, Screening.sex, Visit.locked)
            .join(Observation, Observation.visit_id == Visit.id)
            .join(Screening, Screening.patient_id == Visit.patient_id)
            .where(Visit.study_day == 0, Observation.code == "sex")
        ).all()
    assert baselines and all(form == screened for _patient, form, screened, _ in baselines)
    patient_id, sex, _screened, _locked = next(row for row in baselines if not row.locked)
    form = open_visit(workspace.factory, workspace.actor, patient_id, 0)
    assert SEX_DIFFERS_FROM_SCREENING not in [finding.code for finding in form.findings]
    other = "female" if sex == "male" else "male"
    entries = form.entries | {"sex": Entry(other)}
    saved = save_visit(
        workspace.factory, workspace.actor, patient_id, 0, entries,
        performed_at=form.performed_at or AT, complete=True, reason="ошибка ввода",
    )  # fmt: skip
    assert Finding(SEX_DIFFERS_FROM_SCREENING, "sex") in saved.findings
    workspace.close()


def test_each_demo_infusion_is_checked_by_a_second_person_and_both_signatures_verify(
    demo_folder: Path,
) -> None:
    workspace = sign_in(demo_folder, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        infusions = session.scalars(select(Infusion)).all()
        assert infusions
        for infusion in infusions:
            assert infusion.prepared_by_id != infusion.checked_by_id
            assert infusion.checked_at is not None and infusion.started_at is not None
            assert infusion.checked_at < infusion.started_at
            assert Decimal(1) <= (infusion.achieved_dose_million_cells_per_kg or 0) <= 2
            payload = check_payload(infusion)
            for purpose, entry, signature in (
                (PURPOSE_PREPARED, infusion.prepared_key_entry_id, infusion.prepared_signature),
                (PURPOSE_CHECKED, infusion.checked_key_entry_id, infusion.checked_signature),
            ):
                assert entry is not None and signature is not None
                raw = base64.b64decode(signature)
                assert verify_for_entry(session, entry, purpose, payload, raw)
    workspace.close()


def test_the_full_integrity_check_finds_nothing_in_a_demo(demo_folder: Path) -> None:
    workspace = sign_in(demo_folder, "ivanova", "demo-doctor")
    assert full_check(workspace.factory) == []
    workspace.close()


def test_the_outcome_record_carries_the_screening_sex(demo_folder: Path) -> None:
    """The outcome tab words the status to agree with the patient («Завершила исследование»)."""
    workspace = sign_in(demo_folder, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        screened = dict(
            session.execute(
                select(Screening.patient_id, Screening.sex)
                .join(Visit, Visit.patient_id == Screening.patient_id)
                .where(Visit.study_day == 0)
            ).all()
        )
    assert {str(sex) for sex in screened.values()} == {"male", "female"}
    for patient_id, sex in screened.items():
        record = outcome_record(workspace.factory, workspace.actor, patient_id)
        assert record.sex == sex
    workspace.close()
