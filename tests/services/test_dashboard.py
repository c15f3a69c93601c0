"""The trial dashboard's counts on a known ward, and what a blinded reviewer sees of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from msc_desk.catalogue import VISIT_FORM
from msc_desk.models import (
    AdverseEvent,
    DataQuery,
    Infusion,
    MissingReason,
    Observation,
    Outcome,
    Patient,
    PatientStatus,
    Role,
    User,
    Visit,
    VisitStatus,
)
from msc_desk.models.database import SessionFactory
from msc_desk.services import dashboard as dashboard_service
from msc_desk.services.actor import Actor
from msc_desk.services.dashboard import TrialDashboard, form_completeness, trial_dashboard
from msc_desk.services.data_completeness import FormCompleteness
from msc_desk.services.permissions import PermissionDenied
from msc_desk.services.session import unit_of_work
from msc_desk.timekeeping import MOSCOW
from tests.ui.trial_builder import ACTOR as SYSTEM
from tests.ui.trial_builder import NOW, add_patient, open_trial, seed_ward

INVESTIGATOR = Actor(None, "ivanov", Role.INVESTIGATOR, "test-laptop")
REVIEWER = Actor(None, "statistician", Role.BLINDED_REVIEWER, "test-laptop")
NURSE_WITHOUT_CLINICAL = Actor(None, "admin", Role.ADMIN, "test-laptop")


@pytest.fixture
def ward(tmp_path: Path) -> Iterator[tuple[SessionFactory, dict[str, int]]]:
    with open_trial(tmp_path) as factory:
        ids = seed_ward(factory, NOW)
        with unit_of_work(factory, SYSTEM) as session:
            monitor = User(username="monitor", full_name="Монитор", role=Role.MONITOR,
                           created_at=NOW)  # fmt: skip
            session.add(monitor)
            session.flush()
            by_study = dict(session.execute(select(Patient.study_id, Patient.id)).all())
            for study_id in ("MSC-001", "MSC-004"):
                session.add(
                    Infusion(
                        patient_id=by_study[study_id],
                        started_at=NOW - timedelta(days=14),
                        weight_kg=Decimal(70),
                    )
                )
            session.add(  # recorded but never started: not infused
                Infusion(patient_id=by_study["MSC-007"], weight_kg=Decimal(60))
            )
            session.add_all(
                [
                    AdverseEvent(patient_id=by_study["MSC-004"], term="Пневмоторакс",
                                 onset_at=NOW - timedelta(days=2), serious=True),
                    AdverseEvent(patient_id=by_study["MSC-007"], term="Озноб",
                                 onset_at=NOW - timedelta(days=1),
                                 resolved_at=NOW - timedelta(hours=5)),
                    AdverseEvent(patient_id=by_study["MSC-005"], term="Сыпь",
                                 onset_at=NOW - timedelta(days=1),
                                 deleted_at=NOW - timedelta(hours=1)),
                    AdverseEvent(patient_id=by_study["MSC-005"], term="Гипокалиемия",
                                 onset_at=NOW - timedelta(days=3)),
                ]
            )  # fmt: skip
            for study_id, closed in (("MSC-005", None), ("MSC-005", None), ("MSC-005", NOW),
                                     ("MSC-007", None)):  # fmt: skip
                session.add(
                    DataQuery(patient_id=by_study[study_id], text="?", raised_by_id=monitor.id,
                              raised_at=NOW - timedelta(days=1), closed_at=closed)
                )  # fmt: skip
        assert len(ids) == 10
        yield factory, by_study


def _dashboard(factory: SessionFactory, actor: Actor = INVESTIGATOR) -> TrialDashboard:
    return trial_dashboard(factory, actor, NOW)


def test_consort_flow_counts_the_ward(ward: tuple[SessionFactory, dict[str, int]]) -> None:
    consort = _dashboard(ward[0]).consort
    assert (consort.screened, consort.excluded, consort.eligible_not_randomized) == (10, 2, 1)
    assert consort.excluded_by_reason == {"shock_onset_gt_10h": 1, "anc_gt_1.0": 1, "age_gt_75": 1}
    flows = {flow.arm: flow for flow in consort.arms}
    msc, control = flows["msc"], flows["control"]
    # MSC: 001 alive at day 28, 004 and 007 still followed; two infusions started.
    assert (msc.randomized, msc.infused, msc.completed_day28, msc.died) == (3, 2, 1, 0)
    assert (msc.lost, msc.in_follow_up) == (0, 2)
    # Control: 002 died on day 5, 008 withdrawn (lost), 005 and 009 still followed.
    assert (control.randomized, control.infused, control.completed_day28) == (4, 0, 0)
    assert (control.died, control.lost, control.in_follow_up) == (1, 1, 2)


def test_enrollment_is_cumulative_by_moscow_date(
    ward: tuple[SessionFactory, dict[str, int]],
) -> None:
    dashboard = _dashboard(ward[0])
    assert dashboard.target == 30
    assert dashboard.randomized == 7
    counts = [count for _, count in dashboard.enrollment]
    assert counts == sorted(counts) and len(counts) == 7  # seven randomization dates
    assert dashboard.enrollment[-1][0] == (NOW - timedelta(hours=1)).astimezone(MOSCOW).date()


def test_visits_due_and_overdue_by_patient(ward: tuple[SessionFactory, dict[str, int]]) -> None:
    due = _dashboard(ward[0]).visits_due
    assert [(v.study_id, v.study_day, v.overdue) for v in due] == [
        ("MSC-005", 7, True),
        ("MSC-007", 3, False),
        ("MSC-009", 0, False),
    ]


def test_open_adverse_events_and_queries(ward: tuple[SessionFactory, dict[str, int]]) -> None:
    dashboard = _dashboard(ward[0])
    assert [(e.study_id, e.term, e.serious) for e in dashboard.open_adverse_events] == [
        ("MSC-004", "Пневмоторакс", True),
        ("MSC-005", "Гипокалиемия", False),
    ]
    assert [(q.study_id, q.open_queries) for q in dashboard.open_queries] == [
        ("MSC-005", 2),
        ("MSC-007", 1),
    ]


def test_completeness_counts_values_and_reasons_on_done_visits(tmp_path: Path) -> None:
    randomized = NOW - timedelta(days=5)
    with open_trial(tmp_path) as factory:
        patient_id = add_patient(
            factory, "MSC-001", PatientStatus.RANDOMIZED, screened_at=randomized,
            randomized_at=randomized, visits={2: VisitStatus.DONE, 3: VisitStatus.MISSED},
        )  # fmt: skip
        with unit_of_work(factory, SYSTEM) as session:
            visits = {
                day: visit_id
                for day, visit_id in session.execute(
                    select(Visit.study_day, Visit.id).where(Visit.patient_id == patient_id)
                )
            }
            done, missed = visits[2], visits[3]
            session.add_all(
                [
                    Observation(visit_id=done, code="creatinine", value=Decimal(120)),
                    Observation(visit_id=done, code="il6", missing_reason=MissingReason.NOT_DONE),
                    Observation(visit_id=done, code="rrt", value_text="none"),
                    Observation(visit_id=done, code="crp"),  # neither value nor reason
                    Observation(visit_id=done, code="map", value=Decimal(70), deleted_at=NOW),
                    Observation(visit_id=missed, code="lactate", value=Decimal(2)),
                ]
            )
        forms = {
            form.form: form for form in trial_dashboard(factory, INVESTIGATOR, NOW).completeness
        }
    required_on_day_2 = [
        item
        for item in VISIT_FORM.fields()
        if item.required and not item.computed and item.required_if is None and 2 in item.visits
    ]
    assert forms["visit"].expected == len(required_on_day_2) > 20
    assert forms["visit"].answered == 3


def test_blinded_reviewer_sees_letters_and_no_infusions(
    ward: tuple[SessionFactory, dict[str, int]],
) -> None:
    dashboard = _dashboard(ward[0], REVIEWER)
    assert sorted(flow.arm for flow in dashboard.consort.arms) == ["A", "B"]
    assert all(flow.infused is None for flow in dashboard.consort.arms)
    text = repr(dashboard).lower()
    assert "'msc'" not in text
    assert "'control'" not in text
    # The same ward, arm by arm: the letters map onto the real arms one to one.
    seen = {flow.randomized for flow in _dashboard(ward[0]).consort.arms}
    assert {flow.randomized for flow in dashboard.consort.arms} == seen


def test_reading_the_dashboard_needs_clinical_access(
    ward: tuple[SessionFactory, dict[str, int]],
) -> None:
    with pytest.raises(PermissionDenied):
        _dashboard(ward[0], NURSE_WITHOUT_CLINICAL)


def test_completeness_covers_the_adverse_event_and_outcome_forms(tmp_path: Path) -> None:
    randomized = NOW - timedelta(days=5)
    with open_trial(tmp_path) as factory:
        first, second = (
            add_patient(
                factory,
                study_id,
                PatientStatus.RANDOMIZED,
                screened_at=randomized,
                randomized_at=randomized,
            )  # fmt: skip
            for study_id in ("MSC-001", "MSC-002")
        )
        with unit_of_work(factory, SYSTEM) as session:
            onset = NOW - timedelta(days=2)
            session.add_all(
                [
                    # 7 required (no reason: not serious), all answered
                    AdverseEvent(
                        patient_id=first,
                        term="Rash",
                        onset_at=onset,
                        grade=1,
                        serious=False,
                        related_to_msc="unlikely",
                        action_taken="none",
                        outcome="recovered",
                    ),  # fmt: skip
                    # 8 required (serious: a reason too), grade and reason missing
                    AdverseEvent(
                        patient_id=second,
                        term="Sepsis",
                        onset_at=onset,
                        serious=True,
                        related_to_msc="not_related",
                        action_taken="treatment",
                        outcome="recovering",
                    ),  # fmt: skip
                    # removed: not counted
                    AdverseEvent(patient_id=second, term="Typo", onset_at=onset, deleted_at=NOW),
                    # died, withdrawn, time of death, cause (missing): 4 required, 3 answered
                    Outcome(patient_id=first, died_at=NOW - timedelta(days=1)),
                    # died and withdrawn only, both answered (no)
                    Outcome(patient_id=second, last_known_alive_at=NOW),
                ]
            )
        forms = {form.form: form for form in form_completeness(factory, INVESTIGATOR)}
        in_dashboard = trial_dashboard(factory, INVESTIGATOR, NOW).completeness
        reviewer = {form.form for form in form_completeness(factory, REVIEWER)}
    assert (forms["adverse_event"].expected, forms["adverse_event"].answered) == (15, 13)
    assert (forms["outcome"].expected, forms["outcome"].answered) == (6, 5)
    assert {form.form for form in in_dashboard} == set(forms)
    # forms filled only for the MSC arm: their counts would tell a blinded reader the arm
    assert {"infusion", "infusion_vitals"} <= set(forms)
    assert reviewer == set(forms) - {"infusion", "infusion_vitals"}
    assert [form.form for form in in_dashboard][-2:] == ["adverse_event", "outcome"]


def test_completeness_is_counted_again_only_after_a_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: list[int] = []
    counting = dashboard_service.visit_form_completeness

    def spying(factory: SessionFactory, *, include_demo: bool = False) -> list[FormCompleteness]:
        counts.append(1)
        return counting(factory, include_demo=include_demo)

    monkeypatch.setattr(dashboard_service, "visit_form_completeness", spying)
    randomized = NOW - timedelta(days=5)
    with open_trial(tmp_path) as factory:
        patient_id = add_patient(
            factory, "MSC-001", PatientStatus.RANDOMIZED, screened_at=randomized,
            randomized_at=randomized, visits={2: VisitStatus.DONE},
        )  # fmt: skip

        def visit_answered() -> int:
            forms = {form.form: form for form in form_completeness(factory, INVESTIGATOR)}
            return forms["visit"].answered

        assert visit_answered() == 0
        assert visit_answered() == 0  # nothing written: the count is reused
        assert len(counts) == 1
        assert form_completeness(factory, INVESTIGATOR, include_demo=True)  # its own count
        assert len(counts) == 2
        with unit_of_work(factory, SYSTEM) as session:
            visit_id = session.scalar(select(Visit.id).where(Visit.patient_id == patient_id))
            session.add(Observation(visit_id=visit_id, code="creatinine", value=Decimal(120)))
        assert visit_answered() == 1  # a write: counted again
        assert len(counts) == 3
