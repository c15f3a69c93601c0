"""Demo outcomes and adverse events, checked and stored exactly as the follow-up services do.

Each demo patient follows one course: death before day 28 (in the ICU, or after leaving it),
survival with ICU and hospital discharges and a day-28 vital status and how it was confirmed,
withdrawal of consent, or loss to follow-up after discharge. The adverse events fit the
course: a fatal one on the day of death, the others between randomization and death.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from msc_desk.models import AdverseEvent, Arm, Outcome
from msc_desk.services import adverse_events, outcomes
from msc_desk.timekeeping import to_moscow

_HORIZON = timedelta(days=28)


class Fate(Enum):
    DIES = "dies"
    SURVIVES = "survives"
    WITHDRAWS = "withdraws"
    LOST = "lost"


@dataclass(frozen=True)
class Course:
    """What happens to one patient, as far as `now` lets it be known."""

    fate: Fate
    died_at: datetime | None = None
    cause: str | None = None
    icu_discharged_at: datetime | None = None
    hospital_discharged_at: datetime | None = None
    withdrawn_at: datetime | None = None
    lost_at: datetime | None = None
    """The day the patient is declared lost to follow-up (not reached after discharge)."""

    @property
    def ends_at(self) -> datetime | None:
        """After this instant no visit is done: death, withdrawal or the last contact."""
        if self.died_at is not None:
            return self.died_at
        if self.withdrawn_at is not None:
            return self.withdrawn_at
        if self.lost_at is not None:
            return self.hospital_discharged_at
        return None


_CAUSES = (
    "Рефрактерный септический шок, полиорганная недостаточность",
    "Септический шок, ОРДС тяжёлой степени",
    "Прогрессирование основного заболевания (острый миелобластный лейкоз)",
    "Внутримозговое кровоизлияние на фоне тромбоцитопении",
    "Инвазивный аспергиллёз лёгких, дыхательная недостаточность",
)
_FATAL_TERMS = {
    _CAUSES[0]: "Септический шок",
    _CAUSES[1]: "Острый респираторный дистресс-синдром",
    _CAUSES[2]: "Прогрессирование острого миелобластного лейкоза",
    _CAUSES[3]: "Внутримозговое кровоизлияние",
    _CAUSES[4]: "Инвазивный аспергиллёз лёгких",
}
# CTCAE term, grades it takes here, chance it is serious below grade 4, description.
_TERMS: tuple[tuple[str, tuple[int, ...], float, str | None], ...] = (
    ("Фебрильная нейтропения", (3, 4), 0.1, None),
    ("Гипокалиемия", (2, 3), 0.0, "Калий 2,9 ммоль/л, коррекция в/в"),
    ("Острое повреждение почек", (2, 3, 4), 0.3, "Креатинин 310 мкмоль/л, олигурия"),
    ("Тромбоцитопения", (3, 4), 0.0, None),
    ("Диарея", (1, 2), 0.0, None),
    ("Делирий", (2, 3), 0.0, "Гипоактивный делирий, CAM-ICU положительный"),
    ("Фибрилляция предсердий", (2, 3), 0.2, "Пароксизм, восстановлен ритм амиодароном"),
    ("Желудочно-кишечное кровотечение", (3, 4), 0.8, "Мелена, гемоглобин 62 г/л"),
    ("Пневмоторакс", (2, 3), 0.5, "После катетеризации подключичной вены"),
    ("Гипергликемия", (2, 3), 0.0, None),
    ("Мукозит полости рта", (2, 3), 0.0, None),
)


def _moscow(instant: datetime) -> datetime:
    """On the Moscow clock to the minute, as typed; rounded up, never before what it follows."""
    exact = to_moscow(instant)
    minute = exact.replace(second=0, microsecond=0)
    return minute if minute == exact else minute + timedelta(minutes=1)


def plan_course(
    arm: Arm, randomized_at: datetime, now: datetime, rng: random.Random, special: Fate | None
) -> Course:
    """Draw the course of one patient; `special` forces a withdrawal or a loss to follow-up."""
    elapsed = now - randomized_at
    dies = rng.random() < (0.45 if arm is Arm.MSC else 0.6)
    if special is None and dies:
        died_at = randomized_at + timedelta(days=rng.uniform(0.8, 25))
        if died_at <= now:
            icu = None
            if died_at - randomized_at > timedelta(days=12) and rng.random() < 0.25:
                icu = randomized_at + timedelta(days=rng.uniform(6, 10))  # died on the ward
            return Course(Fate.DIES, died_at=_moscow(died_at), cause=rng.choice(_CAUSES),
                          icu_discharged_at=_maybe(icu))  # fmt: skip
    icu_at = randomized_at + timedelta(days=rng.uniform(5, 16))
    hospital_at = icu_at + timedelta(days=rng.uniform(4, 12))
    icu = _moscow(icu_at) if icu_at <= now else None
    hospital = _moscow(hospital_at) if hospital_at <= now else None
    if special is Fate.WITHDRAWS and elapsed > timedelta(days=4):
        withdrawn = randomized_at + timedelta(days=rng.uniform(2, min(8, elapsed.days)))
        icu = icu if icu is not None and icu < withdrawn else None
        return Course(Fate.WITHDRAWS, icu_discharged_at=icu, withdrawn_at=_moscow(withdrawn))
    if special is Fate.LOST and hospital is not None and elapsed > _HORIZON + timedelta(days=3):
        lost = randomized_at + _HORIZON + timedelta(days=rng.uniform(1, 3))
        return Course(Fate.LOST, icu_discharged_at=icu, hospital_discharged_at=hospital,
                      lost_at=_moscow(lost))  # fmt: skip
    return Course(Fate.SURVIVES, icu_discharged_at=icu, hospital_discharged_at=hospital)


def _maybe(instant: datetime | None) -> datetime | None:
    return None if instant is None else _moscow(instant)


def outcome_values(
    course: Course, randomized_at: datetime, now: datetime, rng: random.Random
) -> dict[str, object] | None:
    """The outcome form as a site would fill it; None while nothing is known yet."""
    values: dict[str, object] = {name: None for name in outcomes.FIELDS}
    values.update(
        died=course.died_at is not None,
        withdrawn=course.withdrawn_at is not None or course.lost_at is not None,
        icu_discharged_at=course.icu_discharged_at,
        hospital_discharged_at=course.hospital_discharged_at,
    )
    if course.died_at is not None:
        values["died_at"] = course.died_at
        values["cause_of_death"] = course.cause
    elif course.withdrawn_at is not None:
        values.update(withdrawal_reason="consent_withdrawn", withdrawn_at=course.withdrawn_at,
                      last_known_alive_at=course.withdrawn_at,
                      vital_status_source="in_person")  # fmt: skip
    elif course.lost_at is not None:
        values.update(withdrawal_reason="lost_to_follow_up", withdrawn_at=course.lost_at,
                      last_known_alive_at=course.hospital_discharged_at,
                      vital_status_source="records")  # fmt: skip
    else:
        seen = randomized_at + _HORIZON + timedelta(hours=rng.uniform(2, 40))
        if seen <= now:
            in_hospital = course.hospital_discharged_at is None
            draw = rng.random()
            source = (
                "in_person" if in_hospital or draw < 0.1
                else "phone" if draw < 0.8
                else "records"
            )  # fmt: skip
            values.update(last_known_alive_at=_moscow(seen), vital_status_source=source)
        elif course.icu_discharged_at is None:
            return None
    return values


def outcome_row(
    patient_id: int, values: dict[str, object], randomized_at: datetime, now: datetime
) -> tuple[Outcome, dict[str, object]]:
    """The outcome row the outcome service would store, and its checked values.

    Raises:
        InvalidField: the values break one of the outcome service's rules.
    """
    stored = outcomes.check_values(values, randomized_at, now)
    outcome = Outcome(patient_id=patient_id)
    outcomes.store(outcome, stored)
    return outcome, stored


def event_values(
    arm: Arm, course: Course, randomized_at: datetime, now: datetime, rng: random.Random
) -> list[dict[str, object]]:
    """The adverse-event forms of one patient, a fatal event first when the patient died."""
    until = min(now, course.ends_at or now, randomized_at + _HORIZON)
    span = (until - randomized_at).total_seconds() / 86400
    forms: list[dict[str, object]] = []
    if course.died_at is not None:
        onset = max(course.died_at - timedelta(days=rng.uniform(0.5, 3)), randomized_at)
        assert course.cause is not None
        relation = _relation(arm, rng, fatal=True)
        fatal = _event(_FATAL_TERMS[course.cause], onset, course.died_at, 5, "death", relation,
                       "treatment", "fatal", None)  # fmt: skip
        forms.append(fatal)
    if span < 0.3:
        return forms
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 2, 3))):
        term, grades, serious_rate, description = rng.choice(_TERMS)
        grade = rng.choice(grades)
        onset = randomized_at + timedelta(days=rng.uniform(0.2, span))
        serious = grade >= 4 or rng.random() < serious_rate
        reason = None
        if serious:
            reason = "life_threatening" if grade >= 4 else rng.choice(
                ("hospitalization", "other_important")
            )  # fmt: skip
        end = onset + timedelta(days=rng.uniform(0.5, 7))
        if end > until:
            end_at, outcome = None, ("not_recovered" if course.died_at else "recovering")
        else:
            end_at, outcome = end, ("sequelae" if rng.random() < 0.1 else "recovered")
        action = "none" if grade == 1 else "treatment"
        text = description if rng.random() < 0.6 else None
        forms.append(_event(term, onset, end_at, grade, reason, _relation(arm, rng),
                            action, outcome, text))  # fmt: skip
    return forms


def _relation(arm: Arm, rng: random.Random, *, fatal: bool = False) -> str:
    draw = rng.random()
    if arm is not Arm.MSC or fatal:
        return "not_related" if draw < 0.85 else "unlikely"
    return "not_related" if draw < 0.6 else "unlikely" if draw < 0.85 else "possible"


def _event(
    term: str,
    onset: datetime,
    end: datetime | None,
    grade: int,
    serious_reason: str | None,
    relation: str,
    action: str,
    outcome: str,
    description: str | None,
) -> dict[str, object]:
    return {
        "ae_term": term,
        "ae_onset_at": _moscow(onset),
        "ae_end_at": None if end is None else _moscow(end),
        "ae_grade": grade,
        "ae_serious": serious_reason is not None,
        "ae_serious_reason": serious_reason,
        "ae_relation_to_msc": relation,
        "ae_action": action,
        "ae_outcome": outcome,
        "ae_description": description,
    }


def event_row(
    patient_id: int, values: dict[str, object], randomized_at: datetime, now: datetime
) -> AdverseEvent:
    """The adverse-event row the adverse-event service would store.

    Raises:
        InvalidField: the values break one of the adverse-event service's rules.
    """
    checked = adverse_events.check_values(values, randomized_at, now)
    event = AdverseEvent(patient_id=patient_id, serious=checked.serious)
    adverse_events.store(event, checked)
    return event
