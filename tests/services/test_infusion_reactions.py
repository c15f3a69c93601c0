from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from infusion_trial import ONSET, InfusionTrial, make_infusion_trial, valid
from sqlalchemy import select, text

from msc_desk.models import AdverseEvent, AuditEntry, Infusion, Patient
from msc_desk.services.adverse_event_reactions import complete_adverse_event, open_reaction_event
from msc_desk.services.adverse_events import (
    AdverseEventRow,
    list_adverse_events,
    update_adverse_event,
)
from msc_desk.services.casebook import read_casebook
from msc_desk.services.dashboard import trial_dashboard
from msc_desk.services.follow_up import FollowUpError
from msc_desk.services.infusion import InfusionRefused, prescribe
from msc_desk.services.infusion_check import (
    checker_from_credentials,
    confirm_check,
    verify_with_credentials,
)
from msc_desk.services.infusion_record import Administration, Vitals, record_administration
from msc_desk.services.infusion_sheet import print_infusion_sheet
from msc_desk.services.input_rules import InvalidField
from msc_desk.services.integrity_infusion import (
    ADVERSE_EVENT_INCOMPLETE,
    incomplete_event_findings,
    infusion_findings,
)
from msc_desk.services.patient_timeline import patient_timeline
from msc_desk.services.session import read_session, unit_of_work

COMPLETION = {
    "ae_term": "Лихорадка",
    "ae_onset_at": ONSET + timedelta(hours=5),
    "ae_grade": 1,
    "ae_serious": False,
    "ae_relation_to_msc": "probable",
    "ae_action": "infusion_interrupted",
    "ae_outcome": "recovered",
}


@dataclass
class Given:
    trial: InfusionTrial
    infusion_id: int
    event_ids: tuple[int, ...]


def _administration(started_hours: float, volume: str, **changes: object) -> Administration:
    values: dict[str, object] = {
        "started_at": ONSET + timedelta(hours=started_hours),
        "ended_at": ONSET + timedelta(hours=started_hours, minutes=30),
        "volume_infused_ml": volume,
        "rate_ml_per_hour": "76",
        "before": Vitals("36.8", 96, 72, "97"),
        "after": Vitals("38.2", 110, 66, "95"),
    } | changes
    return Administration(**values)  # type: ignore[arg-type]


def _checked(trial: InfusionTrial, **changes: object) -> int:
    infusion_id = prescribe(
        trial.factory, trial.actor, trial.msc_patient, valid(**changes), trial.clock
    )
    verify_with_credentials(
        trial.factory, trial.data_dir, infusion_id, "petrova", "petrova-password", trial.clock
    )
    return infusion_id


@pytest.fixture(scope="module")
def given(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Given]:
    """Day 1 given at 5 h with a fever and another reaction (a rash)."""
    trial = make_infusion_trial(tmp_path_factory.mktemp("reactions") / "data")
    trial.clock.after_onset(hours=30)
    infusion_id = _checked(trial)
    record = _administration(5, "38", reactions=("fever", "other"), reaction_other="Сыпь\nна груди")
    result = record_administration(trial.factory, trial.actor, infusion_id, record, trial.clock)
    yield Given(trial, infusion_id, result.adverse_event_ids)
    trial.doctor.close()


def test_a_reaction_opens_a_prefilled_event_marked_to_be_completed(given: Given) -> None:
    trial = given.trial
    rows = {
        row.event_id: row
        for row in list_adverse_events(trial.factory, trial.actor, trial.msc_patient, trial.clock)
    }
    fever, rash = (rows[event_id] for event_id in given.event_ids)
    assert (fever.term, rash.term) == ("Лихорадка", "Сыпь на груди")  # verbatim, one line
    assert rash.description == "Сыпь\nна груди"
    for row in (fever, rash):
        assert row.onset_at == ONSET + timedelta(hours=5)
        assert row.relation == "possible"
        assert row.infusion_id == given.infusion_id
        assert (row.grade, row.action, row.outcome) == (None, None, None)
        assert row.incomplete
        assert row.values()["ae_serious"] is None  # the form asks, it does not say "no"
        assert "МСК" not in row.term and "нфузи" not in row.term
    with read_session(trial.factory) as session:
        audited = session.scalars(
            select(AuditEntry.record_id).where(
                AuditEntry.table_name == "adverse_event",
                AuditEntry.action == "insert",
                AuditEntry.field == "infusion_id",
            )
        ).all()
        assert {str(event_id) for event_id in given.event_ids} <= set(audited)
        found = incomplete_event_findings(session)
    assert {finding.record for finding in found} >= {str(i) for i in given.event_ids}
    assert all(finding.code == ADVERSE_EVENT_INCOMPLETE for finding in found)


def _blinded_rows(given: Given) -> dict[int, AdverseEventRow]:
    trial = given.trial
    reviewer = trial.sign_in("orlov")
    try:
        rows = list_adverse_events(reviewer.factory, reviewer.actor, trial.msc_patient, trial.clock)
    finally:
        reviewer.close()
    return {row.event_id: row for row in rows}


def test_a_blinded_reader_sees_no_event_waiting_for_completion(given: Given) -> None:
    # Only the MSC arm is infused: an event a reaction opened would tell the arm.
    assert set(given.event_ids).isdisjoint(_blinded_rows(given))


def test_nor_in_the_timeline_the_dashboard_or_the_casebook(given: Given) -> None:
    trial = given.trial
    now = trial.clock()
    patient = trial.msc_patient
    reviewer = trial.sign_in("orlov")
    try:
        for workspace, waiting in ((reviewer, 0), (trial.doctor, len(given.event_ids))):
            factory, actor = workspace.factory, workspace.actor
            timeline = patient_timeline(factory, actor, patient, now, trial.clock)
            board = trial_dashboard(factory, actor, now, clock=trial.clock, with_completeness=False)
            with read_session(factory) as session:
                study_id = session.get(Patient, patient).study_id  # type: ignore[union-attr]
            book = read_casebook(factory, actor, study_id, trial.clock)
            assert len(timeline.adverse_events) == waiting
            assert (
                sum(event.patient_id == patient for event in board.open_adverse_events) == waiting
            )
            assert len(book.adverse_events) == waiting
    finally:
        reviewer.close()


def test_completing_needs_the_whole_form_once_then_corrections_need_a_reason(
    given: Given,
) -> None:
    trial = given.trial
    fever = given.event_ids[0]
    for missing in ("ae_grade", "ae_serious", "ae_action", "ae_outcome"):
        with pytest.raises(InvalidField) as refused:
            complete_adverse_event(
                trial.factory, trial.actor, fever, COMPLETION | {missing: None}, trial.clock
            )
        assert (refused.value.field, refused.value.code) == (missing, "required")
    complete_adverse_event(trial.factory, trial.actor, fever, COMPLETION, trial.clock)
    row = next(
        row
        for row in list_adverse_events(trial.factory, trial.actor, trial.msc_patient, trial.clock)
        if row.event_id == fever
    )
    assert not row.incomplete and (row.grade, row.relation) == (1, "probable")
    assert row.infusion_id == given.infusion_id
    blinded = _blinded_rows(given)[fever]
    assert (blinded.relation, blinded.action, blinded.infusion_id) == (None, None, None)
    assert blinded.grade == 1 and not blinded.incomplete
    with pytest.raises(FollowUpError) as refused_again:
        complete_adverse_event(trial.factory, trial.actor, fever, COMPLETION, trial.clock)
    assert refused_again.value.code == "already_complete"
    with pytest.raises(InvalidField) as no_reason:
        update_adverse_event(trial.factory, trial.actor, fever, COMPLETION, "", trial.clock)
    assert no_reason.value.field == "reason"
    with read_session(trial.factory) as session:
        records = {finding.record for finding in incomplete_event_findings(session)}
    assert str(fever) not in records and str(given.event_ids[1]) in records


@pytest.mark.parametrize(
    ("values", "field", "code"),
    [
        ({"ae_relation_to_msc": "unlikely"}, "ae_relation_to_msc", "not_allowed"),
        ({"ae_relation_to_msc": None}, "ae_relation_to_msc", "required"),
        ({"ae_grade": 2}, "ae_grade", "not_allowed"),
        ({"ae_term": ""}, "ae_term", "required"),
        ({"ae_onset_at": ONSET - timedelta(days=1)}, "ae_onset_at", "before_randomization"),
    ],
)
def test_opening_is_checked_as_the_form_is(
    given: Given, values: dict[str, object], field: str, code: str
) -> None:
    trial = given.trial
    opening = {
        "ae_term": "Озноб",
        "ae_onset_at": ONSET + timedelta(hours=5),
        "ae_relation_to_msc": "possible",
    } | values
    with (
        pytest.raises(InvalidField) as refused,
        unit_of_work(trial.factory, trial.actor, clock=trial.clock) as session,
    ):
        open_reaction_event(session, trial.msc_patient, given.infusion_id, opening, trial.clock())
    assert (refused.value.field, refused.value.code) == (field, code)


def test_each_days_total_is_held_across_its_records(given: Given) -> None:
    trial = given.trial
    # Day 1 has 1.00 given: a second record of 1.0 fits, a third does not.
    second = _checked(trial)
    with pytest.raises(InfusionRefused) as refused:
        prescribe(trial.factory, trial.actor, trial.msc_patient, valid(), trial.clock)
    assert (refused.value.code, refused.value.field) == ("daily_total", "target_dose")
    # Day 3: 1.0 then 1.1 would be 2.1.
    _checked(trial, infusion_day=3)
    with pytest.raises(InfusionRefused) as refused:
        prescribe(
            trial.factory, trial.actor, trial.msc_patient,
            valid(infusion_day=3, target_dose="1.1"), trial.clock,
        )  # fmt: skip
    assert refused.value.code == "daily_total"
    # The second record of day 1, started after 10 h, is not the first infusion: not late.
    # 40 mL gives 1.05 million/kg, each within 1–2, but the day reaches 2.05: a deviation.
    too_much = _administration(12, "40")
    with pytest.raises(InfusionRefused) as refused:
        record_administration(trial.factory, trial.actor, second, too_much, trial.clock)
    assert refused.value.code == "dose_reason"
    result = record_administration(
        trial.factory,
        trial.actor,
        second,
        _administration(12, "40", dose_reason="Введён весь объём шприца"),
        trial.clock,
    )
    assert result.achieved_dose == Decimal("1.05")
    assert result.dose_deviation and not result.late
    with read_session(trial.factory) as session:
        infusion = session.get(Infusion, second)
        assert infusion is not None
        assert infusion.dose_deviation_reason == "Введён весь объём шприца"
        assert infusion.late_deviation_reason is None
        event_count = session.scalar(
            select(AdverseEvent.id).where(AdverseEvent.infusion_id == second).limit(1)
        )
    assert event_count is None  # no reaction, no event
    with read_session(trial.factory) as session:
        assert infusion_findings(session) == []


def test_an_infusion_row_of_a_control_patient_is_refused_at_every_step(given: Given) -> None:
    """Even a row slipped past the services: the check, the record and the sheet refuse it."""
    trial = given.trial
    with trial.doctor.engine.begin() as connection:
        forged = connection.execute(
            text(
                "INSERT INTO infusion (patient_id, infusion_day, product_lot, weight_kg,"
                " target_dose_million_cells_per_kg, product_concentration_cells_per_ml,"
                " viability_percent, volume_ml, checked_by_id)"
                " VALUES (:patient, 1, 'MSC-X', '70', '1.0', '2000000', '92', '38.0', 2)"
            ),
            {"patient": trial.control_patient},
        ).lastrowid
    assert isinstance(forged, int)
    try:
        checker = checker_from_credentials(
            trial.factory, trial.data_dir, "petrova", "petrova-password", trial.clock
        )
        steps = (
            lambda: confirm_check(trial.factory, checker, forged, trial.clock),
            lambda: record_administration(
                trial.factory, trial.actor, forged, _administration(5, "38"), trial.clock
            ),
            lambda: print_infusion_sheet(trial.factory, trial.actor, forged, trial.clock),
        )
        for step in steps:
            with pytest.raises(InfusionRefused) as refused:
                step()
            assert refused.value.code == "not_msc_arm"
    finally:
        with trial.doctor.engine.begin() as connection:
            connection.execute(text("DELETE FROM infusion WHERE id = :id"), {"id": forged})
