"""Demo visit forms: complete under the forms' own rules, in catalogue codes, reopened as saved."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from msc_desk.models import Visit, VisitStatus
from msc_desk.scoring.visits import SCHEDULE
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.demo_visits import demo_visit
from msc_desk.services.session import read_session
from msc_desk.services.visit_entries import fields_for_day
from msc_desk.services.visit_forms import open_visit
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
            study_day, AT, weight_kg=Decimal(70), worsening=worsening, rng=random.Random(seed)
        )
        assert set(visit.stored) <= carried
        assert visit.sofa.total is not None
        fio2 = visit.stored["fio2"]
        assert fio2.value is not None and Decimal("0.21") <= fio2.value <= 1


def test_a_demo_visit_enters_some_values_in_their_alternative_units() -> None:
    units = {
        stored.entered_unit
        for seed in range(60)
        for stored in demo_visit(
            7, AT, weight_kg=Decimal(80), worsening=False, rng=random.Random(seed)
        ).stored.values()
        if stored.entered_unit
    }
    assert {"%", "mg/dL"} <= units


def test_every_done_demo_visit_reopens_complete_with_its_sofa(tmp_path: Path) -> None:
    create_demo_trial(tmp_path, screened=12)
    workspace = sign_in(tmp_path, "ivanova", "demo-doctor")
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
