"""Reading an MSC patient's infusions for the tab, and printing the bedside infusion sheet."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from msc_desk.catalogue.infusion_form import WEIGHT_SOURCES
from msc_desk.models import Infusion, Patient, User
from msc_desk.models.database import SessionFactory
from msc_desk.protocol import STUDY
from msc_desk.reports.infusion_sheet import (
    TITLE,
    InfusionSheet,
    SheetCheck,
    build_infusion_sheet,
)
from msc_desk.reports.page import PageStamp
from msc_desk.services.actor import Actor
from msc_desk.services.audit import record_event
from msc_desk.services.infusion import InfusionRefused, msc_patient
from msc_desk.services.permissions import Action, authorize
from msc_desk.services.reports import PRINTED_EVENT, read_chain_head
from msc_desk.services.session import read_session, unit_of_work
from msc_desk.timekeeping import Clock, system_clock


@dataclass(frozen=True)
class InfusionLine:
    """One infusion day as the tab lists it."""

    infusion_id: int
    infusion_day: int
    product_lot: str
    target_dose: Decimal
    volume_ml: Decimal
    checked: bool
    started_at: datetime | None
    achieved_dose: Decimal | None
    late: bool
    dose_deviation: bool
    weight_kg: Decimal | None = None
    concentration_cells_per_ml: Decimal | None = None
    viability_percent: Decimal | None = None


def patient_infusions(
    factory: SessionFactory, actor: Actor, patient_id: int, clock: Clock = system_clock
) -> list[InfusionLine]:
    """The patient's infusion days; refused for a blinded reader and for a control patient."""
    authorize(factory, actor, Action.VIEW_ALLOCATION, clock)
    with read_session(factory) as session:
        msc_patient(session, patient_id)
        rows = session.scalars(
            select(Infusion)
            .where(Infusion.patient_id == patient_id, Infusion.deleted_at.is_(None))
            .order_by(Infusion.infusion_day, Infusion.id)
        ).all()
        return [
            InfusionLine(
                row.id,
                row.infusion_day,
                row.product_lot or "",
                row.target_dose_million_cells_per_kg or Decimal(0),
                row.volume_ml or Decimal(0),
                row.checked_by_id is not None,
                row.started_at,
                row.achieved_dose_million_cells_per_kg,
                row.late_deviation_reason is not None,
                row.dose_deviation_reason is not None,
                row.weight_kg,
                row.product_concentration_cells_per_ml,
                row.viability_percent,
            )
            for row in rows
        ]


def first_infusion_started(factory: SessionFactory, patient_id: int) -> bool:
    """Whether an infusion has started (the patient view's deadline stops then)."""
    with read_session(factory) as session:
        found = session.scalar(
            select(Infusion.id).where(
                Infusion.patient_id == patient_id,
                Infusion.started_at.is_not(None),
                Infusion.deleted_at.is_(None),
            )
        )
        return found is not None


def _name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return None if user is None else user.full_name


def print_infusion_sheet(
    factory: SessionFactory, actor: Actor, infusion_id: int, clock: Clock = system_clock
) -> bytes:
    """The bedside sheet of one infusion day as a PDF; the print is audited."""
    authorize(factory, actor, Action.VIEW_ALLOCATION, clock)
    with read_session(factory) as session:
        infusion = session.get(Infusion, infusion_id)
        if infusion is None or infusion.deleted_at is not None:
            raise InfusionRefused("not_found")
        msc_patient(session, infusion.patient_id)
        patient = session.get(Patient, infusion.patient_id)
        assert patient is not None
        head = read_chain_head(session)
        assert infusion.volume_ml is not None and infusion.weight_kg is not None
        assert infusion.target_dose_million_cells_per_kg is not None
        container = infusion.container_volume_ml or infusion.volume_ml
        source = next(
            (choice.ru for choice in WEIGHT_SOURCES if choice.code == infusion.weight_source), ""
        )
        sheet = InfusionSheet(
            study_id=patient.study_id,
            infusion_day=infusion.infusion_day,
            product_lot=infusion.product_lot or "",
            weight_kg=infusion.weight_kg,
            weight_source=source,
            target_dose=infusion.target_dose_million_cells_per_kg,
            concentration_cells_per_ml=infusion.product_concentration_cells_per_ml or Decimal(0),
            viability_percent=infusion.viability_percent or Decimal(0),
            viable_cells=infusion.weight_kg
            * infusion.target_dose_million_cells_per_kg
            * Decimal(10**6),
            volume_ml=infusion.volume_ml,
            container_volume_ml=container,
            container_count=max(1, math.ceil(infusion.volume_ml / container)),
            prepared=SheetCheck(_name(session, infusion.prepared_by_id), infusion.prescribed_at),
            checked=SheetCheck(_name(session, infusion.checked_by_id), infusion.checked_at),
        )
    stamp = PageStamp(f"{TITLE} · {STUDY}", clock(), head)
    pdf = build_infusion_sheet(sheet, stamp)
    with unit_of_work(factory, actor, clock=clock) as session:
        record_event(session, PRINTED_EVENT, detail=f"infusion_sheet: {infusion_id}")
    return pdf
