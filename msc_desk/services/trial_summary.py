"""The trial summary from the database, by arm as the reader may see the arms.

A reader with VIEW_ALLOCATION sees «МСК» and «Контроль»; a blinded reviewer gets the
workspace's A/B letters and nothing that reveals an arm (no infusion counts, no relation of
adverse events to the cells).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.analysis.survival import SurvivalAnalysis, SurvivalRecord, analyse_survival
from msc_desk.catalogue.screening_criteria import failure_wording
from msc_desk.models import (
    AdverseEvent,
    AllocationSlot,
    Arm,
    Infusion,
    Observation,
    Outcome,
    Patient,
    Screening,
    Sex,
    Visit,
)
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.reports import summary
from msc_desk.reports.blocks import DASH
from msc_desk.reports.figures import ConsortFlow, FlowBox
from msc_desk.reports.page import PageStamp
from msc_desk.reports.progress import READING, Progress, no_progress
from msc_desk.scoring.visits import SCHEDULE
from msc_desk.services.actor import Actor
from msc_desk.services.adverse_events import shown_to_blinded
from msc_desk.services.audit import record_event
from msc_desk.services.blinding import arm_letters
from msc_desk.services.observation_sofa import SOFA_CODES, StoredRow, rows_sofa
from msc_desk.services.permissions import Action, is_allowed
from msc_desk.services.reports import PRINTED_EVENT, _device_site, _stable_read
from msc_desk.services.screening import count_consort, screening_log
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock

ARM_ORDER = (Arm.MSC, Arm.CONTROL)
OPEN_LABELS = {Arm.MSC: "МСК", Arm.CONTROL: "Контроль"}
_DAY = 86400.0


@dataclass
class _Randomized:
    arm: Arm
    randomized_at: datetime
    age: int | None = None
    sex: Sex | None = None
    anc: Decimal | None = None
    sofa_by_day: dict[int, int] | None = None
    died_at: datetime | None = None
    last_seen: datetime | None = None
    infused: bool = False
    events: int = 0
    serious: int = 0
    severe: int = 0


def _later(*instants: datetime | None) -> datetime | None:
    known = [instant for instant in instants if instant is not None]
    return max(known) if known else None


def median_iqr(values: Sequence[float]) -> str:
    """«12 (9–15), n = 20», with a decimal comma; a dash for no values."""
    if not values:
        return DASH
    ordered = sorted(values)
    middle = statistics.median(ordered)
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        text = f"{_short(middle)} ({_short(q1)}–{_short(q3)})"
    else:
        text = _short(middle)
    return f"{text}, n = {len(ordered)}"


def _short(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _share(count: int, total: int) -> str:
    return f"{count} ({100 * count / total:.0f} %)" if total else "0"


def _read_randomized(
    session_factory: SessionFactory, include_demo: bool, *, blinded: bool
) -> list[_Randomized]:
    patients: dict[int, _Randomized] = {}
    with read_session(session_factory) as session:
        query = (
            select(AllocationSlot, Screening)
            .join(Patient, Patient.id == AllocationSlot.patient_id)
            .outerjoin(Screening, Screening.patient_id == Patient.id)
            .where(AllocationSlot.arm.is_not(None), Patient.deleted_at.is_(None))
        )
        if not include_demo:
            query = query.where(Patient.is_demo.is_(False))
        for slot, screening in session.execute(query):
            assert slot.patient_id is not None and slot.revealed_at is not None
            assert slot.arm is not None
            patients[slot.patient_id] = _Randomized(
                arm=Arm(slot.arm),
                randomized_at=slot.revealed_at,
                age=None if screening is None else screening.age_years,
                sex=None if screening is None or screening.sex is None else Sex(screening.sex),
                anc=None if screening is None else screening.anc_10e9_per_l,
                sofa_by_day={},
            )
        _read_visits(session, patients)
        for outcome in session.scalars(select(Outcome)):
            found = patients.get(outcome.patient_id)
            if found is not None:
                found.died_at = outcome.died_at
                found.last_seen = _later(
                    found.last_seen, outcome.last_known_alive_at, outcome.discharged_at
                )
        for patient_id in session.scalars(
            select(Infusion.patient_id).where(Infusion.deleted_at.is_(None))
        ):
            if patient_id in patients:
                patients[patient_id].infused = True
        event_query = select(AdverseEvent).where(AdverseEvent.deleted_at.is_(None))
        if blinded:
            event_query = event_query.where(shown_to_blinded())
        for event in session.scalars(event_query):
            found = patients.get(event.patient_id)
            if found is not None:
                found.events += 1
                found.serious += int(event.serious)
                found.severe += int((event.grade or 0) >= 3)
    return list(patients.values())


def _read_visits(session: Session, patients: dict[int, _Randomized]) -> None:
    """Each randomized patient's last visit time and SOFA by study day, in two queries.

    Only the observations SOFA is scored from are read, as plain (code, value, text) rows.
    """
    by_visit: dict[int, list[StoredRow]] = defaultdict(list)
    observations = select(
        Observation.visit_id, Observation.code, Observation.value, Observation.value_text
    ).where(Observation.code.in_(sorted(SOFA_CODES)), Observation.deleted_at.is_(None))
    for visit_id, code, value, text in session.execute(observations):
        by_visit[visit_id].append((code, value, text))
    visits = select(Visit.id, Visit.patient_id, Visit.study_day, Visit.performed_at)
    for visit_id, patient_id, study_day, performed_at in session.execute(visits):
        found = patients.get(patient_id)
        if found is None:
            continue
        found.last_seen = _later(found.last_seen, performed_at)
        result = rows_sofa(by_visit.get(visit_id, ()))
        if result is not None and result.total is not None and found.sofa_by_day is not None:
            found.sofa_by_day[study_day] = result.total


def _survival_record(patient: _Randomized, label: str) -> SurvivalRecord:
    if patient.died_at is not None:
        days = (patient.died_at - patient.randomized_at).total_seconds() / _DAY
        return SurvivalRecord(label, max(days, 0.0), True)
    seen = patient.last_seen or patient.randomized_at
    return SurvivalRecord(
        label, max((seen - patient.randomized_at).total_seconds() / _DAY, 0.0), False
    )


def _per_arm(
    groups: dict[Arm, list[_Randomized]], arms: Sequence[Arm], values: object
) -> tuple[str, ...]:
    function = values
    assert callable(function)
    return tuple(function(groups[arm]) for arm in arms)


def _baseline(
    groups: dict[Arm, list[_Randomized]], arms: Sequence[Arm]
) -> tuple[summary.ArmRow, ...]:
    def numbers(extract: object) -> object:
        assert callable(extract)
        return lambda group: median_iqr(
            [float(v) for v in (extract(p) for p in group) if v is not None]
        )

    return (
        ("Пациентов", _per_arm(groups, arms, lambda group: str(len(group)))),
        ("Возраст, лет: медиана (МКР)", _per_arm(groups, arms, numbers(lambda p: p.age))),
        (
            "Мужчины, n (%)",
            _per_arm(
                groups,
                arms,
                lambda group: _share(sum(1 for p in group if p.sex is Sex.MALE), len(group)),
            ),
        ),
        (
            "SOFA исходно (день 0), баллы",
            _per_arm(groups, arms, numbers(lambda p: (p.sofa_by_day or {}).get(0))),
        ),
        ("АЧН, ×10⁹/л: медиана (МКР)", _per_arm(groups, arms, numbers(lambda p: p.anc))),
    )


def _sofa_trend(
    groups: dict[Arm, list[_Randomized]], arms: Sequence[Arm]
) -> tuple[summary.ArmRow, ...]:
    rows = []
    for visit in SCHEDULE:
        values = tuple(
            median_iqr(
                [
                    float(p.sofa_by_day[visit.day])
                    for p in groups[arm]
                    if p.sofa_by_day is not None and visit.day in p.sofa_by_day
                ]
            )
            for arm in arms
        )
        rows.append((f"День {visit.day}", values))
    return tuple(rows)


def _adverse_events(
    groups: dict[Arm, list[_Randomized]], arms: Sequence[Arm]
) -> tuple[summary.ArmRow, ...]:
    def patients_with(attribute: str) -> object:
        return lambda group: _share(sum(1 for p in group if getattr(p, attribute) > 0), len(group))

    return (
        ("Всего явлений", _per_arm(groups, arms, lambda g: str(sum(p.events for p in g)))),
        ("Пациенты с явлениями, n (%)", _per_arm(groups, arms, patients_with("events"))),
        ("Серьёзные явления", _per_arm(groups, arms, lambda g: str(sum(p.serious for p in g)))),
        (
            "Пациенты с серьёзными явлениями, n (%)",
            _per_arm(groups, arms, patients_with("serious")),
        ),
        (
            "Пациенты с явлениями степени ≥ 3, n (%)",
            _per_arm(groups, arms, patients_with("severe")),
        ),
    )


def _consort(
    rows: Iterable[object],
    groups: dict[Arm, list[_Randomized]],
    arms: Sequence[Arm],
    labels: Sequence[str],
    blinded: bool,
    analysis: SurvivalAnalysis,
) -> ConsortFlow:
    counts = count_consort(list(rows))  # type: ignore[arg-type]
    reasons = sorted(counts.excluded_by_reason.items(), key=lambda item: -item[1])
    excluded = FlowBox(
        (
            f"Не включены: n = {counts.excluded}",
            *[f"• {failure_wording(code, 'ru')}: {n}" for code, n in reasons],
            f"Соответствуют критериям, не рандомизированы: n = {counts.eligible_not_randomized}",
        )
    )
    columns = []
    for arm, label, mortality in zip(arms, labels, analysis.mortality, strict=True):
        group = groups[arm]
        allocated = [f"Распределены: n = {len(group)}"]
        if not blinded and arm is Arm.MSC:
            allocated.append(f"Получили инфузию: n = {sum(p.infused for p in group)}")
        columns.append(
            (
                FlowBox((label, *allocated)),
                FlowBox(
                    (
                        "Наблюдение 28 суток",
                        f"Умерли: n = {mortality.deaths}",
                        f"Живы на 28-е сутки: n = {mortality.alive}",
                        f"Наблюдение не завершено: n = {mortality.lost}",
                    )
                ),
                FlowBox(("Анализ", f"В анализе выживаемости: n = {mortality.patients}")),
            )
        )
    return ConsortFlow(
        screened=FlowBox(("Прошли скрининг", f"n = {counts.screened}")),
        excluded=excluded,
        randomized=FlowBox(("Рандомизированы", f"n = {sum(len(g) for g in groups.values())}")),
        arms=tuple(columns),
    )


def read_summary(
    factory: SessionFactory,
    actor: Actor,
    *,
    include_demo: bool = False,
    clock: Clock = system_clock,
    progress: Progress = no_progress,
) -> summary.SummaryData:
    """The summary's data as `actor` may read it (blinded without VIEW_ALLOCATION).

    `progress` hears each part of the reading (still step 0: it may cancel there).

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
        ReportCancelled: `progress` cancelled it.
    """
    progress(0, 1, f"{READING}: журнал скрининга")
    log = screening_log(factory, actor, include_demo=include_demo, clock=clock)
    blinded = not is_allowed(actor, Action.VIEW_ALLOCATION)
    if blinded:
        letters = arm_letters(factory, actor, clock)
        arms = tuple(sorted(Arm, key=lambda arm: letters[arm]))
        labels = tuple(f"Группа {letters[arm]}" for arm in arms)
    else:
        arms = ARM_ORDER
        labels = tuple(OPEN_LABELS[arm] for arm in arms)
    progress(0, 1, f"{READING}: визиты и SOFA")
    randomized = _read_randomized(factory, include_demo, blinded=blinded)
    progress(0, 1, f"{READING}: выживаемость")
    groups: dict[Arm, list[_Randomized]] = defaultdict(list)
    for patient in randomized:
        groups[patient.arm].append(patient)
    label_of = dict(zip(arms, labels, strict=True))
    analysis = analyse_survival((_survival_record(p, label_of[p.arm]) for p in randomized), labels)
    with read_session(factory) as session:
        site = _device_site(session, actor)
    return summary.SummaryData(
        study=STUDY,
        site=site,
        blinded=blinded,
        arms=labels,
        randomized=len(randomized),
        target=summary.TARGET_ENROLLMENT,
        consort=_consort(log, groups, arms, labels, blinded, analysis),
        baseline=_baseline(groups, arms),
        survival=analysis,
        sofa_by_day=_sofa_trend(groups, arms),
        adverse_events=_adverse_events(groups, arms),
    )


def print_summary(
    factory: SessionFactory,
    actor: Actor,
    *,
    include_demo: bool = False,
    clock: Clock = system_clock,
    progress: Progress = no_progress,
) -> bytes:
    """The trial summary as a PDF, stamped with the chain head; the print is audited.

    `progress` hears the reading, each section laid out and the page numbering.

    Raises:
        PermissionDenied, ReportError (the record kept changing while it was read),
        ReportCancelled (`progress` cancelled it; nothing is audited).
    """
    progress(0, 1, READING)
    # Draw the blinded letters first: drawing them is a write, and would move the chain head.
    if not is_allowed(actor, Action.VIEW_ALLOCATION):
        arm_letters(factory, actor, clock)
    data, head = _stable_read(
        factory,
        lambda: read_summary(
            factory, actor, include_demo=include_demo, clock=clock, progress=progress
        ),
    )
    stamp = PageStamp(f"{summary.TITLE} · {STUDY}", clock(), head, clock_label="по Москве")
    pdf = summary.build_summary(data, stamp, progress)
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, PRINTED_EVENT, detail=f"summary: {data.randomized}")
    return pdf
