"""A visit performed outside its window reads as a protocol deviation in the patient's schedule."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pytestqt.modeltest import ModelTester
from sqlalchemy import select

from msc_desk.models import Visit, VisitDeviation, VisitStatus
from msc_desk.scoring.visits import VisitState
from msc_desk.services.demo import create_demo_trial
from msc_desk.services.patients import VisitLine, patient_summary
from msc_desk.services.session import read_session
from msc_desk.services.workspace import sign_in
from msc_desk.ui.visit_schedule_model import VisitColumn, VisitScheduleModel

PERFORMED = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)


def test_the_schedule_marks_a_deviation(qtmodeltester: ModelTester) -> None:
    model = VisitScheduleModel()
    late = VisitLine(7, date(2026, 11, 19), date(2026, 11, 18), date(2026, 11, 20),
                     VisitState.DONE, PERFORMED, VisitDeviation.OUTSIDE_WINDOW)  # fmt: skip
    on_time = VisitLine(3, date(2026, 11, 15), date(2026, 11, 15), date(2026, 11, 15),
                        VisitState.DONE, PERFORMED)  # fmt: skip
    model.set_lines([on_time, late])
    qtmodeltester.check(model)
    assert "outside the window" not in model.data(model.index(0, VisitColumn.PERFORMED))
    late_text = model.data(model.index(1, VisitColumn.PERFORMED))
    assert late_text.startswith("23.11.2026") and late_text.endswith(
        "outside the window (deviation)"
    )


def test_the_patient_summary_carries_the_deviation_of_each_visit(tmp_path: Path) -> None:
    create_demo_trial(tmp_path, screened=30)
    workspace = sign_in(tmp_path, "ivanova", "demo-doctor")
    with read_session(workspace.factory) as session:
        flagged = session.execute(
            select(Visit.patient_id, Visit.study_day).where(
                Visit.status == VisitStatus.DONE, Visit.deviation.is_not(None)
            )
        ).first()
    assert flagged is not None
    summary = patient_summary(workspace.factory, workspace.actor, flagged[0], datetime.now(UTC))
    workspace.close()
    lines = {line.study_day: line for line in summary.visits}
    assert lines[flagged[1]].deviation is VisitDeviation.OUTSIDE_WINDOW
    assert any(line.deviation is None for line in lines.values())
