"""Replaying the audit log rebuilds the current data, whatever sequence of edits came before."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
)
from seeding import new_workspace
from sqlalchemy import select

from msc_desk.models import (
    MissingReason,
    Observation,
    Patient,
    PatientIdentification,
    PatientStatus,
    Visit,
    VisitStatus,
)
from msc_desk.services.audit_review import current_state, replay, verify_chain
from msc_desk.services.session import read_session, unit_of_work

MOSCOW = ZoneInfo("Europe/Moscow")

names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12
)
values = st.none() | st.decimals(min_value=-1000, max_value=1000, places=2)
instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(MOSCOW)
)
codes = st.sampled_from(["lactate", "map", "creatinine", "platelets", "gcs"])


class AuditReplay(RuleBasedStateMachine):
    patients = Bundle("patients")
    visits = Bundle("visits")
    observations = Bundle("observations")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.now = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
        self.workspace = new_workspace(Path(self.folder.name) / "ws", self.clock).workspace
        self.count = 0
        self.visit_keys: set[tuple[int, int]] = set()
        self.observation_keys: set[tuple[int, str]] = set()

    def clock(self) -> datetime:
        self.now += timedelta(seconds=7)
        return self.now

    def _work(self, reason: str | None = None):
        return unit_of_work(
            self.workspace.factory, self.workspace.actor, reason=reason, clock=self.clock
        )

    @rule(target=patients, name=names, mrn=st.none() | names)
    def add_patient(self, name: str, mrn: str | None) -> int:
        self.count += 1
        with self._work() as session:
            patient = Patient(
                study_id=f"MSC-{self.count:03}",
                site_id=1,
                status=PatientStatus.SCREENING,
                created_at=self.clock(),
            )
            session.add(patient)
            session.flush()
            session.add(
                PatientIdentification(
                    patient_id=patient.id, full_name=name, medical_record_number=mrn
                )
            )
            return patient.id

    @rule(target=visits, patient=patients, day=st.sampled_from([0, 2, 3, 7, 14, 21, 28]))
    def add_visit(self, patient: int, day: int):
        if (patient, day) in self.visit_keys:
            return multiple()
        self.visit_keys.add((patient, day))
        with self._work() as session:
            visit = Visit(patient_id=patient, study_day=day, status=VisitStatus.SCHEDULED)
            session.add(visit)
            session.flush()
            return visit.id

    @rule(target=observations, visit=visits, code=codes, value=values, at=st.none() | instants)
    def add_observation(self, visit: int, code: str, value: Decimal | None, at: datetime | None):
        if (visit, code) in self.observation_keys:
            return multiple()
        self.observation_keys.add((visit, code))
        with self._work() as session:
            observation = Observation(
                visit_id=visit,
                code=code,
                value=value,
                measured_at=at,
                missing_reason=MissingReason.NOT_DONE if value is None else None,
            )
            session.add(observation)
            session.flush()
            return observation.id

    @rule(observation=observations, value=values, text=st.none() | names, reason=names)
    def edit_observation(
        self, observation: int, value: Decimal | None, text: str | None, reason: str
    ) -> None:
        with self._work(reason) as session:
            saved = session.get_one(Observation, observation)
            saved.value = value
            saved.value_text = text

    @rule(observation=observations)
    def delete_observation(self, observation: int) -> None:
        with self._work("entered in error") as session:
            saved = session.get_one(Observation, observation)
            if saved.deleted_at is None:
                saved.deleted_at = self.clock()

    @rule(visit=visits, status=st.sampled_from(list(VisitStatus)), at=st.none() | instants)
    def edit_visit(self, visit: int, status: VisitStatus, at: datetime | None) -> None:
        with self._work("visit documented") as session:
            saved = session.get_one(Visit, visit)
            saved.status, saved.performed_at = status, at

    @rule(patient=patients, status=st.sampled_from(list(PatientStatus)), name=names)
    def edit_patient(self, patient: int, status: PatientStatus, name: str) -> None:
        with self._work("corrected") as session:
            session.get_one(Patient, patient).status = status
            identification = session.scalars(
                select(PatientIdentification).where(PatientIdentification.patient_id == patient)
            ).one()
            identification.full_name = name

    @precondition(lambda self: self.count > 0)
    @rule(patient=patients)
    def delete_patient(self, patient: int) -> None:
        with self._work("screened twice") as session:
            saved = session.get_one(Patient, patient)
            if saved.deleted_at is None:
                saved.deleted_at = self.clock()

    @invariant()
    def replay_rebuilds_the_current_data(self) -> None:
        with read_session(self.workspace.factory) as session:
            assert replay(session) == current_state(session)
            assert verify_chain(session) is None

    def teardown(self) -> None:
        self.workspace.close()
        self.folder.cleanup()


AuditReplay.TestCase.settings = settings(
    max_examples=10,
    stateful_step_count=10,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_replay_equals_current_state = AuditReplay.TestCase
