"""Cross-form checks of a visit: contradictions with the outcome, the schedule and itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from msc_desk.catalogue.validation import Value
from msc_desk.scoring import visits as schedule
from msc_desk.services.visit_sofa import VASOACTIVE

OUTSIDE_WINDOW = "outside_window"
AFTER_DEATH = "visit_after_death"
DAY28_STATUS_UNKNOWN = "day28_vital_status_unknown"
DISCHARGE_BEFORE_RANDOMIZATION = "discharge_before_randomization"
VASOPRESSORS_WITHOUT_DOSE = "vasopressors_without_dose"
SEX_DIFFERS_FROM_SCREENING = "sex_differs_from_screening"
DAY28_WINDOW = schedule.visit_on_day(28)


@dataclass(frozen=True)
class Finding:
    """A contradiction to show on the form; `field` is the form field it concerns, if any."""

    code: str
    field: str | None = None


@dataclass(frozen=True)
class PatientFacts:
    """What the other forms say of the patient (screening, outcome, the visits performed)."""

    randomized_at: datetime
    died_at: datetime | None = None
    discharged_at: datetime | None = None
    last_known_alive_at: datetime | None = None
    visits_performed_at: tuple[datetime, ...] = ()
    screening_sex: str | None = None


def _day(facts: PatientFacts, at: datetime) -> int:
    return schedule.study_day(randomization=facts.randomized_at, at=at)


def day28_status_established(facts: PatientFacts) -> bool:
    """Dead by day 28, or seen alive on a day of the day-28 window or later."""
    if facts.died_at is not None and _day(facts, facts.died_at) <= DAY28_WINDOW.day:
        return True
    alive = [facts.last_known_alive_at, *facts.visits_performed_at]
    return any(at is not None and _day(facts, at) >= DAY28_WINDOW.first_day for at in alive)


def _on_vasopressors_without_dose(values: Mapping[str, Value]) -> bool:
    if values.get("vasopressors") is not True:
        return False
    doses = [values.get(drug) for drug in VASOACTIVE if drug != "dobutamine"]
    return not any(isinstance(dose, Decimal | int) and dose > 0 for dose in doses)


def visit_findings(
    study_day: int,
    performed_at: datetime | None,
    values: Mapping[str, Value],
    facts: PatientFacts,
    now: datetime,
) -> tuple[Finding, ...]:
    """The cross-form findings of the visit on `study_day`, in a fixed order.

    - outside_window: performed outside the protocol window (a protocol deviation);
    - visit_after_death: performed after the recorded death;
    - discharge_before_randomization: the outcome's discharge precedes randomization;
    - day28_vital_status_unknown: the day-28 window (26–30) has closed and neither a death by
      day 28 nor the patient seen alive in or after the window is recorded;
    - vasopressors_without_dose: "on vasopressors" with no vasopressor dose on the form;
    - sex_differs_from_screening: the form's sex is not the one the screening recorded.
    """
    found: list[Finding] = []
    visit = schedule.visit_on_day(study_day)
    if performed_at is not None:
        if not schedule.in_window(visit, randomization=facts.randomized_at, at=performed_at):
            found.append(Finding(OUTSIDE_WINDOW))
        if facts.died_at is not None and performed_at > facts.died_at:
            found.append(Finding(AFTER_DEATH))
    if facts.discharged_at is not None and facts.discharged_at < facts.randomized_at:
        found.append(Finding(DISCHARGE_BEFORE_RANDOMIZATION))
    closed = _day(facts, now) > DAY28_WINDOW.last_day
    seen = facts.visits_performed_at + (() if performed_at is None else (performed_at,))
    with_this_visit = replace(facts, visits_performed_at=seen)
    if study_day == DAY28_WINDOW.day and closed and not day28_status_established(with_this_visit):
        found.append(Finding(DAY28_STATUS_UNKNOWN))
    if _on_vasopressors_without_dose(values):
        found.append(Finding(VASOPRESSORS_WITHOUT_DOSE, "vasopressors"))
    sex = values.get("sex")
    if sex is not None and facts.screening_sex is not None and sex != facts.screening_sex:
        found.append(Finding(SEX_DIFFERS_FROM_SCREENING, "sex"))
    return tuple(found)
