"""One patient's trends: SOFA (total and per organ, scoring.sofa) and chosen labs by visit."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from msc_desk.analysis.timeline import SupportKind
from msc_desk.analysis.trends import (
    LAB_MEASURES,
    SOFA_MEASURES,
    VISIT_DAYS,
    PatientTrends,
    TrendMeasure,
    TrendPoint,
    TrendSeries,
)
from msc_desk.catalogue import FIELDS
from msc_desk.models import Patient, VisitStatus
from msc_desk.models.database import SessionFactory
from msc_desk.scoring._numbers import InvalidInput
from msc_desk.scoring.sofa import SofaResult, compute_sofa
from msc_desk.services.actor import Actor
from msc_desk.services.patient_observations import RecordedVisit, recorded_visits
from msc_desk.services.patient_timeline import on_support
from msc_desk.services.patients import PatientNotFound
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.session import read_session
from msc_desk.timekeeping import Clock, system_clock

# The catalogue field each lab trend reads.
LAB_FIELDS: dict[TrendMeasure, str] = {
    TrendMeasure.IL6: "il6",
    TrendMeasure.IL10: "il10",
    TrendMeasure.PROCALCITONIN: "pct",
    TrendMeasure.CRP: "crp",
    TrendMeasure.LACTATE: "lactate",
    TrendMeasure.NEUTROPHILS: "neutrophils",
    TrendMeasure.PLATELETS: "platelets",
}
_SOFA_PART = {
    TrendMeasure.SOFA_TOTAL: "total",
    TrendMeasure.SOFA_RESPIRATION: "respiration",
    TrendMeasure.SOFA_COAGULATION: "coagulation",
    TrendMeasure.SOFA_LIVER: "liver",
    TrendMeasure.SOFA_CARDIOVASCULAR: "cardiovascular",
    TrendMeasure.SOFA_CNS: "cns",
    TrendMeasure.SOFA_RENAL: "renal",
}


def _fio2(visit: RecordedVisit) -> tuple[Decimal | None, Decimal | None]:
    """(fraction, percent): the catalogue stores a fraction; a value in percent says so."""
    value = visit.number("fio2")
    if value is not None and (visit.unit("fio2") in ("percent", "%") or value > 1):
        return None, value
    return value, None


def visit_sofa(visit: RecordedVisit) -> SofaResult | None:
    """SOFA of the visit's observations; None when they cannot be scored (an impossible value)."""
    ventilated = on_support(visit, SupportKind.VENTILATION)
    rrt = on_support(visit, SupportKind.RENAL_REPLACEMENT)
    fio2_fraction, fio2_percent = _fio2(visit)
    try:
        return compute_sofa(
            pao2_mmhg=visit.number("pao2"),
            on_ventilation=ventilated,
            platelets_10e9_per_l=visit.number("platelets"),
            bilirubin_umol_per_l=visit.number("bilirubin_total"),
            map_mmhg=visit.number("map"),
            dopamine_mcg_kg_min=visit.number("dopamine"),
            dobutamine_mcg_kg_min=visit.number("dobutamine"),
            epinephrine_mcg_kg_min=visit.number("epinephrine"),
            norepinephrine_mcg_kg_min=visit.number("norepinephrine"),
            gcs=visit.number("gcs"),
            sedated=visit.flag("sedated"),
            gcs_presedation=visit.number("gcs_presedation"),
            creatinine_umol_per_l=visit.number("creatinine"),
            urine_output_ml_per_day=visit.number("urine_output"),
            rrt=rrt,
            fio2_fraction=fio2_fraction,
            fio2_percent=fio2_percent,
        )
    except InvalidInput:
        return None


def trends_of(visits: list[RecordedVisit], language: str = "ru") -> PatientTrends:
    """The trend panels of the given visits (only visits marked done give points)."""
    done = {visit.study_day: visit for visit in visits if visit.status is VisitStatus.DONE}
    sofa = {day: visit_sofa(visit) for day, visit in done.items()}
    series = []
    for measure in SOFA_MEASURES:
        part = _SOFA_PART[measure]
        points = tuple(
            TrendPoint(day, None if sofa.get(day) is None else getattr(sofa[day], part))
            for day in VISIT_DAYS
        )
        series.append(TrendSeries(measure, "", points))
    for measure in LAB_MEASURES:
        code = LAB_FIELDS[measure]
        unit = FIELDS[code].unit
        points = tuple(
            TrendPoint(day, done[day].number(code) if day in done else None) for day in VISIT_DAYS
        )
        label = "" if unit is None else (unit.ru if language == "ru" else unit.en)
        series.append(TrendSeries(measure, label, points))
    return PatientTrends(tuple(series))


def patient_trends(
    factory: SessionFactory,
    actor: Actor,
    patient_id: int,
    *,
    language: str = "ru",
    clock: Clock = system_clock,
) -> PatientTrends:
    """SOFA and labs of the patient's completed visits, with the catalogue's units.

    Raises:
        PermissionDenied: the role may not view clinical data (the denial is audited).
        PatientNotFound: no such patient (or deleted).
    """
    authorize(factory, actor, Action.VIEW_CLINICAL, clock)
    with read_session(factory) as session:
        exists = session.scalar(
            select(Patient.id).where(Patient.id == patient_id, Patient.deleted_at.is_(None))
        )
        if exists is None:
            raise PatientNotFound(patient_id)
        visits = recorded_visits(session, patient_id)
    return trends_of(visits, language)
