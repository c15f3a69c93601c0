"""Read models of patients: study days in Moscow, next visit due, concealment, few queries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, select

from msc_desk.models import (
    AllocationList,
    AllocationSlot,
    Arm,
    Outcome,
    Patient,
    PatientStatus,
    Role,
    Screening,
    Site,
    User,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import DATABASE_FILENAME, SessionFactory, create_database_engine
from msc_desk.models.migrate import prepare_database
from msc_desk.scoring.visits import VisitState
from msc_desk.services.actor import Actor, system_actor
from msc_desk.services.patients import (
    PatientNotFound,
    PatientRow,
    list_patients,
    patient_summary,
    signed_in_name,
)
from msc_desk.services.session import audited_session_factory, unit_of_work
from msc_desk.timekeeping import MOSCOW

SYSTEM = system_actor("test")
READER = Actor(None, "reader", Role.INVESTIGATOR, "test")
# 12:00 in Moscow on 20.11.2026.
NOON = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def factory(tmp_path: Path) -> Iterator[SessionFactory]:
    engine = create_database_engine(tmp_path / DATABASE_FILENAME, None)
    prepare_database(engine, tmp_path / DATABASE_FILENAME)
    factory = audited_session_factory(engine)
    with unit_of_work(factory, SYSTEM) as session:
        session.add(Site(code="S1", name="ICU", created_at=NOON))
        session.flush()
        session.add(
            AllocationList(
                list_uid="L1", study="NCT01849237", device_uid="d", first_slot=1,
                slot_count=99, signer_fingerprint="f", signed_document="{}", imported_at=NOON,
                sealed_list_key=b"k", first_study_number=1, study_number_count=999,
            )
        )  # fmt: skip
    yield factory
    engine.dispose()


def _patient(
    factory: SessionFactory,
    study_id: str,
    status: PatientStatus = PatientStatus.RANDOMIZED,
    *,
    randomized_at: datetime | None = None,
    arm: Arm | None = Arm.MSC,
    visits: dict[int, VisitStatus] | None = None,
    died_at: datetime | None = None,
    failed: str = "",
    deleted: bool = False,
    sealed_slot: bool = False,
) -> int:
    with unit_of_work(factory, SYSTEM) as session:
        patient = Patient(
            study_id=study_id, site_id=1, status=status, created_at=NOON,
            deleted_at=NOON if deleted else None,
        )  # fmt: skip
        session.add(patient)
        session.flush()
        screened = (randomized_at or NOON) - timedelta(hours=1)
        session.add(
            Screening(
                patient_id=patient.id, screened_at=screened, screened_at_offset_min=180,
                shock_onset_at=screened - timedelta(hours=3), shock_onset_offset_min=180,
                anc_10e9_per_l=Decimal("0.40"), eligible=not failed, failed_criteria=failed,
            )
        )  # fmt: skip
        slots = session.scalars(select(AllocationSlot)).all()
        if randomized_at is not None or sealed_slot:
            session.add(
                AllocationSlot(
                    list_id=1, slot_number=len(slots) + 1, sealed_arm=b"x", commitment="c",
                    arm=None if sealed_slot else arm, patient_id=patient.id,
                    revealed_at=None if sealed_slot else randomized_at,
                )
            )  # fmt: skip
        for day, visit_status in (visits or {}).items():
            session.add(Visit(patient_id=patient.id, study_day=day, status=visit_status))
        if died_at is not None:
            session.add(Outcome(patient_id=patient.id, died_at=died_at))
        return patient.id


def _moscow(day: int, hour: int, minute: int = 0) -> datetime:
    """An instant given on the Moscow clock in November 2026."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MOSCOW)


def _rows(factory: SessionFactory, now: datetime = NOON) -> dict[str, PatientRow]:
    return {row.study_id: row for row in list_patients(factory, READER, now)}


def test_day_zero_is_the_moscow_date_of_randomization(factory: SessionFactory) -> None:
    # 23:30 in Moscow on the 19th is 20:30 UTC; at 00:30 Moscow time it is already day 1.
    _patient(factory, "A", randomized_at=_moscow(19, 23, 30))
    row = list_patients(factory, READER, _moscow(19, 23, 50))[0]
    assert (row.study_day, row.next_visit_day, row.next_visit_date) == (0, 0, date(2026, 11, 19))
    assert not row.next_visit_overdue
    row = list_patients(factory, READER, _moscow(20, 0, 30))[0]
    assert row.study_day == 1
    assert (row.next_visit_day, row.next_visit_date) == (2, date(2026, 11, 21))


def test_an_early_morning_randomization_counts_in_moscow_not_utc(factory: SessionFactory) -> None:
    _patient(factory, "A", randomized_at=_moscow(12, 1, 0))  # 22:00 UTC on the 11th
    summary = patient_summary(factory, READER, 1, NOON)
    assert summary.visits[0].target_date == date(2026, 11, 12)
    assert summary.study_day == 8


def test_overdue_is_a_passed_target_in_an_open_window(factory: SessionFactory) -> None:
    done = VisitStatus.DONE
    _patient(factory, "A", randomized_at=_moscow(12, 10), visits={0: done, 2: done, 3: done})
    row = list_patients(factory, READER, NOON)[0]  # day 8: the day-7 window (6–8) is still open
    assert (row.study_day, row.next_visit_day) == (8, 7)
    assert row.next_visit_date == date(2026, 11, 19)
    assert row.next_visit_overdue
    row = list_patients(factory, READER, NOON - timedelta(days=1))[
        0
    ]  # day 7 itself: due, not overdue
    assert (row.next_visit_day, row.next_visit_overdue) == (7, False)
    row = list_patients(factory, READER, NOON + timedelta(days=1))[0]  # day 9: missed, day 14 next
    assert (row.next_visit_day, row.next_visit_overdue) == (14, False)


def test_recorded_missed_visits_are_not_due(factory: SessionFactory) -> None:
    _patient(factory, "A", randomized_at=_moscow(20, 8), visits={0: VisitStatus.MISSED})
    summary = patient_summary(factory, READER, 1, NOON)
    assert summary.visits[0].state is VisitState.MISSED
    assert list_patients(factory, READER, NOON)[0].next_visit_day == 2


def test_nothing_is_due_once_follow_up_ended(factory: SessionFactory) -> None:
    start = _moscow(5, 10)
    _patient(factory, "died", PatientStatus.DIED, randomized_at=start, died_at=start + timedelta(4))
    _patient(factory, "gone", PatientStatus.WITHDRAWN, randomized_at=start, arm=Arm.CONTROL)
    _patient(factory, "done", PatientStatus.COMPLETED, randomized_at=start - timedelta(40))
    for row in list_patients(factory, READER, NOON):
        assert (row.study_day, row.next_visit_day, row.next_visit_date) == (None, None, None)
        assert not row.next_visit_overdue
    died = patient_summary(factory, READER, 1, NOON)
    assert [line.state for line in died.visits][3:] == [VisitState.NOT_APPLICABLE] * 4
    assert died.outcome is not None and died.outcome.died_at == start + timedelta(4)


def test_the_arm_shows_only_once_revealed(factory: SessionFactory) -> None:
    _patient(factory, "sealed", PatientStatus.SCREENING, sealed_slot=True)
    _patient(factory, "none", PatientStatus.SCREENING, randomized_at=None)
    _patient(factory, "open", randomized_at=_moscow(20, 9), arm=Arm.CONTROL)
    rows = _rows(factory)
    assert [rows[k].arm for k in ("sealed", "none", "open")] == [None, None, Arm.CONTROL]
    sealed = patient_summary(factory, READER, 1, NOON)
    assert (sealed.arm, sealed.randomized_at, sealed.visits) == (None, None, ())


def test_summary_carries_screening_decision_and_no_identifiers(factory: SessionFactory) -> None:
    _patient(factory, "F", PatientStatus.SCREEN_FAILED, failed="anc_gt_1.0, age_gt_75")
    summary = patient_summary(factory, READER, 1, NOON)
    assert summary.screening is not None
    assert summary.screening.failed_criteria == ("anc_gt_1.0", "age_gt_75")
    assert not summary.screening.eligible
    assert summary.screening.anc_10e9_per_l == Decimal("0.40")
    assert summary.shock_onset_at == NOON - timedelta(hours=4)
    assert summary.outcome is None
    fields = set(type(summary).__dataclass_fields__)
    assert not fields & {"full_name", "medical_record_number", "date_of_birth"}


def test_unknown_and_deleted_patients(factory: SessionFactory) -> None:
    _patient(factory, "gone", deleted=True, randomized_at=NOON)
    assert list_patients(factory, READER, NOON) == []
    with pytest.raises(PatientNotFound):
        patient_summary(factory, READER, 1, NOON)
    with pytest.raises(PatientNotFound):
        patient_summary(factory, READER, 42, NOON)


def test_the_list_takes_two_queries_however_many_patients(factory: SessionFactory) -> None:
    for number in range(40):
        start = NOON - timedelta(days=number % 30)
        _patient(factory, f"P{number:03}", randomized_at=start, visits={0: VisitStatus.DONE})
    statements: list[str] = []
    engine = factory.kw["bind"]

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        rows = list_patients(factory, READER, NOON)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(rows) == 40
    assert len(statements) == 2
    assert [row.study_id for row in rows] == sorted(row.study_id for row in rows)


def test_signed_in_name(factory: SessionFactory) -> None:
    with unit_of_work(factory, SYSTEM) as session:
        session.add(User(username="petrova", full_name="Петрова А. С.", role=Role.NURSE,
                         created_at=NOON))  # fmt: skip
    nurse = Actor(user_id=1, username="petrova", role=Role.NURSE, device="d")
    assert signed_in_name(factory, nurse) == "Петрова А. С."
    assert signed_in_name(factory, SYSTEM) == "system"
    assert signed_in_name(factory, Actor(99, "ghost", Role.NURSE, "d")) == "ghost"


def test_the_lists_next_visit_is_the_one_the_schedule_lines_give() -> None:
    # The list works out only the next visit; it must agree with the full schedule everywhere.
    from itertools import product

    from msc_desk.services.patients import _next_visit, _next_visit_of, _Recorded, _visit_lines

    randomized = datetime(2026, 11, 1, 21, 30, tzinfo=UTC)  # 00:30 the next day in Moscow
    days = (0, 3, 7)
    choices = (None, VisitStatus.DONE, VisitStatus.MISSED, VisitStatus.NOT_APPLICABLE)
    checked = 0
    for offset_hours, settled_days, death_hours in product(
        (0, 30, 60, 100, 200, 340, 700, 900), product(choices, repeat=3), (None, 50, 400)
    ):
        now = randomized + timedelta(hours=offset_hours)
        died = None if death_hours is None else randomized + timedelta(hours=death_hours)
        settled = {day: status for day, status in zip(days, settled_days, strict=True) if status}
        recorded = {day: _Recorded(status, None) for day, status in settled.items()}
        line = _next_visit(_visit_lines(PatientStatus.RANDOMIZED, randomized, died, recorded, now))
        expected = None if line is None else (line.study_day, line.target_date, line.state)
        assert _next_visit_of(randomized, died, settled, now) == expected
        checked += expected is not None
    assert checked > 100
